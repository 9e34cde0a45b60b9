package applytest

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// FaultLab is one fresh emulated switch for the fault suite.
type FaultLab struct {
	Lab    *drivertest.Lab
	Driver drivers.Driver
	// Faults are the device's fault hooks.
	Faults *clisim.Faults
	// Startup returns the device's startup configuration.
	Startup func() string
	// Changes are the changes to apply (phone ports of the device).
	Changes []audit.Change
	// Reverts, for an OS with a revert timer, counts the rollbacks the
	// device did by itself; its timer must fire within RevertWithin of the
	// default apply.Options.RevertAfter, and the device must already have
	// what the timer needs (an IOS archive path), so a revert restores
	// exactly the backup. Nil for an OS without a timer.
	Reverts      func() int
	RevertWithin time.Duration
}

// Faults runs the fault scenarios every driver must survive, each on a
// fresh lab from newLab: an interrupt (the first Ctrl-C) at several points
// of the change, the SSH server gone for a few seconds, gone for good (the
// device timer reverts, or the startup configuration is untouched), gone
// during verification, and a second Ctrl-C abandoning the rollback. Each
// ends with the running configuration equal to the backup (or the report
// saying exactly what is not known) and every port reported.
func Faults(t *testing.T, newLab func(t *testing.T) FaultLab) {
	t.Run("interrupt", func(t *testing.T) {
		n := len(planLines(t, newLab(t)))
		for _, at := range []int{1, n / 2, n} {
			t.Run("after line "+strconv.Itoa(at), func(t *testing.T) {
				fl := newLab(t)
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				fl.Faults.SetHooks(atLine(planLines(t, fl), at, cancel), nil)
				_, r, before := start(t, ctx, fl, apply.Options{})
				wantRestored(t, fl, r, before)
			})
		}
		t.Run("during verification", func(t *testing.T) {
			fl := newLab(t)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			fl.Faults.SetHooks(afterPlan(planLines(t, fl), cancel))
			_, r, before := start(t, ctx, fl, apply.Options{})
			wantRestored(t, fl, r, before)
		})
	})
	t.Run("server back after 3s", func(t *testing.T) {
		fl := newLab(t)
		lines := planLines(t, fl)
		fl.Faults.SetHooks(atLine(lines, len(lines)/2, func() { fl.Lab.Srv.Outage(3 * time.Second) }), nil)
		_, r, before := start(t, t.Context(), fl, apply.Options{})
		wantRestored(t, fl, r, before)
		if r.RollbackSeconds < 2.5 {
			t.Errorf("rollback took %.2f s, want about 3 s of reconnecting", r.RollbackSeconds)
		}
		t.Logf("%s: rollback after a 3 s outage took %.2f s (%d sessions)", fl.Driver.Name(), r.RollbackSeconds, r.Sessions)
	})
	t.Run("server gone during verification", func(t *testing.T) {
		fl := newLab(t)
		fl.Faults.SetHooks(afterPlan(planLines(t, fl), func() { fl.Lab.Srv.Outage(time.Second) }))
		_, r, before := start(t, t.Context(), fl, apply.Options{})
		if strings.Contains(r.Failure, "authentication") || !strings.Contains(r.Failure, drivers.ErrSessionLost.Error()) {
			t.Errorf("failure %q, want a lost session", r.Failure)
		}
		wantRestored(t, fl, r, before)
	})
	t.Run("server gone for good", func(t *testing.T) {
		fl := newLab(t)
		startup := fl.Startup()
		lines := planLines(t, fl)
		fl.Faults.SetHooks(atLine(lines, len(lines)/2, func() { fl.Lab.Srv.Outage(-1) }), nil)
		p, r, before := start(t, t.Context(), fl, apply.Options{ReconnectFor: time.Second})
		if r.Outcome != apply.OutcomeRollbackFailed || !strings.Contains(r.Advice, r.Backup) || r.Backup == "" {
			t.Errorf("outcome %q advice %q, want %q and advice naming the backup", r.Outcome, r.Advice, apply.OutcomeRollbackFailed)
		}
		wantEveryPort(t, p, r, apply.PortUnknown)
		if got := fl.Startup(); got != startup {
			t.Errorf("startup configuration changed while the change was unverified")
		}
		if fl.Driver.Attrs().Candidate() {
			// Cut before the commit: the lines never left the candidate,
			// which the switch drops with the session; no timer started.
			if after := fl.Lab.Dev.RunningConfig(); after != before {
				t.Errorf("an uncommitted change took effect:\n%s", after)
			}
			if fl.Reverts != nil && fl.Reverts() != 0 {
				t.Errorf("the switch reverted %d time(s) with nothing committed", fl.Reverts())
			}
			return
		}
		if fl.Reverts == nil {
			if p.SafetyNet != drivers.NoNetNote {
				t.Errorf("plan's safety net %q, want %q", p.SafetyNet, drivers.NoNetNote)
			}
			return
		}
		deadline := time.Now().Add(fl.RevertWithin)
		for fl.Reverts() == 0 && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		if fl.Reverts() != 1 {
			t.Fatalf("the switch did not revert by itself within %s", fl.RevertWithin)
		}
		if after := fl.Lab.Dev.RunningConfig(); after != before {
			t.Errorf("after its own revert the switch differs from the backup:\n%s", after)
		}
	})
	if fl := newLab(t); fl.Driver.Attrs().Candidate() {
		t.Run("interrupt after the commit", func(t *testing.T) {
			// Ctrl-C once the change is active, at the first check: the
			// rollback must commit its way back.
			fl := newLab(t)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			fl.Faults.SetHooks(afterPlanCommand(planLines(t, fl), cancel))
			_, r, before := start(t, ctx, fl, apply.Options{})
			wantRestored(t, fl, r, before)
			if fl.Reverts == nil {
				return
			}
			// The rollback's commit also ended the confirmed commit's
			// timer: it must not fire later and bring the change back.
			time.Sleep(fl.RevertWithin)
			if fl.Reverts() != 0 {
				t.Errorf("the switch's own timer fired after voxlan's rollback")
			}
			if after := fl.Lab.Dev.RunningConfig(); after != before {
				t.Errorf("%s after the rollback the switch differs from the backup:\n%s", fl.RevertWithin, after)
			}
		})
	}
	if fl := newLab(t); fl.Driver.Attrs().Candidate() && fl.Reverts != nil {
		t.Run("server gone for good after the commit", func(t *testing.T) {
			// The switch runs the change under its confirmed commit when
			// voxlan loses it for good at the first check: its own timer
			// must bring the configuration back.
			fl := newLab(t)
			fl.Faults.SetHooks(afterPlanCommand(planLines(t, fl), func() { fl.Lab.Srv.Outage(-1) }))
			p, r, before := start(t, t.Context(), fl, apply.Options{ReconnectFor: time.Second})
			if r.Outcome != apply.OutcomeRollbackFailed || !strings.Contains(r.Advice, "revert timer is still armed") {
				t.Errorf("outcome %q advice %q, want %q naming the armed timer", r.Outcome, r.Advice, apply.OutcomeRollbackFailed)
			}
			wantEveryPort(t, p, r, apply.PortUnknown)
			deadline := time.Now().Add(fl.RevertWithin)
			for fl.Reverts() == 0 && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
			}
			if fl.Reverts() != 1 {
				t.Fatalf("the switch did not revert by itself within %s", fl.RevertWithin)
			}
			if after := fl.Lab.Dev.RunningConfig(); after != before {
				t.Errorf("after its own revert the switch differs from the backup:\n%s", after)
			}
		})
	}
	t.Run("second interrupt abandons", func(t *testing.T) {
		fl := newLab(t)
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		abandon := make(chan struct{})
		lines := planLines(t, fl)
		fl.Faults.SetHooks(atLine(lines, len(lines)/2, func() {
			fl.Lab.Srv.Outage(-1)
			cancel()
			time.AfterFunc(300*time.Millisecond, func() { close(abandon) })
		}), nil)
		p, r, _ := start(t, ctx, fl, apply.Options{Abandon: abandon})
		if r.Outcome != apply.OutcomeAbandoned || !strings.Contains(r.Advice, r.Backup) {
			t.Errorf("outcome %q advice %q, want %q with the backup's path", r.Outcome, r.Advice, apply.OutcomeAbandoned)
		}
		if r.RollbackSeconds > 5 {
			t.Errorf("abandoning took %.1f s", r.RollbackSeconds)
		}
		wantEveryPort(t, p, r, "")
	})
}

