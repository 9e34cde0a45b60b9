package report

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
)

// The fixtures are copies of report/testdata's demo site (a hand-made
// audit of two switches, its snapshot and an apply record).
const (
	demoAudit    = "testdata/demo-audit.json"
	demoSnapshot = "testdata/demo-snapshot.json"
	demoApplied  = "testdata/demo-applied.json"
)

var fixedNow = time.Date(2026, 11, 23, 11, 41, 0, 0, time.UTC)

func testFactory() (*cmdutil.Factory, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	return &cmdutil.Factory{
		IO:     &cmdutil.IOStreams{In: strings.NewReader(""), Out: out, ErrOut: errOut},
		Now:    func() time.Time { return fixedNow },
		Getenv: func(k string) string { return map[string]string{"USER": "technicien"}[k] },
	}, out, errOut
}

func TestNewCmdReportFlags(t *testing.T) {
	for _, tc := range []struct {
		args    string
		wantErr string
		check   func(*ReportOptions) bool
	}{
		{args: "--audit a.json -o pdf --lang en --out r.pdf", check: func(o *ReportOptions) bool {
			return o.Output == "pdf" && o.Lang == "en" && o.OutPath == "r.pdf" && len(o.AuditFiles) == 1
		}},
		{args: "--audit a.json --audit b.json --snapshot s.json", check: func(o *ReportOptions) bool {
			return o.Output == "html" && o.Lang == "fr" && len(o.AuditFiles) == 2 && len(o.SnapshotFiles) == 1
		}},
		{args: "--snapshot s.json --profile mitel -o md", check: func(o *ReportOptions) bool { return o.Profile == "mitel" && o.Output == "md" }},
		{args: "-o html", wantErr: "give --audit FILE"},
		{args: "--audit a.json -o docx", wantErr: `-o "docx"`},
		{args: "--audit a.json --lang de", wantErr: `--lang "de"`},
	} {
		t.Run(tc.args, func(t *testing.T) {
			f, _, _ := testFactory()
			var got *ReportOptions
			cmd := NewCmdReport(f, func(o *ReportOptions) error { got = o; return nil })
			argv := strings.Fields(tc.args)
			cmd.SetArgs(argv)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			err := cmd.Execute()
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || cmdutil.CodeFor(err) != cmdutil.ExitUsage {
					t.Fatalf("got error %v (code %d), want one containing %q with exit 2", err, cmdutil.CodeFor(err), tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(got) {
				t.Fatalf("options not as expected: %+v", got)
			}
		})
	}
}

func run(t *testing.T, opts *ReportOptions) error {
	t.Helper()
	return reportRun(context.Background(), opts)
}

func newOpts(f *cmdutil.Factory) *ReportOptions {
	return &ReportOptions{IO: f.IO, Now: f.Now, Getenv: f.Getenv, Version: "test", Output: "html", Lang: "fr"}
}

func TestReportHTMLToStdout(t *testing.T) {
	f, out, _ := testFactory()
	o := newOpts(f)
	o.AuditFiles, o.SnapshotFiles = []string{demoAudit}, []string{demoSnapshot}
	o.Address = "12 rue de la Villette, 69003 Lyon"
	if err := run(t, o); err != nil {
		t.Fatal(err)
	}
	html := out.String()
	for _, want := range []string{"<!DOCTYPE html>", "Agence Lyon Part-Dieu", "NON CONFORME", "technicien", "12 rue de la Villette", "lyo-pdu-sw1", "<svg", "C9200L-48P-4G", "8934"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

func TestReportFilesAndFormats(t *testing.T) {
	dir := t.TempDir()
	f, _, errOut := testFactory()

	o := newOpts(f)
	o.AuditFiles, o.SnapshotFiles, o.AppliedFile = []string{demoAudit}, []string{demoSnapshot}, demoApplied
	o.Output, o.Lang, o.OutPath = "pdf", "en", filepath.Join(dir, "site.pdf")
	if err := run(t, o); err != nil {
		t.Fatal(err)
	}
	pdf, err := os.ReadFile(o.OutPath)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("site.pdf: %v, starts %q", err, pdf[:min(8, len(pdf))])
	}

	o.Output, o.OutPath = "csv", filepath.Join(dir, "site.csv")
	if err := run(t, o); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"site.csv", "site-ports.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || bytes.Count(b, []byte("\n")) < 10 {
			t.Errorf("%s: %v, %d lines", name, err, bytes.Count(b, []byte("\n")))
		}
	}
	if !strings.Contains(errOut.String(), "site-ports.csv") {
		t.Errorf("stderr does not name the ports file: %q", errOut.String())
	}

	o.Output, o.OutPath = "json", filepath.Join(dir, "site.json")
	if err := run(t, o); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema string          `json:"schema"`
		Sizing json.RawMessage `json:"sizing"`
	}
	b, _ := os.ReadFile(o.OutPath)
	if err := json.Unmarshal(b, &doc); err != nil || doc.Schema != "voxlan.audit/v1" || len(doc.Sizing) == 0 {
		t.Errorf("site.json: %v, schema %q, sizing %d bytes", err, doc.Schema, len(doc.Sizing))
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".voxlan-report-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// --snapshot alone audits the snapshot with the profile, then reports.
func TestReportAuditsSnapshots(t *testing.T) {
	f, out, _ := testFactory()
	o := newOpts(f)
	o.SnapshotFiles, o.Output, o.Lang = []string{demoSnapshot}, "md", "en"
	if err := run(t, o); err != nil {
		t.Fatal(err)
	}
	md := out.String()
	for _, want := range []string{"# IP telephony pre-activation report — Agence Lyon Part-Dieu", "## 1. Requirements", "| L7 |", "lyo-pdu-sw2"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}

// Several sites into a directory give one file per site.
func TestReportOneFilePerSite(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other.json")
	b, err := os.ReadFile(demoAudit)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.ReplaceAll(b, []byte(`"site": "Agence Lyon Part-Dieu"`), []byte(`"site": "Agence Lyon/Confluence"`))
	if err := os.WriteFile(other, b, 0o644); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "out")
	if err := os.Mkdir(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	f, _, _ := testFactory()
	o := newOpts(f)
	o.AuditFiles, o.OutPath = []string{demoAudit, other}, outDir
	if err := run(t, o); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Agence_Lyon_Part-Dieu.html", "Agence_Lyon_Confluence.html"} {
		if _, err := os.Stat(filepath.Join(outDir, name)); err != nil {
			t.Error(err)
		}
	}
	// And into one file: a combined HTML with a contents page.
	o.OutPath = filepath.Join(dir, "all.html")
	if err := run(t, o); err != nil {
		t.Fatal(err)
	}
	all, _ := os.ReadFile(o.OutPath)
	if !bytes.Contains(all, []byte(`href="#site-1"`)) {
		t.Error("combined HTML has no contents entry for the second site")
	}
	// --site picks one.
	o.Site, o.OutPath = "Agence Lyon/Confluence", filepath.Join(dir, "one.html")
	if err := run(t, o); err != nil {
		t.Fatal(err)
	}
	one, _ := os.ReadFile(o.OutPath)
	if bytes.Contains(one, []byte("Agence Lyon Part-Dieu")) || !bytes.Contains(one, []byte("Confluence")) {
		t.Error("--site did not keep only the asked site")
	}
}

func TestReportBadInput(t *testing.T) {
	dir := t.TempDir()
	notAudit := filepath.Join(dir, "snap-as-audit.json")
	b, _ := os.ReadFile(demoSnapshot)
	_ = os.WriteFile(notAudit, b, 0o644)
	garbage := filepath.Join(dir, "garbage.json")
	_ = os.WriteFile(garbage, []byte("{not json"), 0o644)
	for _, tc := range []struct {
		name    string
		set     func(*ReportOptions)
		wantErr string
	}{
		{"missing file", func(o *ReportOptions) { o.AuditFiles = []string{filepath.Join(dir, "nope.json")} }, "no such file"},
		{"snapshot given as audit", func(o *ReportOptions) { o.AuditFiles = []string{notAudit} }, "voxlan.snapshot/v1"},
		{"not JSON", func(o *ReportOptions) { o.AuditFiles = []string{garbage} }, "not JSON"},
		{"snapshot without its audit", func(o *ReportOptions) {
			o.AuditFiles, o.SnapshotFiles = []string{demoAudit}, []string{demoSnapshot, notAuditSnapshot(t, dir)}
		}, "has no audit"},
		{"unknown site", func(o *ReportOptions) { o.AuditFiles, o.Site = []string{demoAudit}, "Paris" }, `no site "Paris"`},
		{"bad applied", func(o *ReportOptions) { o.AuditFiles, o.AppliedFile = []string{demoAudit}, garbage }, "not an apply record"},
		{"unknown profile", func(o *ReportOptions) { o.SnapshotFiles, o.Profile = []string{demoSnapshot}, "nosuch" }, "--profile"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, out, _ := testFactory()
			o := newOpts(f)
			tc.set(o)
			err := run(t, o)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got %v, want an error containing %q", err, tc.wantErr)
			}
			var ee *cmdutil.ExitError
			if !errors.As(err, &ee) || ee.Code != cmdutil.ExitUsage {
				t.Errorf("exit code %d, want %d", cmdutil.CodeFor(err), cmdutil.ExitUsage)
			}
			if out.Len() != 0 {
				t.Errorf("stdout written despite the error: %d bytes", out.Len())
			}
		})
	}
}

// notAuditSnapshot writes the demo snapshot under another site name.
func notAuditSnapshot(t *testing.T, dir string) string {
	b, err := os.ReadFile(demoSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.ReplaceAll(b, []byte(`"site": "Agence Lyon Part-Dieu"`), []byte(`"site": "Ailleurs"`))
	p := filepath.Join(dir, "elsewhere.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
