package history

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
)

// BenchmarkList10000 lists a history of 10,000 audits (100 sites of 100
// audits, each with 60 findings and a snapshot of 48 ports) the way
// `voxlan history list` does (target: all of it in < 100 ms), and one
// site's, and resolves SITE@latest. The baseline, in the same run, reads
// the 10,000 ids alone: the floor of any listing through database/sql.
//
//	go test ./history -run XXX -bench List10000
func BenchmarkList10000(b *testing.B) {
	ctx := context.Background()
	s := open(b, filepath.Join(b.TempDir(), "history.db"))
	fill(b, s, 100, 100)
	// The fill's garbage is collected now, not during the measurement.
	runtime.GC()

	b.Run("baseline-ids", func(b *testing.B) {
		for b.Loop() {
			rows, err := s.db.QueryContext(ctx, `SELECT id FROM audits ORDER BY taken_at DESC, id DESC`)
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for rows.Next() {
				var id int64
				rows.Scan(&id)
				n++
			}
			rows.Close()
			if n != 10000 {
				b.Fatalf("%d ids", n)
			}
		}
	})
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			if l, err := s.List(ctx, ListOptions{}); err != nil || len(l) != 10000 {
				b.Fatalf("%d entries, %v", len(l), err)
			}
		}
	})
	b.Run("site", func(b *testing.B) {
		for b.Loop() {
			if l, err := s.List(ctx, ListOptions{Site: "site-042"}); err != nil || len(l) != 100 {
				b.Fatalf("%d entries, %v", len(l), err)
			}
		}
	})
	b.Run("resolve-latest", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Resolve(ctx, "site-042@latest"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// fill records sites x per audits in one transaction (recording them one
// by one, each with its fsync, would take minutes and measure nothing
// listed).
func fill(b *testing.B, s *Store, sites, per int) {
	ctx := context.Background()
	statuses := make([]audit.Status, 60)
	for i := range statuses {
		statuses[i] = []audit.Status{audit.StatusPass, audit.StatusFail, audit.StatusWarn, audit.StatusUnknown, audit.StatusPass}[i%5]
	}
	sn := snap("x", t0)
	for i := range 48 {
		sn.Switches[0].Ports = append(sn.Switches[0].Ports, snapshot.Port{IfIndex: i + 1, Name: fmt.Sprintf("Gi1/0/%d", i+1),
			Type: "ethernetCsmacd", OperUp: true, SpeedMbps: 1000, Duplex: "full"})
	}
	var snapJSON bytes.Buffer
	if err := snapshot.Encode(&snapJSON, sn); err != nil {
		b.Fatal(err)
	}
	snapGz, _ := compress(snapJSON.Bytes())
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	for i := range sites * per {
		site := fmt.Sprintf("site-%03d", i%sites)
		r := result(site, t0.Add(time.Duration(i)*time.Minute), statuses...)
		data, _ := json.Marshal(r)
		sum := sha256.Sum256(data)
		gz, _ := compress(data)
		c := r.Counts()
		e := Entry{Site: site, TakenAt: r.TakenAt, RecordedAt: r.TakenAt, Profile: r.Profile, Engineering: string(r.Engineering),
			Verdict: string(r.Verdict), Fail: c[audit.StatusFail], Warn: c[audit.StatusWarn], Unknown: c[audit.StatusUnknown], Source: SourceAudit}
		if err := s.insert(ctx, tx, &e, sum[:], gz, snapGz); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}
