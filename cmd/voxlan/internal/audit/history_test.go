package audit

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	"github.com/voxlan/voxlan/history"
)

// TestAuditRecordsHistory: each audit lands in the history with its
// snapshot, under the next SITE@N; the same audit again is not added;
// --no-history records nothing.
func TestAuditRecordsHistory(t *testing.T) {
	ctx := context.Background()
	state := t.TempDir()
	snapFile := writeSnap(t, cascadeSnapshot("hq"))
	run := func(extra func(*AuditOptions)) string {
		t.Helper()
		streams, _, errOut := cmdtest.Streams()
		opts := testOpts(nil, nil)
		opts.IO = streams
		opts.Getenv = func(k string) string { return map[string]string{"XDG_STATE_HOME": state, "HOME": state}[k] }
		opts.SnapshotFile, opts.Output = snapFile, "json"
		if extra != nil {
			extra(opts)
		}
		if err := auditRun(ctx, opts); cmdutil.CodeFor(err) != 1 {
			t.Fatalf("exit %d (%v), want 1: the snapshot has a cascade", cmdutil.CodeFor(err), err)
		}
		return errOut.String()
	}
	path := filepath.Join(state, "voxlan", "history.db")

	if msg := run(nil); !strings.Contains(msg, "recorded as hq@1 (id 1) in "+path) {
		t.Errorf("stderr = %q, want it to say where the audit was recorded", msg)
	}
	if msg := run(nil); !strings.Contains(msg, "already in the history as hq@1") {
		t.Errorf("stderr = %q, want the same audit not recorded twice", msg)
	}
	run(func(o *AuditOptions) { o.Engineering = "voiceVlan" })
	if msg := run(func(o *AuditOptions) { o.NoHistory = true; o.Engineering = "standard" }); strings.Contains(msg, "recorded") {
		t.Errorf("--no-history: stderr = %q", msg)
	}

	s, err := history.Open(ctx, path, history.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.List(ctx, history.ListOptions{})
	if err != nil || len(list) != 2 {
		t.Fatalf("history holds %d audits (%v), want 2 (the default judgement and the voiceVlan one)", len(list), err)
	}
	rec, err := s.Get(ctx, list[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Source != history.SourceAudit || rec.Fail == 0 || rec.Snapshot == nil || len(rec.Snapshot.Switches) != 1 || rec.Result.Site != "hq" {
		t.Errorf("recorded %+v with snapshot %v, want the audit of hq with its snapshot", rec.Entry, rec.Snapshot != nil)
	}
}

// TestAuditRefusesUnusableHistory: a --history that is not a voxlan
// history stops the audit before anything is read, exit 2, file untouched.
func TestAuditRefusesUnusableHistory(t *testing.T) {
	bad := cmdtest.WriteFile(t, t.TempDir(), "notes.db", "shopping list\n")
	streams, stdout, _ := cmdtest.Streams()
	opts := testOpts(nil, nil)
	opts.IO, opts.SnapshotFile, opts.History = streams, writeSnap(t, cascadeSnapshot("hq")), bad
	err := auditRun(context.Background(), opts)
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !errors.Is(err, history.ErrNotHistory) || !strings.Contains(err.Error(), "--no-history") {
		t.Errorf("err = %v (exit %d), want exit 2 saying it is not a history and offering --no-history", err, cmdutil.CodeFor(err))
	}
	if stdout.Len() != 0 {
		t.Errorf("the audit ran anyway: %q", stdout.String())
	}
	if b, _ := os.ReadFile(bad); string(b) != "shopping list\n" {
		t.Errorf("the file was changed: %q", b)
	}
}

func TestAuditHistoryFlags(t *testing.T) {
	streams, _, _ := cmdtest.Streams()
	cmd := NewCmdAudit(&cmdutil.Factory{IO: streams, Getenv: func(string) string { return "" }}, func(*AuditOptions) error { return nil })
	err := cmdtest.Run(cmd, "--snapshot", "s.json", "--history", "h.db", "--no-history")
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "contradict") {
		t.Errorf("--history with --no-history: %v", err)
	}
}
