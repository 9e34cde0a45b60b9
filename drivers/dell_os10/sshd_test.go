//go:build linux

package dell_os10_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/dell_os10"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// TestApplyOverOpenSSH runs plan, apply and rollback against the OS10
// emulator behind a real OpenSSH sshd in a network namespace (ForceCommand
// = lab/clisim/cmd/clisim -os os10, one process per session sharing a
// state file): a dropped session, then a clean apply with save.
func TestApplyOverOpenSSH(t *testing.T) {
	dev := clisim.NewOS10("os10-leaf-1", 10, "198.18.1.2")
	dev.AddPhone("ethernet1/1/1")
	dev.Faults.DropAfterConfigLines = 6
	sshd := drivertest.StartOpenSSH(t, dev, "vxo10", 56, "-os", "os10")
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	dial := sshd.Dialer(dell_os10.Driver{}.Attrs())
	load := func() *clisim.OS10 {
		t.Helper()
		d, err := clisim.LoadOS10(sshd.State)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	run := func(o apply.Options) *apply.Report {
		t.Helper()
		sess, err := dial(ctx, 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		p, err := apply.Plan(ctx, sess, dell_os10.Driver{}, "os10-leaf-1", voiceChanges("ethernet1/1/1", "ethernet1/1/2", "ethernet1/1/3"), apply.Guard{})
		if err != nil {
			t.Fatal(err)
		}
		o.BackupDir = filepath.Join(t.TempDir(), "backups")
		r, err := apply.Apply(ctx, sess, dial, p, o)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(r.Failure, sshd.SSHD.Password) {
			t.Fatal("password in the report")
		}
		return r
	}
	before := load().RunningConfig()
	r := run(apply.Options{Batch: 4})
	if r.Outcome != apply.OutcomeRolledBack || !strings.Contains(r.Failure, "session lost") || r.Sessions != 2 {
		t.Errorf("dropped session: outcome %q, failure %q, %d sessions", r.Outcome, r.Failure, r.Sessions)
	}
	if got := load().RunningConfig(); got != before {
		t.Fatalf("after the dropped session the switch is not back to its backup:\n--- before\n%s\n--- after\n%s", before, got)
	}
	r = run(apply.Options{Save: true})
	if r.Outcome != apply.OutcomeSaved || len(r.Ports) != 3 || r.Ports[0].Status != apply.PortAsPlanned {
		t.Fatalf("clean apply: %q %q %+v", r.Outcome, r.Failure, r.Ports)
	}
	d := load()
	if d.StartupConfig() != d.RunningConfig() || d.StartupConfig() == before {
		t.Error("not saved")
	}
	for _, port := range []string{"ethernet1/1/1", "ethernet1/1/2", "ethernet1/1/3"} {
		if p, _ := d.Port(port); !p.Trunk || p.Access != 10 || len(p.Allowed) != 1 || len(p.Policies) != 1 {
			t.Errorf("port %s: %+v", port, p)
		}
	}
}
