package report

import (
	"fmt"
	"strings"

	"github.com/voxlan/voxlan/audit"
)

// site draws one site's report, sections in the same order as the HTML.
func (p *pdfDoc) site(d *Document, opts Options) {
	c, f := p.c, p.f

	// Cover.
	f.Ln(12)
	p.heading(1, c.T("doc.title"))
	f.SetTextColor(69, 90, 100)
	p.font("", 11)
	f.MultiCell(contentW, 6, p.s(c.T("doc.subtitle")), "", "L", false)
	f.SetTextColor(33, 33, 33)
	f.Ln(8)
	notGiven := func(s string) string {
		if s == "" {
			return c.T("cover.notGiven")
		}
		return s
	}
	p.keyValues([][2]string{
		{c.T("cover.site"), d.Site},
		{c.T("cover.address"), notGiven(d.Address)},
		{c.T("cover.auditDate"), dateOrNone(c, d.TakenAt)},
		{c.T("cover.generated"), dateOrNone(c, d.GeneratedAt)},
		{c.T("cover.ranBy"), notGiven(d.RunBy)},
		{c.T("cover.profile"), d.Profile},
		{c.T("cover.engineering"), c.engineeringValue(d)},
		{c.T("section.switches"), c.T("cover.switches", "n", c.Int(len(d.Switches)), "ports", c.Int(d.portCount()))},
	})
	f.Ln(4)
	word := c.verdict(d.Verdict)
	p.font("B", 26)
	w := f.GetStringWidth(p.s(word)) + 16
	r, g, b := hexRGB(verdictColors[d.Verdict])
	f.SetFillColor(r, g, b)
	f.SetTextColor(255, 255, 255)
	f.CellFormat(w, 16, p.s(word), "", 1, "C", true, 0, "")
	f.SetTextColor(33, 33, 33)
	f.Ln(3)
	p.font("", 11)
	f.MultiCell(contentW, 5.5, p.s(c.T("verdict."+string(d.Verdict)+".explain")), "", "L", false)
	f.Ln(2)
	p.para(countsLine(c, d))
	p.muted(c.T("doc.generatedBy", "version", opts.Version))

	// Summary, for the reader who decides.
	f.AddPage()
	p.summary(d)
	p.since(d)

	// 1. Requirements.
	f.AddPage()
	p.heading(2, "1. "+c.T("section.requirements"))
	var rows [][]cell
	for _, r := range d.Requirements {
		rows = append(rows, []cell{{text: r.ID, bold: true}, txt(c.T("req."+r.ID) + "\n" + c.T("reqsrc."+r.ID)), {status: r.Status}, txt(c.requirementEvidence(r))})
	}
	p.table([]string{c.T("col.id"), c.T("col.requirement"), c.T("col.status"), c.T("col.evidence")}, []float64{11, 80, 27, 68}, rows)

	// 2. Switches.
	p.heading(2, "2. "+c.T("section.switches"))
	rows = nil
	for _, s := range d.Switches {
		name := s.Name + "\n" + s.Target
		if !s.Seen {
			rows = append(rows, []cell{{text: name, bold: true}, txt(c.T("switch.notSeen")), txt(""), txt(""), txt(""), txt("")})
			continue
		}
		budget, headroom := c.poeCells(s.PoE, "\n")
		rows = append(rows, []cell{{text: name, bold: true}, txt(strings.TrimSpace(s.Vendor + " " + s.Model + "\n" + s.Serial)),
			txt(s.OS + "\n" + s.Version), txt(budget), txt(headroom), txt(vlanList(c, s.VLANs))})
	}
	p.table([]string{c.T("col.switch"), c.T("col.model"), c.T("col.os"), c.T("col.poeBudget"), c.T("col.poeHeadroom"), c.T("col.vlans")},
		[]float64{38, 32, 24, 32, 28, 32}, rows)
	for _, s := range d.Switches {
		for _, e := range s.Errors {
			p.para(s.Name + " — " + c.T("switch.errors") + " — " + c.T("evidence.item", "key", e.Stage, "values", e.Message))
		}
	}

	// 3. One page per switch: its front panel.
	for i, s := range d.Switches {
		f.AddPage()
		title := s.Name
		if i == 0 {
			title = "3. " + c.T("section.portmap") + " — " + s.Name
		}
		p.heading(2, title)
		info := s.Target
		if s.Seen {
			info += " · " + strings.TrimSpace(s.Vendor+" "+s.Model) + " · " + s.OS + " " + s.Version
		}
		p.muted(info)
		if len(s.Panel.Blocks) == 0 {
			p.para(c.T("portmap.noPorts"))
		} else {
			p.panel(s.Panel)
		}
		p.para(roleSummary(c, s.Panel))
		if t, ok := attentionTable(c, s.Panel); ok {
			p.heading(3, t.Title)
			p.infoTable(t, []float64{24, 36, 27, 99})
		}
	}

	// 4. Findings.
	f.AddPage()
	p.heading(2, "4. "+c.T("section.findings"))
	if len(d.Result.Findings) == 0 {
		p.para(c.T("findings.none"))
	}
	p.findings(c.T("findings.site"), d.SiteFindings)
	for _, s := range d.Switches {
		p.findings(switchLabel(s), s.Findings)
	}

	// 5. Change plan and applied changes.
	p.heading(2, "5. "+c.T("section.plan"))
	p.para(c.T("plan.intro"))
	if d.Plan.Len() == 0 {
		p.para(c.T("plan.none"))
	} else {
		p.para(planCount(c, d))
		p.muted(c.planCLIHint(d))
		for _, sp := range d.Plan.Switches {
			p.heading(3, d.SwitchLabel(sp.Switch))
			rows = nil
			for i, l := range groupChanges(sp.Changes) {
				rows = append(rows, []cell{txt(fmt.Sprint(i + 1)), txt(c.changeLineText(l)), txt(reasonRequirements(l.Reasons))})
			}
			p.table([]string{"#", c.T("col.change"), c.T("col.requirement")}, []float64{10, 150, 26}, rows)
		}
	}
	p.heading(3, c.T("section.applied"))
	if d.Applied == nil {
		p.para(c.T("applied.none"))
	}
	for _, b := range appliedBlocks(c, d) {
		p.font("B", 10)
		f.CellFormat(f.GetStringWidth(p.s(b.Title))+3, 7, p.s(b.Title), "", 0, "L", false, 0, "")
		p.pill(b.Status, c.status(b.Status), statusColor(b.Status))
		f.Ln(8)
		for _, l := range b.Lines {
			p.para(l)
		}
		for _, t := range b.Tables {
			p.heading(3, t.Title)
			if len(t.Head) == 2 {
				p.infoTable(t, []float64{159, 27})
			} else {
				p.infoTable(t, []float64{30, 27, 129})
			}
		}
	}

	// 6. Jack probe.
	p.heading(2, "6. "+c.T("section.probe"))
	if d.Probe == nil {
		p.para(c.T("probe.none"))
	} else {
		p.para(c.T("probe.interface", "iface", d.Probe.Interface))
		for _, t := range probeTables(c, d.Probe) {
			p.heading(3, t.Title)
			p.infoTable(t, probeWidths(len(t.Head)))
		}
	}

	// 7. WAN sizing.
	p.heading(2, "7. "+c.T("section.sizing"))
	if s := d.Sizing; s == nil {
		p.para(c.T("sizing.none"))
	} else {
		p.keyValues([][2]string{
			{c.T("sizing.users"), c.Int(s.Users)},
			{c.T("sizing.traffic"), c.T("unit.erlang", "v", c.Num(s.TrafficErlang, 2))},
			{c.T("sizing.channels"), c.Int(s.Channels)},
			{c.T("sizing.voiceBw"), c.kbps(s.VoiceKbps)},
		})
		p.para(c.sizingAssumption(s))
		p.font("B", 10)
		f.CellFormat(f.GetStringWidth(p.s(c.T("sizing.verdict")))+3, 7, p.s(c.T("sizing.verdict")), "", 0, "L", false, 0, "")
		p.pill(s.Verdict, c.status(s.Verdict), statusColor(s.Verdict))
		f.Ln(8)
		if s.Declared {
			p.para(c.T("sizing.declared", "access", c.TOr("access."+s.Access, s.Access), "up", c.kbps(s.UpKbps), "down", c.kbps(s.DownKbps)))
			if s.WANMaxChannels >= 0 {
				p.para(c.T("sizing.carries", "max", c.Int(s.WANMaxChannels), "need", c.Int(s.Channels)))
			} else {
				p.para(c.T("sizing.noColumn"))
			}
			if s.LowSpeed {
				p.para(c.T("sizing.lowSpeed"))
			}
		} else {
			p.para(c.T("sizing.notDeclared"))
		}
		p.muted(c.T("sizing.central"))
		p.heading(3, c.T("sizing.services"))
		rows = nil
		for _, svc := range s.Services {
			rows = append(rows, []cell{txt(c.T("service." + svc.Key)), txt(c.kbps(svc.Kbps))})
		}
		p.table([]string{c.T("col.service"), c.T("col.perSession")}, []float64{120, 66}, rows)
		p.muted(c.T("sizing.videoNote"))
		p.heading(3, c.T("sizing.xdsl"))
		rows = nil
		for _, x := range s.XDSL {
			rows = append(rows, []cell{{text: c.xdslAccess(x), bold: x.Matches}, {text: c.xdslUp(x), bold: x.Matches},
				{text: c.xdslDown(x), bold: x.Matches}, {text: c.Int(x.MaxChannels), bold: x.Matches}})
		}
		p.table([]string{c.T("col.access"), c.T("col.up"), c.T("col.down"), c.T("col.maxChannels")}, []float64{50, 46, 46, 44}, rows)
	}

	// 8. Firewall checklist.
	p.heading(2, "8. "+c.T("section.firewall"))
	if len(d.Firewall) == 0 {
		p.para(c.T("firewall.none"))
	} else {
		p.para(c.T("firewall.intro", "profile", d.Profile))
		rows = nil
		for _, r := range d.Firewall {
			rows = append(rows, []cell{{box: true}, txt(c.opening(r)), txt(r.Protocol), txt(r.Ports)})
		}
		p.table([]string{c.T("col.check"), c.T("col.service"), c.T("col.protocol"), c.T("col.ports")},
			[]float64{12, 100, 22, 52}, rows)
	}

	// 9. Manual items.
	p.heading(2, "9. "+c.T("section.manual"))
	p.para(c.T("manual.intro"))
	rows = nil
	for _, it := range d.Manual {
		rows = append(rows, []cell{{box: true}, txt(c.T("manual." + it.Key)), {text: it.Requirement, bold: true}})
	}
	p.table([]string{c.T("col.check"), c.T("col.item"), c.T("col.requirement")}, []float64{12, 148, 26}, rows)
	f.Ln(6)
	p.para(c.T("manual.signature"))

	// Legend of statuses and terms.
	p.legendSection()

	// Appendix: the plan's exact CLI lines, capped per switch.
	if blocks := cliBlocks(c, d); len(blocks) > 0 {
		p.heading(2, c.T("section.cli"))
		p.muted(c.T("cli.intro", "max", cliLinesMax))
		for _, b := range blocks {
			p.heading(3, b.Title)
			p.font("", 7.5)
			f.MultiCell(contentW, 3.4, p.s(strings.Join(b.Lines, "\n")), "", "L", false)
			if b.More > 0 {
				p.muted(c.cliMore(b.More, d.PlanFile))
			}
		}
	}
}

