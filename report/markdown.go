package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/voxlan/voxlan/audit"
)

// RenderMarkdown writes the report as GitHub-flavoured Markdown, for
// tickets. The port map is a table of the ports that have a role or a
// finding; the panel drawing is in the HTML and PDF.
func RenderMarkdown(w io.Writer, c *Catalog, docs []*Document, opts Options) error {
	bw := bufio.NewWriter(w)
	m := &mdWriter{w: bw, c: c}
	for i, d := range docs {
		if i > 0 {
			m.line("\n---\n")
		}
		m.site(d, opts)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("report: markdown: %w", err)
	}
	return nil
}

type mdWriter struct {
	w *bufio.Writer
	c *Catalog
}

func (m *mdWriter) line(format string, a ...any) {
	fmt.Fprintf(m.w, format, a...)
	m.w.WriteByte('\n')
}

// mdCell escapes what would break a table cell or be read as HTML (a
// switch's description is device data): backslashes, pipes, angle
// brackets; line breaks become <br>.
func mdCell(s string) string {
	s = mdEscaper.Replace(s)
	return strings.ReplaceAll(s, "\n", "<br>")
}

var mdEscaper = strings.NewReplacer("\\", "\\\\", "|", "\\|", "\r", "", "<", "&lt;", ">", "&gt;")

func (m *mdWriter) table(head []string, rows [][]string) {
	cells := make([]string, len(head))
	for i, h := range head {
		cells[i] = mdCell(h)
	}
	m.line("| %s |", strings.Join(cells, " | "))
	seps := make([]string, len(head))
	for i := range seps {
		seps[i] = "---"
	}
	m.line("|%s|", strings.Join(seps, "|"))
	for _, r := range rows {
		for i := range r {
			r[i] = mdCell(r[i])
		}
		m.line("| %s |", strings.Join(r, " | "))
	}
	m.line("")
}

func (m *mdWriter) status(s audit.Status) string {
	marks := map[audit.Status]string{
		audit.StatusPass: "✅", audit.StatusFail: "❌", audit.StatusWarn: "⚠️",
		audit.StatusManual: "☐", audit.StatusUnknown: "❔", StatusNotApplicable: "➖",
	}
	return marks[s] + " " + m.c.status(s)
}

