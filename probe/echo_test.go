package probe

import (
	"context"
	"net"
	"net/netip"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/voxlan/voxlan/snapshot"
)

var loopback = netip.MustParseAddr("127.0.0.1")

// TestEchoLoopback measures 127.0.0.1 the way this OS allows: every echo
// is answered, and the method says how (Windows: IcmpSendEcho2, which any
// user may call; Linux and macOS: a raw socket as root, else a ping
// socket, else timed TCP connects). cmd/voxlan's Wine test runs it in the
// windows build under Wine too.
func TestEchoLoopback(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res := Echo(ctx, loopback, EchoConfig{Count: 5, Interval: 10 * time.Millisecond, Timeout: 5 * time.Second}, WTEThresholds)
	want := []string{snapshot.TransportICMPRaw, snapshot.TransportICMPPingSocket, snapshot.TransportTCPConnect}
	if runtime.GOOS == "windows" {
		want = []string{snapshot.TransportIcmpSendEcho}
	}
	if res.Error != "" || res.Sent != 5 || res.Received != 5 || !slices.Contains(want, res.Method) || res.RTTMaxMs <= 0 {
		t.Fatalf("got %+v; want 5 of 5 answered through one of %q", res, want)
	}
	t.Logf("%s: rtt min/avg/max %.3f/%.3f/%.3f ms", res.Method, res.RTTMinMs, res.RTTAvgMs, res.RTTMaxMs)
}

// TestTCPRoundTrips: the fallback counts a connect that is accepted and one
// that is refused (a reset) as answered, both timed; under Wine it checks
// Winsock's refusal is recognised (WSAECONNREFUSED).
func TestTCPRoundTrips(t *testing.T) {
	open := acceptingPort(t)
	closedLn, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := closedLn.Addr().(*net.TCPAddr).Port
	closedLn.Close()
	for name, port := range map[string]int{"open": open, "closed": closed} {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		cfg := EchoConfig{Count: 4, Interval: 5 * time.Millisecond, Timeout: 5 * time.Second, TCPPort: port}
		cfg.defaults()
		rtts, method, err := tcpRoundTrips(ctx, loopback, cfg)
		cancel()
		if err != nil || method != snapshot.TransportTCPConnect || len(rtts) != 4 || slices.Contains(rtts, 0) {
			t.Errorf("%s port: rtts %v, method %q, err %v", name, rtts, method, err)
		}
	}

	// Cancelled before the first connect: nothing sent, the cause said.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cfg := EchoConfig{Count: 3, TCPPort: open}
	cfg.defaults()
	if rtts, _, err := tcpRoundTrips(ctx, loopback, cfg); err == nil || len(rtts) != 0 {
		t.Errorf("cancelled: rtts %v, err %v", rtts, err)
	}
}

// acceptingPort is a loopback TCP port that accepts every connection and
// closes it at once, until the test ends.
func acceptingPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}
