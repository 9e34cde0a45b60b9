package cisco_sb_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/cisco_sb"
	"github.com/voxlan/voxlan/lab/clisim"
	"github.com/voxlan/voxlan/snapshot"
)

// TestSnapshotFromCLI saves the emulator's show outputs one file per
// command, as a site owner would send them, and builds a snapshot.
func TestSnapshotFromCLI(t *testing.T) {
	dev := clisim.NewSB("sw1", 10, "198.18.1.2")
	dev.AddPhone("gi3")
	sh := dev.NewShell()
	for _, l := range []string{"terminal datadump", "configure terminal", "vlan database", "vlan 20", "exit", "voice vlan id 20",
		"lldp med network-policy 1 voice vlan 20 vlan-type tagged up 5 dscp 46", "interface gi3", "switchport mode general",
		"switchport general allowed vlan add 10 untagged", "switchport general pvid 10", "switchport general allowed vlan add 20 tagged",
		"lldp med network-policy add 1", "exit", "interface gi4", "power inline never", "end"} {
		if out, _ := sh.Exec(l); out != "" {
			t.Fatalf("%q: %q", l, out)
		}
	}
	dir := filepath.Join(t.TempDir(), "sw1")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"show version", "show vlan", "show lldp neighbors", "show running-config", "show lldp neighbors gi3",
		"show interfaces switchport gi3", "show clock"} {
		out, _ := sh.Exec(cmd)
		if err := os.WriteFile(filepath.Join(dir, strings.ReplaceAll(cmd, " ", "_")+".txt"), []byte(out), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	sw, err := drivers.SnapshotFromCLI(cisco_sb.Driver{}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if sw.OS != "cisco_sb" || sw.SysName != "sw1" || len(sw.VLANs) != 4 || len(sw.Ports) != 28 {
		t.Fatalf("switch: os %q name %q vlans %v ports %d", sw.OS, sw.SysName, sw.VLANs, len(sw.Ports))
	}
	if len(sw.Errors) != 1 || !strings.Contains(sw.Errors[0].Message, "show clock") {
		t.Errorf("errors %+v", sw.Errors)
	}
	var gi3, gi4, gi28 *snapshot.Port
	for i := range sw.Ports {
		switch sw.Ports[i].Name {
		case "gi3":
			gi3 = &sw.Ports[i]
		case "gi4":
			gi4 = &sw.Ports[i]
		case "gi28":
			gi28 = &sw.Ports[i]
		}
	}
	if gi3.Mode != "hybrid" || gi3.PVID != 10 || gi3.VoiceVLAN != 20 || !slices.Equal(gi3.TaggedVLANs, []int{20}) ||
		len(gi3.MEDPolicies) != 1 || gi3.MEDPolicies[0].DSCP != 46 || gi3.LLDPAdmin != "txAndRx" {
		t.Errorf("gi3 %+v", gi3)
	}
	if len(gi3.Neighbors) != 1 || !slices.Contains(gi3.Neighbors[0].Capabilities, "telephone") || gi3.Neighbors[0].MED == nil ||
		gi3.Neighbors[0].MED.DeviceClass != "endpointClass3" {
		t.Errorf("gi3 neighbours %+v", gi3.Neighbors)
	}
	if gi4.PoE == nil || gi4.PoE.AdminEnabled || gi4.Mode != "access" {
		t.Errorf("gi4 %+v", gi4)
	}
	if gi28.Mode != "trunk" || len(gi28.Neighbors) != 1 || !slices.Contains(gi28.Neighbors[0].Capabilities, "router") {
		t.Errorf("gi28 %+v", gi28)
	}
}
