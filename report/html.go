package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
)

//go:embed templates/report.html.tmpl templates/style.css
var templateFiles embed.FS

// Options are what every renderer may use besides the documents.
type Options struct {
	// Version is voxlan's version, printed in the report.
	Version string
}

type htmlView struct {
	Docs    []*Document
	Version string
}

var (
	htmlOnce sync.Once
	htmlText string
	htmlCSS  string
	htmlErr  error
)

func loadHTMLFiles() {
	htmlOnce.Do(func() {
		t, err := templateFiles.ReadFile("templates/report.html.tmpl")
		if err != nil {
			htmlErr = err
			return
		}
		css, err := templateFiles.ReadFile("templates/style.css")
		if err != nil {
			htmlErr = err
			return
		}
		htmlText, htmlCSS = string(t), string(css)
	})
}

// RenderHTML writes one self-contained HTML file: inline CSS and SVG, no
// script, no reference to anything outside the file. Several documents
// give one file with a contents page.
func RenderHTML(w io.Writer, c *Catalog, docs []*Document, opts Options) error {
	loadHTMLFiles()
	if htmlErr != nil {
		return fmt.Errorf("report: html template: %w", htmlErr)
	}
	tmpl, err := template.New("report").Funcs(htmlFuncs(c, opts)).Parse(htmlText)
	if err != nil {
		return fmt.Errorf("report: html template: %w", err)
	}
	if err := tmpl.ExecuteTemplate(w, "report", htmlView{Docs: docs, Version: opts.Version}); err != nil {
		return fmt.Errorf("report: html: %w", err)
	}
	return nil
}

func htmlFuncs(c *Catalog, opts Options) template.FuncMap {
	return template.FuncMap{
		"t":    c.T,
		"lang": func() string { return string(c.Lang) },
		// The stylesheet is ours, embedded; it is trusted CSS.
		"css":     func() template.CSS { return template.CSS(htmlCSS) },
		"version": func() string { return opts.Version },
		"status": func(s audit.Status) template.HTML {
			return template.HTML(fmt.Sprintf(`<span class="status status-%s">%s</span>`,
				template.HTMLEscapeString(string(s)), template.HTMLEscapeString(c.status(s))))
		},
		"verdict":          c.verdict,
		"engineeringValue": c.engineeringValue,
		"verdictColor":     func(v audit.Verdict) template.CSS { return template.CSS(verdictColors[v]) },
		"datetime": func(t time.Time) string {
			if t.IsZero() {
				return c.T("cover.notGiven")
			}
			return c.DateTime(t)
		},
		"int":            c.Int,
		"num":            c.Num,
		"watts":          c.watts,
		"kbps":           c.kbps,
		"message":        c.message,
		"evidence":       c.evidence,
		"findingRows":    groupFindings,
		"rowFixes":       c.rowFixes,
		"planLines":      groupChanges,
		"changeLine":     c.changeLineText,
		"reasons":        func(l changeLine) string { return reasonRequirements(l.Reasons) },
		"planCount":      func(d *Document) string { return planCount(c, d) },
		"summaryBlocks":  func(d *Document) []summaryBlock { return summaryBlocks(c, d) },
		"legendStatuses": func() []audit.Status { return legendStatuses },
		"legendTexts":    func() []string { return legendTexts(c) },
		"cliBlocks":      func(d *Document) []cliBlock { return cliBlocks(c, d) },
		"cliMore":        c.cliMore,
		"cliLinesMax":    func() int { return cliLinesMax },
		"planCLIHint":    c.planCLIHint,
		"poeCells": func(p PoEView) [2]string {
			budget, headroom := c.poeCells(p, "\n")
			return [2]string{budget, headroom}
		},
		"reqEvidence":   c.requirementEvidence,
		"assumption":    c.sizingAssumption,
		"xdslAccess":    c.xdslAccess,
		"xdslUp":        c.xdslUp,
		"xdslDown":      c.xdslDown,
		"access":        func(a string) string { return c.TOr("access."+a, a) },
		"opening":       c.opening,
		"appliedBlocks": func(d *Document) []appliedBlock { return appliedBlocks(c, d) },
		"sinceSection":  func(d *Document) *sinceView { return sinceSection(c, d) },
		"lines": func(s string) template.HTML {
			return template.HTML(strings.ReplaceAll(template.HTMLEscapeString(s), "\n", "<br>"))
		},
		"probeTables": func(p *snapshot.Probe) []infoTable { return probeTables(c, p) },
		// infoTableHTML escapes every cell.
		"infoTable": func(t infoTable) template.HTML { return template.HTML(infoTableHTML(c, t)) },
		"inc":       func(i int) int { return i + 1 },
		"counts":    func(d *Document) string { return countsLine(c, d) },
		"switchCount": func(d *Document) string {
			return c.T("cover.switches", "n", c.Int(len(d.Switches)), "ports", c.Int(d.portCount()))
		},
		"vlans": func(v []snapshot.VLAN) string { return vlanList(c, v) },
		// The SVG is built by portMapSVG, which escapes every text it
		// writes.
		"panel":       func(p Panel) template.HTML { return template.HTML(portMapSVG(c, p)) },
		"legend":      func() template.HTML { return template.HTML(legendHTML(c)) },
		"roleSummary": func(p Panel) string { return roleSummary(c, p) },
		"attention": func(p Panel) template.HTML {
			if t, ok := attentionTable(c, p); ok {
				return template.HTML(infoTableHTML(c, t))
			}
			return ""
		},
	}
}

