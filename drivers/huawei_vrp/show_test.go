package huawei_vrp

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/drivers/drivertest"
)

// TestParsePortVLANNTC: three real `display port vlan` outputs (access,
// trunk, hybrid, wrapped VLAN lists) against ntc-templates.
func TestParsePortVLANNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "display_port_vlan") {
		got, err := ParsePortVLAN(drivertest.ReadFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: got %d rows, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g, where := got[i], raw+" row "+strconv.Itoa(i)
			drivertest.Check(t, where, "interface", g.Interface, drivertest.Str(w["interface"]))
			drivertest.Check(t, where, "link_type", g.LinkType, drivertest.Str(w["link_type"]))
			drivertest.Check(t, where, "vlan_id", strconv.Itoa(g.PVID), drivertest.Str(w["vlan_id"]))
			wl := drivertest.Strs(w["trunk_vlan_list"])
			if slices.Equal(wl, []string{"-"}) {
				wl = nil
			}
			if !slices.Equal(g.VLANs, wl) && !(len(g.VLANs) == 0 && len(wl) == 0) {
				t.Errorf("%s trunk_vlan_list: got %q, want %q", where, g.VLANs, wl)
			}
		}
	}
}

// TestParseLLDPNeighborNTC: five real `display lldp neighbor` outputs
// (several releases, multi-line system descriptions) against ntc-templates.
func TestParseLLDPNeighborNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "display_lldp_neighbor") {
		got, err := ParseLLDPNeighbor(drivertest.ReadFile(t, raw))
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
			drivertest.Check(t, where, "neighbor_port_id", g.PortID, drivertest.Str(w["neighbor_port_id"]))
			drivertest.Check(t, where, "neighbor_interface", g.PortDescr, drivertest.Str(w["neighbor_interface"]))
			drivertest.Check(t, where, "neighbor_name", g.SysName, drivertest.Str(w["neighbor_name"]))
			drivertest.Check(t, where, "mgmt_address", g.MgmtAddress, drivertest.Str(w["mgmt_address"]))
			drivertest.Check(t, where, "neighbor_description", g.SysDescr, strings.Join(drivertest.Strs(w["neighbor_description"]), "\n"))
			pvid := ""
			if g.PVID != 0 {
				pvid = strconv.Itoa(g.PVID)
			}
			drivertest.Check(t, where, "vlan_id", pvid, drivertest.Str(w["vlan_id"]))
			if caps := drivertest.Str(w["capabilities"]); len(g.Capabilities) != len(strings.Fields(caps)) {
				t.Errorf("%s capabilities: got %q, want %q", where, g.Capabilities, caps)
			}
		}
	}
}

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
			g, where := got[i], raw+" row "+strconv.Itoa(i)
			for _, c := range [][3]string{{"interface", g.Interface}, {"phy", g.PHY}, {"protocol", g.Protocol}, {"inuti", g.InUti},
				{"oututi", g.OutUti}, {"inerrors", g.InErrors}, {"outerrors", g.OutErrors}} {
				drivertest.Check(t, where, c[0], c[1], drivertest.Str(w[c[0]]))
			}
		}
	}
}

func TestParseWrongOutput(t *testing.T) {
	pv := drivertest.ReadFile(t, "testdata/ntc/display_port_vlan/huawei_vrp_display_port_vlan_example1.raw")
	if _, err := ParseLLDPNeighbor(pv); err == nil {
		t.Error("ParseLLDPNeighbor read display port vlan")
	}
	if _, err := ParseInterfaceBrief(pv); err == nil {
		t.Error("ParseInterfaceBrief read display port vlan")
	}
}
