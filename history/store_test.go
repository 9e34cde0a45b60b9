package history

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
)

var t0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// result builds an audit of site taken at t with the given statuses, one
// finding per status, ids numbered so two results differ.
func result(site string, t time.Time, statuses ...audit.Status) *audit.Result {
	r := &audit.Result{Schema: audit.Schema, Site: site, Profile: "wte", Engineering: audit.EngineeringVoiceVLAN,
		EngineeringSource: "inferred", Verdict: audit.VerdictPass, TakenAt: t}
	for i, st := range statuses {
		r.Findings = append(r.Findings, audit.Finding{ID: fmt.Sprintf("L2/poe-port/sw1/Gi1/0/%d", i+1), Requirement: "L2",
			Check: "poe-port", Status: st, Switch: "sw1", Port: fmt.Sprintf("Gi1/0/%d", i+1)})
		if st == audit.StatusFail {
			r.Verdict = audit.VerdictFail
		}
	}
	r.Normalize()
	return r
}

func snap(site string, t time.Time) *snapshot.Snapshot {
	return &snapshot.Snapshot{Schema: snapshot.Schema, Site: site, TakenAt: t,
		Switches: []snapshot.Switch{{Target: "sw1", SysName: "sw1", VLANs: []snapshot.VLAN{}, Ports: []snapshot.Port{}, Errors: []snapshot.Error{}}},
		Errors:   []snapshot.Error{}}
}

