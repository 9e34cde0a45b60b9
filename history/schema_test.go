package history

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
)

// rawDB opens path with the driver alone, for tests that build files the
// way an older or another program would.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func mustExec(t *testing.T, db *sql.DB, q string) {
	t.Helper()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// TestMigrateFromV1 builds a history at schema version 1 with the steps
// that release had, fills it as it was then, and opens it: the audits must
// come through numbered per site, and the applies must work.
func TestMigrateFromV1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "history.db")
	s := &Store{db: rawDB(t, path), path: path}
	if err := s.prepareTo(ctx, 1); err != nil {
		t.Fatal(err)
	}
	var cols int
	if err := s.db.QueryRow(`SELECT count(*) FROM pragma_table_info('audits') WHERE name = 'seq'`).Scan(&cols); err != nil || cols != 0 {
		t.Fatalf("version 1 built with a seq column (%d, %v)", cols, err)
	}
	// Rows as a version-1 voxlan wrote them: no seq, no source.
	gz, _ := compress([]byte(`{"schema":"voxlan.audit/v1","site":"hq","verdict":"fail","takenAt":"2026-11-23T09:00:00Z","findings":[],"ports":[]}`))
	for i, site := range []string{"hq", "lyon", "hq", "hq"} {
		r, err := s.db.Exec(`INSERT INTO audits (site, taken_at, recorded_at, profile, engineering, verdict, fail, warn, unknown, result_sha256)
			VALUES (?, ?, ?, 'wte', 'standard', 'fail', 1, 0, 0, ?)`, site, t0.UnixNano()+int64(i), t0.UnixNano(), []byte{byte(i)})
		if err != nil {
			t.Fatal(err)
		}
		id, _ := r.LastInsertId()
		if _, err := s.db.Exec(`INSERT INTO audit_documents (audit_id, result) VALUES (?, ?)`, id, gz); err != nil {
			t.Fatal(err)
		}
	}
	s.db.Close()

	cur := open(t, path)
	var version int
	if err := cur.db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil || version != SchemaVersion {
		t.Fatalf("after open: version %d (%v), want %d", version, err, SchemaVersion)
	}
	list, err := cur.List(ctx, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, e := range list {
		refs = append(refs, e.Ref()+":"+string(e.Source))
	}
	if got := strings.Join(refs, " "); got != "hq@3:audit hq@2:audit lyon@1:audit hq@1:audit" {
		t.Errorf("migrated list = %s, want hq@3 hq@2 lyon@1 hq@1, all from voxlan audit", got)
	}
	rec, err := cur.Get(ctx, list[0].ID)
	if err != nil || rec.Result.Site != "hq" || rec.Snapshot != nil {
		t.Errorf("Get after migration = %+v, %v; want the version-1 result", rec, err)
	}
	if _, err := cur.RecordApply(ctx, Apply{Site: "hq", AppliedAt: t0, Switches: 2, AuditID: list[0].ID, Record: []byte(`{}`)}); err != nil {
		t.Errorf("apply after migration: %v", err)
	}
	if next := record(t, cur, result("hq", t0.Add(48*3600e9), audit.StatusPass), nil); next.Seq != 4 {
		t.Errorf("first audit after migration is hq@%d, want hq@4", next.Seq)
	}
}

// TestRefusesAndLeavesUntouched: a file voxlan cannot use is reported with
// what to do, and not one byte of it changes.
func TestRefusesAndLeavesUntouched(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	newer := filepath.Join(dir, "newer.db")
	s := open(t, newer)
	record(t, s, result("hq", t0, audit.StatusFail), nil)
	mustExec(t, s.db, `PRAGMA user_version = 99`)
	mustExec(t, s.db, `PRAGMA wal_checkpoint(TRUNCATE)`)
	s.Close()

	foreign := filepath.Join(dir, "foreign.db")
	db := rawDB(t, foreign)
	mustExec(t, db, `CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)`)
	mustExec(t, db, `INSERT INTO invoices (total) VALUES (12.5)`)
	db.Close()

	otherApp := filepath.Join(dir, "otherapp.db")
	db = rawDB(t, otherApp)
	mustExec(t, db, `PRAGMA application_id = 1234`)
	db.Close()

	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, bytes.Repeat([]byte("not a database at all\n"), 300), 0o600); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, path string
		want       error
		say        string
	}{
		{name: "newer schema", path: newer, want: ErrNewerSchema, say: "schema version 99, this voxlan knows up to"},
		{name: "another program's tables", path: foreign, want: ErrNotHistory, say: "another program's SQLite database"},
		{name: "another application id", path: otherApp, want: ErrNotHistory, say: "application id 0x4d2"},
		{name: "a text file", path: text, want: ErrNotHistory, say: "is not a SQLite database"},
		{name: "a directory", path: dir, want: ErrNotHistory, say: "not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before []byte
			if st, _ := os.Stat(tt.path); st.Mode().IsRegular() {
				before, _ = os.ReadFile(tt.path)
			}
			s, err := Open(ctx, tt.path, Options{})
			if err == nil {
				s.Close()
				t.Fatal("opened, want refused")
			}
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.say) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("err = %v, want %v naming the file and saying %q", err, tt.want, tt.say)
			}
			if before != nil {
				after, _ := os.ReadFile(tt.path)
				if !bytes.Equal(before, after) {
					t.Errorf("the refused file was changed")
				}
			}
		})
	}
}

// TestDamaged: a history whose pages were overwritten is reported as
// damaged when read, not taken for empty, and is not written to.
func TestDamaged(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "history.db")
	s := open(t, path)
	for i := range 40 {
		record(t, s, result("hq", t0.Add(hours(i)), audit.StatusFail, audit.StatusWarn), snap("hq", t0))
	}
	mustExec(t, s.db, `PRAGMA wal_checkpoint(TRUNCATE)`)
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Page 1 (the header and schema) stays; every later page is garbage.
	for i := 4096; i < len(data); i++ {
		data[i] = byte(i * 7)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path, Options{})
	if err == nil {
		defer s.Close()
		_, err = s.List(ctx, ListOptions{})
	}
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "left untouched") {
		t.Errorf("err = %v, want ErrDamaged saying the file was left untouched", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(after, data) {
		t.Errorf("the damaged file was changed")
	}
}
