package history

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Apply is one recorded `voxlan apply` on a site: when, on how many
// switches, how many did not end as planned, and the apply record itself
// (voxlan.apply/v1 JSON: what was sent and verified per switch).
type Apply struct {
	ID         int64     `json:"id"`
	Site       string    `json:"site"`
	AppliedAt  time.Time `json:"appliedAt"`
	RecordedAt time.Time `json:"recordedAt"`
	Switches   int       `json:"switches"`
	Failed     int       `json:"failed"`
	// AuditID is the recorded audit whose plan was applied (0: none).
	AuditID int64           `json:"auditId,omitempty"`
	Record  json.RawMessage `json:"record"`
}

// RecordApply adds an apply to the history and returns its id.
func (s *Store) RecordApply(ctx context.Context, a Apply) (int64, error) {
	if !json.Valid(a.Record) {
		return 0, fmt.Errorf("history: apply record of site %q is not JSON", a.Site)
	}
	gz, err := compress(a.Record)
	if err != nil {
		return 0, err
	}
	var auditID sql.NullInt64
	if a.AuditID != 0 {
		auditID = sql.NullInt64{Int64: a.AuditID, Valid: true}
	}
	var r sql.Result
	err = s.retry(ctx, func() error {
		var err error
		r, err = s.db.ExecContext(ctx, `INSERT INTO applies (site, applied_at, recorded_at, switches, failed, audit_id, record)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			a.Site, a.AppliedAt.UTC().UnixNano(), s.now().UTC().UnixNano(), a.Switches, a.Failed, auditID, gz)
		return err
	})
	if err != nil {
		return 0, s.classify(err)
	}
	id, err := r.LastInsertId()
	if err != nil {
		return 0, s.classify(err)
	}
	return id, nil
}

// Applies returns the site's recorded applies ("" for every site), newest
// first, with their records.
func (s *Store) Applies(ctx context.Context, site string) ([]Apply, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, site, applied_at, recorded_at, switches, failed, audit_id, record FROM applies
		WHERE ? = '' OR site = ? ORDER BY applied_at DESC, id DESC`, site, site)
	if err != nil {
		return nil, s.classify(err)
	}
	defer rows.Close()
	out := []Apply{}
	for rows.Next() {
		var a Apply
		var applied, recorded int64
		var auditID sql.NullInt64
		var gz []byte
		if err := rows.Scan(&a.ID, &a.Site, &applied, &recorded, &a.Switches, &a.Failed, &auditID, &gz); err != nil {
			return nil, s.classify(err)
		}
		a.AppliedAt, a.RecordedAt, a.AuditID = time.Unix(0, applied).UTC(), time.Unix(0, recorded).UTC(), auditID.Int64
		data, err := decompress(gz)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: apply %d: %v", ErrDamaged, s.path, a.ID, err)
		}
		a.Record = data
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, s.classify(err)
	}
	return out, nil
}
