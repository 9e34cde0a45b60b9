package audit

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
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
	s, err := site.Start(ctx, site.Options{Copies: 50})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	agentsMB := vmRSSMB()
	var yaml strings.Builder
	yaml.WriteString("sites:\n  - name: bench\n    users: 800\n    wan: {access: fibre, downKbps: 100000, upKbps: 100000}\n    snmp: {community: {env: BENCH_COMMUNITY}}\n    switches:\n")
	for _, sw := range s.Switches() {
		fmt.Fprintf(&yaml, "      - host: %s\n        name: %s\n", sw.Address, sw.Name)
	}
	inv := filepath.Join(b.TempDir(), "sites.yaml")
	if err := os.WriteFile(inv, []byte(yaml.String()), 0o644); err != nil {
		b.Fatal(err)
	}
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

// vmRSSMB reads the process's resident set now (Linux), 0 when unknown.
func vmRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(rest), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}
