package audit

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/voxlan/voxlan/snapshot"
)

// bigSite is 200 switches of 50 ports (10,000 ports): per switch 2 uplinks
// with 30 tagged VLANs and 200 MACs, 30 phone ports (every third with a PC
// behind the phone, one cascade), 10 PC ports and 8 empty ports.
func bigSite(tb testing.TB) *snapshot.Snapshot {
	var switches []snapshot.Switch
	for s := range 200 {
		var ports []snapshot.Port
		idx := 0
		name := func() string { idx++; return fmt.Sprintf("Gi1/0/%d", idx) }
		for range 2 {
			up := uplinkPort(idx+1, name())
			up.Neighbors = []snapshot.Neighbor{lldpSwitch("core")}
			ports = append(ports, up)
		}
		for i := range 30 {
			p := phonePort(idx+1, name())
			mac := fmt.Sprintf("80:5e:c0:%02x:%02x:%02x", s, i, 1)
			p.Neighbors = []snapshot.Neighbor{lldpPhone(mac, "SIP-T46S")}
			p.MACs = []snapshot.MAC{{MAC: mac, VLAN: voiceVLAN}}
			if i%3 == 0 {
				p.MACs = append(p.MACs, snapshot.MAC{MAC: fmt.Sprintf("3c:52:82:%02x:%02x:01", s, i), VLAN: dataVLAN})
			}
			if i == 7 {
				p.MACs = append(p.MACs, snapshot.MAC{MAC: fmt.Sprintf("00:04:f2:%02x:%02x:09", s, i), VLAN: dataVLAN})
			}
			ports = append(ports, p)
		}
		for i := range 10 {
			p := pcPort(idx+1, name())
			p.MACs = []snapshot.MAC{{MAC: fmt.Sprintf("3c:52:82:%02x:%02x:02", s, i), VLAN: dataVLAN}}
			ports = append(ports, p)
		}
		for range 8 {
			p := pcPort(idx+1, name())
			p.OperUp, p.MACs, p.SpeedMbps = false, nil, 0
			ports = append(ports, p)
		}
		switches = append(switches, newSwitch(fmt.Sprintf("198.18.%d.%d", s/250, s%250+1), ports...))
	}
	snap := site(switches...)
	n := 0
	for _, sw := range snap.Switches {
		n += len(sw.Ports)
	}
	if n != 10000 {
		tb.Fatalf("built %d ports, want 10000", n)
	}
	return snap
}

// BenchmarkAudit200Switches audits the 10,000-port site. Target < 100 ms.
// go test ./audit -run XXX -bench Audit200 -benchmem
func BenchmarkAudit200Switches(b *testing.B) {
	snap := bigSite(b)
	prof := wte(b)
	b.ReportAllocs()
	b.ResetTimer()
	var r *Result
	for b.Loop() {
		r = Run(snap, prof, Site{})
	}
	b.StopTimer()
	b.ReportMetric(float64(len(r.Findings)), "findings")
	b.ReportMetric(float64(len(r.Ports)), "ports")
}

// BenchmarkDecodeSnapshot200Switches is the baseline from the same run:
// reading the same snapshot from its JSON (snapshot.Decode), which every
// offline audit pays first.
//
//	go test ./audit -run XXX -bench 200Switches -benchmem
func BenchmarkDecodeSnapshot200Switches(b *testing.B) {
	var buf bytes.Buffer
	if err := snapshot.Encode(&buf, bigSite(b)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := snapshot.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data))/1e6, "MB-json")
}

// BenchmarkBuildPlan200Switches is the plan of the same site.
func BenchmarkBuildPlan200Switches(b *testing.B) {
	r := Run(bigSite(b), wte(b), Site{})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		BuildPlan(r)
	}
}

func TestBigSiteShape(t *testing.T) {
	r := Run(bigSite(t), wte(t), Site{})
	c := map[Role]int{}
	for _, p := range r.Ports {
		c[p.Role]++
	}
	want := map[Role]int{RoleUplink: 400, RolePhone: 4000, RolePhonePC: 2000, RolePC: 2000, RoleEmpty: 1600}
	for role, n := range want {
		if c[role] != n {
			t.Errorf("%s: got %d, want %d", role, c[role], n)
		}
	}
	if n := len(findingsOf(r, ReqL7, "cascade")); n != 200 {
		t.Errorf("got %d cascade findings, want 200 (one per switch)", n)
	}
}
