package huawei_vrp

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// Want implements drivers.Driver. A phone port is hybrid (PVID and
// untagged data VLAN, tagged voice VLAN) with `voice-vlan V enable`; VRP
// advertises the LLDP-MED policy configured on the port, so any voice,
// tagged policy can be set.
func (d Driver) Want(cur *drivers.Config, changes []audit.Change) (*drivers.Config, drivers.Scope, error) {
	want, scope, err := drivers.ApplyChanges(cur, drivers.RenamePorts(changes, d.CanonicalPort), drivers.ModeGeneral)
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
	for _, name := range scope.Ports {
		p := want.Ports[name]
		if slices.Contains(cur.Raw[oddKey], name) {
			return nil, scope, fmt.Errorf("%w: huawei_vrp: port %s is hybrid with untagged VLANs besides its PVID; voxlan does not change such ports",
				drivers.ErrUnsupported, name)
		}
		if p.DataVLAN != 0 {
			addVLAN(p.DataVLAN)
		}
		for _, v := range drivers.TaggedWithVoice(p) {
			addVLAN(v)
		}
		delete(want.Raw, enabledKey+name)
		if p.VoiceVLAN != 0 {
			want.Raw[enabledKey+name] = []string{strconv.Itoa(p.VoiceVLAN)}
		}
		if p.MED == nil {
			continue
		}
		if m := *p.MED; m.Application != "voice" || !m.Tagged || m.Priority < 0 || m.Priority > 7 || m.DSCP < 0 || m.DSCP > 63 {
			return nil, scope, fmt.Errorf("%w: huawei_vrp: port %s: VRP's network-policy TLV carries a tagged voice VLAN with cos 0-7 and dscp 0-63; %s VLAN %d tagged=%t priority %d DSCP %d cannot be set",
				drivers.ErrUnsupported, name, m.Application, m.VLAN, m.Tagged, m.Priority, m.DSCP)
		}
		if !want.LLDP {
			want.LLDP = true
			scope.Global = true
		}
	}
	markVoiceVLANs(want)
	return want, scope, nil
}

// Render implements drivers.Driver, in system view: `vlan batch` and named
// VLANs and `lldp enable` first, then one interface view per changed port,
// then removals (`undo vlan batch`).
func (Driver) Render(cur, want *drivers.Config, scope drivers.Scope) ([]string, error) {
	var create, named, ports, remove []string
	var add, del []int
	for _, id := range scope.VLANs {
		w, wok := want.VLANs[id]
		c, cok := cur.VLANs[id]
		switch {
		case !wok && cok:
			if id == 1 {
				return nil, fmt.Errorf("huawei_vrp: the default VLAN 1 cannot be removed")
			}
			del = append(del, id)
		case wok && !cok:
			add = append(add, id)
		}
		if wok && w.Name != "" && w.Name != c.Name {
			named = append(named, "vlan "+strconv.Itoa(id), "name "+w.Name, "quit")
		}
	}
	if len(add) > 0 {
		create = append(create, "vlan batch "+drivers.FormatVLANWords(add))
	}
	create = append(create, named...)
	if len(del) > 0 {
		remove = append(remove, "undo vlan batch "+drivers.FormatVLANWords(del))
	}
	if scope.Global {
		if want.LLDP && !cur.LLDP {
			create = append(create, "lldp enable")
		} else if !want.LLDP && cur.LLDP {
			remove = append(remove, "undo lldp enable")
		}
	}
	for _, name := range scope.Ports {
		if want.Ports[name] == nil || cur.Ports[name] == nil {
			return nil, fmt.Errorf("huawei_vrp: port %q not in the configuration", name)
		}
		if body := portLines(name, cur, want); len(body) > 0 {
			ports = append(ports, "interface "+name)
			ports = append(ports, body...)
			ports = append(ports, "quit")
		}
	}
	out := append(create, ports...)
	return append(out, remove...), nil
}

// portLines move one port from its state in cur to its state in want.
func portLines(name string, cur, want *drivers.Config) []string {
	c, w := cur.Ports[name], want.Ports[name]
	var out []string
	cOn, wOn := strings.Join(cur.Raw[enabledKey+name], ""), strings.Join(want.Raw[enabledKey+name], "")
	same := c.Mode == w.Mode && c.DataVLAN == w.DataVLAN && slices.Equal(drivers.TaggedWithVoice(c), drivers.TaggedWithVoice(w))
	if cOn != "" && (cOn != wOn || !same) {
		out = append(out, "undo voice-vlan enable")
	}
	if !same {
		out = append(out, vlanLines(c, w)...)
	}
	if wOn != "" && (cOn != wOn || !same) {
		out = append(out, "voice-vlan "+wOn+" enable")
	}
	if medLine(c.MED) != medLine(w.MED) {
		if w.MED == nil {
			out = append(out, "undo lldp tlv-enable med-tlv network-policy")
		} else {
			out = append(out, medLine(w.MED))
		}
	}
	if c.LLDPTxOff != w.LLDPTxOff || c.LLDPRxOff != w.LLDPRxOff {
		out = append(out, "lldp admin-status "+drivers.LLDPWord(w, "txrx", "tx", "rx", "disable"))
	}
	if c.PoEOff != w.PoEOff {
		out = append(out, map[bool]string{true: "undo poe enable", false: "poe enable"}[w.PoEOff])
	}
	return out
}

