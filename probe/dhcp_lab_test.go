//go:build linux

package probe_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/lab/dhcplab"
	"github.com/voxlan/voxlan/lab/netns"
	"github.com/voxlan/voxlan/lab/vlantap"
	"github.com/voxlan/voxlan/probe"
	"github.com/voxlan/voxlan/snapshot"
)

// openIn opens the probe's raw port inside ns (the socket keeps that
// namespace for life).
func openIn(t *testing.T, ns *netns.NS, dev string) capture.Port {
	t.Helper()
	var port capture.Port
	err := vlantap.InNetns(ns.Name, func() error {
		var err error
		port, err = capture.Open(dev, 0x0800)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { port.Close() })
	return port
}

var dataAndVoice = []probe.VLANSpec{
	{Role: snapshot.RoleData},
	{Role: snapshot.RoleVoice, VLAN: 20, Priority: 5},
}

func TestDHCPBothVLANs(t *testing.T) {
	s := dhcplab.NewSite(t, 20)
	dhcplab.Start(t, s.Switch, dhcplab.Server{Pools: []dhcplab.Pool{s.DataPool(), s.VoicePool()}})
	port := openIn(t, s.Laptop, s.LaptopDev)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var firsts []string
	got, err := probe.ProbeDHCP(ctx, port, probe.DHCPConfig{
		VLANs: dataAndVoice, Wait: 1500 * time.Millisecond,
		FirstOffer: func(role string, o snapshot.DHCPOffer) { firsts = append(firsts, role) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d VLAN results, want 2", len(got))
	}
	data, voice := got[0], got[1]
	if len(data.Offers) != 1 || len(voice.Offers) != 1 {
		t.Fatalf("offers: data %d voice %d, want 1 each: %+v", len(data.Offers), len(voice.Offers), got)
	}
	d, v := data.Offers[0], voice.Offers[0]
	for _, c := range []struct{ name, got, want string }{
		{"data server", d.ServerID, "198.18.10.1"},
		{"data network", d.Network, "198.18.10.0/24"},
		{"data mask", d.SubnetMask, "255.255.255.0"},
		{"data router", first(d.Routers), "198.18.10.1"},
		{"data dns", first(d.DNS), "198.18.10.1"},
		{"data domain", d.DomainName, "data.lab.test"},
		{"voice server", v.ServerID, "198.18.20.1"},
		{"voice network", v.Network, "198.18.20.0/24"},
		{"voice router", first(v.Routers), "198.18.20.1"},
		{"voice domain", v.DomainName, "voice.lab.test"},
		{"voice option 66", v.TFTPServerName, "tftp.voice.lab.test"},
		{"voice option 150", first(v.TFTPServers), "198.18.20.5"},
		{"voice option 43", v.VendorSpecificHex, "0104c6121405"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	if d.ReplyVLAN != 0 || v.ReplyVLAN != 20 {
		t.Errorf("reply VLANs: data %d voice %d, want 0 and 20", d.ReplyVLAN, v.ReplyVLAN)
	}
	if d.LeaseSeconds != 3600 {
		t.Errorf("lease %d s, want 3600", d.LeaseSeconds)
	}
	if len(firsts) != 2 {
		t.Errorf("FirstOffer called for %v, want both VLANs", firsts)
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// A PBX's own DHCP server on the data VLAN: both offers must be reported,
// each with its own plan.
func TestDHCPRogueServerOnDataVLAN(t *testing.T) {
	s := dhcplab.NewSite(t, 20)
	dhcplab.Start(t, s.Switch, dhcplab.Server{Pools: []dhcplab.Pool{s.DataPool(), s.VoicePool()}})
	rogue, dev := s.AddRogue(t)
	dhcplab.Start(t, rogue, dhcplab.Server{Pools: []dhcplab.Pool{{
		Interface: dev, Start: "198.18.10.200", End: "198.18.10.220", Mask: "255.255.255.0",
		Router: dhcplab.RogueAddr, TFTPName: "pbx.lab.test",
	}}})
	port := openIn(t, s.Laptop, s.LaptopDev)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	got, err := probe.ProbeDHCP(ctx, port, probe.DHCPConfig{VLANs: dataAndVoice, Wait: 1500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	servers := map[string]string{}
	for _, o := range got[0].Offers {
		servers[o.ServerID] = o.Address
	}
	if len(servers) != 2 || servers["198.18.10.1"] == "" || servers[dhcplab.RogueAddr] == "" {
		t.Fatalf("data VLAN servers %v, want 198.18.10.1 and %s", servers, dhcplab.RogueAddr)
	}
	if len(got[1].Offers) != 1 {
		t.Errorf("voice VLAN offers %d, want 1 (the rogue serves only untagged)", len(got[1].Offers))
	}
	f := probe.Judge(&snapshot.Probe{DHCP: got})
	if !hasFinding(f, "D4", "untagged") {
		t.Errorf("no D4 finding for two servers on the data VLAN: %+v", f)
	}
}

// A voice VLAN with no server: the data offer comes, the voice VLAN has none,
// and the finding is a D2 failure.
func TestDHCPNoVoiceServer(t *testing.T) {
	s := dhcplab.NewSite(t, 20)
	dhcplab.Start(t, s.Switch, dhcplab.Server{Pools: []dhcplab.Pool{s.DataPool()}})
	port := openIn(t, s.Laptop, s.LaptopDev)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	got, err := probe.ProbeDHCP(ctx, port, probe.DHCPConfig{VLANs: dataAndVoice, Wait: 1500 * time.Millisecond, Retransmit: 700 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if len(got[0].Offers) != 1 || len(got[1].Offers) != 0 {
		t.Fatalf("offers: data %d voice %d, want 1 and 0", len(got[0].Offers), len(got[1].Offers))
	}
	f := probe.Judge(&snapshot.Probe{DHCP: got})
	if !hasFinding(f, "D2", "vlan 20") {
		t.Errorf("no D2 failure for the silent voice VLAN: %+v", f)
	}
	if hasFinding(f, "D1", "") {
		t.Errorf("unexpected D1 finding with a working data server: %+v", f)
	}
}

// dnsmasq's default ping check delays the first OFFER by about 3 s; the
// default wait must still catch it.
func TestDHCPDefaultWaitCoversPingCheck(t *testing.T) {
	s := dhcplab.NewSite(t, 20)
	dhcplab.Start(t, s.Switch, dhcplab.Server{Ping: true, Pools: []dhcplab.Pool{s.DataPool(), s.VoicePool()}})
	port := openIn(t, s.Laptop, s.LaptopDev)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	got, err := probe.ProbeDHCP(ctx, port, probe.DHCPConfig{VLANs: dataAndVoice})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range got {
		if len(v.Offers) != 1 {
			t.Fatalf("%s VLAN: %d offers with ping check on and the default wait, want 1", v.Role, len(v.Offers))
		}
		if v.Offers[0].AfterMs < 2000 {
			t.Errorf("%s offer after %.0f ms: dnsmasq's ping check did not run, the test proves nothing", v.Role, v.Offers[0].AfterMs)
		}
		t.Logf("%s VLAN: offer after %.0f ms (wait %.1f s)", v.Role, v.Offers[0].AfterMs, v.WaitSeconds)
	}
}

// --full: REQUEST/ACK then RELEASE; dnsmasq's log must show the release.
func TestDHCPFullExchange(t *testing.T) {
	s := dhcplab.NewSite(t, 20)
	srv := dhcplab.Start(t, s.Switch, dhcplab.Server{Pools: []dhcplab.Pool{s.DataPool(), s.VoicePool()}})
	port := openIn(t, s.Laptop, s.LaptopDev)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	got, err := probe.ProbeDHCP(ctx, port, probe.DHCPConfig{VLANs: dataAndVoice, Wait: time.Second, Full: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range got {
		l := v.Lease
		if l == nil || !l.Granted || !l.Released || l.Address != v.Offers[0].Address {
			t.Errorf("%s VLAN lease %+v, want granted %s and released", v.Role, l, v.Offers[0].Address)
		}
	}
	deadline := time.Now().Add(3 * time.Second)
	for !(countOf(srv.Log(), "DHCPRELEASE") >= 2) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := countOf(srv.Log(), "DHCPRELEASE"); n < 2 {
		t.Errorf("dnsmasq logged %d DHCPRELEASE, want 2:\n%s", n, srv.Log())
	}
}

func hasFinding(fs []snapshot.ProbeFinding, req, subject string) bool {
	for _, f := range fs {
		if f.Requirement == req && (subject == "" || strings.Contains(f.Subject, subject)) && f.Severity == snapshot.SeverityFail {
			return true
		}
	}
	return false
}

func countOf(s, sub string) int { return strings.Count(s, sub) }

// A voice VLAN handed the same address plan as the data VLAN (a flat
// 198.18.0.0/16 on the voice side, overlapping the data /24): D2.
func TestDHCPVoicePlanOverlapsData(t *testing.T) {
	s := dhcplab.NewSite(t, 20)
	if err := s.Switch.IP("addr", "add", "198.18.11.1/16", "dev", s.VoiceDev); err != nil {
		t.Fatal(err)
	}
	flat := dhcplab.Pool{Interface: s.VoiceDev, Start: "198.18.11.100", End: "198.18.11.150", Mask: "255.255.0.0", Router: "198.18.11.1"}
	dhcplab.Start(t, s.Switch, dhcplab.Server{Pools: []dhcplab.Pool{s.DataPool(), flat}})
	port := openIn(t, s.Laptop, s.LaptopDev)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	got, err := probe.ProbeDHCP(ctx, port, probe.DHCPConfig{VLANs: dataAndVoice, Wait: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if len(got[1].Offers) != 1 || got[1].Offers[0].Network != "198.18.0.0/16" {
		t.Fatalf("voice offers %+v, want one in 198.18.0.0/16", got[1].Offers)
	}
	f := probe.Judge(&snapshot.Probe{DHCP: got})
	if !hasFinding(f, "D2", "vlan 20") || !strings.Contains(f[0].Message, "overlaps the data plan 198.18.10.0/24") {
		t.Errorf("findings %+v, want D2: voice plan overlaps the data plan", f)
	}
}
