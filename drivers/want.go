package drivers

import (
	"fmt"
	"slices"
	"sort"

	"github.com/voxlan/voxlan/audit"
)

// ApplyChanges is the vendor-neutral part of Driver.Want: it copies cur and
// applies each change. hybridMode is the OS's mode for "one untagged data
// VLAN plus a tagged voice VLAN" (Cisco: access, Cisco SB: general).
func ApplyChanges(cur *Config, changes []audit.Change, hybridMode string) (*Config, Scope, error) {
	want := cur.Clone()
	var scope Scope
	addPort := func(name string) *Port {
		if !slices.Contains(scope.Ports, name) {
			scope.Ports = append(scope.Ports, name)
		}
		if _, ok := want.Ports[name]; !ok {
			return nil
		}
		return want.Ports[name]
	}
	addVLAN := func(v int) {
		if !slices.Contains(scope.VLANs, v) {
			scope.VLANs = append(scope.VLANs, v)
		}
	}
	for _, c := range changes {
		if err := c.Validate(); err != nil {
			return nil, Scope{}, err
		}
		var p *Port
		if c.Port != "" {
			if p = addPort(c.Port); p == nil {
				return nil, Scope{}, fmt.Errorf("drivers: %s: port %q is not in the switch configuration; check the port name", c.Switch, c.Port)
			}
		}
		switch c.Kind {
		case audit.ChangeCreateVLAN:
			addVLAN(c.VLAN)
			v, ok := want.VLANs[c.VLAN]
			if !ok {
				v = VLAN{ID: c.VLAN, Name: c.Name}
			}
			if v.Name == "" {
				v.Name = c.Name
			}
			v.Voice = v.Voice || c.Voice
			want.VLANs[c.VLAN] = v
		case audit.ChangeEnableLLDP:
			if p == nil {
				want.LLDP = true
				scope.Global = true
			} else {
				p.LLDPTxOff, p.LLDPRxOff = false, false
			}
		case audit.ChangeSetPortMode:
			switch c.Mode {
			case audit.PortModeHybrid:
				p.Mode = hybridMode
			case audit.PortModeAccess:
				p.Mode = ModeAccess
			case audit.PortModeTrunk:
				p.Mode = ModeTrunk
			}
			for _, v := range c.TaggedVLANs {
				addVLAN(v)
				if !slices.Contains(p.TaggedVLANs, v) {
					p.TaggedVLANs = append(p.TaggedVLANs, v)
				}
			}
			sort.Ints(p.TaggedVLANs)
		case audit.ChangeSetDataVLAN:
			addVLAN(c.VLAN)
			p.DataVLAN = c.VLAN
		case audit.ChangeSetVoiceVLAN:
			addVLAN(c.VLAN)
			p.VoiceVLAN = c.VLAN
		case audit.ChangeEnableMEDPolicy:
			m := *c.Policy
			p.MED = &m
			scope.Global = true
		case audit.ChangeEnablePoE:
			p.PoEOff = false
		}
	}
	sort.Ints(scope.VLANs)
	slices.SortFunc(scope.Ports, audit.ComparePorts)
	return want, scope, nil
}

// Mismatch is one difference between the state asked for and the state
// read back.
type Mismatch struct {
	// Object is "port Gi1/0/5", "vlan 20" or "lldp".
	Object string `json:"object"`
	Field  string `json:"field"`
	Want   string `json:"want"`
	Got    string `json:"got"`
}

func (m Mismatch) String() string {
	return fmt.Sprintf("%s %s: want %s, got %s", m.Object, m.Field, m.Want, m.Got)
}

