package sshlab

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/lldplab"
	"github.com/voxlan/voxlan/lab/netns"
)

// SSHD is OpenSSH's sshd running in a network namespace with a command
// forced on every session (lab.md section 6): own configuration, own host
// key, and a password user created for the test and removed after it.
type SSHD struct {
	// Addr is where sshd listens, inside its namespace.
	Addr     string
	User     string
	Password string
	// Dir is a 0755 directory for the forced command's files; the test user
	// owns it.
	Dir string
	UID int
}

// PrepareSSHD creates the user and the directory; call StartSSHD once the
// forced command's files are in Dir. Needs root, sshd, ssh-keygen,
// useradd, userdel and chpasswd (labtest.RequireTools).
func PrepareSSHD(t testing.TB) *SSHD {
	t.Helper()
	dir, err := os.MkdirTemp("", "vxsshd")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	s := &SSHD{User: netns.UniqueName("vxu"), Password: "Vx-" + hex.EncodeToString(b), Dir: dir}
	home := filepath.Join(dir, "home")
	if out, err := exec.Command("useradd", "-M", "-d", home, "-s", "/bin/sh", s.User).CombinedOutput(); err != nil {
		t.Fatalf("useradd: %v: %s", err, out)
	}
	t.Cleanup(func() {
		// -f: the forced commands of dropped sessions may still be exiting.
		if out, err := exec.Command("userdel", "-f", s.User).CombinedOutput(); err != nil {
			t.Errorf("userdel %s: %v: %s", s.User, err, out)
		}
	})
	cmd := exec.Command("chpasswd")
	cmd.Stdin = strings.NewReader(s.User + ":" + s.Password + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chpasswd: %v: %s", err, out)
	}
	u, err := user.Lookup(s.User)
	if err != nil {
		t.Fatal(err)
	}
	s.UID, _ = strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Mkdir(home, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{dir, home} {
		if err := os.Chown(p, s.UID, gid); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// StartSSHD runs sshd in ns listening on listen (host:port, inside
// 198.18.0.0/15) with forceCommand, and waits until it accepts
// connections from client (another namespace).
func (s *SSHD) StartSSHD(t testing.TB, ns, client *netns.NS, listen, forceCommand string) {
	t.Helper()
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		t.Fatal(err)
	}
	if err := netns.CheckAddr(host); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(s.Dir, "sshd_config")
	key := filepath.Join(s.Dir, "ssh_host_ed25519_key")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "voxlan-lab", "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v: %s", err, out)
	}
	cfg := fmt.Sprintf(`Port %s
ListenAddress %s
HostKey %s
PidFile %s
UsePAM no
PasswordAuthentication yes
KbdInteractiveAuthentication no
PubkeyAuthentication no
PermitRootLogin no
AllowUsers %s
ForceCommand %s
AllowTcpForwarding no
X11Forwarding no
PrintMotd no
PrintLastLog no
`, port, host, key, filepath.Join(s.Dir, "sshd.pid"), s.User, forceCommand)
	if err := os.WriteFile(conf, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	// sshd refuses to start without its privilege separation directory.
	if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("/usr/sbin/sshd", "-t", "-f", conf).CombinedOutput(); err != nil {
		t.Fatalf("sshd -t: %v: %s", err, out)
	}
	cmd := ns.Command(context.Background(), "/usr/sbin/sshd", "-D", "-e", "-f", conf)
	var logBuf syncBuffer
	cmd.Stderr = &logBuf
	if err := ns.Start(cmd); err != nil {
		t.Fatalf("sshd: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("sshd log:\n%s", logBuf.String())
		}
	})
	s.Addr = listen
	deadline := time.Now().Add(10 * time.Second)
	for {
		var c net.Conn
		err := lldplab.Do(client, func() error {
			var err error
			c, err = net.DialTimeout("tcp", listen, time.Second)
			return err
		})
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("sshd on %s not reachable from %s: %v\n%s", listen, client.Name, err, logBuf.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Forward listens on 127.0.0.1 and carries each connection to target from
// inside client's namespace, so clients that dial on their own goroutines
// (scrapligo) reach a peer that only exists in the lab namespaces.
func Forward(t testing.TB, client *netns.NS, target string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var open []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range open {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			var up net.Conn
			if err := lldplab.Do(client, func() error {
				var err error
				up, err = net.DialTimeout("tcp", target, 5*time.Second)
				return err
			}); err != nil {
				c.Close()
				continue
			}
			mu.Lock()
			open = append(open, c, up)
			mu.Unlock()
			wg.Add(2)
			go func() { defer wg.Done(); _, _ = io.Copy(up, c); _ = up.(*net.TCPConn).CloseWrite() }()
			go func() { defer wg.Done(); _, _ = io.Copy(c, up); c.Close(); up.Close() }()
		}
	}()
	return ln.Addr().String()
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
