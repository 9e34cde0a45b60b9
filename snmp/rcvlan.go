package snmp

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/voxlan/voxlan/snapshot"
)

// RC-VLAN-MIB (rcVlan = rapidCity 1.3 = 1.3.6.1.4.1.2272.1.3), where
// Avaya/Extreme ERS stackables (BOSS) and VOSS keep VLANs and membership
// that Q-BRIDGE-MIB does not carry. MIB text followed: RC-VLAN-MIB
// LAST-UPDATED 201310110000Z ("Version 62") and RAPID-CITY (PortSet), as
// LibreNMS ships them in mibs/nortel.
//
//	rcVlanTable (index rcVlanId, 1..4094)
//	  .2.1.2   rcVlanName           DisplayString
//	  .2.1.11  rcVlanPortMembers    PortSet: "members (static or dynamic)"
//	  .2.1.62  rcVlanVoiceEnabled   TruthValue: "whether voice option is
//	                                enabled for this VLAN" (Version 50, 2011)
//	rcVlanPortTable (index rcVlanPortIndex, "equal to the ifIndex")
//	  .3.1.4   rcVlanPortType       access(1) trunk(2)
//	  .3.1.7   rcVlanPortDefaultVlanId  the PVID
//	  .3.1.8   rcVlanPortPerformTagging true(1) false(2) tagPvidOnly(3)
//	                                untagPvidOnly(4); DEFVAL false
//	  .3.1.13  rcVlanPortUntagDefaultVlan TruthValue (VOSS's
//	                                untag-port-default-vlan on a tagging port)
//
// A PortSet is not a Q-BRIDGE PortList: "the most significant bit of octet
// #1 corresponds to ifIndex 0", so bit n (counting from 0) is ifIndex n
// (LibreNMS's Boss.php subtracts one from its 1-based bit numbers for the
// same reason). BOSS numbers unit u port p as ifIndex 64*(u-1)+p.
const (
	oidRcVlanName              = "1.3.6.1.4.1.2272.1.3.2.1.2"
	oidRcVlanPortMembers       = "1.3.6.1.4.1.2272.1.3.2.1.11"
	oidRcVlanVoiceEnabled      = "1.3.6.1.4.1.2272.1.3.2.1.62"
	oidRcVlanPortType          = "1.3.6.1.4.1.2272.1.3.3.1.4"
	oidRcVlanPortDefaultVlanID = "1.3.6.1.4.1.2272.1.3.3.1.7"
	oidRcVlanPortTagging       = "1.3.6.1.4.1.2272.1.3.3.1.8"
	oidRcVlanPortUntagDefault  = "1.3.6.1.4.1.2272.1.3.3.1.13"
)

var rcVlanPlan = []column{
	{stageVLANs, "rcVlanName", oidRcVlanName},
	{stageVLANs, "rcVlanPortMembers", oidRcVlanPortMembers},
	{stageVLANs, "rcVlanVoiceEnabled", oidRcVlanVoiceEnabled},
	{stageVLANs, "rcVlanPortType", oidRcVlanPortType},
	{stageVLANs, "rcVlanPortDefaultVlanId", oidRcVlanPortDefaultVlanID},
	{stageVLANs, "rcVlanPortPerformTagging", oidRcVlanPortTagging},
	{stageVLANs, "rcVlanPortUntagDefaultVlan", oidRcVlanPortUntagDefault},
}

// rcVlanPortPerformTagging values: which of a port's VLANs leave it
// tagged. BOSS's CLI names them tagAll, untagAll, tagPvidOnly and
// untagPvidOnly (vlan ports ... tagging ...).
const (
	rcTagAll        = 1 // true: every VLAN tagged
	rcUntagAll      = 2 // false: every VLAN untagged
	rcTagPvidOnly   = 3 // the PVID tagged, the others untagged
	rcUntagPvidOnly = 4 // the PVID untagged, the others tagged
)

const (
	truthTrue   = 1 // SNMPv2-TC TruthValue true(1)
	rcPortTrunk = 2 // rcVlanPortType trunk(2)
)

// maxPortSetBytes is the PortSet's "max size of 255 bytes" (RAPID-CITY).
const maxPortSetBytes = 255

// ParsePortSet decodes an RC-VLAN-MIB PortSet into the ifIndexes it holds:
// the most significant bit of octet 0 is ifIndex 0, so bit 0 of octet 1 is
// ifIndex 15. Longer than the TC's 255 octets is refused.
func ParsePortSet(b []byte) ([]int, error) {
	if len(b) > maxPortSetBytes {
		return nil, fmt.Errorf("port set of %d octets (more than %d): refused", len(b), maxPortSetBytes)
	}
	var out []int
	for i, octet := range b {
		for bit := range 8 {
			if octet&(0x80>>bit) != 0 {
				out = append(out, i*8+bit)
			}
		}
	}
	return out, nil
}

// rcVLANsApply reports whether RC-VLAN-MIB is the switch's VLAN source:
// it answered, and Q-BRIDGE (or Cisco's or TP-Link's tables, read before)
// gave no port a PVID or a VLAN. Where Q-BRIDGE says something it wins, as
// it does in LibreNMS's BOSS support.
func rcVLANsApply(d *data, ports *portSet) bool {
	if len(d.rows(oidRcVlanName)) == 0 && len(d.rows(oidRcVlanPortMembers)) == 0 {
		return false
	}
	for _, p := range ports.sorted() {
		if p.PVID != 0 || len(p.UntaggedVLANs) > 0 || len(p.TaggedVLANs) > 0 {
			return false
		}
	}
	return true
}

