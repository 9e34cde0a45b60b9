//go:build linux

package lldplab

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/netns"
)

// SwitchConfig is the lldpcli configuration of an lldpd acting as an access
// switch with an LLDP-MED voice policy (VLAN 20 tagged, priority 5, DSCP 46)
// and PoE, as lab.md verified. TxInterval is in seconds.
func SwitchConfig(name string, txInterval int) string {
	return fmt.Sprintf(`configure system hostname %s
configure system description "Lab access switch (lldpd)"
configure system capabilities enabled bridge
configure lldp tx-interval %d
configure med fast-start enable
configure med fast-start tx-interval 1
configure med policy application voice tagged vlan 20 priority voice dscp 46
configure med policy application voice-signaling tagged vlan 20 priority critical-applications dscp 24
configure med power pse source primary priority high value 15400
configure dot3 power pse supported enabled paircontrol powerpairs signal class class-3 type 2 source primary priority high requested 15400 allocated 15400
`, name, txInterval)
}

// LLDPD is an lldpd running in a namespace.
type LLDPD struct {
	ns   *netns.NS
	Sock string
	pid  int
}

// StartLLDPD starts lldpd in ns on iface with the extra flags (such as
// "-M", "4", "-l", "-ccc") and config (lldpcli commands), and waits until
// its control socket answers. It is stopped when the test ends (and with the
// namespace in any case).
func StartLLDPD(t testing.TB, ns *netns.NS, iface, config string, flags ...string) *LLDPD {
	t.Helper()
	// The privilege-separated child chroots there; no service made it.
	if err := os.MkdirAll("/run/lldpd", 0o755); err != nil {
		t.Fatal(err)
	}
	// lldpd's unprivileged child (user _lldpd) creates the control socket:
	// t.TempDir() is root-only, so use a world-writable directory of ours.
	dir, err := os.MkdirTemp("", "lldplab")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "lldpd.conf")
	if err := os.WriteFile(conf, []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	d := &LLDPD{ns: ns, Sock: filepath.Join(dir, "lldpd.sock")}
	pidFile := filepath.Join(dir, "lldpd.pid")
	args := append(append([]string{}, flags...), "-I", iface, "-u", d.Sock, "-p", pidFile, "-O", conf)
	// Without -d lldpd daemonizes and writes the pid file (lab.md).
	out, err := ns.Run(t.Context(), "lldpd", args...)
	if err != nil {
		t.Fatalf("lldpd: %v: %s", err, out)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, err := os.ReadFile(pidFile)
		if err == nil {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
				d.pid = pid
				if _, err := d.CLI(context.Background(), "show", "configuration"); err == nil {
					break
				}
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("lldpd in %s did not come up (pid file %s)", ns.Name, pidFile)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Cleanup(d.Stop)
	return d
}

// CLI runs lldpcli against this lldpd.
func (d *LLDPD) CLI(ctx context.Context, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	full := append([]string{"-u", d.Sock}, args...)
	cmd := exec.CommandContext(ctx, "lldpcli", full...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("lldpcli %s: %v: %s", strings.Join(args, " "), err, bytes.TrimSpace(stderr.Bytes()))
	}
	return out, nil
}

// Stop kills lldpd's monitor process (its child exits with it, sending a
// shutdown LLDPDU).
func (d *LLDPD) Stop() {
	if d.pid > 0 {
		_ = syscall.Kill(d.pid, syscall.SIGTERM)
		d.pid = 0
	}
}

// StartLADVD starts ladvd in the foreground in ns, in its own UTS namespace
// with the given hostname, sending LLDP and CDP on iface. ladvd needs
// /var/run/ladvd, -t to accept a veth, and stderr on a pipe (its child dies
// of SIGXFSZ writing to a file): lab.md. It runs until the test ends.
func StartLADVD(t testing.TB, ns *netns.NS, iface, hostname string) {
	t.Helper()
	if err := os.MkdirAll("/var/run/ladvd", 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := ns.Command(ctx, "unshare", "--uts", "sh", "-c",
		fmt.Sprintf("hostname %s && ladvd -f -t -L -C %s 2>&1 | cat", hostname, iface))
	out := &lockedBuffer{}
	cmd.Stdout = out
	cmd.WaitDelay = 2 * time.Second
	if err := ns.Start(cmd); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("ladvd output:\n%s", out.String())
		}
	})
}

// lockedBuffer collects a child's output while the test may read it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
