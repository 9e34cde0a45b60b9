package sites

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

// demoSnapshot is the demo site as discovered (tui/testdata), copied to
// dir under name, with its site renamed.
func demoSnapshot(t *testing.T, dir, name, site string) string {
	t.Helper()
	data, err := os.ReadFile("../../../../tui/testdata/demo-site.json")
	if err != nil {
		t.Fatal(err)
	}
	snap, err := snapshot.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	snap.Site = site
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := snapshot.Encode(f, snap); err != nil {
		t.Fatal(err)
	}
	return path
}

const twoSites = `sites:
  - name: paris
    profile: mitel
    engineering: voiceVlan
    users: 40
    voiceVlan: 201
    dataVlan: 60
    wan: {access: sdsl, downKbps: 2000, upKbps: 2000}
    switches:
      - host: 198.18.0.2
  - name: lyon
    users: 25
    internetVia: paris
    switches:
      - host: 198.18.0.3
`

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Declarations carry every declaration, the multi-site ones included: the
// terminal UI's own copy once left out internetVia and the carried users,
// so the WAN sizing differed from the audit command's.
func TestDeclarationsCarryTheMultiSiteVPN(t *testing.T) {
	inv, err := inventory.Parse("sites.yaml", []byte(twoSites))
	if err != nil {
		t.Fatal(err)
	}
	paris, lyon := Declarations(&inv.Sites[0]), Declarations(&inv.Sites[1])
	want := audit.Site{Name: "paris", Engineering: audit.EngineeringVoiceVLAN, Users: 40, DataVLAN: 60, VoiceVLAN: 201,
		CarriedUsers: 25, CarriedSites: []string{"lyon"}}
	if paris.WAN == nil || paris.WAN.Access != "sdsl" || paris.WAN.UpKbps != 2000 {
		t.Errorf("paris WAN: got %+v", paris.WAN)
	}
	paris.WAN = nil
	if !reflect.DeepEqual(paris, want) {
		t.Errorf("paris: got %+v, want %+v", paris, want)
	}
	if lyon.InternetVia != "paris" || lyon.Users != 25 {
		t.Errorf("lyon: got %+v, want internetVia paris and 25 users", lyon)
	}
}

// A snapshot given with an inventory is judged as the inventory's site:
// its profile and declarations, whichever command loads it.
func TestSnapshotWithInventoryIsJudgedAsTheInventorySite(t *testing.T) {
	dir := t.TempDir()
	inv := write(t, dir, "sites.yaml", twoSites)
	snap := demoSnapshot(t, dir, "snap.json", "paris")
	all, err := Load(t.Context(), Request{InventoryFile: inv, SnapshotFiles: []string{snap}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := One(all, "test")
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "paris" || s.Entry == nil || s.Profile.Name != "mitel" || s.Declared.VoiceVLAN != 201 {
		t.Fatalf("got site %s, entry %v, profile %s, declared %+v", s.Name, s.Entry != nil, s.Profile.Name, s.Declared)
	}
	mitel, err := profile.Builtin("mitel")
	if err != nil {
		t.Fatal(err)
	}
	want := audit.Run(s.Snapshot, mitel, Declarations(s.Entry))
	if !reflect.DeepEqual(s.Result, want) {
		t.Errorf("the loaded site's audit differs from audit.Run with the inventory's declarations")
	}
	// paris carries lyon's traffic (internetVia): its WAN is sized for
	// both sites' users.
	if s.Result.Sizing == nil || s.Result.Sizing.Users != 40+25 {
		t.Errorf("sizing: got %+v, want paris's 40 users and lyon's 25", s.Result.Sizing)
	}

	// --site names the inventory site of the one snapshot given, whatever
	// the snapshot calls itself; --engineering replaces the declared one.
	other := demoSnapshot(t, dir, "other.json", "somewhere")
	all, err = Load(t.Context(), Request{InventoryFile: inv, SnapshotFiles: []string{other}, Site: "lyon", Engineering: "standard"})
	if err != nil {
		t.Fatal(err)
	}
	if all[0].Name != "lyon" || all[0].Result.Site != "lyon" || all[0].Declared.InternetVia != "paris" || all[0].Result.Engineering != audit.EngineeringStandard {
		t.Errorf("got %s (audit %s, %+v, %s)", all[0].Name, all[0].Result.Site, all[0].Declared, all[0].Result.Engineering)
	}
}

func TestLoadRefusesWhatCannotBeSites(t *testing.T) {
	dir := t.TempDir()
	inv := write(t, dir, "sites.yaml", twoSites)
	a := demoSnapshot(t, dir, "a.json", "paris")
	b := demoSnapshot(t, dir, "b.json", "paris")
	unknown := demoSnapshot(t, dir, "unknown.json", "nantes")
	auditFile := write(t, dir, "audit.json", `{"schema":"voxlan.audit/v1","site":"lyon","profile":"wte","verdict":"pass"}`)
	for _, tc := range []struct {
		name string
		req  Request
		want string
	}{
		{"nothing given", Request{}, "give --inventory FILE"},
		{"two snapshots of a site", Request{SnapshotFiles: []string{a, b}}, "give one snapshot per site"},
		{"snapshot of a site the inventory lacks", Request{InventoryFile: inv, SnapshotFiles: []string{unknown}}, "name the inventory's site with --site"},
		{"snapshot given to --audit", Request{AuditFiles: []string{a}}, "this is a snapshot (voxlan discover -o json), not an audit result: give it with --snapshot"},
		{"snapshot without its audit", Request{AuditFiles: []string{auditFile}, SnapshotFiles: []string{a}}, `snapshot of site "paris" has no audit`},
		{"missing snapshot", Request{SnapshotFiles: []string{filepath.Join(dir, "nope.json")}}, "nope.json"},
		{"TARGETs with an inventory", Request{InventoryFile: inv, Addresses: []string{"198.18.0.9"}}, "not both"},
		{"--site among snapshots", Request{SnapshotFiles: []string{a}, Site: "lyon"}, `no site "lyon"`},
		{"unknown profile", Request{SnapshotFiles: []string{a}, Profile: "nope"}, "--profile"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(context.Background(), tc.req)
			if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v (exit %d), want a usage error saying %q", err, cmdutil.CodeFor(err), tc.want)
			}
		})
	}
}

