package hp_comware

import (
	"strconv"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/drivers/drivertest"
)

type field struct{ name, got, want string }

func checkFields(t *testing.T, where string, fs []field) {
	t.Helper()
	for _, f := range fs {
		if f.got != f.want {
			t.Errorf("%s %s: got %q, want %q", where, f.name, f.got, f.want)
		}
	}
}

// TestParseVLANAllNTC: two releases' `display vlan all` against
// ntc-templates' expected parse.
func TestParseVLANAllNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "display_vlan_all") {
		got, err := ParseVLANAll(drivertest.ReadFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: got %d VLANs, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			checkFields(t, raw+" VLAN "+strconv.Itoa(i), []field{
				{"vlan_id", strconv.Itoa(g.ID), drivertest.Str(w["vlan_id"])},
				{"vlan_name", g.Name, drivertest.Str(w["vlan_name"])},
				{"description", g.Description, drivertest.Str(w["description"])},
				{"type", g.Type, drivertest.Str(w["type"])},
				{"route_interface", g.RouteInterface, drivertest.Str(w["route_interface"])},
				{"ipv4_address", g.IPv4Address, drivertest.Str(w["ipv4_address"])},
				{"ipv4_subnet", g.IPv4Mask, drivertest.Str(w["ipv4_subnet"])},
			})
		}
	}
	// ntc-templates does not list the member ports; the raw text does.
	got, _ := ParseVLANAll(drivertest.ReadFile(t, "testdata/ntc/display_vlan_all/hp_comware_display_vlan_all.raw"))
	if len(got[0].Untagged) != 6 || got[0].Untagged[4] != "Ten-GigabitEthernet1/0/1" || len(got[0].Tagged) != 0 {
		t.Errorf("VLAN 1 members: untagged %q tagged %q", got[0].Untagged, got[0].Tagged)
	}
	if len(got[1].Tagged) != 4 || len(got[1].Untagged) != 0 {
		t.Errorf("VLAN 100 members: untagged %q tagged %q", got[1].Untagged, got[1].Tagged)
	}
}

// TestParseInterfaceBriefNTC: route- and bridge-mode tables of three
// releases against ntc-templates' expected parse.
func TestParseInterfaceBriefNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "display_interface_brief") {
		got, err := ParseInterfaceBrief(drivertest.ReadFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: got %d rows, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			if g.Protocol == "--" && drivertest.Str(w["protocol"]) == "" && drivertest.Str(w["description"]) == "--" && g.Description == "" {
				// "REG0  UP  --  --": ntc's template has no protocol "--"
				// and takes the IP column's "--" twice; the row has a
				// protocol "--", an IP "--" and no description.
				w["protocol"], w["description"] = "--", ""
			}
			checkFields(t, raw+" row "+strconv.Itoa(i)+" "+g.Interface, []field{
				{"interface", g.Interface, drivertest.Str(w["interface"])},
				{"link", g.Link, drivertest.Str(w["link"])},
				{"protocol", g.Protocol, drivertest.Str(w["protocol"])},
				{"main_ip", g.MainIP, drivertest.Str(w["main_ip"])},
				{"speed", g.Speed, drivertest.Str(w["speed"])},
				{"duplex", g.Duplex, drivertest.Str(w["duplex"])},
				{"type", g.Type, drivertest.Str(w["type"])},
				{"vlan_id", g.PVID, drivertest.Str(w["vlan_id"])},
				{"description", g.Description, drivertest.Str(w["description"])},
			})
		}
	}
}

// TestParseLLDPNTC: the verbose and list forms against ntc-templates.
func TestParseLLDPNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "display_lldp_neighbor-information_verbose") {
		got, err := ParseLLDPVerbose(drivertest.ReadFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: got %d neighbours, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			checkFields(t, raw+" neighbour "+strconv.Itoa(i), []field{
				{"local_interface", g.LocalPort, drivertest.Str(w["local_interface"])},
				{"chassis_id", g.ChassisID, drivertest.Str(w["chassis_id"])},
				{"neighbor_interface", g.PortID, drivertest.Str(w["neighbor_interface"])},
				{"neighbor_interface_description", g.PortDescr, drivertest.Str(w["neighbor_interface_description"])},
				{"neighbor_name", g.SysName, drivertest.Str(w["neighbor_name"])},
				{"mgmt_address", g.MgmtAddress, drivertest.Str(w["mgmt_address"])},
				{"vlan_id", strings.TrimPrefix(strconv.Itoa(g.PVID), "0"), drivertest.Str(w["vlan_id"])},
			})
		}
		if got[0].SysDescr != "H3C Comware software. H3C SR8800 Product Version SR8800-C MW520-R3725P01. Copyright (c) 2004-2014 Hangzhou H3C Tech . Co., Ltd. All rights reserved." {
			t.Errorf("wrapped system description: %q", got[0].SysDescr)
		}
	}
	for raw, want := range drivertest.NTCPairs(t, "display_lldp_neighbor-information_list") {
		got, err := ParseLLDPList(drivertest.ReadFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: got %d neighbours, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			checkFields(t, raw+" neighbour "+strconv.Itoa(i), []field{
				{"local_interface", g.LocalPort, drivertest.Str(w["local_interface"])},
				{"chassis_id", g.ChassisID, drivertest.Str(w["chassis_id"])},
				{"neighbor_interface", g.PortID, drivertest.Str(w["neighbor_interface"])},
				{"neighbor_name", g.SysName, drivertest.Str(w["neighbor_name"])},
			})
		}
	}
}

func TestParseWrongOutput(t *testing.T) {
	vlan := drivertest.ReadFile(t, "testdata/ntc/display_vlan_all/hp_comware_display_vlan_all.raw")
	for name, parse := range map[string]func(string) error{
		"brief":   func(s string) error { _, err := ParseInterfaceBrief(s); return err },
		"verbose": func(s string) error { _, err := ParseLLDPVerbose(s); return err },
		"list":    func(s string) error { _, err := ParseLLDPList(s); return err },
	} {
		if parse(vlan) == nil {
			t.Errorf("%s read display vlan all", name)
		}
	}
}
