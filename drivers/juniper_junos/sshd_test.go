//go:build linux

package juniper_junos_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/drivers/juniper_junos"
	"github.com/voxlan/voxlan/lab/clisim"
)

// TestApplyOverOpenSSH runs plan, apply and rollback against the Junos
// emulator behind a real OpenSSH sshd in a network namespace (ForceCommand
// = lab/clisim/cmd/clisim -os junos, one process per session sharing a
// state file): a dropped session, whose exclusive candidate dies with its
// process, then a clean apply through commit confirmed and commit.
func TestApplyOverOpenSSH(t *testing.T) {
	dev := clisim.NewJunos("ex2300-1", 10, "198.18.1.2")
	dev.AddPhone("ge-0/0/0")
	dev.Faults.DropAfterConfigLines = 4
	sshd := drivertest.StartOpenSSH(t, dev, "vxjn", 57, "-os", "junos")
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	dial := sshd.Dialer(juniper_junos.Driver{}.Attrs())
	load := func() *clisim.Junos {
		t.Helper()
		d, err := clisim.LoadJunos(sshd.State)
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
		p, err := apply.Plan(ctx, sess, juniper_junos.Driver{}, "ex2300-1", voiceChanges("ge-0/0/0", "ge-0/0/1", "ge-0/0/2"), apply.Guard{})
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
	commits := load().Commits()
	r := run(apply.Options{Batch: 2})
	if r.Outcome != apply.OutcomeRolledBack || !strings.Contains(r.Failure, "session lost") || r.Sessions != 2 {
		t.Errorf("dropped session: outcome %q, failure %q, %d sessions", r.Outcome, r.Failure, r.Sessions)
	}
	if d := load(); d.RunningConfig() != before || d.Commits() != commits {
		t.Fatalf("after the dropped session the switch changed:\n--- before\n%s\n--- after\n%s", before, d.RunningConfig())
	}
	r = run(apply.Options{Save: true})
	if r.Outcome != apply.OutcomeSaved || len(r.Ports) != 3 || r.Ports[0].Status != apply.PortAsPlanned {
		t.Fatalf("clean apply: %q %q %+v", r.Outcome, r.Failure, r.Ports)
	}
	d := load()
	if d.ConfirmPending() || d.Commits() != commits+2 {
		t.Errorf("confirmation pending %v, %d commits; want the confirmed commit and its confirmation", d.ConfirmPending(), d.Commits()-commits)
	}
	for _, port := range []string{"ge-0/0/0", "ge-0/0/1", "ge-0/0/2"} {
		if !strings.Contains(d.RunningConfig(), "set switch-options voip interface "+port+".0 vlan VOICE\n") {
			t.Errorf("port %s has no voip VLAN", port)
		}
	}
}
