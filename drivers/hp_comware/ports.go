package hp_comware

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// shortNames are Comware's interface abbreviations (display interface
// brief, LLDP list) and the names the configuration spells out.
var shortNames = []struct{ short, long string }{
	{"XGE", "Ten-GigabitEthernet"}, {"FGE", "FortyGigE"}, {"HGE", "HundredGigE"}, {"WGE", "Twenty-FiveGigE"},
	{"MGE", "M-GigabitEthernet"}, {"GE", "GigabitEthernet"}, {"BAGG", "Bridge-Aggregation"}, {"Eth", "Ethernet"},
}

// CanonicalPort implements the optional port-name hook of drivers/apply:
// Comware's configuration names ports in full ("GigabitEthernet1/0/1");
// "GE1/0/1" and "XGE1/0/49" from brief outputs become those.
func (Driver) CanonicalPort(name string) string {
	n := strings.TrimSpace(name)
	for _, s := range shortNames {
		if rest, ok := strings.CutPrefix(n, s.short); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return s.long + rest
		}
	}
	return n
}

// parseVLANs reads a Comware VLAN list: numbers and "A to B" ranges
// separated by spaces ("10 20 to 23"), or "all".
func parseVLANs(words []string) ([]int, error) {
	var out []int
	for i := 0; i < len(words); i++ {
		a, err := strconv.Atoi(words[i])
		if err != nil || a < 1 || a > 4094 {
			return nil, fmt.Errorf("bad VLAN %q", words[i])
		}
		b := a
		if i+2 < len(words) && words[i+1] == "to" {
			if b, err = strconv.Atoi(words[i+2]); err != nil || b < a || b > 4094 {
				return nil, fmt.Errorf("bad VLAN range %s to %s", words[i], words[i+2])
			}
			i += 2
		}
		for v := a; v <= b; v++ {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no VLAN")
	}
	return out, nil
}

// formatVLANs writes ids as Comware does: "10 20 to 23".
func formatVLANs(ids []int) string {
	s := slices.Clone(ids)
	slices.Sort(s)
	s = slices.Compact(s)
	var parts []string
	for i := 0; i < len(s); {
		j := i
		for j+1 < len(s) && s[j+1] == s[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, strconv.Itoa(s[i])+" to "+strconv.Itoa(s[j]))
		} else {
			parts = append(parts, strconv.Itoa(s[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, " ")
}
