//go:build linux

package tui

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/tuiwire/uitest"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/netns"
)

// TestColorsWithoutNoColor is the counterpart of the NO_COLOR check: the
// same screen in the same terminal does carry colours.
func TestColorsWithoutNoColor(t *testing.T) {
	labtest.RequireTools(t, "tmux", "go")
	bin := uitest.BuildVoxlan(t)
	tm := uitest.NewTmux(t, 80, 24, []string{"TERM=xterm-256color", "COLORTERM=truecolor"},
		"env", "-u", "NO_COLOR", "XDG_STATE_HOME="+t.TempDir(), bin, "tui", "--snapshot", "../../../../tui/testdata/demo-site.json")
	tm.WaitFor(15*time.Second, "1 Here", "q quit")
	tm.Keys("2")
	tm.WaitFor(5*time.Second, "sw-core-3750")
	if styled := tm.Run("capture-pane", "-e", "-p", "-t", "ui"); uitest.Colour(styled) == "" {
		t.Errorf("no colour on the Site screen without NO_COLOR:\n%q", styled)
	}
	tm.Keys("q")
	if status := tm.Exited(20 * time.Second); status != "0" {
		t.Fatalf("exit status %s", status)
	}
}

// TestBareVoxlan: `voxlan` alone opens the UI on a terminal, looks for the
// jack and leaves cleanly; piped, it prints the help and opens nothing.
// The built voxlan lists the interfaces of the namespace it runs in: a
// fresh one (never the host's jacks), whose only link with carrier is a
// veth, which is no jack.
func TestBareVoxlan(t *testing.T) {
	labtest.RequireRoot(t)
	labtest.RequireTools(t, "tmux", "go", "ip")
	bin := uitest.BuildVoxlan(t)
	laptop := netns.ForTest(t, "bare")
	if err := netns.Veth(laptop, netns.UniqueName("veth"), laptop, netns.UniqueName("veth")); err != nil {
		t.Fatal(err)
	}
	tm := uitest.NewTmux(t, 80, 24, []string{"NO_COLOR=1"}, "ip", "netns", "exec", laptop.Name, bin)
	tm.WaitFor(15*time.Second, "1 Here", "no wired Ethernet interface has a link", "--iface IF", "q quit")
	tm.Keys("2")
	tm.WaitFor(5*time.Second, "No switches to read. Try voxlan demo")
	tm.Keys("C-c")
	if status := tm.Exited(20 * time.Second); status != "0" {
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
	bin := uitest.BuildVoxlan(t)
	tm := uitest.NewTmux(t, 80, 24, []string{"NO_COLOR=1"}, bin, "demo")
	tm.WaitFor(15*time.Second, "1 Here", "q quit")
	if on := strings.TrimSpace(tm.Run("display-message", "-p", "-t", "ui", "#{alternate_on}")); on != "1" {
		t.Fatalf("the UI should run in the alternate screen, alternate_on=%s", on)
	}
	pid := tm.ProgramPID()
	if err := exec.Command("kill", "-TERM", pid).Run(); err != nil {
		t.Fatal(err)
	}
	if status := tm.Exited(20 * time.Second); status != "130" {
		t.Fatalf("exit status %s after SIGTERM, want 130 (interrupted)", status)
	}
	if on := strings.TrimSpace(tm.Run("display-message", "-p", "-t", "ui", "#{alternate_on}")); on != "0" {
		t.Errorf("the terminal was left in the alternate screen")
	}
	if stderr, _ := os.ReadFile(tm.Stderr); !strings.Contains(string(stderr), "interrupted") {
		t.Errorf("stderr %q, want it to say voxlan was interrupted", stderr)
	}
}

// TestTUIShowsTheAuditCounts is the promise with the real command
// in a real terminal: `voxlan tui --snapshot F --inventory I` heads its
// Site screen with the verdict and the fail/warn/unknown counts that
// `voxlan audit --snapshot F --inventory I` gives (the demo site judged
// with its declared voice VLAN, which fails).
func TestTUIShowsTheAuditCounts(t *testing.T) {
	labtest.RequireTools(t, "tmux", "go")
	bin := uitest.BuildVoxlan(t)
	dir := t.TempDir()
	snap := "../../../../tui/testdata/demo-site.json"
	inv := filepath.Join(dir, "sites.yaml")
	if err := os.WriteFile(inv, []byte("sites:\n  - name: demo\n    profile: wte\n    engineering: voiceVlan\n    voiceVlan: 201\n    dataVlan: 60\n"+
		"    switches:\n      - host: 198.18.0.2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "audit", "--snapshot", snap, "--inventory", inv, "--no-history", "-o", "json")
	out, err := cmd.Output()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	res, err := audit.DecodeBytes(out)
	if err != nil {
		t.Fatalf("voxlan audit: %v", err)
	}
	c := res.Counts()
	want := fmt.Sprintf("%s (%d fail, %d warn", res.Verdict, c[audit.StatusFail], c[audit.StatusWarn])
	if n := c[audit.StatusUnknown]; n > 0 {
		want += fmt.Sprintf(", %d unknown", n)
	}
	want += ")"
	if res.Verdict != audit.VerdictFail || c[audit.StatusFail] == 0 {
		t.Fatalf("voxlan audit says %s: the demo site with voice VLAN 201 declared should fail", want)
	}
	tm := uitest.NewTmux(t, 120, 30, []string{"NO_COLOR=1"}, bin, "tui", "--snapshot", snap, "--inventory", inv, "--no-history")
	tm.WaitFor(15*time.Second, "1 Here", "q quit")
	tm.Keys("2")
	screen := tm.WaitFor(15*time.Second, "Site demo", want)
	t.Logf("voxlan audit: %s; Site screen:\n%s", want, screen)
	tm.Keys("q")
	if status := tm.Exited(20 * time.Second); status != "0" {
		t.Fatalf("exit status %s", status)
	}
}
