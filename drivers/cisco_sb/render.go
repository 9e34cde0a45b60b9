package cisco_sb

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// Want implements drivers.Driver. A hybrid port is a general-mode port (PVID
// and untagged data VLAN, tagged voice VLAN). SB has one voice VLAN per
// switch (`voice vlan id`), so every port's voice VLAN must agree; an
// LLDP-MED policy becomes a numbered `lldp med network-policy`, reusing one
// with the same content.
func (Driver) Want(cur *drivers.Config, changes []audit.Change) (*drivers.Config, drivers.Scope, error) {
	want, scope, err := drivers.ApplyChanges(cur, drivers.RenamePorts(changes, ShortName), drivers.ModeGeneral)
	if err != nil {
		return nil, scope, err
	}
	voice := 0
	for _, name := range scope.Ports {
		v := want.Ports[name].VoiceVLAN
		if v == 0 {
			continue
		}
		if voice != 0 && v != voice {
			return nil, scope, fmt.Errorf("%w: cisco_sb: ports ask for voice VLANs %d and %d; an SB switch has one voice VLAN", drivers.ErrUnsupported, voice, v)
		}
		voice = v
	}
	for _, id := range scope.VLANs {
		if want.VLANs[id].Voice {
			if voice != 0 && voice != id {
				return nil, scope, fmt.Errorf("%w: cisco_sb: VLANs %d and %d both asked to be the voice VLAN; an SB switch has one", drivers.ErrUnsupported, voice, id)
			}
			voice = id
		}
	}
	if old := voiceVLAN(cur); voice != 0 && old != 0 && voice != old {
		// Moving the switch's voice VLAN would move every port that
		// carries the old one; refuse rather than touch ports not planned.
		var users []string
		for _, name := range cur.PortOrder {
			if cur.Ports[name].VoiceVLAN == old && !slices.Contains(scope.Ports, name) {
				users = append(users, name)
			}
		}
		if len(users) > 0 {
			return nil, scope, fmt.Errorf("%w: cisco_sb: the switch's voice VLAN is %d and ports %s not in the plan carry it; an SB switch has one voice VLAN, so moving it to %d would change them too",
				drivers.ErrUnsupported, old, strings.Join(users, ", "), voice)
		}
	}
	if voice != 0 && voice != voiceVLAN(cur) {
		// A port cannot carry a VLAN that does not exist: create it.
		if _, ok := want.VLANs[voice]; !ok {
			want.VLANs[voice] = drivers.VLAN{ID: voice}
		}
		for id, v := range want.VLANs {
			v.Voice = id == voice
			want.VLANs[id] = v
		}
		scope.Global = true
		if old := voiceVLAN(cur); old != 0 && !slices.Contains(scope.VLANs, old) {
			scope.VLANs = append(scope.VLANs, old)
			slices.Sort(scope.VLANs)
		}
	}
	// The configuration reads a port's tagged membership of the switch's
	// voice VLAN back as its VoiceVLAN, never in its tagged list
	// (finishPort): ask for it the same way, or verification fails.
	if sw := voiceVLAN(want); sw != 0 {
		for _, name := range scope.Ports {
			p := want.Ports[name]
			if !slices.Contains(p.TaggedVLANs, sw) {
				continue
			}
			if p.VoiceVLAN == 0 {
				p.VoiceVLAN = sw
			}
			p.TaggedVLANs = slices.DeleteFunc(p.TaggedVLANs, func(v int) bool { return v == sw })
		}
	}
	for _, name := range scope.Ports {
		p := want.Ports[name]
		if p.MED == nil {
			continue
		}
		if pol, ok := want.Profiles[p.Profile]; ok && p.Profile != 0 && pol == *p.MED {
			continue
		}
		p.Profile = policyFor(want, *p.MED)
		if p.MED.Application == "voice" {
			want.Raw[rawVoiceAuto] = []string{voiceAutoOff}
		}
	}
	return want, scope, nil
}

func voiceVLAN(cfg *drivers.Config) int {
	for _, id := range cfg.SortedVLANs() {
		if cfg.VLANs[id].Voice {
			return id
		}
	}
	return 0
}

func voiceAuto(cfg *drivers.Config) bool { return len(cfg.Raw[rawVoiceAuto]) == 0 }

