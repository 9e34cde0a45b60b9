package history

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
)

// Source says which command recorded an audit.
type Source string

const (
	SourceAudit  Source = "audit"
	SourceApply  Source = "apply"
	SourceTUI    Source = "tui"
	SourceReport Source = "report"
)

// Entry is one recorded audit, without its findings and snapshot: what
// `voxlan history list` shows.
type Entry struct {
	ID int64 `json:"id"`
	// Site and Seq make the reference SITE@Seq: the site's audits are
	// numbered 1, 2, ... in the order they were recorded.
	Site        string    `json:"site"`
	Seq         int       `json:"seq"`
	TakenAt     time.Time `json:"takenAt"`
	RecordedAt  time.Time `json:"recordedAt"`
	Profile     string    `json:"profile"`
	Engineering string    `json:"engineering"`
	Verdict     string    `json:"verdict"`
	Fail        int       `json:"fail"`
	Warn        int       `json:"warn"`
	Unknown     int       `json:"unknown"`
	Source      Source    `json:"source"`
}

// Ref is the entry's reference for history show and diff: SITE@N.
func (e Entry) Ref() string { return fmt.Sprintf("%s@%d", e.Site, e.Seq) }

// Record is a recorded audit in full.
type Record struct {
	Entry
	Result *audit.Result
	// Snapshot is the snapshot the audit judged; nil when none was
	// recorded with it.
	Snapshot *snapshot.Snapshot
}

// Recorded is what RecordAudit did.
type Recorded struct {
	Entry
	// Duplicate: the same audit of the same snapshot was already in the
	// history (re-auditing a saved snapshot); nothing was added and Entry
	// is the earlier one.
	Duplicate bool
}

// RecordAudit adds an audit and the snapshot it judged (nil if none) to
// the history. An audit identical to one already recorded for the same
// site and snapshot time is not added twice.
func (s *Store) RecordAudit(ctx context.Context, res *audit.Result, snap *snapshot.Snapshot, src Source) (Recorded, error) {
	res.Normalize()
	resultJSON, err := json.Marshal(res)
	if err != nil {
		return Recorded{}, fmt.Errorf("history: %w", err)
	}
	sum := sha256.Sum256(resultJSON)
	result, err := compress(resultJSON)
	if err != nil {
		return Recorded{}, err
	}
	var snapGz []byte
	if snap != nil {
		var buf bytes.Buffer
		if err := snapshot.Encode(&buf, snap); err != nil {
			return Recorded{}, fmt.Errorf("history: %w", err)
		}
		if snapGz, err = compress(buf.Bytes()); err != nil {
			return Recorded{}, err
		}
	}
	c := res.Counts()
	e := Entry{
		Site: res.Site, TakenAt: res.TakenAt.UTC(), RecordedAt: s.now().UTC(),
		Profile: res.Profile, Engineering: string(res.Engineering), Verdict: string(res.Verdict),
		Fail: c[audit.StatusFail], Warn: c[audit.StatusWarn], Unknown: c[audit.StatusUnknown], Source: src,
	}

	var out Recorded
	err = s.retry(ctx, func() error {
		var err error
		out, err = s.recordTx(ctx, e, sum[:], result, snapGz)
		return err
	})
	return out, err
}

// recordTx records e in one write transaction, unless the same audit is
// already there.
func (s *Store) recordTx(ctx context.Context, e Entry, sum, result, snapGz []byte) (Recorded, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Recorded{}, s.classify(err)
	}
	defer tx.Rollback()
	var dupID int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM audits WHERE site = ? AND taken_at = ? AND result_sha256 = ? ORDER BY id LIMIT 1`,
		e.Site, e.TakenAt.UnixNano(), sum).Scan(&dupID)
	switch {
	case err == nil:
		prev, err := scanEntry(tx.QueryRowContext(ctx, selectEntry+` WHERE id = ?`, dupID))
		if err != nil {
			return Recorded{}, s.classify(err)
		}
		return Recorded{Entry: prev, Duplicate: true}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return Recorded{}, s.classify(err)
	}
	if err := s.insert(ctx, tx, &e, sum, result, snapGz); err != nil {
		return Recorded{}, err
	}
	if err := tx.Commit(); err != nil {
		return Recorded{}, s.classify(err)
	}
	return Recorded{Entry: e}, nil
}

// insert adds e and its documents in tx, numbering it after the site's
// last audit; it sets e.Seq and e.ID.
func (s *Store) insert(ctx context.Context, tx *sql.Tx, e *Entry, sum, result, snapGz []byte) error {
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) + 1 FROM audits WHERE site = ?`, e.Site).Scan(&e.Seq); err != nil {
		return s.classify(err)
	}
	r, err := tx.ExecContext(ctx, `INSERT INTO audits
		(site, seq, taken_at, recorded_at, profile, engineering, verdict, fail, warn, unknown, source, result_sha256)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Site, e.Seq, e.TakenAt.UnixNano(), e.RecordedAt.UnixNano(), e.Profile, e.Engineering, e.Verdict,
		e.Fail, e.Warn, e.Unknown, string(e.Source), sum)
	if err != nil {
		return s.classify(err)
	}
	if e.ID, err = r.LastInsertId(); err != nil {
		return s.classify(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit_documents (audit_id, result, snapshot) VALUES (?, ?, ?)`, e.ID, result, snapGz); err != nil {
		return s.classify(err)
	}
	return nil
}

