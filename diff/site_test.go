package diff

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/history"
	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

// discoverDemo discovers the built-in demo site: the real switch
// recordings in lab/site/recordings served on loopback by lab/snmpagent.
func discoverDemo(t *testing.T) *snapshot.Snapshot {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := site.Start(ctx, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	snap := snmp.Discover(ctx, "demo", s.Targets(), snmp.Options{Timeout: 2 * time.Second, Retries: 1})
	if len(snap.Errors) != 0 || len(snap.Switches) != len(site.Devices) {
		t.Fatalf("discovery: %d switches, errors %+v", len(snap.Switches), snap.Errors)
	}
	return snap
}

// clone copies a snapshot through its JSON, so each audit has its own.
func clone(t *testing.T, s *snapshot.Snapshot) *snapshot.Snapshot {
	t.Helper()
	var buf bytes.Buffer
	if err := snapshot.Encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	c, err := snapshot.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func switchNamed(t *testing.T, s *snapshot.Snapshot, name string) *snapshot.Switch {
	t.Helper()
	for i := range s.Switches {
		if s.Switches[i].SysName == name {
			return &s.Switches[i]
		}
	}
	t.Fatalf("no switch %s in the demo site", name)
	return nil
}

func port(t *testing.T, sw *snapshot.Switch, name string) *snapshot.Port {
	t.Helper()
	for i := range sw.Ports {
		if sw.Ports[i].Name == name {
			return &sw.Ports[i]
		}
	}
	t.Fatalf("%s: no port %s", sw.SysName, name)
	return nil
}

// portWithRole is the first port of sw the audit gave role (and that has
// PoE enabled, when poe).
func portWithRole(t *testing.T, r *audit.Result, s *snapshot.Snapshot, sw *snapshot.Switch, role audit.Role, poe bool) string {
	t.Helper()
	for _, p := range r.Ports {
		if p.Switch != sw.Target || p.Role != role {
			continue
		}
		if pp := port(t, sw, p.Port); !poe || (pp.PoE != nil && pp.PoE.AdminEnabled) {
			return p.Port
		}
	}
	t.Fatalf("%s: no %s port (poe %v)", sw.SysName, role, poe)
	return ""
}

// TestTwoAuditsOfTheDemoSite: the demo site audited, then audited again
// after a visit where the technician enabled PoE on a port of the core
// switch and fixed the duplex of the phone port on the ProCurve, and where
// someone chained two phones on a PC port. Both audits go through the
// history and are compared by reference, as `voxlan diff demo@previous
// demo@latest` does.
func TestTwoAuditsOfTheDemoSite(t *testing.T) {
	ctx := context.Background()
	prof, err := profile.Builtin("wte")
	if err != nil {
		t.Fatal(err)
	}
	base := discoverDemo(t)
	baseAudit := audit.Run(clone(t, base), prof, audit.Site{})

	// Before the visit: one PoE port of the core switch disabled, the phone
	// port of the ProCurve at half duplex.
	before := clone(t, base)
	before.TakenAt = base.TakenAt.Add(-30 * 24 * time.Hour)
	core := switchNamed(t, before, "sw-core-3750")
	poePort := portWithRole(t, baseAudit, before, core, audit.RoleEmpty, true)
	port(t, core, poePort).PoE.AdminEnabled = false
	port(t, core, poePort).PoE.Detection = "disabled"
	procurve := switchNamed(t, before, "sw-floor3-procurve")
	phonePort := portWithRole(t, baseAudit, before, procurve, audit.RolePhone, false)
	port(t, procurve, phonePort).Duplex = snapshot.DuplexHalf

	// After: the recording as it is, plus two Polycom phones chained
	// behind a PC port.
	after := clone(t, base)
	procurveAfter := switchNamed(t, after, "sw-floor3-procurve")
	pcPort := portWithRole(t, baseAudit, after, procurveAfter, audit.RolePC, false)
	p := port(t, procurveAfter, pcPort)
	p.MACs = append(p.MACs, snapshot.MAC{MAC: "00:04:f2:10:20:01", VLAN: p.PVID}, snapshot.MAC{MAC: "00:04:f2:10:20:02", VLAN: p.PVID})

	store, err := history.Open(ctx, filepath.Join(t.TempDir(), "history.db"), history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, s := range []*snapshot.Snapshot{before, after} {
		if _, err := store.RecordAudit(ctx, audit.Run(s, prof, audit.Site{}), s, history.SourceAudit); err != nil {
			t.Fatal(err)
		}
	}
	load := func(ref string) Audit {
		e, err := store.Resolve(ctx, ref)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := store.Get(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		return Audit{Ref: ref, ID: e.ID, Result: rec.Result, Snapshot: rec.Snapshot}
	}
	d := Compare(load("demo@previous"), load("demo@latest"))

	fixedPoE := "L2/poe-spare/" + core.Target
	fixedLink := "L10/link/" + procurve.Target + "/" + phonePort
	cascade := "L7/cascade/" + procurve.Target + "/" + pcPort
	if !slices.Contains(d.Fixed, fixedPoE) || !slices.Contains(d.Fixed, fixedLink) || len(d.Fixed) != 2 {
		t.Errorf("fixed = %q, want exactly %s and %s", d.Fixed, fixedPoE, fixedLink)
	}
	if !slices.Equal(d.NewFailures(), []string{cascade}) || !slices.Contains(d.New, cascade) {
		t.Errorf("new = %q, new failures %q; want the cascade %s failing", d.New, d.NewFailures(), cascade)
	}
	if len(d.Unverified) != 0 {
		t.Errorf("unverified = %q, want none: every switch was read both times", d.Unverified)
	}
	if !d.SnapshotsCompared {
		t.Error("snapshots not compared, but both audits were recorded with theirs")
	}
	fields := map[string][]FieldChange{}
	for _, pc := range d.Ports {
		fields[pc.Switch+" "+pc.Port] = pc.Fields
		if pc.Change != PortChanged {
			t.Errorf("port change %+v: the same switches and ports were read both times", pc)
		}
	}
	wantPoE := []FieldChange{{Field: "poe", From: "disabled", To: port(t, switchNamed(t, base, "sw-core-3750"), poePort).PoE.Detection}}
	if got := fields[core.Target+" "+poePort]; !slices.Equal(got, wantPoE) {
		t.Errorf("%s %s changes = %+v, want %+v", core.SysName, poePort, got, wantPoE)
	}
	if got := fields[procurve.Target+" "+phonePort]; !slices.Equal(got, []FieldChange{{Field: "duplex", From: "half", To: "full"}}) {
		t.Errorf("%s %s changes = %+v, want duplex half to full", procurve.SysName, phonePort, got)
	}
	if got := fields[procurve.Target+" "+pcPort]; len(got) != 1 || got[0].Field != "role" || got[0].From != "pc" {
		t.Errorf("%s %s changes = %+v, want its role changed from pc", procurve.SysName, pcPort, got)
	}
	if len(d.Ports) != 3 {
		t.Errorf("%d ports changed, want 3: %+v", len(d.Ports), d.Ports)
	}
}
