package cisco_ios

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// Want implements drivers.Driver. A hybrid port is an access port with a
// voice VLAN on IOS; an LLDP-MED policy becomes a network-policy profile,
// reusing one with the same content.
func (Driver) Want(cur *drivers.Config, changes []audit.Change) (*drivers.Config, drivers.Scope, error) {
	want, scope, err := drivers.ApplyChanges(cur, drivers.RenamePorts(changes, ShortName), drivers.ModeAccess)
	if err != nil {
		return nil, scope, err
	}
	// A hybrid port on IOS is an access port whose one tagged VLAN is the
	// voice VLAN.
	for _, name := range scope.Ports {
		p := want.Ports[name]
		if p.Mode != drivers.ModeAccess || len(p.TaggedVLANs) == 0 {
			continue
		}
		tagged := slices.DeleteFunc(slices.Clone(p.TaggedVLANs), func(v int) bool { return v == p.VoiceVLAN })
		switch {
		case len(tagged) == 0:
		case len(tagged) == 1 && p.VoiceVLAN == 0:
			p.VoiceVLAN = tagged[0]
		default:
			return nil, scope, fmt.Errorf("%w: cisco_ios: %s: an access port carries one tagged VLAN (the voice VLAN), asked for %v", drivers.ErrUnsupported, name, p.TaggedVLANs)
		}
		p.TaggedVLANs = nil
	}
	// IOS has no voice flag on a VLAN: the voice VLAN is a port setting.
	for _, id := range scope.VLANs {
		if v, ok := want.VLANs[id]; ok {
			v.Voice = false
			want.VLANs[id] = v
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
		p.Profile = profileFor(want, *p.MED)
	}
	return want, scope, nil
}

func profileFor(cfg *drivers.Config, pol audit.MEDPolicy) int {
	for _, n := range drivers.SortedKeys(cfg.Profiles) {
		if cfg.Profiles[n] == pol {
			return n
		}
	}
	n := 1
	for {
		if _, used := cfg.Profiles[n]; !used {
			cfg.Profiles[n] = pol
			return n
		}
		n++
	}
}

// Render implements drivers.Driver. Order: what ports will use (VLANs,
// LLDP, profiles) first, then ports, then removals, so a rollback never
// removes something a port still refers to.
func (Driver) Render(cur, want *drivers.Config, scope drivers.Scope) ([]string, error) {
	var create, ports, remove []string
	for _, id := range scope.VLANs {
		w, wok := want.VLANs[id]
		c, cok := cur.VLANs[id]
		switch {
		case wok && (!cok || (w.Name != "" && w.Name != c.Name)):
			create = append(create, "vlan "+strconv.Itoa(id))
			if w.Name != "" {
				create = append(create, "name "+w.Name)
			}
			create = append(create, "exit")
		case !wok && cok:
			remove = append(remove, "no vlan "+strconv.Itoa(id))
		}
	}
	if scope.Global {
		if want.LLDP && !cur.LLDP {
			create = append(create, "lldp run")
		} else if !want.LLDP && cur.LLDP {
			remove = append(remove, "no lldp run")
		}
		keys := drivers.SortedKeys(want.Profiles)
		for _, n := range drivers.SortedKeys(cur.Profiles) {
			if !slices.Contains(keys, n) {
				remove = append(remove, fmt.Sprintf("no network-policy profile %d", n))
			}
		}
		for _, n := range keys {
			w := want.Profiles[n]
			if c, ok := cur.Profiles[n]; ok && c == w {
				continue
			}
			kw := "voice"
			if w.Application == "voiceSignaling" {
				kw = "voice-signaling"
			} else if w.Application != "voice" {
				return nil, fmt.Errorf("%w: cisco_ios: LLDP-MED application %q (voice and voiceSignaling only)", drivers.ErrUnsupported, w.Application)
			}
			if !w.Tagged {
				return nil, fmt.Errorf("%w: cisco_ios: untagged LLDP-MED policy (network-policy profiles advertise a tagged VLAN)", drivers.ErrUnsupported)
			}
			create = append(create, fmt.Sprintf("network-policy profile %d", n),
				fmt.Sprintf("%s vlan %d cos %d", kw, w.VLAN, w.Priority),
				fmt.Sprintf("%s vlan %d dscp %d", kw, w.VLAN, w.DSCP), "exit")
		}
	}
	for _, name := range scope.Ports {
		w, c := want.Ports[name], cur.Ports[name]
		if w == nil || c == nil {
			return nil, fmt.Errorf("cisco_ios: port %q not in the configuration", name)
		}
		lines, err := portLines(c, w)
		if err != nil {
			return nil, err
		}
		if len(lines) > 0 {
			ports = append(ports, "interface "+LongName(name))
			ports = append(ports, lines...)
		}
	}
	if len(ports) > 0 {
		ports = append(ports, "exit")
	}
	out := append(create, ports...)
	return append(out, remove...), nil
}

func portLines(c, w *drivers.Port) ([]string, error) {
	var out []string
	if w.Mode != c.Mode {
		switch w.Mode {
		case drivers.ModeDefault:
			out = append(out, "no switchport mode")
		case drivers.ModeAccess, drivers.ModeTrunk:
			out = append(out, "switchport mode "+w.Mode)
		default:
			return nil, fmt.Errorf("%w: cisco_ios: port mode %q", drivers.ErrUnsupported, w.Mode)
		}
	}
	if w.Mode == drivers.ModeTrunk {
		if drivers.VLANOrDefault(w.DataVLAN) != drivers.VLANOrDefault(c.DataVLAN) || c.Mode != drivers.ModeTrunk {
			out = append(out, fmt.Sprintf("switchport trunk native vlan %d", drivers.VLANOrDefault(w.DataVLAN)))
		}
		var add []string
		for _, v := range w.TaggedVLANs {
			if !slices.Contains(c.TaggedVLANs, v) {
				add = append(add, strconv.Itoa(v))
			}
		}
		if len(add) > 0 {
			out = append(out, "switchport trunk allowed vlan add "+strings.Join(add, ","))
		}
	} else if drivers.VLANOrDefault(w.DataVLAN) != drivers.VLANOrDefault(c.DataVLAN) {
		if drivers.VLANOrDefault(w.DataVLAN) == 1 {
			out = append(out, "no switchport access vlan")
		} else {
			out = append(out, fmt.Sprintf("switchport access vlan %d", w.DataVLAN))
		}
	}
	if w.VoiceVLAN != c.VoiceVLAN {
		if w.VoiceVLAN == 0 {
			out = append(out, "no switchport voice vlan")
		} else {
			out = append(out, fmt.Sprintf("switchport voice vlan %d", w.VoiceVLAN))
		}
	}
	if w.LLDPTxOff != c.LLDPTxOff {
		out = append(out, drivers.NoPrefix(w.LLDPTxOff)+"lldp transmit")
	}
	if w.LLDPRxOff != c.LLDPRxOff {
		out = append(out, drivers.NoPrefix(w.LLDPRxOff)+"lldp receive")
	}
	if w.Profile != c.Profile {
		if w.Profile == 0 {
			out = append(out, "no network-policy")
		} else {
			out = append(out, fmt.Sprintf("network-policy %d", w.Profile))
		}
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

// managed reports whether an interface line is one ParseConfig reads into
// the model (and Sections regenerates from it).
func managed(sub string) bool {
	for _, p := range []string{"switchport mode", "switchport access vlan", "switchport voice vlan",
		"switchport trunk native vlan", "switchport trunk allowed vlan", "power inline",
		"lldp transmit", "lldp receive", "no lldp transmit", "no lldp receive", "network-policy "} {
		if strings.HasPrefix(sub, p) {
			return true
		}
	}
	return false
}

// Sections implements drivers.Driver: the VLAN, profile and interface
// sections of scope, in IOS running-config form. Lines voxlan does not
// manage are kept as read; managed lines are generated from the model, so
// a before/after pair differs only where the plan changes something.
func (Driver) Sections(cfg *drivers.Config, scope drivers.Scope) []drivers.Section {
	var out []drivers.Section
	if scope.Global {
		lldp := "no lldp run"
		if cfg.LLDP {
			lldp = "lldp run"
		}
		out = append(out, drivers.Section{Title: "lldp", Lines: []string{lldp}})
		for _, n := range drivers.SortedKeys(cfg.Profiles) {
			p := cfg.Profiles[n]
			kw := "voice"
			if p.Application == "voiceSignaling" {
				kw = "voice-signaling"
			}
			out = append(out, drivers.Section{Title: fmt.Sprintf("network-policy profile %d", n), Lines: []string{
				fmt.Sprintf(" %s vlan %d cos %d", kw, p.VLAN, p.Priority),
				fmt.Sprintf(" %s vlan %d dscp %d", kw, p.VLAN, p.DSCP)}})
		}
	}
	for _, id := range scope.VLANs {
		out = append(out, drivers.VLANSection(cfg, id))
	}
	for _, name := range scope.Ports {
		p := cfg.Ports[name]
		title := "interface " + LongName(name)
		if p == nil {
			continue
		}
		lines := drivers.UnmanagedLines(cfg, title, managed)
		gen, _ := portLines(&drivers.Port{}, p)
		for _, l := range gen {
			if !strings.HasPrefix(l, "no switchport") {
				lines = append(lines, " "+l)
			}
		}
		out = append(out, drivers.Section{Title: title, Lines: lines})
	}
	return out
}
