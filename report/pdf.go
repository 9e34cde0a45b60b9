package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

	"github.com/voxlan/voxlan/audit"
)

// A4 portrait, in millimetres.
const (
	pageW     = 210.0
	pageH     = 297.0
	marginX   = 12.0
	marginTop = 14.0
	marginBot = 16.0
	contentW  = pageW - 2*marginX
	lineH     = 4.3 // body text at 9 pt
	cellPad   = 1.3
	fontName  = "dejavu"
)

// pdfDoc wraps fpdf with the catalogue, the fonts' character set and the
// few drawing helpers the report needs (headings, wrapped tables, status
// pills, the front panel).
type pdfDoc struct {
	f     *fpdf.Fpdf
	c     *Catalog
	runes map[rune]bool
}

// RenderPDF writes the report as a PDF generated in Go, with DejaVu Sans
// embedded (subset) so French accents are right. Several documents give
// one file with a contents page listing each site's first page.
func RenderPDF(w io.Writer, c *Catalog, docs []*Document, opts Options) error {
	runes, err := pdfRunes()
	if err != nil {
		return err
	}
	var starts []int
	if len(docs) > 1 {
		// First pass only to learn on which page each site starts.
		first, err := buildPDF(c, runes, docs, opts, nil)
		if err != nil {
			return err
		}
		starts = first.starts
	}
	p, err := buildPDF(c, runes, docs, opts, starts)
	if err != nil {
		return err
	}
	if err := p.f.Output(w); err != nil {
		return fmt.Errorf("report: pdf: %w", err)
	}
	return nil
}

type builtPDF struct {
	f      *fpdf.Fpdf
	starts []int
}

func buildPDF(c *Catalog, runes map[rune]bool, docs []*Document, opts Options, starts []int) (*builtPDF, error) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(marginX, marginTop, marginX)
	f.SetAutoPageBreak(true, marginBot)
	f.AddUTF8FontFromBytes(fontName, "", fontRegular)
	f.AddUTF8FontFromBytes(fontName, "B", fontBold)
	f.SetCatalogSort(true)
	f.SetTitle(c.T("doc.title"), true)
	f.SetCreator("voxlan "+opts.Version, true)
	if len(docs) == 1 {
		f.SetCreationDate(docs[0].GeneratedAt)
		f.SetModificationDate(docs[0].GeneratedAt)
		f.SetSubject(docs[0].Site, true)
	}
	f.AliasNbPages("{nb}")
	p := &pdfDoc{f: f, c: c, runes: runes}
	currentSite := ""
	f.SetFooterFunc(func() {
		f.SetY(-11)
		p.font("", 7.5)
		f.SetTextColor(96, 125, 139)
		f.CellFormat(contentW/2, 5, p.s(currentSite), "", 0, "L", false, 0, "")
		f.CellFormat(contentW/2, 5, p.s(c.T("doc.page", "n", f.PageNo(), "total", "{nb}")), "", 0, "R", false, 0, "")
		f.SetTextColor(33, 33, 33)
	})
	out := &builtPDF{f: f}
	if len(docs) > 1 {
		f.AddPage()
		p.heading(1, c.T("doc.title"))
		p.para(c.T("doc.subtitle"))
		p.heading(2, c.T("doc.contents"))
		for i, d := range docs {
			page := "…"
			if starts != nil {
				page = strconv.Itoa(starts[i])
			}
			p.font("", 10)
			f.CellFormat(contentW-40, 7, p.s(fmt.Sprintf("%d. %s", i+1, d.Site)), "B", 0, "L", false, 0, "")
			p.pill(audit.Status(d.Verdict), c.verdict(d.Verdict), verdictColors[d.Verdict])
			f.SetX(marginX + contentW - 12)
			f.CellFormat(12, 7, page, "B", 1, "R", false, 0, "")
		}
	}
	for _, d := range docs {
		currentSite = c.T("doc.siteHeader", "site", d.Site)
		f.AddPage()
		out.starts = append(out.starts, f.PageNo())
		p.site(d, opts)
	}
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("report: pdf: %w", err)
	}
	return out, nil
}

