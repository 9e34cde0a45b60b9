package juniper_junos

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// Keys of Config.Raw holding what the model has no field for: how LLDP,
// LLDP-MED and PoE reach a port (the `all` statement, the port listed, or
// listed with `disable`), so Render changes exactly the statement that
// makes the difference; and the voip forwarding class of a port.
const (
	rawLLDP     = "\x00lldp"      // "all", "disable" (switch-wide)
	rawLLDPPort = "\x00lldp "     // + port: "listed" or "disabled"
	rawMED      = "\x00lldp-med"  // "all", "disable"
	rawMEDPort  = "\x00lldp-med " // + port
	rawPoE      = "\x00poe"       // "all"
	rawPoEPort  = "\x00poe "      // + port
	rawClass    = "\x00class "    // + port: the voip forwarding-class
)

// Port coverage states.
const (
	listed   = "listed"
	disabled = "disabled"
)

// efClass is the forwarding class voxlan gives voice: on EX switches its
// default code points are DSCP ef (46) and IEEE 802.1p 101 (5), which is
// what LLDP-MED advertises for the voip VLAN (Junos CoS default forwarding
// classes and code-point aliases, EX Series).
const efClass = "expedited-forwarding"

// classPolicy is the LLDP-MED priority and DSCP of a forwarding class
// with EX's default CoS.
var classPolicy = map[string][2]int{efClass: {5, 46}, "best-effort": {0, 0}, "network-control": {7, 48}}

// statement is one `set` line cut into words, quoted strings kept whole
// (without their quotes).
func words(line string) ([]string, error) {
	var out []string
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '"':
			j := strings.IndexByte(line[i+1:], '"')
			if j < 0 {
				return nil, fmt.Errorf("unterminated quote")
			}
			out = append(out, line[i+1:i+1+j])
			i += j + 2
		default:
			j := strings.IndexAny(line[i:], " \t")
			if j < 0 {
				j = len(line) - i
			}
			out = append(out, line[i:i+j])
			i += j
		}
	}
	return out, nil
}

// junosPort is one port's switching statements as read.
type junosPort struct {
	switching bool
	mode      string
	members   []string
	native    int
	disable   bool
}

