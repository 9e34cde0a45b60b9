package snmp

import (
	"slices"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/snapshot"
)

// Comware voice VLAN MIBs. One module under four names and roots, the same
// objects under each (MIB text: netdisco-mibs huawei/h3c-voice-vlan.mib,
// 3com/a3com-huawei-voice-vlan.mib, hp/hpnicfVoiceVlan.mib; HH3C-VOICE-VLAN-MIB
// as compiled by pysmi):
//
//	{root}.2   xVoiceVlanEnabledId      INTEGER: the voice VLAN, 2..4095
//	                                    enabled, 0xffffffff disabled
//	{root}.3   xVoiceVlanPortEnableList PortList of the bridge's ports with
//	                                    voice VLAN enabled (MSB of octet 0 =
//	                                    port 1, as Q-BRIDGE)
//	{root}.7.1.2 xVoiceVlanPortMode     auto(1)/manual(2); xvoiceVlanPortTable
//	                                    has a row per ifIndex "on which voice
//	                                    vlan function is enabled"
//
// Each root is walked whole: the OUI table under .1 is a few rows.
var comwareVoiceRoots = []struct{ name, oid string }{
	// HH3C-VOICE-VLAN-MIB, hh3cCommon 9: H3C and HPE Comware 5/7
	// (A5500, 5130, 1920/1950 OfficeConnect).
	{"hh3cVoiceVlan", "1.3.6.1.4.1.25506.2.9"},
	// H3C-VOICE-VLAN-MIB (HUAWEI-3COM-OID-MIB h3cCommon = 2011.10.2):
	// Huawei-3Com era Comware 3/5.
	{"h3cVoiceVlan", "1.3.6.1.4.1.2011.10.2.9"},
	// A3COM-HUAWEI-VOICE-VLAN-MIB (3Com 4200G/4500G/4800G, Comware).
	{"a3comHuaweiVoiceVlan", "1.3.6.1.4.1.43.45.1.10.2.9"},
	// HPN-ICF-VOICE-VLAN-MIB (hpnicfCommon 9): HP-branded Comware (V1910,
	// 1920 on some releases).
	{"hpnicfVoiceVlan", "1.3.6.1.4.1.11.2.14.11.15.2.9"},
}

// comwareVoiceDisabled is xVoiceVlanEnabledId's "disabled" (0xffffffff),
// which agents send as -1 (INTEGER) or 4294967295.
const comwareVoiceDisabled = 0xffffffff

// RADLAN-derived voice VLAN MIB (CISCOSB-vlanVoice-MIB, vlanVoice = { vlan
// 54 }; MIB text: netdisco-mibs ciscosb/CISCOSBvlanVoice.mib; the same
// module sits under Marvell/Radlan 89.48.54 and Linksys
// 3955.1000.201.48.54 as pysmi compiles them):
//
//	.7.0  vlanVoiceOperState  disabled(0) auto-enabled(1) auto-triggered(2)
//	                          oui-enabled(3)
//	.9.0  vlanVoiceOperVid    the operational voice VLAN
//	.12.5.1.1.ifIndex vlanVoiceOUIBasedPortEnable (TruthValue)
//	.12.5.1.2.ifIndex vlanVoiceOUIBasedPortVlanIndex (the port's voice VLAN)
var radlanVoiceRoots = []struct{ name, oid string }{
	// CISCOSB-MIB switch001 = 9.6.1.101, vlan = switch001 48.
	{"ciscosbVlanVoice", "1.3.6.1.4.1.9.6.1.101.48.54"},
	{"rlVlanVoice", "1.3.6.1.4.1.89.48.54"},
	{"linksysVlanVoice", "1.3.6.1.4.1.3955.1000.201.48.54"},
}

// TPLINK-VOICEVLAN-MIB (tplinkMgmt 19; MIB text: netdisco-mibs
// tplink/tplink-voicevlan.mib):
//
//	.1.1.1.0 voiceVlanGlobalEnable disable(0) enable(1)
//	.1.1.2.0 voiceVlanId           2..4094
//	.1.2.1.1.2.ifIndex voiceVlanPortMode   manual(0) auto(1)
//	.1.2.1.1.4.ifIndex voiceVlanPortStatus inactive(0) active(1)
const oidTPLinkVoiceVlan = "1.3.6.1.4.1.11863.6.19"

