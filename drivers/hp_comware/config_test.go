package hp_comware

import (
	"fmt"
	"slices"
	"testing"

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
	if cfg.Hostname != "HPE-5130-acc1" || !cfg.LLDP || cfg.Addresses["198.18.1.2"] != 99 {
		t.Errorf("hostname %q lldp %v addresses %v", cfg.Hostname, cfg.LLDP, cfg.Addresses)
	}
	if len(cfg.VLANs) != 6 || cfg.VLANs[20].Name != "VOICE" || cfg.VLANs[31].ID != 31 {
		t.Errorf("VLANs %+v", cfg.VLANs)
	}
	for _, c := range []struct {
		port        string
		mode        string
		data, voice int
		tagged      []int
		med         string
		poeOff      bool
	}{
		{"GigabitEthernet1/0/1", drivers.ModeGeneral, 10, 20, nil, "voice vlan 20 tagged priority 6 dscp 46", false},
		{"GigabitEthernet1/0/2", drivers.ModeGeneral, 10, 20, nil, "none", false},
		{"GigabitEthernet1/0/3", drivers.ModeAccess, 10, 0, nil, "none", true},
		{"GigabitEthernet1/0/4", drivers.ModeAccess, 30, 0, nil, "none", false},
		{"GigabitEthernet1/0/5", drivers.ModeTrunk, 10, 0, []int{20, 30, 31}, "none", false},
		{"GigabitEthernet1/0/48", drivers.ModeAccess, 0, 0, nil, "none", true},
	} {
		p := cfg.Ports[c.port]
		if p == nil {
			t.Errorf("%s missing", c.port)
			continue
		}
		med := "none"
		if p.MED != nil {
			med = fmt.Sprintf("voice vlan %d tagged priority %d dscp %d", p.MED.VLAN, p.MED.Priority, p.MED.DSCP)
		}
		if p.Mode != c.mode || p.DataVLAN != c.data || p.VoiceVLAN != c.voice || !slices.Equal(p.TaggedVLANs, c.tagged) || med != c.med || p.PoEOff != c.poeOff {
			t.Errorf("%s: %s", c.port, drivers.PortState(p))
		}
	}
	if p := cfg.Ports["GigabitEthernet1/0/4"]; !p.LLDPTxOff || p.LLDPRxOff {
		t.Errorf("1/0/4 lldp: %s", drivers.PortState(p))
	}
	if q := cfg.Raw[qosKey+"GigabitEthernet1/0/2"]; !slices.Equal(q, []string{"5", "46"}) {
		t.Errorf("1/0/2 voice QoS %q", q)
	}
	if got := cfg.Raw[oddKey]; !slices.Equal(got, []string{"GigabitEthernet1/0/6", "GigabitEthernet1/0/7"}) {
		t.Errorf("odd ports %q", got)
	}
	if got := cfg.Raw[manualKey]; !slices.Equal(got, []string{"GigabitEthernet1/0/1", "GigabitEthernet1/0/2"}) {
		t.Errorf("manual voice VLAN ports %q", got)
	}
	if p := cfg.Ports["Ten-GigabitEthernet1/0/49"]; p.Mode != drivers.ModeTrunk || len(p.TaggedVLANs) != 4093 {
		t.Errorf("uplink (permit all): %s", p.Mode)
	}
	if _, err := (Driver{}).ParseConfig("#\n#\n"); err == nil {
		t.Error("an empty configuration parsed")
	}
	if _, err := (Driver{}).ParseConfig("interface GigabitEthernet1/0/1\n port access vlan 5000\n"); err == nil {
		t.Error("VLAN 5000 accepted")
	}
}

// TestRenderSelf: a configuration rendered against itself sends nothing.
func TestRenderSelf(t *testing.T) {
	cfg := testConfig(t)
	scope := drivers.Scope{Ports: cfg.PortOrder, VLANs: cfg.SortedVLANs(), Global: true}
	if lines, err := (Driver{}).Render(cfg, cfg.Clone(), scope); err != nil || len(lines) != 0 {
		t.Errorf("self render %q %v", lines, err)
	}
}
