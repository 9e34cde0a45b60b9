package ale_aos

import (
	"strconv"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/drivers/drivertest"
)

// dash is an ntc-templates value as OmniSwitch prints an empty one.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func TestParseVLANNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "show_vlan") {
		got, err := ParseVLAN(drivertest.ReadFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d VLANs, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			if strconv.Itoa(g.ID) != drivertest.Str(w["vlan_id"]) || g.Name != drivertest.Str(w["vlan_name"]) || g.Type != drivertest.Str(w["type"]) ||
				g.Admin != drivertest.Str(w["admin_state"]) || g.Oper != drivertest.Str(w["operational_state"]) {
				t.Errorf("%s row %d: got %+v, want %v", raw, i, g, w)
			}
		}
	}
}

func TestParseVLANPortNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "show_vlan_port") {
		got, err := ParseVLANPort(drivertest.ReadFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			if strconv.Itoa(g.VLAN) != drivertest.Str(w["vlan_id"]) || g.Port != drivertest.Str(w["port"]) || g.Type != drivertest.Str(w["type"]) ||
				g.Status != drivertest.Str(w["status"]) {
				t.Errorf("%s row %d: got %+v, want %v", raw, i, g, w)
			}
		}
	}
}

func TestParseInterfacesStatusNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "show_interfaces_status") {
		got, err := ParseInterfacesStatus(drivertest.ReadFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			if g.Port != drivertest.Str(w["port"]) || g.Admin != drivertest.Str(w["admin_status"]) || g.AutoNego != drivertest.Str(w["auto_negotiation"]) ||
				g.DetectedSpeed != dash(drivertest.Str(w["detected_speed"])) || g.DetectedDuplex != dash(drivertest.Str(w["detected_duplex"])) {
				t.Errorf("%s row %d: got %+v, want %v", raw, i, g, w)
			}
		}
	}
}

// TestParseLLDPRemoteNTC: AOS 6 and AOS 8 samples, with a neighbour whose
// system description runs over four lines (a Huawei switch) and three
// neighbours on one port.
func TestParseLLDPRemoteNTC(t *testing.T) {
	for raw, want := range drivertest.NTCPairs(t, "show_lldp_remote-system") {
		got, err := ParseLLDPRemote(drivertest.ReadFile(t, raw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d neighbours, want %d", raw, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			descr := strings.TrimSuffix(strings.Join(drivertest.Strs(w["neighbor_description"]), "\n"), ",")
			if descr == "None" {
				descr = ""
			}
			if g.LocalPort != drivertest.Str(w["local_interface"]) || g.ChassisID != drivertest.Str(w["chassis_id"]) ||
				g.PortID != drivertest.Str(w["mac_address"]) || g.SysName != drivertest.Str(w["neighbor_name"]) ||
				g.PortDescr != drivertest.Str(w["neighbor_interface"]) || g.MgmtAddress != drivertest.Str(w["mgmt_address"]) ||
				g.SysDescr != descr {
				t.Errorf("%s neighbour %d:\ngot  %+v\nwant %v", raw, i, g, w)
			}
			if caps := drivertest.Str(w["capabilities_enabled"]); strings.Contains(caps, "Bridge") != strings.Contains(strings.Join(g.Capabilities, " "), "bridge") ||
				strings.Contains(caps, "Router") != strings.Contains(strings.Join(g.Capabilities, " "), "router") {
				t.Errorf("%s neighbour %d: capabilities %v, want %q", raw, i, g.Capabilities, caps)
			}
		}
	}
}

func TestParseSystem(t *testing.T) {
	for file, want := range map[string]System{
		"testdata/system6.txt": {Name: "OS6450-acc2", Model: "OS6450-P24", Version: "6.7.2.191.R04", Release: 6, ObjectID: "1.3.6.1.4.1.6486.800.1.1.2.1.12.1.3"},
		"testdata/system8.txt": {Name: "OS6860-acc1", Model: "OS6860E-48", Version: "8.4.1.141.R03", Release: 8, ObjectID: "1.3.6.1.4.1.6486.801.1.1.2.1.11.1.7"},
	} {
		out := drivertest.ReadFile(t, file)
		got, err := ParseSystem(out)
		if err != nil {
			t.Fatal(err)
		}
		got.Description = ""
		if got != want {
			t.Errorf("%s: got %+v, want %+v", file, got, want)
		}
		if !(Driver{}).IdentifyCLI(out) {
			t.Errorf("%s not identified", file)
		}
	}
	for _, out := range []string{"", "Cisco IOS Software, C2960X Software", "Version 15.2(7)E8\nSystem: up"} {
		if _, err := ParseSystem(out); err == nil && out != "" {
			t.Errorf("ParseSystem(%q) succeeded", out)
		}
		if (Driver{}).IdentifyCLI(out) {
			t.Errorf("IdentifyCLI(%q) claimed it", out)
		}
	}
}

func TestIdentify(t *testing.T) {
	for _, c := range []struct {
		oid, descr string
		want       bool
	}{
		{"1.3.6.1.4.1.6486.800.1.1.2.1.12.1.3", "Alcatel-Lucent OS6450-P24 6.7.2.191.R04 GA, March 20, 2018.", true},
		{"1.3.6.1.4.1.6486.801.1.1.2.1.11.1.7", "Alcatel-Lucent Enterprise OS6860E-48 8.4.1.141.R03 GA, December 07, 2017.", true},
		{"", "Alcatel-Lucent Enterprise OS6860E-48 8.4.1.141.R03 GA", true},
		{"1.3.6.1.4.1.9.1.1208", "Cisco IOS Software, C2960X Software", false},
		{"1.3.6.1.4.1.2011.2.23.534", "Huawei Versatile Routing Platform Software", false},
	} {
		if got := (Driver{}).Identify(c.oid, c.descr); got != c.want {
			t.Errorf("Identify(%s, %q) = %t", c.oid, c.descr, got)
		}
	}
}

func TestMicrocode(t *testing.T) {
	out := "/flash/working\n  Package           Release                 Size     Description\n" +
		"-----------------+-----------------------+--------+-----------------------------------\n" +
		"Uos.img           8.7.354.R01            235132434 Alcatel-Lucent OS\n"
	if rel, ok := microcodeRelease(out); !ok || rel != "8.7.354.R01" || !(Driver{}).IdentifyCLI(out) {
		t.Errorf("release %q %t", rel, ok)
	}
}
