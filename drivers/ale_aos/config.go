package ale_aos

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// Keys of Config.Raw holding what the vendor-neutral model has no field
// for.
const (
	// bindKey+port: the network-policy ids bound to the port (`lldp port P
	// med network-policy N`); chassisBindKey: those bound chassis-wide.
	bindKey        = "\x00bind "
	chassisBindKey = "\x00bind chassis"
	// tlvKey+port: the port's network-policy TLV, "enable" or "disable"
	// (`lldp port P tlv med network-policy enable`); absent = as the
	// chassis (chassisTLVKey), whose default is disabled.
	tlvKey        = "\x00tlv "
	chassisTLVKey = "\x00tlv chassis"
	// startedKey: the slots whose PoE service runs (AOS 6 `lanpower start
	// 1`, AOS 8 `lanpower slot 1/1 service start`); "chassis N" for every
	// slot of chassis N.
	startedKey = "\x00poe started"
	// laggKey: the ports that belong to a link aggregate (AOS 8 `linkagg
	// static|lacp port P ...`, AOS 6 `static|lacp agg P ...`), which
	// voxlan does not change.
	laggKey = "\x00linkagg"
)

// ParseConfig implements drivers.Driver: it reads `show configuration
// snapshot`, AOS 6 or AOS 8 (told apart by its port names), one command per
// line under "! Section:" comments.
func (Driver) ParseConfig(text string) (*drivers.Config, error) {
	lines := drivers.SplitLines(text)
	rel, err := detectRelease(lines)
	if err != nil {
		return nil, err
	}
	cfg := drivers.NewConfig()
	cfg.LLDP = true
	cfg.Raw[releaseKey] = []string{strconv.Itoa(int(rel))}
	untagged := map[string]int{}
	tagged := map[string][]int{}
	lldpdu := map[string]string{}
	poeOff := map[string]bool{}
	seen := false
	for n, raw := range lines {
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		if line[0] == '!' {
			seen = seen || strings.HasSuffix(line, ":")
			continue
		}
		w := words(line)
		bad := func(err error) error {
			return fmt.Errorf("ale_aos: configuration snapshot line %d %q: %w", n+1, line, err)
		}
		ports := func(s string) ([]string, error) {
			ps, err := expandPorts(s, rel)
			for _, p := range ps {
				cfg.Port(p)
			}
			return ps, err
		}
		known := true
		switch {
		case len(w) == 3 && w[0] == "system" && w[1] == "name":
			cfg.Hostname = w[2]
		case len(w) >= 2 && w[0] == "vlan":
			ids, err := vlanIDs(w[1])
			if err != nil {
				return nil, bad(err)
			}
			for _, id := range ids {
				if _, ok := cfg.VLANs[id]; !ok {
					cfg.VLANs[id] = drivers.VLAN{ID: id}
				}
			}
			rest := w[2:]
			var ps []string
			kind := ""
			switch {
			case len(rest) == 4 && rest[0] == "members" && rest[1] == "port" && (rest[3] == "untagged" || rest[3] == "tagged"):
				ps, err = ports(rest[2])
				kind = rest[3]
			case len(rest) == 3 && rest[0] == "port" && rest[1] == "default":
				ps, err = ports(rest[2])
				kind = "untagged"
			case len(rest) >= 2 && rest[0] == "802.1q" && rest[1] != "linkagg":
				ps, err = ports(rest[1])
				kind = "tagged"
			default:
				if i := slices.Index(rest, "name"); i >= 0 && i+1 < len(rest) {
					for _, id := range ids {
						v := cfg.VLANs[id]
						v.Name = rest[i+1]
						cfg.VLANs[id] = v
					}
				}
			}
			if err != nil {
				return nil, bad(err)
			}
			for _, p := range ps {
				for _, id := range ids {
					if kind == "untagged" {
						untagged[p] = id
					} else {
						tagged[p] = append(tagged[p], id)
					}
				}
			}
		case len(w) >= 2 && w[0] == "ip" && w[1] == "interface":
			addr, vlan := wordAfter(w, "address"), wordAfter(w, "vlan")
			if id, err := strconv.Atoi(vlan); err == nil && addr != "" && id >= 1 && id <= 4094 {
				if a, ok := drivers.InterfaceAddress("ip address " + addr); ok {
					cfg.Addresses[a] = id
				}
			}
		case len(w) == 4 && w[0] == "interfaces" && w[2] == "admin" && rel == AOS6,
			len(w) == 5 && w[0] == "interfaces" && w[1] == "port" && w[3] == "admin-state":
			ps, err := ports(w[len(w)-3])
			if err != nil {
				return nil, bad(err)
			}
			for _, p := range ps {
				cfg.Ports[p].Shutdown = w[len(w)-1] == "down" || w[len(w)-1] == "disable"
			}
		case len(w) >= 2 && w[0] == "lldp":
			if err := parseLLDP(cfg, w[1:], rel, ports, lldpdu); err != nil {
				return nil, bad(err)
			}
		case len(w) >= 4 && w[0] == "linkagg" && (w[1] == "static" || w[1] == "lacp") && w[2] == "port" && rel == AOS8,
			len(w) >= 3 && (w[0] == "static" || w[0] == "lacp") && w[1] == "agg" && rel == AOS6:
			at := 2
			if rel == AOS8 {
				at = 3
			}
			ps, err := ports(w[at])
			if err != nil {
				return nil, bad(err)
			}
			cfg.Raw[laggKey] = append(cfg.Raw[laggKey], ps...)
		case len(w) >= 3 && w[0] == "lanpower":
			if err := parsePoE(cfg, w[1:], rel, ports, poeOff); err != nil {
				return nil, bad(err)
			}
		default:
			known = false
		}
		seen = seen || known
	}
	if !seen {
		return nil, fmt.Errorf("ale_aos: no configuration found in %d bytes of text", len(text))
	}
	if m := lldpdu["chassis"]; m == "disable" {
		cfg.LLDP = false
	}
	for _, name := range cfg.PortOrder {
		p := cfg.Ports[name]
		p.DataVLAN = untagged[name]
		if p.DataVLAN == 0 {
			p.DataVLAN = 1
		}
		p.TaggedVLANs = drivers.Without(tagged[name], p.DataVLAN)
		if m, ok := lldpdu[name]; ok {
			p.LLDPTxOff, p.LLDPRxOff = m == "disable" || m == "rx", m == "disable" || m == "tx"
		}
		p.PoEOff = poeOff[name] || stoppedSlot(cfg, name)
		effectiveMED(cfg, p)
		if p.MED != nil && p.MED.Tagged && slices.Contains(p.TaggedVLANs, p.MED.VLAN) {
			p.VoiceVLAN, p.TaggedVLANs = p.MED.VLAN, drivers.Without(p.TaggedVLANs, p.MED.VLAN)
		}
		p.Mode = modeOf(p)
	}
	slices.SortFunc(cfg.PortOrder, comparePorts)
	markVoiceVLANs(cfg)
	return cfg, nil
}

