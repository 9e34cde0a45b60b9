package aruba_aoss

import (
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// Want implements drivers.Driver. A phone port is untagged in the data VLAN
// and tagged in the voice VLAN; the voice VLAN carries the `voice` flag,
// and the LLDP-MED policy is the one AOS-S derives from it, so a requested
// policy must name the port's voice VLAN and becomes that VLAN's QoS.
func (d Driver) Want(cur *drivers.Config, changes []audit.Change) (*drivers.Config, drivers.Scope, error) {
	want, scope, err := drivers.ApplyChanges(cur, drivers.RenamePorts(changes, d.CanonicalPort), drivers.ModeAccess)
	if err != nil {
		return nil, scope, err
	}
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
		m := *p.MED
		if m.Application != "voice" || !m.Tagged || m.VLAN != p.VoiceVLAN {
			return nil, scope, fmt.Errorf("%w: aruba_aoss: port %s: AOS-S advertises the voice VLAN's own policy (voice, tagged, VLAN %d); %s VLAN %d tagged=%t cannot be set",
				drivers.ErrUnsupported, name, p.VoiceVLAN, m.Application, m.VLAN, m.Tagged)
		}
		if m.Priority < 0 || m.Priority > 7 || m.DSCP < 0 || m.DSCP > 63 {
			return nil, scope, fmt.Errorf("aruba_aoss: port %s: priority %d / DSCP %d out of range", name, m.Priority, m.DSCP)
		}
		if c, ok := cur.Profiles[m.VLAN]; ok && c != m {
			// The policy is the VLAN's QoS: changing it changes every
			// port that advertises it.
			var others []string
			for _, o := range cur.PortOrder {
				if op := cur.Ports[o]; !scope.HasPort(o) && op.MED != nil && op.VoiceVLAN == m.VLAN {
					others = append(others, o)
				}
			}
			if len(others) > 0 {
				return nil, scope, fmt.Errorf("aruba_aoss: port %s: VLAN %d's policy is priority %d DSCP %d; priority %d DSCP %d would also change it on ports %s, which the plan does not name",
					name, m.VLAN, c.Priority, c.DSCP, m.Priority, m.DSCP, FormatPortList(others))
			}
		}
		want.Profiles[m.VLAN] = m
		off = slices.DeleteFunc(off, func(s string) bool { return s == name })
		if !want.LLDP {
			want.LLDP = true
			scope.Global = true
		}
	}
	want.Raw[medOffKey] = off
	// A new voice flag makes the VLAN the voice VLAN of every access port
	// tagged in it: those the plan does not name must not change.
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
			return nil, scope, fmt.Errorf("aruba_aoss: the voice flag on VLAN %d would make it the voice VLAN of ports %s too, which the plan does not name; add them to the plan or take them out of VLAN %d",
				id, FormatPortList(others), id)
		}
	}
	derive(want)
	return want, scope, nil
}

