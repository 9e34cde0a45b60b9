package history

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	"github.com/voxlan/voxlan/history"
	"github.com/voxlan/voxlan/snapshot"
)

var t0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// fill records hq at t0, t0+1h, t0+2h (one fail, then passes) and lyon
// once, with snapshots, and returns the history's path.
func fill(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "history.db")
	s, err := history.Open(ctx, path, history.Options{Now: func() time.Time { return t0.Add(72 * time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i, site := range []string{"hq", "hq", "lyon", "hq"} {
		at := t0.Add(time.Duration(i) * time.Hour)
		st := audit.StatusPass
		if i == 0 {
			st = audit.StatusFail
		}
		r := &audit.Result{Schema: audit.Schema, Site: site, Profile: "wte", Engineering: audit.EngineeringStandard, TakenAt: at,
			Findings: []audit.Finding{
				{ID: "L2/poe-port/sw1/1", Requirement: "L2", Check: "poe-port", Status: st, Switch: "sw1", Port: "1", Message: audit.Text{EN: "PoE disabled", FR: "PoE désactivé"}},
				{ID: "L10/labels", Requirement: "L10", Check: "labels", Status: audit.StatusManual, Message: audit.Text{EN: "Check labels", FR: "Vérifier les étiquettes"}},
			}}
		r.Verdict = audit.VerdictOf(r.Findings)
		sn := snapshot.New(site)
		sn.TakenAt = at
		if _, err := s.RecordAudit(ctx, r, sn, history.SourceAudit); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func run(t *testing.T, tty bool, args ...string) (string, string, error) {
	t.Helper()
	streams, stdout, stderr := cmdtest.Streams()
	streams.OutTTY = tty
	cmd := NewCmdHistory(&cmdutil.Factory{IO: streams, Getenv: func(string) string { return "" }}, nil)
	err := cmdtest.Run(cmd, args...)
	return stdout.String(), stderr.String(), err
}

func TestHistoryList(t *testing.T) {
	path := fill(t)
	out, _, err := run(t, true, "list", "--history", path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{
		"ID  REF     TAKEN (UTC)       VERDICT  FAIL  WARN  UNKNOWN  PROFILE  BY",
		"4   hq@3    2026-11-23 12:00  PASS     0     0     0        wte      audit",
		"3   lyon@1  2026-11-23 11:00  PASS     0     0     0        wte      audit",
		"2   hq@2    2026-11-23 10:00  PASS     0     0     0        wte      audit",
		"1   hq@1    2026-11-23 09:00  FAIL     1     0     0        wte      audit",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("list on a terminal:\n%s\nwant\n%s", out, strings.Join(want, "\n"))
	}

	out, _, err = run(t, false, "list", "--history", path, "--site", "hq", "-o", "table")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Split(out, "\n")[0]; got != "4\thq@3\thq\t2026-11-23T12:00:00Z\tpass\t0\t0\t0\twte\taudit" {
		t.Errorf("piped first line = %q", got)
	}
	out, _, err = run(t, false, "list", "--history", path, "--limit", "2")
	if err != nil {
		t.Fatal(err)
	}
	var entries []history.Entry
	if err := json.Unmarshal([]byte(out), &entries); err != nil || len(entries) != 2 || entries[1].Site != "lyon" || entries[0].RecordedAt != t0.Add(72*time.Hour) {
		t.Errorf("list -o json (piped default) = %s (%v)", out, err)
	}

	out, stderr, err := run(t, false, "list", "--history", path, "--site", "paris")
	if err != nil || strings.TrimSpace(out) != "[]" || !strings.Contains(stderr, "no audit of site paris recorded in "+path) {
		t.Errorf("empty list: out %q stderr %q err %v", out, stderr, err)
	}
}

func TestHistoryShow(t *testing.T) {
	path := fill(t)
	out, _, err := run(t, false, "show", "hq@1", "--history", path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := audit.DecodeBytes([]byte(out))
	if err != nil || r.Site != "hq" || r.Verdict != audit.VerdictFail || !r.TakenAt.Equal(t0) {
		t.Errorf("show -o json = %+v (%v), want hq's first audit as voxlan.audit/v1", r, err)
	}
	out, _, err = run(t, true, "show", "hq@previous", "--history", path, "--lang", "fr")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"audit 2  hq@2  site hq  taken 2026-11-23 10:00 UTC  recorded 2026-11-26 09:00 UTC by voxlan audit", "verdict PASS", "manual  L10", "Vérifier les étiquettes"} {
		if !strings.Contains(out, want) {
			t.Errorf("show table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "PoE") {
		t.Errorf("show table lists a passing finding:\n%s", out)
	}
	out, _, err = run(t, false, "show", "3", "--history", path, "--snapshot")
	if sn, derr := snapshot.Decode(bytes.NewReader([]byte(out))); err != nil || derr != nil || sn.Site != "lyon" {
		t.Errorf("show --snapshot = %q (%v, %v)", out, err, derr)
	}
	_, _, err = run(t, false, "show", "hq@9", "--history", path)
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), `site "hq" has 3 audit(s)`) {
		t.Errorf("show hq@9: %v", err)
	}
	_, _, err = run(t, false, "show", "hq@1", "--history", filepath.Join(t.TempDir(), "none.db"))
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "nothing was recorded yet") {
		t.Errorf("show without a history: %v", err)
	}
}

func TestHistoryPrune(t *testing.T) {
	path := fill(t)
	if _, _, err := run(t, false, "prune", "--history", path); cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "give --keep N") {
		t.Errorf("prune without --keep: %v", err)
	}
	_, stderr, err := run(t, false, "prune", "--keep", "1", "--history", path)
	if err != nil || !strings.Contains(stderr, "deleted 2 audit(s), kept the 1 newest of each site") {
		t.Errorf("prune: %q %v", stderr, err)
	}
	out, _, _ := run(t, false, "list", "--history", path, "-o", "table")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[0], "4\thq@3") || !strings.HasPrefix(lines[1], "3\tlyon@1") {
		t.Errorf("after prune --keep 1: %q", lines)
	}
}
