package userdirs

import (
	"errors"
	"runtime"
	"testing"
)

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestLayouts(t *testing.T) {
	tests := []struct {
		name                                    string
		layout                                  func(func(string) string) (Dirs, error)
		getenv                                  func(string) string
		state, config, backups, history, knownH string
	}{
		{"linux home", Linux, env("HOME", "/home/tech"),
			"/home/tech/.local/state/voxlan", "/home/tech/.config/voxlan",
			"/home/tech/.local/state/voxlan/backups", "/home/tech/.local/state/voxlan/history.db", "/home/tech/.ssh/known_hosts"},
		{"linux xdg", Linux, env("HOME", "/home/tech", "XDG_STATE_HOME", "/var/st", "XDG_CONFIG_HOME", "/etc/u"),
			"/var/st/voxlan", "/etc/u/voxlan", "/var/st/voxlan/backups", "/var/st/voxlan/history.db", "/home/tech/.ssh/known_hosts"},
		{"macos", Darwin, env("HOME", "/Users/tech"),
			"/Users/tech/Library/Application Support/voxlan", "/Users/tech/Library/Application Support/voxlan",
			"/Users/tech/Library/Application Support/voxlan/backups", "/Users/tech/Library/Application Support/voxlan/history.db", "/Users/tech/.ssh/known_hosts"},
		{"macos xdg", Darwin, env("HOME", "/Users/tech", "XDG_STATE_HOME", "/Users/tech/.local/state"),
			"/Users/tech/.local/state/voxlan", "/Users/tech/Library/Application Support/voxlan",
			"/Users/tech/.local/state/voxlan/backups", "/Users/tech/.local/state/voxlan/history.db", "/Users/tech/.ssh/known_hosts"},
		{"windows", Windows, env("LOCALAPPDATA", `C:\Users\tech\AppData\Local`, "APPDATA", `C:\Users\tech\AppData\Roaming\`, "USERPROFILE", `C:\Users\tech`, "HOME", "/c/Users/tech"),
			`C:\Users\tech\AppData\Local\voxlan`, `C:\Users\tech\AppData\Roaming\voxlan`,
			`C:\Users\tech\AppData\Local\voxlan\backups`, `C:\Users\tech\AppData\Local\voxlan\history.db`, `C:\Users\tech\.ssh\known_hosts`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tt.layout(tt.getenv)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct{ what, got, want string }{
				{"State", d.State, tt.state}, {"Config", d.Config, tt.config}, {"Backups", d.Backups(), tt.backups},
				{"History", d.History(), tt.history}, {"KnownHosts", d.KnownHosts(), tt.knownH},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
				}
			}
		})
	}
}

func TestNoHome(t *testing.T) {
	for name, layout := range map[string]func(func(string) string) (Dirs, error){"linux": Linux, "darwin": Darwin, "windows": Windows} {
		if _, err := layout(env()); !errors.Is(err, ErrNoHome) {
			t.Errorf("%s with an empty environment: %v, want ErrNoHome", name, err)
		}
	}
	// XDG alone is enough on Linux: nothing is put under HOME then.
	if d, err := Linux(env("XDG_STATE_HOME", "/s", "XDG_CONFIG_HOME", "/c")); err != nil || d.History() != "/s/voxlan/history.db" {
		t.Errorf("Linux with XDG only: %+v, %v", d, err)
	}
}

func TestCurrentIsThisOS(t *testing.T) {
	e := env("HOME", "/h", "LOCALAPPDATA", `C:\L`, "APPDATA", `C:\R`, "USERPROFILE", `C:\U`)
	want := map[string]string{"darwin": "/h/Library/Application Support/voxlan", "windows": `C:\L\voxlan`}[runtime.GOOS]
	if want == "" {
		want = "/h/.local/state/voxlan"
	}
	d, err := Current(e)
	if err != nil || d.State != want {
		t.Fatalf("Current on %s: State %q, %v; want %q", runtime.GOOS, d.State, err, want)
	}
}

func TestWinJoin(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{
		{[]string{`C:\a\`, `\b`, "c"}, `C:\a\b\c`},
		{[]string{"", `C:\a`, ""}, `C:\a`},
		{[]string{`\\srv\share`, "x"}, `\\srv\share\x`},
	} {
		if got := winJoin(c.in...); got != c.want {
			t.Errorf("winJoin(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