// modeOf is a port's mode as the model sees it: OmniSwitch has none, a
// port carries one untagged VLAN and any number of tagged ones; tagged
// VLANs besides the voice VLAN make it a trunk.
func modeOf(p *drivers.Port) string {
	if len(p.TaggedVLANs) > 0 {
		return drivers.ModeTrunk
	}
	return drivers.ModeAccess
}

// detectRelease reads the release from the port names a snapshot uses
// (slot/port on AOS 6, chassis/slot/port on AOS 8) and its AOS 6-only or
// AOS 8-only keywords; a snapshot naming no port is read as AOS 8 unless
// its section comments have AOS 6's space before the colon ("! VLAN :").
func detectRelease(lines []string) (Release, error) {
	six, eight, sixHeader := 0, 0, false
	for _, raw := range lines {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "!") {
			sixHeader = sixHeader || strings.HasSuffix(line, " :")
			continue
		}
		w := words(line)
		if len(w) == 0 || (w[0] != "vlan" && w[0] != "lldp" && w[0] != "lanpower" && w[0] != "interfaces") {
			continue
		}
		for i, x := range w {
			if i > 0 && (w[i-1] == "slot" || w[i-1] == "name") {
				continue // AOS 8 names a slot "1/1"
			}
			first, _, _ := strings.Cut(x, "-")
			switch n := portNumbers(first); len(n) {
			case 2:
				six++
			case 3:
				eight++
			}
		}
	}
	switch {
	case six > 0 && eight > 0:
		return 0, fmt.Errorf("ale_aos: the configuration mixes AOS 6 (slot/port) and AOS 8 (chassis/slot/port) port names")
	case six > 0 || (eight == 0 && sixHeader):
		return AOS6, nil
	}
	return AOS8, nil
}

