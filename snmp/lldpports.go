package snmp

import (
	"regexp"
	"strings"
)

// lldpPorts maps lldpLocPortNum to ifIndex.
type lldpPorts map[int]int

// mapLLDPPorts maps LLDP local port numbers to interfaces. lldpLocPortNum
// is its own numbering: equal to ifIndex on some switches, to the bridge
// port on others, to neither on a few. The rule, first match wins, each
// match required to be unique:
//  1. lldpLocPortId as a MAC (subtype macAddress) equal to ifPhysAddress;
//  2. lldpLocPortId equal to ifName, then ifDescr, then ifAlias;
//  3. lldpLocPortDesc equal to ifDescr, then ifName, then ifAlias;
//     3b. the same interface kind and numbering in the port id and in an
//     ifName/ifDescr ("GigabitEthernet1/0/3" = "gigabitEthernet 1/0/3 :
//     copper" = "Gi1/0/3"), quotes and spaces ignored; then the same
//     numbering alone (JetStream names its SFP port "FiberEthernet1/0/18"
//     in LLDP and "gigabitEthernet 1/0/18 : fiber" in IF-MIB);
//  4. the port number as a dot1dBasePort (LLDP-MIB's advice to agents);
//  5. the port number as an ifIndex, when such an interface exists.
//
// Port numbers named in lldpRemTable but absent from lldpLocPortTable use
// rules 4 and 5.
func mapLLDPPorts(d *data, ports *portSet, bp bridgePorts) lldpPorts {
	subtypes := d.ints(stageLLDP, oidLldpLocPortIDSubtype)
	ids := d.bytes(stageLLDP, oidLldpLocPortID)
	descs := d.strings(stageLLDP, oidLldpLocPortDesc)

	byName := map[string][]int{}
	byDescr := map[string][]int{}
	byAlias := map[string][]int{}
	byMAC := map[string][]int{}
	for _, p := range ports.sorted() {
		if p.Name != "" {
			byName[p.Name] = append(byName[p.Name], p.IfIndex)
		}
		if p.Descr != "" {
			byDescr[p.Descr] = append(byDescr[p.Descr], p.IfIndex)
		}
		if p.Alias != "" {
			byAlias[p.Alias] = append(byAlias[p.Alias], p.IfIndex)
		}
		if p.MAC != "" {
			byMAC[p.MAC] = append(byMAC[p.MAC], p.IfIndex)
		}
	}
	byShape := map[string][]int{}
	byNumbering := map[string][]int{}
	for _, p := range ports.sorted() {
		seen := map[string]bool{}
		for _, s := range []string{p.Name, p.Descr} {
			if k := portShape(s); k != "" && !seen[k] {
				seen[k] = true
				byShape[k] = append(byShape[k], p.IfIndex)
			}
			if k := portNumbering(s); k != "" && !seen["#"+k] {
				seen["#"+k] = true
				byNumbering[k] = append(byNumbering[k], p.IfIndex)
			}
		}
	}
	unique := func(m map[string][]int, key string) (int, bool) {
		if key == "" || len(m[key]) != 1 {
			return 0, false
		}
		return m[key][0], true
	}
	out := lldpPorts{}
	for idx, raw := range ids {
		num, ok := intIndex(idx)
		if !ok {
			continue
		}
		if subtypes[idx] == portSubtypeMAC {
			if mac, ok := formatMAC(raw); ok {
				if i, ok := unique(byMAC, mac); ok {
					out[num] = i
					continue
				}
			}
		}
		id := displayString(raw)
		found := false
		for _, try := range []struct {
			m   map[string][]int
			key string
		}{{byName, id}, {byDescr, id}, {byAlias, id}, {byDescr, descs[idx]}, {byName, descs[idx]}, {byAlias, descs[idx]},
			{byShape, portShape(id)}, {byShape, portShape(descs[idx])},
			{byNumbering, portNumbering(id)}, {byNumbering, portNumbering(descs[idx])}} {
			if i, ok := unique(try.m, try.key); ok {
				out[num], found = i, true
				break
			}
		}
		if !found {
			if i, ok := portByNumber(num, ports, bp); ok {
				out[num] = i
			}
		}
	}
	return out
}

// portByNumber applies rules 4 and 5 of mapLLDPPorts.
func portByNumber(num int, ports *portSet, bp bridgePorts) (int, bool) {
	if i, ok := bp[num]; ok && ports.get(i) != nil {
		return i, true
	}
	if ports.get(num) != nil {
		return num, true
	}
	return 0, false
}

func (lp lldpPorts) ifIndex(num int, ports *portSet, bp bridgePorts) (int, bool) {
	if i, ok := lp[num]; ok {
		return i, true
	}
	return portByNumber(num, ports, bp)
}

var rePortShape = regexp.MustCompile(`^[^A-Za-z0-9]*([A-Za-z]{2})[A-Za-z-]*\s*(\d+(?:/\d+)+)(?:[^0-9/].*)?$`)

// portShape reduces an interface name to its kind and numbering:
// "GigabitEthernet1/0/3", "Gi1/0/3" and "gigabitEthernet 1/0/3 : copper"
// all give "gi1/0/3". Names without a slash numbering give "".
func portShape(s string) string {
	m := rePortShape.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return strings.ToLower(m[1]) + m[2]
}

// portNumbering is portShape without the kind: "1/0/3".
func portNumbering(s string) string {
	m := rePortShape.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return m[2]
}
