package diff

import (
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
)

// Kinds of PortChange.
const (
	PortChanged = "changed"
	PortAdded   = "added"
	PortRemoved = "removed"
)

// PortChange is one port (or, with Port empty, one switch) that differs
// between the two audits.
type PortChange struct {
	Switch string `json:"switch"`
	Port   string `json:"port,omitempty"`
	// Change is "changed", "added" or "removed".
	Change string `json:"change"`
	// Fields are what changed on a port seen in both audits.
	Fields []FieldChange `json:"fields,omitempty"`
}

// FieldChange is one property of a port before and after. Fields: role,
// link (up/down), speed (Mb/s), duplex, mode, pvid, untaggedVlans,
// taggedVlans (comma-separated, ascending), voiceVlan, poe ("none" without
// PSE, "disabled", else the detection: deliveringPower, searching,
// fault...).
type FieldChange struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

type portKey struct{ sw, port string }

// comparePorts compares the ports the audits gave a role (physical
// switching ports: management interfaces and VLAN interfaces are left out
// by the audit), with their snapshots' properties when both snapshots are
// known. A switch with no port in one audit (not read) is not reported
// port by port: its findings say it was not read.
func comparePorts(old, new Audit) ([]PortChange, bool) {
	withSnap := old.Snapshot != nil && new.Snapshot != nil
	oldRoles, oldOrder := roles(old.Result)
	newRoles, newOrder := roles(new.Result)
	oldPorts, newPorts := portsOf(old.Snapshot), portsOf(new.Snapshot)
	oldSwitches, newSwitches := switchesOf(old), switchesOf(new)
	oldHasPorts, newHasPorts := switchesWithPorts(oldOrder), switchesWithPorts(newOrder)

	out := []PortChange{}
	for _, sw := range orderedSwitches(newSwitches, oldSwitches) {
		switch {
		case !slices.Contains(oldSwitches, sw):
			out = append(out, PortChange{Switch: sw, Change: PortAdded})
		case !slices.Contains(newSwitches, sw):
			out = append(out, PortChange{Switch: sw, Change: PortRemoved})
		}
	}
	for _, k := range newOrder {
		if !slices.Contains(oldSwitches, k.sw) || !oldHasPorts[k.sw] {
			continue
		}
		was, ok := oldRoles[k]
		if !ok {
			out = append(out, PortChange{Switch: k.sw, Port: k.port, Change: PortAdded})
			continue
		}
		var fields []FieldChange
		if was != newRoles[k] {
			fields = append(fields, FieldChange{Field: "role", From: string(was), To: string(newRoles[k])})
		}
		if withSnap {
			fields = append(fields, portFields(oldPorts[k], newPorts[k])...)
		}
		if len(fields) > 0 {
			out = append(out, PortChange{Switch: k.sw, Port: k.port, Change: PortChanged, Fields: fields})
		}
	}
	for _, k := range oldOrder {
		if _, still := newRoles[k]; !still && slices.Contains(newSwitches, k.sw) && newHasPorts[k.sw] {
			out = append(out, PortChange{Switch: k.sw, Port: k.port, Change: PortRemoved})
		}
	}
	return out, withSnap
}

func roles(r *audit.Result) (map[portKey]audit.Role, []portKey) {
	m := make(map[portKey]audit.Role, len(r.Ports))
	order := make([]portKey, 0, len(r.Ports))
	for _, p := range r.Ports {
		k := portKey{p.Switch, p.Port}
		if _, dup := m[k]; !dup {
			m[k] = p.Role
			order = append(order, k)
		}
	}
	return m, order
}

func portsOf(s *snapshot.Snapshot) map[portKey]*snapshot.Port {
	if s == nil {
		return nil
	}
	m := map[portKey]*snapshot.Port{}
	for i := range s.Switches {
		sw := &s.Switches[i]
		for j := range sw.Ports {
			k := portKey{sw.Target, sw.Ports[j].Name}
			if _, dup := m[k]; !dup {
				m[k] = &sw.Ports[j]
			}
		}
	}
	return m
}

// switchesOf lists the switches an audit knows: its snapshot's when known
// (those that answered), else those its findings and ports name.
func switchesOf(a Audit) []string {
	var out []string
	add := func(sw string) {
		if sw != "" && !slices.Contains(out, sw) {
			out = append(out, sw)
		}
	}
	if a.Snapshot != nil {
		for _, sw := range a.Snapshot.Switches {
			add(sw.Target)
		}
		return out
	}
	for _, p := range a.Result.Ports {
		add(p.Switch)
	}
	for _, f := range a.Result.Findings {
		add(f.Switch)
	}
	return out
}

func switchesWithPorts(order []portKey) map[string]bool {
	m := map[string]bool{}
	for _, k := range order {
		m[k.sw] = true
	}
	return m
}

func orderedSwitches(first, then []string) []string {
	out := slices.Clone(first)
	for _, sw := range then {
		if !slices.Contains(out, sw) {
			out = append(out, sw)
		}
	}
	return out
}

// portFields compares what a port looked like in each snapshot; a port
// missing from one snapshot compares nothing.
func portFields(old, new *snapshot.Port) []FieldChange {
	if old == nil || new == nil {
		return nil
	}
	var out []FieldChange
	add := func(field, from, to string) {
		if from != to {
			out = append(out, FieldChange{Field: field, From: from, To: to})
		}
	}
	add("link", link(old), link(new))
	if old.OperUp && new.OperUp {
		// A down port's speed and duplex are the last or configured ones.
		add("speed", strconv.Itoa(old.SpeedMbps), strconv.Itoa(new.SpeedMbps))
		add("duplex", old.Duplex, new.Duplex)
	}
	add("mode", old.Mode, new.Mode)
	add("pvid", strconv.Itoa(old.PVID), strconv.Itoa(new.PVID))
	add("untaggedVlans", vlans(old.UntaggedVLANs), vlans(new.UntaggedVLANs))
	add("taggedVlans", vlans(old.TaggedVLANs), vlans(new.TaggedVLANs))
	add("voiceVlan", strconv.Itoa(old.VoiceVLAN), strconv.Itoa(new.VoiceVLAN))
	add("poe", poe(old.PoE), poe(new.PoE))
	return out
}

func link(p *snapshot.Port) string {
	if p.OperUp {
		return "up"
	}
	return "down"
}

func vlans(ids []int) string {
	s := slices.Clone(ids)
	slices.Sort(s)
	s = slices.Compact(s)
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = strconv.Itoa(v)
	}
	return strings.Join(parts, ",")
}

func poe(p *snapshot.PortPoE) string {
	switch {
	case p == nil:
		return "none"
	case !p.AdminEnabled:
		return "disabled"
	case p.Detection == "":
		return "enabled"
	}
	return p.Detection
}
