//go:build linux

package tui

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/netns"
	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
	"github.com/voxlan/voxlan/tui/common"
	"github.com/voxlan/voxlan/tui/findings"
	sitescreen "github.com/voxlan/voxlan/tui/site"
)

// tmux drives the built voxlan in a real terminal: a private tmux server,
// one session of the asked size.
type tmux struct {
	t      testing.TB
	socket string
	// stderr is where the program's standard error goes (the stacks of a
	// hang, a panic), so the screen stays the UI's; status gets its exit
	// status when it ends (tmux may mark a pane dead late).
	stderr, status string
}

func newTmux(t testing.TB, width, height int, env []string, argv ...string) *tmux {
	t.Helper()
	labtest.RequireTools(t, "tmux")
	dir := t.TempDir()
	tm := &tmux{t: t, socket: netns.UniqueName("vxtui"), stderr: filepath.Join(dir, "stderr"), status: filepath.Join(dir, "status")}
	args := []string{"new-session", "-d", "-s", "ui", "-x", fmt.Sprint(width), "-y", fmt.Sprint(height)}
	for _, e := range env {
		args = append(args, "-e", e)
	}
	args = append(args, strings.Join(argv, " ")+" 2>"+tm.stderr+"; echo $? >"+tm.status)
	tm.run(args...)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	tm.run("set-option", "-t", "ui", "remain-on-exit", "on")
	tm.run("set-option", "-t", "ui", "history-limit", "20000")
	return tm
}

func (tm *tmux) run(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (tm *tmux) keys(keys ...string) {
	tm.t.Helper()
	tm.run(append([]string{"send-keys", "-t", "ui"}, keys...)...)
}

func (tm *tmux) screen() string {
	tm.t.Helper()
	return tm.run("capture-pane", "-p", "-t", "ui")
}

// waitFor polls the screen until every want is on it.
func (tm *tmux) waitFor(d time.Duration, wants ...string) string {
	tm.t.Helper()
	deadline := time.Now().Add(d)
	var screen string
	for time.Now().Before(deadline) {
		screen = tm.screen()
		missing := false
		for _, w := range wants {
			if !strings.Contains(screen, w) {
				missing = true
				break
			}
		}
		if !missing {
			return screen
		}
		time.Sleep(50 * time.Millisecond)
	}
	tm.t.Fatalf("screen never showed %q within %s; last screen:\n%s", wants, d, screen)
	return ""
}

// exited waits for the program to end and returns its exit status.
func (tm *tmux) exited(d time.Duration) string {
	tm.t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(tm.status); err == nil && len(b) > 0 {
			return strings.TrimSpace(string(b))
		}
		time.Sleep(20 * time.Millisecond)
	}
	screen := tm.screen()
	// Ask Go for every goroutine's stack, to see where it hangs.
	if pid := tm.programPID(); pid != "" {
		state, _ := os.ReadFile("/proc/" + pid + "/status")
		tm.t.Logf("process %s: %s", pid, firstLines(string(state), 3))
		_ = exec.Command("kill", "-QUIT", pid).Run()
		time.Sleep(time.Second)
	}
	stacks, _ := os.ReadFile(tm.stderr)
	tm.t.Fatalf("voxlan did not exit within %s; screen:\n%s\nstderr after SIGQUIT:\n%s", d, screen, stacks)
	return ""
}

// programPID is the pid of the program the pane's shell runs.
func (tm *tmux) programPID() string {
	shell := strings.TrimSpace(tm.run("display-message", "-p", "-t", "ui", "#{pane_pid}"))
	kids, err := os.ReadFile("/proc/" + shell + "/task/" + shell + "/children")
	if err != nil {
		return ""
	}
	if f := strings.Fields(string(kids)); len(f) > 0 {
		return f[0]
	}
	return ""
}

