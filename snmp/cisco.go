package snmp

import (
	"slices"
	"strconv"

	"github.com/voxlan/voxlan/snapshot"
)

// Cisco vmVoiceVlanId special values (CISCO-VLAN-MEMBERSHIP-MIB).
const (
	// ciscoVoiceDot1p: voice frames carry VLAN 0 with an 802.1p priority.
	ciscoVoiceDot1p = 0
	// ciscoVoiceUntagged: voice frames are sent untagged.
	ciscoVoiceUntagged = 4095
	// ciscoVoiceNone: no voice VLAN configured.
	ciscoVoiceNone = 4096
)

// vtpTrunking is vlanTrunkPortDynamicStatus "trunking".
const vtpTrunking = 1

// readCiscoVLANs fills VLANs and membership from the Cisco MIBs that IOS
// uses instead of Q-BRIDGE: VTP VLAN names, vmVlan (access VLAN),
// vmVoiceVlanId (voice VLAN) and vlanTrunkPortTable (trunks). A port
// trunking carries its native VLAN untagged and, tagged, the enabled VLANs
// that exist on the switch (the bitmap allows 1-4094 by default; VLANs the
// switch does not know carry nothing).
func readCiscoVLANs(sw *snapshot.Switch, d *data, ports *portSet) {
	state := d.ints(stageCisco, oidVtpVlanState)
	names := d.strings(stageCisco, oidVtpVlanName)
	known := map[int]bool{}
	existing := map[int]bool{}
	for _, v := range sw.VLANs {
		existing[v.ID] = true
	}
	bad := 0
	for _, vb := range d.rows(oidVtpVlanName) {
		a, ok := arcs(vb.index)
		if !ok || len(a) != 2 || !validVLAN(int64(a[1])) {
			bad++
			continue
		}
		id := int(a[1])
		if st, ok := state[vb.index]; ok && st != 1 {
			continue // suspended or in transition
		}
		if id >= 1002 && id <= 1005 {
			continue // FDDI and Token Ring defaults every IOS lists
		}
		known[id] = true
		if !existing[id] {
			sw.VLANs = append(sw.VLANs, snapshot.VLAN{ID: id, Name: names[vb.index]})
			existing[id] = true
		}
	}
	slices.SortFunc(sw.VLANs, func(a, b snapshot.VLAN) int { return a.ID - b.ID })

	access := d.ints(stageCisco, oidVmVlan)
	voice := d.ints(stageCisco, oidVmVoiceVlanID)
	dyn := d.ints(stageCisco, oidVlanTrunkDynStatus)
	encap := d.ints(stageCisco, oidVlanTrunkEncapOper)
	native := d.ints(stageCisco, oidVlanTrunkNative)
	enabled := [4]map[string][]byte{
		d.bytes(stageCisco, oidVlanTrunkEnabled),
		d.bytes(stageCisco, oidVlanTrunkEnabled2k),
		d.bytes(stageCisco, oidVlanTrunkEnabled3k),
		d.bytes(stageCisco, oidVlanTrunkEnabled4k),
	}
	for _, p := range ports.sorted() {
		k := strconv.Itoa(p.IfIndex)
		if v, ok := voice[k]; ok {
			switch {
			case validVLAN(v):
				p.VoiceVLAN = int(v)
			case v == ciscoVoiceNone, v == ciscoVoiceDot1p, v == ciscoVoiceUntagged:
				// No VLAN of its own: voice shares the access VLAN
				// (tagged 0 with priority, or untagged).
			default:
				bad++
			}
		}
		if trunking(dyn, encap, k) {
			p.Mode = "trunk"
			nv := int(native[k])
			if validVLAN(int64(nv)) {
				p.PVID = nv
				p.UntaggedVLANs = []int{nv}
			}
			var tagged []int
			for i, m := range enabled {
				for _, id := range vlanBitmap(m[k], i*1024) {
					if id != nv && (len(known) == 0 || known[id]) {
						tagged = append(tagged, id)
					}
				}
			}
			p.TaggedVLANs = tagged
			continue
		}
		v, ok := access[k]
		if !ok {
			// A switchport with no access VLAN row (not configured as
			// access, not trunking) forwards untagged frames in its
			// native VLAN, VLAN 1 unless changed.
			if nv, ok := native[k]; ok && validVLAN(nv) {
				p.PVID = int(nv)
				p.UntaggedVLANs = []int{int(nv)}
			}
			continue
		}
		if !validVLAN(v) {
			bad++
			continue
		}
		p.Mode = "access"
		p.PVID = int(v)
		p.UntaggedVLANs = []int{int(v)}
		if p.VoiceVLAN != 0 && p.VoiceVLAN != int(v) {
			p.TaggedVLANs = []int{p.VoiceVLAN}
		}
	}
	if bad > 0 {
		d.errorf(stageCisco, "%d Cisco VLAN rows with an invalid VLAN were left out", bad)
	}
}

// vlanTrunkPortEncapsulationOperType values that mean the port trunks.
const (
	vtpEncapISL   = 1
	vtpEncapDot1Q = 4
)

// trunking reports whether a port trunks: vlanTrunkPortDynamicStatus says
// so, or, when an agent leaves that column out, the operational
// encapsulation is ISL or 802.1Q.
func trunking(dyn, encap map[string]int64, k string) bool {
	if st, ok := dyn[k]; ok {
		return st == vtpTrunking
	}
	e, ok := encap[k]
	return ok && (e == vtpEncapISL || e == vtpEncapDot1Q)
}
