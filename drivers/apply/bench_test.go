package apply

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/voxlan/voxlan/drivers/cisco_ios"
)

// BenchmarkApply48 plans, applies and verifies the voice configuration of
// all 48 ports of one emulated switch over SSH (in-process server on
// loopback), with the lines pipelined in batches and, as the naive
// baseline, one line per round trip. Each iteration starts from a fresh
// switch. Reported: wall time per plan+apply+verify, SSH sessions and
// round trips (times the client waited for the switch).
func BenchmarkApply48(b *testing.B) {
	ports := make([]string, 48)
	for i := range ports {
		ports[i] = fmt.Sprintf("Gi1/0/%d", i+1)
	}
	changes := voiceChanges(ports...)
	for _, c := range []struct {
		batch int
		rtt   time.Duration
	}{{32, 0}, {1, 0}, {32, 20 * time.Millisecond}, {1, 20 * time.Millisecond}} {
		batch := c.batch
		name := fmt.Sprintf("batch=%d", batch)
		if batch == 1 {
			name += "(naive)"
		}
		if c.rtt > 0 {
			// A switch 20 ms away (SSH traffic delayed 10 ms each way).
			name += fmt.Sprintf("/rtt=%s", c.rtt)
		}
		b.Run(name, func(b *testing.B) {
			var sessions, trips, lines int
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				l := newLabB(b)
				l.Srv.SetLatency(c.rtt)
				b.StartTimer()
				ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
				sess, err := l.Dial(ctx, 10*time.Second)
				if err != nil {
					b.Fatal(err)
				}
				p, err := Plan(ctx, sess, cisco_ios.Driver{}, "sw1", changes, Guard{})
				if err != nil {
					b.Fatal(err)
				}
				r, err := Apply(ctx, sess, l.Dial, p, Options{BackupDir: b.TempDir(), Batch: batch})
				cancel()
				if err != nil || r.Outcome != OutcomeApplied {
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
