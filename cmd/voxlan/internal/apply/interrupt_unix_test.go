//go:build unix

package apply

import (
	"syscall"
	"testing"
	"time"
)

// TestSecondInterruptAbandons: the first SIGINT only starts the rollback
// (the command's context ends, cli.Main's job); the second closes the
// abandon channel. The process survives both: signal.Notify holds them.
func TestSecondInterruptAbandons(t *testing.T) {
	abandon, stop := secondInterrupt()
	defer stop()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-abandon:
		t.Fatal("the first interrupt abandoned the rollback")
	case <-time.After(200 * time.Millisecond):
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-abandon:
	case <-time.After(5 * time.Second):
		t.Fatal("the second interrupt did not abandon the rollback")
	}
}
