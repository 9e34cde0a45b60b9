package snmp

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/snapshot"
)

// LLDP id subtypes that hold a MAC address.
const (
	chassisSubtypeMAC     = 4
	chassisSubtypeNetAddr = 5
	portSubtypeMAC        = 3
	portSubtypeNetAddr    = 4
)

// formatLLDPID shows a chassis or port id: a MAC address as aa:bb:..,
// a network address as an IP, text as text, anything else as hex.
func formatLLDPID(b []byte, subtype int64, macSubtype int64) string {
	if subtype == macSubtype {
		if mac, ok := formatMAC(b); ok {
			return mac
		}
	}
	if subtype == macSubtype+1 && len(b) > 1 { // networkAddress: IANA family + address
		switch {
		case b[0] == 1 && len(b) == 5:
			return netip.AddrFrom4([4]byte(b[1:])).String()
		case b[0] == 2 && len(b) == 17:
			return netip.AddrFrom16([16]byte(b[1:])).String()
		}
	}
	if printable(b) {
		return displayString(b)
	}
	if mac, ok := formatMAC(b); ok {
		return mac
	}
	return fmt.Sprint(hexString(b))
}

// lldpCapabilityNames are the LLDP-MIB LldpSystemCapabilitiesMap bits in
// order: bit 0 is the most significant bit of the first octet.
var lldpCapabilityNames = []string{"other", "repeater", "bridge", "wlanAccessPoint", "router",
	"telephone", "docsisCableDevice", "station", "cVlan", "sVlan", "twoPortMacRelay"}

// LLDPCapabilities turns an LldpSystemCapabilitiesMap (BITS) into words.
// Bits beyond the known ones are ignored.
func LLDPCapabilities(b []byte) []string {
	if fixed, ok := recoverBitsText(b); ok {
		b = fixed
	}
	out := []string{}
	for i, name := range lldpCapabilityNames {
		if i/8 < len(b) && b[i/8]&(0x80>>(i%8)) != 0 {
			out = append(out, name)
		}
	}
	return out
}

// remKey identifies one LLDP neighbour: lldpRemTimeMark is left out (it
// only versions the row), the local port number and lldpRemIndex stay.
type remKey struct {
	localPort int
	index     int
}

// ParseRemIndex reads an lldpRemTable index. The standard one is
// timeMark.localPortNum.remIndex; TP-Link JetStream leaves out the time
// mark (localPortNum.remIndex); MikroTik RouterOS sends remIndex alone, so
// the local port is unknown (localPort 0). rest is what follows the three
// standard components (used by tables that extend the index).
func ParseRemIndex(idx string, extra int) (key remKey, rest []uint32, ok bool) {
	a, ok := arcs(idx)
	if !ok || len(a) < 1+extra {
		return remKey{}, nil, false
	}
	head := a[:len(a)-extra]
	rest = a[len(a)-extra:]
	switch len(head) {
	case 3:
		key = remKey{localPort: int(head[1]), index: int(head[2])}
	case 2:
		key = remKey{localPort: int(head[0]), index: int(head[1])}
	case 1:
		key = remKey{index: int(head[0])}
	default:
		return remKey{}, nil, false
	}
	if key.localPort < 0 || key.localPort > maxIndex || key.index < 0 || key.index > maxIndex {
		return remKey{}, nil, false
	}
	return key, rest, true
}

// lldpAdminStatus words (lldpPortConfigAdminStatus).
var lldpAdminNames = map[int64]string{1: "txOnly", 2: "rxOnly", 3: "txAndRx", 4: "disabled"}

