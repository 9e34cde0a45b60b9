package cisco_sb

import (
	"encoding/json"

	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// ntcRecords returns the records of an ntc-templates .yml (expected parse).
func ntcRecords(t *testing.T, name string) []map[string]any {
	t.Helper()
	var doc struct {
		Parsed []map[string]any `yaml:"parsed_sample"`
	}
	if err := yaml.Unmarshal([]byte(readFile(t, filepath.Join("testdata", "ntc", name+".yml"))), &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Parsed
}

func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// TestParseVLANsNTC: ntc-templates keeps only the first line of a wrapped
// cell; we join the continuation lines, so its values are our prefixes.
func TestParseVLANsNTC(t *testing.T) {
	got, err := ParseVLANs(readFile(t, "testdata/ntc/cisco_s300_show_vlan_2.raw"))
	if err != nil {
		t.Fatal(err)
	}
	want := ntcRecords(t, "cisco_s300_show_vlan_2")
	if len(got) != len(want) {
		t.Fatalf("%d VLANs, ntc has %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if strconv.Itoa(g.ID) != w["vlan_id"] || g.CreatedBy != w["created_by"] || !strings.HasPrefix(g.Name, w["vlan_name"].(string)) ||
			!strings.HasPrefix(strings.Join(g.Ports, ",")+",", w["interfaces"].(string)) {
			t.Errorf("row %d: got %+v, ntc %v", i, g, w)
		}
	}
	// The wrapped cells, joined.
	if got[2].Name != "Test-Long-Vlan-Name1" || !slices.Equal(got[0].Ports, []string{"fa1-2", "fa4-8", "fa10-14", "fa17-18", "fa20"}) ||
		!slices.Equal(got[4].Ports, []string{"fa1-2", "fa11", "fa15-18", "fa21-22", "gi1-4"}) || len(got[5].Ports) != 0 {
		t.Errorf("wrapped cells: %+v", got)
	}
}

func TestParseSwitchportNTC(t *testing.T) {
	got, err := ParseSwitchport(readFile(t, "testdata/ntc/cisco_s300_show_interfaces_switchport.raw"))
	if err != nil {
		t.Fatal(err)
	}
	w := ntcRecords(t, "cisco_s300_show_interfaces_switchport")[0]
	if len(got) != 1 {
		t.Fatalf("got %+v", got)
	}
	g := got[0]
	if g.Interface != w["interface"] || g.Mode != strings.ToLower(w["interface_mode"].(string)) || strconv.Itoa(g.PVID) != w["native_vlan"] {
		t.Errorf("got %+v, ntc %v", g, w)
	}
	// ntc lists the member VLANs with their egress rule.
	var untagged, tagged []int
	for i, id := range strs(w["vlan_id"]) {
		n, _ := strconv.Atoi(id)
		if strs(w["egress_rule"])[i] == "Tagged" {
			tagged = append(tagged, n)
		} else {
			untagged = append(untagged, n)
		}
	}
	if !slices.Equal(g.Untagged, untagged) || !slices.Equal(g.Tagged, tagged) {
		t.Errorf("memberships %v/%v, ntc %v/%v", g.Untagged, g.Tagged, untagged, tagged)
	}
}

// TestParseSwitchportCBS reads the Sx350/CBS layout (napalm-s350's CBS350
// sample layout) in general mode.
func TestParseSwitchportCBS(t *testing.T) {
	out := `Name: gi8
Switchport: enable
Administrative Mode: general
Operational Mode: up
Access Mode VLAN: 80
Access Multicast TV VLAN: none
Trunking Native Mode VLAN: 1
Trunking VLANs: 1,11,90
                        2-10,12-89,81-4094 (Inactive)
General PVID: 10
General VLANs: 10,20
General Egress Tagged VLANs: 20
General Forbidden VLANs: none
`
	got, err := ParseSwitchport(out)
	if err != nil || len(got) != 1 {
		t.Fatalf("%+v %v", got, err)
	}
	if g := got[0]; g.Mode != "general" || g.PVID != 10 || !slices.Equal(g.Untagged, []int{10}) || !slices.Equal(g.Tagged, []int{20}) {
		t.Errorf("got %+v", g)
	}
	got, _ = ParseSwitchport(strings.Replace(out, "Mode: general", "Mode: access", 1))
	if g := got[0]; g.PVID != 80 || !slices.Equal(g.Untagged, []int{80}) {
		t.Errorf("access: got %+v", g)
	}
}

func TestParseLLDPNeighborsNTC(t *testing.T) {
	for _, name := range []string{"cisco_s300_show_lldp_neighbors", "cisco_s300_show_lldp_neighbors_multiline"} {
		got, err := ParseLLDPNeighbors(readFile(t, "testdata/ntc/"+name+".raw"))
		if err != nil {
			t.Fatal(err)
		}
		want := ntcRecords(t, name)
		if len(got) != len(want) {
			t.Fatalf("%s: %d neighbours, ntc has %d", name, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			// ntc returns wrapped cells as lists of their pieces.
			port := strings.Join(strs(w["neighbor_interface"]), "")
			sys := strings.Join(strs(w["neighbor_name"]), "")
			if sys == "None" {
				sys = ""
			}
			if g.LocalInterface != w["local_interface"] || g.ChassisID != w["chassis_id"] || g.PortID != port || g.SysName != sys {
				t.Errorf("%s row %d: got %+v, ntc %v", name, i, g, w)
			}
		}
	}
	got, _ := ParseLLDPNeighbors(readFile(t, "testdata/ntc/cisco_s300_show_lldp_neighbors_multiline.raw"))
	if got[1].SysName != "Fjallarodgardsforskola-AP03.net.norob.se" || got[1].TTL != 105 || !slices.Equal(got[0].Capabilities, []string{"O"}) {
		t.Errorf("multiline: %+v", got[1])
	}
}

// TestLLDPNapalm checks table and detail against napalm-s350's expected
// get_lldp_neighbors_detail for four models.
func TestLLDPNapalm(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/napalm/*")
	if len(dirs) != 4 {
		t.Fatalf("samples: %v", dirs)
	}
	for _, dir := range dirs {
		var want map[string][]struct {
			ChassisID string   `json:"remote_chassis_id"`
			Port      string   `json:"remote_port"`
			PortDescr string   `json:"remote_port_description"`
			SysName   string   `json:"remote_system_name"`
			SysDescr  string   `json:"remote_system_description"`
			Caps      []string `json:"remote_system_capab"`
		}
		if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "expected_result.json"))), &want); err != nil {
			t.Fatal(err)
		}
		table, err := ParseLLDPNeighbors(readFile(t, filepath.Join(dir, "show_lldp_neighbors.txt")))
		if err != nil || len(table) != len(want) && len(table) < len(want) {
			t.Fatalf("%s: table %+v %v", dir, table, err)
		}
		for port, ws := range want {
			file := filepath.Join(dir, "show_lldp_neighbors_"+strings.ReplaceAll(port, "/", "_")+".txt")
			n, err := ParseLLDPDetail(ShortName(port), readFile(t, file))
			if err != nil || n == nil {
				t.Fatalf("%s: %v", file, err)
			}
			w := ws[0]
			if n.ChassisID != w.ChassisID || n.PortDescr != w.PortDescr || n.SysName != w.SysName || n.SysDescr != w.SysDescr ||
				!slices.Equal(n.Capabilities, w.Caps) {
				t.Errorf("%s: got %+v, napalm %+v", file, n, w)
			}
			// napalm spells the remote port in long form ("gi8" ->
			// "GigabitEthernet8"); the raw Port ID is what the switch said.
			if long := LongName(n.PortID); long != w.Port && n.PortID != w.Port && !strings.HasPrefix(w.Port, "GigabitEthernet.") {
				t.Errorf("%s: port %q, napalm %q", file, n.PortID, w.Port)
			}
			found := false
			for _, row := range table {
				found = found || row.LocalInterface == ShortName(port)
			}
			if !found {
				t.Errorf("%s: %s not in the table %+v", dir, port, table)
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	if _, err := ParseVLANs("hello\n"); err == nil {
		t.Error("show vlan: no error on junk")
	}
	if _, err := ParseVLANs("Vlan  Name\n---- ----\nabc   x\n"); err == nil {
		t.Error("show vlan: no error on a bad id")
	}
	if _, err := ParseLLDPNeighbors("junk\n"); err == nil {
		t.Error("lldp: no error on junk")
	}
	if _, err := ParseSwitchport("junk\n"); err == nil {
		t.Error("switchport: no error on junk")
	}
	if _, err := (Driver{}).Parse("show clock", ""); err == nil {
		t.Error("unknown command accepted")
	}
	if n, err := ParseLLDPDetail("gi1", ""); n != nil || err != nil {
		t.Errorf("empty detail: %v %v", n, err)
	}
}
