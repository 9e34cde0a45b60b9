package here

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
	"github.com/voxlan/voxlan/tui/internal/tuitest"
)

func card(t *testing.T, m *Model, label string) Card {
	t.Helper()
	for _, c := range m.Cards() {
		if c.Label == label {
			return c
		}
	}
	t.Fatalf("no card %q", label)
	return Card{}
}

// TestDeclaredJack: the demo declares the jack; its cards come from what
// the switch says about that port once it is read.
func TestDeclaredJack(t *testing.T) {
	snap := tuitest.DemoSnapshot(t)
	m := New(&common.Deps{Jack: &common.Jack{Switch: "sw-core-3750", Port: "Fa3/0/3"}})
	m.SetSize(100, 20)
	if c := card(t, m, "Link"); c.State != common.StatePending {
		t.Fatalf("before the switch is read: got %s, want pending", c.State.Word())
	}
	m.Update(common.SnapshotMsg{Snapshot: snap})
	var port snapshot.Port
	for _, p := range snap.Switches[0].Ports {
		if p.Name == "Fa3/0/3" {
			port = p
		}
	}
	link := card(t, m, "Link")
	if !port.OperUp || link.State != common.StatePass || !strings.Contains(link.Value, "up 100 Mb/s") {
		t.Errorf("link: got %+v for port %+v", link, port)
	}
	if c := card(t, m, "Switch, port"); c.State != common.StatePass || c.Value != "sw-core-3750 port Fa3/0/3" {
		t.Errorf("switch card: %+v", c)
	}
	if c := card(t, m, "DHCP voice"); c.State != common.StateNA {
		t.Errorf("no probe in the demo: got %+v, want n/a", c)
	}
	_, cmd := m.Update(tuitest.Key("p"))
	if msg, ok := cmd().(common.ShowMsg); !ok || msg.Port != "Fa3/0/3" {
		t.Errorf("p: got %#v", cmd())
	}

	missing := New(&common.Deps{Jack: &common.Jack{Switch: "sw-core-3750", Port: "Fa9/9/9"}})
	missing.Update(common.SnapshotMsg{Snapshot: snap})
	if c := card(t, missing, "Link"); c.State != common.StateFail || !strings.Contains(c.Value, "no port Fa9/9/9") {
		t.Errorf("a jack on a port the switch lacks: %+v", c)
	}
}

// TestHeardOnTheWire: cards fill in from the LLDP-MED answer heard at the
// jack; two neighbours on one jack are a warning.
func TestHeardOnTheWire(t *testing.T) {
	heard := &snapshot.Here{Interface: "eth0", ListenedSeconds: 1.2, Neighbors: []snapshot.Neighbor{{
		Protocol: "lldp", ChassisID: "00:11:22:33:44:55", PortID: "Gi1/0/7", SysName: "sw-lab",
		Capabilities: []string{"bridge"}, NativeVLAN: 10,
		MED: &snapshot.MED{DeviceClass: "networkConnectivity", Policies: []snapshot.Policy{
			{Application: "voice", VLAN: 20, Tagged: true, Priority: 5, DSCP: 46}}},
	}}}
	m := New(&common.Deps{Here: func(_ context.Context, each func(snapshot.Neighbor)) (*snapshot.Here, error) {
		for _, n := range heard.Neighbors {
			each(n)
		}
		return heard, nil
	}})
	m.SetSize(100, 20)
	init := m.Init()
	if c := card(t, m, "Switch, port"); c.State != common.StatePending || !strings.Contains(c.Value, "listening") {
		t.Fatalf("while listening: %+v", c)
	}
	tuitest.Run(tuitest.Updater(m), init)
	for label, want := range map[string]string{
		"Switch, port": "sw-lab port Gi1/0/7",
		"Data VLAN":    "VLAN 10 untagged",
		"Voice VLAN":   "VLAN 20 tagged, priority 5, DSCP 46",
	} {
		if c := card(t, m, label); c.State != common.StatePass || c.Value != want {
			t.Errorf("%s: got %+v, want pass %q", label, c, want)
		}
	}
	if view := tuitest.Plain(m.View()); !strings.Contains(view, "eth0, listened 1.2s, 1 neighbours") {
		t.Errorf("view:\n%s", view)
	}

	heard.Neighbors = append(heard.Neighbors, snapshot.Neighbor{Protocol: "lldp", ChassisID: "aa:bb:cc:dd:ee:ff", PortID: "1", SysName: "phone"})
	m.Update(hereDoneMsg{here: heard})
	if c := card(t, m, "Switch, port"); c.State != common.StateWarn || !strings.Contains(c.Value, "2 neighbours on one jack") {
		t.Errorf("two neighbours: %+v", c)
	}
}

func TestNothingHeard(t *testing.T) {
	m := New(&common.Deps{Here: func(context.Context, func(snapshot.Neighbor)) (*snapshot.Here, error) {
		return nil, errors.New("lldp: eth0: needs root or CAP_NET_RAW")
	}})
	tuitest.Run(tuitest.Updater(m), m.Init())
	if c := card(t, m, "Switch, port"); c.State != common.StateNA || !strings.Contains(c.Value, "needs root or CAP_NET_RAW") {
		t.Errorf("got %+v", c)
	}
	none := New(&common.Deps{})
	if c := card(t, none, "Link"); c.State != common.StateNA || !strings.Contains(c.Value, "no jack") {
		t.Errorf("no jack at all: %+v", c)
	}
}

