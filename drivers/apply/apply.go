package apply

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
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
	// ReconnectFor is how long the rollback keeps trying to reach a switch
	// that stopped answering, with backoff (0 = DefaultReconnectFor).
	ReconnectFor time.Duration
	// RevertAfter is the device's own revert timer, for drivers with a
	// drivers.SafetyNet (0 = DefaultRevertAfter).
	RevertAfter time.Duration
	// Abandon, once closed, gives up a rollback in progress (the second
	// Ctrl-C). Cancelling Apply's ctx (the first Ctrl-C) stops sending and
	// rolls back on a context of its own, bounded in time.
	Abandon <-chan struct{}
	// Progress gets one line per step (stderr).
	Progress io.Writer
}

// DefaultReconnectFor is how long a rollback tries to reach the switch again.
const DefaultReconnectFor = time.Minute

// DefaultRevertAfter is the device revert timer: long enough for sending,
// verifying and a full reconnect window before voxlan confirms.
const DefaultRevertAfter = 5 * time.Minute

// Outcomes.
const (
	OutcomeNothing        = "nothing to do"
	OutcomeApplied        = "applied"
	OutcomeSaved          = "applied and saved"
	OutcomeRolledBack     = "rolled back"
	OutcomeRollbackFailed = "ROLLBACK FAILED"
	OutcomeNotStarted     = "not started"
	OutcomeAbandoned      = "ROLLBACK ABANDONED"
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
	// SafetyNet says what protected the switch while the change was
	// unconfirmed: its own revert timer, or (drivers.NoNetNote) nothing but
	// the untouched startup configuration.
	SafetyNet string `json:"safetyNet,omitempty"`
	// RollbackSeconds is how long the rollback took, reconnects included.
	RollbackSeconds float64 `json:"rollbackSeconds,omitempty"`
	// Advice is what to do by hand when voxlan could not finish.
	Advice string `json:"advice,omitempty"`
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
// then save if asked. On a rejected line, a lost session, a timeout, a
// verification mismatch or ctx ending (Ctrl-C) it rolls the touched
// sections back to the backup (over a new session from dial when sess is
// gone, retrying with backoff for Options.ReconnectFor) and verifies again;
// the rollback runs on its own context, bounded in time, which only
// Options.Abandon ends early. When the driver has a drivers.SafetyNet, the
// switch's own revert timer is armed before the first line and confirmed
// only after verification. sess is closed on return. The error is only for
// failures to even start (no backup); everything else is in the report.
//
// For an OS with a candidate configuration (drivers.Attrs.Candidate:
// Junos) the sequence is: backup; the lines into the candidate (the
// driver's Attrs.ConfigPrivilege, an exclusive candidate for Junos); the
// net's Commit step (`commit confirmed N`), the first moment anything takes
// effect; verification; Confirm (`commit`). A refused line, a lost session
// or Ctrl-C before the commit, or a refused commit, leaves the active
// configuration untouched: the candidate is discarded (Attrs.DiscardLine,
// or by the session ending) and the rollback only checks that the switch
// equals the backup. A failure after the commit runs RevertNow (`rollback
// 1` + `commit`), then the same check; rollback lines, when still needed,
// are committed with Attrs.CommitLine.
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
	if o.ReconnectFor == 0 {
		o.ReconnectFor = DefaultReconnectFor
	}
	if o.RevertAfter == 0 {
		o.RevertAfter = DefaultRevertAfter
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
	candidate := a.Candidate()
	net, hasNet, why := p.safetyNet(o.RevertAfter)
	// commitNet: the net's timer starts at the commit (Junos commit
	// confirmed), not when armed.
	commitNet := hasNet && len(net.Commit) > 0
	r.SafetyNet = net.Note
	if !hasNet {
		r.SafetyNet = why
	}

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

	armed := false
	if hasNet {
		step("arming the switch's revert timer: %s", net.Note)
		if err := runSteps(ctx, sess, net.Arm); err != nil {
			r.Failure = "arming the switch's revert timer failed, nothing was sent: " + err.Error()
			// The timer may be armed all the same (a later step failed):
			// stop it, and undo what arming added.
			cctx, cancel := rollbackContext(ctx, Options{ReconnectFor: 0, RollbackTimeout: o.RollbackTimeout})
			_ = runSteps(cctx, sess, net.Confirm)
			_ = runSteps(cctx, sess, net.Cleanup)
			cancel()
			return r, nil
		}
		armed = !commitNet
	}

	// Send.
	step("sending %d lines", len(p.Lines))
	res, sendErr := sess.Configure(ctx, p.Lines, o.Batch)
	r.Sent = append(r.Sent, res...)
	failure := ""
	switch {
	case ctx.Err() != nil:
		failure = "interrupted while sending"
	case sendErr != nil:
		failure = "sending: " + sendErr.Error()
	case rejected(res) != nil:
		bad := rejected(res)
		failure = fmt.Sprintf("the switch rejected %q: %s", bad.Line, bad.Error)
	case len(res) < len(p.Lines):
		failure = fmt.Sprintf("only %d of %d lines were answered", len(res), len(p.Lines))
	}
	// committed: the lines took effect (always, without a candidate);
	// commitUnknown: the commit was sent but its answer never came.
	committed, commitUnknown := !candidate, false
	if failure == "" && candidate {
		commit, what := net.Commit, "committing under the revert timer"
		if !commitNet {
			commit, what = []drivers.Step{{Line: a.CommitLine, Config: true}}, "committing"
		}
		step("%s: %s", what, commit[0].Line)
		err := runSteps(ctx, sess, commit)
		var refused *refusal
		switch {
		case err == nil:
			committed, armed = true, commitNet
		case errors.As(err, &refused):
			failure = "the switch refused the commit, nothing took effect: " + err.Error()
		default:
			failure = what + ": " + err.Error()
			commitUnknown, armed = true, commitNet
		}
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
	if failure == "" && ctx.Err() != nil {
		failure = "interrupted before the change was confirmed"
	}
	if failure == "" && armed {
		if err := runSteps(ctx, sess, net.Confirm); err != nil {
			failure = "confirming the change to the switch's revert timer: " + err.Error()
		} else {
			armed = false
			step("confirmed: the switch keeps the change")
			if err := runSteps(ctx, sess, net.Cleanup); err != nil {
				step("could not undo what arming the timer added (%v); harmless, left as it is", err)
			}
		}
	}
	if failure == "" {
		r.Outcome = OutcomeApplied
		r.Ports = portReports(p, got, backup)
		if o.Save && candidate && a.SaveCommand == "" {
			// A commit is already kept across reloads (Junos).
			r.Saved = true
			r.Outcome = OutcomeSaved
		} else if o.Save {
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

	// Roll back, on a context of its own: the first Ctrl-C is what may have
	// brought us here, and the switch must not stay half-configured.
	r.Failure = failure
	rctx, cancel := rollbackContext(ctx, o)
	defer cancel()
	if ctx.Err() != nil {
		step("%s: stopped sending; rolling back to the backup (Ctrl-C again abandons the rollback)", failure)
	} else {
		step("%s; rolling back", failure)
	}
	if sendErr != nil || ctx.Err() != nil {
		// The session is gone, wedged or cut mid-batch: a new one does
		// the rollback.
		closeSess()
	}
	rbStart := o.Now()
	r.Outcome = OutcomeRolledBack
	if !committed && !commitUnknown && sess != nil {
		// Nothing took effect: throw the candidate away, so leaving
		// configuration mode keeps the switch as it was. If that fails,
		// ending the session discards it too.
		if err := runSteps(rctx, sess, []drivers.Step{{Line: a.DiscardLine, Config: true}}); err != nil {
			closeSess()
		} else {
			step("discarded the uncommitted candidate (%s): the switch's configuration never changed", a.DiscardLine)
		}
	}
	// RevertNow only after a commit known to have happened: `rollback 1`
	// before it would restore the configuration before the backup.
	if armed && (committed || !commitNet) && sess != nil && len(net.RevertNow) > 0 {
		if err := runSteps(rctx, sess, net.RevertNow); err == nil {
			armed = false
			step("the switch restored its armed configuration")
		}
	}
	final, err := rollback(rctx, &sess, dial, p, backup, o, r, step)
	r.RollbackSeconds = o.Now().Sub(rbStart).Seconds()
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
	if hasNet && sess != nil && r.Outcome == OutcomeRolledBack {
		if armed {
			// Back to the backup by voxlan's own lines: stop the timer so
			// it cannot fire later over someone else's change. Where it
			// already fired, the OS says nothing is pending; fine too.
			_ = runSteps(rctx, sess, net.Confirm)
			armed = false
		}
		_ = runSteps(rctx, sess, net.Cleanup)
	}
	if r.Outcome != OutcomeRolledBack {
		if abandoned(o.Abandon) {
			r.Outcome = OutcomeAbandoned
		}
		r.Advice = advice(r, hasNet && armed, net, candidate && !committed && !commitUnknown)
	}
	step("%s", r.Outcome)
	if r.Advice != "" {
		step("%s", r.Advice)
	}
	return r, nil
}

// rollbackContext outlives ctx (the first Ctrl-C cancels ctx) but is
// bounded: reconnecting for o.ReconnectFor, then a few per-reply timeouts of
// work; o.Abandon ends it at once.
func rollbackContext(ctx context.Context, o Options) (context.Context, context.CancelFunc) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), o.ReconnectFor+6*o.RollbackTimeout)
	if o.Abandon != nil {
		stop := make(chan struct{})
		go func() {
			select {
			case <-o.Abandon:
				cancel()
			case <-stop:
			}
		}()
		return rctx, func() { close(stop); cancel() }
	}
	return rctx, cancel
}

func abandoned(c <-chan struct{}) bool {
	if c == nil {
		return false
	}
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// advice says what to do by hand after a rollback that did not finish.
// uncommitted: the change never left the OS's candidate configuration.
func advice(r *Report, timerArmed bool, net drivers.Net, uncommitted bool) string {
	var b strings.Builder
	if uncommitted {
		fmt.Fprintf(&b, "the change was never committed, so the switch should run its configuration as it was: check that its configuration equals the backup %s for the ports listed; the uncommitted candidate is discarded when voxlan's session ends", r.Backup)
		return b.String()
	}
	fmt.Fprintf(&b, "the switch may be half-configured: compare its running configuration with the backup %s and restore the sections of the ports listed", r.Backup)
	if timerArmed {
		b.WriteString("; its own revert timer is still armed and restores the configuration it had before voxlan's first line unless confirmed (" + net.Note + ")")
	} else {
		b.WriteString("; the startup configuration was not touched, so a reload also restores it")
	}
	return b.String()
}

// refusal is a step the switch answered with its error text (as opposed
// to a session that failed).
type refusal struct{ msg string }

func (e *refusal) Error() string { return e.msg }

// runSteps runs safety-net steps on sess, consecutive configuration lines
// in one Configure call. A step the switch refused, or whose answer lacks
// its Expect, is a *refusal.
func runSteps(ctx context.Context, sess drivers.Session, steps []drivers.Step) error {
	for i := 0; i < len(steps); {
		if steps[i].Config {
			var lines []string
			for ; i < len(steps) && steps[i].Config; i++ {
				lines = append(lines, steps[i].Line)
			}
			res, err := sess.Configure(ctx, lines, 1)
			if err != nil {
				return err
			}
			if bad := rejected(res); bad != nil {
				return &refusal{fmt.Sprintf("the switch rejected %q: %s", bad.Line, bad.Error)}
			}
			if len(res) < len(lines) {
				return fmt.Errorf("the switch answered %d of %d lines", len(res), len(lines))
			}
			for j, lr := range res {
				if st := steps[i-len(lines)+j]; st.Expect != "" && !strings.Contains(lr.Reply, st.Expect) {
					return &refusal{fmt.Sprintf("%q did not say %q: %s", st.Line, st.Expect, strings.TrimSpace(lr.Reply))}
				}
			}
			continue
		}
		st := steps[i]
		i++
		out, err := sess.Command(ctx, st.Line)
		if err != nil {
			return err
		}
		if st.Expect != "" && !strings.Contains(out, st.Expect) {
			return &refusal{fmt.Sprintf("%q did not say %q: %s", st.Line, st.Expect, strings.TrimSpace(out))}
		}
	}
	return nil
}

// rollback renders the way back from what the switch holds now to backup
// for the plan's scope, sends it one line per round trip (so it stops
// exactly at a rejected line), and reads back. It retries twice, because a
// session that timed out may still be executing lines it had received; a
// lost session is reopened with backoff for up to o.ReconnectFor.
func rollback(ctx context.Context, sess *drivers.Session, dial Dialer, p *SwitchPlan, backup *drivers.Config, o Options, r *Report, step func(string, ...any)) (*drivers.Config, error) {
	d := p.driver
	var last *drivers.Config
	var lastErr error
	drop := func() {
		r.RoundTrips += (*sess).RoundTrips()
		_ = (*sess).Close()
		*sess = nil
	}
	for attempt := 0; attempt < 3; attempt++ {
		if ctx.Err() != nil {
			break
		}
		if *sess == nil {
			s, err := reconnect(ctx, dial, o, step)
			if err != nil {
				lastErr = fmt.Errorf("reconnecting: %w", err)
				break
			}
			*sess = s
			r.Sessions++
		}
		cur, err := readConfig(ctx, *sess, d)
		if err != nil {
			lastErr = err
			drop()
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
		step("rolling back %d line(s)", len(lines))
		res, err := (*sess).Configure(ctx, lines, 1)
		r.Rollback = append(r.Rollback, res...)
		if err != nil {
			lastErr = err
			drop()
			continue
		}
		bad := rejected(res)
		if bad != nil {
			lastErr = fmt.Errorf("the switch rejected %q: %s", bad.Line, bad.Error)
		}
		if a := d.Attrs(); a.Candidate() {
			// The rollback lines take effect when committed; a refused
			// one means none of them may: the candidate is discarded.
			end := a.CommitLine
			if bad != nil {
				end = a.DiscardLine
			}
			res, err := (*sess).Configure(ctx, []string{end}, 1)
			r.Rollback = append(r.Rollback, res...)
			if err != nil {
				lastErr = err
				drop()
				continue
			}
			if cbad := rejected(res); cbad != nil {
				lastErr = fmt.Errorf("the switch rejected %q: %s", cbad.Line, cbad.Error)
				_, _ = (*sess).Configure(ctx, []string{a.DiscardLine}, 1)
			}
		}
		// Let lines still running on a timed-out session land before
		// the next read.
		if attempt > 0 {
			sleep(ctx, 100*time.Millisecond)
		}
	}
	if *sess != nil && ctx.Err() == nil {
		if cur, err := readConfig(ctx, *sess, d); err == nil {
			last = cur
			if len(drivers.Compare(backup, cur, p.scope)) == 0 {
				return cur, nil
			}
		}
	}
	switch {
	case abandoned(o.Abandon):
		lastErr = errors.New("abandoned (second Ctrl-C)")
	case ctx.Err() != nil && lastErr == nil:
		lastErr = fmt.Errorf("out of time: %w", ctx.Err())
	case lastErr == nil:
		lastErr = errors.New("the switch still differs from the backup after three attempts")
	}
	return last, lastErr
}

// reconnect dials until it gets a session, backing off from 250 ms to 5 s
// between attempts, for up to o.ReconnectFor, saying so as it goes.
func reconnect(ctx context.Context, dial Dialer, o Options, step func(string, ...any)) (drivers.Session, error) {
	deadline := time.Now().Add(o.ReconnectFor)
	wait := 250 * time.Millisecond
	for n := 1; ; n++ {
		dctx, cancel := context.WithDeadline(ctx, deadline)
		s, err := dial(dctx, o.RollbackTimeout)
		cancel()
		if err == nil {
			if n > 1 {
				step("reconnected (attempt %d)", n)
			}
			return s, nil
		}
		left := time.Until(deadline)
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w (after %d attempts)", ctx.Err(), n)
		}
		if left <= 0 {
			return nil, fmt.Errorf("the switch did not answer for %s (%d attempts): %w", o.ReconnectFor, n, err)
		}
		step("switch unreachable (%v); trying again for up to %s", err, left.Round(time.Second))
		sleep(ctx, min(wait, left))
		wait = min(2*wait, 5*time.Second)
	}
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
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
