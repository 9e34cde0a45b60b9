package snmp_test

import (
	"context"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/lab/snmprec"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

// TestCisco3750PoEAndVoice checks PoE and voice VLAN per port against the
// raw values of the recording: POWER-ETHERNET-MIB rows are mapped to ports
// through cpeExtPsePortEntPhyIndex and entAliasMappingIdentifier.
func TestCisco3750PoEAndVoice(t *testing.T) {
	const name = "snmpsim-data_cisco_16_switch"
	rec, err := snmprec.ParseFile(recordingsDir + "/" + name + ".snmprec")
	if err != nil {
		t.Fatal(err)
	}
	raw := map[string]snmprec.Record{}
	for _, r := range rec.Records {
		raw[r.OID.String()] = r
	}
	sw := discoverRecording(t, name)
	if sw.Model != "WS-C3750-48PS-S" || sw.Version != "12.2(55)SE10" || sw.OS != "cisco_ios" {
		t.Errorf("identity = %s %s %s, want WS-C3750-48PS-S 12.2(55)SE10 cisco_ios", sw.Model, sw.Version, sw.OS)
	}
	ports := map[int]snapshot.Port{}
	for _, p := range sw.Ports {
		ports[p.IfIndex] = p
	}
	detection := map[int64]string{1: "disabled", 2: "searching", 3: "deliveringPower", 4: "fault", 5: "test", 6: "otherFault"}
	checked, powered := 0, 0
	for _, r := range rec.Records {
		idx, ok := strings.CutPrefix(r.OID.String(), "1.3.6.1.2.1.105.1.1.1.6.")
		if !ok {
			continue
		}
		ent := raw["1.3.6.1.4.1.9.9.402.1.2.1.11."+idx].Int
		alias := raw["1.3.6.1.2.1.47.1.3.2.1.2."+strconv.FormatInt(ent, 10)+".0"].OIDValue
		if len(alias) == 0 {
			t.Fatalf("recording has no entAliasMapping for PoE row %s", idx)
		}
		ifIndex := int(alias[len(alias)-1])
		p, ok := ports[ifIndex]
		if !ok || p.PoE == nil {
			t.Errorf("PoE row %s (ifIndex %d): port or its PoE missing", idx, ifIndex)
			continue
		}
		wantMw := int(raw["1.3.6.1.4.1.9.9.402.1.2.1.9."+idx].Uint)
		if p.PoE.Detection != detection[r.Int] || p.PoE.PowerMw != wantMw {
			t.Errorf("%s: PoE %s %d mW, want %s %d mW", p.Name, p.PoE.Detection, p.PoE.PowerMw, detection[r.Int], wantMw)
		}
		if want := raw["1.3.6.1.2.1.105.1.1.1.3."+idx].Int == 1; p.PoE.AdminEnabled != want {
			t.Errorf("%s: PoE admin %v, want %v", p.Name, p.PoE.AdminEnabled, want)
		}
		// pethPsePortPowerClassifications class0(1)..class4(5);
		// pethPsePortPowerPriority critical(1) high(2) low(3).
		wantClass := int(raw["1.3.6.1.2.1.105.1.1.1.10."+idx].Int) - 1
		wantPrio := map[int64]string{1: "critical", 2: "high", 3: "low"}[raw["1.3.6.1.2.1.105.1.1.1.7."+idx].Int]
		if p.PoE.Class != wantClass || p.PoE.Priority != wantPrio {
			t.Errorf("%s: PoE class %d priority %q, want %d %q", p.Name, p.PoE.Class, p.PoE.Priority, wantClass, wantPrio)
		}
		if wantMw > 0 {
			powered++
		}
		checked++
	}
	if checked != 48 || powered == 0 {
		t.Errorf("checked %d PoE ports (%d drawing power), want 48 with some drawing", checked, powered)
	}
	voiceRows := 0
	for _, r := range rec.Records {
		idx, ok := strings.CutPrefix(r.OID.String(), "1.3.6.1.4.1.9.9.68.1.5.1.1.1.")
		if !ok {
			continue
		}
		i, _ := strconv.Atoi(idx)
		want := int(r.Int)
		if want == 4096 { // none configured
			want = 0
		}
		if got := ports[i].VoiceVLAN; got != want {
			t.Errorf("ifIndex %d: voice VLAN %d, want %d (raw %d)", i, got, want, r.Int)
		}
		voiceRows++
	}
	if voiceRows != 52 {
		t.Errorf("checked %d vmVoiceVlanId rows, want 52", voiceRows)
	}
	if !sw.PoE.Supported || len(sw.PoE.PSEs) != 1 || sw.PoE.PSEs[0].PowerW != 370 || sw.PoE.PSEs[0].ConsumptionW != 30 {
		t.Errorf("PSE = %+v, want one of 370 W using 30 W", sw.PoE)
	}
}

func TestSNMPv3(t *testing.T) {
	s := sim(t)
	for _, u := range s.V3Users {
		t.Run(u.Name, func(t *testing.T) {
			sw := snmp.DiscoverSwitch(context.Background(), snmp.Target{Address: s.Addr}, snmp.Options{
				Credentials: snmp.Credentials{Version: "3", User: u.Name, AuthProto: u.AuthProto, AuthPass: u.AuthKey,
					PrivProto: u.PrivProto, PrivPass: u.PrivKey, Context: "cnmatrix"},
				Timeout: 5 * time.Second, Retries: 1,
			})
			if len(sw.Errors) > 0 || sw.Model != "TX1012-P-DC" || len(sw.Ports) != 14 {
				t.Fatalf("got model %q, %d ports, errors %v; want TX1012-P-DC, 14 ports, none", sw.Model, len(sw.Ports), sw.Errors)
			}
		})
	}
	t.Run("wrong passphrase", func(t *testing.T) {
		u := s.V3Users[0]
		const wrong = "not-the-passphrase"
		sw := snmp.DiscoverSwitch(context.Background(), snmp.Target{Address: s.Addr}, snmp.Options{
			Credentials: snmp.Credentials{Version: "3", User: u.Name, AuthProto: u.AuthProto, AuthPass: wrong,
				PrivProto: u.PrivProto, PrivPass: wrong, Context: "cnmatrix"},
			Timeout: 500 * time.Millisecond, Retries: 0,
		})
		if len(sw.Errors) != 1 || sw.SysDescr != "" || !snmp.NotRead(sw) ||
			!strings.HasPrefix(sw.Errors[0].Message, "SNMPv3 authentication failed: check the auth protocol and passphrase") {
			t.Fatalf("read with a wrong passphrase: %+v", sw)
		}
		for _, e := range sw.Errors {
			if strings.Contains(e.Message, wrong) {
				t.Fatalf("error shows the passphrase: %q", e.Message)
			}
		}
	})
}

func TestWrongCommunityTimesOut(t *testing.T) {
	s := sim(t)
	const community = "no-such-recording"
	snap := snmp.Discover(context.Background(), "site", []snmp.Target{{Address: s.Addr}}, snmp.Options{
		Credentials: snmp.Credentials{Community: community}, Timeout: 300 * time.Millisecond, Retries: 1,
	})
	if len(snap.Switches) != 0 || len(snap.Errors) != 1 {
		t.Fatalf("got switches %+v, errors %v; want none and one error", snap.Switches, snap.Errors)
	}
	e := snap.Errors[0]
	want := "timeout after 2 tries; check address, ACL, community, or try --snmp-version 3"
	if e.Target != s.Addr || e.Stage != "connect" || e.Message != want {
		t.Fatalf("error = %+v, want %s connect %q", e, s.Addr, want)
	}
	if strings.Contains(e.Message, community) {
		t.Fatal("error shows the community")
	}
}

// TestBrokenAgent reads a recording made of wrong types, absurd indexes and
// a huge port list: what is valid stays, each problem is an error of its
// stage, nothing panics.
func TestBrokenAgent(t *testing.T) {
	sw := discoverRecording(t, "broken")
	if sw.SysName != "broken" || len(sw.Ports) != 2 {
		t.Fatalf("got %q with %d ports, want broken with 2", sw.SysName, len(sw.Ports))
	}
	p1, p2 := sw.Ports[0], sw.Ports[1]
	if p1.Name != "port1" || p1.SpeedMbps != 0 || p1.PVID != 10 {
		t.Errorf("port1 = %+v; want speed unknown (wrong type), PVID 10", p1)
	}
	if p2.SpeedMbps != 100 || p2.PVID != 0 || len(p2.UntaggedVLANs) != 1 || p2.UntaggedVLANs[0] != 10 {
		t.Errorf("port2 = %+v; want 100 Mb/s, no PVID (9999 refused), untagged in 10", p2)
	}
	if len(p2.Neighbors) != 1 || p2.Neighbors[0].SysName != "phone" || len(p2.Neighbors[0].Capabilities) != 0 {
		t.Errorf("port2 neighbours = %+v; want phone without capabilities (wrong type)", p2.Neighbors)
	}
	wantErrs := map[string][]string{
		"interfaces": {"ifSpeed.1: agent answered OctetString, want an integer", "1 interface rows with an invalid ifIndex"},
		"vlans":      {"port list of 2000 octets", "invalid VLAN index", "dot1qPvid rows with an invalid port or VLAN"},
		"lldp":       {"lldpRemSysCapEnabled.0.2.1: agent answered Integer", "1 lldpRemTable rows with an unreadable index"},
		"poe":        {"PoE port rows [1.99] match no interface"},
	}
	for stage, msgs := range wantErrs {
		for _, m := range msgs {
			found := false
			for _, e := range sw.Errors {
				found = found || (e.Stage == stage && strings.Contains(e.Message, m))
			}
			if !found {
				t.Errorf("no %s error containing %q; errors: %v", stage, m, sw.Errors)
			}
		}
	}
}

// udpRelay relays SNMP between clients and snmpsimd on loopback. With
// dropBulk it drops every GetBulk request, as the Juniper MX of gosnmp
// issue 498 behaves; with delay it holds each packet that long in each
// direction (this kernel has no netem).
type udpRelay struct {
	conn      *net.UDPConn
	upstream  *net.UDPAddr
	dropBulk  bool
	delay     time.Duration
	dropped   atomic.Int64
	forwarded atomic.Int64
	wg        sync.WaitGroup
}

// later runs f after the relay's delay, or now.
func (r *udpRelay) later(f func()) {
	if r.delay == 0 {
		f()
		return
	}
	r.wg.Add(1)
	time.AfterFunc(r.delay, func() {
		defer r.wg.Done()
		f()
	})
}

func startBulkDropper(t testing.TB, upstream string) *udpRelay {
	return startRelay(t, upstream, true, 0)
}

func startRelay(t testing.TB, upstream string, dropBulk bool, delay time.Duration) *udpRelay {
	t.Helper()
	up, err := net.ResolveUDPAddr("udp4", upstream)
	if err != nil {
		t.Fatal(err)
	}
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	r := &udpRelay{conn: c, upstream: up, dropBulk: dropBulk, delay: delay}
	links := map[string]*net.UDPConn{}
	var mu sync.Mutex
	decoder := &gosnmp.GoSNMP{Version: gosnmp.Version2c}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		buf := make([]byte, 65535)
		for {
			n, from, err := c.ReadFromUDP(buf)
			if err != nil {
				return
			}
			packet := append([]byte(nil), buf[:n]...)
			if r.dropBulk {
				pkt, err := decoder.SnmpDecodePacket(append([]byte(nil), packet...))
				if err == nil && pkt.PDUType == gosnmp.GetBulkRequest {
					r.dropped.Add(1)
					continue
				}
			}
			mu.Lock()
			link := links[from.String()]
			if link == nil {
				link, err = net.DialUDP("udp4", nil, up)
				if err != nil {
					mu.Unlock()
					continue
				}
				links[from.String()] = link
				r.wg.Add(1)
				go func(link *net.UDPConn, client *net.UDPAddr) {
					defer r.wg.Done()
					b := make([]byte, 65535)
					for {
						n, err := link.Read(b)
						if err != nil {
							return
						}
						answer := append([]byte(nil), b[:n]...)
						r.later(func() { c.WriteToUDP(answer, client) })
					}
				}(link, from)
			}
			mu.Unlock()
			r.forwarded.Add(1)
			r.later(func() { link.Write(packet) })
		}
	}()
	t.Cleanup(func() {
		time.Sleep(2 * delay) // let packets in flight go out
		c.Close()
		mu.Lock()
		for _, l := range links {
			l.Close()
		}
		mu.Unlock()
		r.wg.Wait()
	})
	return r
}

