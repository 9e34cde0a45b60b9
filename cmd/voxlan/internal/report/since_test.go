package report

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	"github.com/voxlan/voxlan/history"
)

// earlier is the demo audit a month before, with its first failing port
// finding not failing yet: today's report has one new finding since.
func earlier(t *testing.T) *audit.Result {
	t.Helper()
	data, err := os.ReadFile(demoAudit)
	if err != nil {
		t.Fatal(err)
	}
	r, err := audit.DecodeBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	r.TakenAt = r.TakenAt.Add(-30 * 24 * time.Hour)
	for i, f := range r.Findings {
		if f.Status == audit.StatusFail && f.Port != "" {
			r.Findings[i].Status = audit.StatusPass
			break
		}
	}
	r.Verdict = audit.VerdictOf(r.Findings)
	return r
}

func TestReportSinceTheLastAudit(t *testing.T) {
	ctx := context.Background()
	state := t.TempDir()
	s, err := history.Open(ctx, filepath.Join(state, "voxlan", "history.db"), history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	old := earlier(t)
	if _, err := s.RecordAudit(ctx, old, nil, history.SourceAudit); err != nil {
		t.Fatal(err)
	}
	s.Close()

	f, out, errOut := testFactory()
	o := newOpts(f)
	o.Getenv = func(k string) string {
		return map[string]string{"USER": "technicien", "XDG_STATE_HOME": state, "HOME": state}[k]
	}
	o.AuditFiles, o.SnapshotFiles, o.Output = []string{demoAudit}, []string{demoSnapshot}, "md"
	if err := run(t, o); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	md := out.String()
	for _, w := range []string{"## Depuis le dernier audit", "(" + old.Site + "@1, verdict", "0 corrigé(s), 1 nouveau(x)", "### Nouveau depuis"} {
		if !strings.Contains(md, w) {
			t.Errorf("report lacks %q; stderr %s", w, errOut)
		}
	}

	// --no-history: no section; --since FILE: the section from that file.
	f, out, _ = testFactory()
	o = newOpts(f)
	o.Getenv = func(k string) string { return map[string]string{"XDG_STATE_HOME": state, "HOME": state}[k] }
	o.AuditFiles, o.SnapshotFiles, o.Output, o.NoHistory = []string{demoAudit}, []string{demoSnapshot}, "md", true
	if err := run(t, o); err != nil || strings.Contains(out.String(), "Depuis le dernier audit") {
		t.Errorf("--no-history: %v, section present %v", err, strings.Contains(out.String(), "Depuis le dernier audit"))
	}
	var buf strings.Builder
	if err := audit.Encode(&buf, old); err != nil {
		t.Fatal(err)
	}
	oldFile := cmdtest.WriteFile(t, t.TempDir(), "before.json", buf.String())
	f, out, _ = testFactory()
	o = newOpts(f)
	o.AuditFiles, o.SnapshotFiles, o.Output, o.Since, o.Lang = []string{demoAudit}, []string{demoSnapshot}, "md", oldFile, "en"
	if err := run(t, o); err != nil || !strings.Contains(out.String(), "## Since the last audit") || !strings.Contains(out.String(), "("+oldFile+", verdict") {
		t.Errorf("--since FILE: %v\n%s", err, out)
	}
	f, _, _ = testFactory()
	o = newOpts(f)
	o.AuditFiles, o.SnapshotFiles, o.Since = []string{demoAudit}, []string{demoSnapshot}, "lyon@9"
	if err := run(t, o); cmdutil.CodeFor(err) != cmdutil.ExitUsage {
		t.Errorf("--since naming nothing: %v, want a usage error", err)
	}
}