// ListOptions filter List.
type ListOptions struct {
	// Site keeps only this site's audits ("" for every site).
	Site string
	// Limit caps the number of entries (0: all).
	Limit int
}

// List returns the recorded audits, newest snapshot first.
func (s *Store) List(ctx context.Context, o ListOptions) ([]Entry, error) {
	q := selectEntry
	var args []any
	if o.Site != "" {
		q += ` WHERE site = ?`
		args = append(args, o.Site)
	}
	q += ` ORDER BY taken_at DESC, id DESC`
	if o.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, o.Limit)
	}
	return s.entries(ctx, q, args...)
}

func (s *Store) entries(ctx context.Context, q string, args ...any) ([]Entry, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.classify(err)
	}
	defer rows.Close()
	out := []Entry{}
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, s.classify(err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, s.classify(err)
	}
	return out, nil
}

// Get returns the recorded audit id in full: its result and snapshot.
func (s *Store) Get(ctx context.Context, id int64) (*Record, error) {
	e, err := scanEntry(s.db.QueryRowContext(ctx, selectEntry+` WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: no audit with id %d in %s; voxlan history list shows the ids", ErrNotFound, id, s.path)
	}
	if err != nil {
		return nil, s.classify(err)
	}
	var resultGz, snapGz []byte
	if err := s.db.QueryRowContext(ctx, `SELECT result, snapshot FROM audit_documents WHERE audit_id = ?`, id).Scan(&resultGz, &snapGz); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("%w: %s: audit %d has no documents", ErrDamaged, s.path, id)
		}
		return nil, s.classify(err)
	}
	rec := &Record{Entry: e}
	data, err := decompress(resultGz)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: audit %d: %v", ErrDamaged, s.path, id, err)
	}
	if rec.Result, err = audit.DecodeBytes(data); err != nil {
		return nil, fmt.Errorf("%w: %s: audit %d: %v", ErrDamaged, s.path, id, err)
	}
	if snapGz != nil {
		data, err := decompress(snapGz)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: snapshot of audit %d: %v", ErrDamaged, s.path, id, err)
		}
		if rec.Snapshot, err = snapshot.Decode(bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("%w: %s: snapshot of audit %d: %v", ErrDamaged, s.path, id, err)
		}
	}
	return rec, nil
}

// Before returns the site's latest audit whose snapshot was taken before
// t: the audit a new one is compared with ("since the last audit").
// ErrNotFound when there is none.
func (s *Store) Before(ctx context.Context, site string, t time.Time) (Entry, error) {
	e, err := scanEntry(s.db.QueryRowContext(ctx, selectEntry+` WHERE site = ? AND taken_at < ? ORDER BY taken_at DESC, id DESC LIMIT 1`,
		site, t.UTC().UnixNano()))
	if errors.Is(err, sql.ErrNoRows) {
		return Entry{}, fmt.Errorf("%w: no audit of site %q before %s in %s", ErrNotFound, site, t.UTC().Format(time.RFC3339), s.path)
	}
	if err != nil {
		return Entry{}, s.classify(err)
	}
	return e, nil
}

// Prune deletes all but the keep newest audits of each site (of site only,
// when not ""), then compacts the file. It returns how many were deleted.
// Applies stay; their link to a deleted audit is cleared.
func (s *Store) Prune(ctx context.Context, keep int, site string) (int, error) {
	if keep < 0 {
		return 0, fmt.Errorf("history: prune: keep %d: must be 0 or more", keep)
	}
	q := `DELETE FROM audits WHERE id IN (
		SELECT id FROM (SELECT id, site, row_number() OVER (PARTITION BY site ORDER BY taken_at DESC, id DESC) AS n FROM audits)
		WHERE n > ? AND (? = '' OR site = ?))`
	var r sql.Result
	err := s.retry(ctx, func() error {
		var err error
		r, err = s.db.ExecContext(ctx, q, keep, site, site)
		return err
	})
	if err != nil {
		return 0, s.classify(err)
	}
	n, err := r.RowsAffected()
	if err != nil {
		return 0, s.classify(err)
	}
	if n > 0 {
		// The deleted snapshots' pages go back to the file system.
		if err := s.retry(ctx, func() error { _, err := s.db.ExecContext(ctx, `VACUUM`); return err }); err != nil {
			return int(n), s.classify(err)
		}
	}
	return int(n), nil
}

func compress(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		return nil, fmt.Errorf("history: compress: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("history: compress: %w", err)
	}
	return buf.Bytes(), nil
}

// maxDecompressed bounds what one stored document may expand to, so a
// damaged or hostile file cannot exhaust memory.
const maxDecompressed = 1 << 30

func decompress(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, maxDecompressed+1))
	if err != nil {
		return nil, err
	}
	if len(out) > maxDecompressed {
		return nil, errors.New("stored document larger than 1 GiB")
	}
	return out, nil
}

// siteOf splits "SITE@WHAT" at its last '@' (site names have none).
func siteOf(ref string) (site, what string, ok bool) {
	i := strings.LastIndexByte(ref, '@')
	if i < 0 {
		return "", "", false
	}
	return ref[:i], ref[i+1:], true
}
