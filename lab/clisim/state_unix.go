//go:build unix

package clisim

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// copyOwner gives to the owner and group of from when root writes it, so an
// emulator running as the sshd user can still open the state file.
func copyOwner(from, to string) {
	if os.Geteuid() != 0 {
		return
	}
	if fi, err := os.Stat(from); err == nil {
		if sys, ok := fi.Sys().(*syscall.Stat_t); ok {
			_ = os.Chown(to, int(sys.Uid), int(sys.Gid))
		}
	}
}

// lockFile takes an exclusive lock on f, waiting for other processes.
func lockFile(f *os.File) error { return unix.Flock(int(f.Fd()), unix.LOCK_EX) }

func unlockFile(f *os.File) error { return unix.Flock(int(f.Fd()), unix.LOCK_UN) }

// processAlive reports whether process pid still runs (a signal 0 reaches
// it, or it exists under another user).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}
