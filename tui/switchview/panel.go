package switchview

import (
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
)

// group is one row block of the front panel: the ports that share a name
// prefix ("Gi1/0/" for a stack member's copper ports, "Gi1/1/" for its
// uplink module), in the order printed on the panel.
type group struct {
	prefix string
	ports  []int // indexes into the switch's Ports
}

// panelPorts are the ports drawn on the front panel: the physical Ethernet
// ports. LAGs, VLAN interfaces and loopbacks are not on the panel.
func panelPorts(sw snapshot.Switch) []int {
	var idx []int
	for i, p := range sw.Ports {
		if !p.NotPresent && (p.Type == "ethernetCsmacd" || p.Type == "gigabitEthernet" || p.Type == "fastEther") {
			idx = append(idx, i)
		}
	}
	return idx
}

// layout groups the panel ports by name prefix, keeping the order in which
// the prefixes first appear once ports are sorted the way people read them.
func layout(sw snapshot.Switch) []group {
	idx := panelPorts(sw)
	sortPorts(sw, idx)
	var groups []group
	at := map[string]int{}
	for _, i := range idx {
		prefix, _ := splitName(sw.Ports[i].Name)
		g, ok := at[prefix]
		if !ok {
			g = len(groups)
			at[prefix] = g
			groups = append(groups, group{prefix: prefix})
		}
		groups[g].ports = append(groups[g].ports, i)
	}
	// Front ports first: a management port (Fa0, oobm) or a lone
	// module goes after the blocks of access ports.
	slices.SortStableFunc(groups, func(a, b group) int {
		return boolInt(len(b.ports) >= frontBlock) - boolInt(len(a.ports) >= frontBlock)
	})
	return groups
}

// frontBlock is the size from which a group is a block of access ports.
const frontBlock = 8

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sortPorts(sw snapshot.Switch, idx []int) {
	// insertion sort: panels are at most a few hundred ports
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && audit.ComparePorts(portName(sw, idx[j]), portName(sw, idx[j-1])) < 0; j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
}

func portName(sw snapshot.Switch, i int) string {
	if n := sw.Ports[i].Name; n != "" {
		return n
	}
	return sw.Ports[i].Descr
}

// splitName cuts "Gi1/0/12" into "Gi1/0/" and "12". A name that does not end
// in digits is its own prefix with an empty number.
func splitName(name string) (prefix, number string) {
	i := len(name)
	for i > 0 && name[i-1] >= '0' && name[i-1] <= '9' {
		i--
	}
	return name[:i], name[i:]
}

// shortLabel is what fits above a cell: the port's number on the panel.
func shortLabel(name string) string {
	_, n := splitName(name)
	if n == "" {
		return "?"
	}
	if v, err := strconv.Atoi(n); err == nil {
		n = strconv.Itoa(v)
	}
	return n
}

// cellWidth is the width of one port on the panel: a letter, a mark, a gap.
const cellWidth = 3

// chunk splits a group into blocks that fit width: panels print odd ports on
// the top row and even ports on the bottom row, two ports per column.
func chunk(g group, width int) []group {
	cols := max((width-labelWidth)/cellWidth, 1)
	per := cols * 2
	if len(g.ports) <= per {
		return []group{g}
	}
	var out []group
	for i := 0; i < len(g.ports); i += per {
		out = append(out, group{prefix: g.prefix, ports: g.ports[i:min(i+per, len(g.ports))]})
	}
	return out
}

// labelWidth is the room left of the panel for the group's prefix.
const labelWidth = 8

func padLabel(s string) string {
	if len(s) > labelWidth-1 {
		s = s[:labelWidth-1]
	}
	return s + strings.Repeat(" ", labelWidth-len(s))
}
