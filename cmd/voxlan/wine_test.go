//go:build linux

package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/labtest"
)

// TestWindowsBuildUnderWine runs the windows/amd64 build of voxlan under
// Wine (Debian's wine, installed by scripts/install-test-deps.sh) and the
// Linux build side by side on the same saved files: their outputs must be
// byte-identical. `voxlan here` under Wine, where Npcap is absent, must
// say so with what to install.
func TestWindowsBuildUnderWine(t *testing.T) {
	labtest.RequireTools(t, "wine", mingwCC)
	if testing.Short() {
		t.Skip("builds two binaries and starts Wine")
	}
	dir := t.TempDir()
	linuxBin := filepath.Join(dir, "voxlan")
	winBin := filepath.Join(dir, "voxlan.exe")
	for bin, goos := range map[string]string{linuxBin: "linux", winBin: "windows"} {
		build := exec.Command("go", "build", "-o", bin, ".")
		build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH=amd64")
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("go build for %s: %v\n%s", goos, err, out)
		}
	}
	work := filepath.Join(dir, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, from := range map[string]string{
		"cdp.pcap":   "../../capture/testdata/tcpdump_3560_CDP.pcap",
		"lldp.pcap":  "internal/here/testdata/assimilation_lldpmed_civicloc.pcap",
		"voice.pcap": "internal/here/testdata/assimilation_cdp_v2_voice.pcap",
	} {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	prefix := filepath.Join(dir, "wineprefix")
	env := append(os.Environ(), "HOME="+dir, "XDG_STATE_HOME="+filepath.Join(dir, "state"), "NO_COLOR=1", "TZ=UTC",
		"WINEPREFIX="+prefix, "WINEDEBUG=-all", "WINEDLLOVERRIDES=mscoree,mshtml=")
	winePrefix(t, dir, prefix, env)
	run := func(windows bool, args ...string) (stdout, stderr []byte, code int) {
		t.Helper()
		ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
		defer cancel()
		var cmd *exec.Cmd
		if windows {
			cmd = exec.CommandContext(ctx, "wine", append([]string{winBin}, args...)...)
		} else {
			cmd = exec.CommandContext(ctx, linuxBin, args...)
		}
		cmd.Dir, cmd.Env = work, env
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); ok {
			return o.Bytes(), e.Bytes(), ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, e.Bytes())
		}
		return o.Bytes(), e.Bytes(), 0
	}
	// The demo's switches listen on ports the OS picks and the snapshot is
	// stamped with the time it was taken: those differ from run to run on
	// one OS already, and are the only things made equal before comparing.
	varying := regexp.MustCompile(`127\.0\.0\.1:[0-9]+|"takenAt": "[^"]*"`)
	//
	// Go (1.23 and later, golang/go#68614) sets SIO_UDP_NETRESET on every
	// UDP socket it makes on Windows and fails the socket when it is
	// refused; Debian's Wine 8.0 refuses it (WSAEOPNOTSUPP, 10045; it
	// accepts SIO_UDP_CONNRESET), so neither the demo's SNMP agents nor
	// voxlan's SNMP client get a UDP socket there. The demo is therefore
	// compared with SNMP over TCP (RFC 3430) on both sides, which Wine
	// serves; its output over TCP is the same as over UDP (the demo
	// package's TestDemoSameOverUDPAndTCP).
	demoLinux, _, code := run(false, "demo", "--snmp-transport", "tcp", "-o", "json")
	if code != 0 {
		t.Fatalf("linux demo: exit %d", code)
	}
	demoWin, stderr, code := run(true, "demo", "--snmp-transport", "tcp", "-o", "json")
	if code != 0 {
		t.Errorf("windows demo under wine: exit %d\n%s", code, stderr)
	} else if a, b := varying.ReplaceAll(demoLinux, nil), varying.ReplaceAll(demoWin, nil); !bytes.Equal(a, b) {
		t.Errorf("demo --snmp-transport tcp -o json differs between Linux and Windows:\n%s", firstDiff(a, b))
	} else if len(a) < 1000 {
		t.Errorf("demo -o json is only %d bytes:\n%s", len(a), a)
	}
	if err := os.WriteFile(filepath.Join(work, "demo.json"), demoLinux, 0o644); err != nil {
		t.Fatal(err)
	}
	auditJSON, _, _ := run(false, "audit", "--snapshot", "demo.json", "--no-history", "-o", "json")
	if err := os.WriteFile(filepath.Join(work, "audit.json"), auditJSON, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"audit", "--snapshot", "demo.json", "--no-history", "-o", "json"},
		{"audit", "--snapshot", "demo.json", "--no-history", "-o", "table"},
		{"report", "--audit", "audit.json", "-o", "json"},
		{"report", "--audit", "audit.json", "-o", "csv", "--lang", "en"},
		{"plan", "--audit", "audit.json", "-o", "json"},
		{"decode", "cdp.pcap"},
		{"decode", "lldp.pcap", "voice.pcap"},
		{"decode", "-o", "json", "voice.pcap"},
	} {
		lo, le, lc := run(false, args...)
		wo, we, wc := run(true, args...)
		name := strings.Join(args, " ")
		if lc != wc {
			t.Errorf("%s: exit %d on Linux, %d on Windows\nlinux stderr: %s\nwindows stderr: %s", name, lc, wc, le, we)
		}
		if len(lo) == 0 {
			t.Errorf("%s: nothing on stdout (exit %d): %s", name, lc, le)
		}
		if !bytes.Equal(lo, wo) {
			t.Errorf("%s: stdout differs between Linux and Windows:\n%s", name, firstDiff(lo, wo))
		}
	}
	// Latency without administrator rights: the probe package's loopback
	// tests, built for Windows, measure 127.0.0.1 through Wine's
	// IcmpSendEcho2 and time TCP connects (accepted and refused).
	probeTest := filepath.Join(dir, "probe.test.exe")
	build := exec.Command("go", "test", "-c", "-o", probeTest, "../../probe")
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=windows", "GOARCH=amd64")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go test -c for windows: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	echo := exec.CommandContext(ctx, "wine", probeTest, "-test.run", "^(TestEchoLoopback|TestTCPRoundTrips)$", "-test.v")
	echo.Dir, echo.Env = work, env
	out, err := echo.CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("--- PASS: TestEchoLoopback")) || !bytes.Contains(out, []byte("icmp-sendecho")) || !bytes.Contains(out, []byte("--- PASS: TestTCPRoundTrips")) {
		t.Errorf("probe's echo tests under Wine: %v\n%s", err, out)
	}

	// No Npcap in Wine's Windows: here names it and the install option.
	// Wine names the adapters as Linux does.
	_, stderr, code = run(true, "here", "--iface", hostInterface(t), "--wait", "1s")
	if code == 0 || !bytes.Contains(stderr, []byte("Npcap is not installed")) || !bytes.Contains(stderr, []byte("WinPcap API-compatible Mode")) {
		t.Errorf("here without Npcap: exit %d, stderr %q; want the Npcap error", code, stderr)
	}
	// Without --iface the jack is found through the Windows listing
	// (GetAdaptersAddresses, GetIfEntry2Ex), which Wine answers from this
	// host's interfaces: one wired with carrier is taken (and then Npcap
	// is missing), none is the no-jack error naming what was seen; a
	// listing that fails or an error without a next step fails the test.
	_, stderr, code = run(true, "here", "--wait", "1s")
	switch {
	case code != 0 && bytes.Contains(stderr, []byte("Npcap is not installed")):
		t.Logf("here without --iface under Wine found a jack: %s", bytes.TrimSpace(stderr))
	case code == 2 && bytes.Contains(stderr, []byte("no wired interface with carrier: plug the laptop into the jack, or give --iface NAME; seen: ")):
		t.Logf("here without --iface under Wine found no jack: %s", bytes.TrimSpace(stderr))
	default:
		t.Errorf("here without --iface under Wine: exit %d, stderr %q", code, stderr)
	}
}

