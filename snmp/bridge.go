package snmp

import (
	"fmt"
	"slices"

	"github.com/voxlan/voxlan/snapshot"
)

// bridgePorts maps dot1dBasePort numbers to ifIndex (BRIDGE-MIB
// dot1dBasePortIfIndex). Port lists, PVIDs and FDB entries name bridge
// ports, which are not ifIndexes on most switches (Cisco: 1 -> 10101,
// Juniper: 513 -> 1190...).
type bridgePorts map[int]int

func readBridgePorts(d *data, ports *portSet) bridgePorts {
	bp := bridgePorts{}
	bad := 0
	for idx, ifIndex := range d.ints(stageBridge, oidDot1dBasePortIfIndex) {
		port, ok := intIndex(idx)
		if !ok || ifIndex < 1 || ifIndex > maxIndex {
			bad++
			continue
		}
		bp[port] = int(ifIndex)
		if p := ports.get(int(ifIndex)); p != nil {
			p.BridgePort = port
		}
	}
	if bad > 0 {
		d.errorf(stageBridge, "%d dot1dBasePortIfIndex rows with an invalid port or ifIndex were left out", bad)
	}
	return bp
}

// ifIndex returns the interface of a bridge port. Without a
// dot1dBasePortTable (some agents leave it out) the bridge port is taken as
// the ifIndex when such an interface exists: that is what those agents do.
func (bp bridgePorts) ifIndex(port int, ports *portSet) (int, bool) {
	if len(bp) > 0 {
		i, ok := bp[port]
		return i, ok
	}
	if ports.get(port) != nil {
		return port, true
	}
	return 0, false
}

// indexedByIfIndex says whether a Q-BRIDGE table names ifIndexes instead of
// bridge ports: Alcatel-Lucent OmniSwitch 6 indexes dot1qPvid and its port
// lists by ifIndex (1001 = slot 1 port 1) while dot1dBasePortTable numbers
// bridge ports 1, 2... The decision is the whole table's, never one
// entry's: only when not one of its numbers is a bridge port and some are
// ifIndexes. A table that mixes (Junos' port lists carry bits for bridge
// ports it does not list) keeps the bridge-port reading and its misses are
// reported, since a stray bit read as an ifIndex would put a VLAN on an
// unrelated interface.
func (bp bridgePorts) indexedByIfIndex(numbers []int, ports *portSet) bool {
	if len(bp) == 0 {
		return false
	}
	anyIfIndex := false
	for _, n := range numbers {
		if _, ok := bp.ifIndex(n, ports); ok {
			return false
		}
		if ports.get(n) != nil {
			anyIfIndex = true
		}
	}
	return anyIfIndex
}

// portIfIndex maps a Q-BRIDGE port (a dot1qPvid index or a port-list bit)
// to an ifIndex: the number itself in a table indexed by ifIndex, else the
// bridge port's interface as the MIB says.
func (bp bridgePorts) portIfIndex(port int, ports *portSet, byIfIndex bool) (int, bool) {
	if byIfIndex {
		return port, ports.get(port) != nil
	}
	return bp.ifIndex(port, ports)
}

// vlanMembers is one VLAN's egress and untagged bridge ports.
type vlanMembers struct {
	egress, untagged []int
	has              bool
}

