package tuiwire

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/drivers/all"
	dapply "github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

// DriverOptions say how the Plan screen reaches switches over SSH, as
// `voxlan plan` and `voxlan apply` do.
type DriverOptions struct {
	// Entry is the inventory's site of the switches (their SSH settings);
	// nil, or returning nil, when there is no inventory. A function since
	// the demo's inventory only exists once its site has started.
	Entry func() *inventory.Site
	// Platform is the driver for switches the inventory does not describe.
	Platform string
	// SSHPort is for switches the inventory does not describe (default 22).
	SSHPort      int
	AcceptNewKey bool
	KnownHosts   string
	BackupDir    string
	Timeout      time.Duration
	// Unreachable, when set, says why a switch (by target) cannot be
	// planned or changed over SSH ("" when it can): its changes are left
	// out of the plan and the Plan screen shows the reason.
	Unreachable func(target string) string
}

// siteDrivers renders and applies the audit's plan with the drivers. It
// keeps the last snapshot and audit result the UI got, since switches,
// their OS and their changes are found from them as `voxlan plan` finds
// them, in memory.
type siteDrivers struct {
	src         *sites.Source
	entry       func() *inventory.Site
	backup      string
	backupErr   error
	unreachable func(string) string

	mu      sync.Mutex
	snap    *snapshot.Snapshot
	result  *audit.Result
	loaded  *audit.Result
	targets map[string]*sites.Target
	loadErr error
}