// buildVoxlan builds the command once per test binary run.
func buildVoxlan(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "voxlan")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/voxlan/voxlan/cmd/voxlan")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// expectedDemo is what the UI must show for the demo site: the same
// discovery and audit run here, in process.
func expectedDemo(t testing.TB) (*snapshot.Snapshot, *audit.Result) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	d, deps, err := demoDeps(DefaultProfile, site.Options{SSH: true})
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
	bin := buildVoxlan(t)
	snap, want := expectedDemo(t)
	tm := newTmux(t, 80, 24, []string{"NO_COLOR=1"}, bin, "demo")

	screen := tm.waitFor(15*time.Second, "1 Here", "jack on", "sw-core-3750 port "+DemoJackPort, "Link", "Voice VLAN", "q quit")
	t.Logf("Here screen:\n%s", screen)
	// NO_COLOR: styles such as bold and reverse stay, colours go.
	if c := colour(tm.run("capture-pane", "-e", "-p", "-t", "ui")); c != "" {
		t.Errorf("NO_COLOR is set but the screen has colour: %q", c)
	}
	tm.keys("2")
	names := make([]string, 0, len(site.Devices))
	for _, d := range site.Devices {
		names = append(names, d.Name)
	}
	verdict := fmt.Sprintf("%s (%s)", want.Verdict, sitescreen.Counts(want))
	screen = tm.waitFor(30*time.Second, append([]string{"read in", verdict}, names...)...)
	t.Logf("Site screen:\n%s", screen)

	tm.keys("Enter")
	screen = tm.waitFor(5*time.Second, "sw-core-3750", fmt.Sprintf("switch 1/%d", len(site.Devices)), "U uplink", "P phone", "Fa3/0/")
	tm.keys("Right", "Right", "Down")
	role := roleOf(want, snap.Switches[0].Target, "Fa3/0/6")
	screen = tm.waitFor(5*time.Second, "Fa3/0/6", "role "+role)
	t.Logf("Switch screen, port Fa3/0/6:\n%s", screen)

	tm.keys("4")
	worst := worstFinding(snap, want)
	screen = tm.waitFor(5*time.Second, fmt.Sprintf("Findings %d/%d", len(want.Findings), len(want.Findings)),
		worst.Requirement+" "+worst.Check, worst.Message.EN[:min(len(worst.Message.EN), 40)])
	t.Logf("Findings screen:\n%s", screen)

	// Resizing redraws at the new size: the help bar now fits whole.
	tm.run("resize-window", "-t", "ui", "-x", "120", "-y", "40")
	tm.waitFor(5*time.Second, "r requirement • s status • w switch • enter details • tab next screen • ? help • q quit")

	tm.keys("5")
	plan := audit.BuildPlan(want)
	tm.waitFor(5*time.Second, "Plan for site demo", fmt.Sprintf("%d switches, %d changes", len(plan.Switches), plan.Len()))
	// The core 3750 answers over SSH: its diff is the IOS lines the
	// driver read and rendered; typing yes applies and verifies them.
	voice := fmt.Sprintf("+ switchport voice vlan %d", site.VoiceVLAN)
	screen = tm.waitFor(20*time.Second, "sw-core-3750 (", "interface FastEthernet3/0/", voice, "a apply")
	t.Logf("Plan screen, sw-core-3750:\n%s", screen)
	tm.keys("a")
	tm.waitFor(5*time.Second, "Type sw-core-3750 or yes")
	tm.keys("y", "e", "s", "Enter")
	// The result is in sight on top of the switch's plan: the tab marked
	// done, the outcome and the backup; G scrolls to the last port's
	// state as read back.
	screen = tm.waitFor(60*time.Second, "✓ sw-core-3750 (", "applied and verified on sw-core-3750", "backup: ")
	t.Logf("Plan screen after apply:\n%s", screen)
	tm.keys("G")
	tm.waitFor(5*time.Second, "Gi3/0/4        applied: as planned")
	// The SG350X answers over SSH too, in Cisco SB's own syntax.
	tm.keys("]", "]")
	screen = tm.waitFor(20*time.Second, "sw-floor2-sg350x (", "+ switchport mode general", fmt.Sprintf("vlan add %d tagged", site.VoiceVLAN))
	t.Logf("Plan screen, sw-floor2-sg350x:\n%s", screen)

	tm.keys("q")
	quit := time.Now()
	if status := tm.exited(20 * time.Second); status != "0" {
		t.Fatalf("voxlan exited with status %s, want 0", status)
	}
	t.Logf("voxlan exited %s after q", time.Since(quit).Round(time.Millisecond))
}