func TestGetNextFallback(t *testing.T) {
	s := sim(t)
	relay := startBulkDropper(t, s.Addr)
	opts := snmp.Options{Credentials: snmp.Credentials{Community: "cnmatrix"}, Timeout: time.Second, Retries: 0}
	direct := snmp.DiscoverSwitch(context.Background(), snmp.Target{Address: s.Addr}, opts)
	viaRelay := snmp.DiscoverSwitch(context.Background(), snmp.Target{Address: relay.conn.LocalAddr().String()}, opts)
	if relay.dropped.Load() == 0 {
		t.Fatal("no GetBulk reached the relay")
	}
	if len(viaRelay.Errors) > 0 {
		t.Fatalf("errors through GetNext: %v", viaRelay.Errors)
	}
	if len(viaRelay.Ports) != len(direct.Ports) || len(viaRelay.VLANs) != len(direct.VLANs) || viaRelay.Model != direct.Model {
		t.Fatalf("through GetNext: %d ports, %d VLANs, model %q; direct: %d, %d, %q",
			len(viaRelay.Ports), len(viaRelay.VLANs), viaRelay.Model, len(direct.Ports), len(direct.VLANs), direct.Model)
	}
	for i := range direct.Ports {
		a, b := direct.Ports[i], viaRelay.Ports[i]
		if a.Name != b.Name || a.PVID != b.PVID || len(a.MACs) != len(b.MACs) {
			t.Errorf("port %d differs: direct %+v, GetNext %+v", a.IfIndex, a, b)
		}
	}
	t.Logf("relay dropped %d GetBulk, forwarded %d requests", relay.dropped.Load(), relay.forwarded.Load())
}

