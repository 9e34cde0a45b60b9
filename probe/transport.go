package probe

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"math"
	"net"
	"net/netip"
	"sync"
	"time"

	"golang.org/x/net/icmp"
	"golang.org/x/net/ipv4"

	"github.com/voxlan/voxlan/snapshot"
)

// Thresholds are the transport quality limits a profile sets (STAS 2.4 for
// wte: one-way latency < 150 ms, jitter < 40 ms, loss < 1 %).
type Thresholds struct {
	MaxOneWayMs    float64
	MaxJitterMs    float64
	MaxLossPercent float64
}

// WTEThresholds are the wte profile's figures, used when no profile is given.
var WTEThresholds = Thresholds{MaxOneWayMs: 150, MaxJitterMs: 40, MaxLossPercent: 1}

// EchoConfig bounds one measurement.
type EchoConfig struct {
	// Count is the number of echo requests (default 20), sent every
	// Interval (default 20 ms) without waiting for answers.
	Count    int
	Interval time.Duration
	// Timeout is how long the last request may wait for its answer
	// (default 1 s); an answer later than that counts as lost.
	Timeout time.Duration
}

func (c *EchoConfig) defaults() {
	if c.Count <= 0 {
		c.Count = 20
	}
	if c.Count > 10000 {
		c.Count = 10000 // bounded whatever the caller asks
	}
	if c.Interval <= 0 {
		c.Interval = 20 * time.Millisecond
	}
	if c.Timeout <= 0 {
		c.Timeout = time.Second
	}
}

// Echo measures latency, jitter and loss to target with ICMP echo and
// judges them against th.
func Echo(ctx context.Context, target netip.Addr, cfg EchoConfig, th Thresholds) snapshot.TransportTest {
	cfg.defaults()
	res := snapshot.TransportTest{Target: target.String(), MaxOneWayMs: th.MaxOneWayMs, MaxJitterMs: th.MaxJitterMs, MaxLossPercent: th.MaxLossPercent}
	if !target.Is4() {
		res.Error = "only IPv4 targets are measured"
		return res
	}
	conn, err := listenICMP()
	if err != nil {
		res.Error = err.Error()
		return res
	}
	defer conn.Close()
	privileged := conn.privileged
	var dst net.Addr = &net.IPAddr{IP: target.AsSlice()}
	if !privileged {
		dst = &net.UDPAddr{IP: target.AsSlice()}
	}
	var idb [2]byte
	_, _ = rand.Read(idb[:])
	id := int(binary.BigEndian.Uint16(idb[:]))

	rtts := make([]time.Duration, cfg.Count) // 0 = lost
	sentAt := make([]time.Time, cfg.Count)
	var mu sync.Mutex
	done := make(chan struct{})
	// The reader runs until the last request's timeout (set once it is
	// sent, below): answers are matched by sequence number, so late and
	// reordered ones land right. Until then only ctx bounds it.
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetReadDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.SetReadDeadline(time.Unix(1, 0)) })
	defer stop()
	go func() {
		defer close(done)
		buf := make([]byte, 1500)
		oob := make([]byte, 128)
		got := 0
		for got < cfg.Count {
			n, from, now, err := conn.ReadFrom(buf, oob)
			if err != nil {
				return
			}
			if !sameHost(from, target) {
				continue
			}
			msg, err := icmp.ParseMessage(1, buf[:n])
			if err != nil || msg.Type != ipv4.ICMPTypeEchoReply {
				continue
			}
			echo, ok := msg.Body.(*icmp.Echo)
			// An unprivileged socket rewrites the id to its port; trust
			// the kernel's demultiplexing there.
			if !ok || (privileged && echo.ID != id) || echo.Seq < 0 || echo.Seq >= cfg.Count {
				continue
			}
			mu.Lock()
			if rtts[echo.Seq] == 0 && !sentAt[echo.Seq].IsZero() {
				rtts[echo.Seq] = max(now.Sub(sentAt[echo.Seq]), time.Nanosecond)
				got++
			}
			mu.Unlock()
		}
	}()
	payload := make([]byte, 32)
	tick := time.NewTicker(cfg.Interval)
	defer tick.Stop()
	for seq := 0; seq < cfg.Count; seq++ {
		if seq > 0 {
			select {
			case <-ctx.Done():
				res.Error = ctx.Err().Error()
				<-done
				return res
			case <-tick.C:
			}
		}
		b, _ := (&icmp.Message{Type: ipv4.ICMPTypeEcho, Body: &icmp.Echo{ID: id, Seq: seq, Data: payload}}).Marshal(nil)
		mu.Lock()
		sentAt[seq] = time.Now()
		mu.Unlock()
		if _, err := conn.WriteTo(b, dst); err != nil {
			res.Error = shortNetError(err)
			_ = conn.SetReadDeadline(time.Unix(1, 0))
			<-done
			return res
		}
		res.Sent++
	}
	// Counted from the last send, not from the start: a busy laptop whose
	// ticker fell behind sends the last requests late, and their answers
	// still get the whole Timeout instead of being cut off as lost.
	lastDeadline := time.Now().Add(cfg.Timeout)
	if dl, ok := ctx.Deadline(); ok && dl.Before(lastDeadline) {
		lastDeadline = dl
	}
	_ = conn.SetReadDeadline(lastDeadline)
	if ctx.Err() != nil { // cancelled meanwhile: keep the reader woken
		_ = conn.SetReadDeadline(time.Unix(1, 0))
	}
	<-done
	mu.Lock()
	defer mu.Unlock()
	summarize(&res, rtts[:res.Sent], cfg.Timeout, th)
	return res
}

