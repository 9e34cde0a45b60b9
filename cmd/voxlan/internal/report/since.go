package report

import (
	"context"
	"errors"
	"fmt"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/diff"
	"github.com/voxlan/voxlan/history"
	"github.com/voxlan/voxlan/report"
)

// since gives each site's report its "Since the last audit" section: the
// audit --since names (one site), else the site's latest audit in the
// history taken before this one. No history yet, or no earlier audit of
// the site, is no section; a history that cannot be read is said on
// stderr and the report is still written.
func (o *ReportOptions) since(ctx context.Context, inputs []report.Input) error {
	current := func(in report.Input) diff.Audit {
		return diff.Audit{Result: in.Result, Snapshot: in.Snapshot}
	}
	if o.Since != "" {
		if len(inputs) > 1 {
			return cmdutil.UsageError("--since belongs to one site; %d sites given (use --site)", len(inputs))
		}
		old, err := cmdutil.LoadAudit(ctx, o.Since, o.IO.In, o.History, o.Getenv)
		if err != nil {
			return err
		}
		inputs[0].Since = diff.Compare(old, current(inputs[0]))
		return nil
	}
	if o.NoHistory {
		return nil
	}
	path, err := cmdutil.OptionalHistoryPath(o.History, o.Getenv)
	if err != nil || path == "" {
		return err
	}
	s, err := history.Open(ctx, path, history.Options{MustExist: true})
	switch {
	case errors.Is(err, history.ErrNoHistory) && o.History == "":
		return nil
	case err != nil && o.History != "":
		return cmdutil.UsageError("%w", err)
	case err != nil:
		fmt.Fprintf(o.IO.ErrOut, "voxlan report: no \"since the last audit\" section: %v\n", err)
		return nil
	}
	defer s.Close()
	for i, in := range inputs {
		old, err := cmdutil.PreviousAudit(ctx, s, in.Result)
		if errors.Is(err, history.ErrNotFound) {
			continue
		}
		if err != nil {
			fmt.Fprintf(o.IO.ErrOut, "voxlan report: site %s: no \"since the last audit\" section: %v\n", in.Result.Site, err)
			continue
		}
		inputs[i].Since = diff.Compare(old, current(in))
	}
	return nil
}
