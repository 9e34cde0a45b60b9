package capture

import (
	"net"
	"os"
	"path/filepath"
	"reflect"
	"testing"
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

// TestLinuxInterfaces: of a laptop's interfaces, in a /sys/class/net tree
// made in a temp dir, only physical Ethernet ports that are up with
// carrier are jacks; the others say what they are.
func TestLinuxInterfaces(t *testing.T) {
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
	sysIface(t, root, "wwan0", map[string]string{"type": "65534", "carrier": "1"}, true)
	sysIface(t, root, "tun0", map[string]string{"type": "65534", "carrier": "1"}, false)
	sysIface(t, root, "lo", map[string]string{"type": "772", "carrier": "1"}, false)
	up := net.FlagUp | net.FlagBroadcast | net.FlagMulticast
	mac := mustMAC(t, "02:00:5e:10:00:01")
	var ifaces []net.Interface
	for _, n := range []string{"lo", "enp3s0", "enx0011", "wlan0", "wlp2s0", "veth12", "br0", "eth1", "eth2", "wwan0", "tun0", "gone0"} {
		f := up
		switch n {
		case "lo":
			f = net.FlagUp | net.FlagLoopback
		case "eth2":
			f = net.FlagBroadcast
		}
		ifaces = append(ifaces, net.Interface{Name: n, Flags: f, HardwareAddr: mac})
	}
	all := linuxInterfaces(ifaces, root)
	kinds := map[string]string{}
	for _, ifc := range all {
		kinds[ifc.Name] = ifc.Kind
	}
	wantKinds := map[string]string{"lo": KindLoopback, "enp3s0": KindWired, "enx0011": KindWired, "wlan0": KindWireless, "wlp2s0": KindWireless,
		"veth12": KindVirtual, "br0": KindVirtual, "eth1": KindWired, "eth2": KindWired, "wwan0": KindOther, "tun0": KindVirtual, "gone0": KindVirtual}
	if !reflect.DeepEqual(kinds, wantKinds) {
		t.Errorf("kinds %v\nwant %v", kinds, wantKinds)
	}
	want := []Interface{
		{Name: "enp3s0", MAC: mac, SpeedMbps: 1000, Kind: KindWired, Up: true, Carrier: true},
		{Name: "enx0011", MAC: mac, Kind: KindWired, Up: true, Carrier: true},
	}
	if got := Jacks(all); !reflect.DeepEqual(got, want) {
		t.Errorf("jacks %+v\nwant %+v", got, want)
	}
}
