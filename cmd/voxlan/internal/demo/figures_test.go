//go:build linux

package demo

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/tuiwire/uitest"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/site"
	ui "github.com/voxlan/voxlan/tui"
)

// The figures for the terminal UI, printed by:
//
//	go test -run '^$' -bench . -benchtime 1x ./cmd/voxlan/internal/demo
//
// BenchmarkDemoTerminal runs the built `voxlan demo` in a real terminal
// (tmux, 80x24) and prints the time to the first screen, to the Site screen
// complete (every switch read and audited) and voxlan's peak RSS, with the
// baseline of the same run: `voxlan demo -o json`, the same discovery with
// no UI. BenchmarkInputLatency measures, in process, how long a key waits
// before Update takes it while a 40-switch discovery runs, against the same
// with nothing running.

func BenchmarkDemoTerminal(b *testing.B) {
	labtest.RequireTools(b, "tmux", "go")
	bin := uitest.BuildVoxlan(b)
	for range b.N {
		start := time.Now()
		cmd := exec.Command(bin, "demo", "-o", "json")
		out, err := cmd.Output()
		if err != nil || len(out) == 0 {
			b.Fatalf("voxlan demo -o json: %v", err)
		}
		baseline := time.Since(start)
		baselineRSS := 0
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			baselineRSS = int(ru.Maxrss) // kB on Linux
		}

		start = time.Now()
		tm := uitest.NewTmux(b, 80, 24, nil, bin, "demo")
		tm.WaitFor(30*time.Second, "1 Here", "q quit")
		first := time.Since(start)
		tm.Keys("2")
		tm.WaitFor(60*time.Second, "read in", "warn")
		complete := time.Since(start)
		rss := peakRSS(b, tm)
		tm.Keys("q")
		tm.Exited(10 * time.Second)

		b.ReportMetric(ms(baseline), "ms-demo-json-baseline")
		b.ReportMetric(ms(first), "ms-first-screen")
		b.ReportMetric(ms(complete), "ms-site-complete")
		b.ReportMetric(float64(rss)/1024, "MB-peak-rss")
		b.ReportMetric(float64(baselineRSS)/1024, "MB-peak-rss-json-baseline")
		b.Logf("voxlan demo in tmux 80x24: first screen %s, Site screen complete %s, peak RSS %.1f MB; baseline voxlan demo -o json (same discovery and site, no UI): %s, peak RSS %.1f MB",
			first.Round(time.Millisecond), complete.Round(time.Millisecond), float64(rss)/1024, baseline.Round(time.Millisecond), float64(baselineRSS)/1024)
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// peakRSS reads VmHWM (kB) of the voxlan process in the tmux pane.
func peakRSS(b *testing.B, tm *uitest.Tmux) int {
	b.Helper()
	pid := tm.ProgramPID()
	status, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		b.Fatalf("voxlan process %q: %v", pid, err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			return kb
		}
	}
	b.Fatalf("no VmHWM for voxlan process %s", pid)
	return 0
}

func BenchmarkInputLatency(b *testing.B) {
	for range b.N {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		// 40 switches with 20 ms each way: discovery runs for seconds.
		deps, stop, err := DemoDeps(sites.DefaultProfile, site.Options{Copies: 10, Delay: 20 * time.Millisecond})
		if err != nil {
			b.Fatal(err)
		}
		deps.Context = ctx
		rec := uitest.NewRecorder(ui.New(deps))
		tm := uitest.Run(b, rec, 80, 24)
		// Keys count from the first frame: before it the program is still
		// starting, which the first-screen figure measures.
		rec.WaitFor(b, 10*time.Second, "1 Here")

		busy, busyN := typeAndMeasure(rec, tm, rec.Working)
		for deadline := time.Now().Add(time.Minute); rec.Working(); time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				b.Fatal("the site was not read within a minute")
			}
		}
		idle, _ := typeAndMeasure(rec, tm, func() bool { return false })
		_, slowest := rec.KeyArrivals()
		tm.Quit(b)
		stop()
		cancel()

		b.ReportMetric(ms(busy[len(busy)-1]), "ms-max-key-wait-busy")
		b.ReportMetric(ms(pct(busy, 0.99)), "ms-p99-key-wait-busy")
		b.ReportMetric(ms(idle[len(idle)-1]), "ms-max-key-wait-idle")
		b.ReportMetric(ms(slowest), "ms-slowest-update")
		b.Logf("keys during discovery of 40 switches (%d keys): max wait %s, p99 %s, median %s; idle baseline (%d keys): max %s; slowest Update %s",
			busyN, busy[len(busy)-1], pct(busy, 0.99), pct(busy, 0.5), len(idle), idle[len(idle)-1], slowest)
	}
}

// typeAndMeasure presses screen keys every 20 ms (up to 200) while more()
// holds, then returns how long each waited before Update took it, sorted.
func typeAndMeasure(rec *uitest.Recorder, tm *uitest.Program, more func() bool) ([]time.Duration, int) {
	before, _ := rec.KeyArrivals()
	var sent []time.Time
	for i := 0; i < 200 && (i < 25 || more()); i++ {
		k := rune('1' + i%5)
		sent = append(sent, time.Now())
		tm.Send(tea.KeyPressMsg{Code: k, Text: string(k)})
		time.Sleep(20 * time.Millisecond)
	}
	deadline := time.Now().Add(10 * time.Second)
	var arrived []time.Time
	for time.Now().Before(deadline) {
		all, _ := rec.KeyArrivals()
		if arrived = all[len(before):]; len(arrived) >= len(sent) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	waits := make([]time.Duration, 0, len(sent))
	for i := range min(len(sent), len(arrived)) {
		waits = append(waits, arrived[i].Sub(sent[i]))
	}
	if len(waits) < len(sent) {
		panic(fmt.Sprintf("only %d of %d keys reached Update", len(waits), len(sent)))
	}
	slices.Sort(waits)
	return waits, len(sent)
}

func pct(sorted []time.Duration, p float64) time.Duration {
	return sorted[min(int(float64(len(sorted))*p), len(sorted)-1)]
}
