package probe

import (
	"context"
	"net/netip"
	"time"

	"github.com/voxlan/voxlan/snapshot"
)

// DefaultTCPEchoPort is where TCP connects are timed when no ICMP echo can
// be sent: HTTPS, which gateways (their web management) and servers
// usually answer; a closed port's reset is an answer too.
const DefaultTCPEchoPort = 443

// maxTCPEchoes bounds the timed connects in flight.
const maxTCPEchoes = 32

// tcpRoundTrips times cfg.Count TCP connects to target's cfg.TCPPort, one
// every cfg.Interval: the time from the SYN to the SYN-ACK (open) or the
// reset (closed) is a round trip through the same path, measured by the
// clock around connect. A connect that gets neither within cfg.Timeout is
// lost. Each connection is closed at once.
func tcpRoundTrips(ctx context.Context, target netip.Addr, cfg EchoConfig) ([]time.Duration, string, error) {
	rtts, err := paced(ctx, cfg, maxTCPEchoes, func() (time.Duration, bool) {
		pt := snapshot.PortTest{Target: target.String(), Port: cfg.TCPPort}
		d := connect(ctx, &pt, cfg.Timeout)
		return d, pt.State == snapshot.PortOpen || pt.State == snapshot.PortClosed
	})
	return rtts, snapshot.TransportTCPConnect, err
}