func (m *mdWriter) site(d *Document, opts Options) {
	c := m.c
	m.line("# %s — %s", c.T("doc.title"), mdCell(d.Site))
	m.line("")
	m.line("**%s** — %s", c.T("evidence.item", "key", c.T("cover.verdict"), "values", c.verdict(d.Verdict)), c.T("verdict."+string(d.Verdict)+".explain"))
	m.line("")
	notGiven := func(s string) string {
		if s == "" {
			return c.T("cover.notGiven")
		}
		return s
	}
	m.table([]string{c.T("cover.site"), d.Site}, [][]string{
		{c.T("cover.address"), notGiven(d.Address)},
		{c.T("cover.auditDate"), dateOrNone(c, d.TakenAt)},
		{c.T("cover.generated"), dateOrNone(c, d.GeneratedAt)},
		{c.T("cover.ranBy"), notGiven(d.RunBy)},
		{c.T("cover.profile"), d.Profile},
		{c.T("cover.engineering"), c.engineeringValue(d)},
		{c.T("section.switches"), c.T("cover.switches", "n", c.Int(len(d.Switches)), "ports", c.Int(d.portCount()))},
	})
	m.line("%s", countsLine(c, d))
	m.line("")

	m.line("## %s", c.T("section.summary"))
	m.line("")
	for _, b := range summaryBlocks(c, d) {
		m.line("### %s", b.Title)
		m.line("")
		for _, l := range b.Lines {
			m.line("- %s", mdCell(l))
		}
		if len(b.Lines) > 0 {
			m.line("")
		}
		if b.Note != "" {
			m.line("%s", b.Note)
			m.line("")
		}
	}

	if v := sinceSection(c, d); v != nil {
		m.line("## %s", c.T("section.since"))
		m.line("")
		m.line("%s", mdCell(v.Intro))
		m.line("")
		for _, t := range v.Tables {
			m.infoTable(t)
		}
	}

	m.line("## 1. %s", c.T("section.requirements"))
	m.line("")
	var rows [][]string
	for _, r := range d.Requirements {
		rows = append(rows, []string{r.ID, c.T("req."+r.ID) + " (" + c.T("reqsrc."+r.ID) + ")", m.status(r.Status), c.requirementEvidence(r)})
	}
	m.table([]string{c.T("col.id"), c.T("col.requirement"), c.T("col.status"), c.T("col.evidence")}, rows)

	m.line("## 2. %s", c.T("section.switches"))
	m.line("")
	rows = nil
	for _, s := range d.Switches {
		if !s.Seen {
			rows = append(rows, []string{switchLabel(s), c.T("switch.notSeen"), "", "", "", ""})
			continue
		}
		budget, headroom := c.poeCells(s.PoE, c.T("list.sep"))
		rows = append(rows, []string{switchLabel(s), strings.TrimSpace(s.Vendor + " " + s.Model), s.OS + " " + s.Version, budget, headroom, vlanList(c, s.VLANs)})
	}
	m.table([]string{c.T("col.switch"), c.T("col.model"), c.T("col.os"), c.T("col.poeBudget"), c.T("col.poeHeadroom"), c.T("col.vlans")}, rows)

	m.line("## 3. %s", c.T("section.portmap"))
	m.line("")
	for _, s := range d.Switches {
		m.line("### %s", mdCell(switchLabel(s)))
		m.line("")
		m.line("%s", roleSummary(c, s.Panel))
		m.line("")
		rows = nil
		for _, b := range s.Panel.Blocks {
			for _, p := range b.Ports {
				if p.Role == audit.RoleEmpty && p.Status == "" {
					continue
				}
				st := c.T("portmap.noFinding")
				if p.Status != "" {
					st = m.status(p.Status)
				}
				rows = append(rows, []string{p.Name, c.role(p.Role), st})
			}
		}
		if len(rows) > 0 {
			m.table([]string{c.T("col.port"), c.T("col.role"), c.T("col.status")}, rows)
		}
	}

	m.line("## 4. %s", c.T("section.findings"))
	m.line("")
	if len(d.Result.Findings) == 0 {
		m.line("%s", c.T("findings.none"))
		m.line("")
	}
	m.findings(c.T("findings.site"), d.SiteFindings)
	for _, s := range d.Switches {
		m.findings(switchLabel(s), s.Findings)
	}

	m.line("## 5. %s", c.T("section.plan"))
	m.line("")
	m.line("%s", c.T("plan.intro"))
	m.line("")
	if d.Plan.Len() == 0 {
		m.line("%s", c.T("plan.none"))
		m.line("")
	} else {
		m.line("%s", planCount(c, d))
		m.line("")
		m.line("%s", c.planCLIHint(d))
		m.line("")
		for _, sp := range d.Plan.Switches {
			m.line("### %s", mdCell(d.SwitchLabel(sp.Switch)))
			m.line("")
			for i, l := range groupChanges(sp.Changes) {
				m.line("%d. %s (%s)", i+1, mdCell(c.changeLineText(l)), reasonRequirements(l.Reasons))
			}
			m.line("")
		}
	}
	m.line("### %s", c.T("section.applied"))
	m.line("")
	if d.Applied == nil {
		m.line("%s", c.T("applied.none"))
		m.line("")
	}
	for _, b := range appliedBlocks(c, d) {
		m.line("#### %s — %s", mdCell(b.Title), m.status(b.Status))
		m.line("")
		for _, l := range b.Lines {
			m.line("%s", mdCell(l))
			m.line("")
		}
		for _, t := range b.Tables {
			m.infoTable(t)
		}
	}

	m.line("## 6. %s", c.T("section.probe"))
	m.line("")
	if d.Probe == nil {
		m.line("%s", c.T("probe.none"))
		m.line("")
	} else {
		m.line("%s", c.T("probe.interface", "iface", d.Probe.Interface))
		m.line("")
		for _, t := range probeTables(c, d.Probe) {
			m.infoTable(t)
		}
	}

	m.line("## 7. %s", c.T("section.sizing"))
	m.line("")
	if s := d.Sizing; s == nil {
		m.line("%s", c.T("sizing.none"))
		m.line("")
	} else {
		m.table([]string{c.T("sizing.users"), c.Int(s.Users)}, [][]string{
			{c.T("sizing.traffic"), c.T("unit.erlang", "v", c.Num(s.TrafficErlang, 2))},
			{c.T("sizing.channels"), c.Int(s.Channels)},
			{c.T("sizing.voiceBw"), c.kbps(s.VoiceKbps)},
			{c.T("sizing.verdict"), m.status(s.Verdict)},
		})
		m.line("%s", c.sizingAssumption(s))
		m.line("")
		if s.Declared {
			m.line("%s", c.T("sizing.declared", "access", c.TOr("access."+s.Access, s.Access), "up", c.kbps(s.UpKbps), "down", c.kbps(s.DownKbps)))
			if s.WANMaxChannels >= 0 {
				m.line("%s", c.T("sizing.carries", "max", c.Int(s.WANMaxChannels), "need", c.Int(s.Channels)))
			} else {
				m.line("%s", c.T("sizing.noColumn"))
			}
			if s.LowSpeed {
				m.line("**%s**", c.T("sizing.lowSpeed"))
			}
		} else {
			m.line("%s", c.T("sizing.notDeclared"))
		}
		m.line("")
		m.line("%s", c.T("sizing.central"))
		m.line("")
		m.line("### %s", c.T("sizing.services"))
		m.line("")
		rows = nil
		for _, svc := range s.Services {
			rows = append(rows, []string{c.T("service." + svc.Key), c.kbps(svc.Kbps)})
		}
		m.table([]string{c.T("col.service"), c.T("col.perSession")}, rows)
		m.line("%s", c.T("sizing.videoNote"))
		m.line("")
		m.line("### %s", c.T("sizing.xdsl"))
		m.line("")
		rows = nil
		for _, x := range s.XDSL {
			name := c.xdslAccess(x)
			if x.Matches {
				name = "**" + name + "**"
			}
			rows = append(rows, []string{name, c.xdslUp(x), c.xdslDown(x), c.Int(x.MaxChannels)})
		}
		m.table([]string{c.T("col.access"), c.T("col.up"), c.T("col.down"), c.T("col.maxChannels")}, rows)
	}

	m.line("## 8. %s", c.T("section.firewall"))
	m.line("")
	if len(d.Firewall) == 0 {
		m.line("%s", c.T("firewall.none"))
		m.line("")
	} else {
		m.line("%s", c.T("firewall.intro", "profile", d.Profile))
		m.line("")
		for _, r := range d.Firewall {
			m.line("- [ ] %s — %s %s", c.opening(r), r.Protocol, r.Ports)
		}
		m.line("")
	}

	m.line("## 9. %s", c.T("section.manual"))
	m.line("")
	m.line("%s", c.T("manual.intro"))
	m.line("")
	for _, it := range d.Manual {
		m.line("- [ ] %s (%s)", c.T("manual."+it.Key), it.Requirement)
	}
	m.line("")
	m.line("%s", c.T("manual.signature"))
	m.line("")
	m.line("## %s", c.T("section.legend"))
	m.line("")
	for _, s := range legendStatuses {
		m.line("- %s — %s", m.status(s), c.T("legend.status."+string(s)))
	}
	m.line("")
	for _, t := range legendTexts(c) {
		m.line("- %s", t)
	}
	m.line("")
	if blocks := cliBlocks(c, d); len(blocks) > 0 {
		m.line("## %s", c.T("section.cli"))
		m.line("")
		m.line("%s", c.T("cli.intro", "max", cliLinesMax))
		m.line("")
		for _, b := range blocks {
			m.line("### %s", mdCell(b.Title))
			m.line("")
			for _, l := range b.Lines {
				m.line("    %s", l) // an indented code block: no fence to escape
			}
			m.line("")
			if b.More > 0 {
				m.line("%s", c.cliMore(b.More, d.PlanFile))
				m.line("")
			}
		}
	}
	m.line("_%s_", c.T("doc.generatedBy", "version", opts.Version))
}

