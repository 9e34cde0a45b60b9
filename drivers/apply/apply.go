package apply

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/voxlan/voxlan/drivers"
)

// Dialer opens a new session with the given per-reply timeout. Apply uses
// it again when the first session dies, to roll back.
type Dialer func(ctx context.Context, timeout time.Duration) (drivers.Session, error)

// Options tune Apply.
type Options struct {
	BackupDir string
	Now       func() time.Time
	// Batch is how many lines go in one write (0 = 32). 1 is the
	// one-line-per-round-trip behaviour.
	Batch int
	// Save writes the configuration to startup after verification.
	Save bool
	// RollbackTimeout is the per-reply timeout of the rollback session
	// (0 = 30 s): rollback is slower but must finish.
	RollbackTimeout time.Duration
	// Progress gets one line per step (stderr).
	Progress io.Writer
}

// Outcomes.
const (
	OutcomeNothing        = "nothing to do"
	OutcomeApplied        = "applied"
	OutcomeSaved          = "applied and saved"
	OutcomeRolledBack     = "rolled back"
	OutcomeRollbackFailed = "ROLLBACK FAILED"
	OutcomeNotStarted     = "not started"
)

// Port statuses in a report.
const (
	PortAsPlanned = "as planned"
	PortRestored  = "restored to backup"
	PortPartial   = "PARTIAL: neither planned nor backup state"
	PortUnknown   = "UNKNOWN: could not read back"
)

// PortReport is one touched port's final state.
type PortReport struct {
	Port   string `json:"port"`
	Status string `json:"status"`
	State  string `json:"state"`
}

// Report says what happened on one switch.
type Report struct {
	Switch   string `json:"switch"`
	Platform string `json:"platform"`
	Outcome  string `json:"outcome"`
	// Backup is the path of the running configuration saved before
	// sending.
	Backup string `json:"backup,omitempty"`
	// Failure is why the plan was not completed ("" on success).
	Failure string               `json:"failure,omitempty"`
	Sent    []drivers.LineResult `json:"sent"`
	// Mismatches are what verification found against the plan.
	Mismatches []drivers.Mismatch   `json:"mismatches"`
	Rollback   []drivers.LineResult `json:"rollback,omitempty"`
	// Residual are differences from the backup left after rollback.
	Residual []drivers.Mismatch `json:"residual"`
	Ports    []PortReport       `json:"ports"`
	Refused  []Refusal          `json:"refused"`
	Saved    bool               `json:"saved"`
	// Sessions and RoundTrips count SSH sessions opened and waits for the
	// switch, for the speed figures.
	Sessions   int           `json:"sessions"`
	RoundTrips int           `json:"roundTrips"`
	Elapsed    time.Duration `json:"elapsedNs"`
}

// Failed reports whether the plan did not end as planned.
func (r *Report) Failed() bool {
	return r.Outcome != OutcomeApplied && r.Outcome != OutcomeSaved && r.Outcome != OutcomeNothing
}

