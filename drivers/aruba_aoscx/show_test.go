package aruba_aoscx

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/drivers/drivertest"
)

// TestParseVLANsNTC checks `show vlan` against ntc-templates' expected
// parse of a real AOS-CX output, continuation lines included.
func TestParseVLANsNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "show_vlan") {
		got, err := ParseVLANs(drivertest.ReadFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: got %d VLANs, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			for _, c := range []struct{ field, got, want string }{
				{"vlan_id", strconv.Itoa(g.ID), drivertest.Str(w["vlan_id"])},
				{"vlan_name", g.Name, drivertest.Str(w["vlan_name"])},
				{"status", g.Status, drivertest.Str(w["status"])},
				{"reason", g.Reason, drivertest.Str(w["reason"])},
				{"type", g.Type, drivertest.Str(w["type"])},
			} {
				if c.got != c.want {
					t.Errorf("%s row %d %s: got %q, want %q", raw, i, c.field, c.got, c.want)
				}
			}
			if wi := drivertest.Strs(w["interfaces"]); !slices.Equal(g.Interfaces, wi) {
				t.Errorf("%s row %d interfaces: got %q, want %q", raw, i, g.Interfaces, wi)
			}
		}
	}
}

// TestParseLLDPDetailNTC checks `show lldp neighbor-info detail` against
// ntc-templates' expected parse of two real outputs (two releases' key
// names).
func TestParseLLDPDetailNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "show_lldp_neighbors-info_detail") {
		got, err := ParseLLDPDetail(drivertest.ReadFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: got %d neighbours, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			for _, c := range []struct{ field, got, want string }{
				{"local_interface", g.LocalPort, drivertest.Str(w["local_interface"])},
				{"chassis_id", g.ChassisID, drivertest.Str(w["chassis_id"])},
				{"mgmt_address", g.MgmtAddress, drivertest.Str(w["mgmt_address"])},
				{"neighbor_description", g.SysDescr, drivertest.Str(w["neighbor_description"])},
				{"neighbor_interface", g.PortDescr, drivertest.Str(w["neighbor_interface"])},
				{"neighbor_name", g.SysName, drivertest.Str(w["neighbor_name"])},
				{"neighbor_port_id", g.PortID, drivertest.Str(w["neighbor_port_id"])},
			} {
				if c.got != c.want {
					t.Errorf("%s neighbour %d %s: got %q, want %q", raw, i, c.field, c.got, c.want)
				}
			}
			wantCaps := map[string]bool{}
			for _, c := range strings.Split(drivertest.Str(w["capabilities"]), ",") {
				wantCaps[map[string]string{"Bridge": "bridge", "Router": "router", "WLAN": "wlanAccessPoint"}[strings.TrimSpace(c)]] = true
			}
			for _, c := range g.Capabilities {
				if !wantCaps[c] {
					t.Errorf("%s neighbour %d: capability %q not in %q", raw, i, c, w["capabilities"])
				}
			}
			if len(g.Capabilities) != len(wantCaps) {
				t.Errorf("%s neighbour %d: capabilities %q, want %q", raw, i, g.Capabilities, w["capabilities"])
			}
		}
	}
}

// TestParseWrongOutput: another command's output is an error, not an
// empty result.
func TestParseWrongOutput(t *testing.T) {
	vlan := drivertest.ReadFile(t, "testdata/ntc/show_vlan/show_vlan.raw")
	if _, err := ParseLLDPDetail(vlan); err == nil {
		t.Error("ParseLLDPDetail read show vlan")
	}
	lldp := drivertest.ReadFile(t, "testdata/ntc/show_lldp_neighbors-info_detail/show_lldp_neighbors-info_detail.raw")
	if _, err := ParseVLANs(lldp); err == nil {
		t.Error("ParseVLANs read the LLDP detail")
	}
}
