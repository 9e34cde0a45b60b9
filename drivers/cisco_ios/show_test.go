package cisco_ios

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/voxlan/voxlan/drivers"
)

// ntcPairs returns the .raw files of one command folder with the records of
// their .yml (ntc-templates' expected parse).
func ntcPairs(t *testing.T, dir string) map[string][]map[string]any {
	t.Helper()
	raws, err := filepath.Glob(filepath.Join("testdata", "ntc", dir, "*.raw"))
	if err != nil || len(raws) == 0 {
		t.Fatalf("no samples in %s: %v", dir, err)
	}
	out := map[string][]map[string]any{}
	for _, raw := range raws {
		y, err := os.ReadFile(strings.TrimSuffix(raw, ".raw") + ".yml")
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Parsed []map[string]any `yaml:"parsed_sample"`
		}
		if err := yaml.Unmarshal(y, &doc); err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		out[raw] = doc.Parsed
	}
	return out
}

func readFile(t *testing.T, path string) string {
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

func vlanOrZero(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

func TestParseSwitchportNTC(t *testing.T) {
	for raw, want := range ntcPairs(t, "show_interfaces_switchport") {
		t.Run(filepath.Base(raw), func(t *testing.T) {
			got, err := ParseSwitchport(readFile(t, raw))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("got %d ports, want %d", len(got), len(want))
			}
			for i, w := range want {
				g := got[i]
				if g.Interface != str(w["interface"]) || g.AdminMode != str(w["admin_mode"]) ||
					g.AccessVLAN != vlanOrZero(str(w["access_vlan"])) || g.NativeVLAN != vlanOrZero(str(w["native_vlan"])) ||
					g.VoiceVLAN != vlanOrZero(str(w["voice_vlan"])) {
					t.Errorf("port %d: got %+v, want %v", i, g, w)
				}
				if !strings.HasPrefix(g.OperMode, str(w["mode"])) {
					t.Errorf("%s: got oper mode %q, want %q", g.Interface, g.OperMode, w["mode"])
				}
				var wantIDs []int
				all := false
				for _, item := range w["trunking_vlans"].([]any) {
					s := strings.TrimSpace(item.(string))
					if strings.EqualFold(s, "ALL") {
						all = true
						continue
					}
					if s == "" || strings.EqualFold(s, "none") {
						continue
					}
					ids, err := drivers.ParseVLANList(s)
					if err != nil {
						t.Fatal(err)
					}
					wantIDs = append(wantIDs, ids...)
				}
				if g.TrunkAll != all || !slices.Equal(g.TrunkVLANs, wantIDs) {
					t.Errorf("%s: got trunk all=%v %v, want all=%v %v", g.Interface, g.TrunkAll, g.TrunkVLANs, all, wantIDs)
				}
			}
		})
	}
}

func TestParseVLANsNTC(t *testing.T) {
	for raw, want := range ntcPairs(t, "show_vlan") {
		got, err := ParseVLANs(readFile(t, raw))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("got %d VLANs, want %d", len(got), len(want))
		}
		for i, w := range want {
			var ports []string
			for _, p := range w["interfaces"].([]any) {
				ports = append(ports, p.(string))
			}
			g := got[i]
			if strconv.Itoa(g.ID) != str(w["vlan_id"]) || g.Name != str(w["vlan_name"]) || g.Status != str(w["status"]) ||
				!slices.Equal(g.Ports, append([]string{}, ports...)) {
				t.Errorf("row %d: got %+v, want %v", i, g, w)
			}
		}
	}
}

func TestParsePowerInlineNTC(t *testing.T) {
	for raw, want := range ntcPairs(t, "show_power_inline") {
		t.Run(filepath.Base(raw), func(t *testing.T) {
			got, err := ParsePowerInline(readFile(t, raw))
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Ports) != len(want) {
				t.Fatalf("got %d ports, want %d", len(got.Ports), len(want))
			}
			for i, w := range want {
				g := got.Ports[i]
				wantClass := -1
				if c, err := strconv.Atoi(str(w["class"])); err == nil {
					wantClass = c
				}
				wantDev := str(w["device"])
				if wantDev == "n/a" {
					wantDev = ""
				}
				if g.Interface != str(w["interface"]) || g.Admin != str(w["admin_status"]) || g.Oper != str(w["operational_status"]) ||
					strconv.FormatFloat(g.PowerW, 'f', 1, 64) != str(w["power"]) || g.Device != wantDev || g.Class != wantClass {
					t.Errorf("row %d: got %+v, want %v", i, g, w)
				}
			}
		})
	}
}

func TestParseLLDPDetailNTC(t *testing.T) {
	for raw, want := range ntcPairs(t, "show_lldp_neighbors_detail") {
		t.Run(filepath.Base(raw), func(t *testing.T) {
			got, err := ParseLLDPDetail(readFile(t, raw))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("got %d neighbours, want %d", len(got), len(want))
			}
			for i, w := range want {
				g := got[i]
				if g.LocalInterface != str(w["local_interface"]) || g.ChassisID != str(w["chassis_id"]) ||
					g.PortID != str(w["neighbor_port_id"]) || g.SysName != str(w["neighbor_name"]) ||
					strings.Join(g.Capabilities, ",") != str(w["capabilities"]) || g.MgmtAddress != str(w["mgmt_address"]) {
					t.Errorf("record %d: got %+v, want %v", i, g, w)
				}
			}
		})
	}
}

func TestParseLLDPDetailPolicies(t *testing.T) {
	got, err := ParseLLDPDetail(readFile(t, "testdata/ntc/show_lldp_neighbors_detail/cisco_ios_show_lldp_neighbors_detail3.raw"))
	if err != nil {
		t.Fatal(err)
	}
	sn := got[0].Snapshot()
	if sn.MED == nil || sn.MED.DeviceClass != "endpointClass3" || len(sn.MED.Policies) != 2 {
		t.Fatalf("got %+v, want a class III endpoint with two policies", sn.MED)
	}
	p := sn.MED.Policies[0]
	if p.Application != "voice" || p.VLAN != 10 || !p.Tagged || p.Priority != 5 || p.DSCP != 46 {
		t.Errorf("got %+v, want voice vlan 10 tagged prio 5 dscp 46", p)
	}
	if !slices.Contains(sn.Capabilities, "telephone") || !slices.Contains(sn.Capabilities, "bridge") {
		t.Errorf("got capabilities %v, want bridge and telephone", sn.Capabilities)
	}
}

func TestParseCDPDetailNTC(t *testing.T) {
	for raw, want := range ntcPairs(t, "show_cdp_neighbors_detail") {
		t.Run(filepath.Base(raw), func(t *testing.T) {
			got, err := ParseCDPDetail(readFile(t, raw))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("got %d neighbours, want %d", len(got), len(want))
			}
			for i, w := range want {
				g := got[i]
				if g.DeviceID != str(w["neighbor_name"]) || g.LocalInterface != str(w["local_interface"]) ||
					g.PortID != str(w["neighbor_interface"]) || g.Platform != str(w["platform"]) ||
					strings.Join(g.Capabilities, " ") != str(w["capabilities"]) || g.MgmtAddress != str(w["mgmt_address"]) {
					t.Errorf("record %d: got %+v, want %v", i, g, w)
				}
			}
		})
	}
}
