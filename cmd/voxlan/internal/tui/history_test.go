package tui

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/history"
	"github.com/voxlan/voxlan/tui/common"
)

// TestSinceRecordsAndCompares: the UI's first audit of a site is recorded
// with nothing to compare; a later one is compared with it.
func TestSinceRecordsAndCompares(t *testing.T) {
	ctx := context.Background()
	state := t.TempDir()
	opts := &TUIOptions{Getenv: func(k string) string { return map[string]string{"XDG_STATE_HOME": state, "HOME": state}[k] }}
	deps := &common.Deps{}
	if err := opts.historyDeps(deps); err != nil || deps.Since == nil {
		t.Fatalf("historyDeps: %v, since set %v", err, deps.Since != nil)
	}
	res := func(at time.Time, st audit.Status) *audit.Result {
		r := &audit.Result{Schema: audit.Schema, Site: "hq", Profile: "wte", TakenAt: at,
			Findings: []audit.Finding{{ID: "L2/poe-port/sw1/1", Requirement: "L2", Check: "poe-port", Status: st, Switch: "sw1", Port: "1"}}}
		r.Verdict = audit.VerdictOf(r.Findings)
		return r
	}
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	if d, err := deps.Since(ctx, res(t0, audit.StatusFail), nil); err != nil || d != nil {
		t.Fatalf("first audit: %+v, %v; want nothing to compare with", d, err)
	}
	d, err := deps.Since(ctx, res(t0.Add(time.Hour), audit.StatusPass), nil)
	if err != nil || d == nil || !slices.Equal(d.Fixed, []string{"L2/poe-port/sw1/1"}) || d.OldAudit.Ref != "hq@1" || d.NewAudit.Ref != "hq@2" {
		t.Fatalf("second audit: %+v, %v; want hq@1 -> hq@2 with the PoE port fixed", d, err)
	}
	s, err := history.Open(ctx, filepath.Join(state, "voxlan", "history.db"), history.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if l, _ := s.List(ctx, history.ListOptions{}); len(l) != 2 || l[0].Source != history.SourceTUI {
		t.Errorf("history = %+v, want both audits recorded by the tui", l)
	}

	off := &TUIOptions{Getenv: opts.Getenv, NoHistory: true}
	deps = &common.Deps{}
	if err := off.historyDeps(deps); err != nil || deps.Since != nil {
		t.Errorf("--no-history: since set %v (%v)", deps.Since != nil, err)
	}
	nowhere := &TUIOptions{Getenv: func(string) string { return "" }}
	if err := nowhere.historyDeps(deps); err != nil || deps.Since != nil {
		t.Errorf("no state directory: since set %v (%v), want none and no error", deps.Since != nil, err)
	}
}
