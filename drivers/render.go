package drivers

import (
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
)

// Helpers the OS drivers' Want, Render and Sections share.

// RenamePorts is changes with each port named as canonical names it, so
// they match the keys of a parsed Config.
func RenamePorts(changes []audit.Change, canonical func(string) string) []audit.Change {
	named := make([]audit.Change, len(changes))
	for i, c := range changes {
		c.Port = canonical(c.Port)
		named[i] = c
	}
	return named
}

// SortedKeys is m's keys in ascending order.
func SortedKeys[V any](m map[int]V) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// NoPrefix is "no " when off, to negate a command that is on by default.
func NoPrefix(off bool) string {
	if off {
		return "no "
	}
	return ""
}

// VLANSection is the running-config section of VLAN id as Cisco-style
// Sections show it: nil lines when cfg has no such VLAN, else its name.
func VLANSection(cfg *Config, id int) Section {
	v, ok := cfg.VLANs[id]
	title := "vlan " + strconv.Itoa(id)
	switch {
	case !ok:
		return Section{Title: title, Lines: nil}
	case v.Name != "":
		return Section{Title: title, Lines: []string{" name " + v.Name}}
	default:
		return Section{Title: title, Lines: []string{}}
	}
}

// UnmanagedLines is the lines of the raw section title that managed says
// the model does not cover, as read.
func UnmanagedLines(cfg *Config, title string, managed func(trimmed string) bool) []string {
	var lines []string
	for _, l := range cfg.Raw[title] {
		if !managed(strings.TrimSpace(l)) {
			lines = append(lines, l)
		}
	}
	return lines
}

// TaggedWithVoice is the VLANs a port carries tagged, its voice VLAN
// included, sorted.
func TaggedWithVoice(p *Port) []int {
	out := slices.Clone(p.TaggedVLANs)
	if p.VoiceVLAN != 0 {
		out = append(out, p.VoiceVLAN)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// VLANSectionRaw is VLANSection with the lines of the VLAN's raw section
// voxlan does not manage after the name.
func VLANSectionRaw(cfg *Config, id int) Section {
	s := VLANSection(cfg, id)
	if s.Lines != nil {
		s.Lines = append(s.Lines, cfg.Raw[s.Title]...)
	}
	return s
}

// PortSection is port name's "interface NAME" section: the raw lines voxlan
// does not manage, as read, then the managed lines, each after indent.
func PortSection(cfg *Config, name, indent string, managed []string) Section {
	title := "interface " + name
	lines := slices.Clone(cfg.Raw[title])
	for _, l := range managed {
		lines = append(lines, indent+l)
	}
	if lines == nil {
		lines = []string{}
	}
	return Section{Title: title, Lines: lines}
}

// StringSet is list as a set.
func StringSet(list []string) map[string]bool {
	s := map[string]bool{}
	for _, v := range list {
		s[v] = true
	}
	return s
}

// LLDPSection is the "lldp" section of an OS whose global LLDP setting is
// one line: on as onLine, off as offLine, each as the configuration
// writes it.
func LLDPSection(on bool, onLine, offLine string) Section {
	if on {
		return Section{Title: "lldp", Lines: []string{onLine}}
	}
	return Section{Title: "lldp", Lines: []string{offLine}}
}

// LLDPWord is the OS's word for a port's LLDP transmit/receive state:
// both when it sends and receives, txOnly or rxOnly for one way, off for
// neither (VRP "txrx"/"tx"/"rx"/"disable", AOS-S "tx_rx"/"txonly"/"rxonly"/
// "disable", OmniSwitch "tx-and-rx"/"tx"/"rx"/"disable").
func LLDPWord(p *Port, both, txOnly, rxOnly, off string) string {
	switch {
	case !p.LLDPTxOff && !p.LLDPRxOff:
		return both
	case !p.LLDPTxOff:
		return txOnly
	case !p.LLDPRxOff:
		return rxOnly
	}
	return off
}
