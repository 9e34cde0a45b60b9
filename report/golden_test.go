package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/snapshot"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden and the demo fixtures")

// The demo fixtures are written from demo_test.go with -update and read
// back from JSON, so the golden files also prove that an audit, a snapshot
// and an apply record survive their own encoding.
func demoFromFiles(t testing.TB) Input {
	t.Helper()
	in := demoInput()
	paths := map[string]any{
		"testdata/demo-audit.json":    in.Result,
		"testdata/demo-snapshot.json": in.Snapshot,
		"testdata/demo-applied.json":  in.Applied,
		"testdata/demo-firewall.json": in.Firewall,
	}
	if *update {
		for p, v := range paths {
			var buf bytes.Buffer
			switch v := v.(type) {
			case *audit.Result:
				if err := audit.Encode(&buf, v); err != nil {
					t.Fatal(err)
				}
			case *snapshot.Snapshot:
				if err := snapshot.Encode(&buf, v); err != nil {
					t.Fatal(err)
				}
			default:
				enc := json.NewEncoder(&buf)
				enc.SetIndent("", "  ")
				if err := enc.Encode(v); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run go test ./report -update once)", err)
		}
		return b
	}
	res, err := audit.DecodeBytes(read("testdata/demo-audit.json"))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := snapshot.Decode(bytes.NewReader(read("testdata/demo-snapshot.json")))
	if err != nil {
		t.Fatal(err)
	}
	applied, err := apply.DecodeRecord(read("testdata/demo-applied.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fw []FirewallRule
	if err := json.Unmarshal(read("testdata/demo-firewall.json"), &fw); err != nil {
		t.Fatal(err)
	}
	return Input{Result: res, Snapshot: snap, Applied: applied, Firewall: fw, Meta: in.Meta}
}

func demoDoc(t testing.TB) *Document {
	t.Helper()
	d, err := Build(demoFromFiles(t))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update, then review the file)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got %d bytes, want %d; review with -update and git diff", path, len(got), len(want))
	}
}

var testOpts = Options{Version: "test"}

// missingKey is how Catalog.T prints a key it does not have.
var missingKey = regexp.MustCompile(`![a-zA-Z]+\.[a-zA-Z.]+!`)

// TestGolden renders the demo site in every text format and language.
func TestGolden(t *testing.T) {
	d := demoDoc(t)
	for _, l := range Langs {
		c, err := LoadCatalog(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []Format{FormatHTML, FormatMarkdown, FormatCSV, FormatJSON} {
			t.Run(string(l)+"/"+string(f), func(t *testing.T) {
				var buf bytes.Buffer
				if err := Render(&buf, f, c, []*Document{d}, testOpts); err != nil {
					t.Fatal(err)
				}
				if k := missingKey.FindString(buf.String()); k != "" {
					t.Errorf("output prints the missing catalogue key %s", k)
				}
				checkGolden(t, "demo."+string(l)+f.Ext(), buf.Bytes())
			})
		}
		t.Run(string(l)+"/ports.csv", func(t *testing.T) {
			var buf bytes.Buffer
			if err := RenderPortsCSV(&buf, c, []*Document{d}); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "demo."+string(l)+".ports.csv", buf.Bytes())
		})
	}
}

// TestGoldenPDF compares the text poppler extracts from the PDF (the
// bytes of a PDF are not reviewable) and checks what a reader relies on:
// the page count, the requirements table, French accents.
func TestGoldenPDF(t *testing.T) {
	labtest.RequireTools(t, "pdftotext", "pdfinfo")
	d := demoDoc(t)
	for _, l := range Langs {
		t.Run(string(l), func(t *testing.T) {
			c, err := LoadCatalog(l)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := RenderPDF(&buf, c, []*Document{d}, testOpts); err != nil {
				t.Fatal(err)
			}
			var again bytes.Buffer
			if err := RenderPDF(&again, c, []*Document{d}, testOpts); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Error("two renderings of the same document differ: the PDF is not reproducible")
			}
			dir := t.TempDir()
			pdf := filepath.Join(dir, "demo.pdf")
			if err := os.WriteFile(pdf, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if out := os.Getenv("VOXLAN_REPORT_OUT"); out != "" {
				_ = os.WriteFile(filepath.Join(out, "demo."+string(l)+".pdf"), buf.Bytes(), 0o644)
			}
			pages := pdfPages(t, pdf)
			// Cover, requirements, one page per switch, findings, sizing at least.
			if min := 4 + len(d.Switches); pages < min || pages > 20 {
				t.Errorf("pages: got %d, want between %d and 20", pages, min)
			}
			text := pdfText(t, pdf)
			checkGolden(t, "demo."+string(l)+".pdf.txt", []byte(text))
			// pdftotext gives the no-break spaces of French typography
			// as spaces.
			spaces := strings.NewReplacer("\u202f", " ", "\u00a0", " ")
			for _, id := range RequirementIDs {
				if want := spaces.Replace(c.T("req." + id))[:20]; !strings.Contains(text, want) {
					t.Errorf("pdf text lacks requirement %s (%q...)", id, want)
				}
			}
			want := []string{c.T("section.requirements"), c.verdict(d.Verdict), "Gi1/0/14", "lyo-pdu-sw2"}
			if l == French {
				want = append(want, "Exigences", "téléphones", "novembre", "à", "Câblage", "Étiquetage", "« VOIX »", "2,7 Mbit/s")
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("pdf text lacks %q", w)
				}
			}
			if k := missingKey.FindString(text); k != "" {
				t.Errorf("pdf prints the missing catalogue key %s", k)
			}
		})
	}
}

func pdfPages(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				t.Fatalf("pdfinfo pages %q: %v", v, err)
			}
			return n
		}
	}
	t.Fatalf("pdfinfo printed no page count:\n%s", out)
	return 0
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// Two sites in one PDF: a contents page naming each site with the page it
// starts on, then both reports.
func TestCombinedPDF(t *testing.T) {
	labtest.RequireTools(t, "pdftotext", "pdfinfo")
	one := demoDoc(t)
	other := demoDoc(t)
	other.Site = "Agence Lyon Confluence"
	c, _ := LoadCatalog(French)
	dir := t.TempDir()
	write := func(name string, docs []*Document) string {
		var buf bytes.Buffer
		if err := RenderPDF(&buf, c, docs, testOpts); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	single := pdfPages(t, write("one.pdf", []*Document{one}))
	both := write("both.pdf", []*Document{one, other})
	if got, want := pdfPages(t, both), 2*single+1; got != want {
		t.Errorf("combined PDF: %d pages, want %d (contents + 2 × %d)", got, want, single)
	}
	text := pdfText(t, both)
	contents := text[:strings.Index(text, "\f")]
	for _, want := range []string{c.T("doc.contents"), "1. Agence Lyon Part-Dieu", "2. Agence Lyon Confluence", strconv.Itoa(2 + single)} {
		if !strings.Contains(contents, want) {
			t.Errorf("contents page lacks %q:\n%s", want, contents)
		}
	}
}
