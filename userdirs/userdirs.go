// Package userdirs says where voxlan keeps its files for the user running
// it, in each OS's usual places:
//
//	            state (backups, history.db)        config
//	Linux       $XDG_STATE_HOME/voxlan             $XDG_CONFIG_HOME/voxlan
//	            (~/.local/state/voxlan)            (~/.config/voxlan)
//	macOS       ~/Library/Application Support/voxlan (both)
//	Windows     %LOCALAPPDATA%\voxlan              %APPDATA%\voxlan
//
// State is what this machine did (switch backups, the audit history): on
// Windows it stays in the machine-local profile rather than roaming with
// the user. known_hosts is OpenSSH's own file, ~/.ssh/known_hosts, on
// every OS (%USERPROFILE%\.ssh\known_hosts is where Windows' OpenSSH
// client keeps it too), so keys voxlan pins are the ones ssh checks.
//
// On macOS an explicit $XDG_STATE_HOME or $XDG_CONFIG_HOME wins, as it
// does for most command-line tools there. The layouts are plain functions
// of the environment, so every OS's layout is tested on any OS; the
// per-OS files only pick one.
package userdirs

import (
	"errors"
	"fmt"
	"path/filepath"
)

// Dirs are one user's voxlan directories on one OS. Nothing is created:
// writers make the directory they need (0700) when they first write.
type Dirs struct {
	// State holds what voxlan did on this machine.
	State string
	// Config holds the user's settings.
	Config string
	// Home is the user's home directory (~, %USERPROFILE%).
	Home string
	// windows joins names with backslashes, whatever OS computes them.
	windows bool
}

func (d Dirs) join(elem ...string) string {
	if d.windows {
		return winJoin(elem...)
	}
	return filepath.Join(elem...)
}

// Backups is the directory apply saves each switch's configuration in
// before changing it.
func (d Dirs) Backups() string { return d.join(d.State, "backups") }

// History is the audit and apply history database.
func (d Dirs) History() string { return d.join(d.State, "history.db") }

// KnownHosts is OpenSSH's known_hosts file of the user.
func (d Dirs) KnownHosts() string { return d.join(d.Home, ".ssh", "known_hosts") }

// ErrNoHome: the environment names no home directory to put files under.
var ErrNoHome = errors.New("userdirs: no home directory")

// Current returns the directories of the user running voxlan on this OS,
// reading the environment through getenv (os.Getenv in production).
func Current(getenv func(string) string) (Dirs, error) { return current(getenv) }

const app = "voxlan"

// Linux follows the XDG Base Directory specification.
func Linux(getenv func(string) string) (Dirs, error) {
	home := getenv("HOME")
	state, config := getenv("XDG_STATE_HOME"), getenv("XDG_CONFIG_HOME")
	if home == "" && (state == "" || config == "") {
		return Dirs{}, fmt.Errorf("%w: set HOME (or XDG_STATE_HOME and XDG_CONFIG_HOME)", ErrNoHome)
	}
	if state == "" {
		state = filepath.Join(home, ".local", "state")
	}
	if config == "" {
		config = filepath.Join(home, ".config")
	}
	return Dirs{State: filepath.Join(state, app), Config: filepath.Join(config, app), Home: home}, nil
}

// Darwin uses ~/Library/Application Support/voxlan, unless XDG variables
// say otherwise.
func Darwin(getenv func(string) string) (Dirs, error) {
	home := getenv("HOME")
	if home == "" {
		return Dirs{}, fmt.Errorf("%w: set HOME", ErrNoHome)
	}
	support := filepath.Join(home, "Library", "Application Support", app)
	d := Dirs{State: support, Config: support, Home: home}
	if s := getenv("XDG_STATE_HOME"); s != "" {
		d.State = filepath.Join(s, app)
	}
	if c := getenv("XDG_CONFIG_HOME"); c != "" {
		d.Config = filepath.Join(c, app)
	}
	return d, nil
}

// Windows uses the local and the roaming application data folders. Paths
// are joined with backslashes whatever OS computes them.
func Windows(getenv func(string) string) (Dirs, error) {
	local, roaming, home := getenv("LOCALAPPDATA"), getenv("APPDATA"), getenv("USERPROFILE")
	if local == "" || roaming == "" || home == "" {
		return Dirs{}, fmt.Errorf("%w: LOCALAPPDATA, APPDATA or USERPROFILE is not set; run voxlan from a normal user session", ErrNoHome)
	}
	return Dirs{State: winJoin(local, app), Config: winJoin(roaming, app), Home: home, windows: true}, nil
}

// winJoin joins Windows path elements with one backslash between them.
func winJoin(elem ...string) string {
	out := ""
	for _, e := range elem {
		switch {
		case e == "":
		case out == "":
			out = e
		default:
			for len(out) > 0 && (out[len(out)-1] == '\\' || out[len(out)-1] == '/') {
				out = out[:len(out)-1]
			}
			for len(e) > 0 && (e[0] == '\\' || e[0] == '/') {
				e = e[1:]
			}
			out += `\` + e
		}
	}
	return out
}