func (m *mdWriter) findings(title string, fs []audit.Finding) {
	if len(fs) == 0 {
		return
	}
	c := m.c
	m.line("### %s", mdCell(title))
	m.line("")
	var rows [][]string
	for _, f := range groupFindings(fs) {
		msg := c.message(f.Message)
		if ev := c.evidence(f.Evidence); ev != "" {
			msg += "\n" + c.T("evidence.item", "key", c.T("col.evidence"), "values", ev)
		}
		fix := strings.Join(c.rowFixes(f), "\n")
		if fix == "" && f.Status != audit.StatusPass {
			fix = c.T("finding.noFix")
		}
		rows = append(rows, []string{f.Requirement, f.PortsText(), m.status(f.Status), msg, fix})
	}
	m.table([]string{c.T("col.id"), c.T("col.port"), c.T("col.status"), c.T("col.message"), c.T("col.fix")}, rows)
}

func (m *mdWriter) infoTable(t infoTable) {
	m.line("### %s", mdCell(t.Title))
	m.line("")
	rows := make([][]string, len(t.Rows))
	for i, r := range t.Rows {
		rows[i] = append([]string{}, r...)
		if t.StatusCol >= 0 {
			rows[i][t.StatusCol] = m.status(t.Statuses[i])
		}
	}
	m.table(t.Head, rows)
	if t.Note != "" {
		m.line("%s", mdCell(t.Note))
		m.line("")
	}
}
