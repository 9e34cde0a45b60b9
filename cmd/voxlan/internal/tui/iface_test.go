package tui

import (
	"context"
	"errors"
	"net"
	"reflect"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/probe"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

// TestHostJacks: the Here screen is given the wired interfaces with
// carrier of the listing, and when there is none an error it can tell
// from a failed listing, naming what was seen.
func TestHostJacks(t *testing.T) {
	mac, _ := net.ParseMAC("3c:52:82:00:00:01")
	all := []capture.Interface{
		{Name: "Wi-Fi", Kind: capture.KindWireless, Up: true, Carrier: true},
		{Name: "Ethernet 2", Kind: capture.KindWired, Up: true, Carrier: true, MAC: mac, SpeedMbps: 1000},
		{Name: "Ethernet 3", Kind: capture.KindWired, Up: true},
	}
	list := func(ifaces []capture.Interface, err error) cmdutil.InterfacesFunc {
		return func() ([]capture.Interface, error) { return ifaces, err }
	}
	got, err := HostJacks(list(all, nil))(context.Background())
	want := []common.WiredInterface{{Name: "Ethernet 2", MAC: "3c:52:82:00:00:01", SpeedMbps: 1000}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, %v; want %+v", got, err, want)
	}
	_, err = HostJacks(list(all[2:], nil))(context.Background())
	if !errors.Is(err, common.ErrNoJack) || !strings.Contains(err.Error(), `seen: "Ethernet 3" (wired, no carrier)`) {
		t.Errorf("no jack: %v", err)
	}
	broken := errors.New("GetAdaptersAddresses: access denied")
	if _, err := HostJacks(list(nil, broken))(context.Background()); !errors.Is(err, broken) || errors.Is(err, common.ErrNoJack) {
		t.Errorf("failed listing: %v", err)
	}
	if HostJacks(nil) != nil {
		t.Error("no listing should mean no search")
	}
}

// TestRunFindsJackWithoutIface: without --iface the UI gets the listing to
// find the jack, on the profile given; with --iface it listens there at
// once; replaying a snapshot looks for no jack.
func TestRunFindsJackWithoutIface(t *testing.T) {
	fake := func(context.Context) ([]common.WiredInterface, error) {
		return []common.WiredInterface{{Name: "enp3s0"}}, nil
	}
	run := func(opts *TUIOptions) *common.Deps {
		t.Helper()
		var deps *common.Deps
		opts.IO, opts.Getenv, opts.Open, opts.Interfaces = ttyIO(), func(string) string { return "" }, captureOpen(&deps), fake
		if err := tuiRun(context.Background(), opts); err != nil {
			t.Fatal(err)
		}
		return deps
	}
	deps := run(&TUIOptions{Targets: []string{"127.0.0.1:1"}, Profile: "mitel"})
	if deps.Here != nil || deps.Interfaces == nil || deps.JackOn == nil {
		t.Fatalf("without --iface: here %v, interfaces %v, jackOn %v", deps.Here != nil, deps.Interfaces != nil, deps.JackOn != nil)
	}
	if ifaces, _ := deps.Interfaces(context.Background()); len(ifaces) != 1 || ifaces[0].Name != "enp3s0" {
		t.Errorf("the injected list should be the one used, got %+v", ifaces)
	}
	if here, probe, err := deps.JackOn("enp3s0"); err != nil || here == nil || probe == nil {
		t.Errorf("JackOn: %v, here %v, probe %v", err, here != nil, probe != nil)
	}

	deps = run(&TUIOptions{Targets: []string{"127.0.0.1:1"}, Profile: DefaultProfile, Jack: JackOptions{Interface: "enp3s0"}})
	if deps.Here == nil || deps.Probe == nil || deps.Interfaces != nil {
		t.Errorf("with --iface: here %v, probe %v, interfaces %v", deps.Here != nil, deps.Probe != nil, deps.Interfaces != nil)
	}
	deps = run(&TUIOptions{SnapshotFile: "../../../../tui/testdata/demo-site.json", Profile: DefaultProfile})
	if deps.Interfaces != nil || deps.Here != nil {
		t.Errorf("a replay should not look for a jack")
	}

	declared := &common.Deps{Jack: &common.Jack{Switch: "sw", Port: "1"}}
	FindJack(declared, JackOptions{}, fake)
	bare := &common.Deps{}
	FindJack(bare, JackOptions{}, fake)
	if declared.Interfaces != nil || bare.Interfaces == nil || bare.JackOn == nil {
		t.Errorf("FindJack: declared jack got a search %v, bare deps got none %v", declared.Interfaces != nil, bare.Interfaces == nil)
	}
}

func TestProbePart(t *testing.T) {
	dhcp := snapshot.DHCPVLAN{Role: snapshot.RoleVoice, VLAN: 20}
	dns := snapshot.DNSLookup{Name: "sip.example", OK: true}
	tr := snapshot.TransportTest{Role: "gateway", Target: "198.18.10.1"}
	ports := []snapshot.PortTest{{Target: "198.18.10.1", Port: 5061, State: snapshot.PortClosed}}
	for _, c := range []struct {
		part probe.Partial
		want snapshot.Probe
	}{
		{probe.Partial{DHCP: &dhcp}, snapshot.Probe{Interface: "eth0", DHCP: []snapshot.DHCPVLAN{dhcp}}},
		{probe.Partial{DNS: &dns}, snapshot.Probe{Interface: "eth0", DNS: []snapshot.DNSLookup{dns}}},
		{probe.Partial{Transport: &tr}, snapshot.Probe{Interface: "eth0", Transport: []snapshot.TransportTest{tr}}},
		{probe.Partial{Ports: ports}, snapshot.Probe{Interface: "eth0", Ports: ports}},
		{probe.Partial{Skipped: "dns: no names"}, snapshot.Probe{Interface: "eth0", Skipped: []string{"dns: no names"}}},
	} {
		if got := probePart("eth0", c.part); !reflect.DeepEqual(got, c.want) {
			t.Errorf("probePart(%+v) = %+v, want %+v", c.part, got, c.want)
		}
	}
}
