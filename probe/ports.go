package probe

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/voxlan/voxlan/snapshot"
)

// PortSpec is one TCP port to try, with the profile opening it belongs to.
type PortSpec struct {
	Port    int
	Opening string
}

// DefaultConnectTimeout bounds one TCP connect; no answer by then is
// "filtered".
const DefaultConnectTimeout = 2 * time.Second

// maxConnects bounds the connects in flight, so a long port list does not
// look like a scan to the firewall it is testing.
const maxConnects = 8

// CheckPorts connects to every (target, port) pair, at most maxConnects at
// a time, and closes each connection at once. Results keep the input order.
func CheckPorts(ctx context.Context, targets []string, ports []PortSpec, timeout time.Duration) []snapshot.PortTest {
	if timeout <= 0 {
		timeout = DefaultConnectTimeout
	}
	var out []snapshot.PortTest
	for _, t := range targets {
		for _, p := range ports {
			out = append(out, snapshot.PortTest{Target: t, Port: p.Port, Opening: p.Opening})
		}
	}
	sem := make(chan struct{}, maxConnects)
	var wg sync.WaitGroup
	for i := range out {
		wg.Add(1)
		sem <- struct{}{}
		go func(pt *snapshot.PortTest) {
			defer wg.Done()
			defer func() { <-sem }()
			connect(ctx, pt, timeout)
		}(&out[i])
	}
	wg.Wait()
	return out
}

// connect tries pt's port once and fills its state; it returns the time
// from the connect to its outcome.
func connect(ctx context.Context, pt *snapshot.PortTest, timeout time.Duration) time.Duration {
	if pt.Port < 1 || pt.Port > 65535 {
		pt.State, pt.Error = snapshot.PortError, "port out of range"
		return 0
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	start := time.Now()
	addr := net.JoinHostPort(pt.Target, strconv.Itoa(pt.Port))
	if a, err := netip.ParseAddr(pt.Target); err == nil {
		addr = netip.AddrPortFrom(a, uint16(pt.Port)).String()
	}
	c, err := d.DialContext(ctx, "tcp", addr)
	took := time.Since(start)
	pt.Ms = ms(took)
	switch {
	case err == nil:
		c.Close()
		pt.State = snapshot.PortOpen
	case refused(err):
		pt.State = snapshot.PortClosed
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		pt.State, pt.Error = snapshot.PortFiltered, "no answer within "+timeout.String()
	default:
		pt.State, pt.Error = snapshot.PortError, shortNetError(err)
	}
	return took
}
