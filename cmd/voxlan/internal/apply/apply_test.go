package apply

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/plan/plantest"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/all"
	dapply "github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/history"
	"github.com/voxlan/voxlan/inventory"
)

func testIO() (*cmdutil.IOStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}, &out, &errOut
}

func opts(t *testing.T, l *plantest.Lab, io *cmdutil.IOStreams) *ApplyOptions {
	return &ApplyOptions{IO: io, Now: time.Now, Getenv: func(k string) string { return l.Env[k] }, Source: sites.Source{AuditFile: l.AuditFile, Platform: "cisco_ios", SSHPort: l.Port, AcceptNewKey: true,
		KnownHosts: filepath.Join(l.Env["HOME"], ".ssh", "known_hosts"), Timeout: 5 * time.Second,
		Getenv: func(k string) string { return l.Env[k] }, Resolver: inventory.NewResolver(func(k string) string { return l.Env[k] }, nil), Registry: reg(t)},
		Yes: true, Batch: 32, BackupDir: filepath.Join(l.Env["XDG_STATE_HOME"], "voxlan", "backups"), Output: "json"}
}

func TestApplyNeedsConfirmation(t *testing.T) {
	l := plantest.NewLab(t, "Gi1/0/1")
	io, _, _ := testIO()
	o := opts(t, l, io)
	o.Yes = false
	if err := applyRun(t.Context(), o); cmdutil.CodeFor(err) != cmdutil.ExitUsage {
		t.Fatalf("got %v, want a usage error asking for --yes", err)
	}
	io.InTTY = true
	io.In = strings.NewReader("n\n")
	before := l.Dev.RunningConfig()
	if err := applyRun(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	if l.Dev.RunningConfig() != before {
		t.Error("declined, but the switch changed")
	}
}

func TestApplyRunSaves(t *testing.T) {
	l := plantest.NewLab(t, "Gi1/0/1", "Gi1/0/2", "Te1/1/1")
	io, out, errOut := testIO()
	o := opts(t, l, io)
	o.Save = true
	if err := applyRun(t.Context(), o); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	r := oneReport(t, out.Bytes())
	if r.Outcome != dapply.OutcomeSaved || len(r.Ports) != 2 || len(r.Refused) != 1 || r.Sessions != 1 {
		t.Fatalf("report %+v", r)
	}
	if !strings.Contains(errOut.String(), "backup saved to "+r.Backup) || !strings.Contains(errOut.String(), "lines to send") {
		t.Errorf("stderr lacks the plan or the backup path:\n%s", errOut)
	}
	if st, err := os.Stat(r.Backup); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("backup %s: %v", r.Backup, err)
	}
	if l.Dev.StartupConfig() != l.Dev.RunningConfig() {
		t.Error("not saved")
	}
	if strings.Contains(out.String()+errOut.String(), l.Password) {
		t.Error("password printed")
	}
	// The apply and the audit it applied are in the history, linked.
	hs, err := history.Open(t.Context(), filepath.Join(l.Env["XDG_STATE_HOME"], "voxlan", "history.db"), history.Options{MustExist: true})
	if err != nil {
		t.Fatalf("history: %v\n%s", err, errOut)
	}
	defer hs.Close()
	applies, err := hs.Applies(t.Context(), "")
	if err != nil || len(applies) != 1 {
		t.Fatalf("applies %+v, %v; want the one just run", applies, err)
	}
	a := applies[0]
	e, err := hs.Resolve(t.Context(), fmt.Sprint(a.AuditID))
	if err != nil || e.Source != history.SourceApply || a.Site != e.Site || a.Switches != 1 || a.Failed != 0 {
		t.Errorf("apply %+v linked to %+v (%v), want the applied audit recorded by apply", a, e, err)
	}
	var doc struct{ Schema string }
	if err := json.Unmarshal(a.Record, &doc); err != nil || doc.Schema != Schema {
		t.Errorf("apply record = %s, want the %s document", a.Record, Schema)
	}
	if !strings.Contains(errOut.String(), "apply recorded in") {
		t.Errorf("stderr does not say the apply was recorded:\n%s", errOut)
	}
}

func TestApplyRunRollsBackAndExitsNonZero(t *testing.T) {
	l := plantest.NewLab(t, "Gi1/0/1", "Gi1/0/2")
	l.Dev.Faults.Reject = "network-policy 1"
	before := l.Dev.RunningConfig()
	io, out, _ := testIO()
	o := opts(t, l, io)
	o.Output = "table"
	err := applyRun(t.Context(), o)
	if cmdutil.CodeFor(err) != cmdutil.ExitFailure {
		t.Fatalf("got %v, want exit 1", err)
	}
	if l.Dev.RunningConfig() != before {
		t.Error("not rolled back")
	}
	for _, want := range []string{"rolled back", `rejected "network-policy 1"`, "Gi1/0/1", "restored to backup"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// oneReport decodes apply's JSON output holding one switch's report.
func oneReport(t *testing.T, out []byte) dapply.Report {
	t.Helper()
	var res struct{ Reports []dapply.Report }
	if err := json.Unmarshal(out, &res); err != nil || len(res.Reports) != 1 {
		t.Fatalf("%v: %s", err, out)
	}
	return res.Reports[0]
}

func reg(t *testing.T) *drivers.Registry {
	r, err := all.New()
	if err != nil {
		t.Fatal(err)
	}
	return r
}
