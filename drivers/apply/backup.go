package apply

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/voxlan/voxlan/userdirs"
)

// DefaultBackupDir is the OS's state directory for voxlan plus
// "backups" (userdirs: ~/.local/state/voxlan/backups on Linux,
// ~/Library/Application Support/voxlan/backups on macOS,
// %LOCALAPPDATA%\voxlan\backups on Windows).
func DefaultBackupDir(getenv func(string) string) (string, error) {
	d, err := userdirs.Current(getenv)
	if err != nil {
		return "", fmt.Errorf("apply: no state directory for backups: %w; or give --backup-dir", err)
	}
	return d.Backups(), nil
}

// backupName is the switch target made safe for a file name; anything
// before an '@' (a user, possibly with a password) is dropped.
func backupName(target string, at time.Time) string {
	if i := strings.LastIndexByte(target, '@'); i >= 0 {
		target = target[i+1:]
	}
	safe := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.', r == '_':
			return r
		}
		return '_'
	}, target)
	return fmt.Sprintf("%s-%s.cfg", safe, at.UTC().Format("20060102T150405.000Z"))
}

// writeBackup stores text 0600 in dir (created 0700) and returns its path.
func writeBackup(dir, target string, at time.Time, text string) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("apply: backup directory %s: %w", dir, err)
	}
	path := filepath.Join(dir, backupName(target, at))
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return "", fmt.Errorf("apply: backup %s: %w", path, err)
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return "", fmt.Errorf("apply: backup %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("apply: backup %s: %w", path, err)
	}
	return path, nil
}
