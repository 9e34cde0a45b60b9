package snmp

import (
	"github.com/voxlan/voxlan/snapshot"
)

// IEEE8021-LLDP-V2-MIB (IEEE Std 802.1AB-2009, lldpV2MIB 1.3.111.2.802.1.1.13).
// Some switches (newer Junos, EXOS, Dell OS10, some Huawei/H3C) expose LLDP
// only there. OIDs and index structure as in the MIB module text (LLDP-V2-MIB
// as compiled by pysmi: lldpV2RemEntry INDEX { lldpV2RemTimeMark,
// lldpV2RemLocalIfIndex, lldpV2RemLocalDestMACAddress, lldpV2RemIndex }).
// The local port is an ifIndex there; lldpV2RemLocalDestMACAddress is not a
// MAC but an Unsigned32 index into lldpV2DestAddressTable (nearest bridge,
// nearest customer bridge, nearest non-TPMR bridge).
const (
	// lldpV2PortConfigAdminStatus, index ifIndex.destAddrIndex.
	oidLldpV2PortConfigAdmin     = "1.3.111.2.802.1.1.13.1.1.8.1.3"
	oidLldpV2LocChassisIDSubtype = "1.3.111.2.802.1.1.13.1.3.1"
	oidLldpV2LocChassisID        = "1.3.111.2.802.1.1.13.1.3.2"
	// lldpV2RemTable columns, index timeMark.ifIndex.destAddrIndex.remIndex.
	oidLldpV2RemChassisIDSubtype = "1.3.111.2.802.1.1.13.1.4.1.1.5"
	oidLldpV2RemChassisID        = "1.3.111.2.802.1.1.13.1.4.1.1.6"
	oidLldpV2RemPortIDSubtype    = "1.3.111.2.802.1.1.13.1.4.1.1.7"
	oidLldpV2RemPortID           = "1.3.111.2.802.1.1.13.1.4.1.1.8"
	oidLldpV2RemPortDesc         = "1.3.111.2.802.1.1.13.1.4.1.1.9"
	oidLldpV2RemSysName          = "1.3.111.2.802.1.1.13.1.4.1.1.10"
	oidLldpV2RemSysDesc          = "1.3.111.2.802.1.1.13.1.4.1.1.11"
	oidLldpV2RemSysCapEnabled    = "1.3.111.2.802.1.1.13.1.4.1.1.13"
	// lldpV2RemManAddrIfSubtype, index as lldpV2RemTable then
	// lldpV2RemManAddrSubtype.len.addr (the address is in the index).
	oidLldpV2RemManAddrIfSubtype = "1.3.111.2.802.1.1.13.1.4.2.1.3"
)

var lldpV2Plan = []column{
	{stageLLDP, "lldpV2PortConfigAdminStatus", oidLldpV2PortConfigAdmin},
	{stageLLDP, "lldpV2LocChassisIdSubtype", oidLldpV2LocChassisIDSubtype},
	{stageLLDP, "lldpV2LocChassisId", oidLldpV2LocChassisID},
	{stageLLDP, "lldpV2RemChassisIdSubtype", oidLldpV2RemChassisIDSubtype},
	{stageLLDP, "lldpV2RemChassisId", oidLldpV2RemChassisID},
	{stageLLDP, "lldpV2RemPortIdSubtype", oidLldpV2RemPortIDSubtype},
	{stageLLDP, "lldpV2RemPortId", oidLldpV2RemPortID},
	{stageLLDP, "lldpV2RemPortDesc", oidLldpV2RemPortDesc},
	{stageLLDP, "lldpV2RemSysName", oidLldpV2RemSysName},
	{stageLLDP, "lldpV2RemSysDesc", oidLldpV2RemSysDesc},
	{stageLLDP, "lldpV2RemSysCapEnabled", oidLldpV2RemSysCapEnabled},
	{stageLLDP, "lldpV2RemManAddrIfSubtype", oidLldpV2RemManAddrIfSubtype},
}

// remKeyV2 identifies one lldpV2RemTable neighbour; the time mark is left
// out as in remKey.
type remKeyV2 struct {
	ifIndex, destAddr, index int
}

// parseRemIndexV2 reads timeMark.ifIndex.destAddrIndex.remIndex.
func parseRemIndexV2(a []uint32) (remKeyV2, bool) {
	if len(a) != 4 {
		return remKeyV2{}, false
	}
	k := remKeyV2{ifIndex: int(a[1]), destAddr: int(a[2]), index: int(a[3])}
	if k.ifIndex < 1 || k.ifIndex > maxIndex || k.destAddr > maxIndex || k.index > maxIndex {
		return remKeyV2{}, false
	}
	return k, true
}

