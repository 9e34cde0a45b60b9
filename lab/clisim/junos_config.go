package clisim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A Junos configuration is held as the statements `show configuration |
// display set` prints, without the leading "set": one string per leaf,
// words separated by single spaces, quoted values kept quoted. set adds a
// statement (replacing the value of a single-valued leaf), delete removes
// every statement under a path. The statements the emulator accepts are
// the ELS ones voxlan reads and writes (junosGrammar); anything else is
// Junos' "syntax error.".

// junosGrammar lists the statement shapes accepted by set: literal words,
// or <port> (ge-/xe-/mge-/et- FPC/PIC/port), <unit> (a port's unit 0:
// "ge-0/0/1.0"), <vlan> (a VLAN name or id), <id> (1-4094), <n> (a
// number), <word>, <str> (a quoted string or word), <cidr>, <class> (a
// forwarding class). A trailing "..." means the statement takes one value
// replaced by the next set; list leaves (vlan members, addresses) add.
var junosGrammar = [][]string{
	{"version", "<word>"},
	{"system", "host-name", "<word>"},
	{"system", "services", "ssh"},
	{"interfaces", "<port>", "disable"},
	{"interfaces", "<port>", "description", "<str>"},
	{"interfaces", "<port>", "native-vlan-id", "<id>"},
	{"interfaces", "<port>", "unit", "0", "family", "ethernet-switching", "interface-mode", "<mode>"},
	{"interfaces", "<port>", "unit", "0", "family", "ethernet-switching", "vlan", "members", "<vlan>"},
	{"interfaces", "<port>", "unit", "0", "family", "ethernet-switching", "storm-control", "default"},
	{"interfaces", "<port>", "unit", "0", "family", "ethernet-switching"},
	{"interfaces", "irb", "unit", "<n>", "family", "inet", "address", "<cidr>"},
	{"protocols", "lldp", "disable"},
	{"protocols", "lldp", "interface", "<lport>", "disable"},
	{"protocols", "lldp", "interface", "<lport>"},
	{"protocols", "lldp-med", "disable"},
	{"protocols", "lldp-med", "interface", "<lport>", "disable"},
	{"protocols", "lldp-med", "interface", "<lport>"},
	{"poe", "interface", "<lport>", "disable"},
	{"poe", "interface", "<lport>"},
	{"switch-options", "voip", "interface", "<unit>", "vlan", "<vlan>"},
	{"switch-options", "voip", "interface", "<unit>", "forwarding-class", "<class>"},
	{"vlans", "<name>", "vlan-id", "<id>"},
	{"vlans", "<name>", "description", "<str>"},
	{"vlans", "<name>", "l3-interface", "<irb>"},
}

// junosSingle are the leaves whose set replaces the value (the word before
// the value).
var junosSingle = map[string]bool{"host-name": true, "version": true, "description": true, "native-vlan-id": true,
	"interface-mode": true, "vlan-id": true, "l3-interface": true, "forwarding-class": true, "vlan": true}

// junosWords cuts a statement into words, a double-quoted string as one
// word with its quotes; ok is false for an unterminated quote.
func junosWords(s string) ([]string, bool) {
	var out []string
	for i := 0; i < len(s); {
		switch {
		case s[i] == ' ' || s[i] == '\t':
			i++
		case s[i] == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return nil, false
			}
			out = append(out, s[i:i+j+2])
			i += j + 2
		default:
			j := strings.IndexAny(s[i:], " \t")
			if j < 0 {
				j = len(s) - i
			}
			out = append(out, s[i:i+j])
			i += j
		}
	}
	return out, true
}

// junosPortName: "ge-0/0/1", "xe-0/1/0", "mge-0/0/36", "et-0/0/48".
func junosPortName(w string) bool {
	for _, p := range []string{"ge-", "xe-", "mge-", "et-"} {
		if rest, ok := strings.CutPrefix(w, p); ok {
			f := strings.Split(rest, "/")
			if len(f) != 3 {
				return false
			}
			for _, n := range f {
				if v, err := strconv.Atoi(n); err != nil || v < 0 || v > 99 || strconv.Itoa(v) != n {
					return false
				}
			}
			return true
		}
	}
	return false
}

