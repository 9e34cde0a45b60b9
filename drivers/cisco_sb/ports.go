package cisco_sb

import "strings"

// longNames maps SB interface type names to the short forms SB prints in
// show tables ("GigabitEthernet1/0/1" -> "gi1/0/1", "GigabitEthernet7" ->
// "gi7"). SB spells ten-gigabit "TengigabitEthernet"; the match is
// case-insensitive.
var longNames = [][2]string{
	{"TengigabitEthernet", "te"},
	{"GigabitEthernet", "gi"},
	{"FastEthernet", "fa"},
	{"Port-channel", "Po"},
}

// ShortName returns the short form SB prints ("gi7"), the form the driver
// keys ports by. Unknown names are returned unchanged.
func ShortName(name string) string {
	name = strings.TrimSpace(name)
	low := strings.ToLower(name)
	for _, ln := range longNames {
		for _, prefix := range []string{strings.ToLower(ln[0]), strings.ToLower(ln[1])} {
			if rest, ok := strings.CutPrefix(low, prefix); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
				return ln[1] + rest
			}
		}
	}
	return name
}

// LongName returns the form SB writes in its configuration.
func LongName(name string) string {
	short := ShortName(name)
	for _, ln := range longNames {
		if rest, ok := strings.CutPrefix(short, ln[1]); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return ln[0] + rest
		}
	}
	return name
}

// CanonicalPort implements the optional port-name hook of drivers/apply.
func (Driver) CanonicalPort(name string) string { return ShortName(name) }
