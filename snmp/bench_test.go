package snmp_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/snmp"
)

// BenchmarkDiscoverRecording times one discovery of each recording from
// snmpsimd on loopback (snmpsimd, a Python agent, is most of the time).
//
//	go test -run '^$' -bench BenchmarkDiscoverRecording -benchtime 3x ./snmp
func BenchmarkDiscoverRecording(b *testing.B) {
	entries, err := os.ReadDir(recordingsDir)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".snmprec")
		b.Run(name, func(b *testing.B) {
			var rows int
			for b.Loop() {
				sw := discoverRecording(b, name)
				rows = len(sw.Ports)
			}
			b.ReportMetric(float64(rows), "ports")
		})
	}
}

// BenchmarkDiscoverVsNetSNMP compares, in the same run, voxlan's discovery
// of one recording with net-snmp's snmpbulkwalk walking the same subtrees
// one after the other (what a script would do), both from snmpsimd on
// loopback, and reports the speed-up.
//
//	go test -run '^$' -bench BenchmarkDiscoverVsNetSNMP -benchtime 3x ./snmp
func BenchmarkDiscoverVsNetSNMP(b *testing.B) {
	compareWithNetSNMP(b, sim(b).Addr)
}

// BenchmarkDiscoverVsNetSNMPDelayed is the same through a relay adding
// 10 ms each way, a WAN link to a remote site.
//
//	go test -run '^$' -bench BenchmarkDiscoverVsNetSNMPDelayed -benchtime 2x ./snmp
func BenchmarkDiscoverVsNetSNMPDelayed(b *testing.B) {
	relay := startRelay(b, sim(b).Addr, false, 10*time.Millisecond)
	compareWithNetSNMP(b, relay.conn.LocalAddr().String())
}

func compareWithNetSNMP(b *testing.B, addr string) {
	labtest.RequireTools(b, "snmpbulkwalk")
	const community = "procurve"
	host, port, _ := strings.Cut(addr, ":")
	var voxlan, netsnmp time.Duration
	for b.Loop() {
		start := time.Now()
		sw := snmp.DiscoverSwitch(context.Background(), snmp.Target{Address: addr}, snmp.Options{
			Credentials: snmp.Credentials{Community: community}, Timeout: 5 * time.Second, Retries: 1})
		voxlan += time.Since(start)
		if len(sw.Ports) == 0 {
			b.Fatalf("nothing read: %v", sw.Errors)
		}
		start = time.Now()
		for _, oid := range snmp.Subtrees() {
			cmd := exec.Command("snmpbulkwalk", "-v2c", "-c", community, "-Cr25", "-On", "-t", "5", "-r", "1",
				"udp:"+host+":"+port, oid)
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("snmpbulkwalk %s: %v\n%s", oid, err, out)
			}
		}
		netsnmp += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(voxlan.Seconds()*1000/n, "voxlan-ms")
	b.ReportMetric(netsnmp.Seconds()*1000/n, "snmpbulkwalk-ms")
	b.ReportMetric(netsnmp.Seconds()/voxlan.Seconds(), "speedup")
}
