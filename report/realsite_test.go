package report

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/sizing"
)

// TestRealSiteEveryFormat takes the report's input from the real chain:
// lab/site serves the demo site's real recordings on loopback, snmp.Discover
// reads them, audit.Run judges them with each built-in profile. Every
// format and language must render it without a missing word, every finding
// the audit wrote must have its text in both languages, and every switch
// must reach the PDF.
func TestRealSiteEveryFormat(t *testing.T) {
	snap := discoverDemoSite(t, "lab-demo", 1)
	for _, name := range profile.Names() {
		p, err := profile.Builtin(name)
		if err != nil {
			t.Fatal(err)
		}
		res := audit.Run(snap, p, audit.Site{Users: 40, WAN: &sizing.WAN{Access: sizing.AccessADSL, UpKbps: 800, DownKbps: 8000}})
		for _, f := range res.Findings {
			if strings.TrimSpace(f.Message.FR) == "" || strings.TrimSpace(f.Message.EN) == "" {
				t.Errorf("%s: finding %s has no text in one language: fr %q, en %q", name, f.ID, f.Message.FR, f.Message.EN)
			}
		}
		d, err := Build(Input{Result: res, Snapshot: snap, Firewall: FirewallFromProfile(p), Meta: Meta{GeneratedAt: snap.TakenAt}})
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range Langs {
			c, err := LoadCatalog(l)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range Formats {
				var buf bytes.Buffer
				if err := Render(&buf, f, c, []*Document{d}, testOpts); err != nil {
					t.Fatalf("%s %s %s: %v", name, l, f, err)
				}
				if out := os.Getenv("VOXLAN_REPORT_OUT"); out != "" && name == "wte" {
					if err := os.WriteFile(filepath.Join(out, "lab-demo."+string(l)+f.Ext()), buf.Bytes(), 0o644); err != nil {
						t.Errorf("VOXLAN_REPORT_OUT: %v", err)
					}
				}
				if f == FormatPDF {
					checkPDFHasSwitches(t, buf.Bytes(), d)
					continue
				}
				if k := missingKey.FindString(buf.String()); k != "" {
					t.Errorf("%s %s %s: missing catalogue key %s", name, l, f, k)
				}
				if f == FormatHTML {
					if m := external.Find(buf.Bytes()); m != nil {
						t.Errorf("%s %s: HTML references %q", name, l, m)
					}
				}
			}
		}
	}
}

func checkPDFHasSwitches(t *testing.T, pdf []byte, d *Document) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		// Locally TestGoldenPDF skips with the reason; in CI poppler is
		// installed, so its absence must not pass this check silently.
		if labtest.InCI() {
			t.Fatalf("pdftotext: %v (scripts/install-test-deps.sh installs poppler-utils)", err)
		}
		return
	}
	path := filepath.Join(t.TempDir(), "site.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, path)
	for _, s := range d.Switches {
		if !strings.Contains(text, s.Name) {
			t.Errorf("PDF lacks switch %s", s.Name)
		}
	}
}

// TestPortsCSVPoENotRead: in the ports CSV of the real demo site, the
// JL074A's ports (PoE budget read, ports' PoE not) and the 6200F's (no PoE
// table) say "non lu" in the PoE column, never "non"; the 3750's silent
// ports, whose PoE was read, say "non". The French header has no English
// column name.
func TestPortsCSVPoENotRead(t *testing.T) {
	d, err := Build(voiceVLANSite(t))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := LoadCatalog(French)
	var buf bytes.Buffer
	if err := RenderPortsCSV(&buf, c, []*Document{d}); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	poeCol := slices.Index(header, c.T("col.poePowered"))
	for _, h := range header {
		if findWords(englishWords, h) != nil || findWords(camelCase, h) != nil || h == "status" || h == "role" {
			t.Errorf("French CSV header %q", h)
		}
	}
	want := map[string]string{"sw-floor3-procurve": "non lu", "sw-floor4-6200f": "non lu", "sw-core-3750": "non"}
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		name, port, poe := row[2], row[3], row[poeCol]
		w, ok := want[name]
		if !ok || (name == "sw-core-3750" && poe == "oui") {
			continue
		}
		seen[name] = true
		if poe != w {
			t.Errorf("%s %s: PoE %q, want %q", name, port, poe, w)
		}
	}
	if len(seen) != len(want) {
		t.Errorf("switches seen %v, want %v", seen, want)
	}
}
