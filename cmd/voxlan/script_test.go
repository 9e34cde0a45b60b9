package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cli"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/lab/site"
)

// TestMain makes this test binary the voxlan command as well: scripts run
// `voxlan` as a real process, through cli.MainWith. Its interface listing
// is a recorded laptop with no cable in (scriptInterfaces), so a script
// never finds, nor sends frames on, this host's jack.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"voxlan": func() {
			f := cmdutil.NewFactory()
			f.Interfaces = func() ([]capture.Interface, error) { return scriptInterfaces, nil }
			os.Exit(cli.MainWith(f))
		},
	})
}

// scriptInterfaces is a laptop on Wi-Fi with its Ethernet port unplugged.
var scriptInterfaces = []capture.Interface{
	{Name: "lo", Kind: capture.KindLoopback, Up: true, Carrier: true},
	{Name: "enp0s31f6", Kind: capture.KindWired, Up: true},
	{Name: "wlp2s0", Kind: capture.KindWireless, Up: true, Carrier: true},
}

// TestScripts runs testdata/script/*.txtar against the real voxlan
// command. VOXLAN_UPDATE=1 rewrites the expected files a failing cmp names.
// Custom commands:
//
//	exits CODE PROG [ARGS...]   run PROG and require exit status CODE
//	interrupt CODE PROG [ARGS...]  start PROG, send it SIGINT once it has sent
//	                            a request to $SILENT (else after 1s),
//	                            require CODE within 10 s
//	lab-cli PLATFORM            serve one emulated switch over SSH on loopback
//	                            (dell_os10, juniper_junos, ale_aos, ale_aos:6),
//	                            with its show outputs in $WORK/127.0.0.1/ and an
//	                            inventory $WORK/sites.yaml (labcli_test.go)
//	lab-site [ssh]              serve the demo site (lab/site) on loopback for
//	                            the rest of the script: $WORK/sites.yaml (site
//	                            "demo"), $WORK/known_hosts, $SW1, $SW2..., and the
//	                            secrets its inventory refers to in the environment
//	silent-udp                  a loopback UDP port that never answers: $SILENT
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       os.Getenv("VOXLAN_UPDATE") != "",
		Setup: func(env *testscript.Env) error {
			// The repository's own test data, for scripts to copy in.
			env.Setenv("REPO", repo)
			env.Setenv("HOME", env.WorkDir)
			env.Setenv("XDG_STATE_HOME", filepath.Join(env.WorkDir, "state"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":      exits,
			"interrupt":  interrupt,
			"lab-site":   labSite,
			"lab-cli":    labCLI,
			"silent-udp": silentUDP,
		},
	})
}

func exitStatus(ts *testscript.TestScript, err error) int {
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	ts.Fatalf("%v", err)
	return -1
}

func wantCode(ts *testscript.TestScript, neg bool, args []string) int {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: %s CODE PROG [ARGS...] (no !)", "exits|interrupt")
	}
	code, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exit code %q: %v", args[0], err)
	}
	return code
}

func exits(ts *testscript.TestScript, neg bool, args []string) {
	want := wantCode(ts, neg, args)
	if got := exitStatus(ts, ts.Exec(args[1], args[2:]...)); got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

// interrupt runs PROG as the user would, presses ctrl+c (SIGINT) after a
// second and checks the exit status and that it ended within 10 s.
func interrupt(ts *testscript.TestScript, neg bool, args []string) {
	want := wantCode(ts, neg, args)
	// The script's PATH holds the commands TestMain registered.
	path, err := lookPathIn(ts.Getenv("PATH"), args[1])
	if err != nil {
		ts.Fatalf("%v", err)
	}
	cmd := exec.Command(path, args[2:]...)
	cmd.Dir = ts.Getenv("WORK")
	cmd.Env = append(os.Environ(), "PATH="+ts.Getenv("PATH"), "HOME="+ts.Getenv("HOME"))
	var before int64
	if heard, ok := silentHeard.Load(ts.Getenv("WORK")); ok {
		before = heard.(*atomic.Int64).Load()
	}
	if err := cmd.Start(); err != nil {
		ts.Fatalf("%v", err)
	}
	// The signal must come once voxlan runs its command (cli.Main has
	// turned SIGINT into a cancellation by then): with a silent-udp
	// target, when a request from this run reaches it; a loaded machine
	// can take seconds to start the binary, which a fixed second did not
	// cover (SIGINT killed it before its handler existed).
	if heard, ok := silentHeard.Load(ts.Getenv("WORK")); ok {
		for deadline := time.Now().Add(60 * time.Second); heard.(*atomic.Int64).Load() == before; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				_ = cmd.Process.Kill()
				ts.Fatalf("%s sent nothing to $SILENT within 60 s", args[1])
			}
		}
	} else {
		time.Sleep(time.Second)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		ts.Fatalf("%v", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if got := exitStatus(ts, err); got != want {
			ts.Fatalf("%s exited %d after SIGINT, want %d", args[1], got, want)
		}
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		ts.Fatalf("%s still running 10 s after SIGINT", args[1])
	}
}

func lookPathIn(pathList, name string) (string, error) {
	for _, dir := range filepath.SplitList(pathList) {
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s not in PATH", name)
}

func labSite(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("lab-site takes no !")
	}
	opts := site.Options{SSH: len(args) > 0 && args[0] == "ssh"}
	ctx, cancel := context.WithCancel(context.Background())
	s, err := site.Start(ctx, opts)
	if err != nil {
		cancel()
		ts.Fatalf("lab-site: %v", err)
	}
	ts.Defer(func() { _ = s.Close(); cancel() })
	work := ts.Getenv("WORK")
	if err := os.WriteFile(filepath.Join(work, "sites.yaml"), s.Inventory("demo"), 0o600); err != nil {
		ts.Fatalf("%v", err)
	}
	if err := os.WriteFile(filepath.Join(work, "known_hosts"), s.KnownHosts(), 0o600); err != nil {
		ts.Fatalf("%v", err)
	}
	ts.Setenv(site.EnvCommunity, s.Getenv(site.EnvCommunity))
	ts.Setenv("VOXLAN_SNMP_COMMUNITY", s.Community())
	for i, sw := range s.Switches() {
		ts.Setenv(fmt.Sprintf("SW%d", i+1), sw.Address)
		key := fmt.Sprintf("VOXLAN_DEMO_SSH_PASSWORD_%d", i+1)
		if v := s.Getenv(key); v != "" {
			ts.Setenv(key, v)
		}
	}
}

// silentHeard counts, per script ($WORK), the requests its silent-udp
// port received.
var silentHeard sync.Map // string -> *atomic.Int64

func silentUDP(ts *testscript.TestScript, neg bool, args []string) {
	conn, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		ts.Fatalf("%v", err)
	}
	work := ts.Getenv("WORK")
	heard := new(atomic.Int64)
	silentHeard.Store(work, heard)
	ts.Defer(func() { _ = conn.Close(); silentHeard.Delete(work) })
	go func() {
		buf := make([]byte, 65536)
		for {
			if _, _, err := conn.ReadFrom(buf); err != nil {
				return
			}
			heard.Add(1)
		}
	}()
	ts.Setenv("SILENT", conn.LocalAddr().String())
}
