package aruba_aoscx

import (
	"slices"
	"testing"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/snapshot"
)

// TestSnapshotFromCLI builds a switch from saved outputs named after their
// commands (real show vlan and LLDP detail, our running configuration).
func TestSnapshotFromCLI(t *testing.T) {
	dir := drivertest.CLIDir(t, map[string]string{
		"testdata/ntc/show_vlan/show_vlan.raw":                                             "show_vlan.txt",
		"testdata/ntc/show_lldp_neighbors-info_detail/show_lldp_neighbors-info_detail.raw": "show_lldp_neighbors-info_detail.txt",
		"testdata/running.txt": "show_running-config.txt",
	})
	sw, err := drivers.SnapshotFromCLI(Driver{}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if sw.OS != Name || sw.Vendor != "aruba" || sw.SysName != "cx-access-2" || len(sw.Errors) != 0 {
		t.Fatalf("switch: os %q vendor %q name %q errors %+v", sw.OS, sw.Vendor, sw.SysName, sw.Errors)
	}
	ports := map[string]int{}
	for i, p := range sw.Ports {
		ports[p.Name] = i
	}
	p1 := sw.Ports[ports["1/1/1"]]
	if p1.Mode != "hybrid" || p1.PVID != 10 || p1.VoiceVLAN != 20 || !slices.Equal(p1.TaggedVLANs, []int{20}) || len(p1.MEDPolicies) != 1 {
		t.Errorf("1/1/1: %+v", p1)
	}
	if len(p1.Neighbors) != 1 || p1.Neighbors[0].SysName != "ap-9999-335-fe" {
		t.Errorf("1/1/1 neighbours: %+v", p1.Neighbors)
	}
	if p52 := sw.Ports[ports["1/1/52"]]; len(p52.Neighbors) != 1 || !slices.Contains(p52.Neighbors[0].Capabilities, "router") {
		t.Errorf("1/1/52 neighbours: %+v", p52.Neighbors)
	}
	if i := slices.IndexFunc(sw.VLANs, func(v snapshot.VLAN) bool { return v.ID == 3072 }); i < 0 || sw.VLANs[i].Name != "mgmt" {
		t.Errorf("VLAN 3072 from show vlan missing: %+v", sw.VLANs)
	}
}
