package report

import (
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/diff"
)

// sinceView is the "Since the last audit" section: a sentence comparing
// with the site's previous audit, then what is new, fixed, changed, gone
// unverified, and the ports that changed. nil when there is no earlier
// audit to compare with.
type sinceView struct {
	Intro  string
	Tables []infoTable
}

func sinceSection(c *Catalog, d *Document) *sinceView {
	s := d.Since
	if s == nil {
		return nil
	}
	sum := s.Summary
	v := &sinceView{Intro: c.T("since.intro", "date", c.Date(s.OldAudit.TakenAt.In(d.GeneratedAt.Location())), "ref", s.OldAudit.Ref,
		"verdict", c.verdict(audit.Verdict(s.OldAudit.Verdict)), "fixed", c.Int(sum.Fixed), "new", c.Int(sum.New), "remain", c.Int(sum.Unchanged))}
	findings := func(title string, ids []string, status func(old, new *audit.Finding) (audit.Status, string)) {
		if len(ids) == 0 {
			return
		}
		t := infoTable{Title: title, Head: []string{c.T("col.requirement"), c.T("col.switch"), c.T("col.message"), c.T("col.status")}, StatusCol: 3}
		for _, id := range ids {
			old, cur := s.Finding(id)
			f := cur
			if f == nil {
				f = old
			}
			where := d.SwitchLabel(f.Switch)
			if f.Port != "" {
				where += " " + f.Port
			}
			st, prefix := status(old, cur)
			t.Rows = append(t.Rows, []string{f.Requirement, strings.TrimSpace(where), prefix + c.message(f.Message), ""})
			t.Statuses = append(t.Statuses, st)
		}
		v.Tables = append(v.Tables, t)
	}
	now := func(_, cur *audit.Finding) (audit.Status, string) { return cur.Status, "" }
	findings(c.T("since.new"), s.New, now)
	findings(c.T("since.fixed"), s.Fixed, func(*audit.Finding, *audit.Finding) (audit.Status, string) { return audit.StatusPass, "" })
	var changed []string
	for _, ch := range s.Changed {
		changed = append(changed, ch.ID)
	}
	findings(c.T("since.changed"), changed, func(old, cur *audit.Finding) (audit.Status, string) {
		from := c.T("since.absent")
		if old != nil {
			from = c.status(old.Status)
		}
		return cur.Status, c.T("since.statusChange", "from", from, "to", c.status(cur.Status)) + " — "
	})
	findings(c.T("since.unverified"), s.Unverified, func(old, _ *audit.Finding) (audit.Status, string) { return audit.StatusUnknown, "" })
	if len(s.Ports) > 0 {
		t := infoTable{Title: c.T("since.ports"), Head: []string{c.T("col.switch"), c.T("col.port"), c.T("col.change")}, StatusCol: -1}
		for _, pc := range s.Ports {
			t.Rows = append(t.Rows, []string{d.SwitchLabel(pc.Switch), pc.Port, c.portChange(pc)})
		}
		v.Tables = append(v.Tables, t)
	}
	if len(v.Tables) == 0 {
		v.Intro += " " + c.T("since.nothing")
	}
	return v
}

// portChange words one port's changes: "PoE: disabled → deliveringPower;
// duplex: half → full", or that the port or switch appeared or went.
func (c *Catalog) portChange(pc diff.PortChange) string {
	switch pc.Change {
	case diff.PortAdded:
		return c.T("since.port.added")
	case diff.PortRemoved:
		return c.T("since.port.removed")
	}
	parts := make([]string, 0, len(pc.Fields))
	for _, f := range pc.Fields {
		from, to := f.From, f.To
		if f.Field == "role" {
			from, to = c.role(audit.Role(from)), c.role(audit.Role(to))
		}
		parts = append(parts, c.T("since.fieldChange", "field", c.TOr("since.field."+f.Field, f.Field), "from", from, "to", to))
	}
	return strings.Join(parts, "; ")
}
