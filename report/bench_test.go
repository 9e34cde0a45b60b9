package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/lab/labtest"
	labsite "github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/snapshot"
)

// bigSite copies the demo's switches into a site of n switches (52 ports
// each, half of them phones), with the demo's findings repeated on every
// copy: the size of a large campus.
func bigSite(n int) Input {
	in := demoInput()
	snap, res := in.Snapshot, in.Result
	base := snap.Switches
	snap.Switches = make([]snapshot.Switch, 0, n)
	var findings []audit.Finding
	var ports []audit.PortRole
	for i := 0; i < n; i++ {
		proto := base[i%len(base)]
		sw := proto
		sw.Target = fmt.Sprintf("10.%d.%d.%d", 30+i/250, i%250, 11)
		sw.SysName = fmt.Sprintf("campus-sw%03d", i+1)
		snap.Switches = append(snap.Switches, sw)
		for _, f := range res.Findings {
			if f.Switch != proto.Target {
				continue
			}
			f.Switch = sw.Target
			f.ID += fmt.Sprintf("#%d", i)
			fix := make([]audit.Change, len(f.Fix))
			for j, c := range f.Fix {
				c.Switch = sw.Target
				fix[j] = c
			}
			f.Fix = fix
			findings = append(findings, f)
		}
		for _, p := range res.Ports {
			if p.Switch == proto.Target {
				p.Switch = sw.Target
				ports = append(ports, p)
			}
		}
	}
	for _, f := range res.Findings {
		if f.Switch == "" {
			findings = append(findings, f)
		}
	}
	res.Findings, res.Ports = findings, ports
	in.Applied = nil
	return in
}

func benchRender(b *testing.B, in Input, f Format) {
	c, err := LoadCatalog(French)
	if err != nil {
		b.Fatal(err)
	}
	var size int
	b.ResetTimer()
	for b.Loop() {
		d, err := Build(in)
		if err != nil {
			b.Fatal(err)
		}
		var cw countWriter
		if err := Render(&cw, f, c, []*Document{d}, testOpts); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	b.ReportMetric(float64(size)/1e6, "MB")
}

type countWriter struct{ n int }

func (w *countWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)

// BenchmarkReport times Build+Render of the 2-switch demo (the baseline)
// and of two 200-switch sites (the demo's findings copied; the real
// recordings with a voice VLAN declared), in HTML, PDF and Markdown, and
// reports the output size. Targets: 200 switches under 2 s in HTML, 10 s
// in PDF.
//
//	go test ./report -run '^$' -bench Report -benchtime 3x
func BenchmarkReport(b *testing.B) {
	sites := []struct {
		name string
		in   func() Input
	}{
		{"demo-2-switches", demoInput},
		{"site-200-switches", func() Input { return bigSite(200) }},
		// The real chain at campus size: the demo recordings served
		// over and over, audited with the voice VLAN declared (a change
		// on nearly every port).
		{"voice-vlan-200-switches", func() Input { return voiceVLANSiteCopies(b, 200/len(labsite.Devices)) }},
	}
	for _, s := range sites {
		in := s.in()
		for _, f := range []Format{FormatMarkdown, FormatHTML, FormatPDF} {
			b.Run(s.name+"/"+string(f), func(b *testing.B) { benchRender(b, in, f) })
		}
	}
}

// The 200-switch PDF holds a page per switch, at most 3 pages per switch
// in all, and is readable by poppler. It prints the page count; the time is
// BenchmarkReport's.
//
//	go test ./report -run BigSitePDF -v
func TestBigSitePDF(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a 200-switch site")
	}
	d, err := Build(bigSite(200))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := LoadCatalog(English)
	var buf bytes.Buffer
	if err := RenderPDF(&buf, c, []*Document{d}, testOpts); err != nil {
		t.Fatal(err)
	}
	labtest.RequireTools(t, "pdfinfo")
	path := filepath.Join(t.TempDir(), "big.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, path)
	t.Logf("200 switches: %d PDF pages, %.2f per switch, %.1f MB", pages, float64(pages)/200, float64(buf.Len())/1e6)
	if pages < 200+4 {
		t.Errorf("200 switches on %d pages, want a page per switch plus the rest", pages)
	}
	if pages > 3*200 {
		t.Errorf("200 switches on %d pages, want at most 3 per switch", pages)
	}
}
