package audit

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/voxlan/voxlan/audit"
)

// writeTable prints each site's findings grouped by switch, the worst
// switch first and the worst findings first within it. On a terminal it
// aligns columns and adds headings; piped, it writes tab-separated lines
// (site, switch, port, requirement, status, id, message) for scripts.
func writeTable(w io.Writer, results []*audit.Result, lang string, tty bool) error {
	msg := func(f audit.Finding) string {
		if lang == "fr" {
			return f.Message.FR
		}
		return f.Message.EN
	}
	if !tty {
		for _, r := range results {
			for _, g := range groups(r) {
				for _, f := range g.findings {
					if _, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Site, g.name, f.Port, f.Requirement, f.Status, f.ID, msg(f)); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	for i, r := range results {
		if i > 0 {
			fmt.Fprintln(w)
		}
		c := r.Counts()
		fmt.Fprintf(w, "site %s  profile %s  engineering %s (%s)  verdict %s\n", r.Site, r.Profile, r.Engineering, r.EngineeringSource, strings.ToUpper(string(r.Verdict)))
		fmt.Fprintf(w, "%d fail, %d unknown, %d warn, %d manual, %d pass; %d ports\n", c[audit.StatusFail], c[audit.StatusUnknown], c[audit.StatusWarn], c[audit.StatusManual], c[audit.StatusPass], len(r.Ports))
		if s := r.Sizing; s != nil {
			a := s.Assumption.EN
			if lang == "fr" {
				a = s.Assumption.FR
			}
			fmt.Fprintln(w, a)
		}
		for _, g := range groups(r) {
			fmt.Fprintf(w, "\n%s\n", g.title)
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "  STATUS\tREQ\tPORT\tFIX\tMESSAGE")
			for _, f := range g.findings {
				fix := ""
				if n := len(f.Fix); n > 0 {
					fix = fmt.Sprintf("%d chg", n)
				}
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", f.Status, f.Requirement, f.Port, fix, msg(f))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
		}
		if p := audit.BuildPlan(r); p.Len() > 0 {
			fmt.Fprintf(w, "\nplan: %d change(s) on %d switch(es); voxlan plan shows the CLI per switch\n", p.Len(), len(p.Switches))
		}
	}
	return nil
}

type group struct {
	name, title string
	findings    []audit.Finding
	worst       int
}

// groups splits a result's findings per switch (site-wide ones under
// "site"), sorted worst first.
func groups(r *audit.Result) []*group {
	index := map[string]*group{}
	var out []*group
	for _, f := range r.Findings {
		name := f.Switch
		g := index[name]
		if g == nil {
			title := "switch " + name
			if name == "" {
				title = "site " + r.Site
			}
			g = &group{name: name, title: title}
			index[name] = g
			out = append(out, g)
		}
		g.findings = append(g.findings, f)
		g.worst = max(g.worst, f.Status.Severity())
	}
	for _, g := range out {
		slices.SortStableFunc(g.findings, func(a, b audit.Finding) int {
			if d := b.Status.Severity() - a.Status.Severity(); d != 0 {
				return d
			}
			if d := audit.ComparePorts(a.Port, b.Port); d != 0 {
				return d
			}
			return cmp.Compare(a.ID, b.ID)
		})
	}
	slices.SortStableFunc(out, func(a, b *group) int { return b.worst - a.worst })
	return out
}