func policyFor(cfg *drivers.Config, pol audit.MEDPolicy) int {
	for _, n := range drivers.SortedKeys(cfg.Profiles) {
		if cfg.Profiles[n] == pol {
			return n
		}
	}
	for n := 1; n <= 32; n++ {
		if _, used := cfg.Profiles[n]; !used {
			cfg.Profiles[n] = pol
			return n
		}
	}
	return 0
}

// policyLine is the global policy command.
func policyLine(n int, p audit.MEDPolicy) (string, error) {
	kw := drivers.MEDAppKeyword(p.Application)
	if kw == "" {
		return "", fmt.Errorf("%w: cisco_sb: LLDP-MED application %q", drivers.ErrUnsupported, p.Application)
	}
	tag := "untagged"
	if p.Tagged {
		tag = "tagged"
	}
	return fmt.Sprintf("lldp med network-policy %d %s vlan %d vlan-type %s up %d dscp %d", n, kw, p.VLAN, tag, p.Priority, p.DSCP), nil
}

// Render implements drivers.Driver. Order: what ports will use (VLANs, the
// voice VLAN, LLDP, policies) first, then ports, then removals, so a
// rollback never removes something a port still refers to.
func (Driver) Render(cur, want *drivers.Config, scope drivers.Scope) ([]string, error) {
	var create, ports, remove []string
	var newVLANs, goneVLANs []string
	for _, id := range scope.VLANs {
		_, wok := want.VLANs[id]
		_, cok := cur.VLANs[id]
		switch {
		case wok && !cok:
			newVLANs = append(newVLANs, strconv.Itoa(id))
		case !wok && cok && id != 1:
			goneVLANs = append(goneVLANs, strconv.Itoa(id))
		}
	}
	if len(newVLANs) > 0 {
		create = append(create, "vlan database", "vlan "+strings.Join(newVLANs, ","), "exit")
	}
	for _, id := range scope.VLANs {
		w, wok := want.VLANs[id]
		c := cur.VLANs[id]
		if wok && w.Name != c.Name {
			if w.Name == "" {
				create = append(create, "interface vlan "+strconv.Itoa(id), "no name", "exit")
			} else {
				create = append(create, "interface vlan "+strconv.Itoa(id), "name "+w.Name, "exit")
			}
		}
	}
	if scope.Global {
		if want.LLDP && !cur.LLDP {
			create = append(create, "lldp run")
		} else if !want.LLDP && cur.LLDP {
			remove = append(remove, "no lldp run")
		}
		if wv, cv := voiceVLAN(want), voiceVLAN(cur); wv != cv {
			if wv != 0 {
				create = append(create, fmt.Sprintf("voice vlan id %d", wv))
			} else {
				remove = append(remove, "no voice vlan id")
			}
		}
		wa, ca := voiceAuto(want), voiceAuto(cur)
		if !wa && ca {
			create = append(create, voiceAutoOff)
		}
		keys := drivers.SortedKeys(want.Profiles)
		for _, n := range drivers.SortedKeys(cur.Profiles) {
			if !slices.Contains(keys, n) {
				remove = append(remove, fmt.Sprintf("no lldp med network-policy %d", n))
			}
		}
		for _, n := range keys {
			w := want.Profiles[n]
			if c, ok := cur.Profiles[n]; ok && c == w {
				continue
			}
			line, err := policyLine(n, w)
			if err != nil {
				return nil, err
			}
			create = append(create, line)
		}
		if wa && !ca {
			remove = append(remove, "lldp med network-policy voice auto")
		}
	}
	for _, name := range scope.Ports {
		w, c := want.Ports[name], cur.Ports[name]
		if w == nil || c == nil {
			return nil, fmt.Errorf("cisco_sb: port %q not in the configuration", name)
		}
		lines, err := portDiff(c, w)
		if err != nil {
			return nil, err
		}
		if len(lines) > 0 {
			ports = append(ports, "interface "+LongName(name))
			ports = append(ports, lines...)
			ports = append(ports, "exit")
		}
	}
	if len(goneVLANs) > 0 {
		remove = append(remove, "vlan database", "no vlan "+strings.Join(goneVLANs, ","), "exit")
	}
	out := append(create, ports...)
	return append(out, remove...), nil
}

