package cmdutil

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/diff"
	"github.com/voxlan/voxlan/history"
	"github.com/voxlan/voxlan/snapshot"
)

// AddHistoryFlag adds --history FILE, the history database a command reads
// or records into.
func AddHistoryFlag(fl *pflag.FlagSet, path *string) {
	fl.StringVar(path, "history", "", "history database `FILE` (default: history.db in voxlan's state directory, $XDG_STATE_HOME/voxlan on Linux)")
}

// HistoryPath is the --history value, else the default database.
func HistoryPath(flag string, getenv func(string) string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	return history.DefaultPath(getenv)
}

// OptionalHistoryPath is HistoryPath for commands that work without a
// history: "" (and no error) when no --history was given and the
// environment names no state directory.
func OptionalHistoryPath(flag string, getenv func(string) string) (string, error) {
	path, err := HistoryPath(flag, getenv)
	if errors.Is(err, history.ErrNoStateDir) {
		return "", nil
	}
	if err != nil {
		return "", UsageError("%v", err)
	}
	return path, nil
}

// PreviousAudit loads the site's latest audit in the history taken before
// res, the one "since the last audit" compares with; history.ErrNotFound
// when there is none.
func PreviousAudit(ctx context.Context, s *history.Store, res *audit.Result) (diff.Audit, error) {
	prev, err := s.Before(ctx, res.Site, res.TakenAt)
	if err != nil {
		return diff.Audit{}, err
	}
	a, err := ResolveAudit(ctx, s, strconv.FormatInt(prev.ID, 10))
	a.Ref = prev.Ref()
	return a, err
}

// OpenHistory opens the history database for a command: mustExist for
// commands that only read it. A file voxlan cannot use is a usage error
// (exit 2) naming the file and what to do.
func OpenHistory(ctx context.Context, flag string, getenv func(string) string, mustExist bool) (*history.Store, error) {
	path, err := HistoryPath(flag, getenv)
	if err != nil {
		return nil, UsageError("%v", err)
	}
	s, err := history.Open(ctx, path, history.Options{MustExist: mustExist})
	if err != nil {
		return nil, UsageError("%w", err)
	}
	return s, nil
}

// LoadAudit reads the audit a reference names: "-" (an audit JSON on
// stdin) or an existing file holds an audit result (voxlan.audit/v1);
// anything else is a history reference (an id, SITE@latest,
// SITE@previous, SITE@N), resolved in the history database flag names.
// Errors are usage errors (exit 2).
func LoadAudit(ctx context.Context, ref string, stdin io.Reader, historyFlag string, getenv func(string) string) (diff.Audit, error) {
	if ref == "-" {
		r, err := audit.Decode(stdin)
		if err != nil {
			return diff.Audit{}, UsageError("stdin: %v", err)
		}
		return diff.Audit{Ref: "-", Result: r}, nil
	}
	if st, err := os.Stat(ref); err == nil && st.Mode().IsRegular() {
		data, err := os.ReadFile(ref)
		if err != nil {
			return diff.Audit{}, UsageError("%v", err)
		}
		r, err := audit.DecodeBytes(data)
		if err != nil {
			return diff.Audit{}, UsageError("%s: %v", ref, err)
		}
		return diff.Audit{Ref: ref, Result: r}, nil
	}
	if !strings.Contains(ref, "@") {
		if _, err := strconv.ParseInt(ref, 10, 64); err != nil {
			return diff.Audit{}, UsageError("%s: no such file, and not a history reference (an id, SITE@latest, SITE@previous or SITE@N)", ref)
		}
	}
	s, err := OpenHistory(ctx, historyFlag, getenv, true)
	if err != nil {
		return diff.Audit{}, err
	}
	defer s.Close()
	return ResolveAudit(ctx, s, ref)
}

// ResolveAudit loads a history reference from an open store, with its
// snapshot.
func ResolveAudit(ctx context.Context, s *history.Store, ref string) (diff.Audit, error) {
	e, err := s.Resolve(ctx, ref)
	if err != nil {
		return diff.Audit{}, historyError(err)
	}
	rec, err := s.Get(ctx, e.ID)
	if err != nil {
		return diff.Audit{}, historyError(err)
	}
	return diff.Audit{Ref: ref, ID: e.ID, Result: rec.Result, Snapshot: rec.Snapshot}, nil
}

// historyError makes what a user can correct (a reference naming nothing,
// a file voxlan cannot use) a usage error; anything else stays a failure.
func historyError(err error) error {
	for _, e := range []error{history.ErrNotFound, history.ErrBadReference, history.ErrNotHistory, history.ErrNewerSchema, history.ErrNoHistory, history.ErrDamaged} {
		if errors.Is(err, e) {
			return UsageError("%w", err)
		}
	}
	return fmt.Errorf("%w", err)
}

// Recorder records a command's audits into the history, or nowhere
// (--no-history, or no state directory known: said once on stderr). A
// failure to record is said on stderr and does not change the command's
// outcome: the audit itself was written.
type Recorder struct {
	store  *history.Store
	errOut io.Writer
	verb   string
}

// OpenRecorder opens the history a command records into. A file voxlan
// cannot use is a usage error (exit 2) before any work, with the way out.
func OpenRecorder(ctx context.Context, flag string, off bool, getenv func(string) string, errOut io.Writer, verb string) (*Recorder, error) {
	r := &Recorder{errOut: errOut, verb: verb}
	if off {
		return r, nil
	}
	path, err := OptionalHistoryPath(flag, getenv)
	if err != nil {
		return nil, err
	}
	if path == "" {
		_, why := history.DefaultPath(getenv)
		fmt.Fprintf(errOut, "voxlan %s: not recorded in the history: %v (or --no-history)\n", verb, why)
		return r, nil
	}
	if r.store, err = history.Open(ctx, path, history.Options{}); err != nil {
		return nil, UsageError("%w; or run with --no-history", err)
	}
	return r, nil
}

// Record adds one audit and the snapshot it judged, and says under which
// reference.
func (r *Recorder) Record(ctx context.Context, res *audit.Result, snap *snapshot.Snapshot, src history.Source) (history.Entry, bool) {
	if r.store == nil || res == nil {
		return history.Entry{}, false
	}
	got, err := r.store.RecordAudit(ctx, res, snap, src)
	switch {
	case err != nil:
		fmt.Fprintf(r.errOut, "voxlan %s: site %s: not recorded in the history: %v\n", r.verb, res.Site, err)
		return history.Entry{}, false
	case got.Duplicate:
		fmt.Fprintf(r.errOut, "voxlan %s: site %s: the same audit is already in the history as %s (id %d)\n", r.verb, res.Site, got.Ref(), got.ID)
	default:
		fmt.Fprintf(r.errOut, "voxlan %s: site %s: recorded as %s (id %d) in %s\n", r.verb, res.Site, got.Ref(), got.ID, r.store.Path())
	}
	return got.Entry, true
}

// Store is the open history, nil when nothing is recorded.
func (r *Recorder) Store() *history.Store { return r.store }

// Close closes the history.
func (r *Recorder) Close() error {
	if r.store == nil {
		return nil
	}
	return r.store.Close()
}
