package cisco_sb

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// Raw keys for switch-wide lines the model has no field for.
const (
	// rawVoiceAuto holds "no lldp med network-policy voice auto" when SB's
	// automatic voice policy (derived from the voice VLAN) is off; a manual
	// voice policy needs it off.
	rawVoiceAuto = "lldp med network-policy voice auto"
	voiceAutoOff = "no lldp med network-policy voice auto"
)

// portLines is what one interface section says, per mode: SB keeps the
// access, trunk and general settings of a port side by side and prints them
// all; the mode picks which apply.
type portLines struct {
	mode          string
	access        int
	native        int
	trunkAllowed  []int // nil = every VLAN (SB's trunk default)
	trunkRemoved  []int
	pvid          int
	generalTagged []int
}

// ParseConfig implements drivers.Driver: it reads `show running-config`
// (or a saved copy) into the managed state. Lines voxlan does not manage
// are kept in Raw so diffs show them untouched.
func (Driver) ParseConfig(text string) (*drivers.Config, error) {
	cfg := drivers.NewConfig()
	cfg.LLDP = true // SB runs LLDP unless "no lldp run"
	var title string
	inVLANDB := false
	seen := false
	voice := 0
	lines := map[string]*portLines{}
	for _, raw := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n") {
		line := strings.TrimRightFunc(raw, unicode.IsSpace)
		if strings.TrimSpace(line) == "" {
			continue
		}
		if line == "!" {
			title = ""
			continue
		}
		if inVLANDB {
			// vlan database / vlan 5,7,852 / exit: the lines are not indented.
			if line == "exit" {
				inVLANDB = false
				continue
			}
			f := strings.Fields(line)
			if len(f) == 2 && f[0] == "vlan" {
				ids, err := drivers.ParseVLANList(f[1])
				if err != nil {
					return nil, fmt.Errorf("cisco_sb: vlan database: %w", err)
				}
				for _, id := range ids {
					if _, ok := cfg.VLANs[id]; !ok {
						cfg.VLANs[id] = drivers.VLAN{ID: id}
					}
				}
			}
			continue
		}
		if line[0] != ' ' {
			title = ""
			f := strings.Fields(line)
			switch {
			case line == "vlan database":
				inVLANDB, seen = true, true
			case f[0] == "hostname" && len(f) == 2:
				cfg.Hostname, seen = f[1], true
			case line == "no lldp run":
				cfg.LLDP = false
			case line == voiceAutoOff:
				cfg.Raw[rawVoiceAuto] = []string{voiceAutoOff}
			case len(f) == 4 && f[0] == "voice" && f[1] == "vlan" && f[2] == "id":
				n, err := strconv.Atoi(f[3])
				if err != nil || n < 1 || n > 4094 {
					return nil, fmt.Errorf("cisco_sb: bad line %q", line)
				}
				voice = n
			case len(f) >= 4 && f[0] == "lldp" && f[1] == "med" && f[2] == "network-policy" && f[3] != "voice":
				n, pol, err := parsePolicy(f[3:])
				if err != nil {
					return nil, fmt.Errorf("cisco_sb: %q: %w", line, err)
				}
				cfg.Profiles[n] = pol
			case len(f) == 3 && f[0] == "interface" && f[1] == "vlan":
				id, err := strconv.Atoi(f[2])
				if err != nil || id < 1 || id > 4094 {
					return nil, fmt.Errorf("cisco_sb: bad line %q", line)
				}
				title = "interface vlan " + f[2]
				cfg.Raw[title] = []string{}
			case f[0] == "interface" && len(f) >= 2:
				name := ShortName(strings.Join(f[1:], ""))
				cfg.Port(name)
				lines[name] = &portLines{}
				title = "interface " + LongName(name)
				cfg.Raw[title] = []string{}
				seen = true
			}
			continue
		}
		if title == "" {
			continue
		}
		sub := strings.TrimSpace(line)
		cfg.Raw[title] = append(cfg.Raw[title], " "+sub)
		if id, ok := strings.CutPrefix(title, "interface vlan "); ok {
			n, _ := strconv.Atoi(id)
			if name, ok := strings.CutPrefix(sub, "name "); ok {
				v := cfg.VLANs[n]
				v.ID, v.Name = n, name
				cfg.VLANs[n] = v
			}
			if addr, ok := drivers.InterfaceAddress(sub); ok {
				cfg.Addresses[addr] = n // the management guard's VLAN
			}
			continue
		}
		name := ShortName(strings.TrimPrefix(title, "interface "))
		if err := parsePortLine(cfg.Ports[name], lines[name], sub); err != nil {
			return nil, fmt.Errorf("cisco_sb: config section %q: %w", title, err)
		}
	}
	if !seen {
		return nil, fmt.Errorf("cisco_sb: no configuration found in %d bytes of text", len(text))
	}
	if _, ok := cfg.VLANs[1]; !ok {
		cfg.VLANs[1] = drivers.VLAN{ID: 1}
	}
	if v, ok := cfg.VLANs[voice]; ok && voice > 1 {
		v.Voice = true
		cfg.VLANs[voice] = v
	}
	for name, p := range cfg.Ports {
		finishPort(cfg, p, lines[name], voice)
	}
	return cfg, nil
}