// summary draws the one-page summary: the verdict, then what blocks, what
// voxlan fixes, what needs someone, what was not checked.
func (p *pdfDoc) summary(d *Document) {
	c, f := p.c, p.f
	p.heading(2, c.T("section.summary"))
	p.muted(c.T("summary.intro"))
	p.font("B", 11)
	label := c.T("cover.verdict")
	f.CellFormat(f.GetStringWidth(p.s(label))+3, 7, p.s(label), "", 0, "L", false, 0, "")
	p.pill(audit.Status(d.Verdict), c.verdict(d.Verdict), verdictColors[d.Verdict])
	f.Ln(8)
	p.para(c.T("verdict." + string(d.Verdict) + ".explain"))
	for _, b := range summaryBlocks(c, d) {
		p.heading(3, b.Title)
		for _, l := range b.Lines {
			p.bullet(l)
		}
		if b.Note != "" {
			p.muted(b.Note)
		}
	}
}

func (p *pdfDoc) bullet(text string) {
	f := p.f
	p.font("", 9)
	f.SetX(marginX + 2)
	f.CellFormat(4, lineH, "•", "", 0, "L", false, 0, "")
	f.MultiCell(contentW-6, lineH, p.s(text), "", "L", false)
	f.Ln(0.6)
}

// legendSection explains the statuses and the words a non-engineer meets.
func (p *pdfDoc) legendSection() {
	c := p.c
	p.heading(2, c.T("section.legend"))
	rows := make([][]cell, 0, len(legendStatuses))
	for _, s := range legendStatuses {
		rows = append(rows, []cell{{status: s}, txt(c.T("legend.status." + string(s)))})
	}
	p.table([]string{c.T("legend.statuses"), ""}, []float64{34, contentW - 34}, rows)
	p.heading(3, c.T("legend.terms"))
	for _, t := range legendTexts(c) {
		p.bullet(t)
	}
}

