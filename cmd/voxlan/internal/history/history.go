// Package history is the `voxlan history` verb: list the audits recorded
// in the history database, show one, prune old ones.
package history

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/history"
	"github.com/voxlan/voxlan/snapshot"
)

// HistoryOptions are the verb's dependencies and flag values.
type HistoryOptions struct {
	IO     *cmdutil.IOStreams
	Getenv func(string) string

	// Action is "list", "show" or "prune".
	Action  string
	History string
	Site    string
	Limit   int
	Ref     string
	Output  string
	Lang    string
	// Snapshot makes show print the recorded snapshot instead of the audit.
	Snapshot bool
	Keep     int
}

// NewCmdHistory builds `voxlan history list|show|prune`.
func NewCmdHistory(f *cmdutil.Factory, runF func(*HistoryOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "history",
		Short: "List, show and prune the audits recorded in the history",
		Long: `Every voxlan audit (and apply, and the terminal UI's audits) is recorded in
the history database: history.db in voxlan's state directory by default
($XDG_STATE_HOME/voxlan on Linux, ~/Library/Application Support/voxlan on
macOS, %LOCALAPPDATA%\voxlan on Windows; --history FILE for another). Each audit is referred to by its id, or as
SITE@N (the site's Nth recorded audit), SITE@latest or SITE@previous; voxlan
diff compares two of them.

Exit codes: 0 done, 2 bad flags, an unknown reference or a database that is
not voxlan's, 1 the database could not be read or written.`,
		Example: `  voxlan history list --site hq
  voxlan history show hq@latest > last.json
  voxlan diff hq@previous hq@latest`,
	}
	run := func(opts *HistoryOptions, validate func() error) func(*cobra.Command, []string) error {
		return func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				opts.Ref = args[0]
			}
			if err := validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return historyRun(cmd.Context(), opts)
		}
	}
	output := func(opts *HistoryOptions) func() error {
		return func() error {
			switch opts.Output {
			case "", "table", "json":
			default:
				return cmdutil.UsageError("unknown output format %q; use table or json", opts.Output)
			}
			switch opts.Lang {
			case "en", "fr":
			default:
				return cmdutil.UsageError("--lang %q: use en or fr", opts.Lang)
			}
			return nil
		}
	}

	list := &HistoryOptions{IO: f.IO, Getenv: f.Getenv, Action: "list", Lang: "en"}
	listCmd := &cobra.Command{
		Use:   "list [--site S]",
		Short: "One line per recorded audit, newest first: id, reference, time, verdict, fail/warn/unknown counts",
		Long: `One line per recorded audit, newest first: id, reference, time, verdict, fail/warn/unknown counts.

Exit codes: 0 done, 2 bad flags or an unknown reference, 1 the database
could not be read or written.`,
		Example: `  voxlan history list
  voxlan history list --site hq -o json`,
		Args: cobra.NoArgs,
	}
	listCmd.RunE = run(list, func() error {
		if list.Limit < 0 {
			return cmdutil.UsageError("--limit must be 0 (all) or more, got %d", list.Limit)
		}
		return output(list)()
	})
	listCmd.Flags().StringVar(&list.Site, "site", "", "only this site's audits")
	listCmd.Flags().IntVar(&list.Limit, "limit", 0, "at most `N` audits (0: all)")
	listCmd.Flags().StringVarP(&list.Output, "output", "o", "", "output format: table or json (default table on a terminal, json otherwise)")
	cmdutil.AddHistoryFlag(listCmd.Flags(), &list.History)

	show := &HistoryOptions{IO: f.IO, Getenv: f.Getenv, Action: "show"}
	showCmd := &cobra.Command{
		Use:   "show REF",
		Short: "Show a recorded audit (JSON: the voxlan.audit/v1 result, as voxlan audit -o json wrote it)",
		Long: `Show a recorded audit (JSON: the voxlan.audit/v1 result, as voxlan audit -o json wrote it).

Exit codes: 0 done, 2 bad flags or an unknown reference, 1 the database
could not be read or written.`,
		Example: `  voxlan history show hq@latest
  voxlan history show hq@3 -o json > hq-3.json
  voxlan history show 12 --snapshot > site.json`,
		Args: cobra.ExactArgs(1),
	}
	showCmd.RunE = run(show, output(show))
	showCmd.Flags().StringVarP(&show.Output, "output", "o", "", "output format: table or json (default table on a terminal, json otherwise)")
	showCmd.Flags().StringVar(&show.Lang, "lang", "en", "language of the table's messages: en or fr")
	showCmd.Flags().BoolVar(&show.Snapshot, "snapshot", false, "print the snapshot the audit judged (voxlan.snapshot/v1) instead")
	cmdutil.AddHistoryFlag(showCmd.Flags(), &show.History)

	prune := &HistoryOptions{IO: f.IO, Getenv: f.Getenv, Action: "prune", Keep: -1}
	pruneCmd := &cobra.Command{
		Use:   "prune --keep N [--site S]",
		Short: "Delete all but the N newest audits of each site (or of --site); numbers SITE@N stay",
		Long: `Delete all but the N newest audits of each site (or of --site); numbers SITE@N stay.

Exit codes: 0 done, 2 bad flags or an unknown reference, 1 the database
could not be read or written.`,
		Example: `  voxlan history prune --keep 10
  voxlan history prune --keep 1 --site old-branch`,
		Args: cobra.NoArgs,
	}
	pruneCmd.RunE = run(prune, func() error {
		if prune.Keep < 0 {
			return cmdutil.UsageError("give --keep N: how many of each site's newest audits to keep (0 deletes them all)")
		}
		return nil
	})
	pruneCmd.Flags().IntVar(&prune.Keep, "keep", -1, "keep the `N` newest audits of each site")
	pruneCmd.Flags().StringVar(&prune.Site, "site", "", "prune only this site's audits")
	cmdutil.AddHistoryFlag(pruneCmd.Flags(), &prune.History)

	cmd.AddCommand(listCmd, showCmd, pruneCmd)
	return cmd
}

