package apply_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/apply/applytest"
	"github.com/voxlan/voxlan/drivers/cisco_ios"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// revertUnit is the emulated length of one IOS revert-timer minute: the
// default 5-minute timer fires 5 s after arming.
const revertUnit = time.Second

func iosFaultLab(t *testing.T) applytest.FaultLab {
	dev := clisim.NewIOS("SW1", 10, "198.18.1.2")
	dev.AddPhone("Gi1/0/1")
	dev.SetArchivePath("flash:archive")
	dev.RevertUnit = revertUnit
	l := drivertest.NewLab(t, dev, "admin", cisco_ios.Driver{}.Attrs())
	return applytest.FaultLab{Lab: l, Driver: cisco_ios.Driver{}, Faults: dev.Faults, Startup: dev.StartupConfig,
		Changes: drivertest.VoiceChanges("Gi1/0/1", "Gi1/0/2", "Gi1/0/3", "Gi1/0/4"),
		Reverts: dev.Reverts, RevertWithin: 5*revertUnit + 5*time.Second}
}

func TestFaultsCiscoIOS(t *testing.T) { applytest.Faults(t, iosFaultLab) }

// TestRevertTimerArmedAndConfirmed: without an archive path voxlan adds
// one, arms the timer before the first line, confirms after verification
// and removes the path: the switch ends exactly as planned, no rollback
// pending, and never reverts.
func TestRevertTimerArmedAndConfirmed(t *testing.T) {
	dev := clisim.NewIOS("SW1", 10, "198.18.1.2")
	dev.RevertUnit = 300 * time.Millisecond
	l := drivertest.NewLab(t, dev, "admin", cisco_ios.Driver{}.Attrs())
	p, r, _ := applytest.Run(t, l, cisco_ios.Driver{}, drivertest.VoiceChanges("Gi1/0/2"), apply.Options{RevertAfter: 4 * time.Minute})
	if r.Outcome != apply.OutcomeApplied {
		t.Fatalf("outcome %q failure %q", r.Outcome, r.Failure)
	}
	if !strings.Contains(p.SafetyNet, "5 minute") && !strings.Contains(r.SafetyNet, "4 minute") {
		t.Errorf("plan net %q, report net %q", p.SafetyNet, r.SafetyNet)
	}
	if dev.RevertPending() {
		t.Error("a timed rollback is still pending after the confirmation")
	}
	if strings.Contains(dev.RunningConfig(), "archive") {
		t.Error("the archive path voxlan added is still configured")
	}
	time.Sleep(4*300*time.Millisecond + 300*time.Millisecond)
	if dev.Reverts() != 0 {
		t.Error("the switch reverted a confirmed change")
	}
	if port, _ := dev.Port("Gi1/0/2"); port.VoiceVLAN != 20 {
		t.Errorf("Gi1/0/2 = %+v, want voice VLAN 20", port)
	}
}

// TestInterruptSlowApplyMeasured is issue 14's report: Ctrl-C 1.5 s into an
// apply of 21 lines on 4 ports at 200 ms per line. The rollback runs on its
// own context and the switch ends byte-identical to the backup.
func TestInterruptSlowApplyMeasured(t *testing.T) {
	fl := iosFaultLab(t)
	dev := fl.Lab.Dev.(*clisim.IOS)
	dev.Faults.SetHooks(func(_ int, line string) {
		if strings.HasPrefix(line, "vlan") {
			dev.Faults.SetConfigDelay(200 * time.Millisecond) // from the change's first line on
		}
	}, nil)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	sess, err := fl.Lab.Dial(ctx, fl.Lab.Opts.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	p, err := apply.Plan(ctx, sess, fl.Driver, "sw1", fl.Changes, apply.Guard{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Lines) != 21 || len(p.Ports) != 4 {
		t.Fatalf("plan of %d lines on %d ports, want 21 on 4", len(p.Lines), len(p.Ports))
	}
	before := dev.RunningConfig()
	time.AfterFunc(1500*time.Millisecond, cancel)
	r, err := apply.Apply(ctx, sess, fl.Lab.Dial, p, apply.Options{BackupDir: fl.Lab.Backups, RollbackTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if r.Outcome != apply.OutcomeRolledBack || dev.RunningConfig() != before {
		t.Fatalf("outcome %q (failure %q), running configuration back to the backup: %v", r.Outcome, r.Failure, dev.RunningConfig() == before)
	}
	for _, pr := range r.Ports {
		if pr.Status != apply.PortRestored {
			t.Errorf("port %s %q", pr.Port, pr.Status)
		}
	}
	answered := 0
	for _, l := range r.Sent {
		if !strings.HasPrefix(l.Error, "no reply") {
			answered++
		}
	}
	t.Logf("interrupted after %d of 21 lines were answered; rollback took %.2f s over %d sessions", answered, r.RollbackSeconds, r.Sessions)
}
