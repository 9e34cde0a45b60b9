package history

import (
	"errors"
	"path/filepath"
)

// ErrNoStateDir: the environment names no directory to keep the history in.
var ErrNoStateDir = errors.New("history: no state directory: set XDG_STATE_HOME or HOME, or give --history FILE")

// DefaultPath is where voxlan keeps its history when --history is not
// given: $XDG_STATE_HOME/voxlan/history.db, else
// $HOME/.local/state/voxlan/history.db, else (Windows)
// %LOCALAPPDATA%\voxlan\history.db. It reads only getenv, so a command
// run with an injected environment never reaches the real home.
func DefaultPath(getenv func(string) string) (string, error) {
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "voxlan", "history.db"), nil
	}
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, ".local", "state", "voxlan", "history.db"), nil
	}
	if d := getenv("LOCALAPPDATA"); d != "" {
		return filepath.Join(d, "voxlan", "history.db"), nil
	}
	return "", ErrNoStateDir
}
