//go:build linux

package demo

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/tuiwire/uitest"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
	"github.com/voxlan/voxlan/tui/common"
	"github.com/voxlan/voxlan/tui/findings"
	sitescreen "github.com/voxlan/voxlan/tui/site"
)

// expectedDemo is what the UI must show for the demo site: the same
// discovery and audit run here, in process.
func expectedDemo(t testing.TB) (*snapshot.Snapshot, *audit.Result) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	d, deps, err := demoDeps(sites.DefaultProfile, site.Options{SSH: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d.close()
	if _, err := deps.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	snap := snmp.Discover(ctx, DemoSite, d.running.Targets(), snmp.Options{})
	// The demo's own audit: the declarations of its inventory.
	res, err := deps.Audit(ctx, snap)
	if err != nil {
		t.Fatal(err)
	}
	return snap, res
}

// TestEndToEndInTmux walks the whole UI of `voxlan demo` in a real
// terminal: Here (the demo's jack), Site (every switch read and audited),
// Switch, a port and its role, Findings, Plan, then q gives the terminal
// back with exit status 0. What the screens must say comes from the same
// discovery and audit run in the test.
func TestEndToEndInTmux(t *testing.T) {
	labtest.RequireTools(t, "tmux", "go")
	bin := uitest.BuildVoxlan(t)
	snap, want := expectedDemo(t)
	tm := uitest.NewTmux(t, 80, 24, []string{"NO_COLOR=1"}, bin, "demo")

	screen := tm.WaitFor(15*time.Second, "1 Here", "jack on", "sw-core-3750 port "+DemoJackPort, "Link", "Voice VLAN", "q quit")
	t.Logf("Here screen:\n%s", screen)
	// NO_COLOR: styles such as bold and reverse stay, colours go.
	if c := uitest.Colour(tm.Run("capture-pane", "-e", "-p", "-t", "ui")); c != "" {
		t.Errorf("NO_COLOR is set but the screen has colour: %q", c)
	}
	tm.Keys("2")
	names := make([]string, 0, len(site.Devices))
	for _, d := range site.Devices {
		names = append(names, d.Name)
	}
	verdict := fmt.Sprintf("%s (%s)", want.Verdict, sitescreen.Counts(want))
	screen = tm.WaitFor(30*time.Second, append([]string{"read in", verdict}, names...)...)
	t.Logf("Site screen:\n%s", screen)

	tm.Keys("Enter")
	screen = tm.WaitFor(5*time.Second, "sw-core-3750", fmt.Sprintf("switch 1/%d", len(site.Devices)), "U uplink", "P phone", "Fa3/0/")
	tm.Keys("Right", "Right", "Down")
	role := roleOf(want, snap.Switches[0].Target, "Fa3/0/6")
	screen = tm.WaitFor(5*time.Second, "Fa3/0/6", "role "+role)
	t.Logf("Switch screen, port Fa3/0/6:\n%s", screen)

	tm.Keys("4")
	worst := worstFinding(snap, want)
	screen = tm.WaitFor(5*time.Second, fmt.Sprintf("Findings %d/%d", len(want.Findings), len(want.Findings)),
		worst.Requirement+" "+worst.Check, worst.Message.EN[:min(len(worst.Message.EN), 40)])
	t.Logf("Findings screen:\n%s", screen)

	// Resizing redraws at the new size: the help bar now fits whole.
	tm.Run("resize-window", "-t", "ui", "-x", "120", "-y", "40")
	tm.WaitFor(5*time.Second, "r requirement • s status • w switch • enter details • tab next screen • ? help • q quit")

	tm.Keys("5")
	plan := audit.BuildPlan(want)
	tm.WaitFor(5*time.Second, "Plan for site demo", fmt.Sprintf("%d switches, %d changes", len(plan.Switches), plan.Len()))
	// The core 3750 answers over SSH: its diff is the IOS lines the
	// driver read and rendered; typing yes applies and verifies them.
	voice := fmt.Sprintf("+ switchport voice vlan %d", site.VoiceVLAN)
	screen = tm.WaitFor(20*time.Second, "sw-core-3750 (", "interface FastEthernet3/0/", voice, "a apply")
	t.Logf("Plan screen, sw-core-3750:\n%s", screen)
	tm.Keys("a")
	tm.WaitFor(5*time.Second, "Type sw-core-3750 or yes")
	tm.Keys("y", "e", "s", "Enter")
	// The result is in sight on top of the switch's plan: the tab marked
	// done, the outcome and the backup; G scrolls to the last port's
	// state as read back.
	screen = tm.WaitFor(60*time.Second, "✓ sw-core-3750 (", "applied and verified on sw-core-3750", "backup: ")
	t.Logf("Plan screen after apply:\n%s", screen)
	tm.Keys("G")
	tm.WaitFor(5*time.Second, "Gi3/0/4        applied: as planned")
	// The SG350X answers over SSH too, in Cisco SB's own syntax.
	tm.Keys("]", "]")
	screen = tm.WaitFor(20*time.Second, "sw-floor2-sg350x (", "+ switchport mode general", fmt.Sprintf("vlan add %d tagged", site.VoiceVLAN))
	t.Logf("Plan screen, sw-floor2-sg350x:\n%s", screen)

	tm.Keys("q")
	quit := time.Now()
	if status := tm.Exited(20 * time.Second); status != "0" {
		t.Fatalf("voxlan exited with status %s, want 0", status)
	}
	t.Logf("voxlan exited %s after q", time.Since(quit).Round(time.Millisecond))
}

func roleOf(r *audit.Result, target, port string) string {
	for _, p := range r.Ports {
		if p.Switch == target && p.Port == port {
			return common.RoleWord(p.Role)
		}
	}
	return common.RoleWord("")
}

// worstFinding is the first row of the Findings screen, sorted as the
// screen sorts them.
func worstFinding(snap *snapshot.Snapshot, r *audit.Result) audit.Finding {
	names := map[string]string{"": "site"}
	for _, sw := range snap.Switches {
		names[sw.Target] = common.SwitchName(sw)
	}
	fs := slices.Clone(r.Findings)
	findings.Sort(fs, func(target string) string { return names[target] })
	return fs[0]
}
