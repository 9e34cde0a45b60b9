//go:build linux

package impair_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/impair"
)

// retry runs check up to 3 times. On a loaded machine (2 cores shared by
// parallel test runs, -race) scheduling only ever adds delay and late
// answers; a relay that is really off fails all three.
func retry(t *testing.T, check func() error) {
	t.Helper()
	var err error
	for i := 0; i < 3; i++ {
		if err = check(); err == nil {
			return
		}
		t.Logf("attempt %d: %v", i+1, err)
	}
	t.Error(err)
}

// ping (iputils, a real peer) across the relay must see the delay set: the
// relay adds 20 ms each way, so the round trip is 40 ms plus the veth's
// ~0.1 ms, and jitter +-5 ms on one direction spreads it over 35-45 ms.
// Nothing may come back faster than 35 ms (the delay is really applied);
// 90 % must fall within 35-47 ms (2 ms for scheduling: on a loaded machine a
// few frames wait for a CPU, which only ever adds delay); the average of
// those must be 40 +- 1.5 ms (3 sigma of 45 uniform draws is 2.2 ms / 2).
func TestPingSeesDelayAndJitter(t *testing.T) {
	p := impair.NewPath(t,
		impair.Shape{Delay: 20 * time.Millisecond},
		impair.Shape{Delay: 20 * time.Millisecond, Jitter: 5 * time.Millisecond}, 1)
	timeRE := regexp.MustCompile(`time=([\d.]+) ms`)
	retry(t, func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		out, err := p.Laptop.Run(ctx, "ping", "-c", "50", "-i", "0.02", p.SwitchAddr)
		if err != nil {
			return fmt.Errorf("%v\n%s", err, out)
		}
		var rtts []float64
		for _, m := range timeRE.FindAllSubmatch(out, -1) {
			v, _ := strconv.ParseFloat(string(m[1]), 64)
			rtts = append(rtts, v)
		}
		if len(rtts) != 50 {
			return fmt.Errorf("%d answers of 50 with no loss set", len(rtts))
		}
		var in []float64
		sum := 0.0
		for _, v := range rtts {
			if v < 34.5 {
				return fmt.Errorf("rtt %.2f ms is below the 35 ms the relay must add", v)
			}
			if v <= 47 {
				in = append(in, v)
				sum += v
			}
		}
		if len(in) < 45 {
			return fmt.Errorf("only %d of 50 round trips within 35-47 ms: %v", len(in), rtts)
		}
		if avg := sum / float64(len(in)); avg < 38.5 || avg > 41.5+0.5 {
			return fmt.Errorf("average %.2f ms, want 40 +- 1.5 (+0.5 veth and scheduling)", avg)
		}
		return nil
	})
	ab, ba := p.Relay.Stats()
	if ab.Forwarded < 50 || ba.Forwarded < 50 || ab.Dropped+ba.Dropped != 0 {
		t.Errorf("relay stats a->b %+v b->a %+v", ab, ba)
	}
}

// With 30 % loss one way, ping loses about 30 % (binomial, 300 probes: 3
// sigma is 8 points).
func TestPingSeesLoss(t *testing.T) {
	p := impair.NewPath(t, impair.Shape{}, impair.Shape{LossPercent: 30}, 7)
	retry(t, func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		out, _ := p.Laptop.Run(ctx, "ping", "-c", "300", "-i", "0.005", "-W", "1", "-q", p.SwitchAddr)
		m := regexp.MustCompile(`(\d+) received`).FindSubmatch(out)
		if m == nil {
			return fmt.Errorf("cannot read ping summary:\n%s", out)
		}
		recv, _ := strconv.Atoi(string(m[1]))
		if loss := 100 * float64(300-recv) / 300; loss < 22 || loss > 38 {
			return fmt.Errorf("loss %.1f%%, want 30 +- 8", loss)
		}
		return nil
	})
	_, ba := p.Relay.Stats()
	if ba.Dropped == 0 {
		t.Errorf("relay counted no drops: %+v", ba)
	}
}