// readRCVLANs fills VLANs, PVIDs, port modes, tagged/untagged membership
// and the voice VLAN from RC-VLAN-MIB where Q-BRIDGE gave none, and says
// so in the switch's notes.
func readRCVLANs(sw *snapshot.Switch, d *data, ports *portSet) {
	if !rcVLANsApply(d, ports) {
		return
	}
	names := d.strings(stageVLANs, oidRcVlanName)
	members := d.bytes(stageVLANs, oidRcVlanPortMembers)
	voice := d.ints(stageVLANs, oidRcVlanVoiceEnabled)
	kinds := d.ints(stageVLANs, oidRcVlanPortType)
	pvids := d.ints(stageVLANs, oidRcVlanPortDefaultVlanID)
	tagging := d.ints(stageVLANs, oidRcVlanPortTagging)
	untagDefault := d.ints(stageVLANs, oidRcVlanPortUntagDefault)

	ids := map[int]bool{}
	badIndex, badValue := 0, 0
	for _, idx := range slices.Concat(slices.Collect(maps.Keys(names)), slices.Collect(maps.Keys(members)), slices.Collect(maps.Keys(voice))) {
		id, ok := intIndex(idx)
		if !ok || !validVLAN(int64(id)) {
			badIndex++
			continue
		}
		ids[id] = true
	}

	// The port's own settings: PVID, mode, which VLANs it tags.
	type portVLAN struct {
		pvid    int
		tagging int64
	}
	byPort := map[int]portVLAN{}
	read := 0
	for _, p := range ports.sorted() {
		k := strconv.Itoa(p.IfIndex)
		pv := portVLAN{}
		if v, ok := pvids[k]; ok {
			if validVLAN(v) {
				pv.pvid = int(v)
				p.PVID = pv.pvid
				read++
			} else if v != 0 { // 0: no default VLAN
				badValue++
			}
		}
		switch kinds[k] {
		case 1:
			p.Mode = "access"
		case rcPortTrunk:
			p.Mode = "trunk"
		}
		if t, ok := tagging[k]; ok {
			if t < rcTagAll || t > rcUntagPvidOnly {
				badValue++
			} else {
				// VOSS: a tagging port with untag-port-default-vlan
				// sends its PVID untagged, as BOSS's untagPvidOnly.
				if t == rcTagAll && untagDefault[k] == truthTrue {
					t = rcUntagPvidOnly
				}
				pv.tagging = t
			}
		}
		byPort[p.IfIndex] = pv
	}

	vlans := map[int]*snapshot.VLAN{}
	for i := range sw.VLANs {
		vlans[sw.VLANs[i].ID] = &sw.VLANs[i]
	}
	var added []snapshot.VLAN
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		if _, ok := vlans[id]; !ok {
			added = append(added, snapshot.VLAN{ID: id})
		}
	}
	sw.VLANs = append(sw.VLANs, added...)
	slices.SortFunc(sw.VLANs, func(a, b snapshot.VLAN) int { return a.ID - b.ID })

	unmapped, noTagging := 0, 0
	var voiceIDs []int
	for i := range sw.VLANs {
		v := &sw.VLANs[i]
		k := strconv.Itoa(v.ID)
		if n := names[k]; n != "" && v.Name == "" {
			v.Name = n
		}
		isVoice := voice[k] == truthTrue
		if isVoice {
			voiceIDs = append(voiceIDs, v.ID)
		}
		set, ok := members[k]
		if !ok {
			continue
		}
		list, err := ParsePortSet(set)
		if err != nil {
			d.errorf(stageVLANs, "rcVlanPortMembers.%s: %v", k, err)
			continue
		}
		for _, ifIndex := range list {
			p := ports.get(ifIndex)
			if p == nil {
				unmapped++
				continue
			}
			pv := byPort[ifIndex]
			if pv.tagging == 0 {
				noTagging++
				continue
			}
			isPVID := v.ID == pv.pvid
			untagged := pv.tagging == rcUntagAll ||
				(pv.tagging == rcTagPvidOnly && !isPVID) ||
				(pv.tagging == rcUntagPvidOnly && isPVID)
			if untagged {
				p.UntaggedVLANs = append(p.UntaggedVLANs, v.ID)
			} else {
				p.TaggedVLANs = append(p.TaggedVLANs, v.ID)
			}
			// A port tagging every VLAN (an uplink) carries the voice
			// VLAN but is no phone port: it gets no voiceVlan.
			if isVoice && pv.tagging != rcTagAll && p.VoiceVLAN == 0 {
				p.VoiceVLAN = v.ID
			}
		}
	}
	for _, id := range voiceIDs {
		markVoiceVLAN(sw, id)
	}
	if badIndex > 0 {
		d.errorf(stageVLANs, "%d rcVlanTable rows with an invalid VLAN index were left out", badIndex)
	}
	if badValue > 0 {
		d.errorf(stageVLANs, "%d rcVlanPortTable values out of the MIB's range (PVID, tagging) were left out", badValue)
	}
	if unmapped > 0 {
		d.errorf(stageVLANs, "%d rcVlanPortMembers bits name no interface (bit n is ifIndex n); left out", unmapped)
	}
	if noTagging > 0 {
		d.errorf(stageVLANs, "%d VLAN memberships on ports without rcVlanPortPerformTagging: tagged or untagged unknown, left out", noTagging)
	}
	sw.Notes = append(sw.Notes, fmt.Sprintf("VLANs, PVIDs and membership read from RC-VLAN-MIB (rcVlanTable, rcVlanPortTable; %d port PVIDs): Q-BRIDGE-MIB gave none, as Avaya/Extreme ERS (BOSS) answers", read))
}
