// Package snmpsim starts the real snmpsim agent (Debian package snmpsim,
// daemon snmpsimd) on a free loopback UDP port, serving .snmprec recordings,
// for tests and benchmarks of SNMP discovery.
//
// Each recording is served under its file name without ".snmprec" as the
// v2c community, and as the SNMPv3 context name for the v3 users.
package snmpsim

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/lab/labtest"
)

// V3User is an SNMPv3 user snmpsimd accepts.
type V3User struct {
	Name      string
	AuthProto string // MD5, SHA, SHA256...
	AuthKey   string
	PrivProto string // DES, AES...
	PrivKey   string
}

// DefaultV3Users are snmpsim's documented test user (MD5/DES) and a SHA/AES
// one. Their keys are public test values, not secrets.
var DefaultV3Users = []V3User{
	{Name: "simulator", AuthProto: "MD5", AuthKey: "auctoritas", PrivProto: "DES", PrivKey: "privatus"},
	{Name: "voxlan-sha", AuthProto: "SHA", AuthKey: "auctoritas", PrivProto: "AES", PrivKey: "privatus"},
}

// Options select what the agent serves.
type Options struct {
	// Files are the .snmprec file names (in dataDir) to serve; empty = all.
	Files []string
	// V3Users are configured when set; nil = DefaultV3Users.
	V3Users []V3User
	// StartTimeout bounds the wait for the agent to answer (default 90s:
	// snmpsimd indexes every recording before it answers).
	StartTimeout time.Duration
}

// Server is a running snmpsimd.
type Server struct {
	// Addr is 127.0.0.1:port.
	Addr        string
	Port        int
	Communities []string
	V3Users     []V3User

	cmd     *exec.Cmd
	dir     string
	stderr  *syncBuffer
	done    chan struct{}
	waitErr error
	stop    sync.Once
}

// Binary is the daemon's name in Debian's package.
const Binary = "snmpsimd"

// Start copies the recordings into a private directory readable by the
// unprivileged user snmpsimd runs as, starts snmpsimd on a free loopback
// port and waits until it answers. When run as root it drops to
// nobody:nogroup, as snmpsimd refuses to run as root.
func Start(ctx context.Context, dataDir string, opts Options) (*Server, error) {
	if opts.V3Users == nil {
		opts.V3Users = DefaultV3Users
	}
	if opts.StartTimeout <= 0 {
		opts.StartTimeout = 90 * time.Second
	}
	files := opts.Files
	if len(files) == 0 {
		entries, err := os.ReadDir(dataDir)
		if err != nil {
			return nil, fmt.Errorf("snmpsim: %w", err)
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".snmprec") {
				files = append(files, e.Name())
			}
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("snmpsim: no .snmprec file in %s", dataDir)
	}
	dir, err := os.MkdirTemp("", "voxlan-snmpsim-")
	if err != nil {
		return nil, fmt.Errorf("snmpsim: %w", err)
	}
	s := &Server{dir: dir, V3Users: opts.V3Users, stderr: &syncBuffer{}, done: make(chan struct{})}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(dir)
		}
	}()
	data, cache := filepath.Join(dir, "data"), filepath.Join(dir, "cache")
	for _, d := range []string{dir, data, cache} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("snmpsim: %w", err)
		}
		if err := os.Chmod(d, 0o755); err != nil {
			return nil, fmt.Errorf("snmpsim: %w", err)
		}
	}
	for _, f := range files {
		if err := copyFile(filepath.Join(dataDir, f), filepath.Join(data, filepath.Base(f))); err != nil {
			return nil, err
		}
		s.Communities = append(s.Communities, strings.TrimSuffix(filepath.Base(f), ".snmprec"))
	}
	asRoot := os.Geteuid() == 0
	if asRoot {
		if err := chownNobody(cache); err != nil {
			return nil, err
		}
	}
	port, err := freeUDPPort()
	if err != nil {
		return nil, err
	}
	s.Port = port
	s.Addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	args := []string{
		"--data-dir=" + data,
		"--cache-dir=" + cache,
		"--agent-udpv4-endpoint=" + s.Addr,
		"--logging-method=stderr",
	}
	if asRoot {
		args = append(args, "--process-user=nobody", "--process-group=nogroup")
	}
	for _, u := range opts.V3Users {
		args = append(args, "--v3-user="+u.Name)
		if u.AuthProto != "" {
			args = append(args, "--v3-auth-key="+u.AuthKey, "--v3-auth-proto="+u.AuthProto)
		}
		if u.PrivProto != "" {
			args = append(args, "--v3-priv-key="+u.PrivKey, "--v3-priv-proto="+u.PrivProto)
		}
	}
	s.cmd = exec.Command(Binary, args...)
	s.cmd.Stdout = s.stderr
	s.cmd.Stderr = s.stderr
	s.cmd.SysProcAttr = childProcAttr()
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("snmpsim: start %s: %w (install it with scripts/install-test-deps.sh)", Binary, err)
	}
	go func() {
		s.waitErr = s.cmd.Wait()
		close(s.done)
	}()
	ok = true
	if err := s.waitReady(ctx, opts.StartTimeout); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// waitReady asks sysObjectID of the first recording until it answers, the
