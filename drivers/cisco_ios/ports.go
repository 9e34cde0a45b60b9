package cisco_ios

import "strings"

// longNames maps IOS interface type names to the abbreviations IOS prints
// in show tables and ifName ("GigabitEthernet1/0/1" -> "Gi1/0/1"). Longer
// names first so a prefix never shadows a longer one.
var longNames = [][2]string{
	{"TwentyFiveGigE", "Twe"},
	{"TwoGigabitEthernet", "Tw"},
	{"FiveGigabitEthernet", "Fi"},
	{"TenGigabitEthernet", "Te"},
	{"FortyGigabitEthernet", "Fo"},
	{"HundredGigE", "Hu"},
	{"AppGigabitEthernet", "Ap"},
	{"GigabitEthernet", "Gi"},
	{"FastEthernet", "Fa"},
	{"Port-channel", "Po"},
	{"Ethernet", "Et"},
}

// ShortName returns the abbreviated form of an interface name; names
// already short, or of unknown types, are returned unchanged.
func ShortName(name string) string {
	name = strings.TrimSpace(name)
	for _, ln := range longNames {
		if rest, ok := strings.CutPrefix(name, ln[0]); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return ln[1] + rest
		}
	}
	return name
}

// LongName returns the full form IOS writes in its configuration.
func LongName(name string) string {
	name = strings.TrimSpace(name)
	for _, ln := range longNames {
		if strings.HasPrefix(name, ln[0]) {
			return name
		}
	}
	for _, ln := range longNames {
		if rest, ok := strings.CutPrefix(name, ln[1]); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return ln[0] + rest
		}
	}
	return name
}

// CanonicalPort implements the optional port-name hook of drivers/apply:
// the short form, as ParseConfig keys ports.
func (Driver) CanonicalPort(name string) string { return ShortName(name) }

// IsSwitchPort reports whether an interface (short name) is an Ethernet
// port or a port-channel, not an SVI, loopback or tunnel.
func IsSwitchPort(short string) bool {
	for _, ln := range longNames {
		if rest, ok := strings.CutPrefix(short, ln[1]); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return true
		}
	}
	return false
}
