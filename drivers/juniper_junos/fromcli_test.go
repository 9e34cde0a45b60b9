package juniper_junos

import (
	"slices"
	"testing"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/snapshot"
)

// TestSnapshotFromCLI builds a switch from saved outputs named after their
// commands (show_configuration_display_set.txt: a file name cannot hold
// the "|").
func TestSnapshotFromCLI(t *testing.T) {
	dir := drivertest.CLIDir(t, map[string]string{
		"testdata/ntc/show_lldp_neighbors/juniper_junos_show_lldp_neighbors.raw": "show_lldp_neighbors.txt",
		"testdata/ntc/show_vlans/juniper_junos_show_vlans.raw":                   "show_vlans.txt",
		"testdata/els/show_ethernet-switching_interface.txt":                     "show_ethernet-switching_interface.txt",
		"testdata/els/show_poe_interface.txt":                                    "show_poe_interface.txt",
		"testdata/els/show_version.txt":                                          "show_version.txt",
		"testdata/config.txt":                                                    "show_configuration_display_set.txt",
	})
	sw, err := drivers.SnapshotFromCLI(Driver{}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if sw.OS != Name || sw.Vendor != "juniper" || sw.SysName != "ex2300-access-1" || sw.Model != "ex2300-48p" || sw.Version != "20.4R3-S4.8" || len(sw.Errors) != 0 {
		t.Fatalf("switch: os %q vendor %q name %q model %q version %q errors %+v", sw.OS, sw.Vendor, sw.SysName, sw.Model, sw.Version, sw.Errors)
	}
	ports := map[string]int{}
	for i, p := range sw.Ports {
		ports[p.Name] = i
	}
	p0 := sw.Ports[ports["ge-0/0/0"]]
	if p0.Mode != "hybrid" || p0.PVID != 10 || p0.VoiceVLAN != 20 || !slices.Equal(p0.TaggedVLANs, []int{20}) || len(p0.MEDPolicies) != 1 || !p0.OperUp {
		t.Errorf("ge-0/0/0: %+v", p0)
	}
	if p0.PoE == nil || !p0.PoE.AdminEnabled || p0.PoE.PowerMw != 5300 || p0.PoE.Detection != "deliveringPower" {
		t.Errorf("ge-0/0/0 PoE: %+v", p0.PoE)
	}
	if len(p0.Neighbors) != 1 || p0.Neighbors[0].SysName != "vmx3" {
		t.Errorf("ge-0/0/0 neighbours: %+v", p0.Neighbors)
	}
	if p1 := sw.Ports[ports["ge-0/0/1"]]; p1.OperUp || p1.LLDPAdmin != "txAndRx" {
		t.Errorf("ge-0/0/1: %+v", p1)
	}
	if i := slices.IndexFunc(sw.VLANs, func(v snapshot.VLAN) bool { return v.ID == 1005 }); i < 0 || sw.VLANs[i].Name != "v1005-HelpDesk" {
		t.Errorf("VLAN 1005 from show vlans missing: %+v", sw.VLANs)
	}
}
