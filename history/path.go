package history

import (
	"errors"
	"fmt"

	"github.com/voxlan/voxlan/userdirs"
)

// ErrNoStateDir: the environment names no directory to keep the history in.
var ErrNoStateDir = errors.New("history: no state directory")

// DefaultPath is where voxlan keeps its history when --history is not
// given: history.db in voxlan's state directory for this OS (userdirs:
// $XDG_STATE_HOME/voxlan/history.db, else ~/.local/state/voxlan/history.db
// on Linux; ~/Library/Application Support/voxlan/history.db on macOS;
// %LOCALAPPDATA%\voxlan\history.db on Windows). It reads only getenv, so a
// command run with an injected environment never reaches the real home.
func DefaultPath(getenv func(string) string) (string, error) {
	d, err := userdirs.Current(getenv)
	if err != nil {
		return "", fmt.Errorf("%w (%v), or give --history FILE", ErrNoStateDir, err)
	}
	return d.History(), nil
}
