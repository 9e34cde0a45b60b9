package aruba_aoss

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/drivers/drivertest"
)

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func str(v any) string {
	if v == nil {
		return ""
	}
	return strings.TrimSpace(v.(string))
}

func TestParseVLANsNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "show_vlans") {
		got, err := ParseVLANs(readFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d VLANs, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			if strconv.Itoa(g.ID) != str(w["vlan_id"]) || g.Name != str(w["vlan_name"]) || g.Status != str(w["status"]) ||
				g.Voice != (str(w["voice"]) == "Yes") || g.Jumbo != (str(w["jumbo"]) == "Yes") {
				t.Errorf("%s row %d: got %+v, want %v", raw, i, g, w)
			}
		}
	}
}

func TestParseInterfacesBriefNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "show_interfaces_brief") {
		got, err := ParseInterfacesBrief(readFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d ports, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			port := g.Port
			if g.Trunk != "" {
				port += "-" + g.Trunk
			}
			wantPort := strings.TrimSuffix(str(w["port"]), "*")
			if port != wantPort || g.Type != str(w["type"]) || g.Enabled != (str(w["enabled"]) == "Yes") ||
				g.Up != (str(w["status"]) == "Up") || g.Mode != strings.TrimSuffix(str(w["mode"]), "*") {
				t.Errorf("%s row %d: got %+v, want %v", raw, i, g, w)
			}
		}
	}
}

func TestParseLLDPSummaryNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "show_lldp_info_remote-device") {
		got, err := ParseLLDPSummary(readFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d neighbours, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			if g.LocalPort != str(w["local_interface"]) || g.ChassisID != str(w["chassis_id"]) || g.PortID != str(w["neighbor_interface"]) ||
				g.PortDescr != str(w["neighbor_description"]) || g.SysName != str(w["neighbor_name"]) {
				t.Errorf("%s row %d: got %+v, want %v", raw, i, g, w)
			}
		}
	}
}

func TestParseLLDPDetailNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "show_lldp_info_remote-device_detail") {
		got, err := ParseLLDPDetail(readFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d neighbours, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			pvid := ""
			if str(w["vlan_id"]) != "" {
				pvid = strconv.Itoa(g.PVID)
			}
			if g.LocalPort != str(w["local_interface"]) || g.ChassisID != str(w["chassis_id"]) || g.PortID != str(w["neighbor_interface"]) ||
				g.PortDescr != str(w["neighbor_interface_description"]) || g.SysName != str(w["neighbor_name"]) ||
				g.SysDescr != str(w["neighbor_description"]) || g.MgmtAddress != str(w["mgmt_address"]) ||
				strings.Join(g.Capabilities, ", ") != str(w["capabilities"]) || g.ChassisType != str(w["neighbor_chassis_type"]) ||
				g.PortType != str(w["port_type"]) || pvid != str(w["vlan_id"]) {
				t.Errorf("%s record %d: got %+v, want %v", raw, i, g, w)
			}
		}
		// The sample's AP on port 7 sent LLDP-MED class 1 and PoE TLVs.
		if got[2].EndpointClass != "Class1" || got[2].PoEDeviceType != "PD" {
			t.Errorf("port 7 MED: %+v", got[2])
		}
		if got[0].EndpointClass != "" {
			t.Errorf("port 1 (a switch) has MED class %q", got[0].EndpointClass)
		}
	}
}

func TestParsePoEBrief(t *testing.T) {
	got, err := ParsePoEBrief(readFile(t, filepath.Join("testdata", "show_power-over-ethernet_brief.txt")))
	if err != nil {
		t.Fatal(err)
	}
	if got.AvailableW != 370 || got.UsedW != 6.9 || got.RemainingW != 363.1 || len(got.Ports) != 4 {
		t.Fatalf("%+v", got)
	}
	p := got.Ports[1]
	if p.Port != "2" || !p.Enabled || p.Detection != "Delivering" || p.Class != 2 || p.ActualW != 6.9 || p.AllocW != 17 {
		t.Errorf("port 2: %+v", p)
	}
	if q := got.Ports[2]; q.Enabled || q.Detection != "Disabled" || q.Class != 0 {
		t.Errorf("port 3: %+v", q)
	}
}

func TestParseRejectsOtherOutputs(t *testing.T) {
	d := Driver{}
	other := readFile(t, filepath.Join("testdata", "ntc", "show_vlans", "hp_procurve_show_vlans.raw"))
	for _, c := range []string{cmdBrief, cmdPoE, cmdLLDP, cmdLLDPDetail} {
		if _, err := d.Parse(c, other); err == nil {
			t.Errorf("%s accepted show vlans output", c)
		}
	}
	if _, err := d.Parse("show clock", ""); err == nil {
		t.Error("unknown command accepted")
	}
	if _, err := d.ParseConfig("\n; only a comment\n"); err == nil {
		t.Error("empty configuration accepted")
	}
}

func TestPortLists(t *testing.T) {
	ps, err := ParsePortList("1-3,A1,A3-A4,1/1-1/2,Trk1")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ps, " "); got != "1 2 3 A1 A3 A4 1/1 1/2 Trk1" {
		t.Errorf("expanded %q", got)
	}
	if got := FormatPortList([]string{"A1", "3", "1", "2", "10", "A2", "1/2", "1/1", "5"}); got != "1-3,5,10,1/1-1/2,A1-A2" {
		t.Errorf("formatted %q", got)
	}
	for _, bad := range []string{"3-1", "A1-B2", "x", "1-", "1-99999"} {
		if _, err := ParsePortList(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestParseVLANsNameWithSpaces(t *testing.T) {
	out := "  802.1Q VLAN ID Name         Status       Voice Jumbo\n  -------------- ------------ ------------ ----- -----\n" +
		"  20             IP PHONES    Port-based   Yes   No   \n"
	got, err := ParseVLANs(out)
	if err != nil || len(got) != 1 || got[0].Name != "IP PHONES" || got[0].Status != "Port-based" || !got[0].Voice {
		t.Fatalf("%+v %v", got, err)
	}
}
