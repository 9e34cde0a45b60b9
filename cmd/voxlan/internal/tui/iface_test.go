package tui

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/voxlan/voxlan/probe"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

// sysIface writes one interface's sysfs attributes under root; device and
// the wireless markers are made as links or directories, as the kernel
// does.
func sysIface(t *testing.T, root, name string, attrs map[string]string, device bool, wireless ...string) {
	t.Helper()
	dir := filepath.Join(root, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for k, v := range attrs {
		if err := os.WriteFile(filepath.Join(dir, k), []byte(v+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if device {
		if err := os.Symlink(t.TempDir(), filepath.Join(dir, "device")); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range wireless {
		if err := os.Mkdir(filepath.Join(dir, w), 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWiredInterfaces: of a laptop's interfaces, only physical Ethernet
// ports that are up with carrier are jacks.
func TestWiredInterfaces(t *testing.T) {
	root := t.TempDir()
	eth := func(carrier, speed string) map[string]string {
		return map[string]string{"type": "1", "carrier": carrier, "speed": speed}
	}
	sysIface(t, root, "enp3s0", eth("1", "1000"), true)
	sysIface(t, root, "enx0011", eth("1", "-1"), true)          // USB adapter not saying its speed
	sysIface(t, root, "wlan0", eth("1", ""), true, "wireless")  // Wi-Fi, old marker
	sysIface(t, root, "wlp2s0", eth("1", ""), true, "phy80211") // Wi-Fi
	sysIface(t, root, "veth12", eth("1", "10000"), false)       // virtual: no device
	sysIface(t, root, "br0", eth("1", ""), false)               // bridge
	sysIface(t, root, "eth1", eth("0", ""), true)               // no cable
	sysIface(t, root, "eth2", eth("1", "100"), true)            // administratively down
	sysIface(t, root, "tun0", map[string]string{"type": "65534", "carrier": "1"}, false)
	sysIface(t, root, "lo", map[string]string{"type": "772", "carrier": "1"}, false)
	up := net.FlagUp | net.FlagBroadcast | net.FlagMulticast
	mac, _ := net.ParseMAC("02:00:5e:10:00:01")
	var ifaces []net.Interface
	for _, n := range []string{"lo", "enp3s0", "enx0011", "wlan0", "wlp2s0", "veth12", "br0", "eth1", "eth2", "tun0", "gone0"} {
		f := up
		switch n {
		case "lo":
			f = net.FlagUp | net.FlagLoopback
		case "eth2":
			f = net.FlagBroadcast
		}
		ifaces = append(ifaces, net.Interface{Name: n, Flags: f, HardwareAddr: mac})
	}
	got := WiredInterfaces(ifaces, root)
	want := []common.WiredInterface{
		{Name: "enp3s0", MAC: "02:00:5e:10:00:01", SpeedMbps: 1000},
		{Name: "enx0011", MAC: "02:00:5e:10:00:01"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

// TestHostInterfacesRefusedUnderTest: the host's own interfaces are never
// listed by a test binary, so no test can pick the host's jack.
func TestHostInterfacesRefusedUnderTest(t *testing.T) {
	if got, err := HostInterfaces(context.Background()); !errors.Is(err, errHostUnderTest) || got != nil {
		t.Fatalf("got %v, %v; want the refusal", got, err)
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
