// Package diff is the `voxlan diff` verb: compare two audits of a site
// (history references or audit JSON files) and say what was fixed, what is
// new, what remains, and what changed on the ports.
package diff

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/diff"
)

// Exit codes of the diff: nothing got worse (0), something fails that did
// not fail before (1), something got worse without a new failure (a new
// warning, a finding now unknown, a fix that cannot be verified: 4).
const (
	exitNewFailure = 1
	exitWorse      = cmdutil.ExitFindings
)

// DiffOptions are the verb's dependencies and flag values.
type DiffOptions struct {
	IO     *cmdutil.IOStreams
	Getenv func(string) string

	Old, New string
	History  string
	Output   string
	OutFile  string
	Lang     string
}

// NewCmdDiff builds the command. runF replaces diffRun in tests of flag
// parsing.
func NewCmdDiff(f *cmdutil.Factory, runF func(*DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{IO: f.IO, Getenv: f.Getenv}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW [flags]",
		Short: "What changed between two audits of a site: fixed, new, remaining findings and port changes",
		Long: `Compare two audits of a site. OLD and NEW are audit JSON files
(voxlan audit -o json) or references to the history every voxlan audit
records into:
  ID              an audit's id (voxlan history list)
  SITE@latest     the site's audit of the newest snapshot
  SITE@previous   the one before it
  SITE@N          the site's Nth recorded audit

A finding is fixed when it failed, warned or was unknown and now passes or
is gone (its switch read in full); new when it fails or warns now and did
not before; unchanged when its status (other than pass) is the same.
Port changes (role, link, speed, duplex, VLANs, PoE) need both snapshots:
history audits carry theirs, audit JSON files do not.

Exit codes: 0 nothing got worse, 1 something fails that did not fail
before, 4 something got worse without a new failure (a new warning, a
finding now unknown, a fix that cannot be verified), 2 usage or input
error.`,
		Example: `  voxlan diff hq@previous hq@latest
  voxlan diff hq@1 hq@latest -o md > since-first-visit.md
  voxlan diff before.json after.json -o json`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			switch opts.Output {
			case "", "table", "json", "md":
			default:
				return cmdutil.UsageError("unknown output format %q; use table, json or md", opts.Output)
			}
			switch opts.Lang {
			case "en", "fr":
			default:
				return cmdutil.UsageError("--lang %q: use en or fr", opts.Lang)
			}
			if opts.Old == "-" && opts.New == "-" {
				return cmdutil.UsageError("only one of OLD and NEW can be - (stdin)")
			}
			if runF != nil {
				return runF(opts)
			}
			return diffRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	cmdutil.AddHistoryFlag(fl, &opts.History)
	fl.StringVarP(&opts.Output, "output", "o", "", "output format: table, json or md (default table on a terminal, json otherwise)")
	fl.StringVar(&opts.OutFile, "out", "", "write the output to `FILE` instead of stdout")
	fl.StringVar(&opts.Lang, "lang", "en", "language of the findings' messages: en or fr")
	return cmd
}

func diffRun(ctx context.Context, opts *DiffOptions) (err error) {
	old, err := cmdutil.LoadAudit(ctx, opts.Old, opts.IO.In, opts.History, opts.Getenv)
	if err != nil {
		return err
	}
	new, err := cmdutil.LoadAudit(ctx, opts.New, opts.IO.In, opts.History, opts.Getenv)
	if err != nil {
		return err
	}
	warnMismatch(opts, old, new)
	d := diff.Compare(old, new)

	w, closeOut, err := cmdutil.OpenOutput(opts.OutFile, opts.IO)
	if err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	defer cmdutil.CloseOutput(&err, closeOut, "diff")
	switch cmdutil.DefaultFormat(opts.Output, opts.IO, opts.OutFile) {
	case "json":
		err = diff.Encode(w, d)
	case "md":
		err = writeMarkdown(w, d, opts.Lang)
	default:
		err = writeTable(w, d, opts.Lang, opts.IO.OutTTY && opts.OutFile == "")
	}
	if err != nil {
		return err
	}
	switch {
	case len(d.NewFailures()) > 0:
		return cmdutil.Silent(exitNewFailure)
	case d.Worse():
		return cmdutil.Silent(exitWorse)
	}
	return nil
}

// warnMismatch says on stderr when the two audits are not comparable one
// to one: different sites, or judged against different profiles or
// engineerings (findings then differ for that reason too).
func warnMismatch(opts *DiffOptions, old, new diff.Audit) {
	o, n := old.Result, new.Result
	if o.Site != n.Site {
		fmt.Fprintf(opts.IO.ErrOut, "voxlan diff: comparing audits of two sites, %q and %q\n", o.Site, n.Site)
	}
	if o.Profile != n.Profile || o.Engineering != n.Engineering {
		fmt.Fprintf(opts.IO.ErrOut, "voxlan diff: the audits were judged differently (profile %s, %s then profile %s, %s): some changes come from that\n",
			o.Profile, o.Engineering, n.Profile, n.Engineering)
	}
	if n.TakenAt.Before(o.TakenAt) {
		fmt.Fprintf(opts.IO.ErrOut, "voxlan diff: NEW (%s) is older than OLD (%s); give the older audit first\n",
			n.TakenAt.UTC().Format("2006-01-02 15:04"), o.TakenAt.UTC().Format("2006-01-02 15:04"))
	}
}
