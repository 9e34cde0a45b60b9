package clisim

import (
	"fmt"
	"strings"
)

// Comware and VRP share their interface naming and the way they show an
// LLDP neighbour's chassis MAC (dash-separated groups of four), so their
// emulators share these two pieces.

// dashMACPhone is the IP phone (LLDP-MED, bridge+telephone) AddPhone puts
// on a Comware or VRP port, numbered after the port's last number.
func dashMACPhone(port string) *Neighbor {
	n := port[strings.LastIndexByte(port, '/')+1:]
	return &Neighbor{SysName: "SEP00AABBCC00" + n, ChassisID: "00aa-bbcc-00" + fmt.Sprintf("%02s", n),
		PortID: "00AABBCC0001:P1", PortDescr: "SW PORT", Caps: "B,T",
		SysDescr: "Cisco IP Phone 8841, V3, sip88xx.14-1-1-0001-136", Phone: true}
}

// portAbbrev is one abbreviation of an interface type ("ge") and the full
// lower-case name it stands for ("gigabitethernet").
type portAbbrev struct{ short, long string }

// fullPortName lower-cases name, drops its spaces and expands a leading
// abbreviation followed by a digit: "GE1/0/1" and "gigabitethernet 1/0/1"
// both become "gigabitethernet1/0/1".
func fullPortName(name string, abbrevs []portAbbrev) string {
	n := strings.ToLower(strings.ReplaceAll(name, " ", ""))
	for _, ab := range abbrevs {
		if rest, ok := strings.CutPrefix(n, ab.short); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			n = ab.long + rest
		}
	}
	return n
}