func (p *pdfDoc) s(text string) string { return pdfSafe(p.runes, text) }

func (p *pdfDoc) font(style string, size float64) { p.f.SetFont(fontName, style, size) }

func hexRGB(hex string) (int, int, int) {
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil {
		return 0, 0, 0
	}
	return int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)
}

func (p *pdfDoc) heading(level int, text string) {
	f := p.f
	sizes := map[int]float64{1: 18, 2: 13.5, 3: 11}
	gap := map[int]float64{1: 0, 2: 5, 3: 3}
	// Keep a heading with at least a few lines of what follows.
	if f.GetY()+gap[level]+25 > pageH-marginBot {
		f.AddPage()
	} else {
		f.Ln(gap[level])
	}
	p.font("B", sizes[level])
	f.MultiCell(contentW, sizes[level]*0.5, p.s(text), "", "L", false)
	if level == 2 {
		y := f.GetY() + 0.5
		f.SetDrawColor(69, 90, 100)
		f.SetLineWidth(0.5)
		f.Line(marginX, y, marginX+contentW, y)
		f.SetLineWidth(0.2)
		f.Ln(2)
	}
	f.Ln(1.5)
	p.font("", 9)
}

func (p *pdfDoc) para(text string) {
	p.font("", 9)
	p.f.MultiCell(contentW, lineH, p.s(text), "", "L", false)
	p.f.Ln(1)
}

func (p *pdfDoc) muted(text string) {
	p.f.SetTextColor(96, 125, 139)
	p.para(text)
	p.f.SetTextColor(33, 33, 33)
}

// pill draws a status in its colour at the current position.
func (p *pdfDoc) pill(_ audit.Status, word, color string) {
	f := p.f
	p.font("B", 8)
	w := f.GetStringWidth(p.s(word)) + 3
	x, y := f.GetXY()
	r, g, b := hexRGB(color)
	f.SetFillColor(r, g, b)
	f.RoundedRect(x, y+1.2, w, 4.4, 0.8, "1234", "F")
	f.SetTextColor(255, 255, 255)
	if color == statusColors[audit.StatusWarn] || color == statusColors[StatusNotApplicable] {
		f.SetTextColor(0, 0, 0)
	}
	f.SetXY(x, y+1.2)
	f.CellFormat(w, 4.4, p.s(word), "", 0, "C", false, 0, "")
	f.SetTextColor(33, 33, 33)
	f.SetXY(x+w+1, y)
	p.font("", 9)
}

// cell is one table cell: text, or a status pill when status is set, or
// an empty tick box.
type cell struct {
	text   string
	bold   bool
	status audit.Status
	box    bool
}

func txt(s string) cell { return cell{text: s} }

// table draws rows with wrapped text, repeating the header on each page.
func (p *pdfDoc) table(head []string, widths []float64, rows [][]cell) {
	p.grid(head, widths, rows, 8.5, false)
}

// keyValues draws a two-column table without header, the keys shaded.
func (p *pdfDoc) keyValues(rows [][2]string) {
	cells := make([][]cell, len(rows))
	for i, r := range rows {
		cells[i] = []cell{{text: r[0], bold: true}, txt(r[1])}
	}
	p.grid(nil, []float64{55, contentW - 55}, cells, 9, true)
}

// pageBottom is the lowest y a table row may reach.
const pageBottom = pageH - marginBot