// Drivers wires the Plan screen to the drivers: audit wraps the UI's audit
// so the plan follows each new result. Host keys are checked against
// known_hosts; an unknown key is refused unless AcceptNewKey, since no
// question can be asked inside the UI.
func Drivers(getenv func(string) string, o DriverOptions, auditFn common.AuditFunc) (common.AuditFunc, common.RenderFunc, common.ApplyFunc, error) {
	reg, err := all.New()
	if err != nil {
		return nil, nil, nil, err
	}
	if o.KnownHosts == "" {
		o.KnownHosts = sites.DefaultKnownHosts(getenv)
	}
	var backupErr error
	if o.BackupDir == "" {
		// Only an apply needs it: without one the UI still opens, and
		// an apply says why it cannot start.
		o.BackupDir, backupErr = dapply.DefaultBackupDir(getenv)
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.SSHPort == 0 {
		o.SSHPort = 22
	}
	d := &siteDrivers{backup: o.BackupDir, backupErr: backupErr, unreachable: o.Unreachable, entry: o.Entry, src: &sites.Source{
		Platform: o.Platform, SSHPort: o.SSHPort,
		KnownHosts: o.KnownHosts, AcceptNewKey: o.AcceptNewKey, Timeout: o.Timeout,
		// No prompt: the UI owns the terminal. A prompt reference is
		// refused with a message naming it.
		Getenv: getenv, Resolver: inventory.NewResolver(getenv, nil),
		Registry: reg,
	}}
	wrapped := func(ctx context.Context, snap *snapshot.Snapshot) (*audit.Result, error) {
		res, err := auditFn(ctx, snap)
		if res != nil {
			d.mu.Lock()
			d.snap, d.result = snap, res
			d.mu.Unlock()
		}
		return res, err
	}
	return wrapped, d.render, d.apply, nil
}

// target finds how to reach one switch, loading every target of the
// current result once.
func (d *siteDrivers) target(ctx context.Context, sw string) (*sites.Target, error) {
	if d.unreachable != nil {
		if why := d.unreachable(sw); why != "" {
			return nil, errors.New(why)
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.result == nil {
		return nil, fmt.Errorf("no audit yet")
	}
	if d.loaded != d.result {
		d.loaded = d.result
		d.targets, d.loadErr = d.load(ctx, d.snap, d.result)
	}
	if d.loadErr != nil {
		return nil, d.loadErr
	}
	t, ok := d.targets[sw]
	if !ok {
		return nil, fmt.Errorf("%s: no change planned", sw)
	}
	return t, nil
}

// load finds how to reach each switch with changes, as the plan verb
// does: the same code, on the snapshot and audit the UI holds (the OS
// discovery identified picks the driver).
func (d *siteDrivers) load(ctx context.Context, snap *snapshot.Snapshot, res *audit.Result) (map[string]*sites.Target, error) {
	if d.unreachable != nil {
		res = d.reachableOnly(res)
	}
	site := &sites.Site{Name: res.Site, Snapshot: snap, Result: res}
	if d.entry != nil {
		site.Entry = d.entry()
	}
	targets, err := d.src.Targets(ctx, site)
	if err != nil {
		return nil, err
	}
	out := map[string]*sites.Target{}
	for _, t := range targets {
		out[t.Switch] = t
	}
	return out, nil
}

// reachableOnly is res without the changes of unreachable switches, which
// no target could be made for.
func (d *siteDrivers) reachableOnly(res *audit.Result) *audit.Result {
	out := *res
	out.Findings = make([]audit.Finding, len(res.Findings))
	for i, f := range res.Findings {
		fix := []audit.Change{}
		for _, c := range f.Fix {
			if d.unreachable(c.Switch) == "" {
				fix = append(fix, c)
			}
		}
		f.Fix = fix
		out.Findings[i] = f
	}
	return &out
}

func (d *siteDrivers) render(ctx context.Context, sw snapshot.Switch, _ []audit.Change) (string, error) {
	t, err := d.target(ctx, sw.Target)
	if err != nil {
		return "", err
	}
	p, err := d.src.PlanOne(ctx, t)
	if err != nil {
		return "", err
	}
	return diffText(p), nil
}

// diffText is a switch's plan as the screen shows it: the summary first
// (lines to send, refusals), then the sections before/after.
func diffText(p *dapply.SwitchPlan) string {
	var b strings.Builder
	if p.Empty() {
		b.WriteString("nothing to send: the switch is already as planned\n")
	} else {
		fmt.Fprintf(&b, "%d line(s) to send (%s)\n", len(p.Lines), p.Platform)
	}
	for _, r := range p.Refused {
		fmt.Fprintf(&b, "refused %s: %s (%d change(s) dropped)\n", r.Port, r.Reason, r.Changes)
	}
	for _, s := range p.Diff {
		fmt.Fprintf(&b, "%s\n", s.Title)
		for _, l := range s.Lines {
			fmt.Fprintf(&b, "%s\n", l)
		}
	}
	return b.String()
}

// apply plans the switch again (its configuration may have changed since
// the diff was shown) and applies it: backup, send, verify, roll back on
// failure, as `voxlan apply` does.
func (d *siteDrivers) apply(ctx context.Context, sw snapshot.Switch, _ []audit.Change, progress func(common.ApplyEvent)) common.ApplyResult {
	if d.backupErr != nil {
		return common.ApplyResult{Err: fmt.Errorf("nothing sent: %w", d.backupErr)}
	}
	t, err := d.target(ctx, sw.Target)
	if err != nil {
		return common.ApplyResult{Err: err}
	}
	dial := d.src.Dial(t)
	progress(common.ApplyEvent{Step: "connect", Message: t.Describe()})
	sess, err := dial(ctx, d.src.Timeout)
	if err != nil {
		return common.ApplyResult{Err: err}
	}
	p, err := dapply.Plan(ctx, sess, t.Driver, t.Switch, t.Changes, t.Guard)
	if err != nil {
		sess.Close()
		return common.ApplyResult{Err: err}
	}
	r, err := dapply.Apply(ctx, sess, dial, p, dapply.Options{BackupDir: d.backup, Save: false,
		RollbackTimeout: max(4*d.src.Timeout, 30*time.Second), Progress: lineWriter(progress)})
	if err != nil {
		return common.ApplyResult{Err: err}
	}
	return outcome(r)
}

// outcome maps the drivers' report onto what the screen shows.
func outcome(r *dapply.Report) common.ApplyResult {
	res := common.ApplyResult{Backup: r.Backup,
		RolledBack: r.Outcome == dapply.OutcomeRolledBack || r.Outcome == dapply.OutcomeRollbackFailed}
	if r.Failed() {
		msg := r.Outcome
		if r.Failure != "" {
			msg += ": " + r.Failure
		}
		res.Err = fmt.Errorf("%s", msg)
	}
	for _, p := range r.Ports {
		state := "unknown"
		switch p.Status {
		case dapply.PortAsPlanned:
			state = "applied"
		case dapply.PortRestored:
			state = "rolledBack"
		}
		res.Ports = append(res.Ports, common.PortOutcome{Port: p.Port, State: state, Message: p.Status})
	}
	for _, rf := range r.Refused {
		res.Ports = append(res.Ports, common.PortOutcome{Port: rf.Port, State: "unchanged", Message: "refused: " + rf.Reason})
	}
	return res
}

// lineWriter turns the drivers' progress lines into apply events.
type lineWriter func(common.ApplyEvent)

func (w lineWriter) Write(b []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			w(common.ApplyEvent{Step: "apply", Message: line})
		}
	}
	return len(b), nil
}
