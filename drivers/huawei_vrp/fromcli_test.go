package huawei_vrp

import (
	"testing"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
)

// TestSnapshotFromCLI builds a switch from saved outputs named after their
// commands: real display port vlan, interface brief and lldp neighbor, our
// current configuration.
func TestSnapshotFromCLI(t *testing.T) {
	dir := drivertest.CLIDir(t, map[string]string{
		"testdata/ntc/display_port_vlan/huawei_vrp_display_port_vlan_example2.raw":     "display_port_vlan.txt",
		"testdata/ntc/display_interface_brief/huawei_vrp_display_interface_brief2.raw": "display_interface_brief.txt",
		"testdata/ntc/display_lldp_neighbor/huawei_vrp_display_lldp_neighbor2.raw":     "display_lldp_neighbor.txt",
		"testdata/current.txt": "display_current-configuration.txt",
	})
	sw, err := drivers.SnapshotFromCLI(Driver{}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if sw.OS != Name || sw.Vendor != "huawei" || sw.SysName != "S5720-acc1" || len(sw.Errors) != 0 {
		t.Fatalf("switch: os %q vendor %q name %q errors %+v", sw.OS, sw.Vendor, sw.SysName, sw.Errors)
	}
	ports := map[string]int{}
	for i, p := range sw.Ports {
		ports[p.Name] = i
	}
	p1 := sw.Ports[ports["GigabitEthernet0/0/1"]]
	if p1.Mode != "hybrid" || p1.PVID != 10 || p1.VoiceVLAN != 20 || len(p1.MEDPolicies) != 1 || len(p1.Neighbors) != 1 || p1.Neighbors[0].SysName != "tsa-2960-sw01" {
		t.Errorf("GigabitEthernet0/0/1: %+v", p1)
	}
	if p5 := sw.Ports[ports["GigabitEthernet0/0/5"]]; p5.Mode != "trunk" || p5.PVID != 10 {
		t.Errorf("GigabitEthernet0/0/5 (configuration over display port vlan): %+v", p5)
	}
	if p2 := sw.Ports[ports["GigabitEthernet0/0/2"]]; !p2.OperUp {
		t.Errorf("GigabitEthernet0/0/2 up(l) in the brief: %+v", p2)
	}
}
