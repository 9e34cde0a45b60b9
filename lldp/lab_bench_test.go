//go:build linux

package lldp_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/lldplab"
	"github.com/voxlan/voxlan/lldp"
)

// BenchmarkTimeToIdentify measures, against lldpd in the lab (LLDP-MED
// switch, tx-interval 5 s, fast start on), the time from the start of
// `voxlan here` until the voice VLAN is known: with the phone probe and
// listening only, 10 runs each, and reports the medians. Run it with
// -benchtime=1x (bench/lldp.sh does): one iteration is 10 runs.
func BenchmarkTimeToIdentify(b *testing.B) {
	labtest.RequireTools(b, "lldpd", "lldpcli", "ip")
	const tx, runs = 5, 10
	j := newJack(b)
	lldplab.StartLLDPD(b, j.sw, j.swDev, lldplab.SwitchConfig("SW1", tx), "-l", "-ccc", "-M", "4")
	waitFrame(b, j.openLaptop(b), 2*tx*time.Second)
	measure := func(b *testing.B, probe bool, before func()) float64 {
		var secs []float64
		for range runs {
			before()
			// A fresh socket per run, as each `voxlan here` opens its own:
			// no frame queued earlier can answer.
			var port capture.Port
			if err := lldplab.Do(j.laptop, func() (err error) {
				port, err = capture.Open(j.laptopDev, lldp.CaptureEtherTypes...)
				return err
			}); err != nil {
				b.Fatal(err)
			}
			h, err := lldp.Here(b.Context(), port, j.laptopDev, lldp.HereOptions{Probe: probe, Wait: 3 * tx * time.Second, StopOnAnswer: true})
			port.Close()
			if err != nil {
				b.Fatal(err)
			}
			if h.Probe.AnswerSeconds == 0 {
				b.Fatalf("no answer in %v", 3*tx*time.Second)
			}
			secs = append(secs, h.Probe.AnswerSeconds)
		}
		slices.Sort(secs)
		b.Logf("probe=%v runs (s): %.4f", probe, secs)
		return (secs[runs/2-1] + secs[runs/2]) / 2
	}
	for b.Loop() {
		// Let the previous fast-start burst (4 frames, 1 s apart) finish so
		// it cannot answer the next run.
		probe := measure(b, true, func() { time.Sleep(3500 * time.Millisecond) })
		// A technician plugs in at a random moment of the switch's timer.
		passive := measure(b, false, func() { time.Sleep(time.Duration(rand.Float64() * tx * float64(time.Second))) })
		b.ReportMetric(probe, "probe_median_s")
		b.ReportMetric(passive, "passive_median_s")
		b.ReportMetric(passive/probe, "x_faster")
	}
}
