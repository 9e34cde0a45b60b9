package aruba_aoss

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// medOffKey holds, in Config.Raw, the ports whose LLDP-MED network-policy
// TLV is disabled (`no lldp config P medTlvEnable network-policy`). The
// model has no per-port field for it and AOS-S derives the policy itself.
const medOffKey = "\x00medTlvEnable network-policy off"

// ParseConfig implements drivers.Driver: it reads `show running-config`
// (or a saved copy). AOS-S keeps membership per VLAN (`untagged 1-24`,
// `tagged 49`); the model is per port, so the lists are turned around:
// DataVLAN is the VLAN a port is untagged in (0 = none), VoiceVLAN the
// lowest voice-flagged VLAN it is tagged in, TaggedVLANs the others. The
// LLDP-MED policy a port advertises follows from that, as on the switch.
func (Driver) ParseConfig(text string) (*drivers.Config, error) {
	cfg := drivers.NewConfig()
	cfg.LLDP = true // AOS-S default; the config says `no lldp run` when off
	qos := map[int]*audit.MEDPolicy{}
	tagged := map[string][]int{}
	medOff := map[string]bool{}
	var title string
	seen := false
	addPorts := func(list string) ([]string, error) {
		ps, err := ParsePortList(unquote(list))
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			cfg.Port(p)
		}
		return ps, nil
	}
	for n, raw := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n") {
		line := strings.TrimRight(raw, " \t")
		trim := strings.TrimSpace(line)
		if trim == "" || strings.HasPrefix(trim, ";") || strings.HasPrefix(trim, "Running configuration") {
			continue
		}
		f := strings.Fields(trim)
		bad := func(err error) error {
			return fmt.Errorf("aruba_aoss: running-config line %d %q: %w", n+1, trim, err)
		}
		if line[0] != ' ' {
			seen = true
			title = ""
			switch {
			case f[0] == "hostname" && len(f) >= 2:
				cfg.Hostname = unquote(strings.Join(f[1:], " "))
			case trim == "no lldp run":
				cfg.LLDP = false
			case trim == "lldp run":
				cfg.LLDP = true
			case f[0] == "vlan" && len(f) == 2:
				id, err := strconv.Atoi(f[1])
				if err != nil || id < 1 || id > 4094 {
					return nil, bad(fmt.Errorf("bad VLAN id"))
				}
				cfg.VLANs[id] = drivers.VLAN{ID: id}
				title = trim
				cfg.Raw[title] = []string{}
			case f[0] == "interface" && len(f) == 2:
				if _, err := addPorts(f[1]); err != nil {
					return nil, bad(err)
				}
				title = trim
				cfg.Raw[title] = []string{}
			case len(f) == 4 && f[0] == "no" && f[1] == "interface" && f[3] == "power-over-ethernet":
				ps, err := addPorts(f[2])
				if err != nil {
					return nil, bad(err)
				}
				for _, p := range ps {
					cfg.Ports[p].PoEOff = true
				}
			case len(f) == 4 && f[0] == "lldp" && f[1] == "admin-status":
				ps, err := addPorts(f[2])
				if err != nil {
					return nil, bad(err)
				}
				for _, p := range ps {
					pp := cfg.Ports[p]
					pp.LLDPTxOff = f[3] == "rxonly" || f[3] == "disable"
					pp.LLDPRxOff = f[3] == "txonly" || f[3] == "disable"
				}
			case len(f) == 6 && f[0] == "no" && f[1] == "lldp" && f[2] == "config" && f[4] == "medTlvEnable" && isNetworkPolicy(f[5]):
				ps, err := addPorts(f[3])
				if err != nil {
					return nil, bad(err)
				}
				for _, p := range ps {
					medOff[p] = true
				}
			}
			continue
		}
		if title == "" || trim == "exit" {
			continue
		}
		switch {
		case strings.HasPrefix(title, "vlan "):
			id, _ := strconv.Atoi(strings.TrimPrefix(title, "vlan "))
			v := cfg.VLANs[id]
			managedLine := true
			switch {
			case f[0] == "name" && len(f) >= 2:
				v.Name = unquote(strings.Join(f[1:], " "))
			case trim == "voice":
				v.Voice = true
			case f[0] == "untagged" && len(f) == 2:
				ps, err := addPorts(f[1])
				if err != nil {
					return nil, bad(err)
				}
				for _, p := range ps {
					cfg.Ports[p].DataVLAN = id
				}
			case f[0] == "tagged" && len(f) == 2:
				ps, err := addPorts(f[1])
				if err != nil {
					return nil, bad(err)
				}
				for _, p := range ps {
					tagged[p] = append(tagged[p], id)
				}
			case f[0] == "no" && len(f) == 3 && (f[1] == "untagged" || f[1] == "tagged"):
				if _, err := addPorts(f[2]); err != nil {
					return nil, bad(err)
				}
			case len(f) == 3 && f[0] == "qos" && (f[1] == "priority" || f[1] == "dscp"):
				q := qos[id]
				if q == nil {
					q = &audit.MEDPolicy{}
					qos[id] = q
				}
				var err error
				if f[1] == "priority" {
					q.Priority, err = strconv.Atoi(f[2])
					if err == nil && (q.Priority < 0 || q.Priority > 7) {
						err = fmt.Errorf("priority out of 0-7")
					}
				} else {
					q.DSCP, err = parseDSCP(f[2])
				}
				if err != nil {
					return nil, bad(err)
				}
			default:
				managedLine = false
				if addr, ok := drivers.InterfaceAddress(trim); ok {
					cfg.Addresses[addr] = id // the management guard's VLAN
				}
			}
			cfg.VLANs[id] = v
			if !managedLine {
				cfg.Raw[title] = append(cfg.Raw[title], "   "+trim)
			}
		case strings.HasPrefix(title, "interface "):
			ps, _ := ParsePortList(strings.TrimPrefix(title, "interface "))
			for _, p := range ps {
				switch trim {
				case "no power-over-ethernet":
					cfg.Ports[p].PoEOff = true
				case "power-over-ethernet":
					cfg.Ports[p].PoEOff = false
				case "disable":
					cfg.Ports[p].Shutdown = true
				}
			}
			if !interfaceManaged(trim) {
				cfg.Raw[title] = append(cfg.Raw[title], "   "+trim)
			}
		}
	}
	if !seen {
		return nil, fmt.Errorf("aruba_aoss: no configuration found in %d bytes of text", len(text))
	}
	slices.SortFunc(cfg.PortOrder, comparePorts)
	for id, v := range cfg.VLANs {
		if !v.Voice {
			continue
		}
		pol := audit.MEDPolicy{Application: "voice", VLAN: id, Tagged: true}
		if q := qos[id]; q != nil {
			pol.Priority, pol.DSCP = q.Priority, q.DSCP
		}
		cfg.Profiles[id] = pol
	}
	for p := range medOff {
		cfg.Raw[medOffKey] = append(cfg.Raw[medOffKey], p)
	}
	slices.SortFunc(cfg.Raw[medOffKey], comparePorts)
	for name, p := range cfg.Ports {
		p.TaggedVLANs = tagged[name]
	}
	derive(cfg)
	return cfg, nil
}

