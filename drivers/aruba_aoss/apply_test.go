package aruba_aoss_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/apply/applytest"
	"github.com/voxlan/voxlan/drivers/aruba_aoss"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// lab is the AOS-S emulator behind the in-process SSH server on loopback.
type lab struct {
	*drivertest.Lab
	dev *clisim.AOSS
}

func newLab(t testing.TB) *lab {
	t.Helper()
	dev := clisim.NewAOSS("HP-2530-48G", 10, "198.18.1.2")
	dev.AddPhone("1")
	dev.AddPhone("2")
	// Port 3 has PoE off: the plan turns it on.
	sh := dev.NewShell()
	for _, l := range []string{"configure", "no interface 3 power-over-ethernet", "end"} {
		if out, _ := sh.Exec(l); out != "" {
			t.Fatalf("%s: %s", l, out)
		}
	}
	return &lab{Lab: drivertest.NewLab(t, dev, "manager", aruba_aoss.Driver{}.Attrs()), dev: dev}
}

var voice = drivertest.Voice

func voiceChanges(ports ...string) []audit.Change {
	cs := drivertest.VoiceChanges(ports...)
	for i := range cs {
		cs[i].Reason = "t"
	}
	return cs
}

func (l *lab) run(t *testing.T, changes []audit.Change, o apply.Options) (*apply.SwitchPlan, *apply.Report, string) {
	t.Helper()
	return applytest.Run(t, l.Lab, aruba_aoss.Driver{}, changes, o)
}

// TestApplyVoicePorts: plan, apply, verify and save voice configuration on
// three phone ports of the AOS-S emulator over SSH; the uplink is refused.
func TestApplyVoicePorts(t *testing.T) {
	l := newLab(t)
	p, r, before := l.run(t, voiceChanges("1", "2", "3", "49"), apply.Options{Save: true})
	if r.Outcome != apply.OutcomeSaved || r.Failure != "" {
		t.Fatalf("outcome %q failure %q mismatches %v\nsent %+v", r.Outcome, r.Failure, r.Mismatches, r.Sent)
	}
	want := []string{"vlan 20", "name VOICE", "voice", "qos priority 5", "qos dscp 101110", "exit",
		"vlan 20", "tagged 1-3", "exit", "interface 3 power-over-ethernet"}
	if !slices.Equal(p.Lines, want) {
		t.Errorf("plan lines:\n%s\nwant:\n%s", strings.Join(p.Lines, "\n"), strings.Join(want, "\n"))
	}
	if len(p.Refused) != 1 || p.Refused[0].Port != "49" || !strings.Contains(p.Refused[0].Reason, "uplink") {
		t.Errorf("refused %+v", p.Refused)
	}
	for _, port := range []string{"1", "2", "3"} {
		u, tg := l.dev.Membership(port)
		if u != 10 || !slices.Equal(tg, []int{20}) {
			t.Errorf("port %s: untagged %d tagged %v", port, u, tg)
		}
	}
	if u, tg := l.dev.Membership("4"); u != 10 || len(tg) != 0 {
		t.Errorf("port 4 outside the plan changed: %d %v", u, tg)
	}
	if pp, _ := l.dev.Port("3"); pp.PoEOff {
		t.Error("PoE still off on port 3")
	}
	if len(r.Ports) != 3 || r.Ports[0].Status != apply.PortAsPlanned || !strings.Contains(r.Ports[0].State, "med voice vlan 20 tagged priority 5 dscp 46") {
		t.Errorf("ports %+v", r.Ports)
	}
	if l.dev.StartupConfig() == before || l.dev.StartupConfig() != l.dev.RunningConfig() {
		t.Error("configuration not saved")
	}
	t.Logf("%d lines, %d session(s), %d round trips, %v", len(p.Lines), r.Sessions, r.RoundTrips, r.Elapsed)
}

// TestApplyRejectedLineRollsBack: the switch rejects the membership line
// after the voice VLAN was created; apply rolls back to the backup (the
// VLAN goes again) and says each port is restored.
func TestApplyRejectedLineRollsBack(t *testing.T) {
	l := newLab(t)
	l.dev.Faults.Reject = "tagged 1-3"
	_, r, before := l.run(t, voiceChanges("1", "2", "3"), apply.Options{Save: true})
	if r.Outcome != apply.OutcomeRolledBack || !strings.Contains(r.Failure, `rejected "tagged 1-3": Invalid input: tagged`) {
		t.Fatalf("outcome %q failure %q", r.Outcome, r.Failure)
	}
	if after := l.dev.RunningConfig(); after != before {
		t.Errorf("device not back to the backup state:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if r.Saved || strings.Contains(l.dev.StartupConfig(), "VOICE") {
		t.Error("saved after a failure")
	}
	if len(r.Residual) != 0 {
		t.Errorf("residual %v", r.Residual)
	}
	if len(r.Ports) != 3 {
		t.Fatalf("ports %+v", r.Ports)
	}
	for _, pr := range r.Ports {
		if pr.Status != apply.PortRestored {
			t.Errorf("port %s: %q, want %q", pr.Port, pr.Status, apply.PortRestored)
		}
	}
	if pr := r.Ports[2]; !strings.Contains(pr.State, "poe off") || !strings.Contains(pr.State, "voice vlan 0") {
		t.Errorf("port 3 state %q", pr.State)
	}
	if !slices.ContainsFunc(r.Rollback, func(lr drivers.LineResult) bool { return lr.Line == "no vlan 20" }) {
		t.Errorf("rollback did not remove the VLAN: %+v", r.Rollback)
	}
	t.Logf("rollback lines: %v", r.Rollback)
}

// TestApplyOtherFaults: a session dropped mid-plan and a line the switch
// accepts but ignores (verification catches it) both end in the backup
// state with every port reported restored.
func TestApplyOtherFaults(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fault   func(f *clisim.Faults)
		failure string
	}{
		{"dropped", func(f *clisim.Faults) { f.DropAfterConfigLines = 8 }, "sending:"},
		{"ignored", func(f *clisim.Faults) { f.Ignore = "voice" }, "verification found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newLab(t)
			tc.fault(l.dev.Faults)
			_, r, before := l.run(t, voiceChanges("1", "2", "3"), apply.Options{Batch: 4})
			if r.Outcome != apply.OutcomeRolledBack || !strings.Contains(r.Failure, tc.failure) {
				t.Fatalf("outcome %q failure %q", r.Outcome, r.Failure)
			}
			if after := l.dev.RunningConfig(); after != before {
				t.Errorf("device not back to the backup state:\nbefore:\n%s\nafter:\n%s", before, after)
			}
			for _, pr := range r.Ports {
				if pr.Status != apply.PortRestored {
					t.Errorf("port %s: %q", pr.Port, pr.Status)
				}
			}
			if len(r.Ports) != 3 || len(r.Residual) != 0 {
				t.Errorf("ports %+v residual %v", r.Ports, r.Residual)
			}
		})
	}
}