// TestProgressEvents: events come one at a time, each switch ends with one
// Done event carrying its row count.
func TestProgressEvents(t *testing.T) {
	s := sim(t)
	var inCall atomic.Int32
	var mu sync.Mutex
	done := map[string]snmp.Event{}
	opts := snmp.Options{Credentials: snmp.Credentials{Community: "procurve"}, Timeout: 5 * time.Second, Retries: 1,
		Progress: func(ev snmp.Event) {
			if inCall.Add(1) != 1 {
				t.Error("Progress called concurrently")
			}
			defer inCall.Add(-1)
			if ev.Done {
				mu.Lock()
				done[ev.Target] = ev
				mu.Unlock()
			}
		}}
	snmp.DiscoverSwitch(context.Background(), snmp.Target{Address: s.Addr}, opts)
	snap := snmp.Discover(context.Background(), "site", []snmp.Target{{Address: s.Addr}, {Address: "127.0.0.1:9"}}, opts)
	if len(done) != 2 || done[s.Addr].Rows < 1000 || done[s.Addr].Err != nil || done["127.0.0.1:9"].Err == nil {
		t.Fatalf("done events %+v", done)
	}
	if len(snap.Switches) != 1 || len(snap.Errors) != 1 || done[s.Addr].Total != 2 {
		t.Fatalf("switches %d, errors %v, total %d", len(snap.Switches), snap.Errors, done[s.Addr].Total)
	}
}
