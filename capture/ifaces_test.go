package capture

import (
	"errors"
	"net"
	"strings"
	"testing"
)

func mustMAC(t *testing.T, s string) net.HardwareAddr {
	t.Helper()
	mac, err := net.ParseMAC(s)
	if err != nil {
		t.Fatal(err)
	}
	return mac
}

// TestPickJack: the only wired interface with carrier is chosen; none or
// several is an error a technician can act on, naming what was seen.
func TestPickJack(t *testing.T) {
	wifi := Interface{Name: "en0", Kind: KindWireless, Up: true, Carrier: true}
	unplugged := Interface{Name: "Ethernet 2", Kind: KindWired, Up: true}
	disabled := Interface{Name: "eth1", Kind: KindWired, Carrier: true}
	jack := Interface{Name: "en5", Kind: KindWired, Up: true, Carrier: true, SpeedMbps: 1000}
	dock := Interface{Name: "en7", Kind: KindWired, Up: true, Carrier: true}

	got, err := PickJack([]Interface{wifi, unplugged, jack, disabled})
	if err != nil || got.Name != "en5" {
		t.Errorf("one jack: got %+v, %v", got, err)
	}
	_, err = PickJack([]Interface{wifi, unplugged, disabled})
	want := `no wired interface with carrier: plug the laptop into the jack, or give --iface NAME; seen: en0 (Wi-Fi), "Ethernet 2" (wired, no carrier), eth1 (wired, disabled)`
	if !errors.Is(err, ErrNoWiredInterface) || err.Error() != want {
		t.Errorf("no jack: %v\nwant %s", err, want)
	}
	if _, err := PickJack(nil); err == nil || !strings.HasSuffix(err.Error(), "seen: none") {
		t.Errorf("no interface at all: %v", err)
	}
	_, err = PickJack([]Interface{jack, dock})
	want = "several wired interfaces with carrier: en5 (wired, carrier, 1000 Mb/s), en7 (wired, carrier): give --iface NAME for the one on the jack"
	if !errors.Is(err, ErrSeveralWired) || err.Error() != want {
		t.Errorf("two jacks: %v\nwant %s", err, want)
	}
}

// TestWindowsInterface classifies adapters as GetAdaptersAddresses and
// GetIfEntry2Ex describe them on a docked laptop (values as `Get-NetAdapter
// | fl *` shows them: ifType, ConnectorPresent, MediaConnectState,
// NdisPhysicalMedium).
func TestWindowsInterface(t *testing.T) {
	mac := mustMAC(t, "3c:52:82:00:00:01")
	eth := func(name string, flags uint8, media, admin uint32) adapter {
		return adapter{Name: name, Description: "Intel(R) Ethernet Connection I219-LM", Device: `\Device\NPF_{4E273621-5161-46C8-895A-48DF7BF4C4A4}`,
			MAC: mac, IfType: ifTypeEthernet, OperStatus: ifOperStatusUp, Row: true, AdminStatus: admin,
			MediaConnect: media, PhysicalMedium: 14, StatusFlags: flags, RxSpeedBps: 1_000_000_000}
	}
	for _, c := range []struct {
		a    adapter
		kind string
		jack bool
	}{
		{eth("Ethernet", 0x05, mediaConnected, ifAdminStatusUp), KindWired, true},
		{eth("Ethernet 2", 0x15, 2, ifAdminStatusUp), KindWired, false},                  // cable out
		{eth("Ethernet 3", 0x05, mediaConnected, 2), KindWired, false},                   // disabled
		{eth("vEthernet (Default Switch)", 0x00, mediaConnected, 1), KindVirtual, false}, // Hyper-V
		{eth("VirtualBox Host-Only Network", 0x01, mediaConnected, 1), KindVirtual, false},
		{adapter{Name: "Wi-Fi", IfType: ifTypeIEEE80211, Row: true, AdminStatus: 1, MediaConnect: mediaConnected, StatusFlags: 0x05}, KindWireless, false},
		{adapter{Name: "Wi-Fi 2", IfType: ifTypeEthernet, Row: true, AdminStatus: 1, MediaConnect: mediaConnected, StatusFlags: 0x05, PhysicalMedium: physMediumNative11}, KindWireless, false},
		{adapter{Name: "Loopback Pseudo-Interface 1", IfType: ifTypeLoopback, OperStatus: ifOperStatusUp}, KindLoopback, false},
		{adapter{Name: "Cellular", IfType: 243, Row: true, AdminStatus: 1, MediaConnect: mediaConnected, StatusFlags: 0x05}, KindOther, false},
		// The interface table did not answer: the adapter list decides.
		{adapter{Name: "Ethernet 4", IfType: ifTypeEthernet, OperStatus: ifOperStatusUp}, KindWired, true},
	} {
		got := windowsInterface(c.a)
		if got.Kind != c.kind || got.Jack() != c.jack || got.Name != c.a.Name {
			t.Errorf("%s: got %+v, want kind %s jack %v", c.a.Name, got, c.kind, c.jack)
		}
	}
	if got := windowsInterface(eth("Ethernet", 0x05, mediaConnected, 1)); got.SpeedMbps != 1000 || got.Description == "" || got.MAC.String() != mac.String() {
		t.Errorf("speed, description or MAC lost: %+v", got)
	}
}

// TestDarwinInterface classifies interfaces by their SIOCGIFMEDIA words,
// as ifconfig -v shows them on a MacBook with a USB Ethernet adapter.
func TestDarwinInterface(t *testing.T) {
	mac := mustMAC(t, "a0:ce:c8:00:00:05")
	up := net.FlagUp | net.FlagBroadcast | net.FlagMulticast
	for _, c := range []struct {
		ifc     net.Interface
		m       ifMedia
		mediaOK bool
		kind    string
		jack    bool
		speed   int
	}{
		{net.Interface{Name: "en5", Flags: up, HardwareAddr: mac}, ifMedia{Status: 3, Active: 0x20 | 16}, true, KindWired, true, 1000},
		{net.Interface{Name: "en6", Flags: up, HardwareAddr: mac}, ifMedia{Status: 1, Active: 0x20}, true, KindWired, false, 0}, // no cable
		{net.Interface{Name: "en7", Flags: net.FlagBroadcast, HardwareAddr: mac}, ifMedia{Status: 3, Active: 0x20 | 6}, true, KindWired, false, 100},
		{net.Interface{Name: "en0", Flags: up, HardwareAddr: mac}, ifMedia{Status: 3, Active: 0x80}, true, KindWireless, false, 0},
		{net.Interface{Name: "bridge0", Flags: up, HardwareAddr: mac}, ifMedia{}, false, KindVirtual, false, 0},
		{net.Interface{Name: "utun0", Flags: up}, ifMedia{Status: 3, Active: 0x20}, true, KindVirtual, false, 0},
		{net.Interface{Name: "lo0", Flags: net.FlagUp | net.FlagLoopback}, ifMedia{}, false, KindLoopback, false, 0},
	} {
		got := darwinInterface(c.ifc, c.m, c.mediaOK)
		if got.Kind != c.kind || got.Jack() != c.jack || got.SpeedMbps != c.speed {
			t.Errorf("%s: got %+v, want kind %s jack %v speed %d", c.ifc.Name, got, c.kind, c.jack, c.speed)
		}
	}
}