func isNetworkPolicy(s string) bool { return s == "network-policy" || s == "network_policy" }

func interfaceManaged(trim string) bool {
	return trim == "power-over-ethernet" || trim == "no power-over-ethernet" || trim == "disable" || trim == "enable"
}

// parseDSCP reads a codepoint as AOS-S writes it, six binary digits
// ("101110" = 46), or as a decimal number.
func parseDSCP(s string) (int, error) {
	if len(s) == 6 && strings.Trim(s, "01") == "" {
		n, _ := strconv.ParseInt(s, 2, 8)
		return int(n), nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 63 {
		return 0, fmt.Errorf("bad DSCP %q", s)
	}
	return n, nil
}

func formatDSCP(n int) string { return fmt.Sprintf("%06b", n) }

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}

func quote(s string) string {
	if strings.ContainsAny(s, " \t") {
		return `"` + s + `"`
	}
	return s
}

// derive recomputes what follows from membership: a port tagged in one
// voice-flagged VLAN only is an access port with that voice VLAN, any other
// tagged membership makes a trunk; an access port's LLDP-MED policy is the
// voice VLAN's, unless the port's TLV is off.
func derive(cfg *drivers.Config) {
	off := map[string]bool{}
	for _, p := range cfg.Raw[medOffKey] {
		off[p] = true
	}
	for name, p := range cfg.Ports {
		all := slices.Clone(p.TaggedVLANs)
		if p.VoiceVLAN != 0 && !slices.Contains(all, p.VoiceVLAN) {
			all = append(all, p.VoiceVLAN)
		}
		sort.Ints(all)
		all = slices.Compact(all)
		p.VoiceVLAN, p.TaggedVLANs = 0, nil
		// A voice VLAN is modelled on access ports only: a port tagged in
		// nothing but voice-flagged VLANs has the lowest as its voice VLAN.
		// On a trunk the voice VLAN is one tagged VLAN among others, so a
		// voice flag never changes what a trunk (an uplink) looks like.
		voice := 0
		for _, v := range all {
			if cfg.VLANs[v].Voice {
				if voice == 0 {
					voice = v
				}
				continue
			}
			voice = -1
			break
		}
		if voice > 0 && len(all) == 1 {
			p.VoiceVLAN = voice
		} else {
			p.TaggedVLANs = all
		}
		p.Mode = drivers.ModeAccess
		if len(p.TaggedVLANs) > 0 {
			p.Mode = drivers.ModeTrunk
		}
		p.MED, p.Profile = nil, 0
		// As for Cisco profiles, the policy is what the port is configured
		// to advertise; LLDP being off (globally or on the port) is
		// reported on its own, so turning LLDP on never changes the policy
		// of ports outside a plan.
		if p.VoiceVLAN != 0 && !off[name] {
			pol, ok := cfg.Profiles[p.VoiceVLAN]
			if !ok {
				pol = audit.MEDPolicy{Application: "voice", VLAN: p.VoiceVLAN, Tagged: true}
				cfg.Profiles[p.VoiceVLAN] = pol
			}
			p.MED, p.Profile = &pol, p.VoiceVLAN
		}
	}
}