// Apply sends p over sess: backup first, then the lines, then verification,
// then save if asked. On a rejected line, a lost session, a timeout or a
// verification mismatch it rolls the touched sections back to the backup
// (over a new session from dial when sess is gone) and verifies again.
// sess is closed on return. The error is only for failures to even start
// (no backup); everything else is in the report.
func Apply(ctx context.Context, sess drivers.Session, dial Dialer, p *SwitchPlan, o Options) (*Report, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Batch == 0 {
		o.Batch = 32
	}
	if o.RollbackTimeout == 0 {
		o.RollbackTimeout = 30 * time.Second
	}
	start := o.Now()
	r := &Report{Switch: p.Switch, Platform: p.Platform, Outcome: OutcomeNotStarted, Refused: p.Refused,
		Sent: []drivers.LineResult{}, Mismatches: []drivers.Mismatch{}, Residual: []drivers.Mismatch{}, Sessions: 1}
	closeSess := func() {
		if sess != nil {
			r.RoundTrips += sess.RoundTrips()
			_ = sess.Close()
			sess = nil
		}
	}
	defer func() {
		closeSess()
		r.Elapsed = o.Now().Sub(start)
	}()
	step := func(format string, a ...any) {
		if o.Progress != nil {
			fmt.Fprintf(o.Progress, "%s: "+format+"\n", append([]any{p.Switch}, a...)...)
		}
	}
	if p.Empty() {
		r.Outcome = OutcomeNothing
		return r, nil
	}
	d := p.driver
	a := d.Attrs()

	// Backup, and make sure nothing changed in scope since the plan.
	text, err := sess.Command(ctx, a.ConfigCommand)
	if err != nil {
		return r, fmt.Errorf("apply: %s: backup: %w", p.Switch, err)
	}
	backup, err := d.ParseConfig(text)
	if err != nil {
		return r, fmt.Errorf("apply: %s: backup: %w", p.Switch, err)
	}
	if mm := drivers.Compare(p.cur, backup, p.scope); len(mm) > 0 {
		r.Failure = "the switch changed since the plan was made (" + mm[0].String() + "); plan again"
		return r, errors.New("apply: " + p.Switch + ": " + r.Failure)
	}
	if r.Backup, err = writeBackup(o.BackupDir, p.Switch, o.Now(), text); err != nil {
		return r, err
	}
	step("backup saved to %s", r.Backup)

	// Send.
	step("sending %d lines", len(p.Lines))
	res, sendErr := sess.Configure(ctx, p.Lines, o.Batch)
	r.Sent = append(r.Sent, res...)
	failure := ""
	switch {
	case sendErr != nil:
		failure = "sending: " + sendErr.Error()
	case rejected(res) != nil:
		bad := rejected(res)
		failure = fmt.Sprintf("the switch rejected %q: %s", bad.Line, bad.Error)
	case len(res) < len(p.Lines):
		failure = fmt.Sprintf("only %d of %d lines were answered", len(res), len(p.Lines))
	}

	// Verify.
	var got *drivers.Config
	if failure == "" {
		step("verifying")
		got, err = readConfig(ctx, sess, d)
		if err != nil {
			failure = "verifying: " + err.Error()
		} else {
			r.Mismatches = append(drivers.Compare(p.want, got, p.scope), outsideScope(backup, got, p.scope)...)
			if obs, ok := d.(drivers.Observer); ok && len(r.Mismatches) == 0 {
				// The configuration says so; check the ports are so too.
				out, err := sess.Command(ctx, obs.ObserveCommand())
				if err != nil {
					failure = "verifying: " + err.Error()
				} else if ports, err := obs.Observe(out); err != nil {
					failure = "verifying: " + err.Error()
				} else {
					r.Mismatches = drivers.CompareObserved(p.want, ports, p.scope, obs.ObserveCommand())
				}
			}
			if len(r.Mismatches) > 0 {
				failure = fmt.Sprintf("verification found %d difference(s) from the plan, first: %s", len(r.Mismatches), r.Mismatches[0])
			}
		}
	}
	if failure == "" {
		r.Outcome = OutcomeApplied
		r.Ports = portReports(p, got, backup)
		if o.Save {
			if err := sess.Save(ctx); err != nil {
				r.Failure = "verified, but saving failed: " + err.Error() + "; the running configuration is as planned and NOT saved"
				return r, nil
			}
			r.Saved = true
			r.Outcome = OutcomeSaved
		}
		step("%s", r.Outcome)
		return r, nil
	}

	// Roll back.
	r.Failure = failure
	step("%s; rolling back", failure)
	if sendErr != nil {
		// The session is gone or wedged: a new one does the rollback.
		closeSess()
	}
	r.Outcome = OutcomeRolledBack
	final, err := rollback(ctx, &sess, dial, p, backup, o, r)
	if err != nil {
		r.Outcome = OutcomeRollbackFailed
		r.Failure += "; rollback: " + err.Error()
	}
	r.Ports = portReports(p, final, backup)
	if final != nil {
		r.Residual = append(drivers.Compare(backup, final, p.scope), outsideScope(backup, final, p.scope)...)
		if len(r.Residual) > 0 {
			r.Outcome = OutcomeRollbackFailed
		}
	}
	step("%s", r.Outcome)
	return r, nil
}

