package dell_os10

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// Want implements drivers.Driver. A phone port is a trunk whose access VLAN
// is the data VLAN (untagged) and whose one tagged VLAN is the voice VLAN,
// advertising numbered LLDP-MED network policies: an existing policy equal
// to one asked for is reused, else the lowest free number (1-32) gets a new
// one. The voice policy is the port's MED; others asked for the same port
// (voice signaling) are advertised beside it.
func (d Driver) Want(cur *drivers.Config, changes []audit.Change) (*drivers.Config, drivers.Scope, error) {
	changes = drivers.RenamePorts(changes, d.CanonicalPort)
	want, scope, err := drivers.ApplyChanges(cur, changes, drivers.ModeAccess)
	if err != nil {
		return nil, scope, err
	}
	asked := map[string][]audit.MEDPolicy{}
	for _, c := range changes {
		if c.Kind == audit.ChangeEnableMEDPolicy && c.Policy != nil {
			asked[c.Port] = append(asked[c.Port], *c.Policy)
		}
	}
	routed, members := drivers.StringSet(cur.Raw[routedKey]), drivers.StringSet(cur.Raw[memberKey])
	for _, name := range scope.Ports {
		p, c := want.Ports[name], cur.Ports[name]
		switch {
		case routed[name]:
			return nil, scope, fmt.Errorf("%w: dell_os10: port %s is a layer 3 port (`no switchport`); make it a switchport first",
				drivers.ErrUnsupported, name)
		case members[name]:
			return nil, scope, fmt.Errorf("%w: dell_os10: port %s is a port-channel member (`channel-group`); its VLANs are the port-channel's",
				drivers.ErrUnsupported, name)
		case p.PoEOff != c.PoEOff:
			return nil, scope, fmt.Errorf("%w: dell_os10: port %s: voxlan does not change PoE on OS10 (no OS10 PoE command is confirmed)",
				drivers.ErrUnsupported, name)
		}
		for _, v := range append([]int{p.DataVLAN, p.VoiceVLAN}, p.TaggedVLANs...) {
			if v == 0 {
				continue
			}
			if _, ok := want.VLANs[v]; !ok {
				want.VLANs[v] = drivers.VLAN{ID: v}
			}
			if !slices.Contains(scope.VLANs, v) {
				scope.VLANs = append(scope.VLANs, v)
			}
		}
		if p.MED == nil {
			p.Profile = 0
			continue
		}
		pols := asked[name]
		if len(pols) == 0 {
			pols = []audit.MEDPolicy{*p.MED}
		}
		// The voice policy first: it is the port's MED.
		slices.SortStableFunc(pols, func(a, b audit.MEDPolicy) int {
			return boolRank(b.Application == "voice") - boolRank(a.Application == "voice")
		})
		more := morePolicies(want, name)
		for i, m := range pols {
			if drivers.MEDAppKeyword(m.Application) == "" || m.VLAN < 1 || m.VLAN > 4094 || m.Priority < 0 ||
				m.Priority > 7 || m.DSCP < 0 || m.DSCP > 63 {
				return nil, scope, fmt.Errorf("%w: dell_os10: port %s: OS10 cannot advertise LLDP-MED policy %+v", drivers.ErrUnsupported, name, m)
			}
			n := policyNumber(want, m)
			if n == 0 {
				return nil, scope, fmt.Errorf("dell_os10: port %s: all 32 LLDP-MED network policies are in use; free one first", name)
			}
			want.Profiles[n] = m
			if i == 0 {
				p.MED, p.Profile = &m, n
			} else {
				more = append(more, n)
			}
		}
		setMorePolicies(want, name, drivers.Without(more, p.Profile))
		want.LLDP = true
		scope.Global = true
	}
	slices.Sort(scope.VLANs)
	derive(want)
	return want, scope, nil
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// policyNumber is the number of cfg's network policy equal to m, else the
// lowest free one, 0 when none is free.
func policyNumber(cfg *drivers.Config, m audit.MEDPolicy) int {
	for _, n := range drivers.SortedKeys(cfg.Profiles) {
		if cfg.Profiles[n] == m {
			return n
		}
	}
	for n := 1; n <= 32; n++ {
		if _, used := cfg.Profiles[n]; !used {
			return n
		}
	}
	return 0
}

// Render implements drivers.Driver. Order: VLAN interfaces, LLDP and
// network policies first, then one interface block per changed port, then
// removals (policies, VLANs, LLDP), so a rollback never removes what a
// port still uses.
func (Driver) Render(cur, want *drivers.Config, scope drivers.Scope) ([]string, error) {
	var create, ports, remove []string
	for _, id := range scope.VLANs {
		w, wok := want.VLANs[id]
		c, cok := cur.VLANs[id]
		switch {
		case !wok && cok:
			if id == 1 {
				return nil, fmt.Errorf("dell_os10: the default VLAN 1 cannot be removed")
			}
			remove = append(remove, "no interface vlan"+strconv.Itoa(id))
		case wok && (!cok || w.Name != c.Name):
			create = append(create, "interface vlan"+strconv.Itoa(id))
			if w.Name != "" {
				create = append(create, "description "+w.Name)
			} else if c.Name != "" {
				create = append(create, "no description")
			}
			create = append(create, "exit")
		}
	}
	if scope.Global {
		if want.LLDP && !cur.LLDP {
			create = append(create, "lldp enable")
		} else if !want.LLDP && cur.LLDP {
			remove = append(remove, "no lldp enable")
		}
		for _, n := range drivers.SortedKeys(want.Profiles) {
			if c, ok := cur.Profiles[n]; !ok || c != want.Profiles[n] {
				create = append(create, policyLine(n, want.Profiles[n]))
			}
		}
		for _, n := range drivers.SortedKeys(cur.Profiles) {
			if _, ok := want.Profiles[n]; !ok {
				remove = append(remove, "no lldp med network-policy "+strconv.Itoa(n))
			}
		}
	}
	for _, name := range scope.Ports {
		w, c := want.Ports[name], cur.Ports[name]
		if w == nil || c == nil {
			return nil, fmt.Errorf("dell_os10: port %q not in the configuration", name)
		}
		body := vlanLines(c, w)
		for _, t := range []struct {
			c, w bool
			line string
		}{
			{c.LLDPTxOff, w.LLDPTxOff, "lldp transmit"},
			{c.LLDPRxOff, w.LLDPRxOff, "lldp receive"},
		} {
			if t.c != t.w {
				body = append(body, drivers.NoPrefix(t.w)+t.line)
			}
		}
		have := drivers.Without(append([]int{c.Profile}, morePolicies(cur, name)...), 0)
		need := drivers.Without(append([]int{w.Profile}, morePolicies(want, name)...), 0)
		for _, n := range have {
			if !slices.Contains(need, n) {
				body = append(body, "lldp med network-policy remove "+strconv.Itoa(n))
			}
		}
		for _, n := range need {
			if !slices.Contains(have, n) {
				body = append(body, "lldp med network-policy add "+strconv.Itoa(n))
			}
		}
		if c.Shutdown != w.Shutdown {
			body = append(body, drivers.NoPrefix(!w.Shutdown)+"shutdown")
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

// vlanLines move a port's VLAN membership from c to w: tagged VLANs it
// loses first (a VLAN may move from tagged to access), then the mode, the
// access VLAN and the tagged VLANs it gains.
func vlanLines(c, w *drivers.Port) []string {
	have, want := tagged(c), tagged(w)
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
	var lines []string
	if len(del) > 0 {
		lines = append(lines, "no switchport trunk allowed vlan "+drivers.FormatVLANList(del))
	}
	switch {
	case trunkForm(w) && !trunkForm(c):
		lines = append(lines, "switchport mode trunk")
	case !trunkForm(w) && trunkForm(c):
		lines = append(lines, "switchport mode access")
	}
	if d := drivers.VLANOrDefault(w.DataVLAN); d != drivers.VLANOrDefault(c.DataVLAN) {
		lines = append(lines, "switchport access vlan "+strconv.Itoa(d))
	}
	if len(add) > 0 {
		lines = append(lines, "switchport trunk allowed vlan "+drivers.FormatVLANList(add))
	}
	return lines
}

// tagged is the VLANs a trunk-form port carries tagged, nil for an access
// port.
func tagged(p *drivers.Port) []int {
	if !trunkForm(p) {
		return nil
	}
	return drivers.TaggedWithVoice(p)
}

// Sections implements drivers.Driver: the global LLDP lines (`no lldp
// enable`, the network policies), the scope's VLAN interfaces and port
// interfaces in OS10 running-configuration form, with the lines voxlan
// does not manage as read.
func (Driver) Sections(cfg *drivers.Config, scope drivers.Scope) []drivers.Section {
	var out []drivers.Section
	if scope.Global {
		lines := []string{}
		if !cfg.LLDP {
			lines = append(lines, "no lldp enable")
		}
		for _, n := range drivers.SortedKeys(cfg.Profiles) {
			lines = append(lines, policyLine(n, cfg.Profiles[n]))
		}
		out = append(out, drivers.Section{Title: "lldp", Lines: lines})
	}
	for _, id := range scope.VLANs {
		title := "interface vlan" + strconv.Itoa(id)
		v, ok := cfg.VLANs[id]
		if !ok {
			out = append(out, drivers.Section{Title: title})
			continue
		}
		lines := []string{}
		if v.Name != "" {
			lines = append(lines, " description "+v.Name)
		}
		out = append(out, drivers.Section{Title: title, Lines: append(lines, cfg.Raw[title]...)})
	}
	for _, name := range scope.Ports {
		if p := cfg.Ports[name]; p != nil {
			out = append(out, drivers.PortSection(cfg, name, " ", portLines(p, morePolicies(cfg, name))))
		}
	}
	return out
}
