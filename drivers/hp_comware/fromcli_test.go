package hp_comware

import (
	"slices"
	"testing"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
)

// TestSnapshotFromCLI builds a switch from saved outputs named after their
// commands: real display vlan all, interface brief and LLDP verbose, our
// current configuration.
func TestSnapshotFromCLI(t *testing.T) {
	dir := drivertest.CLIDir(t, map[string]string{
		"testdata/ntc/display_vlan_all/hp_comware_display_vlan_all1.raw":                                                  "display_vlan_all.txt",
		"testdata/ntc/display_interface_brief/hp_comware_display_interface_brief_release_9119P17.raw":                     "display_interface_brief.txt",
		"testdata/ntc/display_lldp_neighbor-information_verbose/hp_comware_display_lldp_neighbor-information_verbose.raw": "display_lldp_neighbor-information_verbose.txt",
		"testdata/current.txt": "display_current-configuration.txt",
	})
	sw, err := drivers.SnapshotFromCLI(Driver{}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if sw.OS != Name || sw.Vendor != "hpe" || sw.SysName != "HPE-5130-acc1" || len(sw.Errors) != 0 {
		t.Fatalf("switch: os %q vendor %q name %q errors %+v", sw.OS, sw.Vendor, sw.SysName, sw.Errors)
	}
	ports := map[string]int{}
	for i, p := range sw.Ports {
		ports[p.Name] = i
	}
	p1 := sw.Ports[ports["GigabitEthernet1/0/1"]]
	if p1.Mode != "hybrid" || p1.PVID != 10 || p1.VoiceVLAN != 20 || !slices.Contains(p1.TaggedVLANs, 20) || len(p1.MEDPolicies) != 1 {
		t.Errorf("GigabitEthernet1/0/1: %+v", p1)
	}
	// display vlan all's members land on the full port names.
	if i, ok := ports["GigabitEthernet1/0/25"]; !ok || !slices.Contains(sw.Ports[i].UntaggedVLANs, 1) {
		t.Errorf("GigabitEthernet1/0/25 from display vlan all: %v", ok)
	}
	if i, ok := ports["Ten-GigabitEthernet1/0/0/2"]; !ok || len(sw.Ports[i].Neighbors) != 1 || sw.Ports[i].Neighbors[0].SysName != "SW2" {
		t.Errorf("LLDP neighbour of Ten-GigabitEthernet1/0/0/2 missing")
	}
	if i, ok := ports["GigabitEthernet0/0/3"]; !ok || !sw.Ports[i].OperUp {
		t.Errorf("GE0/0/3 from the brief: expanded and up")
	}
}
