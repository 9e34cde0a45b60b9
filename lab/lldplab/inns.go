//go:build linux

// Package lldplab helps tests run voxlan's LLDP/CDP code against real peers
// (lldpd, ladvd) in network namespaces made with lab/netns.
package lldplab

import (
	"fmt"
	"runtime"

	"golang.org/x/sys/unix"

	"github.com/voxlan/voxlan/lab/netns"
)

// Do runs fn on an OS thread switched into ns, so sockets fn opens (they keep
// their namespace for life) live there; the thread goes back to its own
// namespace afterwards. fn must not start goroutines that expect to be in ns.
func Do(ns *netns.NS, fn func() error) error {
	runtime.LockOSThread()
	orig, err := unix.Open(fmt.Sprintf("/proc/self/task/%d/ns/net", unix.Gettid()), unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		runtime.UnlockOSThread()
		return fmt.Errorf("lldplab: own netns: %w", err)
	}
	defer unix.Close(orig)
	target, err := unix.Open("/run/netns/"+ns.Name, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		runtime.UnlockOSThread()
		return fmt.Errorf("lldplab: netns %s: %w", ns.Name, err)
	}
	defer unix.Close(target)
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		runtime.UnlockOSThread()
		return fmt.Errorf("lldplab: setns %s: %w", ns.Name, err)
	}
	fnErr := fn()
	if err := unix.Setns(orig, unix.CLONE_NEWNET); err != nil {
		// The thread stays locked and dies with this goroutine rather than
		// serve others from the wrong namespace.
		return fmt.Errorf("lldplab: back from netns %s: %w", ns.Name, err)
	}
	runtime.UnlockOSThread()
	return fnErr
}
