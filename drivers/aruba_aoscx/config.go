package aruba_aoscx

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// Keys of Config.Raw holding per-port facts the vendor-neutral model has no
// field for: ports that are routed (`routing`, or an `ip address`), ports
// that tag their native VLAN (`vlan trunk native D tag`), and ports whose
// LLDP-MED network-policy TLV is off (`no lldp med network-policy`).
const (
	routedKey    = "\x00routed"
	nativeTagKey = "\x00native tag"
	medOffKey    = "\x00no lldp med network-policy"
)

// The LLDP-MED policy AOS-CX derives for a voice VLAN. AOS-CX has no
// per-VLAN priority or DSCP setting (AOS-S's `qos priority`/`qos dscp`);
// the advertised values follow the switch's QoS defaults for voice, taken
// here as the EF class (priority 5, DSCP 46). Not confirmed on a switch:
// see docs/aruba_aoscx.md.
const (
	voicePriority = 5
	voiceDSCP     = 46
)

// ParseConfig implements drivers.Driver: it reads `show running-config`
// (or a saved copy). An access port is `vlan access D`; a trunk is `vlan
// trunk native D` plus `vlan trunk allowed` lists (additive lines, or
// `all`). A trunk whose allowed VLANs are its native VLAN and one
// voice-flagged VLAN is a phone port: the model's access port with a voice
// VLAN.
func (Driver) ParseConfig(text string) (*drivers.Config, error) {
	cfg := drivers.NewConfig()
	cfg.LLDP = true // AOS-CX default; the configuration says `no lldp` when off
	type trunk struct {
		native  int
		allowed []int
		all     bool
		isTrunk bool
	}
	vlans := map[string]*trunk{}
	routed, noRouting := map[string]bool{}, false
	var title, port string
	svi := 0
	seen := false
	for n, raw := range drivers.SplitLines(text) {
		line := strings.TrimRight(raw, " \t")
		trim := strings.TrimSpace(line)
		if trim == "" || strings.HasPrefix(trim, "!") || trim == "exit" || strings.HasPrefix(trim, "Current configuration") {
			continue
		}
		f := strings.Fields(trim)
		bad := func(err error) error {
			return fmt.Errorf("aruba_aoscx: running-config line %d %q: %w", n+1, trim, err)
		}
		if line[0] != ' ' {
			seen = true
			title, port, svi = "", "", 0
			switch {
			case f[0] == "hostname" && len(f) == 2:
				cfg.Hostname = f[1]
			case trim == "lldp":
				cfg.LLDP = true
			case trim == "no lldp":
				cfg.LLDP = false
			case f[0] == "vlan" && len(f) == 2:
				ids, err := drivers.ParseVLANList(f[1])
				if err != nil {
					return nil, bad(err)
				}
				for _, id := range ids {
					if _, ok := cfg.VLANs[id]; !ok {
						cfg.VLANs[id] = drivers.VLAN{ID: id}
					}
				}
				if len(ids) == 1 {
					title = "vlan " + f[1]
					cfg.Raw[title] = []string{}
				}
			case f[0] == "interface" && len(f) == 3 && f[1] == "vlan":
				id, err := strconv.Atoi(f[2])
				if err != nil || id < 1 || id > 4094 {
					return nil, bad(fmt.Errorf("bad VLAN interface"))
				}
				svi = id
			case f[0] == "interface" && len(f) == 3 && f[1] == "lag":
				port = "lag" + f[2]
			case f[0] == "interface" && len(f) == 2 && f[1] != "mgmt":
				if !isPortName(f[1]) {
					return nil, bad(fmt.Errorf("bad interface name"))
				}
				port = f[1]
			}
			if port != "" {
				cfg.Port(port)
				vlans[port] = &trunk{}
				title = "interface " + port
				cfg.Raw[title] = []string{}
			}
			continue
		}
		switch {
		case svi != 0:
			if len(f) >= 3 && f[0] == "ip" && f[1] == "address" {
				addr, _, _ := strings.Cut(f[2], "/")
				cfg.Addresses[addr] = svi
			}
		case port != "":
			p, tv := cfg.Ports[port], vlans[port]
			managed := true
			switch {
			case trim == "shutdown":
				p.Shutdown = true
			case trim == "no shutdown":
				p.Shutdown = false
			case trim == "routing":
				routed[port] = true
			case trim == "no routing":
				noRouting = true
				routed[port] = false
				managed = false // shown as read
			case len(f) >= 2 && f[0] == "ip" && (f[1] == "address" || f[1] == "dhcp"):
				routed[port] = true
				managed = false
			case len(f) == 3 && f[0] == "vlan" && f[1] == "access":
				id, err := vlanID(f[2])
				if err != nil {
					return nil, bad(err)
				}
				*tv = trunk{native: id}
			case (len(f) == 4 || len(f) == 5) && f[0] == "vlan" && f[1] == "trunk" && f[2] == "native":
				id, err := vlanID(f[3])
				if err != nil {
					return nil, bad(err)
				}
				tv.native, tv.isTrunk = id, true
				if len(f) == 5 {
					if f[4] != "tag" {
						return nil, bad(fmt.Errorf("unknown keyword %q", f[4]))
					}
					cfg.Raw[nativeTagKey] = append(cfg.Raw[nativeTagKey], port)
				}
			case len(f) == 4 && f[0] == "vlan" && f[1] == "trunk" && f[2] == "allowed":
				tv.isTrunk = true
				if f[3] == "all" {
					tv.all = true
					break
				}
				ids, err := drivers.ParseVLANList(f[3])
				if err != nil {
					return nil, bad(err)
				}
				tv.allowed = append(tv.allowed, ids...)
			case trim == "no power-over-ethernet":
				p.PoEOff = true
			case trim == "power-over-ethernet":
				p.PoEOff = false
			case trim == "no lldp transmit":
				p.LLDPTxOff = true
			case trim == "no lldp receive":
				p.LLDPRxOff = true
			case trim == "lldp transmit":
				p.LLDPTxOff = false
			case trim == "lldp receive":
				p.LLDPRxOff = false
			case trim == "no lldp med network-policy":
				cfg.Raw[medOffKey] = append(cfg.Raw[medOffKey], port)
			default:
				managed = false
			}
			if !managed {
				cfg.Raw[title] = append(cfg.Raw[title], "    "+trim)
			}
		case strings.HasPrefix(title, "vlan "):
			id, _ := strconv.Atoi(strings.TrimPrefix(title, "vlan "))
			v := cfg.VLANs[id]
			switch {
			case f[0] == "name" && len(f) >= 2:
				v.Name = strings.Join(f[1:], " ")
			case trim == "voice":
				v.Voice = true
			default:
				cfg.Raw[title] = append(cfg.Raw[title], "    "+trim)
			}
			cfg.VLANs[id] = v
		}
	}
	if !seen {
		return nil, fmt.Errorf("aruba_aoscx: no configuration found in %d bytes of text", len(text))
	}
	for name, tv := range vlans {
		p := cfg.Ports[name]
		// On platforms whose ports route by default (6300, 6400) the
		// configuration says `no routing` on every layer 2 port: a port
		// without it there is routed.
		if r, ok := routed[name]; r || (!ok && noRouting && !tv.isTrunk && tv.native == 0) {
			cfg.Raw[routedKey] = append(cfg.Raw[routedKey], name)
		}
		p.DataVLAN = tv.native
		p.Mode = drivers.ModeAccess
		if !tv.isTrunk {
			continue
		}
		if tv.native == 0 {
			p.DataVLAN = 1 // the default native VLAN
		}
		// A trunk with nothing but its native VLAN stays a trunk (with no
		// tagged VLAN), so it is not mistaken for `vlan access`.
		p.Mode = drivers.ModeTrunk
		if tv.all {
			tv.allowed = drivers.AllVLANs()
		}
		for _, v := range tv.allowed {
			if v != p.DataVLAN && !slices.Contains(p.TaggedVLANs, v) {
				p.TaggedVLANs = append(p.TaggedVLANs, v)
			}
		}
		sort.Ints(p.TaggedVLANs)
	}
	for _, k := range []string{routedKey, nativeTagKey, medOffKey} {
		slices.SortFunc(cfg.Raw[k], audit.ComparePorts)
	}
	slices.SortFunc(cfg.PortOrder, audit.ComparePorts)
	derive(cfg)
	return cfg, nil
}

