package probe

import (
	"errors"

	"golang.org/x/sys/windows"
)

// refused says a TCP connect was answered by a reset (the port is closed):
// Winsock's WSAECONNREFUSED, which is not syscall.ECONNREFUSED (an errno
// Go invents on Windows).
func refused(err error) bool { return errors.Is(err, windows.WSAECONNREFUSED) }