// grid draws a table whose column widths are fixed. A row taller than the
// room left on the page is cut between two of its lines and goes on under
// the repeated header of the next page, so a cell of any length takes the
// pages its lines need and no more. keyCol shades the first column as a
// header (key/value tables).
func (p *pdfDoc) grid(head []string, widths []float64, rows [][]cell, size float64, keyCol bool) {
	f := p.f
	drawHead := func() {
		if len(head) == 0 {
			return
		}
		f.SetFillColor(236, 239, 241)
		f.SetDrawColor(176, 190, 197)
		lines := make([][]string, len(head))
		n := 1
		for i, text := range head {
			lines[i] = p.cellLines(text, widths[i], "B", size)
			n = max(n, len(lines[i]))
		}
		h := float64(n)*tableLineH + 2*cellPad
		x, y := marginX, f.GetY()
		for i := range head {
			f.Rect(x, y, widths[i], h, "FD")
			p.drawLines(x, y, widths[i], lines[i], "B", size)
			x += widths[i]
		}
		f.SetY(y + h)
	}
	newPage := func() {
		f.AddPage()
		drawHead()
	}
	// A table starts where its header and a first line fit.
	if f.GetY()+2*(tableLineH+2*cellPad) > pageBottom {
		f.AddPage()
	}
	drawHead()
	for _, row := range rows {
		lines := make([][]string, len(row))
		styles := make([]string, len(row))
		n := 1
		for i, cl := range row {
			if cl.status != "" || cl.box {
				continue
			}
			if cl.bold || (keyCol && i == 0) {
				styles[i] = "B"
			}
			lines[i] = p.cellLines(cl.text, widths[i], styles[i], size)
			n = max(n, len(lines[i]))
		}
		// Keep two lines of a row together (or the whole of a short one)
		// rather than leave one orphan line at the foot of a page.
		if f.GetY()+float64(min(n, 2))*tableLineH+2*cellPad > pageBottom {
			newPage()
		}
		for from := 0; from < n; {
			room := int((pageBottom - f.GetY() - 2*cellPad) / tableLineH)
			if room < 1 {
				newPage()
				continue
			}
			to := min(n, from+room)
			h := float64(to-from)*tableLineH + 2*cellPad
			x, y := marginX, f.GetY()
			f.SetDrawColor(176, 190, 197)
			for i, cl := range row {
				if keyCol && i == 0 {
					f.SetFillColor(236, 239, 241)
					f.Rect(x, y, widths[i], h, "FD")
				} else {
					f.Rect(x, y, widths[i], h, "D")
				}
				switch {
				case from > 0 && (cl.box || cl.status != ""):
					// Drawn once, on the row's first part.
				case cl.box:
					f.SetDrawColor(33, 33, 33)
					f.SetLineWidth(0.4)
					f.Rect(x+widths[i]/2-2, y+cellPad+0.3, 4, 4, "D")
					f.SetLineWidth(0.2)
					f.SetDrawColor(176, 190, 197)
				case cl.status != "":
					f.SetXY(x+cellPad, y+cellPad-1.2)
					p.pill(cl.status, p.c.status(cl.status), statusColor(cl.status))
				default:
					p.drawLines(x, y, widths[i], lines[i][min(from, len(lines[i])):min(to, len(lines[i]))], styles[i], size)
				}
				x += widths[i]
			}
			f.SetY(y + h)
			from = to
			if from < n {
				newPage()
			}
		}
	}
	f.Ln(3)
	p.font("", 9)
}

const tableLineH = 3.9

// cellLines wraps text to a column. Lines break between words; only a
// word wider than the whole column (a long address) is cut, and never a
// number or a short word: those stay whole on their line, however narrow
// the column, rather than go down it one digit per line.
func (p *pdfDoc) cellLines(text string, w float64, style string, size float64) []string {
	p.font(style, size)
	var out []string
	for _, para := range strings.Split(p.s(text), "\n") {
		if unbreakable(para) {
			out = append(out, para)
			continue
		}
		ls := p.f.SplitText(para, w-2*cellPad)
		if len(ls) == 0 {
			ls = []string{""}
		}
		out = append(out, ls...)
	}
	return out
}

// unbreakableRunes is the longest word kept whole in any column.
const unbreakableRunes = 12

// unbreakable reports whether a paragraph is one short word (a number, an
// id, a port name), which is never cut.
func unbreakable(para string) bool {
	return para != "" && !strings.ContainsAny(para, " \t") && utf8.RuneCountInString(para) <= unbreakableRunes
}

func (p *pdfDoc) drawLines(x, y, w float64, lines []string, style string, size float64) {
	f := p.f
	p.font(style, size)
	for i, l := range lines {
		f.SetXY(x+cellPad, y+cellPad+float64(i)*tableLineH)
		f.CellFormat(w-2*cellPad, tableLineH, l, "", 0, "L", false, 0, "")
	}
}

