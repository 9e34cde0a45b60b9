//go:build linux

package tui

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

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