// A saved audit is taken as it is; the inventory gives its site's entry
// (SSH settings) and switches.
func TestSavedAuditKeepsItsResult(t *testing.T) {
	dir := t.TempDir()
	inv := write(t, dir, "sites.yaml", twoSites)
	auditFile := write(t, dir, "audit.json", `{"schema":"voxlan.audit/v1","site":"lyon","profile":"wte","verdict":"fail","findings":[{"id":"L5/lldp/x","status":"fail"}]}`)
	all, err := Load(t.Context(), Request{InventoryFile: inv, AuditFiles: []string{auditFile}, Resolver: inventory.NewResolver(func(string) string { return "" }, nil)})
	if err != nil {
		t.Fatal(err)
	}
	s := all[0]
	if s.Result.Verdict != audit.VerdictFail || len(s.Result.Findings) != 1 || s.Entry == nil || s.Entry.Name != "lyon" || s.Profile.Name != "wte" {
		t.Errorf("got %+v", s)
	}
	if len(s.Targets) != 1 || s.Targets[0].Address != "198.18.0.3" {
		t.Errorf("targets: got %+v", s.Targets)
	}
}

// Discover reads the site's switches and judges what came back with the
// site's profile and declarations.
func TestDiscoverJudgesWhatWasRead(t *testing.T) {
	dir := t.TempDir()
	inv := write(t, dir, "sites.yaml", twoSites)
	all, err := Load(t.Context(), Request{InventoryFile: inv, Site: "paris", Resolver: inventory.NewResolver(func(string) string { return "" }, nil)})
	if err != nil {
		t.Fatal(err)
	}
	s := all[0]
	if s.Snapshot != nil || s.Result != nil || len(s.Targets) != 1 {
		t.Fatalf("before discovery: got snapshot %v, result %v, %d targets", s.Snapshot != nil, s.Result != nil, len(s.Targets))
	}
	empty := func(_ context.Context, site string, targets []snmp.Target, _ snmp.Options) *snapshot.Snapshot {
		snap := snapshot.New(site)
		for _, t := range targets {
			snap.Switches = append(snap.Switches, snapshot.Switch{Target: t.Address,
				Errors: []snapshot.Error{{Target: t.Address, Stage: "connect", Message: "no answer"}}})
		}
		return snap
	}
	if err := s.Discover(t.Context(), empty, snmp.Options{}); err != nil {
		t.Fatal(err)
	}
	nothing := false
	for _, f := range s.Result.Findings {
		nothing = nothing || (f.ID == "L1/nothing-read" && f.Status == audit.StatusUnknown)
	}
	if !nothing || s.Result.Verdict == audit.VerdictPass || s.Result.Profile != "mitel" || s.Snapshot.Site != "paris" {
		t.Errorf("got %s with %s, nothing-read finding %v; want the silent site judged with mitel, not passing", s.Result.Verdict, s.Result.Profile, nothing)
	}
	if line := Summary(s.Result); !strings.Contains(line, "site paris: "+string(s.Result.Verdict)) {
		t.Errorf("summary: %s", line)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := s.Discover(ctx, empty, snmp.Options{}); err == nil {
		t.Error("an interrupted discovery returned no error")
	}
}