// parseLLDP reads one `lldp ...` line (the words after lldp).
func parseLLDP(cfg *drivers.Config, w []string, rel Release, ports func(string) ([]string, error), lldpdu map[string]string) error {
	if len(w) > 0 && strings.HasPrefix(w[0], "nearest-") {
		w = w[1:] // the LLDP agent (nearest-bridge is the default one)
	}
	if len(w) >= 2 && w[0] == "network-policy" {
		id, err := strconv.Atoi(w[1])
		if err != nil || id < 0 || id > 127 {
			return fmt.Errorf("bad network-policy id %q", w[1])
		}
		pol, ok, err := parsePolicy(w[2:])
		if err != nil {
			return err
		}
		if ok {
			cfg.Profiles[id] = pol
		}
		return nil
	}
	// The target: chassis, a port (AOS 8 "port 1/1/1", AOS 6 "1/1"), or a
	// slot, which voxlan does not model.
	var targets []string
	switch {
	case len(w) >= 1 && w[0] == "chassis":
		targets, w = []string{"chassis"}, w[1:]
	case len(w) >= 2 && w[0] == "port" && rel == AOS8:
		ps, err := ports(w[1])
		if err != nil {
			return err
		}
		targets, w = ps, w[2:]
	case len(w) >= 1 && rel == AOS6 && strings.Contains(w[0], "/"):
		ps, err := ports(w[0])
		if err != nil {
			return err
		}
		targets, w = ps, w[1:]
	default:
		return nil
	}
	switch {
	case len(w) >= 3 && w[0] == "med" && w[1] == "network-policy":
		for _, s := range w[2:] {
			if id, err := strconv.Atoi(s); err != nil || id < 0 || id > 127 {
				return fmt.Errorf("bad network-policy id %q", s)
			}
		}
		for _, t := range targets {
			cfg.Raw[bindFor(t)] = append(cfg.Raw[bindFor(t)], w[2:]...)
		}
	case len(w) >= 4 && w[0] == "tlv" && w[1] == "med":
		for i := 2; i+1 < len(w); i += 2 {
			if w[i] == "network-policy" && (w[i+1] == "enable" || w[i+1] == "disable") {
				for _, t := range targets {
					cfg.Raw[tlvFor(t)] = []string{w[i+1]}
				}
			}
		}
	case len(w) == 2 && w[0] == "lldpdu":
		if !slices.Contains([]string{"tx-and-rx", "tx", "rx", "disable"}, w[1]) {
			return fmt.Errorf("bad lldpdu mode %q", w[1])
		}
		for _, t := range targets {
			lldpdu[t] = w[1]
		}
	}
	return nil
}

// parsePolicy reads "application voice vlan 20 l2-priority 5 dscp 46"
// (OmniSwitch's application keywords are the CLI ones drivers.MEDAppWord
// knows); ok is false for a form the model cannot hold.
func parsePolicy(w []string) (audit.MEDPolicy, bool, error) {
	app := drivers.MEDAppWord(wordAfter(w, "application"))
	vlan := wordAfter(w, "vlan")
	if app == "" || vlan == "" {
		return audit.MEDPolicy{}, false, nil
	}
	pol := audit.MEDPolicy{Application: app, Tagged: true}
	var err error
	if pol.VLAN, err = strconv.Atoi(vlan); err != nil || pol.VLAN < 1 || pol.VLAN > 4094 {
		return pol, false, fmt.Errorf("bad network-policy VLAN %q", vlan)
	}
	for _, f := range []struct {
		word string
		v    *int
		max  int
	}{{"l2-priority", &pol.Priority, 7}, {"dscp", &pol.DSCP, 63}} {
		if s := wordAfter(w, f.word); s != "" {
			if *f.v, err = strconv.Atoi(s); err != nil || *f.v < 0 || *f.v > f.max {
				return pol, false, fmt.Errorf("bad network-policy %s %q", f.word, s)
			}
		}
	}
	return pol, true, nil
}

