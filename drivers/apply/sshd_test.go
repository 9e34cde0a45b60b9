//go:build linux

package apply

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/drivers/cisco_ios"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// TestApplyOverOpenSSH runs plan, apply and rollback against the IOS
// emulator behind a real OpenSSH sshd in a network namespace (ForceCommand =
// lab/clisim/cmd/clisim, one process per session sharing a state file):
// a dropped session, then a rejected line, then a clean apply with save.
func TestApplyOverOpenSSH(t *testing.T) {
	dev := clisim.NewIOS("SW1", 10, "198.18.1.2")
	dev.AddPhone("Gi1/0/1")
	dev.Faults.DropAfterConfigLines = 9
	sshd := drivertest.StartOpenSSH(t, dev, "vxsw", 44)
	state := sshd.State
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	dial := sshd.Dialer(cisco_ios.Driver{}.Attrs())
	current := func() string {
		d, err := clisim.LoadIOS(state)
		if err != nil {
			t.Fatal(err)
		}
		return d.RunningConfig()
	}
	apply := func(o Options) *Report {
		t.Helper()
		sess, err := dial(ctx, 10*time.Second)
		if err != nil {
			log, _ := os.ReadFile(sshd.Log)
			t.Fatalf("%v\nemulator log: %s", err, log)
		}
		p, err := Plan(ctx, sess, cisco_ios.Driver{}, "sw1", voiceChanges("Gi1/0/1", "Gi1/0/2", "Gi1/0/3"), Guard{})
		if err != nil {
			t.Fatal(err)
		}
		o.BackupDir = filepath.Join(t.TempDir(), "backups")
		r, err := Apply(ctx, sess, dial, p, o)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}

	before := current()
	r := apply(Options{Batch: 4})
	if r.Outcome != OutcomeRolledBack || !strings.Contains(r.Failure, "session lost") || r.Sessions != 2 {
		t.Errorf("dropped session: outcome %q, failure %q, %d sessions", r.Outcome, r.Failure, r.Sessions)
	}
	if got := current(); got != before {
		t.Fatalf("after the dropped session the switch is not back to its backup:\n%s", lineDiff(before, got))
	}

	d, _ := clisim.LoadIOS(state)
	d.Faults.Reject = "network-policy 1"
	if err := d.SaveState(state); err != nil {
		t.Fatal(err)
	}
	r = apply(Options{})
	if r.Outcome != OutcomeRolledBack || !strings.Contains(r.Failure, `rejected "network-policy 1"`) {
		t.Errorf("rejected line: outcome %q, failure %q", r.Outcome, r.Failure)
	}
	if got := current(); got != before {
		t.Fatalf("after the rejected line the switch is not back to its backup:\n%s", lineDiff(before, got))
	}

	r = apply(Options{Save: true})
	if r.Outcome != OutcomeSaved || len(r.Ports) != 3 || r.Ports[0].Status != PortAsPlanned {
		t.Fatalf("clean apply: %q %q %+v", r.Outcome, r.Failure, r.Ports)
	}
	if d, _ := clisim.LoadIOS(state); d.StartupConfig() != d.RunningConfig() {
		t.Error("not saved")
	}
}
