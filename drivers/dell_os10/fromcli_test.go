package dell_os10

import (
	"slices"
	"testing"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/snapshot"
)

// TestSnapshotFromCLI builds a switch from saved outputs named after their
// commands (the real LLDP table, our running configuration).
func TestSnapshotFromCLI(t *testing.T) {
	dir := drivertest.CLIDir(t, map[string]string{
		"testdata/mfd/show_lldp_neighbors.txt": "show_lldp_neighbors.txt",
		"testdata/running.txt":                 "show_running-configuration.txt",
	})
	sw, err := drivers.SnapshotFromCLI(Driver{}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if sw.OS != Name || sw.Vendor != "dell" || sw.SysName != "os10-access-2" || len(sw.Errors) != 0 {
		t.Fatalf("switch: os %q vendor %q name %q errors %+v", sw.OS, sw.Vendor, sw.SysName, sw.Errors)
	}
	ports := map[string]snapshot.Port{}
	for _, p := range sw.Ports {
		ports[p.Name] = p
	}
	p1 := ports["ethernet1/1/1"]
	if p1.Mode != "hybrid" || p1.PVID != 10 || p1.VoiceVLAN != 20 || !slices.Equal(p1.TaggedVLANs, []int{20}) || len(p1.MEDPolicies) != 1 || !p1.AdminUp {
		t.Errorf("1/1/1: %+v", p1)
	}
	if p31 := ports["ethernet1/1/31"]; len(p31.Neighbors) != 1 || p31.Neighbors[0].PortID != "Eth1/32" {
		t.Errorf("1/1/31 neighbours: %+v", p31.Neighbors)
	}
	if p3 := ports["ethernet1/1/3"]; p3.AdminUp || p3.LLDPAdmin != "rxOnly" {
		t.Errorf("1/1/3: %+v", p3)
	}
	if i := slices.IndexFunc(sw.VLANs, func(v snapshot.VLAN) bool { return v.ID == 20 }); i < 0 || !sw.VLANs[i].Voice || sw.VLANs[i].Name != "VOICE" {
		t.Errorf("VLAN 20: %+v", sw.VLANs)
	}
}
