package juniper_junos

import (
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// Want implements drivers.Driver. A phone port is an access port in the
// data VLAN with the voice VLAN as its voip VLAN (tagged) in the
// expedited-forwarding class (ELS: "Configuring VoIP on an EX Series
// Switch"; a trunk port keeps its mode and gets the data VLAN as its
// native-vlan-id). The LLDP-MED policy Junos advertises is derived from the
// voip VLAN and class, so only a tagged voice policy on the port's voice
// VLAN with 802.1p 5 and DSCP 46 can be set.
//
// Junos advertises no other LLDP-MED application than the voip VLAN's
// voice: a port's voice-signaling policy asked beside its voice policy is
// left out (the audit keeps reporting it), alone it is refused.
func (d Driver) Want(cur *drivers.Config, changes []audit.Change) (*drivers.Config, drivers.Scope, error) {
	want, scope, err := drivers.ApplyChanges(cur, voicePolicyOnly(changes), drivers.ModeAccess)
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
	if want.LLDP && !cur.LLDP {
		// LLDP switch-wide: every port, as Junos' factory configuration has it.
		want.Raw[rawLLDP] = slices.DeleteFunc(append(slices.Clone(want.Raw[rawLLDP]), "all"), func(s string) bool { return s == "disable" })
	}
	for _, name := range scope.Ports {
		p := want.Ports[name]
		if c := cur.Ports[name]; c != nil && c.Mode == drivers.ModeTrunk && p.Mode == drivers.ModeAccess {
			// A phone behind a trunk: the data VLAN becomes its native VLAN,
			// the voice VLAN comes tagged through voip.
			p.Mode = drivers.ModeTrunk
			p.TaggedVLANs = drivers.Without(p.TaggedVLANs, p.DataVLAN)
		}
		if p.Mode == drivers.ModeDefault {
			p.Mode = drivers.ModeAccess
		}
		if p.Mode == drivers.ModeAccess && len(p.TaggedVLANs) > 0 {
			// The one tagged VLAN of an ELS access port is its voip VLAN.
			tagged := drivers.Without(p.TaggedVLANs, p.VoiceVLAN)
			switch {
			case len(tagged) == 0:
			case len(tagged) == 1 && p.VoiceVLAN == 0:
				p.VoiceVLAN = tagged[0]
			default:
				return nil, scope, fmt.Errorf("%w: juniper_junos: port %s: an ELS access port carries one VLAN untagged and its voip VLAN tagged; tagged VLANs %v need a trunk",
					drivers.ErrUnsupported, name, p.TaggedVLANs)
			}
			p.TaggedVLANs = nil
		}
		if p.DataVLAN != 0 {
			addVLAN(p.DataVLAN)
		}
		for _, v := range drivers.TaggedWithVoice(p) {
			addVLAN(v)
		}
		if p.VoiceVLAN != 0 && len(want.Raw[rawClass+name]) == 0 {
			want.Raw[rawClass+name] = []string{efClass}
		}
		if !p.LLDPTxOff || !p.LLDPRxOff || p.MED != nil {
			p.LLDPTxOff, p.LLDPRxOff = false, false
			reach(want, rawLLDP, rawLLDPPort, name)
		}
		if !p.PoEOff {
			reach(want, rawPoE, rawPoEPort, name)
		}
		if p.MED == nil {
			continue
		}
		if m := *p.MED; m.Application != "voice" || !m.Tagged || m.VLAN != p.VoiceVLAN || m.Priority != 5 || m.DSCP != 46 {
			return nil, scope, fmt.Errorf("%w: juniper_junos: port %s: Junos derives the LLDP-MED voice policy from the voip VLAN and its forwarding class (expedited-forwarding: tagged, 802.1p 5, DSCP 46); %s VLAN %d tagged=%t priority %d DSCP %d cannot be set",
				drivers.ErrUnsupported, name, m.Application, m.VLAN, m.Tagged, m.Priority, m.DSCP)
		}
		want.Raw[rawClass+name] = []string{efClass}
		reach(want, rawMED, rawMEDPort, name)
	}
	for _, id := range scope.VLANs {
		if v := want.VLANs[id]; v.Name == "" {
			v.Name = "vlan" + strconv.Itoa(id)
			want.VLANs[id] = v
		}
	}
	for _, name := range scope.Ports {
		p := want.Ports[name]
		p.MED = medPolicy(want, name, p.VoiceVLAN)
	}
	markVoiceVLANs(want)
	return want, scope, nil
}

// voicePolicyOnly drops the LLDP-MED policies of other applications on
// ports that are also asked for a voice policy.
func voicePolicyOnly(changes []audit.Change) []audit.Change {
	voice := map[string]bool{}
	for _, c := range changes {
		if c.Kind == audit.ChangeEnableMEDPolicy && c.Policy != nil && c.Policy.Application == "voice" {
			voice[c.Port] = true
		}
	}
	return slices.DeleteFunc(slices.Clone(changes), func(c audit.Change) bool {
		return c.Kind == audit.ChangeEnableMEDPolicy && c.Policy != nil && c.Policy.Application != "voice" && voice[c.Port]
	})
}

// reach makes the protocol under global/perPort run on port name with as
// little as possible: drop the port's own `disable` (`delete poe interface
// P disable`), list the port only when `interface all` does not cover it;
// a switch-wide `disable` is removed too.
func reach(cfg *drivers.Config, global, perPort, name string) {
	if g := cfg.Raw[global]; slices.Contains(g, "disable") {
		cfg.Raw[global] = slices.DeleteFunc(slices.Clone(g), func(s string) bool { return s == "disable" })
	}
	if !covered(cfg, global, perPort, name) {
		// From `interface P disable`, deleting `disable` leaves `interface
		// P`: listed.
		cfg.Raw[perPort+name] = []string{listed}
	}
}

// Render implements drivers.Driver: `set`/`delete` statements, VLANs
// created first, then switch-wide LLDP, then each changed port, then
// VLANs removed. The statements take effect together at commit.
func (Driver) Render(cur, want *drivers.Config, scope drivers.Scope) ([]string, error) {
	var create, ports, remove []string
	for _, id := range scope.VLANs {
		w, wok := want.VLANs[id]
		c, cok := cur.VLANs[id]
		switch {
		case !wok && cok:
			if id == 1 {
				return nil, fmt.Errorf("juniper_junos: the default VLAN cannot be removed")
			}
			remove = append(remove, "delete vlans "+c.Name)
		case wok && !cok:
			if w.Name == "" {
				return nil, fmt.Errorf("juniper_junos: VLAN %d has no name; Junos VLANs are named", id)
			}
			for _, o := range cur.VLANs {
				if o.Name == w.Name {
					return nil, fmt.Errorf("juniper_junos: VLAN name %q is VLAN %d already; cannot create VLAN %d with it", w.Name, o.ID, id)
				}
			}
			create = append(create, "set vlans "+w.Name+" vlan-id "+strconv.Itoa(id))
		}
	}
	if scope.Global {
		create = append(create, flagLines("protocols lldp", cur.Raw[rawLLDP], want.Raw[rawLLDP])...)
	}
	for _, name := range scope.Ports {
		if want.Ports[name] == nil || cur.Ports[name] == nil {
			return nil, fmt.Errorf("juniper_junos: port %q not in the configuration", name)
		}
		body, err := portLines(name, cur, want)
		if err != nil {
			return nil, err
		}
		ports = append(ports, body...)
	}
	out := append(create, ports...)
	return append(out, remove...), nil
}

// flagLines set and delete the switch-wide `interface all` and `disable`
// statements of a protocol.
func flagLines(stanza string, cur, want []string) []string {
	var out []string
	for _, f := range []string{"disable", "all"} {
		stmt := stanza + " " + f
		if f == "all" {
			stmt = stanza + " interface all"
		}
		switch c, w := slices.Contains(cur, f), slices.Contains(want, f); {
		case c && !w:
			out = append(out, "delete "+stmt)
		case w && !c:
			out = append(out, "set "+stmt)
		}
	}
	return out
}

// portLines move one port from its state in cur to its state in want.
func portLines(name string, cur, want *drivers.Config) ([]string, error) {
	c, w := cur.Ports[name], want.Ports[name]
	ifc := "interfaces " + name
	es := ifc + " unit 0 family ethernet-switching"
	var out []string
	vlanName := func(id int) (string, error) {
		v, ok := want.VLANs[id]
		if !ok || v.Name == "" {
			return "", fmt.Errorf("juniper_junos: port %s needs VLAN %d, which is not defined", name, id)
		}
		return v.Name, nil
	}
	if c.Shutdown != w.Shutdown {
		out = append(out, map[bool]string{true: "set ", false: "delete "}[w.Shutdown]+ifc+" disable")
	}
	if w.Mode == drivers.ModeDefault && c.Mode != drivers.ModeDefault {
		out = append(out, "delete "+ifc+" unit 0 family ethernet-switching")
		if c.DataVLAN != 0 && c.Mode == drivers.ModeTrunk {
			out = append(out, "delete "+ifc+" native-vlan-id")
		}
	} else if w.Mode != drivers.ModeDefault {
		if c.Mode != w.Mode {
			out = append(out, "set "+es+" interface-mode "+w.Mode)
		}
		cm, wm := members(c), members(w)
		if !slices.Equal(cm, wm) {
			if len(cm) > 0 {
				out = append(out, "delete "+es+" vlan members")
			}
			for _, id := range wm {
				n, err := vlanName(id)
				if err != nil {
					return nil, err
				}
				out = append(out, "set "+es+" vlan members "+n)
			}
		}
		cn, wn := native(c), native(w)
		switch {
		case cn != 0 && wn == 0:
			out = append(out, "delete "+ifc+" native-vlan-id")
		case wn != 0 && wn != cn:
			out = append(out, "set "+ifc+" native-vlan-id "+strconv.Itoa(wn))
		}
	}
	voip := "switch-options voip interface " + name + ".0"
	cClass, wClass := cur.Raw[rawClass+name], want.Raw[rawClass+name]
	if c.VoiceVLAN != w.VoiceVLAN || !slices.Equal(cClass, wClass) {
		if c.VoiceVLAN != 0 || len(cClass) > 0 {
			out = append(out, "delete "+voip)
		}
		if w.VoiceVLAN != 0 {
			n, err := vlanName(w.VoiceVLAN)
			if err != nil {
				return nil, err
			}
			out = append(out, "set "+voip+" vlan "+n)
		}
		if len(wClass) == 1 {
			out = append(out, "set "+voip+" forwarding-class "+wClass[0])
		}
	}
	out = append(out, stateLines("protocols lldp", state(cur, rawLLDPPort, name), state(want, rawLLDPPort, name), name)...)
	out = append(out, stateLines("protocols lldp-med", state(cur, rawMEDPort, name), state(want, rawMEDPort, name), name)...)
	out = append(out, stateLines("poe", state(cur, rawPoEPort, name), state(want, rawPoEPort, name), name)...)
	return out, nil
}

// members is the VLANs a port's unit 0 lists under vlan members: the
// access VLAN, or the trunk's VLANs with its native VLAN (ELS lists the
// native VLAN as a member too).
func members(p *drivers.Port) []int {
	var ids []int
	switch p.Mode {
	case drivers.ModeTrunk:
		ids = slices.Clone(p.TaggedVLANs)
		if p.DataVLAN != 0 {
			ids = append(ids, p.DataVLAN)
		}
	case drivers.ModeAccess:
		if p.DataVLAN != 0 {
			ids = []int{p.DataVLAN}
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

func native(p *drivers.Port) int {
	if p.Mode == drivers.ModeTrunk {
		return p.DataVLAN
	}
	return 0
}

// stateLines move a port's `interface P` statement under stanza from one
// coverage state to another.
func stateLines(stanza, from, to, name string) []string {
	stmt := stanza + " interface " + name
	switch {
	case from == to:
		return nil
	case to == "":
		return []string{"delete " + stmt}
	case to == disabled:
		return []string{"set " + stmt + " disable"}
	case from == disabled:
		return []string{"delete " + stmt + " disable"}
	}
	return []string{"set " + stmt}
}

// Sections implements drivers.Driver: the scope's statements as `display
// set` prints them, with the ones voxlan does not manage as read.
func (Driver) Sections(cfg *drivers.Config, scope drivers.Scope) []drivers.Section {
	var out []drivers.Section
	if scope.Global {
		lines := []string{}
		for _, f := range cfg.Raw[rawLLDP] {
			switch f {
			case "all":
				lines = append(lines, "set protocols lldp interface all")
			case "disable":
				lines = append(lines, "set protocols lldp disable")
			}
		}
		out = append(out, drivers.Section{Title: "protocols lldp", Lines: lines})
	}
	for _, id := range scope.VLANs {
		title := "vlan " + strconv.Itoa(id)
		v, ok := cfg.VLANs[id]
		if !ok {
			out = append(out, drivers.Section{Title: title})
			continue
		}
		out = append(out, drivers.Section{Title: title, Lines: append([]string{"set vlans " + v.Name + " vlan-id " + strconv.Itoa(id)}, cfg.Raw[title]...)})
	}
	for _, name := range scope.Ports {
		if cfg.Ports[name] == nil {
			continue
		}
		// The statements that make an unconfigured port into this one.
		blank := drivers.NewConfig()
		blank.Ports[name] = &drivers.Port{Name: name}
		for k, v := range cfg.VLANs {
			blank.VLANs[k] = v
		}
		lines, err := portLines(name, blank, cfg)
		if err != nil {
			lines = []string{"# " + err.Error()}
		}
		out = append(out, drivers.PortSection(cfg, name, "", lines))
	}
	return out
}