func open(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path, Options{Now: func() time.Time { return t0.Add(time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func record(t testing.TB, s *Store, r *audit.Result, sn *snapshot.Snapshot) Recorded {
	t.Helper()
	rec, err := s.RecordAudit(context.Background(), r, sn, SourceAudit)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func TestRecordListGet(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "sub", "history.db"))
	hq1 := record(t, s, result("hq", t0, audit.StatusFail, audit.StatusWarn, audit.StatusUnknown), snap("hq", t0))
	lyon := record(t, s, result("lyon", t0.Add(time.Minute), audit.StatusPass), nil)
	hq2 := record(t, s, result("hq", t0.Add(2*time.Hour), audit.StatusPass, audit.StatusWarn), snap("hq", t0.Add(2*time.Hour)))
	if hq1.Seq != 1 || hq2.Seq != 2 || lyon.Seq != 1 {
		t.Errorf("seqs hq %d, %d; lyon %d; want 1, 2; 1", hq1.Seq, hq2.Seq, lyon.Seq)
	}
	if hq1.Fail != 1 || hq1.Warn != 1 || hq1.Unknown != 1 || hq1.Verdict != "fail" {
		t.Errorf("hq1 = %+v, want 1 fail 1 warn 1 unknown, verdict fail", hq1.Entry)
	}

	all, err := s.List(ctx, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range all {
		got = append(got, e.Ref())
	}
	if strings.Join(got, " ") != "hq@2 lyon@1 hq@1" {
		t.Errorf("list = %v, want newest snapshot first: hq@2 lyon@1 hq@1", got)
	}
	only, err := s.List(ctx, ListOptions{Site: "hq", Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(only) != 1 || only[0].ID != hq2.ID {
		t.Errorf("list --site hq limit 1 = %+v, want hq@2 only", only)
	}
	if all[0].RecordedAt != t0.Add(time.Hour) || all[0].Source != SourceAudit || all[0].Profile != "wte" || all[0].Engineering != "voiceVlan" {
		t.Errorf("entry = %+v, want recordedAt from the clock, source audit, profile wte, engineering voiceVlan", all[0])
	}

	rec, err := s.Get(ctx, hq1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Result.Site != "hq" || len(rec.Result.Findings) != 3 || rec.Result.Findings[0].Status != audit.StatusFail || !rec.Result.TakenAt.Equal(t0) {
		t.Errorf("result = %+v, want hq's first audit back", rec.Result)
	}
	if rec.Snapshot == nil || rec.Snapshot.Site != "hq" || len(rec.Snapshot.Switches) != 1 {
		t.Errorf("snapshot = %+v, want the recorded one", rec.Snapshot)
	}
	if rec, err := s.Get(ctx, lyon.ID); err != nil || rec.Snapshot != nil {
		t.Errorf("Get(lyon) = %+v, %v; want no snapshot (none recorded)", rec, err)
	}
	if _, err := s.Get(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(999) err = %v, want ErrNotFound", err)
	}
}

func TestRecordSameAuditTwice(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "history.db"))
	first := record(t, s, result("hq", t0, audit.StatusFail), snap("hq", t0))
	again := record(t, s, result("hq", t0, audit.StatusFail), snap("hq", t0))
	if !again.Duplicate || again.ID != first.ID {
		t.Errorf("re-recording the same audit = %+v, want the first (id %d) marked duplicate", again, first.ID)
	}
	// Another profile's judgement of the same snapshot is a new audit.
	other := result("hq", t0, audit.StatusPass)
	if rec := record(t, s, other, snap("hq", t0)); rec.Duplicate || rec.Seq != 2 {
		t.Errorf("a different audit of the same snapshot = %+v, want a new entry hq@2", rec)
	}
}

func TestResolve(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "history.db"))
	a := record(t, s, result("hq", t0, audit.StatusFail), nil)
	b := record(t, s, result("hq", t0.Add(time.Hour), audit.StatusPass), nil)
	// Recorded last but of an older snapshot: third by number, not latest.
	c := record(t, s, result("hq", t0.Add(-time.Hour), audit.StatusWarn), nil)
	d := record(t, s, result("site@paris", t0, audit.StatusWarn), nil)
	tests := []struct {
		ref     string
		want    int64
		wantErr string
		is      error
	}{
		{ref: "hq@latest", want: b.ID},
		{ref: "hq@previous", want: a.ID},
		{ref: "hq@1", want: a.ID},
		{ref: "hq@3", want: c.ID},
		{ref: fmt.Sprint(c.ID), want: c.ID},
		{ref: "site@paris@latest", want: d.ID},
		{ref: "hq@4", wantErr: `site "hq" has 3 audit(s)`, is: ErrNotFound},
		{ref: "hq@0", wantErr: "an audit number from 1", is: ErrBadReference},
		{ref: "hq@last", wantErr: "latest, previous or an audit number", is: ErrBadReference},
		{ref: "nice@latest", wantErr: `no audit of site "nice"`, is: ErrNotFound},
		{ref: "999", wantErr: "no audit with id 999", is: ErrNotFound},
		{ref: "hq", wantErr: "use an id, SITE@latest", is: ErrBadReference},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			e, err := s.Resolve(ctx, tt.ref)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to say %q", err, tt.wantErr)
				}
				if !errors.Is(err, tt.is) {
					t.Errorf("err = %v, want it to be %v", err, tt.is)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if e.ID != tt.want {
				t.Errorf("resolved to %d (%s), want %d", e.ID, e.Ref(), tt.want)
			}
		})
	}
	prev, err := s.Before(ctx, "hq", t0.Add(time.Hour))
	if err != nil || prev.ID != a.ID {
		t.Errorf("Before(hq, latest) = %+v, %v; want hq@1", prev, err)
	}
	if _, err := s.Before(ctx, "hq", t0.Add(-time.Hour)); !errors.Is(err, ErrNotFound) {
		t.Errorf("Before(hq, oldest) err = %v, want ErrNotFound", err)
	}
}

func TestPrune(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "history.db"))
	var hq []Recorded
	for i := range 4 {
		hq = append(hq, record(t, s, result("hq", t0.Add(time.Duration(i)*time.Hour), audit.StatusWarn), snap("hq", t0)))
	}
	record(t, s, result("lyon", t0, audit.StatusWarn), nil)
	record(t, s, result("lyon", t0.Add(time.Hour), audit.StatusWarn), nil)
	applyID, err := s.RecordApply(ctx, Apply{Site: "hq", AppliedAt: t0, Switches: 1, AuditID: hq[0].ID, Record: []byte(`{"schema":"voxlan.apply/v1"}`)})
	if err != nil {
		t.Fatal(err)
	}

	n, err := s.Prune(ctx, 2, "hq")
	if err != nil || n != 2 {
		t.Fatalf("prune --keep 2 --site hq = %d, %v; want 2 deleted", n, err)
	}
	left, _ := s.List(ctx, ListOptions{})
	var refs []string
	for _, e := range left {
		refs = append(refs, e.Ref())
	}
	if strings.Join(refs, " ") != "hq@4 hq@3 lyon@2 lyon@1" {
		t.Errorf("left = %v, want hq@4 hq@3 and lyon untouched", refs)
	}
	if e, err := s.Resolve(ctx, "hq@3"); err != nil || e.ID != hq[2].ID {
		t.Errorf("hq@3 after prune = %+v, %v; want the same audit as before", e, err)
	}
	if rec := record(t, s, result("hq", t0.Add(9*time.Hour), audit.StatusPass), nil); rec.Seq != 5 {
		t.Errorf("next hq audit after prune is hq@%d, want hq@5 (numbers are never reused)", rec.Seq)
	}
	applies, err := s.Applies(ctx, "hq")
	if err != nil || len(applies) != 1 || applies[0].ID != applyID || applies[0].AuditID != 0 || string(applies[0].Record) != `{"schema":"voxlan.apply/v1"}` {
		t.Errorf("applies after prune = %+v, %v; want the apply kept, its pruned audit unlinked", applies, err)
	}
	var docs int
	if err := s.db.QueryRow(`SELECT count(*) FROM audit_documents`).Scan(&docs); err != nil || docs != 5 {
		t.Errorf("%d audit documents left (%v), want the 5 of the audits left", docs, err)
	}
	if n, err := s.Prune(ctx, 0, ""); err != nil || n != 5 {
		t.Errorf("prune --keep 0 = %d, %v; want the 5 left deleted", n, err)
	}
}

func TestMustExist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	_, err := Open(context.Background(), path, Options{MustExist: true})
	if !errors.Is(err, ErrNoHistory) || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v, want ErrNoHistory naming %s", err, path)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("opening a missing history to read created it (%v)", err)
	}
}

func hours(i int) time.Duration { return time.Duration(i) * time.Hour }
