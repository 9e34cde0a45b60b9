//go:build linux

package cisco_sb_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/cisco_sb"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// TestApplyOverOpenSSH runs plan, apply and rollback against the SB
// emulator behind a real OpenSSH sshd in a network namespace (ForceCommand
// = lab/clisim/cmd/clisim -os sb, one process per session sharing a state
// file): a dropped session, then a rejected line, then a clean apply with
// save.
func TestApplyOverOpenSSH(t *testing.T) {
	dev := clisim.NewSB("sw1", 10, "198.18.1.2")
	dev.AddPhone("gi1")
	dev.Faults.DropAfterConfigLines = 9
	sshd := drivertest.StartOpenSSH(t, dev, "vxsb", 45, "-os", "sb")
	state := sshd.State
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	dial := sshd.Dialer(cisco_sb.Driver{}.Attrs())
	current := func() string {
		d, err := clisim.LoadSB(state)
		if err != nil {
			t.Fatal(err)
		}
		return d.RunningConfig()
	}
	run := func(o apply.Options) *apply.Report {
		t.Helper()
		sess, err := dial(ctx, 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		p, err := apply.Plan(ctx, sess, cisco_sb.Driver{}, "sw1", voiceChanges("gi1", "gi2", "gi3"), apply.Guard{})
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

	before := current()
	r := run(apply.Options{Batch: 4})
	if r.Outcome != apply.OutcomeRolledBack || !strings.Contains(r.Failure, "session lost") || r.Sessions != 2 {
		t.Errorf("dropped session: outcome %q, failure %q, %d sessions", r.Outcome, r.Failure, r.Sessions)
	}
	if got := current(); got != before {
		t.Fatalf("after the dropped session the switch is not back to its backup:\n--- before\n%s\n--- after\n%s", before, got)
	}

	d, _ := clisim.LoadSB(state)
	d.Faults.Reject = "switchport general allowed vlan add 20 tagged"
	if err := d.SaveState(state); err != nil {
		t.Fatal(err)
	}
	// SaveState replaced the file: give it back to the session user.
	sshd.ChownState(t)
	r = run(apply.Options{})
	if r.Outcome != apply.OutcomeRolledBack || !strings.Contains(r.Failure, `rejected "switchport general allowed vlan add 20 tagged"`) {
		t.Errorf("rejected line: outcome %q, failure %q", r.Outcome, r.Failure)
	}
	if got := current(); got != before {
		t.Fatalf("after the rejected line the switch is not back to its backup:\n--- before\n%s\n--- after\n%s", before, got)
	}
	for _, pr := range r.Ports {
		if pr.Status != apply.PortRestored {
			t.Errorf("port %s: %q", pr.Port, pr.Status)
		}
	}

	r = run(apply.Options{Save: true})
	if r.Outcome != apply.OutcomeSaved || len(r.Ports) != 3 || r.Ports[0].Status != apply.PortAsPlanned {
		t.Fatalf("clean apply: %q %q %+v", r.Outcome, r.Failure, r.Ports)
	}
	if d, _ := clisim.LoadSB(state); d.StartupConfig() != d.RunningConfig() || d.VoiceVLAN() != 20 {
		t.Error("not applied and saved")
	}
}
