package hp_comware

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// Keys of Config.Raw holding per-port facts the vendor-neutral model has no
// field for.
const (
	// manualKey: ports in manual voice VLAN mode (`undo voice-vlan mode
	// auto`; Comware's default is automatic, OUI-driven assignment).
	manualKey = "\x00voice-vlan manual"
	// qosKey+port: the port's `voice-vlan qos <cos> <dscp>`.
	qosKey = "\x00voice-vlan qos "
	// medOffKey: `undo lldp tlv-enable med-tlv network-policy`.
	medOffKey = "\x00med network-policy off"
	// enabledKey+port: the port's `voice-vlan V enable`, even when the
	// port does not carry V tagged (then the model has no voice VLAN, but
	// Comware still wants it off before VLAN changes).
	enabledKey = "\x00voice-vlan enable "
	// oddKey: ports voxlan will not change: routed (`port link-mode
	// route`) or hybrid with untagged VLANs other than the PVID.
	oddKey = "\x00odd"
)

// Comware's voice VLAN QoS defaults (H3C S6850 guide: CoS 6, DSCP 46).
const (
	defaultCoS  = 6
	defaultDSCP = 46
)

// ParseConfig implements drivers.Driver: it reads `display
// current-configuration`. Sections start at column 0 (`vlan 10`,
// `interface GigabitEthernet1/0/1`), their lines are indented one space,
// and `#` ends them; global settings are one-space lines between `#`s.
func (Driver) ParseConfig(text string) (*drivers.Config, error) {
	cfg := drivers.NewConfig()
	type port struct {
		linkType        string
		access, pvid    int
		permit, untag   []int
		tag             []int
		undoPermit1     bool
		undoHybrid1     bool
		voice, cos, dsc int
		qos             bool
	}
	ports := map[string]*port{}
	var title, cur string
	svi, vlan := 0, 0
	seen := false
	for n, raw := range drivers.SplitLines(text) {
		line := strings.TrimRight(raw, " \t")
		trim := strings.TrimSpace(line)
		if trim == "" || trim == "return" {
			continue
		}
		if trim == "#" {
			title, cur, svi, vlan = "", "", 0, 0
			continue
		}
		f := strings.Fields(trim)
		bad := func(err error) error {
			return fmt.Errorf("hp_comware: current-configuration line %d %q: %w", n+1, trim, err)
		}
		if line[0] != ' ' {
			seen = true
			title, cur, svi, vlan = "", "", 0, 0
			switch {
			case f[0] == "vlan" && len(f) >= 2:
				ids, err := drivers.ParseVLANWords(f[1:])
				if err != nil {
					return nil, bad(err)
				}
				for _, id := range ids {
					if _, ok := cfg.VLANs[id]; !ok {
						cfg.VLANs[id] = drivers.VLAN{ID: id}
					}
				}
				if len(ids) == 1 {
					vlan = ids[0]
					title = "vlan " + f[1]
					cfg.Raw[title] = []string{}
				}
			case f[0] == "interface" && len(f) == 2 && strings.HasPrefix(f[1], "Vlan-interface"):
				id, err := strconv.Atoi(strings.TrimPrefix(f[1], "Vlan-interface"))
				if err != nil || id < 1 || id > 4094 {
					return nil, bad(fmt.Errorf("bad VLAN interface"))
				}
				svi = id
			case f[0] == "interface" && len(f) == 2 && isSwitchPort(f[1]):
				cur = f[1]
				cfg.Port(cur).PoEOff = true // Comware's PoE is off until `poe enable`
				ports[cur] = &port{}
				title = "interface " + cur
				cfg.Raw[title] = []string{}
			}
			continue
		}
		switch {
		case title == "" && svi == 0:
			switch {
			case f[0] == "sysname" && len(f) == 2:
				cfg.Hostname = f[1]
			case trim == "lldp global enable" || trim == "lldp enable":
				cfg.LLDP = true
			case trim == "undo lldp global enable" || trim == "undo lldp enable":
				cfg.LLDP = false
			}
		case svi != 0:
			if len(f) >= 3 && f[0] == "ip" && f[1] == "address" {
				cfg.Addresses[f[2]] = svi
			}
		case vlan != 0:
			v := cfg.VLANs[vlan]
			if f[0] == "name" && len(f) >= 2 {
				v.Name = strings.Join(f[1:], " ")
				cfg.VLANs[vlan] = v
			} else {
				cfg.Raw[title] = append(cfg.Raw[title], " "+trim)
			}
		case cur != "":
			p, pp := ports[cur], cfg.Ports[cur]
			managed := true
			var err error
			vlanArg := func(s string) int {
				id, e := strconv.Atoi(s)
				if e != nil || id < 1 || id > 4094 {
					err = fmt.Errorf("bad VLAN %q", s)
				}
				return id
			}
			switch {
			case trim == "shutdown":
				pp.Shutdown = true
			case trim == "port link-mode route":
				cfg.Raw[oddKey] = append(cfg.Raw[oddKey], cur)
				managed = false
			case len(f) == 3 && f[0] == "port" && f[1] == "link-type":
				p.linkType = f[2]
			case len(f) == 4 && strings.Join(f[:3], " ") == "port access vlan":
				p.access = vlanArg(f[3])
			case len(f) == 5 && f[0] == "port" && f[2] == "pvid" && f[3] == "vlan" && (f[1] == "trunk" || f[1] == "hybrid"):
				p.pvid = vlanArg(f[4])
			case len(f) >= 5 && strings.Join(f[:4], " ") == "port trunk permit vlan":
				if f[4] == "all" {
					p.permit = drivers.AllVLANs()
					break
				}
				var ids []int
				ids, err = drivers.ParseVLANWords(f[4:])
				p.permit = append(p.permit, ids...)
			case trim == "undo port trunk permit vlan 1":
				p.undoPermit1 = true
			case trim == "undo port hybrid vlan 1":
				p.undoHybrid1 = true
			case len(f) >= 5 && f[0] == "port" && f[1] == "hybrid" && f[2] == "vlan" && (f[len(f)-1] == "tagged" || f[len(f)-1] == "untagged"):
				var ids []int
				ids, err = drivers.ParseVLANWords(f[3 : len(f)-1])
				if f[len(f)-1] == "tagged" {
					p.tag = append(p.tag, ids...)
				} else {
					p.untag = append(p.untag, ids...)
				}
			case trim == "undo voice-vlan mode auto":
				cfg.Raw[manualKey] = append(cfg.Raw[manualKey], cur)
			case len(f) == 3 && f[0] == "voice-vlan" && f[2] == "enable":
				p.voice = vlanArg(f[1])
			case len(f) == 4 && f[0] == "voice-vlan" && f[1] == "qos":
				p.cos, err = strconv.Atoi(f[2])
				if err == nil {
					p.dsc, err = strconv.Atoi(f[3])
				}
				if err == nil && (p.cos < 0 || p.cos > 7 || p.dsc < 0 || p.dsc > 63) {
					err = fmt.Errorf("QoS out of range")
				}
				p.qos = true
			case trim == "poe enable":
				pp.PoEOff = false
			case trim == "undo lldp enable" || trim == "lldp admin-status disable":
				pp.LLDPTxOff, pp.LLDPRxOff = true, true
			case trim == "lldp admin-status tx":
				pp.LLDPRxOff = true
			case trim == "lldp admin-status rx":
				pp.LLDPTxOff = true
			case trim == "undo lldp tlv-enable med-tlv network-policy":
				cfg.Raw[medOffKey] = append(cfg.Raw[medOffKey], cur)
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
		return nil, fmt.Errorf("hp_comware: no configuration found in %d bytes of text", len(text))
	}
	for name, p := range ports {
		pp := cfg.Ports[name]
		if p.qos {
			cfg.Raw[qosKey+name] = []string{strconv.Itoa(p.cos), strconv.Itoa(p.dsc)}
		}
		if p.voice != 0 {
			cfg.Raw[enabledKey+name] = []string{strconv.Itoa(p.voice)}
		}
		pvid := p.pvid
		if pvid == 0 {
			pvid = 1
		}
		switch p.linkType {
		case "trunk":
			permit := p.permit
			if !p.undoPermit1 && !slices.Contains(permit, 1) {
				permit = append(permit, 1) // VLAN 1 is permitted by default
			}
			pp.Mode, pp.DataVLAN = drivers.ModeTrunk, pvid
			pp.TaggedVLANs = drivers.Without(permit, pvid)
		case "hybrid":
			untag := p.untag
			if !p.undoHybrid1 && !slices.Contains(untag, 1) && !slices.Contains(p.tag, 1) {
				untag = append(untag, 1) // untagged in VLAN 1 by default
			}
			if len(drivers.Without(untag, pvid)) > 0 || !slices.Contains(untag, pvid) {
				cfg.Raw[oddKey] = append(cfg.Raw[oddKey], name)
			}
			pp.Mode, pp.DataVLAN = drivers.ModeGeneral, pvid
			pp.TaggedVLANs = drivers.Without(p.tag, pvid)
		default:
			pp.Mode, pp.DataVLAN = drivers.ModeAccess, p.access
		}
		if p.voice != 0 && slices.Contains(pp.TaggedVLANs, p.voice) {
			pp.VoiceVLAN = p.voice
			pp.TaggedVLANs = drivers.Without(pp.TaggedVLANs, p.voice)
		}
	}
	for _, k := range []string{manualKey, medOffKey, oddKey} {
		slices.SortFunc(cfg.Raw[k], audit.ComparePorts)
		cfg.Raw[k] = slices.Compact(cfg.Raw[k])
	}
	slices.SortFunc(cfg.PortOrder, audit.ComparePorts)
	derive(cfg)
	return cfg, nil
}

// isSwitchPort: an Ethernet port or a bridge aggregation, by its full name.
func isSwitchPort(name string) bool {
	for _, s := range shortNames {
		if rest, ok := strings.CutPrefix(name, s.long); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return true
		}
	}
	return false
}

// derive sets each port's LLDP-MED policy: a port with a voice VLAN
// advertises it, tagged, with the port's voice VLAN QoS, unless its
// network-policy TLV is off.
func derive(cfg *drivers.Config) {
	off := map[string]bool{}
	for _, p := range cfg.Raw[medOffKey] {
		off[p] = true
	}
	cfg.Profiles = map[int]audit.MEDPolicy{}
	// Comware has no voice flag on a VLAN: a VLAN is a voice VLAN when a
	// port uses it as one.
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
	for name, p := range cfg.Ports {
		p.MED, p.Profile = nil, 0
		if p.VoiceVLAN == 0 || off[name] {
			continue
		}
		pol := policy(cfg, name, p.VoiceVLAN)
		p.MED = &pol
	}
}

// policy is what a port with voice VLAN v advertises.
func policy(cfg *drivers.Config, port string, v int) audit.MEDPolicy {
	pol := audit.MEDPolicy{Application: "voice", VLAN: v, Tagged: true, Priority: defaultCoS, DSCP: defaultDSCP}
	if q := cfg.Raw[qosKey+port]; len(q) == 2 {
		pol.Priority, _ = strconv.Atoi(q[0])
		pol.DSCP, _ = strconv.Atoi(q[1])
	}
	return pol
}
