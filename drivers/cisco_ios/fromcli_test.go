package cisco_ios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/drivers"
)

// TestSnapshotFromCLI builds a switch from saved outputs named after their
// commands, as a site owner would send them.
func TestSnapshotFromCLI(t *testing.T) {
	dir := t.TempDir()
	copyTo := func(src, name string) {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	copyTo("testdata/ntc/show_interfaces_switchport/cisco_ios_show_interfaces_switchport_app_interfaces.raw", "show_interfaces_switchport.txt")
	copyTo("testdata/ntc/show_power_inline/cisco_ios_show_power_inline_whitespace.raw", "show_power_inline.log")
	copyTo("testdata/ntc/show_lldp_neighbors_detail/cisco_ios_show_lldp_neighbors_detail3.raw", "show_lldp_neighbors_detail")
	copyTo("testdata/running.txt", "show_running-config.txt")
	copyTo("testdata/running.txt", "show_clock.txt")
	sw, err := drivers.SnapshotFromCLI(Driver{}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if sw.OS != Name || sw.Vendor != "cisco" || sw.SysName != "SW1" || !sw.PoE.Supported {
		t.Errorf("switch: os %q vendor %q name %q poe %v", sw.OS, sw.Vendor, sw.SysName, sw.PoE.Supported)
	}
	byName := map[string]int{}
	for i, p := range sw.Ports {
		byName[p.Name] = i
	}
	p2 := sw.Ports[byName["Fi1/0/2"]]
	if p2.PoE == nil || p2.PoE.PowerMw != 6300 || p2.PoE.Detection != "deliveringPower" {
		t.Errorf("Fi1/0/2 PoE: %+v", p2.PoE)
	}
	if len(sw.Errors) != 1 || !strings.Contains(sw.Errors[0].Message, `"show clock"`) {
		t.Errorf("errors: %+v, want one for show_clock.txt", sw.Errors)
	}
	found := false
	for _, p := range sw.Ports {
		if p.VoiceVLAN == 200 && p.Mode == "hybrid" && len(p.TaggedVLANs) == 1 {
			found = true
		}
	}
	if !found {
		t.Error("no port with voice VLAN 200 read from show interfaces switchport")
	}
	if _, err := drivers.SnapshotFromCLI(Driver{}, t.TempDir()); err == nil {
		t.Error("an empty directory gave a switch")
	}
}
