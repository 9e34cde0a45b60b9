package hp_comware

import "strings"

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
