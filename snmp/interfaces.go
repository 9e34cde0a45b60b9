package snmp

import (
	"strconv"

	"github.com/voxlan/voxlan/snapshot"
)

// readInterfaces builds the ports from IF-MIB ifTable and ifXTable.
func readInterfaces(d *data) *portSet {
	descr := d.strings(stageInterfaces, oidIfDescr)
	names := d.strings(stageInterfaces, oidIfName)
	aliases := d.strings(stageInterfaces, oidIfAlias)
	types := d.ints(stageInterfaces, oidIfType)
	speed := d.ints(stageInterfaces, oidIfSpeed)
	high := d.ints(stageInterfaces, oidIfHighSpeed)
	admin := d.ints(stageInterfaces, oidIfAdminStatus)
	oper := d.ints(stageInterfaces, oidIfOperStatus)
	inErr := d.ints(stageInterfaces, oidIfInErrors)
	phys := d.bytes(stageInterfaces, oidIfPhysAddress)

	var indexes []int
	bad := 0
	for _, col := range []string{oidIfDescr, oidIfName, oidIfType} {
		for _, vb := range d.rows(col) {
			n, ok := intIndex(vb.index)
			if !ok {
				bad++
				continue
			}
			indexes = append(indexes, n)
		}
	}
	if bad > 0 {
		d.errorf(stageInterfaces, "%d interface rows with an invalid ifIndex were left out", bad)
	}
	ports := newPortSet(indexes)
	for _, p := range ports.sorted() {
		k := strconv.Itoa(p.IfIndex)
		p.Descr = descr[k]
		p.Name = names[k]
		if p.Name == "" {
			p.Name = p.Descr
		}
		p.Alias = aliases[k]
		if t, ok := types[k]; ok {
			p.Type = ifTypeName(t)
		}
		p.AdminUp = admin[k] == 1
		p.OperUp = oper[k] == 1
		// notPresent(6): Cisco SB lists every port of the stack members
		// it could have (an SG350X-24P alone: 216 ports, 189 of them
		// absent).
		p.NotPresent = oper[k] == 6
		switch {
		case high[k] > 0:
			p.SpeedMbps = int(high[k])
		case speed[k] > 0 && speed[k] < 4294967295:
			p.SpeedMbps = int(speed[k] / 1000000)
		case speed[k] == 4294967295:
			// ifSpeed saturates above 4.29 Gb/s and ifHighSpeed is absent.
			p.SpeedMbps = 4294
		}
		if mac, ok := formatMAC(phys[k]); ok && mac != "00:00:00:00:00:00" {
			p.MAC = mac
		}
		if n, ok := inErr[k]; ok {
			p.Counters = &snapshot.Counters{InErrors: uint64(n)}
		}
	}
	return ports
}

// readEthernet adds EtherLike-MIB duplex and the error counters that betray
// bad cabling.
func readEthernet(d *data, ports *portSet) {
	duplex := d.ints(stageEthernet, oidDot3DuplexStatus)
	fcs := d.ints(stageEthernet, oidDot3FCSErrors)
	align := d.ints(stageEthernet, oidDot3AlignmentErrors)
	late := d.ints(stageEthernet, oidDot3LateCollisions)
	for _, p := range ports.sorted() {
		k := strconv.Itoa(p.IfIndex)
		switch duplex[k] {
		case 2:
			p.Duplex = snapshot.DuplexHalf
		case 3:
			p.Duplex = snapshot.DuplexFull
		}
		_, hasFCS := fcs[k]
		_, hasAlign := align[k]
		_, hasLate := late[k]
		if !hasFCS && !hasAlign && !hasLate {
			continue
		}
		if p.Counters == nil {
			p.Counters = &snapshot.Counters{}
		}
		p.Counters.FCSErrors = uint64(fcs[k])
		p.Counters.AlignmentErrors = uint64(align[k])
		p.Counters.LateCollisions = uint64(late[k])
	}
}

// ifTypeName names the IANAifType values a switch shows; others are "type-N".
func ifTypeName(t int64) string {
	switch t {
	case 1:
		return "other"
	case 6:
		return "ethernetCsmacd"
	case 24:
		return "softwareLoopback"
	case 53:
		return "propVirtual"
	case 54:
		return "propMultiplexor"
	case 117:
		return "gigabitEthernet"
	case 131:
		return "tunnel"
	case 135:
		return "l2vlan"
	case 136:
		return "l3ipvlan"
	case 142:
		return "ipForward"
	case 161:
		return "ieee8023adLag"
	case 209:
		return "bridge"
	case 71:
		return "ieee80211"
	}
	return "type-" + strconv.FormatInt(t, 10)
}
