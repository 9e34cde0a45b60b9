//go:build linux

package probe

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/dhcplab"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/lldplab"
)

// BenchmarkJackCheck times the whole jack check on a healthy lab site:
// act as a phone until lldpd announces the voice VLAN (LLDP-MED fast start),
// DHCP in the data and voice VLANs with the default 4.5 s window (dnsmasq
// --no-ping answers in milliseconds; the window stays open for rogue
// servers), DNS through the offered server, 20 ICMP echoes to the gateway.
//
// The baseline, from the same run and the same lab, is what a technician
// would type with standard tools, one after the other: lab.md's scapy
// DHCP client in each VLAN (it sniffs 1.5 s for OFFERs, no rogue window),
// `ping -c 20 -i 0.02` to the gateway. LLDP is not in the baseline.
//
//	go test -run '^$' -bench JackCheck -benchtime 3x ./cmd/voxlan/internal/probe
func BenchmarkJackCheck(b *testing.B) {
	labtest.RequireTools(b, "dnsmasq", "lldpd", "ping", "/usr/bin/python3")
	s := dhcplab.NewSite(b, 20)
	dhcplab.Start(b, s.Switch, dhcplab.Server{
		Pools:      []dhcplab.Pool{s.DataPool(), s.VoicePool()},
		DNSRecords: map[string]string{"sip.lab.test": "198.18.10.50"},
	})
	lldplab.StartLLDPD(b, s.Switch, s.SwitchPort, lldplab.SwitchConfig("SW1", 30), "-M", "4")
	self, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	scapy := "../../../../lab/dhcplab/testdata/discover_scapy.py"
	run := func(cmd *exec.Cmd) time.Duration {
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v: %v\n%s", cmd.Args, err, out)
		}
		return time.Since(start)
	}
	var voxlan, baseline time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		cmd := s.Laptop.Command(ctx, self)
		cmd.Env = append(os.Environ(), childEnv+"=--iface "+s.LaptopDev+" --resolve sip.lab.test -o json")
		voxlan += run(cmd)
		b.StopTimer()
		baseline += run(s.Laptop.Command(ctx, "/usr/bin/python3", scapy, s.LaptopDev))
		baseline += run(s.Laptop.Command(ctx, "/usr/bin/python3", scapy, s.LaptopDev, "20"))
		baseline += run(s.Laptop.Command(ctx, "ping", "-q", "-c", "20", "-i", "0.02", dhcplab.DataGateway))
		b.StartTimer()
		cancel()
	}
	b.ReportMetric(voxlan.Seconds()/float64(b.N), "s/jackcheck")
	b.ReportMetric(baseline.Seconds()/float64(b.N), "s/baseline-scapy+ping")
	b.ReportMetric(0, "ns/op")
}