func junosVLANName(w string) bool {
	if w == "" || len(w) > 64 || !(w[0] >= 'a' && w[0] <= 'z' || w[0] >= 'A' && w[0] <= 'Z') {
		return false
	}
	for _, c := range w {
		if !(c == '-' || c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func junosVLANID(w string) bool {
	n, err := strconv.Atoi(w)
	return err == nil && n >= 1 && n <= 4094 && strconv.Itoa(n) == w
}

// junosSlot says whether word w fits slot.
func junosSlot(slot, w string) bool {
	switch slot {
	case "<port>":
		return junosPortName(w)
	case "<lport>":
		return w == "all" || junosPortName(w)
	case "<unit>":
		p, u, ok := strings.Cut(w, ".")
		return ok && u == "0" && junosPortName(p)
	case "<vlan>":
		return junosVLANName(w) || junosVLANID(w)
	case "<name>":
		return junosVLANName(w)
	case "<id>":
		return junosVLANID(w)
	case "<n>":
		n, err := strconv.Atoi(w)
		return err == nil && n >= 0 && n < 16384
	case "<word>":
		return w != "" && !strings.ContainsAny(w, `";{}`)
	case "<str>":
		return w != "" && (w[0] == '"' || !strings.ContainsAny(w, `";{}`))
	case "<cidr>":
		a, l, ok := strings.Cut(w, "/")
		n, err := strconv.Atoi(l)
		return ok && err == nil && n >= 0 && n <= 32 && strings.Count(a, ".") == 3
	case "<mode>":
		return w == "access" || w == "trunk"
	case "<class>":
		return w == "expedited-forwarding" || w == "assured-forwarding" || w == "best-effort" || w == "network-control"
	case "<irb>":
		u, ok := strings.CutPrefix(w, "irb.")
		_, err := strconv.Atoi(u)
		return ok && err == nil
	}
	return slot == w
}

// junosMatch checks words against the grammar: full is true when they
// form a whole statement, prefix when they are the start of one (what
// delete takes); bad is the index of the first word no statement accepts.
func junosMatch(words []string) (full, prefix bool, bad int) {
	bad = 0
	for _, g := range junosGrammar {
		i := 0
		for i < len(words) && i < len(g) && junosSlot(g[i], words[i]) {
			i++
		}
		if i == len(words) {
			prefix = true
			if len(g) == len(words) {
				full = true
			}
		}
		bad = max(bad, i)
	}
	return full, prefix, bad
}

// junosConfig is a configuration: statements in display-set order.
type junosConfig []string

func (c junosConfig) clone() junosConfig { return slices.Clone(c) }

// set adds the statement words (already checked), replacing the value of
// a single-valued leaf.
func (c junosConfig) set(words []string) junosConfig {
	stmt := strings.Join(words, " ")
	if slices.Contains(c, stmt) {
		return c
	}
	// A container given alone (`family ethernet-switching`) is shown only
	// while nothing under it is; a statement under it replaces it.
	for _, s := range c {
		if strings.HasPrefix(stmt, s+" ") {
			c = slices.DeleteFunc(c, func(x string) bool { return x == s })
			break
		}
	}
	if slices.ContainsFunc(c, func(s string) bool { return strings.HasPrefix(s, stmt+" ") }) {
		return c
	}
	if n := len(words); n >= 2 && junosSingle[words[n-2]] && !(words[0] == "interfaces" && words[n-2] == "vlan") {
		parent := strings.Join(words[:n-1], " ") + " "
		c = slices.DeleteFunc(c, func(s string) bool {
			return strings.HasPrefix(s, parent) && !strings.Contains(s[len(parent):], " ")
		})
	}
	c = append(c, stmt)
	c.sort()
	return c
}

// remove deletes every statement under the path words; found is false
// when there is none.
func (c junosConfig) remove(words []string) (junosConfig, bool) {
	path := strings.Join(words, " ")
	n := len(c)
	c = slices.DeleteFunc(c, func(s string) bool { return s == path || strings.HasPrefix(s, path+" ") })
	found := len(c) != n
	// A container or list entry that is a statement of its own (`family
	// ethernet-switching`, `poe interface P`) stays when what was under
	// it goes.
	for k := len(words) - 1; k >= 1 && found; k-- {
		if full, _, _ := junosMatch(words[:k]); full {
			parent := strings.Join(words[:k], " ")
			if !slices.ContainsFunc(c, func(s string) bool { return s == parent || strings.HasPrefix(s, parent+" ") }) {
				c = append(c, parent)
				c.sort()
			}
			break
		}
	}
	return c, found
}

// junosTop orders the top-level stanzas as Junos shows them.
var junosTop = map[string]int{"version": 0, "system": 1, "interfaces": 2, "protocols": 3, "poe": 4, "switch-options": 5, "vlans": 6}

func (c junosConfig) sort() {
	slices.SortStableFunc(c, func(a, b string) int {
		wa, _ := junosWords(a)
		wb, _ := junosWords(b)
		if d := junosTop[wa[0]] - junosTop[wb[0]]; d != 0 {
			return d
		}
		for i := 0; i < len(wa) && i < len(wb); i++ {
			if d := junosWordCompare(wa[i], wb[i]); d != 0 {
				return d
			}
		}
		return len(wa) - len(wb)
	})
}

// junosWordCompare orders names with their numbers as numbers
// ("ge-0/0/2" before "ge-0/0/10").
func junosWordCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, _ := strconv.Atoi(a[:da])
			nb, _ := strconv.Atoi(b[:db])
			if na != nb {
				return na - nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func digits(s string) int {
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// displaySet is `show configuration | display set`.
func (c junosConfig) displaySet() string {
	var b strings.Builder
	for _, s := range c {
		b.WriteString("set " + s + "\n")
	}
	return b.String()
}

// values returns the last word of the statements under prefix (words
// joined), in order.
func (c junosConfig) values(prefix string) []string {
	var out []string
	for _, s := range c {
		if rest, ok := strings.CutPrefix(s, prefix+" "); ok && !strings.Contains(rest, " ") {
			out = append(out, strings.Trim(rest, `"`))
		}
	}
	return out
}

func (c junosConfig) has(stmt string) bool { return slices.Contains(c, stmt) }

// vlanIDs maps VLAN names to ids.
func (c junosConfig) vlanIDs() map[string]int {
	ids := map[string]int{}
	for _, s := range c {
		w, _ := junosWords(s)
		if len(w) == 4 && w[0] == "vlans" && w[2] == "vlan-id" {
			ids[w[1]], _ = strconv.Atoi(w[3])
		}
	}
	return ids
}

// resolveVLAN is a member or voip VLAN's name and id; ok is false when no
// VLAN under vlans has it.
func (c junosConfig) resolveVLAN(ref string) (string, int, bool) {
	ids := c.vlanIDs()
	if id, ok := ids[ref]; ok {
		return ref, id, true
	}
	if n, err := strconv.Atoi(ref); err == nil {
		for name, id := range ids {
			if id == n {
				return name, id, true
			}
		}
	}
	return "", 0, false
}

// check is `commit check`: what Junos' commit refuses, in its words (the
// statement's path, the offending statement, the reason), or "".
func (c junosConfig) check() string {
	var errs []string
	fail := func(path, stmt, why string) {
		errs = append(errs, fmt.Sprintf("[edit %s]\n  '%s'\n    %s", path, stmt, why))
	}
	seen := map[int]string{}
	for name, id := range c.vlanIDs() {
		if other, dup := seen[id]; dup {
			a, b := min(name, other), max(name, other)
			fail("vlans "+b, "vlan-id "+strconv.Itoa(id), fmt.Sprintf("l2ald: vlan-id %d is used by vlans %s and %s", id, a, b))
		}
		seen[id] = name
	}
	members := map[string][]string{}
	modes := map[string]string{}
	switching := map[string]bool{}
	for _, s := range c {
		w, _ := junosWords(s)
		switch {
		case len(w) >= 6 && w[0] == "interfaces" && w[5] == "ethernet-switching":
			switching[w[1]] = true
			if len(w) == 9 && w[6] == "vlan" && w[7] == "members" {
				if _, _, ok := c.resolveVLAN(w[8]); !ok {
					fail("interfaces "+w[1]+" unit 0 family ethernet-switching vlan", "members "+w[8], "No vlan matches vlan tag or name "+w[8])
				}
				members[w[1]] = append(members[w[1]], w[8])
			}
			if len(w) == 8 && w[6] == "interface-mode" {
				modes[w[1]] = w[7]
			}
		case len(w) == 6 && w[0] == "switch-options" && w[4] == "vlan":
			if _, _, ok := c.resolveVLAN(w[5]); !ok {
				fail("switch-options voip interface "+w[3], "vlan "+w[5], "VoIP vlan "+w[5]+" is not configured")
			}
		}
	}
	for _, s := range c {
		w, _ := junosWords(s)
		if len(w) >= 5 && w[0] == "switch-options" && w[1] == "voip" {
			if p, _, _ := strings.Cut(w[3], "."); !switching[p] {
				fail("switch-options voip interface "+w[3], strings.Join(w[4:], " "), "Interface "+w[3]+" is not a layer 2 (ethernet-switching) interface")
			}
		}
	}
	for port, ms := range members {
		if modes[port] != "trunk" && len(ms) > 1 {
			fail("interfaces "+port+" unit 0 family ethernet-switching", "vlan members", "Access interface "+port+".0 is a member of more than one VLAN")
		}
	}
	for _, s := range c {
		w, _ := junosWords(s)
		if len(w) == 4 && w[0] == "interfaces" && w[2] == "native-vlan-id" && modes[w[1]] != "trunk" {
			fail("interfaces "+w[1], "native-vlan-id "+w[3], "native-vlan-id is only valid on a trunk (interface-mode trunk) interface")
		}
	}
	if len(errs) == 0 {
		return ""
	}
	slices.Sort(errs)
	return strings.Join(errs, "\n") + "\nerror: configuration check-out failed\n"
}

// compare is `show | compare`: the statements removed and added, each
// under its parent path as Junos prints a difference ("[edit vlans
// VOICE]" / "+   vlan-id 20;").
func junosCompare(from, to junosConfig) string {
	var b strings.Builder
	last := ""
	emit := func(sign, s string) {
		i := strings.LastIndexByte(s, ' ')
		parent, leaf := "", s
		if i > 0 {
			parent, leaf = s[:i], s[i+1:]
		}
		if w, _ := junosWords(s); len(w) >= 2 && junosSingle[w[len(w)-2]] {
			if j := strings.LastIndexByte(parent, ' '); j > 0 {
				parent, leaf = s[:j], s[j+1:]
			} else {
				parent, leaf = "", s
			}
		}
		if parent != last {
			b.WriteString("[edit " + parent + "]\n")
			last = parent
		}
		b.WriteString(sign + "   " + leaf + ";\n")
	}
	for _, s := range from {
		if !to.has(s) {
			emit("-", s)
		}
	}
	for _, s := range to {
		if !from.has(s) {
			emit("+", s)
		}
	}
	return b.String()
}
