package discover

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/lab/snmpsim"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

// TestDiscoverInventoryAgainstSnmpsim discovers a two-site inventory from
// the real snmpsimd, each site's community coming from its own env
// reference, one snapshot per site.
func TestDiscoverInventoryAgainstSnmpsim(t *testing.T) {
	s := snmpsim.StartForTest(t, "../../../../testdata/snmprec",
		snmpsim.Options{Files: []string{"procurve.snmprec", "cnmatrix.snmprec"}})
	dir := t.TempDir()
	inv := cmdtest.WriteFile(t, dir, "sites.yaml", `sites:
  - name: hq
    snmp: {community: {env: HQ_COMMUNITY}}
    switches:
      - host: `+s.Addr+`
  - name: lyon
    snmp: {community: {env: LYON_COMMUNITY}}
    switches:
      - host: `+s.Addr+`
`)
	getenv := env(map[string]string{"HQ_COMMUNITY": "procurve", "LYON_COMMUNITY": "cnmatrix"})
	newOpts := func() *DiscoverOptions {
		io, _, _ := cmdtest.Streams()
		return &DiscoverOptions{IO: io, Getenv: getenv, Discover: snmp.Discover, Resolver: &inventory.Resolver{Getenv: getenv},
			InventoryFile: inv, SNMPVersion: "2c", Timeout: 5 * time.Second, Retries: 1, Concurrency: 4}
	}

	o := newOpts()
	if err := discoverRun(context.Background(), o); cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "give --out DIR") {
		t.Fatalf("two sites without --out: got %v", err)
	}
	o = newOpts()
	o.OutFile = filepath.Join(dir, "snaps")
	if err := discoverRun(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	for site, model := range map[string]string{"hq": "JL074A", "lyon": ""} {
		snap := readSnapshotFile(t, filepath.Join(dir, "snaps", site+".json"))
		if snap.Site != site || len(snap.Switches) != 1 || len(snap.Switches[0].Ports) == 0 {
			t.Errorf("%s: site %q, %d switches", site, snap.Site, len(snap.Switches))
			continue
		}
		if model != "" && snap.Switches[0].Model != model {
			t.Errorf("%s: model %q, want %q", site, snap.Switches[0].Model, model)
		}
	}
	// One site, to stdout.
	io, out, _ := cmdtest.Streams()
	o = newOpts()
	o.IO, o.Site, o.siteGiven = io, "lyon", true
	if err := discoverRun(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	snap, err := snapshot.Decode(out)
	if err != nil || snap.Site != "lyon" {
		t.Fatalf("--site lyon: %v %+v", err, snap)
	}
}

func TestDiscoverInventoryFlags(t *testing.T) {
	o := &DiscoverOptions{InventoryFile: "s.yaml", Targets: []string{"h"}, Output: "json", SNMPVersion: "2c", Timeout: time.Second, Concurrency: 1}
	if err := o.validate(); err == nil || !strings.Contains(err.Error(), "not both") {
		t.Errorf("targets and inventory: got %v", err)
	}
}
