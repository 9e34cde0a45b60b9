// Package apply is the `voxlan apply` verb: plan, confirm, back up, send,
// verify, save if asked, and roll back on any failure.
package apply

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/drivers/all"
	dapply "github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/history"
	"github.com/voxlan/voxlan/snmp"
)

// Schema of the JSON output.
const Schema = dapply.RecordSchema

// ApplyOptions are the verb's dependencies and flag values.
type ApplyOptions struct {
	IO     *cmdutil.IOStreams
	Now    func() time.Time
	Getenv func(string) string
	sites.Source
	Yes       bool
	Save      bool
	Batch     int
	BackupDir string
	Output    string
	OutFile   string
	// ReconnectFor and RevertAfter tune the rollback and the switch's own
	// revert timer (dapply.Options).
	ReconnectFor time.Duration
	RevertAfter  time.Duration
	// Abandon is closed by the second interrupt (nil: listen to the
	// process's signals).
	Abandon <-chan struct{}
	// History is the history database the apply (and the audit it comes
	// from) is recorded into; NoHistory records nothing.
	History   string
	NoHistory bool
}

// NewCmdApply builds the command. runF replaces applyRun in tests.
func NewCmdApply(f *cmdutil.Factory, runF func(*ApplyOptions) error) *cobra.Command {
	opts := &ApplyOptions{IO: f.IO, Now: f.Now, Getenv: f.Getenv}
	opts.Source.Getenv = f.Getenv
	opts.Source.Discover = snmp.Discover
	cmd := &cobra.Command{
		Use:   "apply (--inventory FILE [--snapshot FILE] | --audit FILE) [--site NAME] [--yes] [--save] [flags]",
		Short: "Push the audit's fixes to the switches: backup, send, verify, roll back on failure",
		Long: `For each switch: show the plan (as 'voxlan plan' does), ask for
confirmation (--yes for scripts), save the running configuration to a 0600
file under the state directory (path printed), send the lines in one session
in configuration mode stopping at the first line the switch rejects, then
read the configuration back and check every planned port. Only then, with
--save, write it to startup.

If a line is rejected, the session drops, the switch stops answering, or the
read-back differs from the plan, the touched sections are rolled back to the
backup, read back again, and the state of every port is reported. A switch
that stops answering is retried with backoff for --reconnect-for. Where the
switch OS has a revert timer (Cisco IOS archive), it is armed before the
first line and confirmed only after verification, so the switch restores
itself if voxlan vanishes (--revert-after); elsewhere the startup
configuration stays untouched until verified and a reload restores it.

Ctrl-C stops sending and rolls back (the rollback still runs); a second
Ctrl-C abandons the rollback and prints the backup's path and what to do.

The changes and each switch's driver are found as 'voxlan plan' finds them:
--inventory alone discovers the site over SNMP and audits it.

Exit codes: 0 every switch applied and verified (or nothing to do), 3 some
switches not planned or not changed (each said), 1 no switch ended as
planned, 2 bad flags or input files (nothing sent), 130 interrupted.`,
		Example: `  voxlan apply --inventory sites.yaml --site hq --save
  voxlan apply --audit audit.json --inventory sites.yaml --save
  voxlan apply --audit audit.json --platform cisco_ios --yes --accept-new-hostkey -o json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			switch opts.Output {
			case "", "table", "json":
			default:
				return cmdutil.UsageError("unknown output format %q; use table or json", opts.Output)
			}
			if opts.Batch < 1 || opts.Timeout <= 0 || opts.ReconnectFor <= 0 || opts.RevertAfter <= 0 {
				return cmdutil.UsageError("--batch, --timeout, --reconnect-for and --revert-after must be positive")
			}
			if opts.Output == "" {
				opts.Output = "table"
				if !f.IO.OutTTY {
					opts.Output = "json"
				}
			}
			if opts.BackupDir == "" {
				dir, err := dapply.DefaultBackupDir(f.Getenv)
				if err != nil {
					return err
				}
				opts.BackupDir = dir
			}
			opts.Resolver = sites.NewResolver(f)
			reg, err := all.New()
			if err != nil {
				return err
			}
			opts.Registry = reg
			if runF != nil {
				return runF(opts)
			}
			return applyRun(c.Context(), opts)
		},
	}
	sites.AddSourceFlags(cmd, &opts.Source, f.Getenv)
	fl := cmd.Flags()
	fl.BoolVarP(&opts.Yes, "yes", "y", false, "apply without asking for confirmation")
	fl.BoolVar(&opts.Save, "save", false, "write the configuration to startup after it is verified")
	fl.IntVar(&opts.Batch, "batch", 32, "lines per write; 1 waits for each line's reply before the next")
	fl.StringVar(&opts.BackupDir, "backup-dir", "", "where backups go (default: backups in voxlan's state directory: $XDG_STATE_HOME/voxlan on Linux, ~/Library/Application Support/voxlan on macOS, %LOCALAPPDATA%\\voxlan on Windows)")
	fl.StringVarP(&opts.Output, "output", "o", "", "output format: table or json (default table on a terminal, json otherwise)")
	fl.StringVar(&opts.OutFile, "out", "", "write the report to `FILE` instead of stdout")
	fl.DurationVar(&opts.ReconnectFor, "reconnect-for", dapply.DefaultReconnectFor, "how long a rollback keeps trying to reach a switch that stopped answering")
	fl.DurationVar(&opts.RevertAfter, "revert-after", dapply.DefaultRevertAfter, "the switch's own revert timer, where its OS has one (rounded up to whole minutes on IOS)")
	cmdutil.AddHistoryFlag(fl, &opts.History)
	fl.BoolVar(&opts.NoHistory, "no-history", false, "do not record the apply in the history")
	return cmd
}

func applyRun(ctx context.Context, opts *ApplyOptions) (err error) {
	if opts.AskHostKey == nil && opts.IO.InTTY {
		opts.AskHostKey = sites.AskHostKey(opts.IO)
	}
	if !opts.Yes && !opts.IO.InTTY {
		return cmdutil.UsageError("apply changes switches: confirm on a terminal, or pass --yes in scripts")
	}
	if opts.Progress == nil {
		opts.Progress = opts.IO.ErrOut
	}
	if opts.Abandon == nil {
		abandon, stop := secondInterrupt()
		defer stop()
		opts.Abandon = abandon
	}
	if opts.History != "" && opts.NoHistory {
		return cmdutil.UsageError("--history and --no-history contradict each other: give one")
	}
	rec, err := cmdutil.OpenRecorder(ctx, opts.History, opts.NoHistory, opts.Getenv, opts.IO.ErrOut, "apply")
	if err != nil {
		return err
	}
	defer rec.Close()
	site, targets, err := opts.Source.Load(ctx)
	if err != nil {
		return err
	}
	res := &dapply.Record{Schema: Schema, Reports: []*dapply.Report{}, Errors: []dapply.SwitchError{}}
	for _, t := range targets {
		if ctx.Err() != nil {
			res.Errors = append(res.Errors, dapply.SwitchError{Switch: t.Switch, Error: "not started: interrupted"})
			continue
		}
		if t.Err != nil {
			res.Errors = append(res.Errors, dapply.SwitchError{Switch: t.Switch, Error: t.Err.Error()})
			continue
		}
		r, err := applyOne(ctx, opts, t)
		if err != nil {
			res.Errors = append(res.Errors, dapply.SwitchError{Switch: t.Switch, Error: err.Error()})
			continue
		}
		if r != nil {
			res.Reports = append(res.Reports, r)
		}
	}
	w, closeOut, err := cmdutil.OpenOutput(opts.OutFile, opts.IO)
	if err != nil {
		return fmt.Errorf("apply: %w", err)
	}
	defer cmdutil.CloseOutput(&err, closeOut, "apply")
	if opts.Output == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
	} else {
		for _, r := range res.Reports {
			dapply.WriteReport(w, r)
		}
		for _, e := range res.Errors {
			fmt.Fprintf(w, "%s: NOT APPLIED: %s\n", e.Switch, e.Error)
		}
	}
	failed := len(res.Errors)
	for _, r := range res.Reports {
		if r.Failed() {
			failed++
		}
	}
	if len(res.Reports)+len(res.Errors) > 0 {
		recordApply(ctx, rec, opts, res, failed, site)
	}
	switch {
	case failed == 0:
		return nil
	case failed == len(res.Reports)+len(res.Errors):
		return cmdutil.Silent(cmdutil.ExitFailure)
	}
	return cmdutil.Silent(cmdutil.ExitPartial)
}

// applyOne plans and applies one switch in one session (a second one only
// to roll back after the first died). It returns nil, nil when the user
// declines.
func applyOne(ctx context.Context, opts *ApplyOptions, t *sites.Target) (*dapply.Report, error) {
	dial := opts.Dial(t)
	fmt.Fprintf(opts.IO.ErrOut, "apply: reading %s\n", t.Describe())
	sess, err := dial(ctx, opts.Timeout)
	if err != nil {
		return nil, err
	}
	p, err := dapply.Plan(ctx, sess, t.Driver, t.Switch, t.Changes, t.Guard)
	if err != nil {
		sess.Close()
		return nil, err
	}
	dapply.WritePlan(opts.IO.ErrOut, p)
	if !p.Empty() && !opts.Yes && !confirm(opts.IO, fmt.Sprintf("Apply %d line(s) to %s? [y/N] ", len(p.Lines), t.Switch)) {
		sess.Close()
		fmt.Fprintf(opts.IO.ErrOut, "%s: skipped, nothing sent\n", t.Switch)
		return nil, nil
	}
	return dapply.Apply(ctx, sess, dial, p, dapply.Options{BackupDir: opts.BackupDir, Now: opts.Now, Batch: opts.Batch,
		Save: opts.Save, RollbackTimeout: max(4*opts.Timeout, 30*time.Second), Progress: opts.IO.ErrOut,
		ReconnectFor: opts.ReconnectFor, RevertAfter: opts.RevertAfter, Abandon: opts.Abandon})
}

// secondInterrupt returns a channel closed by the second SIGINT/SIGTERM:
// the first cancels the command's context (cli.Main) and starts the
// rollback, the second abandons it.
func secondInterrupt() (<-chan struct{}, func()) {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	abandon := make(chan struct{})
	done := make(chan struct{})
	go func() {
		for n := 0; ; {
			select {
			case <-sigs:
				if n++; n == 2 {
					close(abandon)
					return
				}
			case <-done:
				return
			}
		}
	}()
	return abandon, func() { signal.Stop(sigs); close(done) }
}

func confirm(io *cmdutil.IOStreams, question string) bool {
	fmt.Fprint(io.ErrOut, question)
	var answer string
	_, _ = fmt.Fscanln(io.In, &answer)
	a := strings.ToLower(strings.TrimSpace(answer))
	return a == "y" || a == "yes"
}

// recordApply keeps the apply in the history, linked to the audit it
// applied (recorded too, once, with its snapshot when this run made it).
func recordApply(ctx context.Context, rec *cmdutil.Recorder, opts *ApplyOptions, res *dapply.Record, failed int, site *sites.Site) {
	if rec.Store() == nil || site == nil || site.Result == nil {
		return
	}
	a := site.Result
	e, _ := rec.Record(ctx, a, site.Snapshot, history.SourceApply)
	doc, err := json.Marshal(res)
	if err == nil {
		_, err = rec.Store().RecordApply(ctx, history.Apply{Site: a.Site, AppliedAt: opts.Now(), Switches: len(res.Reports) + len(res.Errors),
			Failed: failed, AuditID: e.ID, Record: doc})
	}
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "voxlan apply: site %s: the apply was not recorded in the history: %v\n", a.Site, err)
		return
	}
	fmt.Fprintf(opts.IO.ErrOut, "voxlan apply: site %s: apply recorded in %s\n", a.Site, rec.Store().Path())
}
