//go:build linux

package audit

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/snmp"
)

// BenchmarkDiscoverAudit200Switches runs `voxlan audit --inventory` end to
// end on 200 simulated switches (lab/site: 4 real recordings served 50 times
// by the in-process agent on loopback): inventory load, SNMP discovery of
// every switch, audit, JSON out. Targets: < 15 s wall, < 150 MB.
//
//	go test ./cmd/voxlan/internal/audit -run XXX -bench DiscoverAudit -benchtime 1x
//
// peak-RSS-MB is the whole test process (agents included), from getrusage;
// agents-RSS-MB is the process once the 200 agents serve, before the audit:
// the difference is what discovery and audit add.
func BenchmarkDiscoverAudit200Switches(b *testing.B) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, inv := startBenchSite(ctx, b)
	agentsMB := vmRSSMB()
	getenv := func(k string) string {
		if k == "BENCH_COMMUNITY" {
			return s.Community()
		}
		return ""
	}
	var out bytes.Buffer
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		out.Reset()
		opts := testOpts(&out, &bytes.Buffer{})
		opts.Resolver = &inventory.Resolver{Getenv: getenv}
		opts.Discover = snmp.Discover
		opts.InventoryFile = inv
		opts.Output = "json"
		opts.Timeout, opts.Retries, opts.Concurrency = 2*time.Second, 2, snmp.DefaultConcurrency
		if err := auditRun(ctx, opts); err != nil && !strings.HasPrefix(err.Error(), "exit ") {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	r, err := audit.Decode(&out)
	if err != nil {
		b.Fatal(err)
	}
	if len(r.Ports) == 0 || r.Verdict == "" {
		b.Fatalf("empty audit: %d ports", len(r.Ports))
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
	}
	b.ReportMetric(agentsMB, "agents-RSS-MB")
	b.ReportMetric(time.Since(start).Seconds()/float64(b.N), "s/audit")
	b.ReportMetric(float64(len(r.Ports)), "ports")
	b.ReportMetric(float64(len(r.Findings)), "findings")
}

// startBenchSite starts the 200 simulated switches (lab/site: 4 real
// recordings served 50 times on loopback), closed when the benchmark ends,
// and writes the inventory of their site, community from $BENCH_COMMUNITY.
func startBenchSite(ctx context.Context, b *testing.B) (*site.Site, string) {
	s, err := site.Start(ctx, site.Options{Copies: 50})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	var yaml strings.Builder
	yaml.WriteString("sites:\n  - name: bench\n    users: 800\n    wan: {access: fibre, downKbps: 100000, upKbps: 100000}\n    snmp: {community: {env: BENCH_COMMUNITY}}\n    switches:\n")
	for _, sw := range s.Switches() {
		fmt.Fprintf(&yaml, "      - host: %s\n        name: %s\n", sw.Address, sw.Name)
	}
	return s, cmdtest.WriteFile(b, b.TempDir(), "sites.yaml", yaml.String())
}

// vmRSSMB reads this process's resident set now (Linux), 0 when unknown.
func vmRSSMB() float64 { return float64(procStatusKB("self", "VmRSS:")) / 1024 }

// BenchmarkDiscoverAudit200SwitchesProcess is the same audit run by the
// voxlan binary in its own process, so its wall time and peak RSS are
// voxlan's alone (the 200 agents stay in the benchmark process).
//
//	go test ./cmd/voxlan/internal/audit -run XXX -bench DiscoverAudit200SwitchesProcess -benchtime 1x
func BenchmarkDiscoverAudit200SwitchesProcess(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "voxlan")
	build := exec.Command("go", "build", "-o", bin, "github.com/voxlan/voxlan/cmd/voxlan")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, inv := startBenchSite(ctx, b)
	var maxRSS int64
	var wall time.Duration
	// Each audit is recorded, as a user's is, but in a history of the run's own.
	state := b.TempDir()
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.CommandContext(ctx, bin, "audit", "--inventory", inv, "-o", "json", "--out", os.DevNull)
		cmd.Env = append(os.Environ(), "BENCH_COMMUNITY="+s.Community(), "XDG_STATE_HOME="+state)
		var output bytes.Buffer
		cmd.Stdout, cmd.Stderr = &output, &output
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		// The child's rusage ru_maxrss is useless here: Go starts it with
		// CLONE_VM, so until exec it shares this process's memory and
		// Linux keeps that high-water mark. VmHWM of its own mm is not.
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		hwm := int64(0)
		tick := time.NewTicker(5 * time.Millisecond)
	wait:
		for {
			select {
			case err := <-done:
				wall = time.Since(start)
				if code := cmd.ProcessState.ExitCode(); code != 0 && code != 1 && code != 3 {
					b.Fatalf("voxlan audit: %v\n%s", err, output.String())
				}
				break wait
			case <-tick.C:
				hwm = max(hwm, vmHWMKB(cmd.Process.Pid))
			}
		}
		tick.Stop()
		maxRSS = max(maxRSS, hwm)
	}
	b.StopTimer()
	b.ReportMetric(wall.Seconds(), "s-wall")
	b.ReportMetric(float64(maxRSS)/1024, "voxlan-peak-RSS-MB")
}

// vmHWMKB is the peak resident set of process pid (its own address space)
// in kB, 0 once it is gone.
func vmHWMKB(pid int) int64 { return procStatusKB(strconv.Itoa(pid), "VmHWM:") }

// procStatusKB reads a field in kB ("VmRSS:", "VmHWM:") of /proc/PID/status
// (PID a number or "self"), 0 when the process or the field is not there.
func procStatusKB(pid, field string) int64 {
	data, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(rest), "%d", &kb)
			return kb
		}
	}
	return 0
}