// portDiff returns the interface lines that move c to w. Leaving general
// mode first removes the general memberships, entering it sets them after
// the mode, so the port never carries the voice VLAN in a mode it was not
// planned for.
func portDiff(c, w *drivers.Port) ([]string, error) {
	var out []string
	switch w.Mode {
	case drivers.ModeDefault, drivers.ModeAccess, drivers.ModeTrunk, drivers.ModeGeneral:
	default:
		return nil, fmt.Errorf("%w: cisco_sb: port mode %q", drivers.ErrUnsupported, w.Mode)
	}
	if w.Profile != c.Profile && c.Profile != 0 {
		out = append(out, fmt.Sprintf("lldp med network-policy remove %d", c.Profile))
	}
	modeChange := sbMode(w.Mode) != sbMode(c.Mode)
	if modeChange && c.Mode == drivers.ModeGeneral {
		out = append(out, generalLines(c, &drivers.Port{})...)
	}
	if modeChange && c.Mode == drivers.ModeTrunk && drivers.VLANOrDefault(c.DataVLAN) != 1 {
		out = append(out, "no switchport trunk native vlan")
	}
	if modeChange {
		out = append(out, "switchport mode "+sbMode(w.Mode))
	}
	switch sbMode(w.Mode) {
	case drivers.ModeGeneral:
		from := c
		if modeChange {
			from = &drivers.Port{}
		}
		out = append(out, generalLines(from, w)...)
	case drivers.ModeTrunk:
		if modeChange || drivers.VLANOrDefault(w.DataVLAN) != drivers.VLANOrDefault(c.DataVLAN) {
			out = append(out, fmt.Sprintf("switchport trunk native vlan %d", drivers.VLANOrDefault(w.DataVLAN)))
		}
		var add []string
		for _, v := range withVoice(w) {
			if v != drivers.VLANOrDefault(w.DataVLAN) && (modeChange || !slices.Contains(withVoice(c), v)) {
				add = append(add, strconv.Itoa(v))
			}
		}
		if len(add) > 0 {
			out = append(out, "switchport trunk allowed vlan add "+strings.Join(add, ","))
		}
	default:
		if w.VoiceVLAN != 0 {
			return nil, fmt.Errorf("%w: cisco_sb: a voice VLAN on an access port (use hybrid/general mode)", drivers.ErrUnsupported)
		}
		if modeChange || drivers.VLANOrDefault(w.DataVLAN) != drivers.VLANOrDefault(c.DataVLAN) {
			if drivers.VLANOrDefault(w.DataVLAN) == 1 {
				out = append(out, "no switchport access vlan")
			} else {
				out = append(out, fmt.Sprintf("switchport access vlan %d", w.DataVLAN))
			}
		}
	}
	if w.LLDPTxOff != c.LLDPTxOff {
		out = append(out, drivers.NoPrefix(w.LLDPTxOff)+"lldp transmit")
	}
	if w.LLDPRxOff != c.LLDPRxOff {
		out = append(out, drivers.NoPrefix(w.LLDPRxOff)+"lldp receive")
	}
	if w.Profile != c.Profile && w.Profile != 0 {
		out = append(out, fmt.Sprintf("lldp med network-policy add %d", w.Profile))
	}
	if w.PoEOff != c.PoEOff {
		if w.PoEOff {
			out = append(out, "power inline never")
		} else {
			out = append(out, "power inline auto")
		}
	}
	return out, nil
}

// generalLines moves a general-mode port's PVID and memberships from c to
// w: removals first, then additions, then the PVID.
func generalLines(c, w *drivers.Port) []string {
	var out []string
	cu, wu := untagged(c), untagged(w)
	ct, wt := withVoice(c), withVoice(w)
	var gone []int
	for _, v := range append(slices.Clone(cu), ct...) {
		if !slices.Contains(wu, v) && !slices.Contains(wt, v) && !slices.Contains(gone, v) {
			gone = append(gone, v)
		}
	}
	// A VLAN changing between tagged and untagged is removed and re-added.
	for _, v := range wu {
		if slices.Contains(ct, v) && !slices.Contains(gone, v) {
			gone = append(gone, v)
		}
	}
	for _, v := range wt {
		if slices.Contains(cu, v) && !slices.Contains(gone, v) {
			gone = append(gone, v)
		}
	}
	slices.Sort(gone)
	if drivers.VLANOrDefault(w.DataVLAN) != drivers.VLANOrDefault(c.DataVLAN) && drivers.VLANOrDefault(w.DataVLAN) == 1 {
		out = append(out, "no switchport general pvid")
	}
	if len(gone) > 0 {
		out = append(out, "switchport general allowed vlan remove "+joinInts(gone))
	}
	var addU, addT []int
	for _, v := range wu {
		if !slices.Contains(cu, v) || slices.Contains(gone, v) {
			addU = append(addU, v)
		}
	}
	for _, v := range wt {
		if !slices.Contains(ct, v) || slices.Contains(gone, v) {
			addT = append(addT, v)
		}
	}
	if len(addU) > 0 {
		out = append(out, "switchport general allowed vlan add "+joinInts(addU)+" untagged")
	}
	if drivers.VLANOrDefault(w.DataVLAN) != drivers.VLANOrDefault(c.DataVLAN) && drivers.VLANOrDefault(w.DataVLAN) != 1 {
		out = append(out, fmt.Sprintf("switchport general pvid %d", w.DataVLAN))
	}
	if len(addT) > 0 {
		out = append(out, "switchport general allowed vlan add "+joinInts(addT)+" tagged")
	}
	return out
}