var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// colour returns the first SGR sequence in s that sets a foreground or
// background colour (16, 256 or true colours); resets to the default
// colours (39, 49) are not colours.
func colour(s string) string {
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			n, err := strconv.Atoi(p)
			if err == nil && (n >= 30 && n <= 38 || n >= 40 && n <= 48 || n >= 90 && n <= 97 || n >= 100 && n <= 107) {
				return m[0]
			}
			// 38;5;N and 38;2;R;G;B carry numbers that are not SGR codes.
			if n == 38 || n == 48 {
				break
			}
		}
	}
	return ""
}

// TestColorsWithoutNoColor is the counterpart of the NO_COLOR check: the
// same screen in the same terminal does carry colours.
func TestColorsWithoutNoColor(t *testing.T) {
	labtest.RequireTools(t, "tmux", "go")
	bin := buildVoxlan(t)
	tm := newTmux(t, 80, 24, []string{"TERM=xterm-256color", "COLORTERM=truecolor"},
		"env", "-u", "NO_COLOR", "XDG_STATE_HOME="+t.TempDir(), bin, "tui", "--snapshot", "../../../../tui/testdata/demo-site.json")
	tm.waitFor(15*time.Second, "1 Here", "q quit")
	tm.keys("2")
	tm.waitFor(5*time.Second, "sw-core-3750")
	if styled := tm.run("capture-pane", "-e", "-p", "-t", "ui"); colour(styled) == "" {
		t.Errorf("no colour on the Site screen without NO_COLOR:\n%q", styled)
	}
	tm.keys("q")
	if status := tm.exited(20 * time.Second); status != "0" {
		t.Fatalf("exit status %s", status)
	}
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

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "; ")
}

// TestBareVoxlan: `voxlan` alone opens the UI on a terminal, looks for the
// jack and leaves cleanly; piped, it prints the help and opens nothing.
// The built voxlan lists the interfaces of the namespace it runs in: a
// fresh one (never the host's jacks), whose only link with carrier is a
// veth, which is no jack.
func TestBareVoxlan(t *testing.T) {
	labtest.RequireRoot(t)
	labtest.RequireTools(t, "tmux", "go", "ip")
	bin := buildVoxlan(t)
	laptop := netns.ForTest(t, "bare")
	if err := netns.Veth(laptop, netns.UniqueName("veth"), laptop, netns.UniqueName("veth")); err != nil {
		t.Fatal(err)
	}
	tm := newTmux(t, 80, 24, []string{"NO_COLOR=1"}, "ip", "netns", "exec", laptop.Name, bin)
	tm.waitFor(15*time.Second, "1 Here", "no wired Ethernet interface has a link", "--iface IF", "q quit")
	tm.keys("2")
	tm.waitFor(5*time.Second, "No switches to read. Try voxlan demo")
	tm.keys("C-c")
	if status := tm.exited(20 * time.Second); status != "0" {
		t.Fatalf("exit status %s after ctrl+c, want 0", status)
	}
	out, err := exec.Command(bin).Output()
	if err != nil || !strings.Contains(string(out), "Usage:") {
		t.Fatalf("piped: got %v and %q, want the help", err, out)
	}
}

// TestSignalGivesTheTerminalBack: SIGTERM while the UI runs ends voxlan
// with the interrupted status and the terminal out of the alternate screen.
func TestSignalGivesTheTerminalBack(t *testing.T) {
	labtest.RequireTools(t, "tmux", "go")
	bin := buildVoxlan(t)
	tm := newTmux(t, 80, 24, []string{"NO_COLOR=1"}, bin, "demo")
	tm.waitFor(15*time.Second, "1 Here", "q quit")
	if on := strings.TrimSpace(tm.run("display-message", "-p", "-t", "ui", "#{alternate_on}")); on != "1" {
		t.Fatalf("the UI should run in the alternate screen, alternate_on=%s", on)
	}
	pid := tm.programPID()
	if err := exec.Command("kill", "-TERM", pid).Run(); err != nil {
		t.Fatal(err)
	}
	if status := tm.exited(20 * time.Second); status != "130" {
		t.Fatalf("exit status %s after SIGTERM, want 130 (interrupted)", status)
	}
	if on := strings.TrimSpace(tm.run("display-message", "-p", "-t", "ui", "#{alternate_on}")); on != "0" {
		t.Errorf("the terminal was left in the alternate screen")
	}
	if stderr, _ := os.ReadFile(tm.stderr); !strings.Contains(string(stderr), "interrupted") {
		t.Errorf("stderr %q, want it to say voxlan was interrupted", stderr)
	}
}
