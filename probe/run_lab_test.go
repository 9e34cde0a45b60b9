//go:build linux

package probe_test

import (
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/dhcplab"
	"github.com/voxlan/voxlan/probe"
	"github.com/voxlan/voxlan/snapshot"
)

type stringsBuilder = strings.Builder

// A healthy site with a voice VLAN: both plans offered, DNS answered by the
// offered server (dnsmasq), gateway measured and passing, and the only
// findings are the ones planted: a name that does not exist (D5) and a
// closed port (F).
func TestRunHealthySite(t *testing.T) {
	s := dhcplab.NewSite(t, 20)
	dhcplab.Start(t, s.Switch, dhcplab.Server{
		Pools:      []dhcplab.Pool{s.DataPool(), s.VoicePool()},
		DNSRecords: map[string]string{"sip.lab.test": "198.18.10.50"},
	})
	res := runIn(t, s.Laptop, childOptions{
		Interface: s.LaptopDev, VoiceVLAN: 20, DHCPWait: 1500 * time.Millisecond,
		DNSNames: []string{"sip.lab.test", "nothere.lab.test"},
		Targets:  []string{dhcplab.DataGateway},
		Ports:    []probe.PortSpec{{Port: 53, Opening: "DNS"}, {Port: 5061, Opening: "SIP/TLS"}},
	})
	p := res.Probe
	if !p.RawAccess || len(p.DHCP) != 2 || len(p.DHCP[0].Offers) != 1 || len(p.DHCP[1].Offers) != 1 {
		t.Fatalf("DHCP results: %+v", p.DHCP)
	}
	var okLookup, failLookup *snapshot.DNSLookup
	for i, l := range p.DNS {
		if l.Name == "sip.lab.test" {
			okLookup = &p.DNS[i]
		} else {
			failLookup = &p.DNS[i]
		}
	}
	if okLookup == nil || !okLookup.OK || okLookup.Server != dhcplab.DataGateway || len(okLookup.Addresses) != 1 || okLookup.Addresses[0] != "198.18.10.50" {
		t.Errorf("sip.lab.test lookup: %+v", okLookup)
	}
	if failLookup == nil || failLookup.OK || failLookup.Rcode == "" {
		t.Errorf("nothere.lab.test lookup: %+v (want an answer with a failing rcode)", failLookup)
	}
	roles := map[string]snapshot.TransportTest{}
	for _, tr := range p.Transport {
		roles[tr.Role] = tr
	}
	for _, role := range []string{"gateway", "target"} {
		tr, ok := roles[role]
		if !ok || !tr.Pass || tr.Sent != 20 || tr.Received != 20 || tr.OneWayMs > 5 {
			t.Errorf("%s transport: %+v (want 20/20, pass, sub-5 ms on a veth)", role, tr)
		}
	}
	ports := map[int]string{}
	for _, pt := range p.Ports {
		ports[pt.Port] = pt.State
	}
	if ports[53] != snapshot.PortOpen || ports[5061] != snapshot.PortClosed {
		t.Errorf("ports: %v, want 53 open (dnsmasq) and 5061 closed", ports)
	}
	var got []string
	for _, f := range p.Findings {
		got = append(got, f.Requirement+"/"+f.Severity+"/"+f.Subject)
	}
	want := []string{"D5/fail/nothere.lab.test", "F/fail/198.18.10.1 tcp/5061"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("findings %v, want %v", got, want)
	}
}
