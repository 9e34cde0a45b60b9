package demo

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/lab/clisim"
	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

// TestDemoPlansAndAppliesOverSSH runs the demo as the UI does: the site
// with its CLI emulators, discovery, the audit against the site's declared
// voice VLAN, then the Plan screen's render and apply on the core 3750
// (backup, send, verify over SSH), and reads the emulator back: every
// planned port now carries the voice VLAN.
func TestDemoPlansAndAppliesOverSSH(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	d, deps, err := demoDeps(sites.DefaultProfile, site.Options{SSH: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d.close()
	targets, err := deps.Prepare(ctx)
	if err != nil {
		t.Fatal(err)
	}
	snap := &snapshot.Snapshot{Site: DemoSite}
	for _, tg := range targets {
		snap.Switches = append(snap.Switches, deps.Discover(ctx, tg, func(common.Progress) {}))
	}
	res, err := deps.Audit(ctx, snap)
	if err != nil {
		t.Fatal(err)
	}
	if res.Engineering != audit.Engineering(site.Engineering) || res.EngineeringSource != "inventory" {
		t.Fatalf("engineering %s from %s, want %s declared by the demo's inventory", res.Engineering, res.EngineeringSource, site.Engineering)
	}
	plan := audit.BuildPlan(res)

	core, sg := find(t, snap, "sw-core-3750"), find(t, snap, "sw-floor2-sg350x")
	var changes []audit.Change
	for _, sp := range plan.Switches {
		if sp.Switch == core.Target {
			changes = sp.Changes
		}
	}
	var voicePorts []string
	for _, c := range changes {
		if c.Kind == audit.ChangeSetVoiceVLAN {
			if c.VLAN != site.VoiceVLAN {
				t.Errorf("%s: voice VLAN %d planned, want %d", c.Port, c.VLAN, site.VoiceVLAN)
			}
			voicePorts = append(voicePorts, c.Port)
		}
	}
	if len(voicePorts) == 0 {
		t.Fatalf("no voice VLAN planned on %s; changes: %v", core.SysName, changes)
	}

	diff, err := deps.Render(ctx, core, changes)
	if err != nil {
		t.Fatalf("render %s: %v", core.SysName, err)
	}
	want := fmt.Sprintf("switchport voice vlan %d", site.VoiceVLAN)
	if !strings.Contains(diff, want) || !strings.Contains(diff, "line(s) to send (cisco_ios)") {
		t.Fatalf("diff of %s lacks %q:\n%s", core.SysName, want, diff)
	}
	t.Logf("diff of %s (%d lines)", core.SysName, strings.Count(diff, "\n"))

	if diff, err := deps.Render(ctx, sg, nil); err != nil || !strings.Contains(diff, "(cisco_sb)") {
		t.Errorf("render %s: %v, want its Cisco SB lines:\n%s", sg.SysName, err, diff)
	}

	var steps []string
	out := deps.Apply(ctx, core, changes, func(ev common.ApplyEvent) { steps = append(steps, ev.Step+" "+ev.Message) })
	if out.Err != nil || out.RolledBack {
		t.Fatalf("apply %s: %v (rolled back %v)\n%s", core.SysName, out.Err, out.RolledBack, strings.Join(steps, "\n"))
	}
	if out.Backup == "" {
		t.Errorf("apply %s kept no backup", core.SysName)
	}
	for _, p := range out.Ports {
		if p.State != "applied" {
			t.Errorf("%s %s: %s (%s)", core.SysName, p.Port, p.State, p.Message)
		}
	}

	dev := emulator(t, d, core.Target)
	for _, name := range voicePorts {
		p, ok := dev.Port(name)
		if !ok {
			t.Errorf("emulator has no port %s", name)
			continue
		}
		if p.VoiceVLAN != site.VoiceVLAN || p.Mode != "access" {
			t.Errorf("emulator %s: mode %q voice VLAN %d, want access with voice VLAN %d", name, p.Mode, p.VoiceVLAN, site.VoiceVLAN)
		}
	}
}

func find(t *testing.T, snap *snapshot.Snapshot, name string) snapshot.Switch {
	t.Helper()
	for _, sw := range snap.Switches {
		if sw.SysName == name {
			return sw
		}
	}
	t.Fatalf("no switch %s in the demo", name)
	return snapshot.Switch{}
}

func emulator(t *testing.T, d *demoSite, target string) *clisim.IOS {
	t.Helper()
	d.mu.Lock()
	defer d.mu.Unlock()
	sw := d.switches[target]
	if sw.SSH == nil {
		t.Fatalf("%s has no CLI emulator", target)
	}
	dev, ok := sw.SSH.Device().(*clisim.IOS)
	if !ok {
		t.Fatalf("%s: emulator is %T", target, sw.SSH.Device())
	}
	return dev
}

// TestDemoWithoutSSHSaysSo: when the site runs on SNMP alone, the Plan
// screen's render and apply say why instead of trying to connect.
func TestDemoWithoutSSHSaysSo(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	d, deps, err := demoDeps(sites.DefaultProfile, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.close()
	targets, err := deps.Prepare(ctx)
	if err != nil {
		t.Fatal(err)
	}
	snap := &snapshot.Snapshot{Site: DemoSite, Switches: []snapshot.Switch{deps.Discover(ctx, targets[0], func(common.Progress) {})}}
	res, err := deps.Audit(ctx, snap)
	if err != nil {
		t.Fatal(err)
	}
	plan := audit.BuildPlan(res)
	if len(plan.Switches) == 0 {
		t.Fatal("the declared voice VLAN plans no change on the core switch")
	}
	if _, err := deps.Render(ctx, snap.Switches[0], plan.Switches[0].Changes); err == nil || !strings.Contains(err.Error(), "without its CLI emulators") {
		t.Errorf("render without SSH: %v", err)
	}
	out := deps.Apply(ctx, snap.Switches[0], plan.Switches[0].Changes, func(common.ApplyEvent) {})
	if out.Err == nil || !strings.Contains(out.Err.Error(), "without its CLI emulators") || len(out.Ports) != 0 {
		t.Errorf("apply without SSH: %+v", out)
	}
}
