package history

import "time"

const selectEntry = `SELECT id, site, seq, taken_at, recorded_at, profile, engineering, verdict, fail, warn, unknown, source FROM audits`

type scanner interface{ Scan(dest ...any) error }

func scanEntry(row scanner) (Entry, error) {
	var e Entry
	var taken, recorded int64
	var src string
	if err := row.Scan(&e.ID, &e.Site, &e.Seq, &taken, &recorded, &e.Profile, &e.Engineering, &e.Verdict,
		&e.Fail, &e.Warn, &e.Unknown, &src); err != nil {
		return Entry{}, err
	}
	e.TakenAt = time.Unix(0, taken).UTC()
	e.RecordedAt = time.Unix(0, recorded).UTC()
	e.Source = Source(src)
	return e, nil
}