// panel draws a switch's front panel, coloured by role and status, scaled
// to the page width.
func (p *pdfDoc) panel(pan Panel) {
	f := p.f
	blocks, ports, w, h := panelGeometry(pan, contentW/5.2)
	scale := min(5.2, contentW/max(w, 1))
	if f.GetY()+h*scale+4 > pageH-marginBot {
		f.AddPage()
	}
	x0, y0 := marginX, f.GetY()
	f.SetLineWidth(0.2)
	for _, b := range blocks {
		f.SetFillColor(236, 239, 241)
		f.SetDrawColor(144, 164, 174)
		f.RoundedRect(x0+b.X*scale, y0+b.Y*scale, b.W*scale, b.H*scale, 1, "1234", "FD")
		if b.Prefix != "" {
			p.font("", 6)
			f.SetTextColor(69, 90, 100)
			f.SetXY(x0+(b.X+blockPadX)*scale, y0+b.Y*scale+0.6)
			f.CellFormat(b.W*scale, 3, p.s(b.Prefix), "", 0, "L", false, 0, "")
		}
	}
	for _, pp := range ports {
		x, y := x0+pp.X*scale, y0+pp.Y*scale
		pw, ph := portW*scale, portH*scale
		fill := roleColor(pp.Port.Role)
		r, g, b := hexRGB(fill)
		f.SetFillColor(r, g, b)
		r, g, b = hexRGB(statusColor(pp.Port.Status))
		f.SetDrawColor(r, g, b)
		lw := statusStroke(pp.Port.Status) * 0.22
		f.SetLineWidth(lw)
		f.Rect(x+lw/2, y+lw/2, pw-lw, ph-lw, "FD")
		tr, tg, tb := hexRGB(textOn(fill))
		f.SetTextColor(tr, tg, tb)
		p.font("", 5.5)
		f.SetXY(x, y)
		f.CellFormat(pw, ph, p.s(pp.Port.Label), "", 0, "CM", false, 0, "")
		if pp.Port.Powered {
			f.SetFillColor(253, 216, 53)
			f.SetDrawColor(0, 0, 0)
			f.SetLineWidth(0.1)
			f.Circle(x+pw-1, y+1, 0.55, "FD")
		}
	}
	f.SetLineWidth(0.2)
	f.SetTextColor(33, 33, 33)
	f.SetDrawColor(176, 190, 197)
	f.SetY(y0 + h*scale + 2)
	p.legend()
}

func (p *pdfDoc) legend() {
	f := p.f
	swatch := func(fill, stroke string, width float64, label string) {
		p.font("", 7)
		lw := p.f.GetStringWidth(p.s(label))
		if f.GetX()+lw+8 > marginX+contentW {
			f.Ln(4.5)
		}
		x, y := f.GetXY()
		r, g, b := hexRGB(fill)
		f.SetFillColor(r, g, b)
		r, g, b = hexRGB(stroke)
		f.SetDrawColor(r, g, b)
		f.SetLineWidth(width * 0.22)
		f.Rect(x, y+0.8, 4.5, 3.2, "FD")
		f.SetLineWidth(0.2)
		f.SetXY(x+5.5, y)
		f.CellFormat(lw+3, 4.8, p.s(label), "", 0, "L", false, 0, "")
	}
	label := func(text string) {
		p.font("B", 7)
		f.CellFormat(f.GetStringWidth(p.s(text))+2, 4.8, p.s(text), "", 0, "L", false, 0, "")
	}
	f.SetX(marginX)
	label(p.c.T("portmap.legendRole"))
	for _, r := range roleOrder {
		swatch(roleColor(r), "#9e9e9e", 1, p.c.role(r))
	}
	f.Ln(5)
	label(p.c.T("portmap.legendStatus"))
	for _, s := range statusOrder {
		swatch("#ffffff", statusColor(s), statusStroke(s), p.c.status(s))
	}
	swatch("#fdd835", "#000000", 0.5, p.c.T("portmap.powered"))
	f.Ln(6)
	f.SetDrawColor(176, 190, 197)
	p.font("", 9)
}