// readLLDP attaches LLDP neighbours (with LLDP-MED) and the ports' LLDP
// admin status and local MED policies.
func readLLDP(d *data, ports *portSet, bp bridgePorts) {
	lp := mapLLDPPorts(d, ports, bp)

	for idx, st := range d.ints(stageLLDP, oidLldpPortConfigAdmin) {
		num, ok := intIndex(idx)
		if !ok {
			continue
		}
		if i, ok := lp.ifIndex(num, ports, bp); ok {
			ports.get(i).LLDPAdmin = lldpAdminNames[st]
		}
	}

	chassisSub := d.ints(stageLLDP, oidLldpRemChassisIDSubtype)
	chassis := d.bytes(stageLLDP, oidLldpRemChassisID)
	portSub := d.ints(stageLLDP, oidLldpRemPortIDSubtype)
	portIDs := d.bytes(stageLLDP, oidLldpRemPortID)
	portDesc := d.strings(stageLLDP, oidLldpRemPortDesc)
	sysName := d.strings(stageLLDP, oidLldpRemSysName)
	sysDesc := d.strings(stageLLDP, oidLldpRemSysDesc)
	caps := d.bytes(stageLLDP, oidLldpRemSysCapEnabled)
	mgmt := remManAddrs(d)
	pvids := map[remKey]int{}
	for idx, v := range d.ints(stageLLDP, oidLldpXdot1RemPortVlanID) {
		if k, _, ok := ParseRemIndex(idx, 0); ok && validVLAN(v) {
			pvids[k] = int(v)
		}
	}
	med := readRemMED(d)

	// Rows are keyed by their index; a neighbour exists when any column
	// has a row for it.
	type row struct {
		key remKey
		idx string
	}
	var rows []row
	seen := map[remKey]bool{}
	bad, noPort, unmapped := 0, 0, 0
	for _, col := range []string{oidLldpRemChassisID, oidLldpRemPortID, oidLldpRemSysName} {
		for _, vb := range d.rows(col) {
			key, _, ok := ParseRemIndex(vb.index, 0)
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
		if r.key.localPort == 0 {
			noPort++
			continue
		}
		ifIndex, ok := lp.ifIndex(r.key.localPort, ports, bp)
		if !ok {
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
			NativeVLAN:   pvids[r.key],
			MED:          med[r.key],
		}
		if n.MED != nil && n.MED.Model != "" {
			n.Platform = n.MED.Model
		}
		p := ports.get(ifIndex)
		p.Neighbors = append(p.Neighbors, n)
	}
	if bad > 0 {
		d.errorf(stageLLDP, "%d lldpRemTable rows with an unreadable index were left out", bad)
	}
	if noPort > 0 {
		d.errorf(stageLLDP, "%d LLDP neighbours left out: the agent indexes lldpRemTable without the local port number (non-standard), so their port is unknown", noPort)
	}
	if unmapped > 0 {
		d.errorf(stageLLDP, "%d LLDP neighbours left out: their lldpLocPortNum matches no interface", unmapped)
	}
	readLocMED(d, ports, lp, bp)
}

// remManAddrs reads the first management address of each neighbour from
// lldpRemManAddrTable's index (...remIndex.addrSubtype.len.addr), IPv4
// preferred over IPv6.
func remManAddrs(d *data) map[remKey]string {
	out := map[remKey]string{}
	for _, vb := range d.rows(oidLldpRemManAddrIfSubtype) {
		a, ok := arcs(vb.index)
		if !ok || len(a) < 5 {
			continue
		}
		// Find the split: the standard index has 3 components before the
		// address subtype; the address is length-prefixed.
		key, _, ok := ParseRemIndex(joinArcs(a[:3]), 0)
		if !ok {
			continue
		}
		subtype, rest := a[3], a[4:]
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

func joinArcs(a []uint32) string {
	s := make([]byte, 0, len(a)*4)
	for i, v := range a {
		if i > 0 {
			s = append(s, '.')
		}
		s = strconv.AppendUint(s, uint64(v), 10)
	}
	return string(s)
}

func ipFromArcs(family uint32, a []uint32) (string, bool) {
	b := make([]byte, len(a))
	for i, v := range a {
		if v > 255 {
			return "", false
		}
		b[i] = byte(v)
	}
	var addr netip.Addr
	switch {
	case family == 1 && len(b) == 4:
		addr = netip.AddrFrom4([4]byte(b))
	case family == 2 && len(b) == 16:
		addr = netip.AddrFrom16([16]byte(b))
	default:
		return "", false
	}
	if addr.IsUnspecified() {
		return "", false // 0.0.0.0: the neighbour advertised no address
	}
	return addr.String(), true
}

func isIPv6(s string) bool { return strings.Contains(s, ":") }

// recoverBitsText undoes how LibreNMS recordings store BITS values: as
// net-snmp printed them, hex octets then the numbers of the set bits
// ("04 5" for telephone). It is recognised only when the bit numbers match
// the octets and the text, read as raw octets, would set bits beyond
// twoPortMacRelay (10) that LLDP does not define, so a real value is never
// taken for it.
func recoverBitsText(b []byte) ([]byte, bool) {
	if len(b) < 2 || !printable(b) {
		return nil, false
	}
	raw := false
	for i := 11; i < len(b)*8; i++ {
		if b[i/8]&(0x80>>(i%8)) != 0 {
			raw = true
			break
		}
	}
	if !raw {
		return nil, false
	}
	fields := strings.Fields(string(b))
	var octets []byte
	i := 0
	for ; i < len(fields) && len(fields[i]) == 2; i++ {
		v, err := strconv.ParseUint(fields[i], 16, 8)
		if err != nil {
			break
		}
		octets = append(octets, byte(v))
	}
	if len(octets) == 0 {
		return nil, false
	}
	var want []int
	for bit := 0; bit < len(octets)*8; bit++ {
		if octets[bit/8]&(0x80>>(bit%8)) != 0 {
			want = append(want, bit)
		}
	}
	if len(fields)-i != len(want) {
		return nil, false
	}
	for j, f := range fields[i:] {
		n, err := strconv.Atoi(f)
		if err != nil || n != want[j] {
			return nil, false
		}
	}
	return octets, true
}