func historyRun(ctx context.Context, opts *HistoryOptions) error {
	s, err := cmdutil.OpenHistory(ctx, opts.History, opts.Getenv, true)
	if err != nil {
		return err
	}
	defer s.Close()
	switch opts.Action {
	case "list":
		return listRun(ctx, opts, s)
	case "show":
		return showRun(ctx, opts, s)
	}
	return pruneRun(ctx, opts, s)
}

func listRun(ctx context.Context, opts *HistoryOptions, s *history.Store) error {
	entries, err := s.List(ctx, history.ListOptions{Site: opts.Site, Limit: opts.Limit})
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		what := "no audit"
		if opts.Site != "" {
			what += " of site " + opts.Site
		}
		fmt.Fprintf(opts.IO.ErrOut, "voxlan history: %s recorded in %s\n", what, s.Path())
	}
	out := opts.IO.Out
	switch cmdutil.DefaultFormat(opts.Output, opts.IO, "") {
	case "json":
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(entries)
	}
	if !opts.IO.OutTTY {
		// Piped: tab-separated, RFC 3339 times, a header-less line per audit.
		for _, e := range entries {
			if _, err := fmt.Fprintf(out, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\n", e.ID, e.Ref(), e.Site, e.TakenAt.Format(timeRFC3339),
				e.Verdict, e.Fail, e.Warn, e.Unknown, e.Profile, e.Source); err != nil {
				return err
			}
		}
		return nil
	}
	if len(entries) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tREF\tTAKEN (UTC)\tVERDICT\tFAIL\tWARN\tUNKNOWN\tPROFILE\tBY")
	for _, e := range entries {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\n", e.ID, e.Ref(), e.TakenAt.Format("2006-01-02 15:04"),
			strings.ToUpper(e.Verdict), e.Fail, e.Warn, e.Unknown, e.Profile, e.Source)
	}
	return tw.Flush()
}

const timeRFC3339 = "2006-01-02T15:04:05Z07:00"

func showRun(ctx context.Context, opts *HistoryOptions, s *history.Store) error {
	a, err := cmdutil.ResolveAudit(ctx, s, opts.Ref)
	if err != nil {
		return err
	}
	out := opts.IO.Out
	if opts.Snapshot {
		if a.Snapshot == nil {
			return cmdutil.UsageError("%s: no snapshot was recorded with this audit", opts.Ref)
		}
		return snapshot.Encode(out, a.Snapshot)
	}
	if cmdutil.DefaultFormat(opts.Output, opts.IO, "") == "json" {
		return audit.Encode(out, a.Result)
	}
	e, err := s.Resolve(ctx, opts.Ref)
	if err != nil {
		return err
	}
	return writeAudit(out, e, a.Result, opts.Lang)
}

// writeAudit prints a recorded audit for a person: what it was, its counts,
// and every finding that is not a pass, worst first.
func writeAudit(w io.Writer, e history.Entry, r *audit.Result, lang string) error {
	c := r.Counts()
	fmt.Fprintf(w, "audit %d  %s  site %s  taken %s UTC  recorded %s UTC by voxlan %s\n", e.ID, e.Ref(), e.Site,
		e.TakenAt.Format("2006-01-02 15:04"), e.RecordedAt.Format("2006-01-02 15:04"), e.Source)
	fmt.Fprintf(w, "profile %s  engineering %s (%s)  verdict %s\n", r.Profile, r.Engineering, r.EngineeringSource, strings.ToUpper(string(r.Verdict)))
	fmt.Fprintf(w, "%d fail, %d unknown, %d warn, %d manual, %d pass; %d ports\n", c[audit.StatusFail], c[audit.StatusUnknown],
		c[audit.StatusWarn], c[audit.StatusManual], c[audit.StatusPass], len(r.Ports))
	var shown []audit.Finding
	for _, f := range r.Findings {
		if f.Status != audit.StatusPass {
			shown = append(shown, f)
		}
	}
	if len(shown) == 0 {
		return nil
	}
	slices.SortStableFunc(shown, func(a, b audit.Finding) int { return b.Status.Severity() - a.Status.Severity() })
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tREQ\tSWITCH\tPORT\tMESSAGE")
	for _, f := range shown {
		msg := f.Message.EN
		if lang == "fr" {
			msg = f.Message.FR
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", f.Status, f.Requirement, f.Switch, f.Port, strings.Join(strings.Fields(msg), " "))
	}
	return tw.Flush()
}

func pruneRun(ctx context.Context, opts *HistoryOptions, s *history.Store) error {
	n, err := s.Prune(ctx, opts.Keep, opts.Site)
	if err != nil {
		return err
	}
	scope := "each site"
	if opts.Site != "" {
		scope = "site " + opts.Site
	}
	fmt.Fprintf(opts.IO.ErrOut, "voxlan history: deleted %d audit(s), kept the %d newest of %s in %s\n", n, opts.Keep, scope, s.Path())
	return nil
}