// process dies, or the timeout passes.
func (s *Server) waitReady(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	g := &gosnmp.GoSNMP{Target: "127.0.0.1", Port: uint16(s.Port), Community: s.Communities[0],
		Version: gosnmp.Version2c, Timeout: 500 * time.Millisecond, Retries: 0, Context: ctx}
	if err := g.Connect(); err != nil {
		return fmt.Errorf("snmpsim: %w", err)
	}
	defer g.Conn.Close()
	for attempt := 0; time.Now().Before(deadline); attempt++ {
		select {
		case <-s.done:
			return fmt.Errorf("snmpsim: %s exited before answering (%v); its log:\n%s", Binary, s.waitErr, s.stderr.tail(2000))
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if resp, err := g.GetNext([]string{"1.3.6"}); err == nil && len(resp.Variables) > 0 {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("snmpsim: no answer on %s after %s; its log:\n%s", s.Addr, timeout, s.stderr.tail(2000))
}

// Stop ends snmpsimd (SIGTERM, then SIGKILL after 5 s) and removes its
// directory.
func (s *Server) Stop() error {
	var err error
	s.stop.Do(func() {
		if s.cmd != nil && s.cmd.Process != nil {
			_ = s.cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-s.done:
			case <-time.After(5 * time.Second):
				_ = s.cmd.Process.Kill()
				<-s.done
			}
		}
		err = os.RemoveAll(s.dir)
	})
	return err
}

// Log returns the end of snmpsimd's log (for failing tests).
func (s *Server) Log() string { return s.stderr.tail(4000) }

// StartForTest starts snmpsimd for a test and stops it when the test ends.
// It skips (or fails under CI=true) when snmpsimd is not installed.
func StartForTest(t testing.TB, dataDir string, opts Options) *Server {
	t.Helper()
	labtest.RequireTools(t, Binary)
	s, err := Start(context.Background(), dataDir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("snmpsimd log tail:\n%s", s.Log())
		}
		s.Stop()
	})
	return s
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("snmpsim: %w", err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("snmpsim: %w", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("snmpsim: copy %s: %w", from, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("snmpsim: %w", err)
	}
	return os.Chmod(to, 0o644)
}

func chownNobody(dir string) error {
	out, err := exec.Command("id", "-u", "nobody").Output()
	if err != nil {
		return fmt.Errorf("snmpsim: no user nobody: %w", err)
	}
	uid, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		return fmt.Errorf("snmpsim: uid of nobody: %w", err)
	}
	out, err = exec.Command("getent", "group", "nogroup").Output()
	if err != nil {
		return fmt.Errorf("snmpsim: no group nogroup: %w", err)
	}
	fields := strings.Split(strings.TrimSpace(string(out)), ":")
	if len(fields) < 3 {
		return errors.New("snmpsim: cannot read group nogroup")
	}
	gid, err := strconv.Atoi(fields[2])
	if err != nil {
		return fmt.Errorf("snmpsim: gid of nogroup: %w", err)
	}
	if err := os.Chown(dir, uid, gid); err != nil {
		return fmt.Errorf("snmpsim: %w", err)
	}
	return nil
}

// freeUDPPort asks the kernel for a free loopback UDP port. Another process
// could take it before snmpsimd binds; Start then fails with the log.
func freeUDPPort() (int, error) {
	c, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("snmpsim: %w", err)
	}
	defer c.Close()
	return c.LocalAddr().(*net.UDPAddr).Port, nil
}

// syncBuffer collects the daemon's output from its copying goroutine.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf.Len() > 1<<20 { // keep memory bounded on chatty runs
		b.buf.Reset()
	}
	return b.buf.Write(p)
}

func (b *syncBuffer) tail(n int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	if len(s) > n {
		s = s[len(s)-n:]
	}
	return s
}