// readQBridge fills VLANs, PVIDs and per-port untagged/tagged VLANs from
// Q-BRIDGE-MIB. It reads both the current table (index timeMark.vlan;
// what the switch runs) and the static table (index vlan; what is
// configured). Juniper and Comware fill only the static table, most others
// only the current one: the current table wins where both say something.
func readQBridge(sw *snapshot.Switch, d *data, ports *portSet, bp bridgePorts) (fdbToVLAN map[int]int) {
	names := d.strings(stageVLANs, oidDot1qVlanStaticName)
	vlans := map[int]*snapshot.VLAN{}
	addVLAN := func(id int) *snapshot.VLAN {
		if v, ok := vlans[id]; ok {
			return v
		}
		v := &snapshot.VLAN{ID: id}
		vlans[id] = v
		return v
	}
	badIndex := 0
	for idx, name := range names {
		id, ok := intIndex(idx)
		if !ok || !validVLAN(int64(id)) {
			badIndex++
			continue
		}
		addVLAN(id).Name = name
	}

	current := map[int]*vlanMembers{}
	static := map[int]*vlanMembers{}
	fdbToVLAN = map[int]int{}
	// currentVLAN reads the VLAN id from timeMark.vlan.
	currentVLAN := func(idx string) (int, bool) {
		a, ok := arcs(idx)
		if !ok || len(a) != 2 || !validVLAN(int64(a[1])) {
			return 0, false
		}
		return int(a[1]), true
	}
	for idx, fdb := range d.ints(stageVLANs, oidDot1qVlanFdbID) {
		if id, ok := currentVLAN(idx); ok && fdb >= 0 && fdb <= maxIndex {
			addVLAN(id)
			if _, taken := fdbToVLAN[int(fdb)]; !taken || int(fdb) == id {
				fdbToVLAN[int(fdb)] = id
			}
		} else {
			badIndex++
		}
	}
	lists := func(oid string, byVLAN map[int]*vlanMembers, parseIdx func(string) (int, bool), untagged bool) {
		for idx, b := range d.bytes(stageVLANs, oid) {
			id, ok := parseIdx(idx)
			if !ok {
				badIndex++
				continue
			}
			list, err := ParsePortList(b)
			if err != nil {
				d.errorf(stageVLANs, "%s.%s: %v", columnName(oid), idx, err)
				continue
			}
			addVLAN(id)
			m := byVLAN[id]
			if m == nil {
				m = &vlanMembers{}
				byVLAN[id] = m
			}
			m.has = true
			if untagged {
				m.untagged = list
			} else {
				m.egress = list
			}
		}
	}
	staticVLAN := func(idx string) (int, bool) {
		id, ok := intIndex(idx)
		return id, ok && validVLAN(int64(id))
	}
	lists(oidDot1qVlanCurrentEgress, current, currentVLAN, false)
	lists(oidDot1qVlanCurrentUntag, current, currentVLAN, true)
	lists(oidDot1qVlanStaticEgress, static, staticVLAN, false)
	lists(oidDot1qVlanStaticUntagged, static, staticVLAN, true)
	if badIndex > 0 {
		d.errorf(stageVLANs, "%d Q-BRIDGE rows with an invalid VLAN index were left out", badIndex)
	}

	ids := make([]int, 0, len(vlans))
	for id := range vlans {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var listed []int
	for _, id := range ids {
		for _, m := range []*vlanMembers{current[id], static[id]} {
			if m != nil {
				listed = append(append(listed, m.egress...), m.untagged...)
			}
		}
	}
	listsByIfIndex := bp.indexedByIfIndex(listed, ports)
	unmapped, listByIfIndex := 0, 0
	resolve := func(port int) (*snapshot.Port, bool) {
		ifIndex, ok := bp.portIfIndex(port, ports, listsByIfIndex)
		p := ports.get(ifIndex)
		if ok && p != nil && listsByIfIndex {
			listByIfIndex++
		}
		return p, ok && p != nil
	}
	for _, id := range ids {
		sw.VLANs = append(sw.VLANs, *vlans[id])
		m := current[id]
		if m == nil || !m.has {
			m = static[id]
		}
		if m == nil {
			continue
		}
		untagged := map[int]bool{}
		for _, port := range m.untagged {
			untagged[port] = true
			if p, ok := resolve(port); ok {
				p.UntaggedVLANs = append(p.UntaggedVLANs, id)
			} else {
				unmapped++
			}
		}
		for _, port := range m.egress {
			if untagged[port] {
				continue
			}
			if p, ok := resolve(port); ok {
				p.TaggedVLANs = append(p.TaggedVLANs, id)
			} else {
				unmapped++
			}
		}
	}
	if unmapped > 0 {
		d.errorf(stageVLANs, "%d VLAN port-list bits name bridge ports with no interface; left out", unmapped)
	}

	badPVID, unmappedPVID, pvidByIfIndex := 0, 0, 0
	pvids := d.ints(stageVLANs, oidDot1qPvid)
	var pvidPorts []int
	for idx := range pvids {
		if port, ok := intIndex(idx); ok {
			pvidPorts = append(pvidPorts, port)
		}
	}
	pvidsByIfIndex := bp.indexedByIfIndex(pvidPorts, ports)
	for idx, pvid := range pvids {
		port, ok := intIndex(idx)
		if !ok || !validVLAN(pvid) {
			badPVID++
			continue
		}
		ifIndex, ok := bp.portIfIndex(port, ports, pvidsByIfIndex)
		if p := ports.get(ifIndex); ok && p != nil {
			p.PVID = int(pvid)
			if pvidsByIfIndex {
				pvidByIfIndex++
			}
		} else {
			unmappedPVID++
		}
	}
	if pvidByIfIndex > 0 {
		sw.Notes = append(sw.Notes, fmt.Sprintf("%d dot1qPvid rows are indexed by ifIndex, not by bridge port (as Alcatel-Lucent OmniSwitch 6 does): read as ifIndexes", pvidByIfIndex))
	}
	if listByIfIndex > 0 {
		sw.Notes = append(sw.Notes, fmt.Sprintf("%d VLAN port-list bits name ifIndexes, not bridge ports (as Alcatel-Lucent OmniSwitch 6 does): read as ifIndexes", listByIfIndex))
	}
	if badPVID > 0 {
		d.errorf(stageVLANs, "%d dot1qPvid rows with an invalid port or VLAN were left out", badPVID)
	}
	if unmappedPVID > 0 {
		d.errorf(stageVLANs, "%d dot1qPvid rows name bridge ports with no interface; left out", unmappedPVID)
	}
	return fdbToVLAN
}

// FDB entry status values (dot1dTpFdbStatus / dot1qTpFdbStatus).
const (
	fdbStatusLearned = 3
	fdbStatusSelf    = 4
)

// readFDB attaches learnt MAC addresses to ports: dot1qTpFdbTable (index
// fdbId.MAC, fdbId mapped to its VLAN through dot1qVlanFdbId, else taken as
// the VLAN id itself, which is what independent-learning switches use), or
// BRIDGE-MIB dot1dTpFdbTable (index MAC, no VLAN) when Q-BRIDGE has none.
func readFDB(d *data, ports *portSet, bp bridgePorts, fdbToVLAN map[int]int) {
	type entry struct {
		mac  string
		vlan int
	}
	add := func(port int, e entry) bool {
		ifIndex, ok := bp.ifIndex(port, ports)
		p := ports.get(ifIndex)
		if !ok || p == nil {
			return false
		}
		p.MACs = append(p.MACs, snapshot.MAC{MAC: e.mac, VLAN: e.vlan})
		return true
	}
	bad := 0
	q := d.rows(oidDot1qTpFdbPort)
	qStatus := d.ints(stageFDB, oidDot1qTpFdbStatus)
	qPorts := d.ints(stageFDB, oidDot1qTpFdbPort)
	for _, vb := range q {
		a, ok := arcs(vb.index)
		if !ok || len(a) != 7 {
			bad++
			continue
		}
		mac, ok := macIndex(a[1:])
		port, okPort := qPorts[vb.index]
		if !ok || !okPort || port < 1 || port > maxIndex {
			if port != 0 { // port 0: learnt on no port (CPU, static)
				bad++
			}
			continue
		}
		if st, ok := qStatus[vb.index]; ok && st != fdbStatusLearned {
			continue
		}
		vlan := int(a[0])
		if v, ok := fdbToVLAN[vlan]; ok {
			vlan = v
		}
		if !validVLAN(int64(vlan)) {
			vlan = 0
		}
		if !add(int(port), entry{mac, vlan}) {
			bad++
		}
	}
	if len(q) == 0 {
		dStatus := d.ints(stageFDB, oidDot1dTpFdbStatus)
		for idx, port := range d.ints(stageFDB, oidDot1dTpFdbPort) {
			a, ok := arcs(idx)
			if !ok {
				bad++
				continue
			}
			mac, ok := macIndex(a)
			if !ok || port < 0 || port > maxIndex {
				bad++
				continue
			}
			if port == 0 {
				continue
			}
			if st, ok := dStatus[idx]; ok && st != fdbStatusLearned {
				continue
			}
			if !add(int(port), entry{mac, 0}) {
				bad++
			}
		}
	}
	if bad > 0 {
		d.errorf(stageFDB, "%d forwarding-table rows with an invalid index or an unknown port were left out", bad)
	}
	for _, p := range ports.sorted() {
		slices.SortFunc(p.MACs, func(a, b snapshot.MAC) int {
			if a.VLAN != b.VLAN {
				return a.VLAN - b.VLAN
			}
			if a.MAC < b.MAC {
				return -1
			}
			if a.MAC > b.MAC {
				return 1
			}
			return 0
		})
	}
}