// Compare lists every difference between want and got within scope. An
// empty result means the switch is as planned.
func Compare(want, got *Config, scope Scope) []Mismatch {
	var out []Mismatch
	add := func(obj, field string, w, g any) {
		ws, gs := fmt.Sprint(w), fmt.Sprint(g)
		if ws != gs {
			out = append(out, Mismatch{Object: obj, Field: field, Want: ws, Got: gs})
		}
	}
	if scope.Global {
		add("lldp", "enabled", want.LLDP, got.LLDP)
	}
	for _, id := range scope.VLANs {
		w, wok := want.VLANs[id]
		g, gok := got.VLANs[id]
		obj := fmt.Sprintf("vlan %d", id)
		add(obj, "exists", wok, gok)
		if wok && gok && w.Name != "" {
			add(obj, "name", w.Name, g.Name)
		}
		if wok && gok && w.Voice {
			add(obj, "voice", w.Voice, g.Voice)
		}
	}
	for _, name := range scope.Ports {
		w, g := want.Ports[name], got.Ports[name]
		obj := "port " + name
		if w == nil || g == nil {
			add(obj, "present", w != nil, g != nil)
			continue
		}
		add(obj, "mode", orDefault(w.Mode), orDefault(g.Mode))
		add(obj, "dataVlan", VLANOrDefault(w.DataVLAN), VLANOrDefault(g.DataVLAN))
		add(obj, "voiceVlan", w.VoiceVLAN, g.VoiceVLAN)
		add(obj, "taggedVlans", w.TaggedVLANs, g.TaggedVLANs)
		add(obj, "poe", onOff(!w.PoEOff), onOff(!g.PoEOff))
		add(obj, "lldpTx", onOff(!w.LLDPTxOff), onOff(!g.LLDPTxOff))
		add(obj, "lldpRx", onOff(!w.LLDPRxOff), onOff(!g.LLDPRxOff))
		add(obj, "medPolicy", policyString(w.MED), policyString(g.MED))
	}
	return out
}

func orDefault(mode string) string {
	if mode == "" {
		return "default"
	}
	return mode
}

// VLANOrDefault is v, or the default VLAN 1 for 0 (not set).
func VLANOrDefault(v int) int {
	if v == 0 {
		return 1
	}
	return v
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

func policyString(p *audit.MEDPolicy) string {
	if p == nil {
		return "none"
	}
	tag := "untagged"
	if p.Tagged {
		tag = "tagged"
	}
	return fmt.Sprintf("%s vlan %d %s priority %d dscp %d", p.Application, p.VLAN, tag, p.Priority, p.DSCP)
}

// PortState is one port's managed state as a short line for reports.
func PortState(p *Port) string {
	if p == nil {
		return "absent"
	}
	return fmt.Sprintf("mode %s, data vlan %d, voice vlan %d, tagged %v, poe %s, lldp tx %s rx %s, med %s",
		orDefault(p.Mode), VLANOrDefault(p.DataVLAN), p.VoiceVLAN, p.TaggedVLANs, onOff(!p.PoEOff),
		onOff(!p.LLDPTxOff), onOff(!p.LLDPRxOff), policyString(p.MED))
}

// CompareObserved lists the differences between want and the operational
// state an Observer read, for the fields it reports (mode, untagged VLAN,
// voice VLAN) on the ports of scope.
func CompareObserved(want *Config, observed map[string]*Port, scope Scope, source string) []Mismatch {
	var out []Mismatch
	for _, name := range scope.Ports {
		w, g := want.Ports[name], observed[name]
		if w == nil {
			continue
		}
		obj := "port " + name
		if g == nil {
			out = append(out, Mismatch{Object: obj, Field: "present (" + source + ")", Want: "true", Got: "false"})
			continue
		}
		for _, c := range []struct {
			field string
			w, g  any
		}{
			{"mode", orDefault(w.Mode), orDefault(g.Mode)},
			{"dataVlan", VLANOrDefault(w.DataVLAN), VLANOrDefault(g.DataVLAN)},
			{"voiceVlan", w.VoiceVLAN, g.VoiceVLAN},
		} {
			if ws, gs := fmt.Sprint(c.w), fmt.Sprint(c.g); ws != gs {
				out = append(out, Mismatch{Object: obj, Field: c.field + " (" + source + ")", Want: ws, Got: gs})
			}
		}
	}
	return out
}
