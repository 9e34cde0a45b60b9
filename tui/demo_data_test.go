package tui

import (
	"bytes"
	"context"
	"flag"
	"os"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

var updateDemo = flag.Bool("update-demo", false, "rediscover the demo site into testdata/demo-site.json")

// TestDemoSiteSnapshot keeps testdata/demo-site.json the demo site as the
// discovery reads it: with -update-demo it serves lab/site on loopback and
// discovers it again; otherwise it checks the saved one is still that site.
func TestDemoSiteSnapshot(t *testing.T) {
	if *updateDemo {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		s, err := site.Start(ctx, site.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		snap := snmp.Discover(ctx, "demo", s.Targets(), snmp.Options{})
		var buf bytes.Buffer
		if err := snapshot.Encode(&buf, snap); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("testdata/demo-site.json", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	snap := demoSnapshot(t)
	if got, want := len(snap.Switches), len(site.Devices); got != want {
		t.Fatalf("demo snapshot: got %d switches, want %d (rerun with -update-demo)", got, want)
	}
	for i, d := range site.Devices {
		if got := snap.Switches[i].SysName; got != d.Name {
			t.Errorf("switch %d: got sysName %q, want %q (rerun with -update-demo)", i, got, d.Name)
		}
	}
}

// demoAudit judges the demo snapshot as the UI does: the wte profile and
// the demo site's declarations (lab/site: voice VLAN engineering, voice
// and data VLANs).
func demoAudit(t testing.TB, snap *snapshot.Snapshot) *audit.Result {
	t.Helper()
	prof, err := profile.Builtin("wte")
	if err != nil {
		t.Fatal(err)
	}
	return audit.Run(snap, prof, audit.Site{Name: snap.Site, Engineering: audit.Engineering(site.Engineering),
		VoiceVLAN: site.VoiceVLAN, DataVLAN: site.DataVLAN})
}