func (p *pdfDoc) findings(title string, fs []audit.Finding) {
	if len(fs) == 0 {
		return
	}
	c := p.c
	p.heading(3, title)
	groups := groupFindings(fs)
	rows := make([][]cell, 0, len(groups))
	for _, f := range groups {
		msg := c.message(f.Message)
		if ev := c.evidence(f.Evidence); ev != "" {
			msg += "\n" + c.T("evidence.item", "key", c.T("col.evidence"), "values", ev)
		}
		fix := strings.Join(c.rowFixes(f), "\n")
		if fix == "" && f.Status != audit.StatusPass {
			fix = c.T("finding.noFix")
		}
		rows = append(rows, []cell{{text: f.Requirement, bold: true}, txt(f.PortsText()), {status: f.Status}, txt(msg), txt(fix)})
	}
	p.table([]string{c.T("col.id"), c.T("col.port"), c.T("col.status"), c.T("col.message"), c.T("col.fix")}, []float64{11, 20, 27, 70, 58}, rows)
}

// probeWidths shares the page between a probe table's columns, the
// status column last and narrow.
func probeWidths(n int) []float64 {
	switch n {
	case 1:
		return []float64{contentW}
	case 3:
		return []float64{40, 119, 27}
	case 4:
		return []float64{45, 55, 59, 27}
	case 5:
		return []float64{45, 45, 35, 34, 27}
	}
	w := make([]float64, n)
	for i := range w {
		w[i] = contentW / float64(n)
	}
	return w
}

// since draws "Since the last audit" under the summary, when the site has
// an earlier audit to compare with.
func (p *pdfDoc) since(d *Document) {
	v := sinceSection(p.c, d)
	if v == nil {
		return
	}
	p.heading(2, p.c.T("section.since"))
	p.para(v.Intro)
	for _, t := range v.Tables {
		p.heading(3, t.Title)
		if t.StatusCol < 0 {
			p.infoTable(t, []float64{50, 22, 114})
		} else {
			p.infoTable(t, []float64{20, 40, 99, 27})
		}
	}
}

// infoTable draws a shared table, its status column as pills.
func (p *pdfDoc) infoTable(t infoTable, widths []float64) {
	rows := make([][]cell, len(t.Rows))
	for i, r := range t.Rows {
		for j, text := range r {
			if j == t.StatusCol {
				rows[i] = append(rows[i], cell{status: t.Statuses[i]})
			} else {
				rows[i] = append(rows[i], txt(text))
			}
		}
	}
	p.table(t.Head, widths, rows)
	if t.Note != "" {
		p.muted(t.Note)
	}
}
