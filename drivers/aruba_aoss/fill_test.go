package aruba_aoss_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/aruba_aoss"
	"github.com/voxlan/voxlan/lab/clisim"
	"github.com/voxlan/voxlan/snapshot"
)

// TestSnapshotFromCLI saves the emulator's show outputs one file per
// command, as a site owner would send them, and builds a snapshot.
func TestSnapshotFromCLI(t *testing.T) {
	dev := clisim.NewAOSS("SW1", 10, "198.18.1.2")
	dev.AddPhone("1")
	sh := dev.NewShell()
	for _, l := range []string{"configure", "vlan 20", "name VOICE", "tagged 1", "voice", "qos priority 5", "qos dscp 101110", "exit",
		"no interface 4 power-over-ethernet", "end"} {
		if out, _ := sh.Exec(l); out != "" {
			t.Fatalf("%s: %s", l, out)
		}
	}
	dir := t.TempDir()
	d := aruba_aoss.Driver{}
	for _, c := range append(d.Commands(), "show clock") {
		out, _ := sh.Exec(c)
		if err := os.WriteFile(filepath.Join(dir, strings.ReplaceAll(c, " ", "_")+".txt"), []byte(out), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	sw, err := drivers.SnapshotFromCLI(d, dir)
	if err != nil {
		t.Fatal(err)
	}
	if sw.OS != "aruba_aoss" || sw.Vendor != "hpe" || sw.SysName != "SW1" || len(sw.Ports) != 52 {
		t.Fatalf("switch %s/%s %q, %d ports", sw.Vendor, sw.OS, sw.SysName, len(sw.Ports))
	}
	if len(sw.Errors) != 1 || !strings.Contains(sw.Errors[0].Message, "show clock") {
		t.Errorf("errors %+v", sw.Errors)
	}
	if i := slices.IndexFunc(sw.VLANs, func(v snapshot.VLAN) bool { return v.ID == 20 }); i < 0 || !sw.VLANs[i].Voice || sw.VLANs[i].Name != "VOICE" {
		t.Errorf("vlans %+v", sw.VLANs)
	}
	p1 := sw.Ports[0]
	if p1.Name != "1" || p1.Mode != "hybrid" || p1.PVID != 10 || p1.VoiceVLAN != 20 || !p1.OperUp || p1.SpeedMbps != 1000 ||
		p1.PoE == nil || p1.PoE.Detection != "deliveringPower" || p1.PoE.PowerMw != 6900 ||
		len(p1.Neighbors) != 1 || p1.Neighbors[0].MED == nil || p1.Neighbors[0].MED.DeviceClass != "endpointClass3" ||
		len(p1.MEDPolicies) != 1 || p1.MEDPolicies[0].DSCP != 46 || p1.LLDPAdmin != "txAndRx" {
		t.Errorf("port 1 %+v", p1)
	}
	if p4 := sw.Ports[3]; p4.PoE == nil || p4.PoE.AdminEnabled || p4.PoE.Detection != "disabled" {
		t.Errorf("port 4 poe %+v", p4.PoE)
	}
	up := sw.Ports[48]
	if up.Name != "49" || up.Mode != "trunk" || len(up.Neighbors) != 1 || !slices.Contains(up.Neighbors[0].Capabilities, "router") || up.PoE != nil {
		t.Errorf("uplink %+v", up)
	}
}
