package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/voxlan/voxlan/audit"
)

// The helpers below turn Document values into words of one language. Every
// renderer uses them, so the five formats say the same thing.

func (c *Catalog) status(s audit.Status) string { return c.T("status." + string(s)) }

func (c *Catalog) role(r audit.Role) string { return c.TOr("role."+string(r), string(r)) }

func (c *Catalog) verdict(v audit.Verdict) string { return c.T("verdict." + string(v)) }

// message picks a finding's message in the catalogue's language, falling
// back to the other language rather than printing nothing (the audit's
// catalogue tests make sure both exist).
func (c *Catalog) message(t audit.Text) string {
	fr, en := t.FR, t.EN
	if c.Lang == French {
		if fr != "" {
			return frenchSpacing(fr)
		}
		return en
	}
	if en != "" {
		return en
	}
	return fr
}

// change describes one vendor-neutral change in words, with its port.
func (c *Catalog) change(ch audit.Change) string {
	l := changeLine{Changes: []audit.Change{ch}}
	if ch.Port != "" {
		l.Ports = []string{ch.Port}
	}
	return c.changeLineText(l)
}

// changeWhat describes what a change does, without naming its port (the
// plan line names the ports it applies to).
func (c *Catalog) changeWhat(ch audit.Change) string {
	switch ch.Kind {
	case audit.ChangeCreateVLAN:
		if ch.Voice {
			return c.T("change.createVoiceVlan", "vlan", ch.VLAN, "name", ch.Name)
		}
		return c.T("change.createVlan", "vlan", ch.VLAN, "name", ch.Name)
	case audit.ChangeSetVoiceVLAN:
		return c.T("change.setVoiceVlan", "vlan", ch.VLAN)
	case audit.ChangeSetDataVLAN:
		return c.T("change.setDataVlan", "vlan", ch.VLAN)
	case audit.ChangeSetPortMode:
		mode := c.TOr("mode."+string(ch.Mode), string(ch.Mode))
		if len(ch.TaggedVLANs) == 0 {
			return c.T("change.setPortModeNoTags", "mode", mode)
		}
		if len(ch.TaggedVLANs) == 1 {
			return c.T("change.setPortModeOneTag", "mode", mode, "vlans", joinInts(ch.TaggedVLANs))
		}
		return c.T("change.setPortMode", "mode", mode, "vlans", joinInts(ch.TaggedVLANs))
	case audit.ChangeEnableLLDP:
		if ch.Port == "" {
			return c.T("change.enableLldp")
		}
		return c.T("change.enableLldpPort")
	case audit.ChangeEnableMEDPolicy:
		p := ch.Policy
		if p == nil {
			break
		}
		return c.T("change.enableMedPolicy", "app", c.TOr("app."+p.Application, p.Application),
			"vlan", p.VLAN, "tagged", c.T("tagged."+strconv.FormatBool(p.Tagged)), "priority", p.Priority, "dscp", p.DSCP)
	case audit.ChangeEnablePoE:
		return c.T("change.enablePoe")
	}
	return c.T("change.unknown", "kind", ch.Kind)
}

// requirementEvidence is the requirements table's evidence cell: the worst
// finding's message and evidence, and how many more findings there are.
func (c *Catalog) requirementEvidence(row RequirementRow) string {
	switch {
	case row.Status == StatusNotApplicable:
		return c.T("requirement.notApplicable")
	case row.Worst == nil:
		return c.T("requirement.noFinding")
	}
	total := 0
	for _, n := range row.Findings {
		total += n
	}
	if row.Status == audit.StatusPass {
		if total == 1 {
			return c.T("requirement.allPassOne")
		}
		return c.T("requirement.allPass", "n", c.Int(total))
	}
	s := c.message(row.Worst.Message)
	if row.Worst.Port != "" {
		s = row.Worst.Port + " — " + s
	}
	if ev := c.evidenceBrief(row.Worst.Evidence, evidenceSummaryRunes); ev != "" {
		s += " (" + ev + ")"
	}
	if total > 1 {
		s += " " + c.T("requirement.more", "n", c.Int(total-1))
	}
	return s
}

// kbps prints a bandwidth as the STAS does: round figures in Mbit/s
// ("2,7 Mbit/s"), the rest in kbit/s ("2 048 kbit/s" for an SDSL 2M).
func (c *Catalog) kbps(v int) string {
	if v >= 1000 && v%100 == 0 {
		return c.T("unit.mbps", "v", c.Num(float64(v)/1000, 2))
	}
	return c.T("unit.kbps", "v", c.Int(v))
}

func (c *Catalog) watts(w float64) string { return c.T("poe.watts", "w", c.Num(w, 1)) }

