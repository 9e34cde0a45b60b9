package cisco_ios

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// ParseConfig implements drivers.Driver: it reads `show running-config`
// (or a saved copy) into the managed state. Lines voxlan does not manage
// are kept in Raw so diffs show them untouched.
func (Driver) ParseConfig(text string) (*drivers.Config, error) {
	cfg := drivers.NewConfig()
	var title string // current section title, "" at top level
	seen := false
	for _, raw := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n") {
		line := strings.TrimRightFunc(raw, unicode.IsSpace)
		if line == "" || line == "!" || strings.HasPrefix(line, "Building configuration") ||
			strings.HasPrefix(line, "Current configuration") || line == "end" {
			if line == "!" {
				title = ""
			}
			continue
		}
		if line[0] != ' ' {
			seen = true
			title = ""
			if err := parseTop(cfg, line, &title); err != nil {
				return nil, err
			}
			continue
		}
		if title == "" {
			continue
		}
		sub := strings.TrimSpace(line)
		if sub == "" {
			continue
		}
		cfg.Raw[title] = append(cfg.Raw[title], " "+sub)
		if err := parseSub(cfg, title, sub); err != nil {
			return nil, fmt.Errorf("cisco_ios: config section %q: %w", title, err)
		}
	}
	if !seen {
		return nil, fmt.Errorf("cisco_ios: no configuration found in %d bytes of text", len(text))
	}
	for _, p := range cfg.Ports {
		if pol, ok := cfg.Profiles[p.Profile]; ok && p.Profile != 0 {
			p.MED = &pol
		}
	}
	return cfg, nil
}

func parseTop(cfg *drivers.Config, line string, title *string) error {
	f := strings.Fields(line)
	if len(f) == 0 {
		return nil
	}
	switch {
	case f[0] == "hostname" && len(f) == 2:
		cfg.Hostname = f[1]
	case line == "lldp run":
		cfg.LLDP = true
	case line == "archive":
		// Kept for the revert timer's prerequisite (safetynet.go).
		*title = "archive"
		cfg.Raw[*title] = []string{}
	case f[0] == "interface" && len(f) >= 2:
		name := ShortName(strings.Join(f[1:], ""))
		if IsSwitchPort(name) {
			cfg.Port(name)
		}
		*title = "interface " + LongName(name)
		cfg.Raw[*title] = []string{}
	case f[0] == "vlan" && len(f) == 2:
		ids, err := drivers.ParseVLANList(f[1])
		if err != nil {
			// "vlan internal allocation policy ascending" and friends.
			return nil
		}
		for _, id := range ids {
			cfg.VLANs[id] = drivers.VLAN{ID: id}
		}
		if len(ids) == 1 {
			*title = "vlan " + f[1]
			cfg.Raw[*title] = []string{}
		}
	case len(f) == 3 && f[0] == "network-policy" && f[1] == "profile":
		n, err := strconv.Atoi(f[2])
		if err != nil || n < 1 || n > 4294967 {
			return fmt.Errorf("cisco_ios: bad network-policy profile %q", f[2])
		}
		cfg.Profiles[n] = audit.MEDPolicy{}
		*title = line
		cfg.Raw[*title] = []string{}
	}
	return nil
}

func parseSub(cfg *drivers.Config, title, sub string) error {
	f := strings.Fields(sub)
	switch {
	case strings.HasPrefix(title, "interface "):
		name := ShortName(strings.TrimPrefix(title, "interface "))
		if vid, ok := strings.CutPrefix(name, "Vlan"); ok && len(f) >= 3 && f[0] == "ip" && f[1] == "address" {
			if id, err := strconv.Atoi(vid); err == nil {
				cfg.Addresses[f[2]] = id
			}
		}
		if p := cfg.Ports[name]; p != nil {
			return parsePortLine(p, sub, f)
		}
	case strings.HasPrefix(title, "vlan "):
		id, _ := strconv.Atoi(strings.TrimPrefix(title, "vlan "))
		if f[0] == "name" && len(f) >= 2 {
			v := cfg.VLANs[id]
			v.Name = strings.Join(f[1:], " ")
			cfg.VLANs[id] = v
		}
	case strings.HasPrefix(title, "network-policy profile "):
		n, _ := strconv.Atoi(strings.Fields(title)[2])
		p := cfg.Profiles[n]
		// voice vlan V cos P | voice vlan V dscp D | voice-signaling vlan ...
		if len(f) == 5 && (f[0] == "voice" || f[0] == "voice-signaling") && f[1] == "vlan" {
			v, err1 := strconv.Atoi(f[2])
			x, err2 := strconv.Atoi(f[4])
			if err1 != nil || err2 != nil {
				return fmt.Errorf("bad line %q", sub)
			}
			p.Application = "voice"
			if f[0] == "voice-signaling" {
				p.Application = "voiceSignaling"
			}
			p.VLAN, p.Tagged = v, true
			switch f[3] {
			case "cos":
				p.Priority = x
			case "dscp":
				p.DSCP = x
			}
			cfg.Profiles[n] = p
		}
	}
	return nil
}

func parsePortLine(p *drivers.Port, sub string, f []string) error {
	num := func(s string) (int, error) {
		n, err := strconv.Atoi(s)
		if err != nil {
			return 0, fmt.Errorf("bad number in %q", sub)
		}
		return n, nil
	}
	var err error
	switch {
	case sub == "shutdown":
		p.Shutdown = true
	case len(f) == 3 && f[0] == "switchport" && f[1] == "mode":
		p.Mode = f[2]
		if f[2] == "dynamic" {
			p.Mode = drivers.ModeDefault
		}
	case len(f) == 4 && f[0] == "switchport" && f[1] == "access" && f[2] == "vlan":
		p.DataVLAN, err = num(f[3])
	case len(f) == 4 && f[0] == "switchport" && f[1] == "voice" && f[2] == "vlan":
		if f[3] == "dot1p" || f[3] == "none" || f[3] == "untagged" {
			return nil
		}
		p.VoiceVLAN, err = num(f[3])
	case len(f) == 5 && f[0] == "switchport" && f[1] == "trunk" && f[2] == "native" && f[3] == "vlan":
		if p.Mode == drivers.ModeTrunk || p.DataVLAN == 0 {
			p.DataVLAN, err = num(f[4])
		}
	case len(f) >= 5 && f[0] == "switchport" && f[1] == "trunk" && f[2] == "allowed" && f[3] == "vlan":
		list := f[len(f)-1]
		if f[4] == "add" || len(f) == 5 {
			var ids []int
			ids, err = drivers.ParseVLANList(list)
			p.TaggedVLANs = append(p.TaggedVLANs, ids...)
		}
	case len(f) >= 3 && f[0] == "power" && f[1] == "inline":
		p.PoEOff = f[2] == "never"
	case sub == "no lldp transmit":
		p.LLDPTxOff = true
	case sub == "no lldp receive":
		p.LLDPRxOff = true
	case len(f) == 2 && f[0] == "network-policy":
		p.Profile, err = num(f[1])
	}
	return err
}
