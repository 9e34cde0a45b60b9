package report

import (
	_ "time/tzdata" // Europe/Paris whatever the machine has installed

	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	"github.com/voxlan/voxlan/drivers"
	dapply "github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/inventory"
	labsite "github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
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
			if cmdtest.WantUsageErr(t, cmdtest.Run(cmd, strings.Fields(tc.args)...), tc.wantErr) {
				return
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
	other := fixtureAsSite(t, demoAudit, dir, "other.json", "Agence Lyon/Confluence")
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
	b, err := os.ReadFile(demoSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	notAudit := cmdtest.WriteFile(t, dir, "snap-as-audit.json", string(b))
	garbage := cmdtest.WriteFile(t, dir, "garbage.json", "{not json")
	for _, tc := range []struct {
		name    string
		set     func(*ReportOptions)
		wantErr string
	}{
		{"missing file", func(o *ReportOptions) { o.AuditFiles = []string{filepath.Join(dir, "nope.json")} }, "no such file"},
		{"snapshot given as audit", func(o *ReportOptions) { o.AuditFiles = []string{notAudit} }, "voxlan.snapshot/v1"},
		{"not JSON", func(o *ReportOptions) { o.AuditFiles = []string{garbage} }, "not JSON"},
		{"snapshot without its audit", func(o *ReportOptions) {
			o.AuditFiles, o.SnapshotFiles = []string{demoAudit}, []string{demoSnapshot, fixtureAsSite(t, demoSnapshot, dir, "elsewhere.json", "Ailleurs")}
		}, "has no audit"},
		{"unknown site", func(o *ReportOptions) { o.AuditFiles, o.Site = []string{demoAudit}, "Paris" }, `no site "Paris"`},
		{"bad applied", func(o *ReportOptions) { o.AuditFiles, o.AppliedFile = []string{demoAudit}, garbage }, "not a voxlan apply record"},
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

// fixtureAsSite copies a demo fixture (audit or snapshot) as dir/name with
// its site renamed.
func fixtureAsSite(t *testing.T, fixture, dir, name, site string) string {
	t.Helper()
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	renamed := strings.ReplaceAll(string(b), `"site": "Agence Lyon Part-Dieu"`, `"site": "`+site+`"`)
	if renamed == string(b) {
		t.Fatalf("%s does not name the demo site", fixture)
	}
	return cmdtest.WriteFile(t, dir, name, renamed)
}

// --inventory discovers the site over SNMP from the in-process agent of
// lab/site (real recordings on loopback), audits it with the site's
// declarations and reports: the switches' own names, the sizing of the
// declared users and access, no community in the output.
func TestReportInventoryDiscoversSite(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const community = "rep0rt-c0mm"
	demo, err := labsite.Start(ctx, labsite.Options{Community: community})
	if err != nil {
		t.Fatal(err)
	}
	defer demo.Close()
	var yaml strings.Builder
	yaml.WriteString("sites:\n  - name: lyon-part-dieu\n    users: 100\n    wan: {access: fibre, downKbps: 100000, upKbps: 100000}\n    snmp: {version: \"2c\", community: {env: TEST_REPORT_COMMUNITY}}\n    switches:\n")
	for _, sw := range demo.Switches() {
		yaml.WriteString("      - host: \"" + sw.Address + "\"\n")
	}
	inv := cmdtest.WriteFile(t, t.TempDir(), "sites.yaml", yaml.String())
	f, out, errOut := testFactory()
	o := newOpts(f)
	getenv := func(k string) string { return map[string]string{"TEST_REPORT_COMMUNITY": community}[k] }
	o.Resolver = inventory.NewResolver(getenv, nil)
	o.Discover = snmp.Discover
	o.InventoryFile, o.Output = inv, "md"
	if err := reportRun(ctx, o); err != nil {
		t.Fatalf("%v\nstderr: %s", err, errOut)
	}
	md := out.String()
	for _, sw := range demo.Switches() {
		if !strings.Contains(md, sw.Name) {
			t.Errorf("report lacks switch %s", sw.Name)
		}
	}
	for _, want := range []string{"— lyon-part-dieu", "| Canaux voix simultanés | 27 |", "2,7 Mbit/s"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(md+errOut.String(), community) {
		t.Error("the SNMP community leaked into the report or stderr")
	}
	if !strings.Contains(errOut.String(), "site lyon-part-dieu: discovering") {
		t.Errorf("no progress on stderr: %q", errOut.String())
	}
}

// --inventory with --snapshot audits the snapshot with the site's
// declarations (users and WAN give the sizing) instead of discovering.
func TestReportSnapshotWithInventoryFacts(t *testing.T) {
	dir := t.TempDir()
	snap := fixtureAsSite(t, demoSnapshot, dir, "snap.json", "lyon")
	inv := cmdtest.WriteFile(t, dir, "sites.yaml", "sites:\n  - name: lyon\n    users: 100\n    wan: {access: sdsl, downKbps: 2048, upKbps: 2048}\n    switches:\n      - host: 10.20.0.11\n")
	f, out, _ := testFactory()
	o := newOpts(f)
	o.Discover = func(context.Context, string, []snmp.Target, snmp.Options) *snapshot.Snapshot {
		t.Fatal("discovery ran although a snapshot was given")
		return nil
	}
	o.InventoryFile, o.SnapshotFiles, o.Output, o.Lang = inv, []string{snap}, "json", "en"
	if err := run(t, o); err != nil {
		t.Fatal(err)
	}
	var res struct {
		Site   string `json:"site"`
		Sizing struct {
			Channels       int `json:"channels"`
			WANMaxChannels int `json:"wanMaxChannels"`
		} `json:"sizing"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.Site != "lyon" || res.Sizing.Channels != 27 || res.Sizing.WANMaxChannels != 10 {
		t.Errorf("got %+v, want site lyon, 27 channels needed, 10 carried by SDSL 2M", res)
	}
}

// The report reads what `voxlan apply -o json` writes (the apply
// command's own types) and says what happened on each switch.
func TestAppliedRecordFromApplyCommand(t *testing.T) {
	rec := dapply.Record{Schema: dapply.RecordSchema, Errors: []dapply.SwitchError{{Switch: "10.0.0.9", Error: "ssh: authentication failed"}},
		Reports: []*dapply.Report{{
			Switch: "10.20.0.12", Platform: "cisco_ios", Outcome: dapply.OutcomeRolledBack, Backup: "/state/backups/sw2.cfg",
			Failure: "line rejected", Saved: false,
			Sent:       []drivers.LineResult{{Line: "interface Gi1/0/5"}, {Line: "switchport voice vlan 20", Error: "% Invalid input detected"}},
			Mismatches: []drivers.Mismatch{{Object: "port Gi1/0/5", Field: "voiceVlan", Want: "20", Got: "0"}},
			Residual:   []drivers.Mismatch{},
			Ports:      []dapply.PortReport{{Port: "Gi1/0/5", Status: dapply.PortRestored, State: "access 10"}},
			Refused:    []dapply.Refusal{{Port: "Gi1/0/48", Reason: "uplink", Changes: 2}},
		}}}
	data, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	// The report says it, in words, with the backup's name only.
	path := cmdtest.WriteFile(t, t.TempDir(), "applied.json", string(data))
	f, out, _ := testFactory()
	o := newOpts(f)
	o.AuditFiles, o.AppliedFile, o.Output, o.Lang = []string{demoAudit}, path, "md", "en"
	if err := run(t, o); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"put back to the backup state", "sw2.cfg", "rejected: % Invalid input detected", "restored to the backup",
		"Read-back difference — port Gi1/0/5 voiceVlan: wanted 20, read 0", "Port Gi1/0/48 not touched: uplink", "Not done: ssh: authentication failed"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(out.String(), "/state/backups") {
		t.Error("the backup's directory is shown; only its name should be")
	}
}

// Every date of the report is in one zone, named: the audit saved in UTC
// and the report written now both show in $TZ.
func TestReportDatesInOneZone(t *testing.T) {
	f, out, _ := testFactory()
	f.Getenv = func(k string) string { return map[string]string{"USER": "technicien", "TZ": "Europe/Paris"}[k] }
	o := newOpts(f)
	o.AuditFiles, o.SnapshotFiles, o.Output = []string{demoAudit}, []string{demoSnapshot}, "md"
	if err := run(t, o); err != nil {
		t.Fatal(err)
	}
	md := out.String()
	if n := strings.Count(md, "(CET, Europe/Paris)"); n != 2 {
		t.Errorf("%d dates in CET, Europe/Paris, want the audit's and the report's:\n%s", n, md[:min(len(md), 1200)])
	}
	if strings.Contains(md, "(UTC)") {
		t.Error("a date is still in UTC")
	}
	if got := reportZone(func(string) string { return "" }); got != time.Local {
		t.Errorf("without $TZ the zone is %v, want the system's", got)
	}
}

// The report reads what `voxlan plan -o json` writes, through the plan
// command's own types: a switch's exact CLI lines go to the appendix, the
// first 40 of them, with the plan file named for the rest.
func TestPlanFileAppendix(t *testing.T) {
	var lines []string
	for i := 1; i <= 100; i++ {
		lines = append(lines, fmt.Sprintf("interface GigabitEthernet1/0/%d", i))
	}
	doc := dapply.PlanDocument{Schema: dapply.PlanSchema, Switches: []*dapply.SwitchPlan{{Switch: "10.20.0.11", Platform: "cisco_ios", Lines: lines}}}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	path := cmdtest.WriteFile(t, t.TempDir(), "hq-plan.json", string(data))
	f, out, _ := testFactory()
	o := newOpts(f)
	o.AuditFiles, o.SnapshotFiles, o.PlanFile, o.Output, o.Lang = []string{demoAudit}, []string{demoSnapshot}, path, "md", "en"
	if err := run(t, o); err != nil {
		t.Fatal(err)
	}
	md := out.String()
	for _, want := range []string{"Appendix: the plan's CLI lines", "lyo-pdu-sw1 (10.20.0.11) — cisco_ios", "    interface GigabitEthernet1/0/40\n",
		"… and 60 more line(s), all in hq-plan.json."} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(md, "GigabitEthernet1/0/41\n") {
		t.Error("the appendix shows more than 40 lines of a switch")
	}
	bad := cmdtest.WriteFile(t, t.TempDir(), "not-a-plan.json", `{"schema":"voxlan.apply/v1"}`)
	o = newOpts(f)
	o.AuditFiles, o.PlanFile = []string{demoAudit}, bad
	if err := run(t, o); err == nil || !strings.Contains(err.Error(), "voxlan plan -o json") {
		t.Errorf("an apply record given as --plan: %v", err)
	}
}