// ParseConfig implements drivers.Driver: it reads `show configuration |
// display set`. Statements under a `deactivate`d path are inactive and
// ignored; the ones voxlan does not manage are kept as read.
func (Driver) ParseConfig(text string) (*drivers.Config, error) {
	cfg := drivers.NewConfig()
	var stmts [][]string
	var lines []string
	var inactive [][]string
	for n, raw := range drivers.SplitLines(text) {
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "{") || strings.HasPrefix(line, "/*") {
			continue
		}
		w, err := words(line)
		if err != nil {
			return nil, fmt.Errorf("juniper_junos: configuration line %d %q: %w", n+1, line, err)
		}
		switch w[0] {
		case "set":
			if len(w) > 1 {
				stmts, lines = append(stmts, w[1:]), append(lines, line)
			}
		case "deactivate":
			if len(w) > 1 {
				inactive = append(inactive, w[1:])
			}
		}
	}
	if len(stmts) == 0 {
		return nil, fmt.Errorf("juniper_junos: no `set` statement in %d bytes of text; is this `show configuration | display set`?", len(text))
	}
	ports := map[string]*junosPort{}
	vlanIDs := map[string]int{}
	irbVLAN := map[string]int{}      // "irb.99" -> VLAN id
	irbAddr := map[string][]string{} // "irb.99" -> addresses
	voip := map[string]string{}      // port -> VLAN word
	port := func(name string) *junosPort {
		if p, ok := ports[name]; ok {
			return p
		}
		p := &junosPort{}
		ports[name] = p
		cfg.Port(name)
		cfg.Raw["interface "+name] = []string{}
		return p
	}
	badVLAN := func(s string) error { return fmt.Errorf("juniper_junos: bad vlan-id %q", s) }
	// First pass: VLANs, so members and voip can name them.
	for i, w := range stmts {
		if isInactive(w, inactive) || len(w) < 2 || w[0] != "vlans" {
			continue
		}
		name := w[1]
		switch {
		case len(w) == 4 && w[2] == "vlan-id":
			id, err := strconv.Atoi(w[3])
			if err != nil || id < 1 || id > 4094 {
				return nil, badVLAN(w[3])
			}
			if _, dup := cfg.VLANs[id]; dup {
				return nil, fmt.Errorf("juniper_junos: vlan-id %d given to two VLANs (%q)", id, lines[i])
			}
			vlanIDs[name] = id
			cfg.VLANs[id] = drivers.VLAN{ID: id, Name: name}
		}
	}
	resolve := func(word string) (int, error) {
		if id, ok := vlanIDs[word]; ok {
			return id, nil
		}
		if id, err := strconv.Atoi(word); err == nil && id >= 1 && id <= 4094 {
			return id, nil
		}
		return 0, fmt.Errorf("juniper_junos: VLAN %q is not defined under vlans", word)
	}
	for i, w := range stmts {
		if isInactive(w, inactive) {
			continue
		}
		line := lines[i]
		switch {
		case len(w) == 3 && w[0] == "system" && w[1] == "host-name":
			cfg.Hostname = w[2]
		case w[0] == "vlans" && len(w) >= 3:
			id := vlanIDs[w[1]]
			switch {
			case w[2] == "vlan-id":
			case len(w) == 4 && w[2] == "l3-interface":
				if id != 0 {
					irbVLAN[w[3]] = id
				}
				fallthrough
			default:
				if id != 0 {
					t := "vlan " + strconv.Itoa(id)
					cfg.Raw[t] = append(cfg.Raw[t], line)
				}
			}
		case w[0] == "interfaces" && len(w) >= 2 && w[1] == "irb":
			if len(w) == 8 && w[2] == "unit" && w[4] == "family" && w[5] == "inet" && w[6] == "address" {
				a, _, _ := strings.Cut(w[7], "/")
				if ip, err := netip.ParseAddr(a); err == nil && ip.Is4() {
					irbAddr["irb."+w[3]] = append(irbAddr["irb."+w[3]], ip.String())
				}
			}
		case w[0] == "interfaces" && len(w) >= 3 && isSwitchPort(w[1]):
			name, p := w[1], port(w[1])
			rest := w[2:]
			managed := true
			switch {
			case len(rest) == 1 && rest[0] == "disable":
				p.disable = true
			case len(rest) == 2 && rest[0] == "native-vlan-id":
				id, err := strconv.Atoi(rest[1])
				if err != nil || id < 1 || id > 4094 {
					return nil, badVLAN(rest[1])
				}
				p.native = id
			case len(rest) >= 5 && rest[0] == "unit" && rest[1] == "0" && rest[2] == "family" && rest[3] == "ethernet-switching":
				p.switching = true
				switch sub := rest[4:]; {
				case len(sub) == 2 && sub[0] == "interface-mode" && (sub[1] == "access" || sub[1] == "trunk"):
					p.mode = sub[1]
				case len(sub) == 3 && sub[0] == "vlan" && sub[1] == "members":
					p.members = append(p.members, sub[2])
				default:
					managed = false
				}
			case len(rest) == 4 && rest[0] == "unit" && rest[1] == "0" && rest[2] == "family" && rest[3] == "ethernet-switching":
				p.switching = true
			default:
				managed = false
			}
			if !managed {
				cfg.Raw["interface "+name] = append(cfg.Raw["interface "+name], line)
			}
		case len(w) >= 4 && w[0] == "switch-options" && w[1] == "voip" && w[2] == "interface":
			name := physical(w[3])
			if !strings.HasSuffix(w[3], ".0") {
				continue
			}
			switch {
			case len(w) == 6 && w[4] == "vlan":
				voip[name] = w[5]
			case len(w) == 6 && w[4] == "forwarding-class":
				cfg.Raw[rawClass+name] = []string{w[5]}
			}
		case len(w) >= 2 && w[0] == "protocols" && (w[1] == "lldp" || w[1] == "lldp-med"):
			global, perPort := rawLLDP, rawLLDPPort
			if w[1] == "lldp-med" {
				global, perPort = rawMED, rawMEDPort
			}
			coverage(cfg, w[2:], global, perPort)
		case len(w) >= 2 && w[0] == "poe":
			coverage(cfg, w[1:], rawPoE, rawPoEPort)
		}
	}
	for irb, addrs := range irbAddr {
		if id, ok := irbVLAN[irb]; ok {
			for _, a := range addrs {
				cfg.Addresses[a] = id
			}
		}
	}
	for _, name := range cfg.PortOrder {
		jp, p := ports[name], cfg.Ports[name]
		p.Shutdown = jp.disable
		var ids []int
		for _, m := range jp.members {
			id, err := resolve(m)
			if err != nil {
				return nil, fmt.Errorf("%w (port %s)", err, name)
			}
			ids = append(ids, id)
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		switch {
		case !jp.switching:
			p.Mode = drivers.ModeDefault
		case jp.mode == "trunk":
			p.Mode, p.DataVLAN, p.TaggedVLANs = drivers.ModeTrunk, jp.native, drivers.Without(ids, jp.native)
		default:
			if len(ids) > 1 {
				return nil, fmt.Errorf("juniper_junos: access port %s is a member of %d VLANs; commit would refuse it", name, len(ids))
			}
			p.Mode = drivers.ModeAccess
			if len(ids) == 1 {
				p.DataVLAN = ids[0]
			}
		}
		if word, ok := voip[name]; ok {
			id, err := resolve(word)
			if err != nil {
				return nil, fmt.Errorf("%w (switch-options voip interface %s.0)", err, name)
			}
			p.VoiceVLAN = id
		}
		p.LLDPTxOff = !covered(cfg, rawLLDP, rawLLDPPort, name)
		p.LLDPRxOff = p.LLDPTxOff
		p.PoEOff = !covered(cfg, rawPoE, rawPoEPort, name)
		p.MED = medPolicy(cfg, name, p.VoiceVLAN)
	}
	cfg.LLDP = lldpOn(cfg)
	slices.SortFunc(cfg.PortOrder, audit.ComparePorts)
	markVoiceVLANs(cfg)
	return cfg, nil
}