// start plans fl.Changes and applies them on ctx.
func start(t *testing.T, ctx context.Context, fl FaultLab, o apply.Options) (*apply.SwitchPlan, *apply.Report, string) {
	t.Helper()
	pctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	sess, err := fl.Lab.Dial(pctx, fl.Lab.Opts.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	p, err := apply.Plan(pctx, sess, fl.Driver, "sw1", fl.Changes, apply.Guard{})
	if err != nil {
		t.Fatal(err)
	}
	before := fl.Lab.Dev.RunningConfig()
	o.BackupDir = fl.Lab.Backups
	if o.RollbackTimeout == 0 {
		o.RollbackTimeout = 5 * time.Second
	}
	r, err := apply.Apply(ctx, sess, fl.Lab.Dial, p, o)
	if err != nil {
		t.Fatal(err)
	}
	return p, r, before
}

// planLines are the configuration lines the plan sends, trimmed as the
// emulators see them.
func planLines(t *testing.T, fl FaultLab) []string {
	t.Helper()
	sess, err := fl.Lab.Dial(t.Context(), fl.Lab.Opts.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	p, err := apply.Plan(t.Context(), sess, fl.Driver, "sw1", fl.Changes, apply.Guard{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Lines) < 4 {
		t.Fatalf("plan of %d lines is too short for the fault suite", len(p.Lines))
	}
	out := make([]string, len(p.Lines))
	for i, l := range p.Lines {
		out[i] = strings.TrimSpace(l)
	}
	return out
}

// tracker follows the plan's lines through the device's configuration
// lines (safety-net and rollback lines around them do not count).
type tracker struct {
	mu    sync.Mutex
	lines []string
	seen  int
}

func (tr *tracker) line(l string) int {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if tr.seen < len(tr.lines) && l == tr.lines[tr.seen] {
		tr.seen++
		return tr.seen
	}
	return 0
}

func (tr *tracker) done() bool {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.seen == len(tr.lines)
}

// atLine returns an AfterConfigLine hook calling f once, when the at-th
// line of the plan is read.
func atLine(lines []string, at int, f func()) func(int, string) {
	tr := &tracker{lines: lines}
	var o sync.Once
	return func(_ int, l string) {
		if tr.line(l) == at {
			o.Do(f)
		}
	}
}

// afterPlan returns hooks calling f once, on the first line after every
// line of the plan was read (leaving configuration mode, or the first show
// command): the start of verification.
func afterPlan(lines []string, f func()) (func(int, string), func(string)) {
	tr := &tracker{lines: lines}
	var o sync.Once
	return func(_ int, l string) {
			if tr.done() {
				o.Do(f)
				return
			}
			tr.line(l)
		}, func(string) {
			if tr.done() {
				o.Do(f)
			}
		}
}

// afterPlanCommand returns hooks calling f once, on the first EXEC-mode
// command after every line of the plan was read: for an OS that commits
// in configuration mode, after the commit, when verification starts.
func afterPlanCommand(lines []string, f func()) (func(int, string), func(string)) {
	tr := &tracker{lines: lines}
	var o sync.Once
	return func(_ int, l string) { tr.line(l) }, func(string) {
		if tr.done() {
			o.Do(f)
		}
	}
}

func wantRestored(t *testing.T, fl FaultLab, r *apply.Report, before string) {
	t.Helper()
	if r.Outcome != apply.OutcomeRolledBack {
		t.Errorf("outcome %q (failure %q, advice %q), want %q", r.Outcome, r.Failure, r.Advice, apply.OutcomeRolledBack)
	}
	if after := fl.Lab.Dev.RunningConfig(); after != before {
		t.Errorf("running configuration differs from the backup:\n--- before\n%s\n--- after\n%s", before, after)
	}
	if len(r.Ports) == 0 {
		t.Error("no port in the report")
	}
	for _, pr := range r.Ports {
		if pr.Status != apply.PortRestored {
			t.Errorf("port %s reported %q, want %q", pr.Port, pr.Status, apply.PortRestored)
		}
	}
}

// wantEveryPort: every planned port is in the report (with status want
// unless want is "").
func wantEveryPort(t *testing.T, p *apply.SwitchPlan, r *apply.Report, want string) {
	t.Helper()
	if len(r.Ports) != len(p.Ports) {
		t.Fatalf("%d ports reported, %d planned", len(r.Ports), len(p.Ports))
	}
	for _, pr := range r.Ports {
		if want != "" && pr.Status != want {
			t.Errorf("port %s reported %q, want %q", pr.Port, pr.Status, want)
		}
	}
}
