// Package apply pushes a switch's change plan safely: plan (read only),
// backup, send in one session, verify by reading back, save only after
// verification, and on any failure roll the touched sections back to the
// backup and say what state each port is in.
package apply

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
)

// SectionDiff is one configuration section before and after the plan.
type SectionDiff struct {
	Title string `json:"title"`
	// Lines are " kept", "-removed", "+added".
	Lines []string `json:"lines"`
}

// SwitchPlan is what would be sent to one switch and why.
type SwitchPlan struct {
	Switch   string        `json:"switch"`
	Platform string        `json:"platform"`
	Lines    []string      `json:"lines"`
	Diff     []SectionDiff `json:"diff"`
	Refused  []Refusal     `json:"refused"`
	// Ports are the ports the plan touches.
	Ports []string `json:"ports"`
	// SafetyNet says what protects the switch while the change is not yet
	// verified: the OS's own revert timer (drivers.SafetyNet, with
	// DefaultRevertAfter), or drivers.NoNetNote.
	SafetyNet string `json:"safetyNet,omitempty"`

	driver  drivers.Driver
	changes []audit.Change
	cur     *drivers.Config
	want    *drivers.Config
	scope   drivers.Scope
}

// Empty reports whether nothing needs sending.
func (p *SwitchPlan) Empty() bool { return len(p.Lines) == 0 }

// Plan reads the switch's running configuration and LLDP neighbours over
// sess (show commands only) and works out the lines, the diff and the
// refusals for changes.
func Plan(ctx context.Context, sess drivers.Session, d drivers.Driver, target string, changes []audit.Change, g Guard) (*SwitchPlan, error) {
	a := d.Attrs()
	text, err := sess.Command(ctx, a.ConfigCommand)
	if err != nil {
		return nil, err
	}
	nb := map[string]string{}
	for _, c := range append([]string{a.NeighborCommand}, a.MoreNeighborCommands...) {
		if c == "" {
			continue
		}
		// LLDP or CDP may be off; then there is nothing to learn from
		// it, and the trunk rule still guards uplinks.
		if out, err := sess.Command(ctx, c); err == nil {
			nb[c] = out
		}
	}
	if nd, ok := d.(drivers.NeighborDetailer); ok {
		for _, port := range neighborPorts(d, nb[a.NeighborCommand], changes) {
			c := nd.NeighborDetailCommand(port)
			if out, err := sess.Command(ctx, c); err == nil {
				nb[c] = out
			}
		}
	}
	return planFromText(d, target, text, nb, changes, g)
}

// neighborPorts are the ports changes name on which the neighbour list
// shows a neighbour.
func neighborPorts(d drivers.Driver, list string, changes []audit.Change) []string {
	var sw snapshot.Switch
	if list == "" || d.Fill(&sw, map[string]string{d.Attrs().NeighborCommand: list}) != nil {
		return nil
	}
	var out []string
	for _, p := range sw.Ports {
		if len(p.Neighbors) == 0 {
			continue
		}
		for _, c := range changes {
			if c.Port != "" && canonicalPorts(d, []string{c.Port})[0] == p.Name {
				out = append(out, p.Name)
				break
			}
		}
	}
	return out
}

// PlanFromText is Plan on saved outputs: the running configuration and
// the output of the driver's neighbour command ("" when not available).
func PlanFromText(d drivers.Driver, target, config, neighbors string, changes []audit.Change, g Guard) (*SwitchPlan, error) {
	return planFromText(d, target, config, map[string]string{d.Attrs().NeighborCommand: neighbors}, changes, g)
}

func planFromText(d drivers.Driver, target, config string, neighbors map[string]string, changes []audit.Change, g Guard) (*SwitchPlan, error) {
	cur, err := d.ParseConfig(config)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", target, err)
	}
	nb := map[string][]snapshot.Neighbor{}
	for cmd, out := range neighbors {
		if cmd == "" || out == "" {
			continue
		}
		var sw snapshot.Switch
		if err := d.Fill(&sw, map[string]string{cmd: out}); err == nil {
			for _, p := range sw.Ports {
				nb[p.Name] = append(nb[p.Name], p.Neighbors...)
			}
		}
	}
	// Port names as the driver spells them, so guard lists and neighbour
	// tables match ("GigabitEthernet1/0/1" and "Gi1/0/1").
	g.Protect = canonicalPorts(d, g.Protect)
	canon := slices.Clone(changes)
	for i := range canon {
		if canon[i].Port != "" {
			canon[i].Port = canonicalPorts(d, []string{canon[i].Port})[0]
		}
	}
	keep, refused := g.filter(d, cur, nb, canon)
	keep, more := g.keepManagement(d, cur, keep)
	refused = append(refused, more...)
	want, scope, lines, more, err := planPortByPort(d, cur, keep)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", target, err)
	}
	keep = dropPorts(keep, more)
	refused = append(refused, more...)
	slices.SortFunc(refused, func(a, b Refusal) int { return audit.ComparePorts(a.Port, b.Port) })
	p := &SwitchPlan{Switch: target, Platform: d.Name(), Lines: lines, Refused: refused, Ports: scope.Ports,
		driver: d, changes: keep, cur: cur, want: want, scope: scope}
	if p.Lines == nil {
		p.Lines = []string{}
	}
	if p.Refused == nil {
		p.Refused = []Refusal{}
	}
	if net, ok, why := p.safetyNet(DefaultRevertAfter); ok {
		p.SafetyNet = net.Note
	} else {
		p.SafetyNet = why
	}
	p.Diff = sectionDiffs(d.Sections(cur, scope), d.Sections(want, scope))
	if p.Diff == nil {
		p.Diff = []SectionDiff{}
	}
	return p, nil
}

