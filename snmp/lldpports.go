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
	byShape := map[string][]int{}
	byNumbering := map[string][]int{}
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
		// A port counts once per shape and per numbering, even when its
		// name and description share them.
		nameShape, nameNumbering := portKeys(p.Name)
		descrShape, descrNumbering := portKeys(p.Descr)
		if nameShape != "" {
			byShape[nameShape] = append(byShape[nameShape], p.IfIndex)
			byNumbering[nameNumbering] = append(byNumbering[nameNumbering], p.IfIndex)
		}
		if descrShape != "" && descrShape != nameShape {
			byShape[descrShape] = append(byShape[descrShape], p.IfIndex)
		}
		if descrNumbering != "" && descrNumbering != nameNumbering {
			byNumbering[descrNumbering] = append(byNumbering[descrNumbering], p.IfIndex)
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
		id, desc := displayString(raw), descs[idx]
		try := func(m map[string][]int, key string) bool {
			i, ok := unique(m, key)
			if ok {
				out[num] = i
			}
			return ok
		}
		found := try(byName, id) || try(byDescr, id) || try(byAlias, id) ||
			try(byDescr, desc) || try(byName, desc) || try(byAlias, desc)
		if !found {
			idShape, idNumbering := portKeys(id)
			descShape, descNumbering := portKeys(desc)
			found = try(byShape, idShape) || try(byShape, descShape) ||
				try(byNumbering, idNumbering) || try(byNumbering, descNumbering)
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
	shape, _ := portKeys(s)
	return shape
}

// portNumbering is portShape without the kind: "1/0/3".
func portNumbering(s string) string {
	_, numbering := portKeys(s)
	return numbering
}

// portKeys returns portShape(s) and portNumbering(s) from one match.
func portKeys(s string) (shape, numbering string) {
	m := rePortShape.FindStringSubmatchIndex(s)
	if m == nil {
		return "", ""
	}
	numbering = s[m[4]:m[5]]
	return strings.ToLower(s[m[2]:m[3]]) + numbering, numbering
}
