package history

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// Resolve finds the audit a reference names:
//   - ID: the audit's id (history list's first column);
//   - SITE@latest: the site's audit of the newest snapshot;
//   - SITE@previous: the one before it;
//   - SITE@N: the site's Nth recorded audit (N from 1; kept by prune).
//
// A reference that names nothing is ErrNotFound, with what there is.
func (s *Store) Resolve(ctx context.Context, ref string) (Entry, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		e, err := scanEntry(s.db.QueryRowContext(ctx, selectEntry+` WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return Entry{}, fmt.Errorf("%w: no audit with id %d in %s; voxlan history list shows the ids", ErrNotFound, id, s.path)
		}
		if err != nil {
			return Entry{}, s.classify(err)
		}
		return e, nil
	}
	site, what, ok := siteOf(ref)
	if !ok {
		return Entry{}, fmt.Errorf("%w: %q: use an id, SITE@latest, SITE@previous or SITE@N", ErrBadReference, ref)
	}
	var row *sql.Row
	switch what {
	case "latest":
		row = s.db.QueryRowContext(ctx, selectEntry+` WHERE site = ? ORDER BY taken_at DESC, id DESC LIMIT 1`, site)
	case "previous":
		row = s.db.QueryRowContext(ctx, selectEntry+` WHERE site = ? ORDER BY taken_at DESC, id DESC LIMIT 1 OFFSET 1`, site)
	default:
		n, err := strconv.Atoi(what)
		if err != nil || n < 1 {
			return Entry{}, fmt.Errorf("%w: %q: after the @ comes latest, previous or an audit number from 1", ErrBadReference, ref)
		}
		row = s.db.QueryRowContext(ctx, selectEntry+` WHERE site = ? AND seq = ?`, site, n)
	}
	e, err := scanEntry(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Entry{}, s.notFound(ctx, ref, site)
	}
	if err != nil {
		return Entry{}, s.classify(err)
	}
	return e, nil
}

// notFound says why a site reference named nothing: no such site (with
// the sites there are), or how many audits the site has.
func (s *Store) notFound(ctx context.Context, ref, site string) error {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM audits WHERE site = ?`, site).Scan(&n); err != nil {
		return s.classify(err)
	}
	if n > 0 {
		return fmt.Errorf("%w: %s: site %q has %d audit(s) in %s; voxlan history list --site %s shows them", ErrNotFound, ref, site, n, s.path, site)
	}
	sites, err := s.Sites(ctx)
	if err != nil {
		return err
	}
	if len(sites) == 0 {
		return fmt.Errorf("%w: %s: %s holds no audit yet", ErrNotFound, ref, s.path)
	}
	return fmt.Errorf("%w: %s: no audit of site %q in %s; its sites: %q", ErrNotFound, ref, site, s.path, sites)
}

// Sites lists the sites with at least one audit, by name.
func (s *Store) Sites(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT site FROM audits ORDER BY site`)
	if err != nil {
		return nil, s.classify(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var site string
		if err := rows.Scan(&site); err != nil {
			return nil, s.classify(err)
		}
		out = append(out, site)
	}
	if err := rows.Err(); err != nil {
		return nil, s.classify(err)
	}
	return out, nil
}