var voicePlan = func() []column {
	var out []column
	for _, r := range comwareVoiceRoots {
		out = append(out, column{stageVoice, r.name, r.oid})
	}
	for _, r := range radlanVoiceRoots {
		out = append(out, column{stageVoice, r.name, r.oid})
	}
	out = append(out, column{stageVoice, "tplinkVoiceVlan", oidTPLinkVoiceVlan})
	return append(out, vendorVoicePlan...)
}()

// readVoiceVLANs sets each port's voice VLAN and marks the switch's voice
// VLAN from the vendor voice VLAN tables. It runs before LLDP-MED, so that
// what the vendor table says wins over the VLAN advertised to phones.
func readVoiceVLANs(sw *snapshot.Switch, d *data, ports *portSet, bp bridgePorts) {
	for _, r := range comwareVoiceRoots {
		readComwareVoice(sw, d, ports, bp, r.oid)
	}
	for _, r := range radlanVoiceRoots {
		readRadlanVoice(sw, d, ports, r.oid)
	}
	readTPLinkVoice(sw, d, ports)
	readHuaweiVoice(sw, d, ports, bp)
	readAOSSVoice(sw, d, ports)
}

// voiceRow is one row of a voice VLAN module walked whole: its index
// split into arcs and its value as an integer when it is one.
type voiceRow struct {
	arcs  []uint32
	n     int64
	isInt bool
}

func voiceRows(d *data, root string) []voiceRow {
	var out []voiceRow
	for _, vb := range d.rows(root) {
		a, ok := arcs(vb.index)
		if !ok || len(a) == 0 {
			continue
		}
		n, isInt := pduInt(gosnmp.SnmpPDU{Type: vb.typ, Value: vb.value})
		out = append(out, voiceRow{a, n, isInt})
	}
	return out
}

// hasPrefix reports whether a starts with p and has exactly extra arcs more.
func hasPrefix(a []uint32, extra int, p ...uint32) bool {
	return len(a) == len(p)+extra && slices.Equal(a[:len(p)], p)
}

// readRadlanVoice reads CISCOSB-vlanVoice-MIB and its Radlan twins.
func readRadlanVoice(sw *snapshot.Switch, d *data, ports *portSet, root string) {
	rows := voiceRows(d, root)
	if len(rows) == 0 {
		return
	}
	state, vid := int64(-1), 0
	enabled := map[int]bool{}
	portVid := map[int]int{}
	bad := 0
	for _, r := range rows {
		switch {
		case !r.isInt:
		case hasPrefix(r.arcs, 0, 7, 0):
			state = r.n
		case hasPrefix(r.arcs, 0, 9, 0):
			if validVLAN(r.n) {
				vid = int(r.n)
			}
		case hasPrefix(r.arcs, 1, 12, 5, 1, 1), hasPrefix(r.arcs, 1, 12, 5, 1, 2):
			i := int(r.arcs[4])
			if ports.get(i) == nil {
				bad++
				continue
			}
			if r.arcs[3] == 1 {
				enabled[i] = r.n == 1 // TruthValue true(1)
			} else if validVLAN(r.n) {
				portVid[i] = int(r.n)
			}
		}
	}
	if bad > 0 {
		d.errorf(stageVoice, "%d %s port rows match no interface; left out", bad, columnName(root))
	}
	if state <= 0 { // disabled(0) or not read
		return
	}
	if vid != 0 {
		markVoiceVLAN(sw, vid)
	}
	// OUI mode: the ports enabled in vlanVoiceOUIBasedPortTable carry
	// their own voice VLAN. Auto mode (the VLAN advertised by the switch)
	// has no per-port object: LLDP-MED gives it per port.
	for i, on := range enabled {
		v := portVid[i]
		if v == 0 {
			v = vid
		}
		if p := ports.get(i); on && v != 0 && p.VoiceVLAN == 0 {
			p.VoiceVLAN = v
		}
	}
}

