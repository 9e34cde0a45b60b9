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

// Want implements drivers.Driver. A phone port is a trunk with the data VLAN
// native (untagged) and the voice VLAN allowed (tagged); the voice VLAN
// carries the `voice` flag and the LLDP-MED policy is the one AOS-CX
// derives from it, so a requested policy must be voice, tagged, on the
// port's voice VLAN, with AOS-CX's voice QoS (priority 5, DSCP 46).
func (d Driver) Want(cur *drivers.Config, changes []audit.Change) (*drivers.Config, drivers.Scope, error) {
	want, scope, err := drivers.ApplyChanges(cur, drivers.RenamePorts(changes, d.CanonicalPort), drivers.ModeAccess)
	if err != nil {
		return nil, scope, err
	}
	routed, nativeTag := drivers.StringSet(cur.Raw[routedKey]), drivers.StringSet(cur.Raw[nativeTagKey])
	addVLAN := func(id int) {
		if _, ok := want.VLANs[id]; !ok {
			want.VLANs[id] = drivers.VLAN{ID: id}
		}
		if !slices.Contains(scope.VLANs, id) {
			scope.VLANs = append(scope.VLANs, id)
			sort.Ints(scope.VLANs)
		}
	}
	off := want.Raw[medOffKey]
	for _, name := range scope.Ports {
		p := want.Ports[name]
		switch {
		case routed[name]:
			return nil, scope, fmt.Errorf("%w: aruba_aoscx: port %s is a routed port (`routing` or an IP address); make it a layer 2 port (`no routing`) first",
				drivers.ErrUnsupported, name)
		case nativeTag[name]:
			return nil, scope, fmt.Errorf("%w: aruba_aoscx: port %s tags its native VLAN (`vlan trunk native ... tag`); voxlan does not change such ports",
				drivers.ErrUnsupported, name)
		}
		if p.DataVLAN != 0 {
			addVLAN(p.DataVLAN)
		}
		for _, v := range p.TaggedVLANs {
			addVLAN(v)
		}
		if p.VoiceVLAN != 0 {
			addVLAN(p.VoiceVLAN)
			v := want.VLANs[p.VoiceVLAN]
			v.Voice = true
			want.VLANs[p.VoiceVLAN] = v
		}
		if p.MED == nil {
			continue
		}
		if m := *p.MED; m != voicePolicy(p.VoiceVLAN) {
			return nil, scope, fmt.Errorf("%w: aruba_aoscx: port %s: AOS-CX advertises the voice VLAN's own policy (voice, VLAN %d tagged, priority %d, DSCP %d); %s VLAN %d tagged=%t priority %d DSCP %d cannot be set",
				drivers.ErrUnsupported, name, p.VoiceVLAN, voicePriority, voiceDSCP, m.Application, m.VLAN, m.Tagged, m.Priority, m.DSCP)
		}
		off = slices.DeleteFunc(off, func(s string) bool { return s == name })
		if !want.LLDP {
			want.LLDP = true
			scope.Global = true
		}
	}
	want.Raw[medOffKey] = off
	// A new voice flag makes the VLAN the voice VLAN of every phone-form
	// port tagged in it alone: those the plan does not name must not change.
	for _, id := range scope.VLANs {
		if !want.VLANs[id].Voice || cur.VLANs[id].Voice {
			continue
		}
		var others []string
		for _, o := range cur.PortOrder {
			if op := cur.Ports[o]; !scope.HasPort(o) && op.VoiceVLAN == 0 && slices.Equal(op.TaggedVLANs, []int{id}) {
				others = append(others, o)
			}
		}
		if len(others) > 0 {
			return nil, scope, fmt.Errorf("aruba_aoscx: the voice flag on VLAN %d would make it the voice VLAN of ports %s too, which the plan does not name; add them to the plan or take them out of VLAN %d",
				id, strings.Join(others, ","), id)
		}
	}
	derive(want)
	return want, scope, nil
}

