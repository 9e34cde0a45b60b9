package hp_comware

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// Want implements drivers.Driver. A phone port is hybrid: PVID and
// untagged data VLAN, tagged voice VLAN enabled as the port's voice VLAN in
// manual mode; the LLDP-MED policy is the port's voice VLAN QoS, so a
// requested policy must be voice, tagged, on the port's voice VLAN.
func (d Driver) Want(cur *drivers.Config, changes []audit.Change) (*drivers.Config, drivers.Scope, error) {
	want, scope, err := drivers.ApplyChanges(cur, drivers.RenamePorts(changes, d.CanonicalPort), drivers.ModeGeneral)
	if err != nil {
		return nil, scope, err
	}
	odd := drivers.StringSet(cur.Raw[oddKey])
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
		if odd[name] {
			return nil, scope, fmt.Errorf("%w: hp_comware: port %s is routed or hybrid with untagged VLANs besides its PVID; voxlan does not change such ports",
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
		if p.VoiceVLAN != 0 && !slices.Contains(want.Raw[manualKey], name) {
			want.Raw[manualKey] = append(want.Raw[manualKey], name)
			slices.SortFunc(want.Raw[manualKey], audit.ComparePorts)
		}
		if p.MED == nil {
			continue
		}
		m := *p.MED
		if m.Application != "voice" || !m.Tagged || m.VLAN != p.VoiceVLAN || p.VoiceVLAN == 0 {
			return nil, scope, fmt.Errorf("%w: hp_comware: port %s: Comware advertises the port's voice VLAN (voice, tagged, VLAN %d); %s VLAN %d tagged=%t cannot be set",
				drivers.ErrUnsupported, name, p.VoiceVLAN, m.Application, m.VLAN, m.Tagged)
		}
		if m.Priority < 0 || m.Priority > 7 || m.DSCP < 0 || m.DSCP > 63 {
			return nil, scope, fmt.Errorf("hp_comware: port %s: priority %d / DSCP %d out of range", name, m.Priority, m.DSCP)
		}
		if m.Priority == defaultCoS && m.DSCP == defaultDSCP {
			delete(want.Raw, qosKey+name)
		} else {
			want.Raw[qosKey+name] = []string{strconv.Itoa(m.Priority), strconv.Itoa(m.DSCP)}
		}
		want.Raw[medOffKey] = slices.DeleteFunc(want.Raw[medOffKey], func(s string) bool { return s == name })
		if !want.LLDP {
			want.LLDP = true
			scope.Global = true
		}
	}
	derive(want)
	return want, scope, nil
}

// Render implements drivers.Driver, in system view: VLANs and `lldp global
// enable` first, then one interface view per changed port, then removals.
func (Driver) Render(cur, want *drivers.Config, scope drivers.Scope) ([]string, error) {
	var create, ports, remove []string
	for _, id := range scope.VLANs {
		w, wok := want.VLANs[id]
		c, cok := cur.VLANs[id]
		if !wok {
			if cok {
				if id == 1 {
					return nil, fmt.Errorf("hp_comware: the default VLAN 1 cannot be removed")
				}
				remove = append(remove, "undo vlan "+strconv.Itoa(id))
			}
			continue
		}
		if !cok || (w.Name != "" && w.Name != c.Name) {
			create = append(create, "vlan "+strconv.Itoa(id))
			if w.Name != "" && w.Name != c.Name {
				create = append(create, "name "+w.Name)
			}
			create = append(create, "quit")
		}
	}
	if scope.Global {
		if want.LLDP && !cur.LLDP {
			create = append(create, "lldp global enable")
		} else if !want.LLDP && cur.LLDP {
			remove = append(remove, "undo lldp global enable")
		}
	}
	for _, name := range scope.Ports {
		w, c := want.Ports[name], cur.Ports[name]
		if w == nil || c == nil {
			return nil, fmt.Errorf("hp_comware: port %q not in the configuration", name)
		}
		body := portLines(name, cur, want)
		if len(body) > 0 {
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
	cq, wq := policy(cur, name, 1), policy(want, name, 1)
	cManual, wManual := drivers.StringSet(cur.Raw[manualKey])[name], drivers.StringSet(want.Raw[manualKey])[name]
	cOn, wOn := strings.Join(cur.Raw[enabledKey+name], ""), strings.Join(want.Raw[enabledKey+name], "")
	vlansSame := c.Mode == w.Mode && c.DataVLAN == w.DataVLAN && slices.Equal(drivers.TaggedWithVoice(c), drivers.TaggedWithVoice(w))
	voiceSame := cOn == wOn && cq == wq && cManual == wManual
	if cOn != "" && !(vlansSame && voiceSame) {
		// Comware changes a port's VLANs and voice QoS with its voice VLAN
		// off.
		out = append(out, "undo voice-vlan enable")
	}
	if !vlansSame {
		out = append(out, vlanLines(c, w)...)
	}
	if cManual != wManual {
		if wManual {
			out = append(out, "undo voice-vlan mode auto")
		} else {
			out = append(out, "voice-vlan mode auto")
		}
	}
	if cq != wq {
		if wq.Priority == defaultCoS && wq.DSCP == defaultDSCP {
			out = append(out, "undo voice-vlan qos")
		} else {
			out = append(out, fmt.Sprintf("voice-vlan qos %d %d", wq.Priority, wq.DSCP))
		}
	}
	if wOn != "" && !(vlansSame && voiceSame) {
		out = append(out, "voice-vlan "+wOn+" enable")
	}
	cOff, wOff := drivers.StringSet(cur.Raw[medOffKey])[name], drivers.StringSet(want.Raw[medOffKey])[name]
	if cOff != wOff {
		out = append(out, undo(wOff)+"lldp tlv-enable med-tlv network-policy")
	}
	if c.LLDPTxOff != w.LLDPTxOff || c.LLDPRxOff != w.LLDPRxOff {
		out = append(out, "lldp admin-status "+adminStatus(w))
	}
	if c.PoEOff != w.PoEOff {
		out = append(out, undo(w.PoEOff)+"poe enable")
	}
	return out
}

func undo(b bool) string {
	if b {
		return "undo "
	}
	return ""
}

func adminStatus(p *drivers.Port) string {
	switch {
	case !p.LLDPTxOff && !p.LLDPRxOff:
		return "txrx"
	case !p.LLDPTxOff:
		return "tx"
	case !p.LLDPRxOff:
		return "rx"
	}
	return "disable"
}

// vlanLines move a port's link type and VLANs from c to w. A new link type
// starts from Comware's defaults (access VLAN 1; trunk: VLAN 1 permitted,
// PVID 1; hybrid: VLAN 1 untagged, PVID 1), and trunk and hybrid only
// change through access.
func vlanLines(c, w *drivers.Port) []string {
	var out []string
	data := drivers.VLANOrDefault(w.DataVLAN)
	switch w.Mode {
	case drivers.ModeTrunk, drivers.ModeGeneral:
		kind := map[string]string{drivers.ModeTrunk: "trunk", drivers.ModeGeneral: "hybrid"}[w.Mode]
		var haveU, haveT []int
		if c.Mode == w.Mode {
			haveU, haveT = []int{drivers.VLANOrDefault(c.DataVLAN)}, drivers.TaggedWithVoice(c)
		} else {
			if c.Mode != drivers.ModeAccess && c.Mode != drivers.ModeDefault {
				out = append(out, "port link-type access")
			}
			out = append(out, "port link-type "+kind)
			haveU = []int{1}
		}
		wantT := drivers.TaggedWithVoice(w)
		if w.Mode == drivers.ModeTrunk {
			// A trunk permits its PVID and tagged VLANs alike.
			have, wnt := append(haveU, haveT...), append([]int{data}, wantT...)
			if del := drivers.Without(have, wnt...); len(del) > 0 {
				out = append(out, "undo port trunk permit vlan "+drivers.FormatVLANWords(del))
			}
			if add := drivers.Without(wnt, have...); len(add) > 0 {
				out = append(out, "port trunk permit vlan "+drivers.FormatVLANWords(add))
			}
		} else {
			if del := drivers.Without(append(haveU, haveT...), append([]int{data}, wantT...)...); len(del) > 0 {
				out = append(out, "undo port hybrid vlan "+drivers.FormatVLANWords(del))
			}
			if !slices.Contains(haveU, data) {
				out = append(out, "port hybrid vlan "+strconv.Itoa(data)+" untagged")
			}
			if add := drivers.Without(wantT, haveT...); len(add) > 0 {
				out = append(out, "port hybrid vlan "+drivers.FormatVLANWords(add)+" tagged")
			}
		}
		if c.Mode != w.Mode || drivers.VLANOrDefault(c.DataVLAN) != data {
			if data != 1 || c.Mode == w.Mode {
				out = append(out, "port "+kind+" pvid vlan "+strconv.Itoa(data))
			}
		}
	default:
		if c.Mode != drivers.ModeAccess && c.Mode != drivers.ModeDefault {
			out = append(out, "port link-type access")
		} else if data == 1 {
			return append(out, "undo port access vlan")
		}
		if data != 1 {
			out = append(out, "port access vlan "+strconv.Itoa(data))
		}
	}
	return out
}

// Sections implements drivers.Driver: LLDP, the scope's VLAN and interface
// sections in Comware's current-configuration form, with the lines voxlan
// does not manage as read.
func (Driver) Sections(cfg *drivers.Config, scope drivers.Scope) []drivers.Section {
	var out []drivers.Section
	if scope.Global {
		out = append(out, drivers.LLDPSection(cfg.LLDP, " lldp global enable", " undo lldp global enable"))
	}
	for _, id := range scope.VLANs {
		out = append(out, drivers.VLANSectionRaw(cfg, id))
	}
	for _, name := range scope.Ports {
		p := cfg.Ports[name]
		if p == nil {
			continue
		}
		// The port as it would be written from scratch: the lines that
		// make a default port into it.
		blank := drivers.NewConfig()
		blank.Ports[name] = &drivers.Port{Name: name, Mode: drivers.ModeAccess, PoEOff: true}
		out = append(out, drivers.PortSection(cfg, name, " ", portLines(name, blank, cfg)))
	}
	return out
}
