package here

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
	"github.com/voxlan/voxlan/tui/internal/tuitest"
)

// fakeJacks is an injected interface list and the listening JackOn gives
// for each interface: the Here screen never sees the host's interfaces.
type fakeJacks struct {
	ifaces   []common.WiredInterface
	err      error
	lists    int
	listened []string
}

func (f *fakeJacks) deps() *common.Deps {
	return &common.Deps{
		Interfaces: func(context.Context) ([]common.WiredInterface, error) {
			f.lists++
			return f.ifaces, f.err
		},
		JackOn: func(iface string) (common.HereFunc, common.ProbeFunc, error) {
			if iface == "broken0" {
				return nil, nil, errors.New("no such profile")
			}
			return func(context.Context, func(snapshot.Neighbor)) (*snapshot.Here, error) {
				f.listened = append(f.listened, iface)
				return &snapshot.Here{Interface: iface, ListenedSeconds: 1}, nil
			}, nil, nil
		},
	}
}

func TestOneInterfaceIsUsed(t *testing.T) {
	f := &fakeJacks{ifaces: []common.WiredInterface{{Name: "enp3s0", MAC: "02:00:5e:00:00:01", SpeedMbps: 1000}}}
	deps := f.deps()
	deps.TagsNote = "802.1Q tags are hidden from capture here (test)"
	m := New(deps)
	m.SetSize(100, 24)
	if strings.Contains(tuitest.Plain(m.View()), deps.TagsNote) {
		t.Error("the tags note should wait for a jack to be examined")
	}
	init := m.Init()
	if c := card(t, m, "Switch, port"); c.State != common.StatePending || !strings.Contains(c.Value, "looking for the wired interface") {
		t.Fatalf("while listing: %+v", c)
	}
	tuitest.Run(tuitest.Updater(m), init)
	if strings.Join(f.listened, ",") != "enp3s0" {
		t.Fatalf("listened on %q, want enp3s0", f.listened)
	}
	view := tuitest.Plain(m.View())
	if !strings.Contains(view, "enp3s0 (the only wired interface with a link), listened 1.0s") {
		t.Errorf("the Here screen should say which interface it took:\n%s", view)
	}
	if !strings.Contains(view, deps.TagsNote) {
		t.Errorf("the Here screen should say tags are hidden:\n%s", view)
	}
}