// finishPort turns the per-mode lines into the model for the port's mode.
func finishPort(cfg *drivers.Config, p *drivers.Port, l *portLines, voice int) {
	var tagged []int
	switch l.mode {
	case drivers.ModeGeneral:
		p.Mode, p.DataVLAN = drivers.ModeGeneral, l.pvid
		tagged = l.generalTagged
	case drivers.ModeTrunk:
		p.Mode, p.DataVLAN = drivers.ModeTrunk, l.native
		if l.trunkAllowed != nil || l.trunkRemoved != nil {
			// Every configured VLAN not removed, plus those added.
			for _, id := range cfg.SortedVLANs() {
				if !slices.Contains(l.trunkRemoved, id) && id != drivers.VLANOrDefault(l.native) {
					tagged = append(tagged, id)
				}
			}
			for _, id := range l.trunkAllowed {
				if !slices.Contains(tagged, id) && id != drivers.VLANOrDefault(l.native) {
					tagged = append(tagged, id)
				}
			}
			slices.Sort(tagged)
			if tagged == nil {
				tagged = []int{}
			}
		}
	default:
		p.Mode, p.DataVLAN = l.mode, l.access
	}
	if voice > 1 && slices.Contains(tagged, voice) {
		p.VoiceVLAN = voice
		tagged = slices.DeleteFunc(slices.Clone(tagged), func(v int) bool { return v == voice })
	}
	p.TaggedVLANs = tagged
	if pol, ok := cfg.Profiles[p.Profile]; ok && p.Profile != 0 {
		p.MED = &pol
	}
}

func parsePortLine(p *drivers.Port, l *portLines, sub string) error {
	f := strings.Fields(sub)
	num := func(s string) (int, error) {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 4094 {
			return 0, fmt.Errorf("bad VLAN in %q", sub)
		}
		return n, nil
	}
	var err error
	switch {
	case sub == "shutdown":
		p.Shutdown = true
	case len(f) == 3 && f[0] == "switchport" && f[1] == "mode":
		switch f[2] {
		case "general", "trunk":
			l.mode = f[2]
		case "access":
			l.mode = drivers.ModeDefault
		default:
			l.mode = f[2]
		}
	case len(f) == 4 && f[0] == "switchport" && f[1] == "access" && f[2] == "vlan":
		l.access, err = num(f[3])
	case len(f) == 5 && f[0] == "switchport" && f[1] == "trunk" && f[2] == "native" && f[3] == "vlan":
		l.native, err = num(f[4])
	case len(f) == 6 && f[0] == "switchport" && f[1] == "trunk" && f[2] == "allowed" && f[3] == "vlan":
		var ids []int
		ids, err = drivers.ParseVLANList(f[5])
		switch f[4] {
		case "add":
			l.trunkAllowed = append(l.trunkAllowed, ids...)
		case "remove":
			l.trunkRemoved = append(l.trunkRemoved, ids...)
		}
	case len(f) == 4 && f[0] == "switchport" && f[1] == "general" && f[2] == "pvid":
		l.pvid, err = num(f[3])
	case len(f) >= 6 && f[0] == "switchport" && f[1] == "general" && f[2] == "allowed" && f[3] == "vlan" && f[4] == "add":
		var ids []int
		ids, err = drivers.ParseVLANList(f[5])
		if len(f) == 7 && f[6] == "tagged" {
			l.generalTagged = append(l.generalTagged, ids...)
			slices.Sort(l.generalTagged)
		}
	case len(f) >= 3 && f[0] == "power" && f[1] == "inline":
		p.PoEOff = f[2] == "never"
	case sub == "no lldp transmit":
		p.LLDPTxOff = true
	case sub == "no lldp receive":
		p.LLDPRxOff = true
	case len(f) == 5 && f[0] == "lldp" && f[1] == "med" && f[2] == "network-policy" && f[3] == "add":
		if p.Profile == 0 {
			p.Profile, err = strconv.Atoi(f[4])
		}
	}
	return err
}

// parsePolicy reads "N APP [vlan V] [vlan-type tagged|untagged] [up P]
// [dscp D]" (the words after "lldp med network-policy").
func parsePolicy(f []string) (int, audit.MEDPolicy, error) {
	var pol audit.MEDPolicy
	n, err := strconv.Atoi(f[0])
	if err != nil || n < 1 || n > 32 {
		return 0, pol, fmt.Errorf("policy number %q is not 1-32", f[0])
	}
	if len(f) < 2 || drivers.MEDAppWord(f[1]) == "" {
		return 0, pol, fmt.Errorf("no known application")
	}
	pol.Application = drivers.MEDAppWord(f[1])
	for i := 2; i+1 < len(f); i += 2 {
		switch f[i] {
		case "vlan":
			pol.VLAN, err = strconv.Atoi(f[i+1])
		case "vlan-type":
			pol.Tagged = f[i+1] == "tagged"
		case "up":
			pol.Priority, err = strconv.Atoi(f[i+1])
		case "dscp":
			pol.DSCP, err = strconv.Atoi(f[i+1])
		default:
			return 0, pol, fmt.Errorf("unknown keyword %q", f[i])
		}
		if err != nil {
			return 0, pol, fmt.Errorf("bad number after %q", f[i])
		}
	}
	return n, pol, nil
}