// Render implements drivers.Driver. Order: VLAN definitions (name, voice
// flag, QoS) and `lldp run` first, then membership per VLAN and per-port
// settings, then removals, so a rollback never removes a VLAN a port still
// needs. Membership is written per VLAN, for the scope's ports only: the
// lists of ports outside the plan are never rewritten.
func (Driver) Render(cur, want *drivers.Config, scope drivers.Scope) ([]string, error) {
	var create, ports, remove []string
	for _, id := range scope.VLANs {
		w, wok := want.VLANs[id]
		c, cok := cur.VLANs[id]
		if !wok {
			if cok {
				if id == 1 {
					return nil, fmt.Errorf("aruba_aoss: the default VLAN 1 cannot be removed")
				}
				remove = append(remove, "no vlan "+strconv.Itoa(id))
			}
			continue
		}
		var body []string
		if w.Name != "" && w.Name != c.Name {
			body = append(body, "name "+quote(w.Name))
		}
		if w.Voice && !c.Voice {
			body = append(body, "voice")
		} else if !w.Voice && c.Voice && cok {
			body = append(body, "no voice")
		}
		if w.Voice {
			wp, cp := want.Profiles[id], cur.Profiles[id]
			if !c.Voice {
				cp = audit.MEDPolicy{}
			}
			if wp.Priority != cp.Priority {
				if wp.Priority == 0 {
					body = append(body, "no qos priority")
				} else {
					body = append(body, "qos priority "+strconv.Itoa(wp.Priority))
				}
			}
			if wp.DSCP != cp.DSCP {
				if wp.DSCP == 0 {
					body = append(body, "no qos dscp")
				} else {
					body = append(body, "qos dscp "+formatDSCP(wp.DSCP))
				}
			}
		}
		if len(body) > 0 || !cok {
			create = append(create, "vlan "+strconv.Itoa(id))
			create = append(create, body...)
			create = append(create, "exit")
		}
	}
	if scope.Global {
		if want.LLDP && !cur.LLDP {
			create = append(create, "lldp run")
		} else if !want.LLDP && cur.LLDP {
			remove = append(remove, "no lldp run")
		}
	}

	// Membership: per VLAN, which scope ports join or leave it.
	type change struct{ noTagged, untagged, tagged, noUntagged []string }
	byVLAN := map[int]*change{}
	at := func(v int) *change {
		if byVLAN[v] == nil {
			byVLAN[v] = &change{}
		}
		return byVLAN[v]
	}
	// Per-port settings, grouped by line so ports sharing one become one
	// AOS-S port list ("interface 1-3 power-over-ethernet").
	perPort := map[string][]string{}
	var perPortOrder []string
	addPortLine := func(format, port string) {
		if _, ok := perPort[format]; !ok {
			perPortOrder = append(perPortOrder, format)
		}
		perPort[format] = append(perPort[format], port)
	}
	curOff, wantOff := drivers.StringSet(cur.Raw[medOffKey]), drivers.StringSet(want.Raw[medOffKey])
	for _, name := range scope.Ports {
		w, c := want.Ports[name], cur.Ports[name]
		if w == nil || c == nil {
			return nil, fmt.Errorf("aruba_aoss: port %q not in the configuration", name)
		}
		wt, ct := taggedSet(w), taggedSet(c)
		if w.DataVLAN != c.DataVLAN {
			if w.DataVLAN != 0 {
				// Untagged in a new VLAN moves the port out of its old one.
				at(w.DataVLAN).untagged = append(at(w.DataVLAN).untagged, name)
			} else {
				at(c.DataVLAN).noUntagged = append(at(c.DataVLAN).noUntagged, name)
			}
		}
		for _, v := range sortedSet(ct) {
			if !wt[v] && v != w.DataVLAN {
				at(v).noTagged = append(at(v).noTagged, name)
			}
		}
		for _, v := range sortedSet(wt) {
			if !ct[v] {
				at(v).tagged = append(at(v).tagged, name)
			}
		}
		if w.LLDPTxOff != c.LLDPTxOff || w.LLDPRxOff != c.LLDPRxOff {
			addPortLine("lldp admin-status %s "+drivers.LLDPWord(w, "tx_rx", "txonly", "rxonly", "disable"), name)
		}
		if curOff[name] && !wantOff[name] {
			addPortLine("lldp config %s medTlvEnable network-policy", name)
		} else if !curOff[name] && wantOff[name] {
			addPortLine("no lldp config %s medTlvEnable network-policy", name)
		}
		if w.PoEOff != c.PoEOff {
			if w.PoEOff {
				addPortLine("no interface %s power-over-ethernet", name)
			} else {
				addPortLine("interface %s power-over-ethernet", name)
			}
		}
	}
	ids := make([]int, 0, len(byVLAN))
	for id := range byVLAN {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	for _, id := range ids {
		ch := byVLAN[id]
		ports = append(ports, "vlan "+strconv.Itoa(id))
		for _, l := range []struct {
			kw    string
			ports []string
		}{{"no tagged", ch.noTagged}, {"untagged", ch.untagged}, {"tagged", ch.tagged}, {"no untagged", ch.noUntagged}} {
			if len(l.ports) > 0 {
				ports = append(ports, l.kw+" "+FormatPortList(l.ports))
			}
		}
		ports = append(ports, "exit")
	}
	for _, f := range perPortOrder {
		ports = append(ports, fmt.Sprintf(f, FormatPortList(perPort[f])))
	}
	out := append(create, ports...)
	return append(out, remove...), nil
}

func taggedSet(p *drivers.Port) map[int]bool {
	s := map[int]bool{}
	for _, v := range p.TaggedVLANs {
		s[v] = true
	}
	if p.VoiceVLAN != 0 {
		s[p.VoiceVLAN] = true
	}
	return s
}

func sortedSet(s map[int]bool) []int {
	out := make([]int, 0, len(s))
	for v := range s {
		out = append(out, v)
	}
	sort.Ints(out)
	return out
}

// Sections implements drivers.Driver: the scope's VLAN contexts (with the
// whole membership lists, so a diff shows the ports that join or leave),
// its interface contexts and the LLDP lines, in AOS-S running-config form.
func (Driver) Sections(cfg *drivers.Config, scope drivers.Scope) []drivers.Section {
	var out []drivers.Section
	if scope.Global {
		out = append(out, drivers.LLDPSection(cfg.LLDP, "lldp run", "no lldp run"))
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
			lines = append(lines, "   name "+strconv.Quote(v.Name))
		}
		var untagged, tagged []string
		for _, name := range cfg.PortOrder {
			p := cfg.Ports[name]
			if p.DataVLAN == id {
				untagged = append(untagged, name)
			}
			if taggedSet(p)[id] {
				tagged = append(tagged, name)
			}
		}
		if len(untagged) > 0 {
			lines = append(lines, "   untagged "+FormatPortList(untagged))
		}
		if len(tagged) > 0 {
			lines = append(lines, "   tagged "+FormatPortList(tagged))
		}
		lines = append(lines, cfg.Raw[title]...)
		if v.Voice {
			pol := cfg.Profiles[id]
			if pol.Priority != 0 {
				lines = append(lines, "   qos priority "+strconv.Itoa(pol.Priority))
			}
			if pol.DSCP != 0 {
				lines = append(lines, "   qos dscp "+formatDSCP(pol.DSCP))
			}
			lines = append(lines, "   voice")
		}
		out = append(out, drivers.Section{Title: title, Lines: lines})
	}
	off := drivers.StringSet(cfg.Raw[medOffKey])
	for _, name := range scope.Ports {
		p := cfg.Ports[name]
		if p == nil {
			continue
		}
		title := "interface " + name
		lines := slices.Clone(cfg.Raw[title])
		if p.Shutdown {
			lines = append(lines, "   disable")
		}
		if p.PoEOff {
			lines = append(lines, "   no power-over-ethernet")
		}
		if p.LLDPTxOff || p.LLDPRxOff {
			lines = append(lines, "   (lldp admin-status "+drivers.LLDPWord(p, "tx_rx", "txonly", "rxonly", "disable")+")")
		}
		if off[name] {
			lines = append(lines, "   (no lldp config medTlvEnable network-policy)")
		}
		if lines == nil {
			lines = []string{}
		}
		out = append(out, drivers.Section{Title: title, Lines: lines})
	}
	return out
}
