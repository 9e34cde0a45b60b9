package huawei_vrp

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// Keys of Config.Raw holding per-port facts the model has no field for.
const (
	// enabledKey+port: `voice-vlan V enable`, even when the port does not
	// carry V tagged.
	enabledKey = "\x00voice-vlan enable "
	// oddKey: hybrid ports untagged in VLANs other than their PVID, which
	// voxlan does not change.
	oddKey = "\x00odd"
)

// membership is one port's VLAN lines as configured.
type membership struct {
	linkType           string
	access, pvid       int
	allow, untag, tag  []int
	undoAllow1, undoH1 bool
}

// defaults fills in what VRP assumes when a line is absent: a port with no
// `port link-type` is hybrid (S-series V200R default), VLAN 1 is allowed on
// a trunk and untagged on a hybrid port unless undone, PVID 1.
func (m *membership) defaults() {
	if m.linkType == "" {
		m.linkType = "hybrid"
	}
	if m.pvid == 0 {
		m.pvid = 1
	}
	switch m.linkType {
	case "trunk":
		if !m.undoAllow1 && !slices.Contains(m.allow, 1) {
			m.allow = append(m.allow, 1)
		}
	case "hybrid":
		if !m.undoH1 && !slices.Contains(m.untag, 1) && !slices.Contains(m.tag, 1) {
			m.untag = append(m.untag, 1)
		}
	}
}

