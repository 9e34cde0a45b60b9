//go:build linux

package applytest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/drivertest"
)

// RunOpenSSH plans changes for switch name with d over a new session to
// the emulator behind o and applies them with opts (backups in a fresh
// directory), failing the test on an error or when the sshd password
// shows in the report.
func RunOpenSSH(t *testing.T, ctx context.Context, o *drivertest.OpenSSH, d drivers.Driver, name string, changes []audit.Change, opts apply.Options) *apply.Report {
	t.Helper()
	dial := o.Dialer(d.Attrs())
	sess, err := dial(ctx, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	p, err := apply.Plan(ctx, sess, d, name, changes, apply.Guard{})
	if err != nil {
		t.Fatal(err)
	}
	opts.BackupDir = filepath.Join(t.TempDir(), "backups")
	r, err := apply.Apply(ctx, sess, dial, p, opts)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.Failure, o.SSHD.Password) {
		t.Fatal("password in the report")
	}
	return r
}

// OverOpenSSH is the scenario the drivers' OpenSSH tests share, on the
// emulator behind o whose device drops the session after a few
// configuration lines: the first apply (4 lines a batch) loses the session
// and must roll back over a second one, leaving the running configuration
// as it was; the second applies cleanly and saves. load reads the device
// back from o's state file; the device as it ends is returned for the
// driver's own port checks.
func OverOpenSSH(t *testing.T, o *drivertest.OpenSSH, d drivers.Driver, name string, changes []audit.Change, load func(state string) (Device, error)) Device {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	read := func() Device {
		t.Helper()
		dev, err := load(o.State)
		if err != nil {
			t.Fatal(err)
		}
		return dev
	}
	before := read().RunningConfig()
	r := RunOpenSSH(t, ctx, o, d, name, changes, apply.Options{Batch: 4})
	if r.Outcome != apply.OutcomeRolledBack || !strings.Contains(r.Failure, "session lost") || r.Sessions != 2 {
		t.Errorf("dropped session: outcome %q, failure %q, %d sessions", r.Outcome, r.Failure, r.Sessions)
	}
	if got := read().RunningConfig(); got != before {
		t.Fatalf("after the dropped session the switch is not back to its backup:\n--- before\n%s\n--- after\n%s", before, got)
	}
	r = RunOpenSSH(t, ctx, o, d, name, changes, apply.Options{Save: true})
	if r.Outcome != apply.OutcomeSaved || len(r.Ports) == 0 || r.Ports[0].Status != apply.PortAsPlanned {
		t.Fatalf("clean apply: %q %q %+v", r.Outcome, r.Failure, r.Ports)
	}
	dev := read()
	if dev.StartupConfig() != dev.RunningConfig() || dev.StartupConfig() == before {
		t.Error("not saved")
	}
	return dev
}
