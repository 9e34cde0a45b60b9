package clisim

import (
	"github.com/voxlan/voxlan/drivers/juniper_junos"
	"strings"
	"testing"
	"time"
)

// junosRun types lines into sh and returns each output.
func junosRun(t *testing.T, sh Shell, lines ...string) []string {
	t.Helper()
	var out []string
	for _, l := range lines {
		o, _ := sh.Exec(l)
		out = append(out, o)
	}
	return out
}

// TestJunosCandidateAndCommit: set goes to the candidate, show | compare
// shows it, only commit makes it active; a refused statement changes
// nothing; commit check catches an undefined VLAN.
func TestJunosCandidateAndCommit(t *testing.T) {
	d := NewJunos("ex1", 10, "198.18.1.2")
	before := d.RunningConfig()
	sh := d.NewShell()
	out := junosRun(t, sh, "configure exclusive",
		"set vlans VOICE vlan-id 20",
		"set switch-options voip interface ge-0/0/1.0 vlan VOICE",
		"set interfaces ge-0/0/1 unit 0 family ethernet-switching vlan membrs DATA",
		"set vlans VOICE vlan-id",
		"show | compare")
	if !strings.Contains(out[0], "Entering configuration mode") || !strings.Contains(sh.Prompt(), "{master:0}[edit]\nadmin@ex1# ") {
		t.Fatalf("configure: %q prompt %q", out[0], sh.Prompt())
	}
	if !strings.HasSuffix(out[3], "^\nsyntax error.\n") || !strings.HasSuffix(out[4], "missing argument.\n") {
		t.Errorf("errors: %q %q", out[3], out[4])
	}
	if !strings.Contains(out[5], "[edit vlans VOICE]\n+   vlan-id 20;") {
		t.Errorf("compare: %q", out[5])
	}
	if d.RunningConfig() != before {
		t.Fatal("the candidate took effect before the commit")
	}
	out = junosRun(t, sh, "set switch-options voip interface ge-0/0/2.0 vlan NOPE", "commit check")
	if !strings.Contains(out[1], "error: configuration check-out failed") {
		t.Errorf("commit check: %q", out[1])
	}
	out = junosRun(t, sh, "delete switch-options voip interface ge-0/0/2.0", "delete poe interface ge-0/0/9 disable", "commit")
	if out[1] != "warning: statement not found\n" || !strings.HasSuffix(out[2], "commit complete\n") {
		t.Errorf("delete / commit: %q", out)
	}
	if !strings.Contains(d.RunningConfig(), "set switch-options voip interface ge-0/0/1.0 vlan VOICE\n") {
		t.Errorf("not committed:\n%s", d.RunningConfig())
	}
	// rollback 1 + commit restores the previous configuration.
	junosRun(t, sh, "rollback 1", "commit")
	if d.RunningConfig() != before || d.Commits() != 3 {
		t.Errorf("rollback 1: commits %d\n%s", d.Commits(), d.RunningConfig())
	}
}

// TestJunosExclusive: a second session cannot edit while the first holds
// configure exclusive; leaving with uncommitted changes asks, and ending
// the session discards them and releases the lock.
func TestJunosExclusive(t *testing.T) {
	d := NewJunos("ex1", 10, "198.18.1.2")
	a, b := d.NewShell(), d.NewShell()
	junosRun(t, a, "configure exclusive", "set vlans VOICE vlan-id 20")
	if out := junosRun(t, b, "configure exclusive")[0]; !strings.Contains(out, "error: configuration database locked by:") {
		t.Errorf("second exclusive: %q", out)
	}
	if out := junosRun(t, b, "configure", "set vlans X vlan-id 30")[1]; !strings.Contains(out, "locked by") {
		t.Errorf("shared edit under the lock: %q", out)
	}
	out := junosRun(t, a, "exit configuration-mode")[0]
	if !strings.Contains(out, "Auto rollback on exiting 'configure exclusive'") || a.Prompt() != "Discard uncommitted changes? [yes,no] (yes) " {
		t.Errorf("exit: %q prompt %q", out, a.Prompt())
	}
	junosRun(t, a, "no")
	if !strings.Contains(a.Prompt(), "#") {
		t.Fatal("no did not stay in configuration mode")
	}
	a.(SessionCloser).Close()
	c := d.NewShell()
	out = junosRun(t, c, "configure exclusive", "show | compare")[1]
	if out != "" {
		t.Errorf("the closed session's changes survived: %q", out)
	}
}

