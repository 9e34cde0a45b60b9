//go:build linux

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Peak RSS of the voxlan process, and why it is measured through a
// separate small process.
//
// Go starts a child with clone(CLONE_VM|CLONE_VFORK): until exec the child
// runs in the parent's address space, and at exec the kernel folds the
// high-water RSS of that old mm - the PARENT's - into the child's
// signal->maxrss (exec_mmap -> setmax_mm_hiwater_rss). So the child's
// ru_maxrss from wait4 is max(parent's peak, child's peak): measured from a
// parent holding 200 SNMP agents, or one that decoded the last snapshot,
// it is the parent's figure, not voxlan's.
//
// So voxlan is started by `speed -measure -- voxlan ARGS`, a fresh process
// that only waits: its own peak when it starts voxlan (printed as the
// floor, a few MB) is the most it can add, and ru_maxrss it reads is
// voxlan's peak. As a cross-check it polls voxlan's VmHWM in
// /proc/PID/status every 10 ms (a lower bound: the last peak may come
// after the last poll); the two agree within a few MB.

// measurement is what `speed -measure` prints on stdout, as JSON.
type measurement struct {
	// MaxRSSKB is the child's ru_maxrss (kB).
	MaxRSSKB int64 `json:"maxRSSKB"`
	// FloorKB is this wrapper's own VmHWM when it started the child:
	// ru_maxrss cannot be below it, whatever the child used.
	FloorKB int64 `json:"floorKB"`
	// PolledHWMKB is the largest VmHWM read from /proc/PID/status while
	// the child ran.
	PolledHWMKB int64 `json:"polledHWMKB"`
	// ExitCode is the child's exit status (-1 when killed).
	ExitCode int    `json:"exitCode"`
	Wall     string `json:"wall"`
}

// measureMain is `speed -measure -- CMD ARGS...`: it runs CMD with this
// process's environment, sends its output to stderr and prints a
// measurement on stdout. The caller bounds it with its own context.
func measureMain(args []string) error {
	if len(args) == 0 {
		return errors.New("-measure needs a command after --")
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	floor, err := vmHWM(os.Getpid())
	if err != nil {
		return err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan struct{})
	polled := make(chan int64, 1)
	go func() {
		var peak int64
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				polled <- peak
				return
			case <-tick.C:
				if kb, err := vmHWM(cmd.Process.Pid); err == nil {
					peak = max(peak, kb)
				}
			}
		}
	}()
	werr := cmd.Wait()
	close(done)
	var ee *exec.ExitError
	if werr != nil && !errors.As(werr, &ee) {
		return werr
	}
	m := measurement{FloorKB: floor, PolledHWMKB: <-polled, ExitCode: cmd.ProcessState.ExitCode(),
		Wall: time.Since(start).String()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.MaxRSSKB = ru.Maxrss // kilobytes on Linux
	}
	return json.NewEncoder(os.Stdout).Encode(m)
}

// vmHWM reads a process's peak resident set (kB) from /proc. It fails once
// the process has exited (a zombie has no VmHWM line).
func vmHWM(pid int) (int64, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			return strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
}

// measured runs voxlan with args through `self -measure` and returns its
// measurement; voxlan's output goes to errOut.
func measured(ctx context.Context, self, voxlan string, args, env []string, errOut *bytes.Buffer) (measurement, error) {
	cmd := exec.CommandContext(ctx, self, append([]string{"-measure", "--", voxlan}, args...)...)
	cmd.Env = env
	cmd.Stderr = errOut
	out, err := cmd.Output()
	if err != nil {
		return measurement{}, fmt.Errorf("speed -measure: %v: %s", err, tail(errOut.String()))
	}
	var m measurement
	if err := json.Unmarshal(out, &m); err != nil {
		return measurement{}, fmt.Errorf("speed -measure printed %q: %v", out, err)
	}
	return m, nil
}
