//go:build linux

// Package netns builds the test hosts voxlan's lab tests talk to: Linux
// network namespaces joined by veth pairs, addressed only inside
// 198.18.0.0/15 or link-local, with the peers (lldpd, dnsmasq, sshd,
// snmpsimd...) started inside them and stopped with them.
//
// Everything here shells out to iproute2's `ip`, as lab.md describes; this
// kernel has no 802.1Q links, netem or dummy links (lab/vlantap and
// lab/impair stand in for them).
package netns

import (
	"bytes"
	"context"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// allowed are the only prefixes a lab address may be in: the benchmarking
// range and link-local. Anything else is refused, so a test can never send
// to a real network.
var allowed = []netip.Prefix{
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("fe80::/10"),
}

// CheckAddr returns an error unless addr (an address or CIDR) lies in
// 198.18.0.0/15 or link-local.
func CheckAddr(addr string) error {
	s := addr
	if i := strings.IndexByte(s, '/'); i >= 0 {
		s = s[:i]
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return fmt.Errorf("netns: bad address %q: %w", addr, err)
	}
	for _, p := range allowed {
		if p.Contains(a) {
			return nil
		}
	}
	return fmt.Errorf("netns: address %s is outside 198.18.0.0/15 and link-local; lab hosts may use only those", addr)
}

var seq atomic.Int64

// UniqueName returns a namespace or interface name unique to this process:
// prefix (cut to 6 characters) + pid + counter, at most 15 characters (the
// kernel's interface name limit), so parallel tests never collide.
func UniqueName(prefix string) string {
	if len(prefix) > 6 {
		prefix = prefix[:6]
	}
	n := fmt.Sprintf("%s%d%s", prefix, os.Getpid()%100000, strconv.FormatInt(seq.Add(1), 36))
	if len(n) > 15 {
		n = n[len(n)-15:]
	}
	return n
}

// NS is one network namespace made by this process.
type NS struct {
	Name string

	mu    sync.Mutex
	procs []*exec.Cmd
}

// Create makes a namespace with loopback up.
func Create(name string) (*NS, error) {
	if out, err := exec.Command("ip", "netns", "add", name).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("netns: ip netns add %s: %v: %s", name, err, bytes.TrimSpace(out))
	}
	ns := &NS{Name: name}
	if err := ns.IP("link", "set", "lo", "up"); err != nil {
		_ = ns.Delete()
		return nil, err
	}
	return ns, nil
}

// ForTest creates a namespace named after prefix and deletes it, with every
// process started in it, when the test ends.
func ForTest(t testing.TB, prefix string) *NS {
	t.Helper()
	ns, err := Create(UniqueName(prefix))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := ns.Delete(); err != nil {
			t.Errorf("netns cleanup: %v", err)
		}
	})
	return ns
}

// IP runs `ip -n NAME args...`.
func (ns *NS) IP(args ...string) error {
	full := append([]string{"-n", ns.Name}, args...)
	if out, err := exec.Command("ip", full...).CombinedOutput(); err != nil {
		return fmt.Errorf("netns %s: ip %s: %v: %s", ns.Name, strings.Join(args, " "), err, bytes.TrimSpace(out))
	}
	return nil
}

// AddAddr adds cidr to dev and brings dev up. The address must pass CheckAddr.
func (ns *NS) AddAddr(dev, cidr string) error {
	if err := CheckAddr(cidr); err != nil {
		return err
	}
	if err := ns.IP("addr", "add", cidr, "dev", dev); err != nil {
		return err
	}
	return ns.IP("link", "set", dev, "up")
}

// Veth joins a:aDev to b:bDev with a veth pair created straight into both
// namespaces (no clash with the host's own interface names) and brings both
// ends up.
func Veth(a *NS, aDev string, b *NS, bDev string) error {
	if out, err := exec.Command("ip", "link", "add", aDev, "netns", a.Name, "type", "veth",
		"peer", "name", bDev, "netns", b.Name).CombinedOutput(); err != nil {
		return fmt.Errorf("netns: veth %s/%s - %s/%s: %v: %s", a.Name, aDev, b.Name, bDev, err, bytes.TrimSpace(out))
	}
	if err := a.IP("link", "set", aDev, "up"); err != nil {
		return err
	}
	return b.IP("link", "set", bDev, "up")
}

// Command returns a command that runs inside the namespace. It is not
// started; use Start to have it stopped with the namespace.
func (ns *NS) Command(ctx context.Context, name string, args ...string) *exec.Cmd {
	full := append([]string{"netns", "exec", ns.Name, name}, args...)
	cmd := exec.CommandContext(ctx, "ip", full...)
	// Its own process group, so Delete can stop what it forks too.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd
}

// Start starts cmd (from Command) and records it so Delete stops it.
func (ns *NS) Start(cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("netns %s: start %s: %w", ns.Name, strings.Join(cmd.Args, " "), err)
	}
	ns.mu.Lock()
	ns.procs = append(ns.procs, cmd)
	ns.mu.Unlock()
	return nil
}

// Run runs a command in the namespace and returns its combined output.
func (ns *NS) Run(ctx context.Context, name string, args ...string) ([]byte, error) {
	out, err := ns.Command(ctx, name, args...).CombinedOutput()
	if err != nil {
		return out, fmt.Errorf("netns %s: %s %s: %v: %s", ns.Name, name, strings.Join(args, " "), err, bytes.TrimSpace(out))
	}
	return out, nil
}

// Pids lists every process living in the namespace.
func (ns *NS) Pids() []int {
	out, _ := exec.Command("ip", "netns", "pids", ns.Name).Output()
	var pids []int
	for _, f := range strings.Fields(string(out)) {
		if p, err := strconv.Atoi(f); err == nil {
			pids = append(pids, p)
		}
	}
	return pids
}

// Delete stops every process in the namespace (those started here and any
// daemon that forked into it), then deletes it. It waits at most 5 s.
func (ns *NS) Delete() error {
	ns.mu.Lock()
	procs := ns.procs
	ns.procs = nil
	ns.mu.Unlock()
	for _, c := range procs {
		if c.Process != nil {
			_ = syscall.Kill(-c.Process.Pid, syscall.SIGTERM)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		pids := ns.Pids()
		if len(pids) == 0 {
			break
		}
		sig := syscall.SIGTERM
		if time.Now().After(deadline.Add(-2 * time.Second)) {
			sig = syscall.SIGKILL
		}
		for _, p := range pids {
			_ = syscall.Kill(p, sig)
		}
		if time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, c := range procs {
		_ = c.Wait()
	}
	if out, err := exec.Command("ip", "netns", "del", ns.Name).CombinedOutput(); err != nil {
		return fmt.Errorf("netns: ip netns del %s: %v: %s", ns.Name, err, bytes.TrimSpace(out))
	}
	return nil
}
