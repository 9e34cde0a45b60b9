package dell_os10

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// Keys of Config.Raw holding per-port facts the vendor-neutral model has no
// field for: layer 3 ports (`no switchport`) and port-channel members
// (`channel-group N`), which voxlan does not change.
const (
	routedKey = "\x00routed"
	memberKey = "\x00channel member"
)

// moreKey is the Config.Raw key listing the numbers of the network
// policies a port advertises besides its voice one (Port.Profile), such as
// a voice-signaling policy.
func moreKey(port string) string { return "\x00more policies " + port }

// morePolicies is the numbers under moreKey(port).
func morePolicies(cfg *drivers.Config, port string) []int {
	var out []int
	for _, s := range cfg.Raw[moreKey(port)] {
		if n, err := strconv.Atoi(s); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// setMorePolicies stores ns under moreKey(port), sorted, each once.
func setMorePolicies(cfg *drivers.Config, port string, ns []int) {
	ns = drivers.Without(ns)
	if len(ns) == 0 {
		delete(cfg.Raw, moreKey(port))
		return
	}
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strconv.Itoa(n)
	}
	cfg.Raw[moreKey(port)] = out
}

// policyLine is a global LLDP-MED network policy as OS10 writes it (OS10
// User Guide, "lldp med network-policy": number 1-32, app, vlan, vlan-type
// tag|untag, priority 0-7, dscp 0-63).
func policyLine(n int, m audit.MEDPolicy) string {
	typ := "untag"
	if m.Tagged {
		typ = "tag"
	}
	return fmt.Sprintf("lldp med network-policy %d app %s vlan %d vlan-type %s priority %d dscp %d", n, drivers.MEDAppKeyword(m.Application), m.VLAN, typ, m.Priority, m.DSCP)
}

// ParseConfig implements drivers.Driver: it reads `show
// running-configuration` (or a saved copy). Top-level lines start at the
// first column, the lines of an interface one space in; "!" separates
// blocks.
func (Driver) ParseConfig(text string) (*drivers.Config, error) {
	cfg := drivers.NewConfig()
	cfg.LLDP = true // OS10 default; the configuration says `no lldp enable` when off
	type member struct {
		trunk  bool
		access int
		tagged []int
		adds   []int
	}
	ports := map[string]*member{}
	var title, port string
	svi := 0
	seen := false
	for n, raw := range drivers.SplitLines(text) {
		line := strings.TrimRight(raw, " \t")
		trim := strings.TrimSpace(line)
		if trim == "" || strings.HasPrefix(trim, "!") {
			continue
		}
		f := strings.Fields(trim)
		bad := func(err error) error {
			return fmt.Errorf("dell_os10: running-configuration line %d %q: %w", n+1, trim, err)
		}
		if line[0] != ' ' {
			seen = true
			title, port, svi = "", "", 0
			switch {
			case f[0] == "hostname" && len(f) == 2:
				cfg.Hostname = f[1]
			case trim == "lldp enable":
				cfg.LLDP = true
			case trim == "no lldp enable":
				cfg.LLDP = false
			case len(f) >= 4 && f[0] == "lldp" && f[1] == "med" && f[2] == "network-policy":
				id, m, err := parsePolicyLine(f)
				if err != nil {
					return nil, bad(err)
				}
				cfg.Profiles[id] = m
			case f[0] == "interface" && len(f) == 2 && strings.HasPrefix(f[1], "vlan"):
				id, err := strconv.Atoi(strings.TrimPrefix(f[1], "vlan"))
				if err != nil || id < 1 || id > 4094 {
					return nil, bad(fmt.Errorf("bad VLAN interface"))
				}
				svi = id
				cfg.VLANs[id] = drivers.VLAN{ID: id}
				title = "interface vlan" + strconv.Itoa(id)
				cfg.Raw[title] = []string{}
			case f[0] == "interface" && len(f) == 2 && strings.HasPrefix(f[1], "ethernet"):
				if !isPortName(f[1]) {
					return nil, bad(fmt.Errorf("bad interface name"))
				}
				port = f[1]
				cfg.Port(port)
				ports[port] = &member{}
				title = "interface " + port
				cfg.Raw[title] = []string{}
			}
			continue
		}
		switch {
		case svi != 0:
			v := cfg.VLANs[svi]
			switch {
			case f[0] == "description" && len(f) >= 2:
				v.Name = strings.Join(f[1:], " ")
			case trim == "no shutdown":
			default:
				if a, ok := drivers.InterfaceAddress(trim); ok {
					cfg.Addresses[a] = svi
				}
				cfg.Raw[title] = append(cfg.Raw[title], " "+trim)
			}
			cfg.VLANs[svi] = v
		case port != "":
			p, m := cfg.Ports[port], ports[port]
			managed := true
			switch {
			case trim == "shutdown":
				p.Shutdown = true
			case trim == "no shutdown":
				p.Shutdown = false
			case trim == "no switchport":
				cfg.Raw[routedKey] = append(cfg.Raw[routedKey], port)
				managed = false
			case len(f) == 2 && f[0] == "channel-group", len(f) == 4 && f[0] == "channel-group":
				cfg.Raw[memberKey] = append(cfg.Raw[memberKey], port)
				managed = false
			case trim == "switchport mode trunk":
				m.trunk = true
			case trim == "switchport mode access":
				m.trunk = false
			case len(f) == 4 && f[0] == "switchport" && f[1] == "access" && f[2] == "vlan":
				id, err := vlanID(f[3])
				if err != nil {
					return nil, bad(err)
				}
				m.access = id
			case len(f) == 5 && f[0] == "switchport" && f[1] == "trunk" && f[2] == "allowed" && f[3] == "vlan":
				ids, err := drivers.ParseVLANList(f[4])
				if err != nil {
					return nil, bad(err)
				}
				m.tagged = append(m.tagged, ids...)
			case trim == "no lldp transmit":
				p.LLDPTxOff = true
			case trim == "no lldp receive":
				p.LLDPRxOff = true
			case trim == "lldp transmit":
				p.LLDPTxOff = false
			case trim == "lldp receive":
				p.LLDPRxOff = false
			case len(f) == 5 && f[0] == "lldp" && f[1] == "med" && f[2] == "network-policy" && f[3] == "add":
				id, err := strconv.Atoi(f[4])
				if err != nil || id < 1 || id > 32 {
					return nil, bad(fmt.Errorf("bad network policy number"))
				}
				m.adds = append(m.adds, id)
			default:
				managed = false
			}
			if !managed {
				cfg.Raw[title] = append(cfg.Raw[title], " "+trim)
			}
		}
	}
	if !seen {
		return nil, fmt.Errorf("dell_os10: no configuration found in %d bytes of text", len(text))
	}
	for name, m := range ports {
		p := cfg.Ports[name]
		p.DataVLAN = m.access
		p.Mode = drivers.ModeAccess
		if m.trunk {
			p.Mode = drivers.ModeTrunk
			p.TaggedVLANs = drivers.Without(m.tagged, drivers.VLANOrDefault(m.access))
		}
		// The port's voice policy is the model's MED; the others are
		// kept by number.
		for _, n := range m.adds {
			if pol, ok := cfg.Profiles[n]; ok && pol.Application == "voice" {
				p.Profile = n
				break
			}
		}
		if p.Profile == 0 && len(m.adds) > 0 {
			p.Profile = m.adds[0]
		}
		setMorePolicies(cfg, name, drivers.Without(m.adds, p.Profile))
	}
	for _, k := range []string{routedKey, memberKey} {
		slices.SortFunc(cfg.Raw[k], audit.ComparePorts)
	}
	slices.SortFunc(cfg.PortOrder, audit.ComparePorts)
	derive(cfg)
	return cfg, nil
}

// parsePolicyLine reads `lldp med network-policy N app A vlan V vlan-type
// tag|untag priority P dscp D` (fields f): N 1-32, P 0-7, D 0-63.
func parsePolicyLine(f []string) (int, audit.MEDPolicy, error) {
	if len(f) != 14 || f[4] != "app" || f[6] != "vlan" || f[8] != "vlan-type" || f[10] != "priority" || f[12] != "dscp" {
		return 0, audit.MEDPolicy{}, fmt.Errorf("not `lldp med network-policy N app A vlan V vlan-type T priority P dscp D`")
	}
	var v [4]int
	for i, s := range []string{f[3], f[7], f[11], f[13]} {
		n, err := strconv.Atoi(s)
		if err != nil {
			return 0, audit.MEDPolicy{}, fmt.Errorf("bad number %q", s)
		}
		v[i] = n
	}
	if v[0] < 1 || v[0] > 32 || v[1] < 1 || v[1] > 4094 || v[2] < 0 || v[2] > 7 || v[3] < 0 || v[3] > 63 || (f[9] != "tag" && f[9] != "untag") {
		return 0, audit.MEDPolicy{}, fmt.Errorf("network policy value out of range")
	}
	if drivers.MEDAppWord(f[5]) == "" {
		return 0, audit.MEDPolicy{}, fmt.Errorf("unknown application %q", f[5])
	}
	return v[0], audit.MEDPolicy{Application: drivers.MEDAppWord(f[5]), VLAN: v[1], Tagged: f[9] == "tag", Priority: v[2], DSCP: v[3]}, nil
}

func vlanID(s string) (int, error) {
	id, err := strconv.Atoi(s)
	if err != nil || id < 1 || id > 4094 {
		return 0, fmt.Errorf("bad VLAN %q", s)
	}
	return id, nil
}

// isPortName: "ethernet" then node/slot/port ("ethernet1/1/24"), or a
// breakout port ("ethernet1/1/49:1").
func isPortName(s string) bool {
	rest, ok := strings.CutPrefix(s, "ethernet")
	if !ok {
		return false
	}
	base, sub, hasSub := strings.Cut(rest, ":")
	parts := strings.Split(base, "/")
	if hasSub {
		parts = append(parts, sub)
	}
	if len(parts) < 3 || len(parts) > 4 {
		return false
	}
	for _, p := range parts {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 999 {
			return false
		}
	}
	return true
}

// derive recomputes what follows from membership and policies: a trunk
// tagged in one VLAN only, advertising a tagged voice policy on that
// VLAN, is a phone port (the model's access port with a voice VLAN); any
// other trunk keeps its tagged VLANs. A port's MED is the policy it adds.
// OS10 has no voice flag on a VLAN: the VLAN of a voice network policy is
// the voice VLAN.
func derive(cfg *drivers.Config) {
	for id, v := range cfg.VLANs {
		v.Voice = false
		for _, m := range cfg.Profiles {
			v.Voice = v.Voice || (m.Application == "voice" && m.VLAN == id)
		}
		cfg.VLANs[id] = v
	}
	for _, p := range cfg.Ports {
		p.MED = nil
		if pol, ok := cfg.Profiles[p.Profile]; ok && p.Profile != 0 {
			m := pol
			p.MED = &m
		} else {
			p.Profile = 0
		}
		tagged := drivers.TaggedWithVoice(p)
		tagged = slices.DeleteFunc(tagged, func(v int) bool { return v == drivers.VLANOrDefault(p.DataVLAN) })
		p.VoiceVLAN, p.TaggedVLANs = 0, nil
		switch {
		case len(tagged) == 1 && p.MED != nil && p.MED.Application == "voice" && p.MED.Tagged && p.MED.VLAN == tagged[0]:
			p.Mode, p.VoiceVLAN = drivers.ModeAccess, tagged[0]
		case len(tagged) > 0:
			p.Mode, p.TaggedVLANs = drivers.ModeTrunk, tagged
		case p.Mode != drivers.ModeTrunk:
			p.Mode = drivers.ModeAccess
		}
	}
}

// trunkForm reports whether a port is written as a trunk (`switchport
// mode trunk`) rather than an access port.
func trunkForm(p *drivers.Port) bool {
	return p.Mode == drivers.ModeTrunk || p.VoiceVLAN != 0 || len(p.TaggedVLANs) > 0
}

// portLines are the managed lines of a port's interface block as OS10
// writes them; more are its other network policies.
func portLines(p *drivers.Port, more []int) []string {
	var out []string
	if p.Shutdown {
		out = append(out, "shutdown")
	} else {
		out = append(out, "no shutdown")
	}
	switch {
	case trunkForm(p):
		out = append(out, "switchport mode trunk", "switchport access vlan "+strconv.Itoa(drivers.VLANOrDefault(p.DataVLAN)))
		if t := drivers.TaggedWithVoice(p); len(t) > 0 {
			out = append(out, "switchport trunk allowed vlan "+drivers.FormatVLANList(t))
		}
	case drivers.VLANOrDefault(p.DataVLAN) != 1:
		out = append(out, "switchport access vlan "+strconv.Itoa(p.DataVLAN))
	}
	if p.LLDPTxOff {
		out = append(out, "no lldp transmit")
	}
	if p.LLDPRxOff {
		out = append(out, "no lldp receive")
	}
	for _, n := range drivers.Without(append([]int{p.Profile}, more...), 0) {
		out = append(out, "lldp med network-policy add "+strconv.Itoa(n))
	}
	return out
}
