package report

import (
	"slices"

	"github.com/voxlan/voxlan/audit"
)

// Summary is the report's first page after the cover, for a reader who is
// not a network engineer: the verdict, what blocks the go-live, what
// voxlan can fix itself, what needs someone on site, what could not be
// checked. Every line names a requirement in plain words and how many
// ports or switches it concerns; the sections after it give the detail.
type Summary struct {
	// Blocking are the requirements that fail.
	Blocking []SummaryLine
	// Fixable are the requirements whose problems the change plan fixes
	// over SSH (voxlan apply).
	Fixable []SummaryLine
	// OnSite are the requirements with a problem no change can fix
	// (cabling, a phone cascade, the WAN access, a DHCP server...).
	OnSite []SummaryLine
	// Unchecked are the requirements nothing could judge (a table not
	// read, no probe at the jack).
	Unchecked []SummaryLine
	// PlanChanges and PlanSwitches size the change plan.
	PlanChanges, PlanSwitches int
	// ManualItems is how many boxes there are to tick on site.
	ManualItems int
}

// SummaryLine is one requirement in the summary.
type SummaryLine struct {
	Requirement string
	// Findings counts the findings behind the line; Ports and Switches
	// how many distinct ports and switches they name, PortSwitches on how
	// many switches those ports are.
	Findings, Ports, Switches, PortSwitches int
}

// summarize draws the summary from the document's findings and plan.
func summarize(d *Document) Summary {
	s := Summary{PlanChanges: d.Plan.Len(), PlanSwitches: len(d.Plan.Switches), ManualItems: len(d.Manual)}
	type tally struct {
		findings int
		ports    map[[2]string]bool
		switches map[string]bool
	}
	newTally := func() *tally { return &tally{ports: map[[2]string]bool{}, switches: map[string]bool{}} }
	blocking, fixable, onSite, unchecked := map[string]*tally{}, map[string]*tally{}, map[string]*tally{}, map[string]*tally{}
	count := func(m map[string]*tally, f audit.Finding) {
		t := m[f.Requirement]
		if t == nil {
			t = newTally()
			m[f.Requirement] = t
		}
		t.findings++
		if f.Port != "" {
			t.ports[[2]string{f.Switch, f.Port}] = true
		}
		if f.Switch != "" {
			t.switches[f.Switch] = true
		}
	}
	for _, f := range d.Result.Findings {
		switch f.Status {
		case audit.StatusUnknown:
			count(unchecked, f)
			continue
		case audit.StatusFail:
			count(blocking, f)
		case audit.StatusWarn:
		default:
			continue
		}
		if len(f.Fix) > 0 {
			count(fixable, f)
		} else {
			count(onSite, f)
		}
	}
	line := func(id string, t *tally) SummaryLine {
		portSwitches := map[string]bool{}
		for k := range t.ports {
			portSwitches[k[0]] = true
		}
		return SummaryLine{Requirement: id, Findings: t.findings, Ports: len(t.ports), Switches: len(t.switches), PortSwitches: len(portSwitches)}
	}
	lines := func(m map[string]*tally) []SummaryLine {
		var out []SummaryLine
		for _, id := range RequirementIDs {
			if t := m[id]; t != nil {
				out = append(out, line(id, t))
			}
		}
		// A requirement of an edited profile, after the known ones.
		var others []string
		for id := range m {
			if !slices.Contains(RequirementIDs, id) {
				others = append(others, id)
			}
		}
		slices.Sort(others)
		for _, id := range others {
			out = append(out, line(id, m[id]))
		}
		return out
	}
	s.Blocking, s.Fixable, s.OnSite, s.Unchecked = lines(blocking), lines(fixable), lines(onSite), lines(unchecked)
	// A requirement nothing judged at all is unchecked too.
	for _, r := range d.Requirements {
		if r.Status == audit.StatusUnknown && r.Worst == nil {
			s.Unchecked = append(s.Unchecked, SummaryLine{Requirement: r.ID})
		}
	}
	return s
}

// summaryLine words one line: the requirement's short title and what it
// concerns ("Ports hybrides (L4) : 3 ports sur 2 switchs").
func (c *Catalog) summaryLine(l SummaryLine) string {
	title := c.TOr("reqshort."+l.Requirement, l.Requirement)
	var scope string
	switch {
	case l.Ports > 0 && l.Switches > max(l.PortSwitches, 1):
		// Some switches count for themselves, not for a port: "3
		// switchs, dont 1 port", never "1 port sur 3 switchs".
		scope = c.T("summary.switchesAndPorts", "switches", c.count("count.switch", l.Switches), "ports", c.count("count.port", l.Ports))
	case l.Ports > 0:
		scope = c.T("summary.ports", "ports", c.count("count.port", l.Ports), "switches", c.count("count.switch", max(l.Switches, 1)))
	case l.Switches > 0:
		scope = c.count("count.switch", l.Switches)
	case l.Findings > 0:
		scope = c.T("summary.site")
	default:
		scope = c.T("summary.notJudged")
	}
	return c.T("summary.line", "title", title, "id", l.Requirement, "scope", scope)
}

// summaryBlock is one titled list of the summary, as the renderers draw
// it: an empty list says so in words rather than vanish.
type summaryBlock struct {
	Title string
	Lines []string
	Note  string
}

func summaryBlocks(c *Catalog, d *Document) []summaryBlock {
	s := summarize(d)
	words := func(ls []SummaryLine) []string {
		out := make([]string, len(ls))
		for i, l := range ls {
			out[i] = c.summaryLine(l)
		}
		return out
	}
	blocks := []summaryBlock{
		{Title: c.T("summary.blocking"), Lines: words(s.Blocking)},
		{Title: c.T("summary.fixable"), Lines: words(s.Fixable)},
		{Title: c.T("summary.onSite"), Lines: words(s.OnSite)},
		{Title: c.T("summary.unchecked"), Lines: words(s.Unchecked)},
	}
	if len(s.Blocking) == 0 {
		blocks[0].Note = c.T("summary.noBlocking")
	}
	if s.PlanChanges > 0 {
		blocks[1].Note = c.T("summary.fixableNote", "n", c.Int(s.PlanChanges), "switches", c.Int(s.PlanSwitches))
	} else {
		blocks[1].Note = c.T("summary.nothingToFix")
	}
	blocks[2].Note = c.T("summary.onSiteNote", "n", c.Int(s.ManualItems))
	if len(s.Unchecked) == 0 {
		blocks[3].Note = c.T("summary.allChecked")
	}
	return blocks
}

// legendTerms are the words the legend at the end explains
// ("legend.term.<key>"), in the order a reader meets them.
var legendTerms = []string{"poe", "notRead", "vlan", "tagged", "hybrid", "lldp", "uplink", "hub", "dhcp", "erlang"}

// legendStatuses are the statuses the legend explains, worst first.
var legendStatuses = []audit.Status{audit.StatusFail, audit.StatusUnknown, audit.StatusWarn, audit.StatusManual, audit.StatusPass, StatusNotApplicable}

// legendTexts words the legend's terms.
func legendTexts(c *Catalog) []string {
	out := make([]string, len(legendTerms))
	for i, k := range legendTerms {
		out[i] = c.T("legend.term." + k)
	}
	return out
}