const vlanNamesMax = 8

func countsLine(c *Catalog, d *Document) string {
	return c.T("cover.counts",
		"fail", c.Int(d.Counts[audit.StatusFail]), "unknown", c.Int(d.Counts[audit.StatusUnknown]),
		"warn", c.Int(d.Counts[audit.StatusWarn]), "manual", c.Int(d.Counts[audit.StatusManual]),
		"pass", c.Int(d.Counts[audit.StatusPass]))
}

// vlanList names a switch's VLANs; beyond vlanNamesMax only the ids are
// listed (the voice VLAN keeps its mark), so a core switch's page stays
// readable.
func vlanList(c *Catalog, vlans []snapshot.VLAN) string {
	if len(vlans) == 0 {
		return c.T("switch.noVlans")
	}
	parts := make([]string, 0, len(vlans))
	for _, v := range vlans {
		s := fmt.Sprint(v.ID)
		if v.Name != "" && len(vlans) <= vlanNamesMax {
			s += " " + v.Name
		}
		if v.Voice {
			s += " (" + c.T("vlan.voice") + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, c.T("list.sep"))
}

// roleSummary counts the panel's ports per role, in the legend's order.
func roleSummary(c *Catalog, p Panel) string {
	counts := map[audit.Role]int{}
	for _, b := range p.Blocks {
		for _, pp := range b.Ports {
			counts[pp.Role]++
		}
	}
	var parts []string
	for _, r := range roleOrder {
		if counts[r] > 0 {
			parts = append(parts, c.T("portmap.roleCount", "role", c.role(r), "n", c.Int(counts[r])))
		}
	}
	return strings.Join(parts, c.T("list.sep"))
}

func legendHTML(c *Catalog) string {
	var b strings.Builder
	b.WriteString(`<div class="legend"><span><b>`)
	b.WriteString(template.HTMLEscapeString(c.T("portmap.legendRole")))
	b.WriteString(`</b></span>`)
	for _, r := range roleOrder {
		fmt.Fprintf(&b, `<span>%s%s</span>`, swatchSVG(roleColor(r), "#9e9e9e", 1), template.HTMLEscapeString(c.role(r)))
	}
	b.WriteString(`</div><div class="legend"><span><b>`)
	b.WriteString(template.HTMLEscapeString(c.T("portmap.legendStatus")))
	b.WriteString(`</b></span>`)
	for _, s := range statusOrder {
		fmt.Fprintf(&b, `<span>%s%s</span>`, swatchSVG("#ffffff", statusColor(s), statusStroke(s)), template.HTMLEscapeString(c.status(s)))
	}
	fmt.Fprintf(&b, `<span><svg class="swatch" viewBox="0 0 18 14" width="18" height="14"><circle cx="9" cy="7" r="3" fill="#fdd835" stroke="#000" stroke-width="0.5"/></svg>%s</span>`,
		template.HTMLEscapeString(c.T("portmap.powered")))
	b.WriteString(`</div>`)
	return b.String()
}

func infoTableHTML(c *Catalog, t infoTable) string {
	esc := func(s string) string {
		return strings.ReplaceAll(template.HTMLEscapeString(s), "\n", "<br>")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<h3>%s</h3>\n<table><tr>", esc(t.Title))
	for _, h := range t.Head {
		fmt.Fprintf(&b, "<th>%s</th>", esc(h))
	}
	b.WriteString("</tr>\n")
	for i, row := range t.Rows {
		b.WriteString("<tr>")
		for j, cell := range row {
			if j == t.StatusCol {
				s := t.Statuses[i]
				fmt.Fprintf(&b, `<td><span class="status status-%s">%s</span></td>`, esc(string(s)), esc(c.status(s)))
				continue
			}
			fmt.Fprintf(&b, "<td>%s</td>", esc(cell))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n")
	if t.Note != "" {
		fmt.Fprintf(&b, "<p class=\"muted\">%s</p>\n", esc(t.Note))
	}
	return b.String()
}
