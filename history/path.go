package history

import (
	"errors"
	"os"
	"path/filepath"
)

// DefaultPath is where voxlan keeps its history when --history is not
// given: $XDG_STATE_HOME/voxlan/history.db, else
// ~/.local/state/voxlan/history.db.
func DefaultPath(getenv func(string) string) (string, error) {
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "voxlan", "history.db"), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", errors.New("history: no state directory: set XDG_STATE_HOME or HOME, or give --history FILE")
		}
	}
	return filepath.Join(home, ".local", "state", "voxlan", "history.db"), nil
}
