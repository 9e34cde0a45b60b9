//go:build linux

package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/voxlan/voxlan/lab/site"
)

// serveMain is `speed -serve -switches N`: it serves N simulated switches
// (the demo site's recordings, copied) on loopback, prints one address per
// line and then "ready" on stdout, and answers until its stdin closes (the
// parent ended) or maxServe passes. The agents live in this process so that
// neither the voxlan under test nor the process measuring it shares their
// memory or their garbage collector.
func serveMain(n int, community string) error {
	ctx, cancel := context.WithTimeout(context.Background(), maxServe)
	defer cancel()
	copies := (n + len(site.Devices) - 1) / len(site.Devices)
	s, err := site.Start(ctx, site.Options{Copies: copies, Community: community})
	if err != nil {
		return err
	}
	defer s.Close()
	w := bufio.NewWriter(os.Stdout)
	for _, sw := range s.Switches()[:n] {
		fmt.Fprintln(w, sw.Address)
	}
	fmt.Fprintln(w, "ready")
	if err := w.Flush(); err != nil {
		return err
	}
	go func() {
		io.Copy(io.Discard, os.Stdin)
		cancel()
	}()
	<-ctx.Done()
	return nil
}

// maxServe bounds a `speed -serve` child whose parent never closes it.
const maxServe = 15 * time.Minute

// agents is a running `speed -serve` child.
type agents struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	addrs []string
}

// startAgents starts `self -serve` for n switches and waits for their
// addresses.
func startAgents(ctx context.Context, self string, n int) (*agents, error) {
	cmd := exec.CommandContext(ctx, self, "-serve", "-switches", fmt.Sprint(n))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	a := &agents{cmd: cmd, stdin: stdin}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "ready" {
			go io.Copy(io.Discard, stdout)
			return a, nil
		}
		a.addrs = append(a.addrs, line)
	}
	a.stop()
	return nil, fmt.Errorf("speed -serve ended before it was ready (%v)", sc.Err())
}

// stop closes the child's stdin, which ends it, and waits.
func (a *agents) stop() {
	a.stdin.Close()
	done := make(chan struct{})
	go func() { a.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		a.cmd.Process.Kill()
		<-done
	}
}
