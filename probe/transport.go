package probe

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"sync"
	"time"

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
	// TCPPort is where connects are timed when no ICMP echo can be sent
	// (default DefaultTCPEchoPort).
	TCPPort int
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
	if c.TCPPort <= 0 || c.TCPPort > 65535 {
		c.TCPPort = DefaultTCPEchoPort
	}
}

// Echo measures latency, jitter and loss to target and judges them
// against th. It sends ICMP echo the OS's way without needing rights
// where the OS allows it (roundTrips, per OS: a raw or unprivileged ping
// socket on Linux and macOS, IcmpSendEcho2 on Windows), and times TCP
// connects instead when no ICMP echo can be sent at all (tcpRoundTrips).
// Method says which was used.
func Echo(ctx context.Context, target netip.Addr, cfg EchoConfig, th Thresholds) snapshot.TransportTest {
	cfg.defaults()
	res := snapshot.TransportTest{Target: target.String(), MaxOneWayMs: th.MaxOneWayMs, MaxJitterMs: th.MaxJitterMs, MaxLossPercent: th.MaxLossPercent}
	if !target.Is4() {
		res.Error = "only IPv4 targets are measured"
		return res
	}
	rtts, method, err := roundTrips(ctx, target, cfg)
	if errors.Is(err, ErrNoICMP) {
		rtts, method, err = tcpRoundTrips(ctx, target, cfg)
	}
	res.Method = method
	if err != nil {
		res.Sent = len(rtts)
		res.Error = err.Error()
		return res
	}
	summarize(&res, rtts, cfg.Timeout, th)
	return res
}

// paced calls send for sequence numbers 0 to cfg.Count-1, one every
// cfg.Interval without waiting for answers, each in its own goroutine with
// at most inFlight waiting at once, and returns the round trip of each
// request started (0 = lost: send said no answer). When ctx ends before
// every request is started, it returns ctx's error with what was started.
func paced(ctx context.Context, cfg EchoConfig, inFlight int, send func() (time.Duration, bool)) ([]time.Duration, error) {
	rtts := make([]time.Duration, cfg.Count)
	sem := make(chan struct{}, inFlight)
	var wg sync.WaitGroup
	tick := time.NewTicker(cfg.Interval)
	defer tick.Stop()
	sent := 0
	for seq := range cfg.Count {
		if seq > 0 {
			select {
			case <-ctx.Done():
			case <-tick.C:
			}
		}
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		sent++
		wg.Go(func() {
			defer func() { <-sem }()
			if d, ok := send(); ok {
				rtts[seq] = max(d, time.Nanosecond)
			}
		})
	}
	wg.Wait()
	if sent < cfg.Count {
		return rtts[:sent], ctx.Err()
	}
	return rtts, nil
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