// switchLabel names a switch by its sysName with its address when they
// differ.
func switchLabel(p SwitchPage) string {
	if p.Name != "" && p.Name != p.Target {
		return p.Name + " (" + p.Target + ")"
	}
	return p.Target
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// xdslCondition describes one bound of the STAS low-speed table.
func (c *Catalog) xdslUp(r XDSLRow) string {
	switch {
	case r.MaxUpKbps > 0:
		return c.T("sizing.cond.lt", "v", c.kbps(r.MaxUpKbps+1))
	case r.MinUpKbps > 0:
		return c.T("sizing.cond.ge", "v", c.kbps(r.MinUpKbps))
	}
	return c.T("sizing.cond.none")
}

func (c *Catalog) xdslDown(r XDSLRow) string {
	if r.MinDownKbps > 0 {
		return c.T("sizing.cond.ge", "v", c.kbps(r.MinDownKbps))
	}
	return c.T("sizing.cond.none")
}

// xdslAccess names a column as the STAS does ("SDSL 1M"): the access and,
// for SDSL, its speed.
func (c *Catalog) xdslAccess(r XDSLRow) string {
	name := c.TOr("access."+r.Access, r.Access)
	if r.Access == "sdsl" {
		return fmt.Sprintf("%s %dM", name, r.MinUpKbps/1024)
	}
	return name
}

// sizingAssumption states the Erlang B model and the figures it gave.
func (c *Catalog) sizingAssumption(s *SizingView) string {
	return c.T("sizing.assumption", "users", c.Int(s.Users), "epu", c.Num(s.ErlangPerUser, 3),
		"traffic", c.Num(s.TrafficErlang, 2), "blocking", c.Percent(s.Blocking, 2),
		"channels", c.Int(s.Channels), "bw", c.kbps(s.VoiceKbps))
}

// portCount counts the physical ports on every panel.
func (d *Document) portCount() int {
	n := 0
	for _, s := range d.Switches {
		for _, b := range s.Panel.Blocks {
			n += len(b.Ports)
		}
	}
	return n
}

func dateOrNone(c *Catalog, t time.Time) string {
	if t.IsZero() {
		return c.T("cover.notGiven")
	}
	return c.DateTime(t)
}

// evidenceSummaryRunes bounds the evidence in the requirements table, which
// gives it "in a few words"; the findings section has it whole.
const evidenceSummaryRunes = 90

// shorten cuts s to at most n runes, on a space when one is near, with an
// ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for i := n; i > n*2/3; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:") + "…"
}

// SwitchLabel names the switch with that target as the report does
// elsewhere ("lyo-pdu-sw2 (10.20.0.12)"), the target alone when unknown.
func (d *Document) SwitchLabel(target string) string {
	for _, s := range d.Switches {
		if s.Target == target {
			return switchLabel(s)
		}
	}
	return target
}

// fixes describes a finding's fix, its changes folded as in the plan.
func (c *Catalog) fixes(f audit.Finding) []string {
	lines := groupChanges(f.Fix)
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = c.changeLineText(l)
	}
	return out
}

// planCount says how many changes the plan holds and on how many lines
// the report shows them.
func planCount(c *Catalog, d *Document) string {
	lines := 0
	for _, sp := range d.Plan.Switches {
		lines += len(groupChanges(sp.Changes))
	}
	return c.T("plan.count", "n", c.Int(d.Plan.Len()), "switches", c.Int(len(d.Plan.Switches)), "lines", c.Int(lines))
}

// poeCells words a switch's PoE for the switches table: the budget with
// what is drawn and how many ports are powered, and the headroom. A switch
// whose PoE was not read says so and what to check; "no PoE" is only said
// when the audit could tell.
func (c *Catalog) poeCells(p PoEView, sep string) (budget, headroom string) {
	powered := c.T("poe.powered", "n", c.Int(p.PoweredPorts))
	if p.PortsNotRead {
		powered = c.T("poe.portsNotRead")
	}
	switch {
	case p.Supported && p.BudgetW > 0:
		return c.watts(p.BudgetW) + sep + c.T("col.poeUsed") + " " + c.watts(p.ConsumptionW) + sep + powered,
			c.T("poe.headroom", "w", c.Num(p.HeadroomW, 1), "n", p.PhonesHeadroom)
	case p.Supported:
		return c.T("poe.noBudget") + sep + powered, c.T("poe.headroomUnknown")
	case p.Absent:
		return c.T("switch.noPoE"), ""
	}
	return c.T("switch.poeNotRead"), ""
}

// engineeringValue words the site's LAN engineering and where it comes
// from for the cover: "VLAN voix optionnel délivré par LLDP (STAS 2.5.3),
// déclarée dans l'inventaire".
func (c *Catalog) engineeringValue(d *Document) string {
	return c.T("cover.engineeringValue", "engineering", c.T("engineering."+string(d.Engineering)),
		"source", c.T("engineeringSource."+d.EngineeringSource))
}