func TestProbeCards(t *testing.T) {
	p := &snapshot.Probe{Interface: "eth0",
		DHCP: []snapshot.DHCPVLAN{
			{Role: snapshot.RoleData, WaitSeconds: 2, Offers: []snapshot.DHCPOffer{
				{ServerID: "198.18.10.1", Address: "198.18.10.50", Network: "198.18.10.0/24", Routers: []string{"198.18.10.1"}, DNS: []string{"198.18.10.1"}},
				{ServerID: "198.18.10.2", Address: "198.18.10.99"}}},
			{Role: snapshot.RoleVoice, VLAN: 20, WaitSeconds: 2},
		},
		DNS:       []snapshot.DNSLookup{{Server: "198.18.10.1", Name: "sip.example", OK: true, Ms: 12}},
		Transport: []snapshot.TransportTest{{Target: "198.18.10.1", Role: "gateway", OneWayMs: 0.4, JitterMs: 0.1, Pass: true}},
	}
	m := New(&common.Deps{Here: func(context.Context, func(snapshot.Neighbor)) (*snapshot.Here, error) {
		return &snapshot.Here{Interface: "eth0"}, nil
	},
		Probe: func(context.Context, *snapshot.Here, func(snapshot.Probe)) (*snapshot.Probe, error) { return p, nil }})
	tuitest.Run(tuitest.Updater(m), m.Init())
	for label, want := range map[string]struct {
		state common.State
		value string
	}{
		"DHCP data":  {common.StateFail, "2 servers answer in untagged: 198.18.10.1, 198.18.10.2"},
		"DHCP voice": {common.StateFail, "no offer in VLAN 20 after 2.0s"},
		"DNS":        {common.StatePass, "1 lookups answered, slowest 12 ms"},
		"Gateway":    {common.StatePass, "198.18.10.1 0.4 ms one way, jitter 0.1 ms, loss 0%"},
		"Transport":  {common.StateNA, "no target named (--target)"},
	} {
		if c := card(t, m, label); c.State != want.state || c.Value != want.value {
			t.Errorf("%s: got %s %q, want %s %q", label, c.State.Word(), c.Value, want.state.Word(), want.value)
		}
	}

	// On Windows: the voice VLAN is known but its DHCP was not probed (tags
	// hidden), and the target was timed over TCP (no ICMP echo).
	p.DHCP = p.DHCP[:1]
	p.Skipped = []string{"dhcp voice: VLAN 20 not probed: Windows network drivers remove 802.1Q tags before Npcap sees a frame, so its tagged OFFERs cannot be heard; probed the data VLAN only"}
	p.Transport = append(p.Transport, snapshot.TransportTest{Target: "198.18.30.1", Role: "target", OneWayMs: 1.2, JitterMs: 0.3, Pass: true, Method: snapshot.TransportTCPConnect})
	m = New(&common.Deps{Here: func(context.Context, func(snapshot.Neighbor)) (*snapshot.Here, error) {
		return &snapshot.Here{Interface: "Ethernet 2"}, nil
	},
		Probe: func(context.Context, *snapshot.Here, func(snapshot.Probe)) (*snapshot.Probe, error) { return p, nil }})
	tuitest.Run(tuitest.Updater(m), m.Init())
	if c := card(t, m, "DHCP voice"); c.State != common.StateNA || c.Value != p.Skipped[0] {
		t.Errorf("DHCP voice with tags hidden: %s %q", c.State.Word(), c.Value)
	}
	if c := card(t, m, "Transport"); c.State != common.StatePass || c.Value != "198.18.30.1 1.2 ms one way, jitter 0.3 ms, loss 0% (timed TCP connects: no ICMP echo could be sent)" {
		t.Errorf("Transport over TCP: %s %q", c.State.Word(), c.Value)
	}
}

// TestCardsFillWhileListening: the switch card fills in from the first
// frame heard, before listening ends.
func TestCardsFillWhileListening(t *testing.T) {
	release := make(chan struct{})
	n := snapshot.Neighbor{Protocol: "cdp", ChassisID: "sw-cdp", PortID: "GigabitEthernet0/4", SysName: "sw-cdp", Capabilities: []string{"router", "bridge"}, NativeVLAN: 30, VoiceVLAN: 130}
	m := New(&common.Deps{Here: func(_ context.Context, heard func(snapshot.Neighbor)) (*snapshot.Here, error) {
		heard(n)
		<-release
		return &snapshot.Here{Interface: "eth0", ListenedSeconds: 5, Neighbors: []snapshot.Neighbor{n}}, nil
	}})
	first := m.Init()()
	if _, ok := first.(heardMsg); !ok {
		t.Fatalf("got %T, want the neighbour heard", first)
	}
	_, next := m.Update(first)
	if c := card(t, m, "Switch, port"); c.State != common.StatePass || c.Value != "sw-cdp port GigabitEthernet0/4" {
		t.Errorf("while listening: %+v", c)
	}
	if c := card(t, m, "Voice VLAN"); c.Value != "VLAN 130" {
		t.Errorf("CDP voice VLAN while listening: %+v", c)
	}
	close(release)
	m.Update(next())
	if m.listening || m.here.ListenedSeconds != 5 {
		t.Errorf("after the end: listening %v, here %+v", m.listening, m.here)
	}
}