func medLine(m *audit.MEDPolicy) string {
	if m == nil {
		return ""
	}
	return fmt.Sprintf("lldp tlv-enable med-tlv network-policy voice-vlan vlan %d cos %d dscp %d", m.VLAN, m.Priority, m.DSCP)
}

var kinds = map[string]string{drivers.ModeTrunk: "trunk", drivers.ModeGeneral: "hybrid", drivers.ModeAccess: "access"}

// vlanLines move a port's link type and VLANs from c to w. VRP changes a
// link type only from its default VLAN settings ("Error: Please renew the
// default configurations."), so the old type's VLANs go back to default
// first; the new type starts from its defaults (VLAN 1 untagged or allowed,
// PVID 1).
//
// The reset does not rely on the model of the old state (a half-applied
// change can leave a hybrid port untagged in a VLAN that is not its PVID,
// which the model does not hold): it clears every VLAN ("all") and sets
// the defaults back.
func vlanLines(c, w *drivers.Port) []string {
	from := membershipOf(c)
	var out []string
	if c.Mode != w.Mode {
		switch kinds[c.Mode] {
		case "trunk":
			out = append(out, "undo port trunk allow-pass vlan all", "port trunk allow-pass vlan 1", "undo port trunk pvid vlan")
		case "hybrid":
			out = append(out, "undo port hybrid vlan all", "port hybrid untagged vlan 1", "undo port hybrid pvid vlan")
		default:
			out = append(out, "undo port default vlan")
		}
		out = append(out, "port link-type "+kinds[w.Mode])
		from = defaultMembership(kinds[w.Mode])
	}
	return append(out, moveLines(kinds[w.Mode], from, membershipOf(w))...)
}

// membershipOf is the model port as VRP membership.
func membershipOf(p *drivers.Port) membership {
	data := drivers.VLANOrDefault(p.DataVLAN)
	switch p.Mode {
	case drivers.ModeTrunk:
		return membership{linkType: "trunk", pvid: data, allow: append([]int{data}, drivers.TaggedWithVoice(p)...)}
	case drivers.ModeGeneral:
		return membership{linkType: "hybrid", pvid: data, untag: []int{data}, tag: drivers.TaggedWithVoice(p)}
	}
	return membership{linkType: "access", access: data}
}

func defaultMembership(kind string) membership {
	m := membership{linkType: kind, access: 1}
	m.defaults()
	return m
}

// moveLines are the lines from membership a to b of one link type.
func moveLines(kind string, a, b membership) []string {
	var out []string
	list := func(ids []int) string { return drivers.FormatVLANWords(ids) }
	switch kind {
	case "trunk":
		if d := drivers.Without(a.allow, b.allow...); len(d) > 0 {
			out = append(out, "undo port trunk allow-pass vlan "+list(d))
		}
		if d := drivers.Without(b.allow, a.allow...); len(d) > 0 {
			out = append(out, "port trunk allow-pass vlan "+list(d))
		}
	case "hybrid":
		if d := drivers.Without(append(a.untag, a.tag...), append(b.untag, b.tag...)...); len(d) > 0 {
			out = append(out, "undo port hybrid vlan "+list(d))
		}
		if d := drivers.Without(b.untag, a.untag...); len(d) > 0 {
			out = append(out, "port hybrid untagged vlan "+list(d))
		}
		if d := drivers.Without(b.tag, a.tag...); len(d) > 0 {
			out = append(out, "port hybrid tagged vlan "+list(d))
		}
	default:
		if a.access != b.access {
			if b.access <= 1 {
				return []string{"undo port default vlan"}
			}
			return []string{"port default vlan " + strconv.Itoa(b.access)}
		}
		return nil
	}
	if a.pvid != b.pvid {
		if b.pvid <= 1 {
			out = append(out, "undo port "+kind+" pvid vlan")
		} else {
			out = append(out, "port "+kind+" pvid vlan "+strconv.Itoa(b.pvid))
		}
	}
	return out
}

// Sections implements drivers.Driver: LLDP, the scope's VLANs and
// interfaces in VRP's current-configuration form, with the lines voxlan
// does not manage as read.
func (Driver) Sections(cfg *drivers.Config, scope drivers.Scope) []drivers.Section {
	var out []drivers.Section
	if scope.Global {
		out = append(out, drivers.LLDPSection(cfg.LLDP, " lldp enable", " undo lldp enable"))
	}
	for _, id := range scope.VLANs {
		out = append(out, drivers.VLANSectionRaw(cfg, id))
	}
	for _, name := range scope.Ports {
		if cfg.Ports[name] == nil {
			continue
		}
		// The lines that make a default (hybrid) port into this one.
		blank := drivers.NewConfig()
		blank.Ports[name] = &drivers.Port{Name: name, Mode: drivers.ModeGeneral}
		out = append(out, drivers.PortSection(cfg, name, " ", portLines(name, blank, cfg)))
	}
	return out
}
