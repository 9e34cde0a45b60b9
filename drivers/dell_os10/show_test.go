package dell_os10

import (
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// TestParseLLDPNeighborsReal reads intel/mfd-switchmanagement's real
// output: a "Not Advertised" name, a name cut to "...", a chassis id cut
// short, a breakout port and the management port.
func TestParseLLDPNeighborsReal(t *testing.T) {
	ns, err := ParseLLDPNeighbors(drivertest.ReadFile(t, "testdata/mfd/show_lldp_neighbors.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := []drivers.Neighbor{
		{LocalPort: "ethernet1/1/3:1", PortID: "00:78:57:aa:bb:cc", ChassisID: "39373638-3935-5A43-4A39-", Capabilities: []string{}},
		{LocalPort: "ethernet1/1/31", SysName: "B-R03-U23-Mellano...", PortID: "Eth1/32", ChassisID: "24:8a:07:bb:cc:aa", Capabilities: []string{}},
		{LocalPort: "mgmt1/1/1", SysName: "LAB-7103-B-R04", PortID: "19", ChassisID: "00:04:96:dd:ff:aa", Capabilities: []string{}},
	}
	if len(ns) != len(want) {
		t.Fatalf("got %d neighbours %+v, want %d", len(ns), ns, len(want))
	}
	for i := range want {
		if g, w := ns[i], want[i]; g.LocalPort != w.LocalPort || g.SysName != w.SysName || g.PortID != w.PortID || g.ChassisID != w.ChassisID {
			t.Errorf("row %d: got %+v, want %+v", i, g, w)
		}
	}
}

// TestEmulatorOutputs: every show output of the OS10 emulator reads back
// as the switch is.
func TestEmulatorOutputs(t *testing.T) {
	dev := clisim.NewOS10("os10-1", 10, "198.18.1.2")
	dev.AddPhone("ethernet1/1/2")
	sh := dev.NewShell()
	for _, l := range []string{"configure terminal", "interface vlan20", "description VOICE", "exit",
		"interface ethernet1/1/2", "switchport mode trunk", "switchport trunk allowed vlan 20", "end"} {
		if out, _ := sh.Exec(l); out != "" {
			t.Fatalf("%s: %s", l, out)
		}
	}
	show := func(c string) string {
		out, _ := sh.Exec(c)
		return out
	}
	vl, err := ParseVLANs(show("show vlan"))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int]VLANEntry{}
	for _, v := range vl {
		byID[v.ID] = v
	}
	if v := byID[20]; v.Description != "VOICE" || !slices.Equal(v.Tagged, []string{"ethernet1/1/2"}) {
		t.Errorf("VLAN 20: %+v", v)
	}
	if v := byID[10]; len(v.Access) != 48 || !slices.Contains(v.Tagged, "ethernet1/1/49") || v.Description != "DATA" {
		t.Errorf("VLAN 10: %d access, %+v", len(v.Access), v)
	}
	st, err := ParseInterfaceStatus(show("show interface status"))
	if err != nil {
		t.Fatal(err)
	}
	if len(st) != 54 || st[1].Port != "ethernet1/1/2" || st[1].Mode != "T" || st[1].VLAN != 10 || !slices.Equal(st[1].Tagged, []int{20}) || st[1].Status != "up" {
		t.Errorf("status: %d rows, row 2 %+v", len(st), st[1])
	}
	if st[48].Description != "uplink core" || speedMbps(st[48].Speed) != 10000 {
		t.Errorf("uplink row %+v", st[48])
	}
	ns, err := ParseLLDPNeighbors(show("show lldp neighbors"))
	if err != nil || len(ns) != 2 || ns[0].LocalPort != "ethernet1/1/2" || ns[1].SysName != "core1" || ns[1].PortID != "Te1/0/24" {
		t.Errorf("neighbors %+v %v", ns, err)
	}
	det, err := ParseLLDPDetail(show("show lldp neighbors detail"))
	if err != nil || len(det) != 2 || !slices.Equal(det[0].Capabilities, []string{"bridge", "telephone"}) ||
		!slices.Equal(det[1].Capabilities, []string{"bridge", "router"}) || det[1].LocalPort != "ethernet1/1/49" {
		t.Errorf("detail %+v %v", det, err)
	}
	v := ParseVersion(show("show version"))
	if v.Version != "10.5.4.2" || v.Model != "S4148T-ON" || !(Driver{}).IdentifyCLI(show("show version")) {
		t.Errorf("version %+v", v)
	}
	cfg, err := Driver{}.ParseConfig(show("show running-configuration"))
	if err != nil {
		t.Fatal(err)
	}
	if p := cfg.Ports["ethernet1/1/2"]; p.Mode != drivers.ModeTrunk || !slices.Equal(p.TaggedVLANs, []int{20}) || p.DataVLAN != 10 {
		t.Errorf("1/1/2 %+v", p)
	}
	if cfg.Addresses["198.18.1.2"] != 99 || cfg.VLANs[99].Name != "MGMT" {
		t.Errorf("addresses %v vlans %v", cfg.Addresses, cfg.VLANs)
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		f    func(string) error
		in   string
	}{
		{"vlan without header", func(s string) error { _, err := ParseVLANs(s); return err }, "1 Active"},
		{"vlan range", func(s string) error { _, err := ParseVLANs(s); return err },
			"    NUM    Status    Description                     Q Ports\n*   1      Active                                    A Eth1/1/9-1/1/2\n"},
		{"status without header", func(s string) error { _, err := ParseInterfaceStatus(s); return err }, "Eth 1/1/1 up"},
		{"status vlan", func(s string) error { _, err := ParseInterfaceStatus(s); return err },
			"Port            Description     Status   Speed    Duplex   Mode Vlan Tagged-Vlans\nEth 1/1/1                       up       1G       full     A    5000 -\n"},
		{"lldp without header", func(s string) error { _, err := ParseLLDPNeighbors(s); return err }, "ethernet1/1/1 x y z"},
		{"detail without record", func(s string) error { _, err := ParseLLDPDetail(s); return err }, "nothing here"},
		{"config empty", func(s string) error { _, err := Driver{}.ParseConfig(s); return err }, "!\n!\n"},
		{"config policy", func(s string) error { _, err := Driver{}.ParseConfig(s); return err },
			"lldp med network-policy 40 app voice vlan 20 vlan-type tag priority 5 dscp 46\n"},
		{"config access vlan", func(s string) error { _, err := Driver{}.ParseConfig(s); return err },
			"interface ethernet1/1/1\n switchport access vlan 0\n"},
	} {
		if err := c.f(c.in); err == nil || !strings.Contains(err.Error(), "dell_os10") {
			t.Errorf("%s: error %v", c.name, err)
		}
	}
}
