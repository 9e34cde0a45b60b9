package ale_aos

import (
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// maxPolicyID is the highest network-policy id voxlan allocates
// (OmniSwitch keeps up to 32 policies).
const maxPolicyID = 31

// Want implements drivers.Driver. A phone port is untagged in the data VLAN
// and tagged in the voice VLAN, and advertises an LLDP-MED network policy
// for that voice VLAN: an existing policy with the same values, or a new
// one numbered from 1; other policies asked for the port (voice signaling)
// are bound beside it. OmniSwitch has no other notion of a port's voice
// VLAN, so a voice VLAN always comes with its policy: a port given a voice
// VLAN and no policy is bound to the switch's (or the plan's) voice policy
// for that VLAN, and refused when there is none. Ports the snapshot
// does not mention (untagged in VLAN 1, nothing else) are taken as such.
func (d Driver) Want(cur *drivers.Config, changes []audit.Change) (*drivers.Config, drivers.Scope, error) {
	rel := releaseOf(cur)
	changes = drivers.RenamePorts(changes, d.CanonicalPort)
	base := cur.Clone()
	for _, c := range changes {
		if c.Port != "" && base.Ports[c.Port] == nil && isPort(c.Port, rel) {
			base.Ports[c.Port] = defaultPort(cur, c.Port)
			base.PortOrder = append(base.PortOrder, c.Port)
		}
	}
	want, scope, err := drivers.ApplyChanges(base, changes, drivers.ModeAccess)
	if err != nil {
		return nil, scope, err
	}
	// Every policy asked for a port: the voice one is its MED, others
	// (voice signaling) are bound beside it.
	asked := map[string][]audit.MEDPolicy{}
	for _, c := range changes {
		if c.Kind == audit.ChangeEnableMEDPolicy && c.Policy != nil {
			asked[c.Port] = append(asked[c.Port], *c.Policy)
			if c.Policy.Application == "voice" {
				m := *c.Policy
				want.Ports[c.Port].MED = &m
			}
		}
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
	// Ports with a policy of their own first, so a port given only the
	// voice VLAN finds the policy the plan creates for it.
	ordered := slices.Clone(scope.Ports)
	withoutPolicy := func(port string) int {
		if want.Ports[port].MED != nil {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(ordered, func(a, b string) int { return withoutPolicy(a) - withoutPolicy(b) })
	for _, name := range ordered {
		p := want.Ports[name]
		if slices.Contains(cur.Raw[laggKey], name) {
			return nil, scope, fmt.Errorf("%w: ale_aos: port %s belongs to a link aggregate; voxlan does not change aggregate members", drivers.ErrUnsupported, name)
		}
		p.DataVLAN = drivers.VLANOrDefault(p.DataVLAN)
		p.TaggedVLANs = drivers.Without(p.TaggedVLANs, p.DataVLAN, p.VoiceVLAN)
		if p.VoiceVLAN == p.DataVLAN {
			return nil, scope, fmt.Errorf("%w: ale_aos: port %s: VLAN %d cannot be both untagged (data) and tagged (voice)", drivers.ErrUnsupported, name, p.DataVLAN)
		}
		addVLAN(p.DataVLAN)
		for _, v := range drivers.TaggedWithVoice(p) {
			addVLAN(v)
		}
		if p.MED == nil && p.VoiceVLAN != 0 {
			id, ok := voicePolicy(want, p.VoiceVLAN)
			if !ok {
				return nil, scope, fmt.Errorf("%w: ale_aos: port %s: an OmniSwitch tells a phone its voice VLAN %d only through an LLDP-MED network policy, and neither the plan nor the switch has a voice policy for VLAN %d",
					drivers.ErrUnsupported, name, p.VoiceVLAN, p.VoiceVLAN)
			}
			m := want.Profiles[id]
			p.MED = &m
		}
		if p.MED != nil {
			m := *p.MED
			if m.Application != "voice" || !m.Tagged || m.VLAN != p.VoiceVLAN || m.Priority < 0 || m.Priority > 7 || m.DSCP < 0 || m.DSCP > 63 {
				return nil, scope, fmt.Errorf("%w: ale_aos: port %s: voxlan sets a voice network policy for the port's tagged voice VLAN %d with l2-priority 0-7 and dscp 0-63; %s VLAN %d tagged=%t priority %d DSCP %d cannot be set",
					drivers.ErrUnsupported, name, p.VoiceVLAN, m.Application, m.VLAN, m.Tagged, m.Priority, m.DSCP)
			}
			ids := []string{}
			for _, pol := range append([]audit.MEDPolicy{m}, asked[name]...) {
				if pol.Application != "voice" && (drivers.MEDAppKeyword(pol.Application) == "" || pol.VLAN < 1 || pol.VLAN > 4094 ||
					pol.Priority < 0 || pol.Priority > 7 || pol.DSCP < 0 || pol.DSCP > 63) {
					return nil, scope, fmt.Errorf("%w: ale_aos: port %s: an OmniSwitch network policy cannot hold %+v", drivers.ErrUnsupported, name, pol)
				}
				if pol.Application == "voice" && pol != m {
					continue
				}
				id, ok := policyFor(want, pol)
				if !ok {
					return nil, scope, fmt.Errorf("ale_aos: port %s: policies 1-%d are all in use; free one by hand", name, maxPolicyID)
				}
				want.Profiles[id] = pol
				if s := strconv.Itoa(id); !slices.Contains(ids, s) {
					ids = append(ids, s)
				}
			}
			want.Raw[bindKey+name] = ids
			want.Raw[tlvKey+name] = []string{"enable"}
			if !want.LLDP {
				want.LLDP = true
				scope.Global = true
			}
		} else if portOf(cur, name).MED != nil {
			want.Raw[tlvKey+name] = []string{"disable"}
		}
		effectiveMED(want, p)
		if !p.PoEOff && stoppedSlot(want, name) {
			return nil, scope, fmt.Errorf("%w: ale_aos: port %s: the PoE service of slot %s is not started; starting it powers every port of the slot, so voxlan leaves it to you (%s)",
				drivers.ErrUnsupported, name, slotOf(name), syntax{rel}.startSlot(slotOf(name)))
		}
		p.Mode = modeOf(p)
	}
	markVoiceVLANs(want)
	return want, scope, nil
}

// voicePolicy is the lowest-numbered voice policy of cfg for tagged VLAN
// v: the one a port given voice VLAN v without a policy is bound to.
func voicePolicy(cfg *drivers.Config, v int) (int, bool) {
	for _, id := range drivers.SortedKeys(cfg.Profiles) {
		if m := cfg.Profiles[id]; m.Application == "voice" && m.Tagged && m.VLAN == v {
			return id, true
		}
	}
	return 0, false
}

// policyFor is the id of a network policy equal to m, or the lowest free
// id from 1.
func policyFor(cfg *drivers.Config, m audit.MEDPolicy) (int, bool) {
	for _, id := range drivers.SortedKeys(cfg.Profiles) {
		if cfg.Profiles[id] == m && id > 0 {
			return id, true
		}
	}
	for id := 1; id <= maxPolicyID; id++ {
		if _, used := cfg.Profiles[id]; !used {
			return id, true
		}
	}
	return 0, false
}

// syntax writes one release's commands. Sources: AOS 8 CLI Reference
// Guide 8.10R1 [A8] and AOS 6.7.1 CLI Reference Guide [A6] as cited in
// docs/ale_aos.md.
type syntax struct{ rel Release }

// untagged makes v port's untagged (default) VLAN: [A6] `vlan 10 port
// default 1/1`; [A8] `vlan 10 members port 1/1/1 untagged`. A port has one
// default VLAN, so this also takes it out of the old one.
func (s syntax) untagged(v int, port string) string {
	if s.rel == AOS6 {
		return fmt.Sprintf("vlan %d port default %s", v, port)
	}
	return fmt.Sprintf("vlan %d members port %s untagged", v, port)
}

// tag: [A6] `vlan 20 802.1q 1/1`; [A8] `vlan 20 members port 1/1/1 tagged`.
func (s syntax) tag(v int, port string) string {
	if s.rel == AOS6 {
		return fmt.Sprintf("vlan %d 802.1q %s", v, port)
	}
	return fmt.Sprintf("vlan %d members port %s tagged", v, port)
}

// untag: [A6] `vlan 20 no 802.1q 1/1`; [A8] `no vlan 20 members port 1/1/1`.
func (s syntax) untag(v int, port string) string {
	if s.rel == AOS6 {
		return fmt.Sprintf("vlan %d no 802.1q %s", v, port)
	}
	return fmt.Sprintf("no vlan %d members port %s", v, port)
}

// lldpPort is the start of a per-port LLDP command: [A6] `lldp 1/1`, [A8]
// `lldp port 1/1/1`.
func (s syntax) lldpPort(port string) string {
	if s.rel == AOS6 {
		return "lldp " + port
	}
	return "lldp port " + port
}

// poe turns a port's PoE on or off: [A6] `lanpower start 1/1` / `lanpower
// stop 1/1`; [A8] `lanpower port 1/1/1 admin-state enable|disable`.
func (s syntax) poe(port string, on bool) string {
	if s.rel == AOS6 {
		return map[bool]string{true: "lanpower start ", false: "lanpower stop "}[on] + port
	}
	return "lanpower port " + port + " admin-state " + map[bool]string{true: "enable", false: "disable"}[on]
}

// startSlot starts a slot's PoE service: [A6] `lanpower start 1`; [A8]
// `lanpower slot 1/1 service start`.
func (s syntax) startSlot(slot string) string {
	if s.rel == AOS6 {
		return "lanpower start " + slot
	}
	return "lanpower slot " + slot + " service start"
}

func vlanLine(id int, name string) string {
	if name == "" {
		return "vlan " + strconv.Itoa(id)
	}
	return fmt.Sprintf("vlan %d name %q", id, name)
}

func policyLine(id int, m audit.MEDPolicy) string {
	return fmt.Sprintf("lldp network-policy %d application %s vlan %d l2-priority %d dscp %d", id, drivers.MEDAppKeyword(m.Application), m.VLAN, m.Priority, m.DSCP)
}

// Render implements drivers.Driver. OmniSwitch has no configuration mode,
// so these are commands for the prompt, in this order: VLANs created or
// named, `lldp chassis lldpdu tx-and-rx`, network policies created, then
// each port (tagged VLANs it leaves, its untagged VLAN, tagged VLANs it
// joins, policy binding, network-policy TLV, LLDPDU mode, PoE), then what
// is removed (LLDP, policies, then the VLANs they may name).
func (Driver) Render(cur, want *drivers.Config, scope drivers.Scope) ([]string, error) {
	sx := syntax{releaseOf(cur)}
	var create, ports, remove, removeVLANs []string
	for _, id := range scope.VLANs {
		w, wok := want.VLANs[id]
		c, cok := cur.VLANs[id]
		switch {
		case !wok && cok:
			if id == 1 {
				return nil, fmt.Errorf("ale_aos: the default VLAN 1 cannot be removed")
			}
			removeVLANs = append(removeVLANs, "no vlan "+strconv.Itoa(id))
		case wok && !cok:
			create = append(create, vlanLine(id, w.Name))
		case wok && w.Name != "" && w.Name != c.Name:
			create = append(create, vlanLine(id, w.Name))
		}
	}
	if scope.Global {
		switch {
		case want.LLDP && !cur.LLDP:
			create = append(create, "lldp chassis lldpdu tx-and-rx")
		case !want.LLDP && cur.LLDP:
			remove = append(remove, "lldp chassis lldpdu disable")
		}
		ids := drivers.SortedKeys(want.Profiles)
		for _, id := range drivers.SortedKeys(cur.Profiles) {
			if _, ok := want.Profiles[id]; !ok {
				ids = append(ids, id)
			}
		}
		for _, id := range ids {
			w, wok := want.Profiles[id]
			c, cok := cur.Profiles[id]
			switch {
			case wok && (!cok || c != w):
				create = append(create, policyLine(id, w))
			case !wok && cok:
				remove = append(remove, "no lldp network-policy "+strconv.Itoa(id))
			}
		}
	}
	for _, name := range scope.Ports {
		if !isPort(name, sx.rel) {
			return nil, fmt.Errorf("ale_aos: %q is no AOS %d port name", name, sx.rel)
		}
		ports = append(ports, portLines(sx, name, cur, want)...)
	}
	out := append(create, ports...)
	out = append(out, remove...)
	return append(out, removeVLANs...), nil
}

// portLines move port name from its state in cur to its state in want.
func portLines(sx syntax, name string, cur, want *drivers.Config) []string {
	c, w := portOf(cur, name), portOf(want, name)
	var out []string
	cT, wT := drivers.TaggedWithVoice(c), drivers.TaggedWithVoice(w)
	cD, wD := drivers.VLANOrDefault(c.DataVLAN), drivers.VLANOrDefault(w.DataVLAN)
	for _, v := range cT {
		if !slices.Contains(wT, v) || v == wD {
			out = append(out, sx.untag(v, name))
		}
	}
	if cD != wD {
		out = append(out, sx.untagged(wD, name))
	}
	for _, v := range wT {
		if !slices.Contains(cT, v) {
			out = append(out, sx.tag(v, name))
		}
	}
	cb, wb := effectiveBind(cur, name), effectiveBind(want, name)
	for _, id := range cb {
		if !slices.Contains(wb, id) {
			out = append(out, "no "+sx.lldpPort(name)+" med network-policy "+id)
		}
	}
	for _, id := range wb {
		if !slices.Contains(cb, id) {
			out = append(out, sx.lldpPort(name)+" med network-policy "+id)
		}
	}
	if ct, wt := effectiveTLV(cur, name), effectiveTLV(want, name); ct != wt {
		out = append(out, sx.lldpPort(name)+" tlv med network-policy "+wt)
	}
	if c.LLDPTxOff != w.LLDPTxOff || c.LLDPRxOff != w.LLDPRxOff {
		out = append(out, sx.lldpPort(name)+" lldpdu "+drivers.LLDPWord(w, "tx-and-rx", "tx", "rx", "disable"))
	}
	if cOff, wOff := c.PoEOff && !stoppedSlot(cur, name), w.PoEOff && !stoppedSlot(want, name); cOff != wOff {
		out = append(out, sx.poe(name, !wOff))
	}
	return out
}

// effectiveBind is the policy ids bound to a port: its own, else the
// chassis's.
func effectiveBind(cfg *drivers.Config, port string) []string {
	if b, ok := cfg.Raw[bindKey+port]; ok {
		return b
	}
	return cfg.Raw[chassisBindKey]
}

// effectiveTLV is a port's network-policy TLV setting, "enable" or
// "disable" (the default).
func effectiveTLV(cfg *drivers.Config, port string) string {
	t, ok := cfg.Raw[tlvKey+port]
	if !ok {
		t = cfg.Raw[chassisTLVKey]
	}
	if len(t) == 1 && t[0] == "enable" {
		return "enable"
	}
	return "disable"
}

// Sections implements drivers.Driver: LLDP (chassis LLDPDU and the network
// policies), the scope's VLANs and each port's commands from its default
// state, in the release's syntax.
func (Driver) Sections(cfg *drivers.Config, scope drivers.Scope) []drivers.Section {
	sx := syntax{releaseOf(cfg)}
	var out []drivers.Section
	if scope.Global {
		lldp := drivers.LLDPSection(cfg.LLDP, "lldp chassis lldpdu tx-and-rx", "lldp chassis lldpdu disable")
		for _, id := range drivers.SortedKeys(cfg.Profiles) {
			lldp.Lines = append(lldp.Lines, policyLine(id, cfg.Profiles[id]))
		}
		out = append(out, lldp)
	}
	for _, id := range scope.VLANs {
		out = append(out, drivers.VLANSection(cfg, id))
	}
	blank := drivers.NewConfig()
	blank.Raw[releaseKey] = cfg.Raw[releaseKey]
	blank.Raw[startedKey] = cfg.Raw[startedKey]
	for _, name := range scope.Ports {
		if !isPort(name, sx.rel) {
			continue
		}
		lines := portLines(sx, name, blank, cfg)
		if lines == nil {
			lines = []string{}
		}
		out = append(out, drivers.Section{Title: "port " + name, Lines: lines})
	}
	return out
}
