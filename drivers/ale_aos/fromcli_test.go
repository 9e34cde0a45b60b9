package ale_aos

import (
	"testing"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
)

// TestSnapshotFromCLI builds a switch from saved outputs named after their
// commands, as `voxlan discover --from-cli DIR --platform ale_aos` does:
// the real AOS 8 interfaces status and LLDP outputs, AOS 8 show vlan
// members (the real show vlan port sample has AOS 8 names), our show
// system and configuration snapshot.
func TestSnapshotFromCLI(t *testing.T) {
	dir := drivertest.CLIDir(t, map[string]string{
		"testdata/ntc/show_interfaces_status/alcatel_aos_show_interfaces_status_R8.raw": "show_interfaces_status.txt",
		"testdata/ntc/show_lldp_remote-system/show_lldp_remote-system_R8.raw":           "show_lldp_remote-system.txt",
		"testdata/ntc/show_vlan_port/alcatel_aos_show_vlan_port_1.raw":                  "show_vlan_members.txt",
		"testdata/system8.txt":   "show_system.txt",
		"testdata/snapshot8.txt": "show_configuration_snapshot.txt",
	})
	sw, err := drivers.SnapshotFromCLI(Driver{}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if sw.OS != Name || sw.Vendor != "alcatel" || sw.SysName != "OS6860-acc1" || sw.Model != "OS6860E-48" || sw.Version != "8.4.1.141.R03" || len(sw.Errors) != 0 {
		t.Fatalf("switch: os %q vendor %q name %q model %q version %q errors %+v", sw.OS, sw.Vendor, sw.SysName, sw.Model, sw.Version, sw.Errors)
	}
	ports := map[string]int{}
	for i, p := range sw.Ports {
		ports[p.Name] = i
	}
	p1 := sw.Ports[ports["1/1/1"]]
	if !p1.OperUp || !p1.AdminUp || p1.PVID != 10 || p1.VoiceVLAN != 20 || p1.Mode != "hybrid" || len(p1.MEDPolicies) != 1 ||
		len(p1.Neighbors) != 1 || p1.Neighbors[0].SysName != "SW" {
		t.Errorf("1/1/1: %+v", p1)
	}
	if p3 := sw.Ports[ports["1/1/3"]]; len(p3.Neighbors) != 3 || p3.LLDPAdmin != "rxOnly" {
		t.Errorf("1/1/3: %+v", p3)
	}
	if p10 := sw.Ports[ports["1/1/10"]]; p10.AdminUp || p10.OperUp {
		t.Errorf("1/1/10 is dis in the status: %+v", p10)
	}
	if p25, ok := ports["1/1/25"]; !ok || sw.Ports[p25].Mode != "trunk" {
		t.Errorf("1/1/25 (trunk in the snapshot) %+v", sw.Ports)
	}
}