// TestJunosCommitConfirmed: commit confirmed rolls back by itself when not
// confirmed, not when confirmed; private mode refuses it.
func TestJunosCommitConfirmed(t *testing.T) {
	d := NewJunos("ex1", 10, "198.18.1.2")
	d.ConfirmMinute = 50 * time.Millisecond
	before := d.RunningConfig()
	sh := d.NewShell()
	out := junosRun(t, sh, "configure exclusive", "set vlans VOICE vlan-id 20", "commit confirmed 2")
	if !strings.Contains(out[2], "commit confirmed will be automatically rolled back in 2 minutes unless confirmed\ncommit complete\n") {
		t.Fatalf("commit confirmed: %q", out[2])
	}
	if !d.ConfirmPending() || !strings.Contains(sh.Prompt(), "# commit confirmed will be rolled back in") {
		t.Errorf("pending %v prompt %q", d.ConfirmPending(), sh.Prompt())
	}
	deadline := time.Now().Add(5 * time.Second)
	for d.Reverts() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if d.Reverts() != 1 || d.RunningConfig() != before {
		t.Fatalf("no automatic rollback: reverts %d", d.Reverts())
	}
	junosRun(t, sh, "exit", "configure exclusive", "set vlans VOICE vlan-id 20", "commit confirmed 2", "commit")
	time.Sleep(150 * time.Millisecond)
	if d.Reverts() != 1 || d.ConfirmPending() || !strings.Contains(d.RunningConfig(), "vlans VOICE") {
		t.Errorf("confirmed commit rolled back: reverts %d", d.Reverts())
	}
	p := d.NewShell()
	if out := junosRun(t, p, "configure private", "set vlans V2 vlan-id 21", "commit confirmed 1")[2]; out != "error: commit confirmed not supported for private configuration\n" {
		t.Errorf("private commit confirmed: %q", out)
	}
}

// TestJunosPaging: long outputs page at ---(more)--- until screen-length 0
// or | no-more.
func TestJunosPaging(t *testing.T) {
	d := NewJunos("ex1", 10, "198.18.1.2")
	sh := d.NewShell().(*junosShell)
	junosRun(t, sh, "show configuration | display set")
	if sh.PageLength() != 24 {
		t.Errorf("paging %d", sh.PageLength())
	}
	junosRun(t, sh, "show configuration | display set | no-more")
	if sh.PageLength() != 0 {
		t.Errorf("| no-more paging %d", sh.PageLength())
	}
	if out := junosRun(t, sh, "set cli screen-length 0", "show vlans")[0]; out != "Screen length set to 0\n" || sh.PageLength() != 0 {
		t.Errorf("screen-length: %q %d", out, sh.PageLength())
	}
	if out := junosRun(t, sh, "shwo version")[0]; !strings.HasSuffix(out, "^\nunknown command.\n") {
		t.Errorf("unknown: %q", out)
	}
}

// FuzzJunosExec types arbitrary lines into the emulator in every mode: it
// must answer (or refuse) without panicking, and whatever it committed —
// its commit check passed — the juniper_junos driver reads.
func FuzzJunosExec(f *testing.F) {
	for _, s := range []string{"show vlans", "configure exclusive\nset vlans VOICE vlan-id 20\ncommit",
		"configure\nset switch-options voip interface ge-0/0/1.0 vlan VOICE\ncommit check\nrollback 0\nexit",
		"configure\ndelete interfaces ge-0/0/3 unit 0 family ethernet-switching vlan members\ncommit",
		"configure private\nset interfaces ge-0/0/5 native-vlan-id 10\ncommit confirmed 1\ncommit",
		`configure` + "\n" + `set interfaces ge-0/0/2 description "a b"` + "\ncommit\nrollback 1\ncommit",
		"show configuration | display set | no-more", "configure\nset poe interface ge-0/0/1 disable\ndelete poe interface ge-0/0/1 disable\ncommit"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, script string) {
		d := NewJunos("ex1", 10, "198.18.1.2")
		sh := d.NewShell()
		for _, line := range strings.Split(script, "\n") {
			if _, done := sh.Exec(line); done {
				break
			}
			_ = sh.Prompt()
		}
		sh.(SessionCloser).Close()
		if _, err := (juniper_junos.Driver{}).ParseConfig(d.RunningConfig()); err != nil {
			t.Fatalf("committed configuration after %q does not parse: %v\n%s", script, err, d.RunningConfig())
		}
	})
}
