package snmp

import "github.com/voxlan/voxlan/snapshot"

// Huawei VRP keeps its voice VLAN in HUAWEI-L2VLAN-MIB, not in a voice VLAN
// module of its own (MIB text: HUAWEI-L2VLAN-MIB V2.15, LAST-UPDATED
// 202207270000Z, as LibreNMS ships it in mibs/huawei; hwL2VlanApply =
// hwDatacomm 42.3.1.2 = 1.3.6.1.4.1.2011.5.25.42.3.1.2):
//
//	.22.0   hwL2VlanVoiceVlanEnabledVlanId "the global voice VLAN ID. Global
//	        voice VLAN is enabled if the value ranges from 1 to 4094; ...
//	        disabled if the value is 0."
//	.25.1.2.port hwL2VlanVoiceVlanPortEnable EnabledStatus enabled(1)
//	        disabled(2); index hwL2VlanVoiceVlanPortIndex, "the port index on
//	        which voice vlan is enabled" (1..65535): Huawei's port index, the
//	        dot1dBasePort (HUAWEI-L2IF-MIB hwL2IfPortIndex), so mapped through
//	        dot1dBasePortIfIndex
//	.32.1.2.ifIndex hwL2VlanMultiVoiceVlanPortVLanId: the port's own voice
//	        VLAN (V200R's "voice-vlan VID enable" in interface view);
//	        hwL2VlanMultiVoiceVlanIfIndex is an InterfaceIndex
//	.32.1.5.ifIndex hwL2VlanMultiVoiceVlanPortRowStatus (active(1))
const (
	oidHwVoiceVlanEnabledID    = "1.3.6.1.4.1.2011.5.25.42.3.1.2.22"
	oidHwVoiceVlanPortEnable   = "1.3.6.1.4.1.2011.5.25.42.3.1.2.25.1.2"
	oidHwMultiVoiceVlanID      = "1.3.6.1.4.1.2011.5.25.42.3.1.2.32.1.2"
	oidHwMultiVoiceVlanRowStat = "1.3.6.1.4.1.2011.5.25.42.3.1.2.32.1.5"
)

// HP-ICF-BRIDGE (hpicfBridge = hpSwitch 12; MIB text: netdisco-mibs
// hp/hpicfbridge.mib, LAST-UPDATED 202011180000Z; the table came in revision
// 200902110000Z): AOS-S's "vlan VID voice" flag.
//
//	hpicfBridgeVoiceVlanConfigTable AUGMENTS dot1qVlanStaticEntry (index
//	dot1qVlanIndex = the VLAN id)
//	  .1  hpicfBridgeVoiceVlanEnable TruthValue: "Labels the VLAN as a Voice
//	      VLAN", DEFVAL false
//
// AOS-S has no per-port voice setting: LLDP-MED advertises a voice VLAN on
// the ports that belong to it (its "VLAN operating rules"). As the
// aruba_aoss driver reads its configuration, a port tagged in one VLAN only,
// a voice-labelled one, is an access port with a phone: that VLAN is its
// voiceVlan. A port tagged in more (an uplink) carries voice among others.
const oidHpicfBridgeVoiceVlanEnable = "1.3.6.1.4.1.11.2.14.11.5.1.12.1.7.1.1.1"

// EnabledStatus (P-BRIDGE-MIB) enabled(1); RowStatus active(1).
const (
	enabledStatusEnabled = 1
	rowStatusActive      = 1
)

var vendorVoicePlan = []column{
	{stageVoice, "hwL2VlanVoiceVlanEnabledVlanId", oidHwVoiceVlanEnabledID},
	{stageVoice, "hwL2VlanVoiceVlanPortEnable", oidHwVoiceVlanPortEnable},
	{stageVoice, "hwL2VlanMultiVoiceVlanPortVLanId", oidHwMultiVoiceVlanID},
	{stageVoice, "hwL2VlanMultiVoiceVlanPortRowStatus", oidHwMultiVoiceVlanRowStat},
	{stageVoice, "hpicfBridgeVoiceVlanEnable", oidHpicfBridgeVoiceVlanEnable},
}

// readHuaweiVoice reads HUAWEI-L2VLAN-MIB's voice VLAN objects: the global
// voice VLAN on the ports that enable it, and each port's own voice VLAN
// (hwL2VlanMultiVoiceVlanPortTable), which wins over the global one.
func readHuaweiVoice(sw *snapshot.Switch, d *data, ports *portSet, bp bridgePorts) {
	global := 0
	bad := 0
	for idx, v := range d.ints(stageVoice, oidHwVoiceVlanEnabledID) {
		switch {
		case idx != "0":
			bad++
		case validVLAN(v):
			global = int(v)
		case v != 0: // 0: voice VLAN disabled
			bad++
		}
	}
	status := d.ints(stageVoice, oidHwMultiVoiceVlanRowStat)
	for idx, v := range d.ints(stageVoice, oidHwMultiVoiceVlanID) {
		ifIndex, ok := intIndex(idx)
		p := ports.get(ifIndex)
		if !ok || p == nil || !validVLAN(v) {
			bad++
			continue
		}
		if st, ok := status[idx]; ok && st != rowStatusActive {
			continue
		}
		p.VoiceVLAN = int(v)
		markVoiceVLAN(sw, int(v))
	}
	if global != 0 {
		markVoiceVLAN(sw, global)
	}
	for idx, v := range d.ints(stageVoice, oidHwVoiceVlanPortEnable) {
		port, ok := intIndex(idx)
		ifIndex, mapped := bp.ifIndex(port, ports)
		p := ports.get(ifIndex)
		if !ok || !mapped || p == nil {
			bad++
			continue
		}
		if v == enabledStatusEnabled && global != 0 && p.VoiceVLAN == 0 {
			p.VoiceVLAN = global
		}
	}
	if bad > 0 {
		d.errorf(stageVoice, "%d HUAWEI-L2VLAN-MIB voice VLAN rows with an invalid value or no matching port were left out", bad)
	}
}

// readAOSSVoice marks the VLANs HP-ICF-BRIDGE labels as voice VLANs and
// gives a port tagged in such a VLAN alone that VLAN as voiceVlan.
func readAOSSVoice(sw *snapshot.Switch, d *data, ports *portSet) {
	bad := 0
	voice := map[int]bool{}
	for idx, v := range d.ints(stageVoice, oidHpicfBridgeVoiceVlanEnable) {
		id, ok := intIndex(idx)
		if !ok || !validVLAN(int64(id)) {
			bad++
			continue
		}
		if v == truthTrue {
			voice[id] = true
			markVoiceVLAN(sw, id)
		}
	}
	if bad > 0 {
		d.errorf(stageVoice, "%d hpicfBridgeVoiceVlanEnable rows with an invalid VLAN index were left out", bad)
	}
	for _, p := range ports.sorted() {
		if p.VoiceVLAN == 0 && len(p.TaggedVLANs) == 1 && voice[p.TaggedVLANs[0]] {
			p.VoiceVLAN = p.TaggedVLANs[0]
		}
	}
}