// readTPLinkVoice reads TPLINK-VOICEVLAN-MIB: with voice VLAN enabled, a
// port in auto mode or active in the voice VLAN has it as voice VLAN.
func readTPLinkVoice(sw *snapshot.Switch, d *data, ports *portSet) {
	rows := voiceRows(d, oidTPLinkVoiceVlan)
	if len(rows) == 0 {
		return
	}
	enabled, vid := false, 0
	voicePorts := map[int]bool{}
	bad := 0
	for _, r := range rows {
		switch {
		case !r.isInt:
		case hasPrefix(r.arcs, 0, 1, 1, 1, 0):
			enabled = r.n == 1
		case hasPrefix(r.arcs, 0, 1, 1, 2, 0):
			if validVLAN(r.n) {
				vid = int(r.n)
			}
		case hasPrefix(r.arcs, 1, 1, 2, 1, 1, 2), hasPrefix(r.arcs, 1, 1, 2, 1, 1, 4):
			i := int(r.arcs[5])
			if ports.get(i) == nil {
				bad++
				continue
			}
			if r.n == 1 { // mode auto(1) or status active(1)
				voicePorts[i] = true
			}
		}
	}
	if bad > 0 {
		d.errorf(stageVoice, "%d tplinkVoiceVlan port rows match no interface; left out", bad)
	}
	if !enabled || vid == 0 {
		return
	}
	markVoiceVLAN(sw, vid)
	for i := range voicePorts {
		if p := ports.get(i); p.VoiceVLAN == 0 {
			p.VoiceVLAN = vid
		}
	}
}

func readComwareVoice(sw *snapshot.Switch, d *data, ports *portSet, bp bridgePorts, root string) {
	rows := d.rows(root)
	if len(rows) == 0 {
		return
	}
	vlan := 0
	enabled := map[int]bool{}
	bad := 0
	for _, vb := range rows {
		a, ok := arcs(vb.index)
		if !ok || len(a) == 0 {
			bad++
			continue
		}
		switch {
		case len(a) == 2 && a[0] == 2 && a[1] == 0: // xVoiceVlanEnabledId.0
			n, ok := pduInt(gosnmp.SnmpPDU{Type: vb.typ, Value: vb.value})
			switch {
			case !ok:
				bad++
			case validVLAN(n):
				vlan = int(n)
			case n == -1 || n == comwareVoiceDisabled:
			default:
				bad++
			}
		case len(a) == 2 && a[0] == 3 && a[1] == 0: // xVoiceVlanPortEnableList.0
			b, ok := d.octets(stageVoice, root, vb)
			if !ok {
				bad++
				continue
			}
			list, err := ParsePortList(b)
			if err != nil {
				bad++
				continue
			}
			for _, port := range list {
				if i, ok := bp.ifIndex(port, ports); ok {
					enabled[i] = true
				} else {
					bad++
				}
			}
		case len(a) == 4 && a[0] == 7 && a[1] == 1 && a[2] == 2: // xVoiceVlanPortMode.ifIndex
			if a[3] >= 1 && a[3] <= maxIndex && ports.get(int(a[3])) != nil {
				enabled[int(a[3])] = true
			} else {
				bad++
			}
		}
	}
	if bad > 0 {
		d.errorf(stageVoice, "%d %s rows could not be read or match no port; left out", bad, columnName(root))
	}
	if vlan == 0 {
		return
	}
	markVoiceVLAN(sw, vlan)
	for i := range enabled {
		if p := ports.get(i); p != nil && p.VoiceVLAN == 0 {
			p.VoiceVLAN = vlan
		}
	}
}

// markVoiceVLAN flags the switch's VLAN id as a voice VLAN, adding it to
// the VLAN list (kept in id order) when Q-BRIDGE did not list it.
func markVoiceVLAN(sw *snapshot.Switch, id int) {
	i, found := slices.BinarySearchFunc(sw.VLANs, id, func(v snapshot.VLAN, id int) int { return v.ID - id })
	if found {
		sw.VLANs[i].Voice = true
		return
	}
	if j := slices.IndexFunc(sw.VLANs, func(v snapshot.VLAN) bool { return v.ID == id }); j >= 0 {
		sw.VLANs[j].Voice = true // list not in id order: found by scan
		return
	}
	sw.VLANs = slices.Insert(sw.VLANs, i, snapshot.VLAN{ID: id, Voice: true})
}
