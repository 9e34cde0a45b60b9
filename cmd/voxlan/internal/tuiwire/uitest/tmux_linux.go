package uitest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/netns"
)

// Tmux drives the built voxlan in a real terminal: a private tmux server,
// one session of the asked size.
type Tmux struct {
	t      testing.TB
	socket string
	// Stderr is the file the program's standard error goes to (the
	// stacks of a hang, a panic), so the screen stays the UI's; status
	// gets its exit status when it ends (tmux may mark a pane dead late).
	Stderr, status string
}

// NewTmux runs argv in a new terminal of width x height with env added.
func NewTmux(t testing.TB, width, height int, env []string, argv ...string) *Tmux {
	t.Helper()
	labtest.RequireTools(t, "tmux")
	dir := t.TempDir()
	tm := &Tmux{t: t, socket: netns.UniqueName("vxtui"), Stderr: filepath.Join(dir, "stderr"), status: filepath.Join(dir, "status")}
	args := []string{"new-session", "-d", "-s", "ui", "-x", fmt.Sprint(width), "-y", fmt.Sprint(height)}
	for _, e := range env {
		args = append(args, "-e", e)
	}
	args = append(args, strings.Join(argv, " ")+" 2>"+tm.Stderr+"; echo $? >"+tm.status)
	tm.Run(args...)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	tm.Run("set-option", "-t", "ui", "remain-on-exit", "on")
	tm.Run("set-option", "-t", "ui", "history-limit", "20000")
	return tm
}

// Run runs a tmux command on the session's server.
func (tm *Tmux) Run(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// Keys types keys (tmux send-keys names: "Enter", "C-c"...).
func (tm *Tmux) Keys(keys ...string) {
	tm.t.Helper()
	tm.Run(append([]string{"send-keys", "-t", "ui"}, keys...)...)
}

// Screen is what the terminal shows.
func (tm *Tmux) Screen() string {
	tm.t.Helper()
	return tm.Run("capture-pane", "-p", "-t", "ui")
}

// WaitFor polls the screen until every want is on it.
func (tm *Tmux) WaitFor(d time.Duration, wants ...string) string {
	tm.t.Helper()
	deadline := time.Now().Add(d)
	var screen string
	for time.Now().Before(deadline) {
		screen = tm.Screen()
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

// Exited waits for the program to end and returns its exit status.
func (tm *Tmux) Exited(d time.Duration) string {
	tm.t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(tm.status); err == nil && len(b) > 0 {
			return strings.TrimSpace(string(b))
		}
		time.Sleep(20 * time.Millisecond)
	}
	screen := tm.Screen()
	// Ask Go for every goroutine's stack, to see where it hangs.
	if pid := tm.ProgramPID(); pid != "" {
		state, _ := os.ReadFile("/proc/" + pid + "/status")
		tm.t.Logf("process %s: %s", pid, firstLines(string(state), 3))
		_ = exec.Command("kill", "-QUIT", pid).Run()
		time.Sleep(time.Second)
	}
	stacks, _ := os.ReadFile(tm.Stderr)
	tm.t.Fatalf("voxlan did not exit within %s; screen:\n%s\nstderr after SIGQUIT:\n%s", d, screen, stacks)
	return ""
}

// ProgramPID is the pid of the program the pane's shell runs.
func (tm *Tmux) ProgramPID() string {
	shell := strings.TrimSpace(tm.Run("display-message", "-p", "-t", "ui", "#{pane_pid}"))
	kids, err := os.ReadFile("/proc/" + shell + "/task/" + shell + "/children")
	if err != nil {
		return ""
	}
	if f := strings.Fields(string(kids)); len(f) > 0 {
		return f[0]
	}
	return ""
}

// BuildVoxlan builds the command into a temporary directory.
func BuildVoxlan(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "voxlan")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/voxlan/voxlan/cmd/voxlan")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// Colour returns the first SGR sequence in s that sets a foreground or
// background colour (16, 256 or true colours); resets to the default
// colours (39, 49) are not colours.
func Colour(s string) string {
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

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "; ")
}