func vlanID(s string) (int, error) {
	id, err := strconv.Atoi(s)
	if err != nil || id < 1 || id > 4094 {
		return 0, fmt.Errorf("bad VLAN %q", s)
	}
	return id, nil
}

// isPortName: member/slot/port ("1/1/24"), as AOS-CX names its ports.
func isPortName(s string) bool {
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 999 {
			return false
		}
	}
	return true
}

// derive recomputes what follows from membership: a trunk tagged in one
// voice-flagged VLAN only is a phone port (access with a voice VLAN), any
// other tagged VLAN makes a trunk; a phone port advertises the voice VLAN's
// policy unless its network-policy TLV is off.
func derive(cfg *drivers.Config) {
	off := map[string]bool{}
	for _, p := range cfg.Raw[medOffKey] {
		off[p] = true
	}
	cfg.Profiles = map[int]audit.MEDPolicy{}
	for _, id := range cfg.SortedVLANs() {
		if cfg.VLANs[id].Voice {
			cfg.Profiles[id] = voicePolicy(id)
		}
	}
	for name, p := range cfg.Ports {
		all := slices.Clone(p.TaggedVLANs)
		if p.VoiceVLAN != 0 {
			all = append(all, p.VoiceVLAN)
		}
		sort.Ints(all)
		all = slices.Compact(all)
		all = slices.DeleteFunc(all, func(v int) bool { return v == drivers.VLANOrDefault(p.DataVLAN) })
		p.VoiceVLAN, p.TaggedVLANs = 0, nil
		switch {
		case len(all) == 1 && cfg.VLANs[all[0]].Voice:
			p.Mode, p.VoiceVLAN = drivers.ModeAccess, all[0]
		case len(all) > 0:
			p.Mode, p.TaggedVLANs = drivers.ModeTrunk, all
		case p.Mode != drivers.ModeTrunk:
			p.Mode = drivers.ModeAccess
		}
		p.MED, p.Profile = nil, 0
		if p.VoiceVLAN != 0 && !off[name] {
			pol := voicePolicy(p.VoiceVLAN)
			p.MED, p.Profile = &pol, p.VoiceVLAN
		}
	}
}

