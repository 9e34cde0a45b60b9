package audit_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/snmpsim"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current audit")

// recordingsDir holds the real recordings kept in the repository (testdata/README.md).
const recordingsDir = "../testdata/snmprec"

// TestGoldenRecordings discovers every recording in testdata/snmprec through the real
// snmpsimd, audits it against the wte profile and compares the result with
// testdata/golden/<recording>.json, reviewed by hand (testdata/golden/README.md).
func TestGoldenRecordings(t *testing.T) {
	labtest.RequireTools(t, snmpsim.Binary)
	entries, err := os.ReadDir(recordingsDir)
	if err != nil {
		t.Fatalf("recordings (kept in the repository): %v", err)
	}
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".snmprec"); ok {
			names = append(names, n)
		}
	}
	srv := snmpsim.StartForTest(t, recordingsDir, snmpsim.Options{})
	prof, err := profile.Builtin("wte")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			sw := snmp.DiscoverSwitch(ctx, snmp.Target{Address: srv.Addr}, snmp.Options{
				Credentials: snmp.Credentials{Community: name}, Timeout: 5 * time.Second, Retries: 1,
			})
			snap := pin(name, sw, srv.Addr)
			if dir := os.Getenv("VOXLAN_GOLDEN_SNAPSHOTS"); dir != "" {
				// For review: the snapshots the golden results come from.
				var b bytes.Buffer
				if err := snapshot.Encode(&b, snap); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, name+".json"), b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			r := audit.Run(snap, prof, audit.Site{})
			ids := map[string]bool{}
			for _, f := range r.Findings {
				if ids[f.ID] {
					t.Errorf("finding id %s twice", f.ID)
				}
				ids[f.ID] = true
			}
			var got bytes.Buffer
			if err := audit.Encode(&got, r); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update and review the file)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("audit of %s differs from %s; run go test ./audit -run TestGoldenRecordings -update and review the diff", name, path)
			}
		})
	}
}

// pin makes a discovered switch independent of the run: its target is the
// recording's name and the time is fixed, so the golden file only changes
// when discovery or the audit change.
func pin(name string, sw snapshot.Switch, addr string) *snapshot.Snapshot {
	sw.Target = name
	for i := range sw.Errors {
		sw.Errors[i].Target = name
		sw.Errors[i].Message = strings.ReplaceAll(sw.Errors[i].Message, addr, name)
	}
	snap := snapshot.New(name)
	snap.TakenAt = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	snap.Switches = []snapshot.Switch{sw}
	snap.Normalize()
	return snap
}
