//go:build linux

package aruba_aoss_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/apply/applytest"
	"github.com/voxlan/voxlan/drivers/aruba_aoss"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// TestApplyOverOpenSSH runs plan, apply and rollback against the AOS-S
// emulator behind a real OpenSSH sshd in a network namespace (ForceCommand
// = lab/clisim/cmd/clisim -os aoss, one process per session sharing a
// state file): a dropped session, then a rejected line, then a clean apply
// with save.
func TestApplyOverOpenSSH(t *testing.T) {
	dev := clisim.NewAOSS("HP-2530-48G", 10, "198.18.1.2")
	dev.AddPhone("1")
	dev.Faults.DropAfterConfigLines = 8
	sshd := drivertest.StartOpenSSH(t, dev, "vxaos", 46, "-os", "aoss")
	state := sshd.State
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	load := func() *clisim.AOSS {
		t.Helper()
		d, err := clisim.LoadAOSS(state)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	run := func(o apply.Options) *apply.Report {
		t.Helper()
		return applytest.RunOpenSSH(t, ctx, sshd, aruba_aoss.Driver{}, "HP-2530-48G", voiceChanges("1", "2", "3"), o)
	}

	before := load().RunningConfig()
	r := run(apply.Options{Batch: 4})
	if r.Outcome != apply.OutcomeRolledBack || !strings.Contains(r.Failure, "session lost") || r.Sessions != 2 {
		t.Errorf("dropped session: outcome %q, failure %q, %d sessions", r.Outcome, r.Failure, r.Sessions)
	}
	if got := load().RunningConfig(); got != before {
		t.Fatalf("after the dropped session the switch is not back to its backup:\n--- before\n%s\n--- after\n%s", before, got)
	}

	d := load()
	d.Faults.Reject = "tagged 1-3"
	if err := d.SaveState(state); err != nil {
		t.Fatal(err)
	}
	// SaveState replaced the file: give it back to the session user.
	sshd.ChownState(t)
	r = run(apply.Options{})
	if r.Outcome != apply.OutcomeRolledBack || !strings.Contains(r.Failure, `rejected "tagged 1-3"`) {
		t.Errorf("rejected line: outcome %q, failure %q", r.Outcome, r.Failure)
	}
	if got := load().RunningConfig(); got != before {
		t.Fatalf("after the rejected line the switch is not back to its backup:\n--- before\n%s\n--- after\n%s", before, got)
	}
	if len(r.Ports) != 3 {
		t.Errorf("ports %+v", r.Ports)
	}
	for _, pr := range r.Ports {
		if pr.Status != apply.PortRestored {
			t.Errorf("port %s: %q", pr.Port, pr.Status)
		}
	}

	d = load()
	d.Faults.Reject = ""
	if err := d.SaveState(state); err != nil {
		t.Fatal(err)
	}
	sshd.ChownState(t)
	r = run(apply.Options{Save: true})
	if r.Outcome != apply.OutcomeSaved || len(r.Ports) != 3 || r.Ports[0].Status != apply.PortAsPlanned {
		t.Fatalf("clean apply: %q %q %+v", r.Outcome, r.Failure, r.Ports)
	}
	d = load()
	if d.StartupConfig() != d.RunningConfig() || d.StartupConfig() == before {
		t.Error("not saved")
	}
	for _, port := range []string{"1", "2", "3"} {
		if u, tg := d.Membership(port); u != 10 || !slices.Equal(tg, []int{20}) {
			t.Errorf("port %s: untagged %d tagged %v", port, u, tg)
		}
	}
}
