package applytest

import (
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/drivers/apply"
)

// Classic runs the first wave's fault table on fresh labs from newLab: the
// switch rejects the line reject, drops the session after 8 lines, accepts
// but ignores the line ignore (verification catches it), and answers 1 s
// per line against a 300 ms timeout. Each must end rolled back, the
// running configuration byte-identical to the backup, nothing saved and
// every planned port reported restored; rejected says what the failure
// names for the rejected line (`rejected "<line>": <the OS's error>`).
func Classic(t *testing.T, newLab func(t *testing.T) FaultLab, reject, rejected, ignore string) {
	for _, tc := range []struct {
		name    string
		fault   func(fl FaultLab)
		opts    apply.Options
		failure string
	}{
		{"rejected", func(fl FaultLab) { fl.Faults.Reject = reject }, apply.Options{}, rejected},
		{"dropped", func(fl FaultLab) { fl.Faults.DropAfterConfigLines = 8 }, apply.Options{Batch: 4}, "sending:"},
		{"ignored", func(fl FaultLab) { fl.Faults.Ignore = ignore }, apply.Options{Batch: 4}, "verification found"},
		{"slow", func(fl FaultLab) {
			fl.Faults.SetConfigDelay(time.Second)
			fl.Lab.Opts.Timeout = 300 * time.Millisecond
		}, apply.Options{RollbackTimeout: 5 * time.Second}, "timed out"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fl := newLab(t)
			tc.fault(fl)
			startup := fl.Startup()
			_, r, before := Run(t, fl.Lab, fl.Driver, fl.Changes, tc.opts)
			if r.Outcome != apply.OutcomeRolledBack || !strings.Contains(r.Failure, tc.failure) {
				t.Fatalf("outcome %q failure %q, want %q with %q", r.Outcome, r.Failure, apply.OutcomeRolledBack, tc.failure)
			}
			fl.Faults.SetConfigDelay(0)
			if after := fl.Lab.Dev.RunningConfig(); after != before {
				t.Errorf("device not back to the backup state:\nbefore:\n%s\nafter:\n%s", before, after)
			}
			if r.Saved || fl.Startup() != startup {
				t.Error("saved after a failure")
			}
			if len(r.Ports) == 0 || len(r.Residual) != 0 {
				t.Fatalf("ports %+v residual %v", r.Ports, r.Residual)
			}
			for _, pr := range r.Ports {
				if pr.Status != apply.PortRestored {
					t.Errorf("port %s: %q", pr.Port, pr.Status)
				}
			}
		})
	}
}
