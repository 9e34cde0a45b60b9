package plan

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/plan/plantest"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/all"
	dapply "github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/aruba_aoss"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

func siteSource(t *testing.T, s *plantest.Site) sites.Source {
	reg, err := all.New()
	if err != nil {
		t.Fatal(err)
	}
	return sites.Source{InventoryFile: s.InventoryFile, Site: "demo", Platform: sites.PlatformAuto, KnownHosts: s.KnownHosts,
		Timeout: 5 * time.Second, Getenv: s.Getenv, Resolver: inventory.NewResolver(s.Getenv, nil), Registry: reg,
		Discover: snmp.Discover}
}

type sitePlan struct {
	Switches []struct {
		Switch, Platform string
		Lines            []string
	}
	Errors []dapply.SwitchError
}

// runSitePlan plans the demo site from its inventory alone and returns the
// plans by switch address and stderr.
func runSitePlan(t *testing.T, s *plantest.Site, src sites.Source) (map[string]string, map[string][]string, string) {
	t.Helper()
	io, out, errOut := testIO()
	if err := planRun(t.Context(), &PlanOptions{IO: io, Source: src, Output: "json"}); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	var res sitePlan
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 0 {
		t.Errorf("switches not planned: %+v", res.Errors)
	}
	platforms, lines := map[string]string{}, map[string][]string{}
	for _, p := range res.Switches {
		platforms[hostOf(p.Switch)], lines[hostOf(p.Switch)] = p.Platform, p.Lines
	}
	for _, sw := range s.Switches() {
		if strings.Contains(out.String()+errOut.String(), sw.SSH.Password()) {
			t.Fatalf("%s's password printed", sw.Name)
		}
	}
	return platforms, lines, errOut.String()
}

// TestPlanDiscoversSite plans the demo site from its inventory alone: every
// switch is discovered over SNMP (lab/snmpagent serving its recording),
// audited against the site's voice VLAN 201, and read over SSH from its
// emulator; the plan names each switch, its platform (the inventory's) and
// the lines creating the voice VLAN.
func TestPlanDiscoversSite(t *testing.T) {
	s := plantest.NewSite(t, true)
	platforms, lines, stderr := runSitePlan(t, s, siteSource(t, s))
	if !strings.Contains(stderr, fmt.Sprintf("site demo: discovering %d switch(es) over SNMP", len(s.Switches()))) {
		t.Errorf("no discovery progress on stderr:\n%s", stderr)
	}
	for _, sw := range s.Switches() {
		host := hostOf(sw.Address)
		if platforms[host] != sw.Platform {
			t.Errorf("%s: planned as %q, want %s", sw.Name, platforms[host], sw.Platform)
		}
		if sw.Platform == "cisco_ios" && !strings.Contains(strings.Join(lines[host], "\n"), "vlan 201") {
			t.Errorf("%s: lines lack the voice VLAN 201: %q", sw.Name, lines[host])
		}
	}
	// The table names the switch and the lines.
	io, out, _ := testIO()
	if err := planRun(t.Context(), &PlanOptions{IO: io, Source: siteSource(t, s), Output: "table"}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"== " + s.Switches()[1].Address + " (cisco_ios)", "lines to send:", "vlan 201"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

// TestPlanPlatformFromSnapshot: the inventory names no platform, so each
// switch's driver is the OS SNMP discovery identified, with no SSH probe.
func TestPlanPlatformFromSnapshot(t *testing.T) {
	s := plantest.NewSite(t, false)
	platforms, _, stderr := runSitePlan(t, s, siteSource(t, s))
	for _, sw := range s.Switches() {
		if got := platforms[hostOf(sw.Address)]; got != sw.Platform {
			t.Errorf("%s: planned as %q, want the discovered %s", sw.Name, got, sw.Platform)
		}
	}
	if strings.Contains(stderr, "identifying") {
		t.Errorf("identified over SSH although SNMP knew the OS:\n%s", stderr)
	}
}

// TestPlanPlatformFromShowVersion: neither the inventory nor discovery
// knows the OS, so show version over SSH tells it.
func TestPlanPlatformFromShowVersion(t *testing.T) {
	s := plantest.NewSite(t, false)
	src := siteSource(t, s)
	src.Discover = func(ctx context.Context, site string, targets []snmp.Target, opts snmp.Options) *snapshot.Snapshot {
		snap := snmp.Discover(ctx, site, targets, opts)
		for i := range snap.Switches {
			snap.Switches[i].OS = ""
		}
		return snap
	}
	platforms, _, stderr := runSitePlan(t, s, src)
	for _, sw := range s.Switches() {
		if got := platforms[hostOf(sw.Address)]; got != sw.Platform {
			t.Errorf("%s: identified as %q, want %s", sw.Name, got, sw.Platform)
		}
		if !strings.Contains(stderr, sw.Address+": identifying its OS from show version") {
			t.Errorf("%s: not identified over SSH:\n%s", sw.Name, stderr)
		}
	}
}

// TestPlanUnknownOS refuses a switch whose OS no registered driver knows,
// naming the platforms voxlan drives: here a Cisco IOS switch when only
// Aruba AOS-S is registered (its show version names no OS the registry
// knows), and a --platform no driver has.
func TestPlanUnknownOS(t *testing.T) {
	l := plantest.NewLab(t, "Gi1/0/1")
	src := source(t, l)
	src.Platform = sites.PlatformAuto
	src.Registry = drivers.NewRegistry()
	if err := aruba_aoss.Register(src.Registry); err != nil {
		t.Fatal(err)
	}
	io, out, errOut := testIO()
	err := planRun(t.Context(), &PlanOptions{IO: io, Source: src, Output: "table"})
	if cmdutil.CodeFor(err) != cmdutil.ExitPartial {
		t.Fatalf("got %v, want exit %d\n%s", err, cmdutil.ExitPartial, errOut)
	}
	if !strings.Contains(out.String(), "127.0.0.1: NOT PLANNED: unknown OS: its show version names no OS voxlan drives") || !strings.Contains(out.String(), "voxlan drives aruba_aoss") {
		t.Errorf("refusal does not name the platforms:\n%s", out)
	}
	src = source(t, l)
	src.Platform = "junos"
	err = planRun(t.Context(), &PlanOptions{IO: io, Source: src, Output: "table"})
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "cisco_ios") {
		t.Errorf("got %v, want a usage error naming the platforms", err)
	}
}

// hostOf is a switch's address without its port.
func hostOf(target string) string {
	if h, _, err := net.SplitHostPort(target); err == nil {
		return h
	}
	return target
}