// planPortByPort works out the wanted state and the lines for changes.
// When the driver cannot plan them all (a port it cannot render, such as a
// trunk it will not convert), the ports whose own changes fail are refused
// with the driver's reason and the rest is planned: one port never drops a
// switch's legitimate fixes. An error is left only when the switch-wide
// changes alone fail.
func planPortByPort(d drivers.Driver, cur *drivers.Config, changes []audit.Change) (*drivers.Config, drivers.Scope, []string, []Refusal, error) {
	plan := func(cs []audit.Change) (*drivers.Config, drivers.Scope, []string, error) {
		want, scope, err := d.Want(cur, cs)
		if err != nil {
			return nil, scope, nil, err
		}
		lines, err := d.Render(cur, want, scope)
		return want, scope, lines, err
	}
	want, scope, lines, err := plan(changes)
	if err == nil {
		return want, scope, lines, nil, nil
	}
	var refused []Refusal
	for _, port := range changedPorts(changes) {
		own := portChanges(changes, port)
		if _, _, _, perr := plan(own); perr != nil {
			refused = append(refused, Refusal{Port: port, Reason: perr.Error(), Changes: len(own) - len(portChanges(changes, ""))})
		}
	}
	if len(refused) == 0 {
		return nil, scope, nil, nil, err
	}
	want, scope, lines, err = plan(dropPorts(changes, refused))
	if err != nil {
		return nil, scope, nil, nil, err
	}
	return want, scope, lines, refused, nil
}

// changedPorts lists the ports changes name, in order.
func changedPorts(changes []audit.Change) []string {
	var ports []string
	for _, c := range changes {
		if c.Port != "" && !slices.Contains(ports, c.Port) {
			ports = append(ports, c.Port)
		}
	}
	return ports
}

// portChanges are the switch-wide changes and those of port ("" for the
// switch-wide ones alone).
func portChanges(changes []audit.Change, port string) []audit.Change {
	var out []audit.Change
	for _, c := range changes {
		if c.Port == "" || c.Port == port {
			out = append(out, c)
		}
	}
	return out
}

// dropPorts removes the changes of refused ports.
func dropPorts(changes []audit.Change, refused []Refusal) []audit.Change {
	var out []audit.Change
	for _, c := range changes {
		if !slices.ContainsFunc(refused, func(r Refusal) bool { return r.Port == c.Port && c.Port != "" }) {
			out = append(out, c)
		}
	}
	return out
}

// safetyNet is the driver's device-side net for this plan, or why there is
// none.
func (p *SwitchPlan) safetyNet(after time.Duration) (drivers.Net, bool, string) {
	sn, ok := p.driver.(drivers.SafetyNet)
	if !ok {
		return drivers.Net{}, false, drivers.NoNetNote
	}
	return sn.SafetyNet(p.cur, after)
}

// canonicalPorts spells names the way the driver's ParseConfig does, when
// the driver offers it.
func canonicalPorts(d drivers.Driver, names []string) []string {
	c, ok := d.(interface{ CanonicalPort(string) string })
	if !ok {
		return names
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = c.CanonicalPort(n)
	}
	return out
}

// sectionDiffs pairs sections by title and keeps those that change. A nil
// Lines means the section does not exist (a VLAN not yet created).
func sectionDiffs(before, after []drivers.Section) []SectionDiff {
	byTitle := map[string]drivers.Section{}
	for _, s := range before {
		byTitle[s.Title] = s
	}
	var out []SectionDiff
	seen := map[string]bool{}
	for _, a := range after {
		seen[a.Title] = true
		b, existed := byTitle[a.Title]
		if existed && (b.Lines == nil) == (a.Lines == nil) && slices.Equal(b.Lines, a.Lines) {
			continue
		}
		out = append(out, SectionDiff{Title: a.Title, Lines: diffLines(b.Lines, a.Lines)})
	}
	for _, b := range before {
		if !seen[b.Title] {
			out = append(out, SectionDiff{Title: b.Title, Lines: diffLines(b.Lines, nil)})
		}
	}
	return out
}