// rollback renders the way back from what the switch holds now to backup
// for the plan's scope, sends it one line per round trip (so it stops
// exactly at a rejected line), and reads back. It retries twice, because a
// session that timed out may still be executing lines it had received.
func rollback(ctx context.Context, sess *drivers.Session, dial Dialer, p *SwitchPlan, backup *drivers.Config, o Options, r *Report) (*drivers.Config, error) {
	d := p.driver
	var last *drivers.Config
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		if *sess == nil {
			s, err := dial(ctx, o.RollbackTimeout)
			if err != nil {
				lastErr = fmt.Errorf("reconnecting: %w", err)
				continue
			}
			*sess = s
			r.Sessions++
		}
		cur, err := readConfig(ctx, *sess, d)
		if err != nil {
			lastErr = err
			r.RoundTrips += (*sess).RoundTrips()
			_ = (*sess).Close()
			*sess = nil
			continue
		}
		last = cur
		lines, err := d.Render(cur, backup, p.scope)
		if err != nil {
			return cur, err
		}
		if len(lines) == 0 {
			return cur, nil
		}
		res, err := (*sess).Configure(ctx, lines, 1)
		r.Rollback = append(r.Rollback, res...)
		if err != nil {
			lastErr = err
			r.RoundTrips += (*sess).RoundTrips()
			_ = (*sess).Close()
			*sess = nil
			continue
		}
		if bad := rejected(res); bad != nil {
			lastErr = fmt.Errorf("the switch rejected %q: %s", bad.Line, bad.Error)
		}
		// Let lines still running on a timed-out session land before
		// the next read.
		if attempt > 0 {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if *sess != nil {
		if cur, err := readConfig(ctx, *sess, d); err == nil {
			last = cur
			if len(drivers.Compare(backup, cur, p.scope)) == 0 {
				return cur, nil
			}
		}
	}
	if lastErr == nil {
		lastErr = errors.New("the switch still differs from the backup after three attempts")
	}
	return last, lastErr
}

func readConfig(ctx context.Context, sess drivers.Session, d drivers.Driver) (*drivers.Config, error) {
	text, err := sess.Command(ctx, d.Attrs().ConfigCommand)
	if err != nil {
		return nil, err
	}
	return d.ParseConfig(text)
}

func rejected(res []drivers.LineResult) *drivers.LineResult {
	for i := range res {
		if res[i].Error != "" {
			return &res[i]
		}
	}
	return nil
}

// outsideScope lists ports outside the plan whose state changed: the plan
// must never touch them.
func outsideScope(before, after *drivers.Config, scope drivers.Scope) []drivers.Mismatch {
	var others []string
	for _, name := range before.PortOrder {
		if !scope.HasPort(name) {
			others = append(others, name)
		}
	}
	mm := drivers.Compare(before, after, drivers.Scope{Ports: others})
	for i := range mm {
		mm[i].Field += " (port not in the plan)"
	}
	return mm
}

func portReports(p *SwitchPlan, final, backup *drivers.Config) []PortReport {
	var out []PortReport
	for _, name := range p.scope.Ports {
		pr := PortReport{Port: name}
		one := drivers.Scope{Ports: []string{name}}
		switch {
		case final == nil:
			pr.Status, pr.State = PortUnknown, "unknown"
		case len(drivers.Compare(p.want, final, one)) == 0:
			pr.Status, pr.State = PortAsPlanned, drivers.PortState(final.Ports[name])
		case len(drivers.Compare(backup, final, one)) == 0:
			pr.Status, pr.State = PortRestored, drivers.PortState(final.Ports[name])
		default:
			pr.Status, pr.State = PortPartial, drivers.PortState(final.Ports[name])
		}
		out = append(out, pr)
	}
	return out
}
