package huawei_vrp

import (
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
)

func testConfig(t *testing.T) *drivers.Config {
	t.Helper()
	cfg, err := Driver{}.ParseConfig(drivertest.ReadFile(t, "testdata/current.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestParseConfig(t *testing.T) {
	cfg := testConfig(t)
	if cfg.Hostname != "S5720-acc1" || !cfg.LLDP || cfg.Addresses["198.18.1.2"] != 99 || len(cfg.VLANs) != 4 || cfg.VLANs[20].Name != "VOICE" || !cfg.VLANs[20].Voice {
		t.Errorf("hostname %q lldp %v addresses %v VLANs %+v", cfg.Hostname, cfg.LLDP, cfg.Addresses, cfg.VLANs)
	}
	med := audit.MEDPolicy{Application: "voice", VLAN: 20, Tagged: true, Priority: 5, DSCP: 46}
	for _, c := range []struct {
		port        string
		mode        string
		data, voice int
		tagged      []int
		med         bool
	}{
		{"GigabitEthernet0/0/1", drivers.ModeGeneral, 10, 20, nil, true},
		{"GigabitEthernet0/0/2", drivers.ModeGeneral, 10, 20, nil, false},
		{"GigabitEthernet0/0/3", drivers.ModeAccess, 10, 0, nil, false},
		{"GigabitEthernet0/0/4", drivers.ModeAccess, 30, 0, nil, false},
		{"GigabitEthernet0/0/5", drivers.ModeTrunk, 10, 0, []int{20, 30}, false},
		{"GigabitEthernet0/0/24", drivers.ModeGeneral, 1, 0, nil, false},
		{"XGigabitEthernet0/0/1", drivers.ModeTrunk, 1, 0, []int{10, 99}, false},
	} {
		p := cfg.Ports[c.port]
		if p == nil {
			t.Errorf("%s missing", c.port)
			continue
		}
		if p.Mode != c.mode || p.DataVLAN != c.data || p.VoiceVLAN != c.voice || !slices.Equal(p.TaggedVLANs, c.tagged) || (p.MED != nil) != c.med || (c.med && *p.MED != med) {
			t.Errorf("%s: %s", c.port, drivers.PortState(p))
		}
	}
	if p := cfg.Ports["GigabitEthernet0/0/3"]; !p.Shutdown || !p.PoEOff {
		t.Errorf("0/0/3: %s", drivers.PortState(p))
	}
	if p := cfg.Ports["GigabitEthernet0/0/4"]; !p.LLDPTxOff || p.LLDPRxOff {
		t.Errorf("0/0/4: %s", drivers.PortState(p))
	}
	if !slices.Equal(cfg.Raw[oddKey], []string{"GigabitEthernet0/0/6"}) {
		t.Errorf("odd ports %q", cfg.Raw[oddKey])
	}
	if _, ok := cfg.Ports["MEth0/0/1"]; ok {
		t.Error("the management port became a switch port")
	}
	if lag := cfg.Ports["Eth-Trunk1"]; lag == nil || len(lag.TaggedVLANs) != 4093 {
		t.Errorf("Eth-Trunk1 (2 to 4094 and VLAN 1): %v", lag)
	}
	if _, err := (Driver{}).ParseConfig("#\n#\n"); err == nil {
		t.Error("an empty configuration parsed")
	}
}

func TestRenderSelf(t *testing.T) {
	cfg := testConfig(t)
	scope := drivers.Scope{Ports: cfg.PortOrder, VLANs: cfg.SortedVLANs(), Global: true}
	if lines, err := (Driver{}).Render(cfg, cfg.Clone(), scope); err != nil || len(lines) != 0 {
		t.Errorf("self render %q %v", lines, err)
	}
}

// TestWantRender: an access port becomes a hybrid phone port through
// VRP's default settings, and back.
func TestWantRender(t *testing.T) {
	cur := testConfig(t)
	want, scope, err := Driver{}.Want(cur, drivertest.VoiceChanges("GE0/0/3"))
	if err != nil {
		t.Fatal(err)
	}
	lines, _ := Driver{}.Render(cur, want, scope)
	wantLines := []string{"interface GigabitEthernet0/0/3", "undo port default vlan", "port link-type hybrid",
		"undo port hybrid vlan 1", "port hybrid untagged vlan 10", "port hybrid tagged vlan 20", "port hybrid pvid vlan 10",
		"voice-vlan 20 enable", "lldp tlv-enable med-tlv network-policy voice-vlan vlan 20 cos 5 dscp 46", "poe enable", "quit"}
	if !slices.Equal(lines, wantLines) {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(wantLines, "\n"))
	}
	back, _ := Driver{}.Render(want, cur, scope)
	wantBack := []string{"interface GigabitEthernet0/0/3", "undo voice-vlan enable", "undo port hybrid vlan all",
		"port hybrid untagged vlan 1", "undo port hybrid pvid vlan", "port link-type access", "port default vlan 10",
		"undo lldp tlv-enable med-tlv network-policy", "undo poe enable", "quit"}
	if !slices.Equal(back, wantBack) {
		t.Errorf("rollback:\n%s\nwant:\n%s", strings.Join(back, "\n"), strings.Join(wantBack, "\n"))
	}
	if _, _, err := (Driver{}).Want(cur, drivertest.VoiceChanges("GigabitEthernet0/0/6")); err == nil {
		t.Error("a hybrid port with two untagged VLANs was changed")
	}
}