// ParseConfig implements drivers.Driver: it reads `display
// current-configuration`: `#`-separated sections, section lines at column
// 0, their settings indented one space.
func (Driver) ParseConfig(text string) (*drivers.Config, error) {
	cfg := drivers.NewConfig()
	ports := map[string]*membership{}
	voice := map[string]int{}
	var title, cur string
	svi, vlan := 0, 0
	seen := false
	for n, raw := range drivers.SplitLines(text) {
		line := strings.TrimRight(raw, " \t")
		trim := strings.TrimSpace(line)
		if trim == "" || trim == "return" || strings.HasPrefix(trim, "!") {
			continue
		}
		if trim == "#" {
			title, cur, svi, vlan = "", "", 0, 0
			continue
		}
		f := strings.Fields(trim)
		bad := func(err error) error {
			return fmt.Errorf("huawei_vrp: current-configuration line %d %q: %w", n+1, trim, err)
		}
		vlanArg := func(s string) (int, error) {
			id, err := strconv.Atoi(s)
			if err != nil || id < 1 || id > 4094 {
				return 0, fmt.Errorf("bad VLAN %q", s)
			}
			return id, nil
		}
		if line[0] != ' ' {
			seen = true
			title, cur, svi, vlan = "", "", 0, 0
			switch {
			case len(f) >= 3 && f[0] == "vlan" && f[1] == "batch":
				ids, err := drivers.ParseVLANWords(f[2:])
				if err != nil {
					return nil, bad(err)
				}
				for _, id := range ids {
					if _, ok := cfg.VLANs[id]; !ok {
						cfg.VLANs[id] = drivers.VLAN{ID: id}
					}
				}
			case len(f) == 2 && f[0] == "vlan":
				id, err := vlanArg(f[1])
				if err != nil {
					return nil, bad(err)
				}
				if _, ok := cfg.VLANs[id]; !ok {
					cfg.VLANs[id] = drivers.VLAN{ID: id}
				}
				vlan, title = id, "vlan "+f[1]
				cfg.Raw[title] = []string{}
			case len(f) == 2 && f[0] == "interface" && strings.HasPrefix(f[1], "Vlanif"):
				id, err := vlanArg(strings.TrimPrefix(f[1], "Vlanif"))
				if err != nil {
					return nil, bad(err)
				}
				svi = id
			case len(f) == 2 && f[0] == "interface" && isSwitchPort(f[1]):
				cur, title = f[1], "interface "+f[1]
				cfg.Port(cur)
				ports[cur] = &membership{}
				cfg.Raw[title] = []string{}
			case f[0] == "sysname" && len(f) == 2:
				cfg.Hostname = f[1]
			}
			continue
		}
		switch {
		case title == "" && svi == 0:
			switch {
			case f[0] == "sysname" && len(f) == 2:
				cfg.Hostname = f[1]
			case trim == "lldp enable":
				cfg.LLDP = true
			case trim == "undo lldp enable":
				cfg.LLDP = false
			}
		case svi != 0:
			if len(f) >= 3 && f[0] == "ip" && f[1] == "address" {
				cfg.Addresses[f[2]] = svi
			}
		case vlan != 0:
			if f[0] == "name" && len(f) >= 2 {
				v := cfg.VLANs[vlan]
				v.Name = strings.Join(f[1:], " ")
				cfg.VLANs[vlan] = v
			} else {
				cfg.Raw[title] = append(cfg.Raw[title], " "+trim)
			}
		case cur != "":
			m, p := ports[cur], cfg.Ports[cur]
			var err error
			managed := true
			switch {
			case trim == "shutdown":
				p.Shutdown = true
			case len(f) == 3 && f[0] == "port" && f[1] == "link-type":
				m.linkType = f[2]
			case len(f) == 4 && f[0] == "port" && f[1] == "default" && f[2] == "vlan":
				m.access, err = vlanArg(f[3])
			case len(f) == 5 && f[0] == "port" && f[2] == "pvid" && f[3] == "vlan":
				m.pvid, err = vlanArg(f[4])
			case len(f) >= 5 && strings.Join(f[:4], " ") == "port trunk allow-pass vlan":
				var ids []int
				if f[4] == "all" {
					ids = drivers.AllVLANs()
				} else {
					ids, err = drivers.ParseVLANWords(f[4:])
				}
				m.allow = append(m.allow, ids...)
			case trim == "undo port trunk allow-pass vlan 1":
				m.undoAllow1 = true
			case trim == "undo port hybrid vlan 1":
				m.undoH1 = true
			case len(f) >= 5 && f[0] == "port" && f[1] == "hybrid" && (f[2] == "tagged" || f[2] == "untagged") && f[3] == "vlan":
				var ids []int
				ids, err = drivers.ParseVLANWords(f[4:])
				if f[2] == "tagged" {
					m.tag = append(m.tag, ids...)
				} else {
					m.untag = append(m.untag, ids...)
				}
			case len(f) == 3 && f[0] == "voice-vlan" && f[2] == "enable":
				voice[cur], err = vlanArg(f[1])
			case len(f) == 11 && strings.Join(f[:6], " ") == "lldp tlv-enable med-tlv network-policy voice-vlan vlan" && f[7] == "cos" && f[9] == "dscp":
				pol := audit.MEDPolicy{Application: "voice", Tagged: true}
				if pol.VLAN, err = vlanArg(f[6]); err == nil {
					pol.Priority, err = strconv.Atoi(f[8])
				}
				if err == nil {
					pol.DSCP, err = strconv.Atoi(f[10])
				}
				if err == nil && (pol.Priority < 0 || pol.Priority > 7 || pol.DSCP < 0 || pol.DSCP > 63) {
					err = fmt.Errorf("cos or dscp out of range")
				}
				p.MED = &pol
			case trim == "undo poe enable":
				p.PoEOff = true
			case trim == "lldp admin-status disable":
				p.LLDPTxOff, p.LLDPRxOff = true, true
			case trim == "lldp admin-status tx":
				p.LLDPRxOff = true
			case trim == "lldp admin-status rx":
				p.LLDPTxOff = true
			default:
				managed = false
			}
			if err != nil {
				return nil, bad(err)
			}
			if !managed {
				cfg.Raw[title] = append(cfg.Raw[title], " "+trim)
			}
		}
	}
	if !seen {
		return nil, fmt.Errorf("huawei_vrp: no configuration found in %d bytes of text", len(text))
	}
	for name, m := range ports {
		p := cfg.Ports[name]
		m.defaults()
		switch m.linkType {
		case "trunk":
			p.Mode, p.DataVLAN, p.TaggedVLANs = drivers.ModeTrunk, m.pvid, drivers.Without(m.allow, m.pvid)
		case "access":
			p.Mode, p.DataVLAN = drivers.ModeAccess, m.access
		default:
			if len(drivers.Without(m.untag, m.pvid)) > 0 || !slices.Contains(m.untag, m.pvid) {
				cfg.Raw[oddKey] = append(cfg.Raw[oddKey], name)
			}
			p.Mode, p.DataVLAN, p.TaggedVLANs = drivers.ModeGeneral, m.pvid, drivers.Without(m.tag, m.pvid)
		}
		if v := voice[name]; v != 0 {
			cfg.Raw[enabledKey+name] = []string{strconv.Itoa(v)}
			if slices.Contains(p.TaggedVLANs, v) {
				p.VoiceVLAN, p.TaggedVLANs = v, drivers.Without(p.TaggedVLANs, v)
			}
		}
	}
	slices.SortFunc(cfg.Raw[oddKey], audit.ComparePorts)
	slices.SortFunc(cfg.PortOrder, audit.ComparePorts)
	markVoiceVLANs(cfg)
	return cfg, nil
}

// markVoiceVLANs sets the Voice flag of the VLANs ports use as their voice
// VLAN: VRP keeps no such flag on the VLAN itself.
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

// portPrefixes are VRP's port names in full and as brief outputs shorten
// them.
var portPrefixes = []struct{ short, long string }{
	{"XGE", "XGigabitEthernet"}, {"MEth", "MEth"}, {"GE", "GigabitEthernet"}, {"40GE", "40GE"}, {"Eth-Trunk", "Eth-Trunk"},
}

func isSwitchPort(name string) bool {
	for _, p := range portPrefixes {
		if rest, ok := strings.CutPrefix(name, p.long); ok && p.long != "MEth" && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return true
		}
	}
	return false
}

// CanonicalPort implements the optional port-name hook of drivers/apply:
// "GE0/0/1" and "XGE0/0/1" from brief outputs become the configuration's
// "GigabitEthernet0/0/1" and "XGigabitEthernet0/0/1".
func (Driver) CanonicalPort(name string) string {
	n := strings.TrimSpace(name)
	for _, p := range portPrefixes {
		if rest, ok := strings.CutPrefix(n, p.short); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return p.long + rest
		}
	}
	return n
}
