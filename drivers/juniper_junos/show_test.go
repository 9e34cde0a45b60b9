package juniper_junos

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/drivers/drivertest"
)

// TestParseVLANsNTC: a real ELS `show vlans` (member units on their own
// lines, a {master:0} line at the end) against ntc-templates.
func TestParseVLANsNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "show_vlans") {
		got, err := ParseVLANs(drivertest.ReadFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: got %d VLANs, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g, where := got[i], raw+" row "+strconv.Itoa(i)
			drivertest.Check(t, where, "routing_instance", g.Instance, drivertest.Str(w["routing_instance"]))
			drivertest.Check(t, where, "vlan_name", g.Name, drivertest.Str(w["vlan_name"]))
			drivertest.Check(t, where, "tag", strconv.Itoa(g.Tag), drivertest.Str(w["tag"]))
			if wi := drivertest.Strs(w["interfaces"]); !slices.Equal(g.Interfaces, wi) {
				t.Errorf("%s interfaces: got %q, want %q", where, g.Interfaces, wi)
			}
		}
	}
}

// TestParseSwitchingInterfacesNTC: a real pre-ELS `show
// ethernet-switching interfaces` (blocking states with spaces, VLANs on
// continuation lines) against ntc-templates.
func TestParseSwitchingInterfacesNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "show_ethernet-switching_interfaces") {
		got, err := ParseSwitchingInterfaces(drivertest.ReadFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: got %d interfaces, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g, where := got[i], raw+" row "+strconv.Itoa(i)
			drivertest.Check(t, where, "interface", g.Interface, drivertest.Str(w["interface"]))
			drivertest.Check(t, where, "status", g.State, drivertest.Str(w["status"]))
			var names, ids, tagging, blocking []string
			for _, m := range g.Members {
				names = append(names, m.VLAN)
				if m.Tag != 0 {
					ids = append(ids, strconv.Itoa(m.Tag))
				}
				if m.Tagging != "" {
					tagging = append(tagging, m.Tagging)
				}
				blocking = append(blocking, m.Blocking)
			}
			for _, f := range []struct {
				key string
				got []string
			}{{"vlan_member", names}, {"vlan_id", ids}, {"tagging", tagging}, {"port_error", blocking}} {
				if wl := drivertest.Strs(w[f.key]); !slices.Equal(f.got, wl) && len(f.got)+len(wl) > 0 {
					t.Errorf("%s %s: got %q, want %q", where, f.key, f.got, wl)
				}
			}
		}
	}
}

// TestParseLLDPNeighborsNTC: two real `show lldp neighbors` (with and
// without aggregated parents) against ntc-templates.
func TestParseLLDPNeighborsNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "show_lldp_neighbors") {
		got, err := ParseLLDPNeighbors(drivertest.ReadFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: got %d neighbours, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g, where := got[i], raw+" neighbour "+strconv.Itoa(i)
			drivertest.Check(t, where, "local_interface", g.LocalPort, drivertest.Str(w["local_interface"]))
			drivertest.Check(t, where, "chassis_id", g.ChassisID, drivertest.Str(w["chassis_id"]))
			drivertest.Check(t, where, "neighbor_interface", g.PortID, drivertest.Str(w["neighbor_interface"]))
			drivertest.Check(t, where, "neighbor_name", g.SysName, drivertest.Str(w["neighbor_name"]))
		}
	}
}

// TestParseLLDPNeighborsSpaces: port info and system names with spaces,
// and a neighbour with no system name (a phone that sends none).
func TestParseLLDPNeighborsSpaces(t *testing.T) {
	out := "Local Interface    Parent Interface    Chassis Id          Port info          System Name\n" +
		"ge-0/0/3           -                   00:04:f2:aa:bb:cc   Port 1 of phone    SEP 7821\n" +
		"ge-0/0/4           -                   00:04:f2:aa:bb:cd   00:04:f2:aa:bb:cd\n"
	got, err := ParseLLDPNeighbors(out)
	if err != nil || len(got) != 2 {
		t.Fatalf("%+v %v", got, err)
	}
	if got[0].PortID != "Port 1 of phone" || got[0].SysName != "SEP 7821" || got[1].PortID != "00:04:f2:aa:bb:cd" || got[1].SysName != "" {
		t.Errorf("%+v", got)
	}
}

// TestParseELSLayouts: the ELS `show ethernet-switching interface`, `show
// poe interface` and `show version` layouts of Juniper's command
// reference.
func TestParseELSLayouts(t *testing.T) {
	sw, err := ParseSwitchingInterfaces(drivertest.ReadFile(t, "testdata/els/show_ethernet-switching_interface.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(sw) != 3 || sw[0].Interface != "ge-0/0/0.0" || sw[1].State != "down" || len(sw[2].Members) != 3 {
		t.Fatalf("%+v", sw)
	}
	if m := sw[0].Members; m[0] != (SwitchingVLAN{VLAN: "DATA", Tag: 10, Tagging: "untagged", Blocking: "Forwarding"}) || m[1].Tag != 20 || m[1].Tagging != "tagged" {
		t.Errorf("ge-0/0/0.0 members %+v", m)
	}
	poe, err := ParsePoEInterface(drivertest.ReadFile(t, "testdata/els/show_poe_interface.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(poe) != 3 || poe[0].PowerW != 5.3 || poe[0].MaxPowerW != 30 || poe[0].Class != 2 || poe[2].Admin != "Disabled" || poe[1].Class != -1 {
		t.Errorf("%+v", poe)
	}
	v := ParseVersion(drivertest.ReadFile(t, "testdata/els/show_version.txt"))
	if v != (Version{Junos: true, Hostname: "ex2300-access-1", Model: "ex2300-48p", Release: "20.4R3-S4.8"}) {
		t.Errorf("%+v", v)
	}
}

// TestParseWrongOutput: another command's output is an error, not an
// empty result.
func TestParseWrongOutput(t *testing.T) {
	vlans := drivertest.ReadFile(t, "testdata/ntc/show_vlans/juniper_junos_show_vlans.raw")
	for _, c := range []string{cmdSwitching, cmdLLDP, cmdPoE, cmdConfig} {
		if _, err := (Driver{}).Parse(c, vlans); err == nil || !strings.Contains(err.Error(), "juniper_junos") {
			t.Errorf("%s on show vlans: %v", c, err)
		}
	}
	if _, err := (Driver{}).Parse("show interfaces terse", ""); err == nil {
		t.Error("unknown command parsed")
	}
}

// TestIdentify: SNMP and CLI identities.
func TestIdentify(t *testing.T) {
	d := Driver{}
	for _, tc := range []struct {
		oid, descr string
		want       bool
	}{
		{"1.3.6.1.4.1.2636.1.1.1.4.63.9", "hostname.example.org", true},
		{"", "Juniper Networks, Inc. ex2300-48p Ethernet Switch, kernel JUNOS 20.4R3-S4.8, Build date: 2022-07-06", true},
		{"1.3.6.1.4.1.9.1.1208", "Cisco IOS Software", false},
		{"1.3.6.1.4.1.26360.1", "not juniper", false},
	} {
		if got := d.Identify(tc.oid, tc.descr); got != tc.want {
			t.Errorf("Identify(%q, %q) = %v", tc.oid, tc.descr, got)
		}
	}
	if !d.IdentifyCLI(drivertest.ReadFile(t, "testdata/els/show_version.txt")) || d.IdentifyCLI("Cisco IOS Software, Version 15.2") {
		t.Error("IdentifyCLI")
	}
}
