//go:build !linux

package snmpsim

import "syscall"

// childProcAttr: only Linux can tie snmpsimd's life to the test process
// (Pdeathsig); elsewhere Stop ends it.
func childProcAttr() *syscall.SysProcAttr { return nil }