// untagged is a general port's untagged membership: its data VLAN, unless
// that is the default VLAN 1 (which voxlan leaves as SB has it).
func untagged(p *drivers.Port) []int {
	if p.DataVLAN > 1 {
		return []int{p.DataVLAN}
	}
	return nil
}

func withVoice(p *drivers.Port) []int {
	out := slices.Clone(p.TaggedVLANs)
	if p.VoiceVLAN != 0 && !slices.Contains(out, p.VoiceVLAN) {
		out = append(out, p.VoiceVLAN)
	}
	slices.Sort(out)
	return out
}

func sbMode(m string) string {
	if m == drivers.ModeDefault {
		return drivers.ModeAccess
	}
	return m
}

func joinInts(ids []int) string {
	s := make([]string, len(ids))
	for i, v := range ids {
		s[i] = strconv.Itoa(v)
	}
	return strings.Join(s, ",")
}

// managed reports whether an interface line is one the model covers (and
// Sections regenerates).
func managed(sub string) bool {
	for _, p := range []string{"switchport mode", "switchport access vlan", "switchport trunk native vlan",
		"switchport trunk allowed vlan", "switchport general pvid", "switchport general allowed vlan",
		"power inline", "lldp transmit", "lldp receive", "no lldp transmit", "no lldp receive",
		"lldp med network-policy add"} {
		if strings.HasPrefix(sub, p) {
			return true
		}
	}
	return false
}

// Sections implements drivers.Driver: the switch-wide voice/LLDP lines, the
// VLAN and the interface sections of scope, in SB running-config form.
// Lines voxlan does not manage are kept as read; managed lines are
// generated from the model, so a before/after pair differs only where the
// plan changes something.
func (Driver) Sections(cfg *drivers.Config, scope drivers.Scope) []drivers.Section {
	var out []drivers.Section
	if scope.Global {
		lldp := []string{}
		if !cfg.LLDP {
			lldp = append(lldp, "no lldp run")
		}
		if !voiceAuto(cfg) {
			lldp = append(lldp, voiceAutoOff)
		}
		for _, n := range drivers.SortedKeys(cfg.Profiles) {
			if l, err := policyLine(n, cfg.Profiles[n]); err == nil {
				lldp = append(lldp, l)
			}
		}
		out = append(out, drivers.Section{Title: "lldp", Lines: lldp})
		voice := []string{}
		if v := voiceVLAN(cfg); v != 0 {
			voice = append(voice, fmt.Sprintf("voice vlan id %d", v))
		}
		out = append(out, drivers.Section{Title: "voice vlan", Lines: voice})
	}
	for _, id := range scope.VLANs {
		out = append(out, drivers.VLANSection(cfg, id))
	}
	for _, name := range scope.Ports {
		p := cfg.Ports[name]
		if p == nil {
			continue
		}
		title := "interface " + LongName(name)
		lines := drivers.UnmanagedLines(cfg, title, managed)
		gen, _ := portDiff(&drivers.Port{}, p)
		for _, l := range gen {
			if !strings.HasPrefix(l, "no ") || strings.HasPrefix(l, "no lldp") {
				lines = append(lines, " "+l)
			}
		}
		out = append(out, drivers.Section{Title: title, Lines: lines})
	}
	return out
}
