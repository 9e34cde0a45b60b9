//go:build !windows

package probe

import (
	"errors"
	"syscall"
)

// refused says a TCP connect was answered by a reset (the port is closed).
func refused(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) }
