package clisim

import (
	"os"

	"golang.org/x/sys/windows"
)

// copyOwner does nothing on Windows: the per-session emulator processes
// (OpenSSH ForceCommand) only run in the Linux lab, and a file's ACL is
// inherited from its directory there.
func copyOwner(from, to string) {}

// lockFile takes an exclusive lock on f, waiting for other processes.
func lockFile(f *os.File) error {
	var ol windows.Overlapped
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, &ol)
}

func unlockFile(f *os.File) error {
	var ol windows.Overlapped
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
}

// processAlive reports true: the per-session emulator processes that may
// hold a lock in a state file only run in the Linux lab.
func processAlive(pid int) bool { return true }
