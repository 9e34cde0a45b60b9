package impair_test

import (
	"context"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/impair"
)

var rttRE = regexp.MustCompile(`(\d+) received.*\n.*= ([\d.]+)/([\d.]+)/([\d.]+)/([\d.]+) ms`)

// ping (iputils, a real peer) across the relay must see the delay set: the
// relay adds 20 ms each way, so the round trip is 40 ms plus the veth's
// ~0.1 ms, and jitter +-5 ms on one direction keeps min/max within 35-45 ms.
func TestPingSeesDelayAndJitter(t *testing.T) {
	p := impair.NewPath(t,
		impair.Shape{Delay: 20 * time.Millisecond},
		impair.Shape{Delay: 20 * time.Millisecond, Jitter: 5 * time.Millisecond}, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := p.Laptop.Run(ctx, "ping", "-c", "50", "-i", "0.02", "-q", p.SwitchAddr)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	m := rttRE.FindSubmatch(out)
	if m == nil {
		t.Fatalf("cannot read ping summary:\n%s", out)
	}
	recv, _ := strconv.Atoi(string(m[1]))
	minRTT, _ := strconv.ParseFloat(string(m[2]), 64)
	avg, _ := strconv.ParseFloat(string(m[3]), 64)
	maxRTT, _ := strconv.ParseFloat(string(m[4]), 64)
	if recv != 50 {
		t.Errorf("received %d of 50 with no loss set", recv)
	}
	if avg < 38 || avg > 44 {
		t.Errorf("avg rtt %.2f ms, want 40 +- 2 (+2 for scheduling)", avg)
	}
	if minRTT < 34.5 || maxRTT > 47 {
		t.Errorf("rtt min %.2f max %.2f, want within 35-45 (+2 for scheduling)", minRTT, maxRTT)
	}
	ab, ba := p.Relay.Stats()
	if ab.Forwarded < 50 || ba.Forwarded < 50 || ab.Dropped+ba.Dropped != 0 {
		t.Errorf("relay stats a->b %+v b->a %+v", ab, ba)
	}
}

// With 30 % loss one way, ping loses about 30 % (binomial, 300 probes: 3
// sigma is 8 points).
func TestPingSeesLoss(t *testing.T) {
	p := impair.NewPath(t, impair.Shape{}, impair.Shape{LossPercent: 30}, 7)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, _ := p.Laptop.Run(ctx, "ping", "-c", "300", "-i", "0.005", "-W", "1", "-q", p.SwitchAddr)
	m := regexp.MustCompile(`(\d+) received`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("cannot read ping summary:\n%s", out)
	}
	recv, _ := strconv.Atoi(string(m[1]))
	loss := 100 * float64(300-recv) / 300
	if loss < 22 || loss > 38 {
		t.Errorf("loss %.1f%%, want 30 +- 8", loss)
	}
	_, ba := p.Relay.Stats()
	if ba.Dropped == 0 {
		t.Errorf("relay counted no drops: %+v", ba)
	}
}
