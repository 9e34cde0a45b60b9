package tui

import (
	"context"
	"errors"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/diff"
	"github.com/voxlan/voxlan/history"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

// sinceFunc records each audit the UI makes in the history at path and
// compares it with the site's audit before it (diff.Compare, as voxlan
// diff does). The file is opened for each audit, in the screen's command,
// and closed at once: the UI never holds it while the technician works.
func sinceFunc(path string) common.SinceFunc {
	return func(ctx context.Context, res *audit.Result, snap *snapshot.Snapshot) (*diff.Diff, error) {
		s, err := history.Open(ctx, path, history.Options{})
		if err != nil {
			return nil, err
		}
		defer s.Close()
		rec, err := s.RecordAudit(ctx, res, snap, history.SourceTUI)
		if err != nil {
			return nil, err
		}
		old, err := cmdutil.PreviousAudit(ctx, s, res)
		if errors.Is(err, history.ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return diff.Compare(old, diff.Audit{Ref: rec.Ref(), ID: rec.ID, Result: res, Snapshot: snap}), nil
	}
}

// historyDeps wires the history unless --no-history, or when no state
// directory is known and no --history was given.
func (o *TUIOptions) historyDeps(deps *common.Deps) error {
	if o.NoHistory {
		return nil
	}
	path, err := cmdutil.OptionalHistoryPath(o.History, o.Getenv)
	if err != nil || path == "" {
		return err
	}
	deps.Since = sinceFunc(path)
	return nil
}