// readLLDPV2 attaches the neighbours of lldpV2RemTable. A neighbour LLDP-MIB
// (v1) already listed on the same port with the same chassis and port id
// is not added twice: agents that fill both tables describe the same
// neighbours in each. The switch's chassis id comes from lldpV2LocChassisId
// when lldpLocChassisId gave none.
func readLLDPV2(sw *snapshot.Switch, d *data, ports *portSet) {
	if sw.ChassisID == "" {
		ids := d.bytes(stageLLDP, oidLldpV2LocChassisID)
		subs := d.ints(stageLLDP, oidLldpV2LocChassisIDSubtype)
		if b, ok := ids["0"]; ok && len(b) > 0 {
			sw.ChassisID = formatLLDPID(b, subs["0"], chassisSubtypeMAC)
		}
	}
	// Admin status of the lowest destination address (1 is the nearest
	// bridge, the one phones use) where LLDP-MIB gave none.
	adminDest := map[int]uint32{}
	for idx, st := range d.ints(stageLLDP, oidLldpV2PortConfigAdmin) {
		a, ok := arcs(idx)
		if !ok || len(a) != 2 {
			continue
		}
		p := ports.get(int(a[0]))
		if p == nil || (p.LLDPAdmin != "" && adminDest[p.IfIndex] == 0) {
			continue
		}
		if cur, seen := adminDest[p.IfIndex]; seen && cur <= a[1] {
			continue
		}
		adminDest[p.IfIndex] = a[1]
		p.LLDPAdmin = lldpAdminNames[st]
	}
	chassisSub := d.ints(stageLLDP, oidLldpV2RemChassisIDSubtype)
	chassis := d.bytes(stageLLDP, oidLldpV2RemChassisID)
	portSub := d.ints(stageLLDP, oidLldpV2RemPortIDSubtype)
	portIDs := d.bytes(stageLLDP, oidLldpV2RemPortID)
	portDesc := d.strings(stageLLDP, oidLldpV2RemPortDesc)
	sysName := d.strings(stageLLDP, oidLldpV2RemSysName)
	sysDesc := d.strings(stageLLDP, oidLldpV2RemSysDesc)
	caps := d.bytes(stageLLDP, oidLldpV2RemSysCapEnabled)
	mgmt := remManAddrsV2(d)

	type row struct {
		key remKeyV2
		idx string
	}
	var rows []row
	seen := map[remKeyV2]bool{}
	bad, unmapped := 0, 0
	for _, col := range []string{oidLldpV2RemChassisID, oidLldpV2RemPortID, oidLldpV2RemSysName} {
		for _, vb := range d.rows(col) {
			a, ok := arcs(vb.index)
			var key remKeyV2
			if ok {
				key, ok = parseRemIndexV2(a)
			}
			if !ok {
				bad++
				continue
			}
			if !seen[key] {
				seen[key] = true
				rows = append(rows, row{key, vb.index})
			}
		}
	}
	for _, r := range rows {
		p := ports.get(r.key.ifIndex)
		if p == nil {
			unmapped++
			continue
		}
		n := snapshot.Neighbor{
			Protocol:     snapshot.ProtocolLLDP,
			ChassisID:    formatLLDPID(chassis[r.idx], chassisSub[r.idx], chassisSubtypeMAC),
			PortID:       formatLLDPID(portIDs[r.idx], portSub[r.idx], portSubtypeMAC),
			PortDescr:    portDesc[r.idx],
			SysName:      sysName[r.idx],
			SysDescr:     sysDesc[r.idx],
			Capabilities: LLDPCapabilities(caps[r.idx]),
			MgmtAddress:  mgmt[r.key],
		}
		if hasLLDPNeighbor(p, n.ChassisID, n.PortID) {
			continue
		}
		p.Neighbors = append(p.Neighbors, n)
	}
	if bad > 0 {
		d.errorf(stageLLDP, "%d lldpV2RemTable rows with an unreadable index were left out", bad)
	}
	if unmapped > 0 {
		d.errorf(stageLLDP, "%d LLDP (V2 MIB) neighbours left out: their lldpV2RemLocalIfIndex matches no interface", unmapped)
	}
}

func hasLLDPNeighbor(p *snapshot.Port, chassisID, portID string) bool {
	for _, n := range p.Neighbors {
		if n.Protocol == snapshot.ProtocolLLDP && n.ChassisID == chassisID && n.PortID == portID {
			return true
		}
	}
	return false
}

// remManAddrsV2 reads the first management address of each V2 neighbour
// from lldpV2RemManAddrTable's index, IPv4 preferred over IPv6.
func remManAddrsV2(d *data) map[remKeyV2]string {
	out := map[remKeyV2]string{}
	for _, vb := range d.rows(oidLldpV2RemManAddrIfSubtype) {
		a, ok := arcs(vb.index)
		if !ok || len(a) < 6 {
			continue
		}
		key, ok := parseRemIndexV2(a[:4])
		if !ok {
			continue
		}
		subtype, rest := a[4], a[5:]
		if len(rest) > 0 && int(rest[0]) == len(rest)-1 {
			rest = rest[1:]
		}
		addr, ok := ipFromArcs(subtype, rest)
		if !ok {
			continue
		}
		if cur, ok := out[key]; ok && !(isIPv6(cur) && !isIPv6(addr)) {
			continue
		}
		out[key] = addr
	}
	return out
}
