package history

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// migrations are the schema's steps: migrations[i] takes a file from
// version i to version i+1 (PRAGMA user_version). A step is never edited
// once released; a change of schema is a new step appended here.
var migrations = []string{
	// 1: one row per recorded audit, small so listing thousands stays fast,
	// and its documents beside it: result and snapshot are gzip'd JSON
	// (voxlan.audit/v1, voxlan.snapshot/v1). Times are Unix nanoseconds,
	// UTC, so they sort as numbers. result_sha256 spots the same audit
	// recorded twice.
	`CREATE TABLE audits (
		id            INTEGER PRIMARY KEY,
		site          TEXT    NOT NULL,
		taken_at      INTEGER NOT NULL,
		recorded_at   INTEGER NOT NULL,
		profile       TEXT    NOT NULL,
		engineering   TEXT    NOT NULL,
		verdict       TEXT    NOT NULL,
		fail          INTEGER NOT NULL,
		warn          INTEGER NOT NULL,
		unknown       INTEGER NOT NULL,
		result_sha256 BLOB    NOT NULL
	);
	CREATE INDEX audits_by_time ON audits (taken_at DESC, id DESC);
	CREATE INDEX audits_by_site ON audits (site, taken_at DESC, id DESC);
	CREATE TABLE audit_documents (
		audit_id INTEGER PRIMARY KEY REFERENCES audits (id) ON DELETE CASCADE,
		result   BLOB NOT NULL,
		snapshot BLOB
	);`,

	// 2: a per-site number (SITE@N, stable across prunes), what recorded
	// the audit, and the applies. Existing audits are numbered per site in
	// the order they were recorded.
	`ALTER TABLE audits ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE audits ADD COLUMN source TEXT NOT NULL DEFAULT 'audit';
	UPDATE audits SET seq = numbered.n
		FROM (SELECT id, row_number() OVER (PARTITION BY site ORDER BY id) AS n FROM audits) AS numbered
		WHERE audits.id = numbered.id;
	CREATE UNIQUE INDEX audits_site_seq ON audits (site, seq);
	CREATE TABLE applies (
		id          INTEGER PRIMARY KEY,
		site        TEXT    NOT NULL,
		applied_at  INTEGER NOT NULL,
		recorded_at INTEGER NOT NULL,
		switches    INTEGER NOT NULL,
		failed      INTEGER NOT NULL,
		audit_id    INTEGER REFERENCES audits (id) ON DELETE SET NULL,
		record      BLOB    NOT NULL
	);
	CREATE INDEX applies_by_site ON applies (site, applied_at DESC, id DESC);`,
}

// SchemaVersion is the schema this voxlan writes.
var SchemaVersion = len(migrations)

// prepare checks what the file is, without writing to it, then switches it
// to WAL and migrates it to SchemaVersion.
func (s *Store) prepare(ctx context.Context) error {
	return s.prepareTo(ctx, SchemaVersion)
}

func (s *Store) prepareTo(ctx context.Context, target int) error {
	version, err := s.check(ctx, s.db)
	if err != nil {
		return err
	}
	if err := s.useWAL(ctx); err != nil {
		return err
	}
	if version >= target {
		return nil
	}
	return s.migrate(ctx, target)
}

// querier is what check needs of a *sql.DB or a *sql.Tx.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// check reads the file's identity and schema version and refuses a file
// that is not a voxlan history or is newer than this voxlan.
func (s *Store) check(ctx context.Context, q querier) (int, error) {
	// One statement, so one read transaction: three separate reads could
	// see another process's migration half-way (no id yet, tables already).
	var appID, version, tables int
	err := q.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)`).Scan(&appID, &version, &tables)
	if err != nil {
		return 0, s.classify(fmt.Errorf("reading its version: %w", err))
	}
	switch {
	case appID != ApplicationID && (appID != 0 || tables > 0 || version != 0):
		return 0, fmt.Errorf("%w: %s is another program's SQLite database (application id %#x); it was left untouched: give another --history FILE",
			ErrNotHistory, s.path, appID)
	case version > SchemaVersion:
		return 0, fmt.Errorf("%w: %s has schema version %d, this voxlan knows up to %d; it was left untouched: upgrade voxlan, or give another --history FILE",
			ErrNewerSchema, s.path, version, SchemaVersion)
	}
	return version, nil
}

// useWAL puts the file in WAL mode (kept in the file, so once is enough):
// readers never block the writer, and concurrent writers queue on the
// busy timeout.
func (s *Store) useWAL(ctx context.Context) error {
	var mode string
	if err := s.db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
		return s.classify(fmt.Errorf("reading its journal mode: %w", err))
	}
	if strings.EqualFold(mode, "wal") {
		return nil
	}
	if err := s.db.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode); err != nil {
		return s.classify(fmt.Errorf("switching to WAL: %w", err))
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("history: %s: could not switch to WAL mode (got %q); is it on a network file system? give a local --history FILE", s.path, mode)
	}
	return nil
}

// migrate runs the missing steps in one write transaction. Another process
// may have migrated meanwhile: the version is read again under the lock.
func (s *Store) migrate(ctx context.Context, target int) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.classify(fmt.Errorf("starting the migration: %w", err))
	}
	defer tx.Rollback()
	version, err := s.check(ctx, tx)
	if err != nil {
		return err
	}
	for v := version; v < target; v++ {
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			return fmt.Errorf("history: %s: migrating to schema version %d: %w", s.path, v+1, err)
		}
	}
	if version < target {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d; PRAGMA application_id = %d`, target, ApplicationID)); err != nil {
			return s.classify(fmt.Errorf("migrating: %w", err))
		}
	}
	if err := tx.Commit(); err != nil {
		return s.classify(fmt.Errorf("committing the migration: %w", err))
	}
	return nil
}
