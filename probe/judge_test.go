package probe

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/snapshot"
)

func offer(server, addr, network string) snapshot.DHCPOffer {
	return snapshot.DHCPOffer{ServerID: server, Address: addr, Network: network, SubnetMask: "255.255.255.0",
		Routers: []string{server}, DNS: []string{server}}
}

func TestJudge(t *testing.T) {
	cases := []struct {
		name string
		p    snapshot.Probe
		want []string // requirement/severity/subject
	}{
		{"healthy", snapshot.Probe{DHCP: []snapshot.DHCPVLAN{
			{Role: "data", Offers: []snapshot.DHCPOffer{offer("10.0.0.1", "10.0.0.9", "10.0.0.0/24")}},
			{Role: "voice", VLAN: 20, Offers: []snapshot.DHCPOffer{offer("10.0.20.1", "10.0.20.9", "10.0.20.0/24")}},
		}}, nil},
		{"voice plan inside the data plan", snapshot.Probe{DHCP: []snapshot.DHCPVLAN{
			{Role: "data", Offers: []snapshot.DHCPOffer{offer("10.0.0.1", "10.0.0.9", "10.0.0.0/16")}},
			{Role: "voice", VLAN: 20, Offers: []snapshot.DHCPOffer{offer("10.0.20.1", "10.0.20.9", "10.0.20.0/24")}},
		}}, []string{"D2/fail/voice vlan 20"}},
		{"silent data VLAN", snapshot.Probe{DHCP: []snapshot.DHCPVLAN{{Role: "data", Offers: []snapshot.DHCPOffer{}}}},
			[]string{"D1/fail/untagged data VLAN"}},
		{"offer without router or mask", snapshot.Probe{DHCP: []snapshot.DHCPVLAN{{Role: "data",
			Offers: []snapshot.DHCPOffer{{ServerID: "10.0.0.1", Address: "10.0.0.9", DNS: []string{"10.0.0.1"}}}}}},
			[]string{"D1/fail/untagged data VLAN"}},
		{"same server twice is one server", snapshot.Probe{DHCP: []snapshot.DHCPVLAN{{Role: "data", Offers: []snapshot.DHCPOffer{
			offer("10.0.0.1", "10.0.0.9", "10.0.0.0/24"), offer("10.0.0.1", "10.0.0.9", "10.0.0.0/24")}}}}, nil},
		{"two servers", snapshot.Probe{DHCP: []snapshot.DHCPVLAN{{Role: "data", Offers: []snapshot.DHCPOffer{
			offer("10.0.0.1", "10.0.0.9", "10.0.0.0/24"), offer("10.0.0.254", "10.0.0.200", "10.0.0.0/24")}}}},
			[]string{"D4/fail/untagged data VLAN"}},
		{"lease refused", snapshot.Probe{DHCP: []snapshot.DHCPVLAN{{Role: "voice", VLAN: 20,
			Offers: []snapshot.DHCPOffer{offer("10.0.20.1", "10.0.20.9", "10.0.20.0/24")},
			Lease:  &snapshot.DHCPLease{ServerID: "10.0.20.1", Message: "NAK: address in use"}}}},
			[]string{"D2/fail/voice vlan 20"}},
		{"dns all fail, dns some fail", snapshot.Probe{DNS: []snapshot.DNSLookup{
			{Server: "a", Name: "x.test", Rcode: "NXDOMAIN"}, {Server: "b", Name: "x.test", Error: "no answer within 2s"},
			{Server: "a", Name: "y.test", OK: true}, {Server: "b", Name: "y.test", Error: "no answer within 2s"},
		}}, []string{"D5/fail/x.test", "D5/warn/y.test"}},
		{"transport", snapshot.Probe{Transport: []snapshot.TransportTest{
			{Role: "gateway", Target: "g", Pass: true},
			{Role: "target", Target: "t", Sent: 20, Received: 19, LossPercent: 5, MaxLossPercent: 1, MaxOneWayMs: 150, MaxJitterMs: 40},
			{Role: "target", Target: "u", Error: "no answer to 20 echo requests"},
		}}, []string{"T/fail/target t", "T/warn/target u"}},
		{"ports", snapshot.Probe{Ports: []snapshot.PortTest{
			{Target: "h", Port: 443, State: "open"}, {Target: "h", Port: 5061, State: "filtered", Opening: "SIP/TLS"},
		}}, []string{"F/fail/h tcp/5061"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, f := range Judge(&c.p) {
				got = append(got, f.Requirement+"/"+f.Severity+"/"+f.Subject)
				if f.Message == "" {
					t.Errorf("finding %v has no message", f)
				}
			}
			if strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	ms := func(v ...float64) []time.Duration {
		var out []time.Duration
		for _, x := range v {
			out = append(out, time.Duration(x*float64(time.Millisecond)))
		}
		return out
	}
	var r snapshot.TransportTest
	// 10, 14, lost, 12, late (2 s > 1 s timeout): answered 10, 14, 12.
	summarize(&r, ms(10, 14, 0, 12, 2000), time.Second, WTEThresholds)
	if r.Sent != 5 || r.Received != 3 || r.LossPercent != 40 || r.RTTMinMs != 10 || r.RTTMaxMs != 14 || r.RTTAvgMs != 12 || r.OneWayMs != 6 {
		t.Errorf("figures %+v", r)
	}
	if r.JitterMs != 3 { // |14-10| = 4, |12-14| = 2: mean 3
		t.Errorf("jitter %.2f, want 3", r.JitterMs)
	}
	if r.Pass {
		t.Error("40 % loss passed")
	}
	summarize(&r, ms(299, 299, 299, 299), time.Second, WTEThresholds) // one way 149.5 < 150
	if !r.Pass || r.LossPercent != 0 {
		t.Errorf("149.5 ms one way should pass: %+v", r)
	}
	summarize(&r, ms(300, 300), time.Second, WTEThresholds) // exactly 150: not below
	if r.Pass {
		t.Errorf("150 ms one way should fail (the threshold is strict): %+v", r)
	}
}

func TestVoiceVLANFrom(t *testing.T) {
	switchMED := snapshot.Neighbor{Protocol: "lldp", Capabilities: []string{"bridge"}, MED: &snapshot.MED{Policies: []snapshot.Policy{
		{Application: "voiceSignaling", VLAN: 21, Tagged: true}, {Application: "voice", VLAN: 20, Tagged: true, Priority: 6}}}}
	phone := snapshot.Neighbor{Protocol: "lldp", Capabilities: []string{"telephone"}, MED: &snapshot.MED{Policies: []snapshot.Policy{
		{Application: "voice", VLAN: 99, Tagged: true}}}}
	cdp := snapshot.Neighbor{Protocol: "cdp", VoiceVLAN: 30}
	unknown := snapshot.Neighbor{Protocol: "lldp", MED: &snapshot.MED{Policies: []snapshot.Policy{{Application: "voice", Unknown: true}}}}
	cases := []struct {
		name string
		ns   []snapshot.Neighbor
		vlan uint16
		prio uint8
	}{
		{"lldp-med", []snapshot.Neighbor{switchMED}, 20, 6},
		{"another phone on a hub is ignored", []snapshot.Neighbor{phone, cdp}, 30, 5},
		{"unknown policy", []snapshot.Neighbor{unknown}, 0, 0},
		{"nothing", nil, 0, 0},
	}
	for _, c := range cases {
		v, p := VoiceVLANFrom(&snapshot.Here{Neighbors: c.ns})
		if v != c.vlan || p != c.prio {
			t.Errorf("%s: got %d/%d, want %d/%d", c.name, v, p, c.vlan, c.prio)
		}
	}
	if v, _ := VoiceVLANFrom(nil); v != 0 {
		t.Error("nil here")
	}
}

func TestHostFallbackFiles(t *testing.T) {
	dir := t.TempDir()
	rc := filepath.Join(dir, "resolv.conf")
	os.WriteFile(rc, []byte("# x\nsearch lab\nnameserver 198.18.10.1\nnameserver 127.0.0.53\nnameserver ::1\nnameserver 198.18.10.2\n"), 0o644)
	got := resolvConfServers(rc)
	if len(got) != 2 || got[0].String() != "198.18.10.1" || got[1].String() != "198.18.10.2" {
		t.Errorf("resolv.conf servers %v (loopback stubs and IPv6 left out)", got)
	}
	route := filepath.Join(dir, "route")
	os.WriteFile(route, []byte("Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"+
		"eth1\t00000000\t01011EC6\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"+
		"eth0\t000A12C6\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"+
		"eth0\t00000000\t010A12C6\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"), 0o644)
	if gw, ok := defaultGateway(route, "eth0"); !ok || gw.String() != "198.18.10.1" {
		t.Errorf("default gateway via eth0: %v %v", gw, ok)
	}
	if _, ok := defaultGateway(route, "wlan0"); ok {
		t.Error("gateway found for an interface without a default route")
	}
}