func voicePolicy(vlan int) audit.MEDPolicy {
	return audit.MEDPolicy{Application: "voice", VLAN: vlan, Tagged: true, Priority: voicePriority, DSCP: voiceDSCP}
}

// trunkForm reports whether a port is written as a trunk (`vlan trunk
// native` + `allowed`) rather than `vlan access`.
func trunkForm(p *drivers.Port) bool {
	return p.Mode == drivers.ModeTrunk || p.VoiceVLAN != 0 || len(p.TaggedVLANs) > 0
}

// allowed is the set of VLANs a trunk-form port lists in `vlan trunk
// allowed`: its native VLAN, tagged VLANs and voice VLAN.
func allowed(p *drivers.Port) []int {
	if !trunkForm(p) {
		return nil
	}
	out := append([]int{drivers.VLANOrDefault(p.DataVLAN)}, p.TaggedVLANs...)
	if p.VoiceVLAN != 0 {
		out = append(out, p.VoiceVLAN)
	}
	sort.Ints(out)
	return slices.Compact(out)
}

// allowsAll reports whether a port carries every VLAN.
func allowsAll(p *drivers.Port) bool { return len(allowed(p)) == 4094 }

// portLines are the managed lines of a port's interface context as AOS-CX
// writes them.
func portLines(p *drivers.Port, medOff bool) []string {
	var out []string
	if p.Shutdown {
		out = append(out, "shutdown")
	} else {
		out = append(out, "no shutdown")
	}
	switch {
	case allowsAll(p):
		out = append(out, "vlan trunk native "+strconv.Itoa(drivers.VLANOrDefault(p.DataVLAN)), "vlan trunk allowed all")
	case trunkForm(p):
		out = append(out, "vlan trunk native "+strconv.Itoa(drivers.VLANOrDefault(p.DataVLAN)),
			"vlan trunk allowed "+drivers.FormatVLANList(allowed(p)))
	case p.DataVLAN != 0:
		out = append(out, "vlan access "+strconv.Itoa(p.DataVLAN))
	}
	if p.PoEOff {
		out = append(out, "no power-over-ethernet")
	}
	if p.LLDPTxOff {
		out = append(out, "no lldp transmit")
	}
	if p.LLDPRxOff {
		out = append(out, "no lldp receive")
	}
	if medOff {
		out = append(out, "no lldp med network-policy")
	}
	return out
}