// mingwCC compiles the Wine prefix's bcryptprimitives.dll.
const mingwCC = "x86_64-w64-mingw32-gcc"

// processPrng is bcryptprimitives.dll's ProcessPrng, which the Go runtime
// needs on Windows (Go 1.22 and later) and Debian's Wine 8.0 lacks (Wine 9
// has it; every Windows 10 has it): the same bytes from RtlGenRandom.
const processPrng = `#include <windows.h>
#include <ntsecapi.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
	while (len > 0) {
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!RtlGenRandom(data, n)) return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
`

// winePrefix makes a fresh Wine prefix with bcryptprimitives.dll in its
// system32, where the Go runtime loads it from.
func winePrefix(t *testing.T, dir, prefix string, env []string) {
	t.Helper()
	src := filepath.Join(dir, "processprng.c")
	dll := filepath.Join(dir, "bcryptprimitives.dll")
	if err := os.WriteFile(src, []byte(processPrng), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(mingwCC, "-shared", "-O2", "-o", dll, src, "-ladvapi32").CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", mingwCC, err, out)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	boot := exec.CommandContext(ctx, "wine", "wineboot", "--init")
	boot.Env = env
	if out, err := boot.CombinedOutput(); err != nil {
		t.Fatalf("wineboot: %v\n%s", err, out)
	}
	b, err := os.ReadFile(dll)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// hostInterface is an interface of this host other than loopback.
func hostInterface(t *testing.T) string {
	t.Helper()
	ifaces, err := net.Interfaces()
	if err != nil {
		t.Fatal(err)
	}
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagLoopback == 0 {
			return ifc.Name
		}
	}
	t.Fatal("this host has no interface besides loopback")
	return ""
}

// firstDiff shows where two outputs part, with a little context.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "linux:   " + string(a[from:min(len(a), i+80)]) + "\nwindows: " + string(b[from:min(len(b), i+80)])
}