// isInactive: w lies under a deactivated path.
func isInactive(w []string, inactive [][]string) bool {
	for _, p := range inactive {
		if len(p) <= len(w) && slices.Equal(w[:len(p)], p) {
			return true
		}
	}
	return false
}

// coverage records one `protocols lldp ...`, `protocols lldp-med ...` or
// `poe ...` statement (rest starts after the protocol): `interface all`,
// `interface P`, `interface P disable`, or the protocol's own `disable`.
func coverage(cfg *drivers.Config, rest []string, global, perPort string) {
	switch {
	case len(rest) == 1 && rest[0] == "disable":
		cfg.Raw[global] = appendOnce(cfg.Raw[global], "disable")
	case len(rest) == 2 && rest[0] == "interface" && rest[1] == "all":
		cfg.Raw[global] = appendOnce(cfg.Raw[global], "all")
	case len(rest) >= 2 && rest[0] == "interface" && isSwitchPort(rest[1]):
		state := listed
		if len(rest) == 3 && rest[2] == "disable" {
			state = disabled
		}
		if cur := cfg.Raw[perPort+rest[1]]; len(cur) == 1 && cur[0] == disabled {
			state = disabled
		}
		cfg.Raw[perPort+rest[1]] = []string{state}
	case len(rest) == 0:
		// `set protocols lldp` alone: the stanza exists.
		cfg.Raw[global] = appendOnce(cfg.Raw[global], "")
	}
}

func appendOnce(l []string, s string) []string {
	if slices.Contains(l, s) {
		return l
	}
	return append(l, s)
}

// state is a port's coverage state under perPort ("" = not listed).
func state(cfg *drivers.Config, perPort, name string) string {
	if s := cfg.Raw[perPort+name]; len(s) == 1 {
		return s[0]
	}
	return ""
}

// covered: the protocol runs on the port (not disabled switch-wide; the
// port listed, or `interface all`, and not disabled itself).
func covered(cfg *drivers.Config, global, perPort, name string) bool {
	g := cfg.Raw[global]
	if slices.Contains(g, "disable") {
		return false
	}
	switch state(cfg, perPort, name) {
	case disabled:
		return false
	case listed:
		return true
	}
	return slices.Contains(g, "all")
}

// lldpOn: LLDP runs on the switch (its stanza exists and is not disabled).
func lldpOn(cfg *drivers.Config) bool {
	g, ok := cfg.Raw[rawLLDP]
	if slices.Contains(g, "disable") {
		return false
	}
	if ok {
		return true
	}
	for k := range cfg.Raw {
		if strings.HasPrefix(k, rawLLDPPort) {
			return true
		}
	}
	return false
}

// medPolicy is the LLDP-MED voice policy the port advertises: its voip
// VLAN, tagged, with the priority and DSCP of its forwarding class, where
// LLDP and LLDP-MED run on it.
func medPolicy(cfg *drivers.Config, name string, voice int) *audit.MEDPolicy {
	class := cfg.Raw[rawClass+name]
	if voice == 0 || len(class) != 1 || !covered(cfg, rawMED, rawMEDPort, name) || !covered(cfg, rawLLDP, rawLLDPPort, name) {
		return nil
	}
	pd, ok := classPolicy[class[0]]
	if !ok {
		return nil
	}
	return &audit.MEDPolicy{Application: "voice", VLAN: voice, Tagged: true, Priority: pd[0], DSCP: pd[1]}
}

// markVoiceVLANs sets the Voice flag of the VLANs ports use as their voip
// VLAN: Junos keeps no such flag on the VLAN.
func markVoiceVLANs(cfg *drivers.Config) {
	for id, v := range cfg.VLANs {
		v.Voice = false
		cfg.VLANs[id] = v
	}
	for _, p := range cfg.Ports {
		if v, ok := cfg.VLANs[p.VoiceVLAN]; ok && p.VoiceVLAN != 0 {
			v.Voice = true
			cfg.VLANs[p.VoiceVLAN] = v
		}
	}
}

// isSwitchPort: an Ethernet port of an EX switch ("ge-0/0/1", "xe-0/2/0",
// "mge-0/0/36", "et-0/0/48"), not irb, vme, ae or a unit.
func isSwitchPort(name string) bool {
	for _, p := range []string{"ge-", "xe-", "mge-", "et-"} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			f := strings.Split(rest, "/")
			if len(f) != 3 {
				return false
			}
			for _, n := range f {
				if _, err := strconv.Atoi(n); err != nil || n == "" || n[0] == '-' || n[0] == '+' {
					return false
				}
			}
			return true
		}
	}
	return false
}