// parsePoE reads one `lanpower ...` line (the words after lanpower).
func parsePoE(cfg *drivers.Config, w []string, rel Release, ports func(string) ([]string, error), off map[string]bool) error {
	start := func(slot string, on bool) {
		cfg.Raw[startedKey] = slices.DeleteFunc(cfg.Raw[startedKey], func(s string) bool { return s == slot })
		if on {
			cfg.Raw[startedKey] = append(cfg.Raw[startedKey], slot)
		}
	}
	switch {
	case rel == AOS6 && len(w) == 2 && (w[0] == "start" || w[0] == "stop"):
		if _, err := strconv.Atoi(w[1]); err == nil {
			start(w[1], w[0] == "start")
			return nil
		}
		ps, err := ports(w[1])
		for _, p := range ps {
			off[p] = w[0] == "stop"
		}
		return err
	case rel == AOS8 && len(w) == 4 && (w[0] == "slot" || w[0] == "chassis") && w[2] == "service":
		slot := w[1]
		if w[0] == "chassis" {
			slot = "chassis " + w[1]
		}
		start(slot, w[3] == "start")
	case rel == AOS8 && len(w) == 4 && w[0] == "port" && w[2] == "admin-state":
		ps, err := ports(w[1])
		for _, p := range ps {
			off[p] = w[3] == "disable"
		}
		return err
	}
	return nil
}

// stoppedSlot says whether the PoE service of port's slot is not running.
func stoppedSlot(cfg *drivers.Config, port string) bool {
	started := cfg.Raw[startedKey]
	slot := slotOf(port)
	chassis, _, _ := strings.Cut(port, "/")
	return !slices.Contains(started, slot) && !(len(portNumbers(port)) == 3 && slices.Contains(started, "chassis "+chassis))
}

func bindFor(target string) string {
	if target == "chassis" {
		return chassisBindKey
	}
	return bindKey + target
}

func tlvFor(target string) string {
	if target == "chassis" {
		return chassisTLVKey
	}
	return tlvKey + target
}

// effectiveMED sets p's MED and Profile to the policy the port advertises:
// its own binding, else the chassis's, when the network-policy TLV is
// enabled on the port (or, unset there, on the chassis).
func effectiveMED(cfg *drivers.Config, p *drivers.Port) {
	p.MED, p.Profile = nil, 0
	bind, ok := cfg.Raw[bindKey+p.Name]
	if !ok {
		bind = cfg.Raw[chassisBindKey]
	}
	tlv, ok := cfg.Raw[tlvKey+p.Name]
	if !ok {
		tlv = cfg.Raw[chassisTLVKey]
	}
	if len(tlv) != 1 || tlv[0] != "enable" {
		return
	}
	for _, s := range bind {
		id, _ := strconv.Atoi(s)
		if pol, ok := cfg.Profiles[id]; ok && pol.Application == "voice" {
			m := pol
			p.MED, p.Profile = &m, id
			return
		}
	}
}

// markVoiceVLANs sets the Voice flag of the VLANs ports use as their voice
// VLAN: OmniSwitch keeps no such flag on the VLAN itself.
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

// vlanIDs reads "20" or "10-15".
func vlanIDs(s string) ([]int, error) {
	lo, hi, isRange := strings.Cut(s, "-")
	a, err := strconv.Atoi(lo)
	if err != nil || a < 1 || a > 4094 {
		return nil, fmt.Errorf("bad VLAN %q", s)
	}
	b := a
	if isRange {
		if b, err = strconv.Atoi(hi); err != nil || b < a || b > 4094 {
			return nil, fmt.Errorf("bad VLAN range %q", s)
		}
	}
	out := make([]int, 0, b-a+1)
	for v := a; v <= b; v++ {
		out = append(out, v)
	}
	return out, nil
}

// words splits a command line at spaces, a double-quoted string being one
// word without its quotes (`vlan 10 name "name with spaces"`).
func words(line string) []string {
	var out []string
	var cur strings.Builder
	quoted, inWord := false, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case (r == ' ' || r == '\t') && !quoted:
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out
}

// wordAfter is the word following key in w, "" when there is none.
func wordAfter(w []string, key string) string {
	if i := slices.Index(w, key); i >= 0 && i+1 < len(w) {
		return w[i+1]
	}
	return ""
}