func TestSeveralInterfacesArePicked(t *testing.T) {
	f := &fakeJacks{ifaces: []common.WiredInterface{{Name: "enp3s0", SpeedMbps: 1000}, {Name: "enx001122", MAC: "00:11:22:33:44:55", SpeedMbps: 100}}}
	m := New(f.deps())
	m.SetSize(100, 24)
	tuitest.Run(tuitest.Updater(m), m.Init())
	if len(f.listened) != 0 {
		t.Fatalf("listened on %q before the technician picked", f.listened)
	}
	view := tuitest.Plain(m.View())
	for _, want := range []string{"2 wired interfaces have a link", "▸ enp3s0  1000 Mb/s", "  enx001122  00:11:22:33:44:55  100 Mb/s"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	if c := card(t, m, "DHCP data"); c.State != common.StatePending {
		t.Errorf("probe card while picking: %+v", c)
	}
	// enter picks rather than leaving for the Site screen.
	m.Update(tuitest.Key("down"))
	m.Update(tuitest.Key("down")) // stays on the last one
	_, cmd := m.Update(tuitest.Key("enter"))
	tuitest.Run(tuitest.Updater(m), cmd)
	if strings.Join(f.listened, ",") != "enx001122" {
		t.Fatalf("listened on %q, want the picked enx001122", f.listened)
	}
	if view := tuitest.Plain(m.View()); !strings.Contains(view, "enx001122 (picked), listened 1.0s") {
		t.Errorf("after picking:\n%s", view)
	}
	m.Update(tuitest.Key("up"))
	if _, cmd := m.Update(tuitest.Key("enter")); cmd == nil {
		t.Errorf("once picked, enter goes to the Site screen again")
	}
}

func TestNoInterfaceSaysSo(t *testing.T) {
	f := &fakeJacks{}
	m := New(f.deps())
	m.SetSize(120, 24)
	tuitest.Run(tuitest.Updater(m), m.Init())
	view := tuitest.Plain(m.View())
	if !strings.Contains(view, "no wired Ethernet interface has a link") || !strings.Contains(view, "--iface IF") {
		t.Errorf("no interface:\n%s", view)
	}
	if c := card(t, m, "Link"); c.State != common.StateNA || !strings.Contains(c.Value, "no jack") {
		t.Errorf("link card: %+v", c)
	}
	// Plugged in since: r looks again.
	f.ifaces = []common.WiredInterface{{Name: "eth0"}}
	_, cmd := m.Update(tuitest.Key("r"))
	tuitest.Run(tuitest.Updater(m), cmd)
	if f.lists != 2 || strings.Join(f.listened, ",") != "eth0" {
		t.Errorf("after r: listed %d times, listened on %q", f.lists, f.listened)
	}

	failing := &fakeJacks{err: errors.New("/sys/class/net: permission denied")}
	fm := New(failing.deps())
	fm.SetSize(120, 24)
	tuitest.Run(tuitest.Updater(fm), fm.Init())
	if view := tuitest.Plain(fm.View()); !strings.Contains(view, "could not list the interfaces: /sys/class/net: permission denied") {
		t.Errorf("listing error:\n%s", view)
	}

	// No jack, as the listing says it: what was seen, and what to do.
	none := &fakeJacks{err: fmt.Errorf("%w: plug the laptop into the jack, or give --iface NAME; seen: en0 (Wi-Fi)", common.ErrNoJack)}
	nm := New(none.deps())
	nm.SetSize(120, 24)
	tuitest.Run(tuitest.Updater(nm), nm.Init())
	if view := tuitest.Plain(nm.View()); !strings.Contains(view, "no wired interface with carrier: plug the laptop into the jack, or give --iface NAME; seen: en0 (Wi-Fi)") ||
		strings.Contains(view, "could not list") {
		t.Errorf("no jack:\n%s", view)
	}
	if !nm.canFindAgain() {
		t.Error("r should look again after no jack")
	}

	broken := &fakeJacks{ifaces: []common.WiredInterface{{Name: "broken0"}}}
	bm := New(broken.deps())
	bm.SetSize(120, 24)
	tuitest.Run(tuitest.Updater(bm), bm.Init())
	if c := card(t, bm, "Switch, port"); !strings.Contains(c.Value, "broken0: no such profile") {
		t.Errorf("JackOn error: %+v", c)
	}
}

// TestProbeCardsFillAsResultsArrive feeds the probe's checks one by one,
// as the probe finishes them: each card fills in with its own result while
// the others stay pending, and the judged probe replaces the parts.
func TestProbeCardsFillAsResultsArrive(t *testing.T) {
	m := New(&common.Deps{
		Here: func(context.Context, func(snapshot.Neighbor)) (*snapshot.Here, error) { return nil, nil },
		Probe: func(context.Context, *snapshot.Here, func(snapshot.Probe)) (*snapshot.Probe, error) {
			return nil, errors.New("not run in this test")
		},
	})
	m.SetSize(120, 24)
	// Nothing heard: no voice VLAN to try, said at once.
	_, cmd := m.Update(hereDoneMsg{here: &snapshot.Here{Interface: "eth0"}})
	if cmd == nil || !m.probing {
		t.Fatal("the probe should start once listening ends")
	}
	if c := card(t, m, "DHCP voice"); c.State != common.StateNA || c.Value != "not probed: no voice VLAN known" || c.Source != "probe on eth0" {
		t.Errorf("DHCP voice with no voice VLAN heard: %+v", c)
	}
	m.Update(hereDoneMsg{here: &snapshot.Here{Interface: "eth0", Neighbors: []snapshot.Neighbor{
		{Protocol: "cdp", ChassisID: "sw", PortID: "Gi0/4", SysName: "sw", Capabilities: []string{"bridge"}, VoiceVLAN: 20}}}})
	for _, l := range []string{"DHCP data", "DHCP voice", "DNS", "Gateway", "Transport"} {
		if c := card(t, m, l); c.State != common.StatePending {
			t.Errorf("%s before any result: %+v", l, c)
		}
	}
	ch := make(chan tea.Msg, 1)
	feed := func(part snapshot.Probe) {
		t.Helper()
		_, next := m.Update(probePartMsg{part: part, ch: ch})
		if next == nil {
			t.Fatal("no Cmd reading the next result")
		}
	}
	feed(snapshot.Probe{Interface: "eth0", DHCP: []snapshot.DHCPVLAN{{Role: snapshot.RoleData, WaitSeconds: 2, Offers: []snapshot.DHCPOffer{
		{ServerID: "198.18.10.1", Address: "198.18.10.50", Routers: []string{"198.18.10.1"}, DNS: []string{"198.18.10.1"}}}}}})
	if c := card(t, m, "DHCP data"); c.State != common.StatePass || !strings.Contains(c.Value, "198.18.10.50 from 198.18.10.1") {
		t.Errorf("DHCP data after its window closed: %+v", c)
	}
	for _, l := range []string{"DHCP voice", "DNS", "Gateway"} {
		if c := card(t, m, l); c.State != common.StatePending {
			t.Errorf("%s still running: %+v", l, c)
		}
	}
	feed(snapshot.Probe{Transport: []snapshot.TransportTest{{Target: "198.18.10.1", Role: "gateway", OneWayMs: 0.4, JitterMs: 0.1, Pass: true}}})
	feed(snapshot.Probe{DNS: []snapshot.DNSLookup{{Server: "198.18.10.1", Name: "sip.example", OK: true, Ms: 3}}})
	feed(snapshot.Probe{DNS: []snapshot.DNSLookup{{Server: "198.18.10.1", Name: "nothere.example", Rcode: "NXDOMAIN"}}})
	if c := card(t, m, "Gateway"); c.State != common.StatePass || !strings.Contains(c.Value, "0.4 ms one way") {
		t.Errorf("gateway: %+v", c)
	}
	if c := card(t, m, "DNS"); c.State != common.StateFail || !strings.Contains(c.Value, "1 of 2 lookups failed: nothere.example via 198.18.10.1: NXDOMAIN") {
		t.Errorf("DNS after two lookups: %+v", c)
	}
	feed(snapshot.Probe{Skipped: []string{"dhcp voice: no voice VLAN given (--voice-vlan) nor announced by LLDP-MED/CDP within 3s; probed the data VLAN only"}})
	if c := card(t, m, "DHCP voice"); c.State != common.StateNA || !strings.Contains(c.Value, "no voice VLAN given") {
		t.Errorf("DHCP voice skipped: %+v", c)
	}
	if c := card(t, m, "Transport"); c.State != common.StatePending {
		t.Errorf("transport not reported yet: %+v", c)
	}

	final := &snapshot.Probe{Interface: "eth0", DNS: []snapshot.DNSLookup{{Server: "198.18.10.1", Name: "sip.example", OK: true, Ms: 3}}}
	m.Update(probeDoneMsg{probe: final})
	if m.probing || m.probe != final {
		t.Fatalf("the judged probe should replace the parts")
	}
	if c := card(t, m, "Transport"); c.State != common.StateNA {
		t.Errorf("transport once done without targets: %+v", c)
	}
	// A part arriving late (after the end) changes nothing.
	m.Update(probePartMsg{part: snapshot.Probe{DNS: []snapshot.DNSLookup{{Name: "late"}}}, ch: ch})
	if len(m.probe.DNS) != 1 {
		t.Errorf("late part merged: %+v", m.probe.DNS)
	}
}

// TestProbeResultsReadOnePerCmd runs the real Cmd chain: the ProbeFunc
// reports two checks then returns; each comes back as its own message.
func TestProbeResultsReadOnePerCmd(t *testing.T) {
	final := &snapshot.Probe{Interface: "eth0", Skipped: []string{"dns: no names"}}
	m := New(&common.Deps{
		Here: func(context.Context, func(snapshot.Neighbor)) (*snapshot.Here, error) {
			return &snapshot.Here{Interface: "eth0"}, nil
		},
		Probe: func(_ context.Context, _ *snapshot.Here, found func(snapshot.Probe)) (*snapshot.Probe, error) {
			found(snapshot.Probe{DHCP: []snapshot.DHCPVLAN{{Role: snapshot.RoleData}}})
			found(snapshot.Probe{Skipped: []string{"dns: no names"}})
			return final, nil
		},
	})
	seen := tuitest.Run(tuitest.Updater(m), m.Init())
	var kinds []string
	for _, msg := range seen {
		switch msg.(type) {
		case hereDoneMsg:
			kinds = append(kinds, "here")
		case probePartMsg:
			kinds = append(kinds, "part")
		case probeDoneMsg:
			kinds = append(kinds, "done")
		}
	}
	if strings.Join(kinds, " ") != "here part part done" {
		t.Errorf("messages %v, want here part part done", kinds)
	}
	if m.probe != final {
		t.Errorf("probe %+v, want the final one", m.probe)
	}
}