// summarize fills the figures from the per-probe round trips (0 = lost).
// An answer later than timeout counts as lost.
func summarize(res *snapshot.TransportTest, rtts []time.Duration, timeout time.Duration, th Thresholds) {
	var answered []float64
	for _, d := range rtts {
		if d > 0 && d <= timeout {
			answered = append(answered, ms(d))
		}
	}
	res.Sent = len(rtts)
	res.Received = len(answered)
	if res.Sent == 0 {
		return
	}
	res.LossPercent = round2(100 * float64(res.Sent-res.Received) / float64(res.Sent))
	if len(answered) > 0 {
		minv, maxv, sum := math.Inf(1), math.Inf(-1), 0.0
		for _, v := range answered {
			minv, maxv, sum = math.Min(minv, v), math.Max(maxv, v), sum+v
		}
		res.RTTMinMs, res.RTTMaxMs = round2(minv), round2(maxv)
		res.RTTAvgMs = round2(sum / float64(len(answered)))
		res.OneWayMs = round2(sum / float64(len(answered)) / 2)
		res.JitterMs = round2(meanAbsDiff(answered))
	}
	if res.Received == 0 {
		res.Error = fmt.Sprintf("no answer to %d echo requests", res.Sent)
	}
	res.Pass = res.Received > 0 && res.OneWayMs < th.MaxOneWayMs && res.JitterMs < th.MaxJitterMs && res.LossPercent < th.MaxLossPercent
}

// meanAbsDiff is the mean of |D(i-1,i)| over consecutive answered probes:
// RFC 3550 6.4.1's transit-time difference, taken on round trips since the
// laptop has no clock shared with the far end.
func meanAbsDiff(v []float64) float64 {
	if len(v) < 2 {
		return 0
	}
	sum := 0.0
	for i := 1; i < len(v); i++ {
		sum += math.Abs(v[i] - v[i-1])
	}
	return sum / float64(len(v)-1)
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// icmpConn is an ICMP echo socket whose answers carry the kernel's receive
// time where the OS gives one (as iputils ping uses): a busy laptop that
// reads an answer late must not report the network as slow. listenICMP and
// ReadFrom are per OS (icmp_*.go).
type icmpConn struct {
	pc         net.PacketConn // *net.IPConn (raw) or *net.UDPConn (ping socket)
	privileged bool
}

func (c *icmpConn) Close() error                                { return c.pc.Close() }
func (c *icmpConn) SetReadDeadline(t time.Time) error           { return c.pc.SetReadDeadline(t) }
func (c *icmpConn) WriteTo(b []byte, dst net.Addr) (int, error) { return c.pc.WriteTo(b, dst) }

func sameHost(a net.Addr, target netip.Addr) bool {
	switch v := a.(type) {
	case *net.IPAddr:
		ip, ok := netip.AddrFromSlice(v.IP)
		return ok && ip.Unmap() == target
	case *net.UDPAddr:
		ip, ok := netip.AddrFromSlice(v.IP)
		return ok && ip.Unmap() == target
	}
	return false
}
