// Package history keeps every audit of every site (and every apply) in one
// SQLite file, so a site's audits can be listed and two of them compared:
// what was fixed, what is new, what remains.
//
// The file is opened through modernc.org/sqlite (pure Go, no cgo). Its schema
// is versioned (PRAGMA user_version) and migrated forward step by step; a file
// that is not a voxlan history, is damaged, or was written by a newer voxlan
// is reported and never written to. Several processes may record into one
// file at once: it runs in WAL mode, every write transaction takes the write
// lock when it begins, and a writer waits (busy timeout) instead of failing.
package history

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ApplicationID marks a SQLite file as a voxlan history (PRAGMA
// application_id): "voxl" in ASCII.
const ApplicationID = 0x766f786c

// BusyTimeout is how long a process waits for another one's write to end
// before giving up. Recording an audit takes milliseconds; a minute covers
// a prune's VACUUM of a large file.
const BusyTimeout = 60 * time.Second

// Conditions callers check with errors.Is.
var (
	// ErrNotHistory: the file exists but is not a voxlan history (another
	// program's database, or not a database at all).
	ErrNotHistory = errors.New("history: not a voxlan history database")
	// ErrDamaged: the file is a SQLite database whose content is malformed.
	ErrDamaged = errors.New("history: database damaged")
	// ErrNewerSchema: a newer voxlan wrote the file; this one does not
	// know its schema and leaves it alone.
	ErrNewerSchema = errors.New("history: database written by a newer voxlan")
	// ErrNoHistory: no database at the path (nothing was recorded yet).
	ErrNoHistory = errors.New("history: no history database")
	// ErrNotFound: a reference names no recorded audit.
	ErrNotFound = errors.New("history: no such audit")
	// ErrBadReference: the text is no reference at all (hq@last).
	ErrBadReference = errors.New("history: not a reference")
)

// Store is an open history file.
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time
}

// Options tune Open.
type Options struct {
	// MustExist refuses to create the file (ErrNoHistory): commands that
	// only read the history should not leave an empty database behind.
	MustExist bool
	// Now is the clock stamping recordedAt; time.Now when nil.
	Now func() time.Time
}

// Open opens the history at path, creating it (and its directory) unless
// opts.MustExist, and migrates its schema to the current version. It
// checks what the file is before it changes anything in it.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("history: no database path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("history: %s: %w", path, err)
	}
	if st, err := os.Stat(abs); err == nil {
		if !st.Mode().IsRegular() {
			return nil, fmt.Errorf("%w: %s is not a regular file; give another --history FILE", ErrNotHistory, path)
		}
	} else if errors.Is(err, os.ErrNotExist) {
		if opts.MustExist {
			return nil, fmt.Errorf("%w at %s: nothing was recorded yet (voxlan audit records each audit there)", ErrNoHistory, path)
		}
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return nil, fmt.Errorf("history: %w; give a --history FILE in a directory you can write", err)
		}
	} else {
		return nil, fmt.Errorf("history: %w", err)
	}
	db, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		return nil, fmt.Errorf("history: %s: %w", path, err)
	}
	// One connection: a command is one goroutine's worth of work, and a
	// single connection keeps its transactions strictly ordered.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: path, now: opts.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if err := s.retry(ctx, func() error { return s.prepare(ctx) }); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// dsn is the modernc.org/sqlite data source for the file: a file: URI (so
// any character in the path is escaped), the busy timeout on every
// connection, foreign keys on, and write transactions that take the write
// lock at BEGIN (a deferred transaction that upgrades later fails at once
// with "database is locked" when another process writes, busy timeout or
// not).
func dsn(abs string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if filepath.VolumeName(abs) != "" {
		// file:///C:/dir/history.db on Windows.
		u.Path = "/" + u.Path
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_txlock", "immediate")
	return u.String() + "?" + q.Encode()
}

// Path is the file the store was opened from, as given.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// classify turns SQLite's error codes for a file that is not a database
// or a damaged one into the package's errors, naming the file and what to
// do.
func (s *Store) classify(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%w: %s is not a SQLite database (%v); it was left untouched: give another --history FILE or move it away", ErrNotHistory, s.path, err)
		case sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("%w: %s: %v; it was left untouched: keep it for inspection, move it away and voxlan starts a new history", ErrDamaged, s.path, err)
		}
	}
	return fmt.Errorf("history: %s: %w", s.path, err)
}

// busy reports whether err is SQLite's "database is locked". The busy
// timeout makes SQLite wait for most locks, but not all: a connection that
// meets another process switching the file to WAL or recovering its WAL is
// told at once.
func busy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// retry runs op again while the database is locked, backing off, for at
// most BusyTimeout: what the busy timeout does for the locks SQLite waits
// on itself.
func (s *Store) retry(ctx context.Context, op func() error) error {
	deadline := time.Now().Add(BusyTimeout)
	wait := 5 * time.Millisecond
	for {
		err := op()
		if err == nil || !busy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait = min(2*wait, 250*time.Millisecond)
	}
}
