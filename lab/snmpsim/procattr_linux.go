package snmpsim

import "syscall"

// childProcAttr puts snmpsimd in its own process group and has the kernel
// kill it when the test process dies, so no agent outlives a crashed test.
func childProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