// Render implements drivers.Driver. Order: VLAN definitions (name, voice
// flag) and `lldp` first, then one interface context per changed port,
// then removals, so a rollback never removes a VLAN a port still needs.
// `vlan trunk allowed` adds to a trunk's list and `no vlan trunk allowed`
// takes from it, so only the difference is sent.
func (Driver) Render(cur, want *drivers.Config, scope drivers.Scope) ([]string, error) {
	var create, ports, remove []string
	for _, id := range scope.VLANs {
		w, wok := want.VLANs[id]
		c, cok := cur.VLANs[id]
		if !wok {
			if cok {
				if id == 1 {
					return nil, fmt.Errorf("aruba_aoscx: the default VLAN 1 cannot be removed")
				}
				remove = append(remove, "no vlan "+strconv.Itoa(id))
			}
			continue
		}
		var body []string
		if w.Name != "" && w.Name != c.Name {
			body = append(body, "name "+w.Name)
		}
		if w.Voice && !c.Voice {
			body = append(body, "voice")
		} else if !w.Voice && c.Voice && cok {
			body = append(body, "no voice")
		}
		if len(body) > 0 || !cok {
			create = append(create, "vlan "+strconv.Itoa(id))
			create = append(create, body...)
			create = append(create, "exit")
		}
	}
	if scope.Global {
		if want.LLDP && !cur.LLDP {
			create = append(create, "lldp")
		} else if !want.LLDP && cur.LLDP {
			remove = append(remove, "no lldp")
		}
	}
	curOff, wantOff := drivers.StringSet(cur.Raw[medOffKey]), drivers.StringSet(want.Raw[medOffKey])
	for _, name := range scope.Ports {
		w, c := want.Ports[name], cur.Ports[name]
		if w == nil || c == nil {
			return nil, fmt.Errorf("aruba_aoscx: port %q not in the configuration", name)
		}
		body := vlanLines(c, w)
		for _, t := range []struct {
			c, w bool
			line string
		}{
			{c.PoEOff, w.PoEOff, "power-over-ethernet"},
			{c.LLDPTxOff, w.LLDPTxOff, "lldp transmit"},
			{c.LLDPRxOff, w.LLDPRxOff, "lldp receive"},
			{curOff[name], wantOff[name], "lldp med network-policy"},
		} {
			if t.c != t.w {
				body = append(body, drivers.NoPrefix(t.w)+t.line)
			}
		}
		if len(body) > 0 {
			ports = append(ports, "interface "+name)
			ports = append(ports, body...)
			ports = append(ports, "exit")
		}
	}
	out := append(create, ports...)
	return append(out, remove...), nil
}

// vlanLines move a port's VLAN membership from c to w.
func vlanLines(c, w *drivers.Port) []string {
	if c.Mode == w.Mode && c.DataVLAN == w.DataVLAN && c.VoiceVLAN == w.VoiceVLAN && slices.Equal(c.TaggedVLANs, w.TaggedVLANs) {
		return nil
	}
	if !trunkForm(w) {
		// `vlan access` turns a trunk back into an access port.
		return []string{"vlan access " + strconv.Itoa(drivers.VLANOrDefault(w.DataVLAN))}
	}
	var out []string
	native := drivers.VLANOrDefault(w.DataVLAN)
	if !trunkForm(c) || drivers.VLANOrDefault(c.DataVLAN) != native {
		out = append(out, "vlan trunk native "+strconv.Itoa(native))
	}
	if allowsAll(w) {
		return append(out, "vlan trunk allowed all")
	}
	have := allowed(c)
	if !trunkForm(c) || len(out) > 0 {
		// A new trunk, or a new native VLAN: list every VLAN, the native
		// one included.
		have = nil
	}
	if allowsAll(c) {
		out = append(out, "no vlan trunk allowed all")
		have = nil
	}
	want := allowed(w)
	var add, del []int
	for _, v := range want {
		if !slices.Contains(have, v) {
			add = append(add, v)
		}
	}
	for _, v := range have {
		if !slices.Contains(want, v) {
			del = append(del, v)
		}
	}
	if len(del) > 0 {
		out = append(out, "no vlan trunk allowed "+drivers.FormatVLANList(del))
	}
	if len(add) > 0 {
		out = append(out, "vlan trunk allowed "+drivers.FormatVLANList(add))
	}
	return out
}

// Sections implements drivers.Driver: the LLDP line, the scope's VLAN
// contexts and interface contexts in AOS-CX running-config form, with the
// lines voxlan does not manage as read.
func (Driver) Sections(cfg *drivers.Config, scope drivers.Scope) []drivers.Section {
	var out []drivers.Section
	if scope.Global {
		out = append(out, drivers.LLDPSection(cfg.LLDP, "lldp", "no lldp"))
	}
	for _, id := range scope.VLANs {
		title := "vlan " + strconv.Itoa(id)
		v, ok := cfg.VLANs[id]
		if !ok {
			out = append(out, drivers.Section{Title: title})
			continue
		}
		lines := []string{}
		if v.Name != "" {
			lines = append(lines, "    name "+v.Name)
		}
		lines = append(lines, cfg.Raw[title]...)
		if v.Voice {
			lines = append(lines, "    voice")
		}
		out = append(out, drivers.Section{Title: title, Lines: lines})
	}
	off := drivers.StringSet(cfg.Raw[medOffKey])
	for _, name := range scope.Ports {
		p := cfg.Ports[name]
		if p == nil {
			continue
		}
		out = append(out, drivers.PortSection(cfg, name, "    ", portLines(p, off[name])))
	}
	return out
}

// CanonicalPort implements the optional port-name hook of drivers/apply:
// AOS-CX names ports "1/1/5"; "Ethernet1/1/5" and "ethernet 1/1/5" as some
// tools write them become "1/1/5", "lag 1" becomes "lag1".
func (Driver) CanonicalPort(name string) string {
	n := strings.TrimSpace(name)
	for _, p := range []string{"ethernet", "Ethernet", "interface"} {
		n = strings.TrimSpace(strings.TrimPrefix(n, p))
	}
	if rest, ok := strings.CutPrefix(n, "lag "); ok {
		return "lag" + strings.TrimSpace(rest)
	}
	return n
}
