package aruba_aoss_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/aruba_aoss"
)

// BenchmarkApply48 plans, applies and verifies the voice configuration of
// all 48 ports of the emulated AOS-S switch over SSH (in-process server on
// loopback), batched and, as the naive baseline, one line per round trip,
// with no added latency and with a 20 ms round trip. AOS-S takes a port
// list per VLAN, so 48 ports are a handful of lines.
func BenchmarkApply48(b *testing.B) {
	ports := make([]string, 48)
	for i := range ports {
		ports[i] = fmt.Sprint(i + 1)
	}
	changes := voiceChanges(ports...)
	for _, c := range []struct {
		batch int
		rtt   time.Duration
	}{{32, 0}, {1, 0}, {32, 20 * time.Millisecond}, {1, 20 * time.Millisecond}} {
		name := fmt.Sprintf("batch=%d", c.batch)
		if c.batch == 1 {
			name += "(naive)"
		}
		if c.rtt > 0 {
			name += fmt.Sprintf("/rtt=%s", c.rtt)
		}
		b.Run(name, func(b *testing.B) {
			var sessions, trips, lines int
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				l := newLab(b)
				l.Srv.SetLatency(c.rtt)
				b.StartTimer()
				ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
				sess, err := l.Dial(ctx, 10*time.Second)
				if err != nil {
					b.Fatal(err)
				}
				p, err := apply.Plan(ctx, sess, aruba_aoss.Driver{}, "sw1", changes, apply.Guard{})
				if err != nil {
					b.Fatal(err)
				}
				r, err := apply.Apply(ctx, sess, l.Dial, p, apply.Options{BackupDir: b.TempDir(), Batch: c.batch})
				cancel()
				if err != nil || r.Outcome != apply.OutcomeApplied {
					b.Fatalf("%v %s %s", err, r.Outcome, r.Failure)
				}
				b.StopTimer()
				sessions, trips, lines = r.Sessions, r.RoundTrips, len(r.Sent)
				l.Srv.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(sessions), "sessions/op")
			b.ReportMetric(float64(trips), "roundtrips/op")
			b.ReportMetric(float64(lines), "lines/op")
		})
	}
}
