package ale_aos

import (
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
)

func parse(t *testing.T, path string) *drivers.Config {
	t.Helper()
	cfg, err := Driver{}.ParseConfig(drivertest.ReadFile(t, path))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestParseConfigAOS8(t *testing.T) {
	cfg := parse(t, "testdata/snapshot8.txt")
	if releaseOf(cfg) != AOS8 || cfg.Hostname != "OS6860-acc1" || !cfg.LLDP || cfg.Addresses["198.18.1.2"] != 99 {
		t.Fatalf("release %d host %q lldp %t addresses %v", releaseOf(cfg), cfg.Hostname, cfg.LLDP, cfg.Addresses)
	}
	if v := cfg.VLANs[30]; v.Name != "name with spaces" || cfg.VLANs[31].ID != 31 || !cfg.VLANs[20].Voice || cfg.VLANs[10].Voice {
		t.Errorf("vlans %+v", cfg.VLANs)
	}
	voice := audit.MEDPolicy{Application: "voice", VLAN: 20, Tagged: true, Priority: 5, DSCP: 46}
	if cfg.Profiles[1] != voice || cfg.Profiles[2].Application != "voiceSignaling" || cfg.Profiles[3].Application != "videoConferencing" || len(cfg.Profiles) != 3 {
		t.Errorf("policies %+v", cfg.Profiles)
	}
	for _, c := range []struct {
		port, mode   string
		data, voice  int
		tagged       []int
		med, poe     bool
		txOff, rxOff bool
		shutdown     bool
	}{
		{"1/1/1", drivers.ModeAccess, 10, 20, nil, true, true, false, false, false},
		{"1/1/2", drivers.ModeAccess, 10, 20, nil, true, true, false, false, false},
		{"1/1/3", drivers.ModeAccess, 10, 0, nil, false, true, true, false, false},
		{"1/1/4", drivers.ModeAccess, 10, 0, nil, false, true, true, true, false},
		{"1/1/5", drivers.ModeAccess, 10, 0, nil, false, false, false, false, false},
		{"1/1/20", drivers.ModeAccess, 10, 0, nil, false, true, false, false, true},
		{"1/1/25", drivers.ModeTrunk, 1, 0, []int{10, 20, 99}, false, true, false, false, false},
		{"1/1/26", drivers.ModeTrunk, 30, 0, []int{31}, false, true, false, false, false},
	} {
		p := cfg.Ports[c.port]
		if p == nil {
			t.Errorf("port %s missing", c.port)
			continue
		}
		if p.Mode != c.mode || p.DataVLAN != c.data || p.VoiceVLAN != c.voice || !slices.Equal(p.TaggedVLANs, c.tagged) ||
			(p.MED != nil) != c.med || p.PoEOff == c.poe || p.LLDPTxOff != c.txOff || p.LLDPRxOff != c.rxOff || p.Shutdown != c.shutdown {
			t.Errorf("port %s: %s", c.port, drivers.PortState(p))
		}
		if c.med && (*p.MED != voice || p.Profile != 1) {
			t.Errorf("port %s policy %+v profile %d", c.port, p.MED, p.Profile)
		}
	}
	if got := cfg.PortOrder[:3]; !slices.Equal(got, []string{"1/1/1", "1/1/2", "1/1/3"}) {
		t.Errorf("port order %v", cfg.PortOrder)
	}
}

func TestParseConfigAOS6(t *testing.T) {
	cfg := parse(t, "testdata/snapshot6.txt")
	if releaseOf(cfg) != AOS6 || cfg.Hostname != "OS6450-acc2" || cfg.Addresses["198.18.2.2"] != 99 {
		t.Fatalf("release %d host %q addresses %v", releaseOf(cfg), cfg.Hostname, cfg.Addresses)
	}
	p1, p2, p3, p5 := cfg.Ports["1/1"], cfg.Ports["1/2"], cfg.Ports["1/3"], cfg.Ports["1/5"]
	if p1.DataVLAN != 10 || p1.VoiceVLAN != 20 || p1.MED == nil || p1.Mode != drivers.ModeAccess {
		t.Errorf("1/1: %s", drivers.PortState(p1))
	}
	// 1/2 is bound to the policy but its TLV is off: it advertises
	// nothing, so VLAN 20 is a plain tagged VLAN there.
	if p2.MED != nil || p2.VoiceVLAN != 0 || !slices.Equal(p2.TaggedVLANs, []int{20}) || p2.Mode != drivers.ModeTrunk {
		t.Errorf("1/2: %s", drivers.PortState(p2))
	}
	if !p3.LLDPRxOff || p3.LLDPTxOff || !p5.PoEOff || cfg.Ports["1/4"].PoEOff || !cfg.Ports["1/20"].Shutdown {
		t.Errorf("1/3 %s, 1/5 %s", drivers.PortState(p3), drivers.PortState(p5))
	}
	if p := cfg.Ports["1/26"]; p.DataVLAN != 99 || len(p.TaggedVLANs) != 0 {
		t.Errorf("1/26: %s", drivers.PortState(p))
	}
	if p := cfg.Ports["1/25"]; !slices.Equal(p.TaggedVLANs, []int{10, 99}) || p.Mode != drivers.ModeTrunk {
		t.Errorf("1/25: %s", drivers.PortState(p))
	}
}

func TestParseConfigErrors(t *testing.T) {
	for name, text := range map[string]string{
		"empty":         "",
		"not a config":  "Remote LLDP Agents on Local Slot/Port 1/1:\n",
		"mixed release": "! VLAN:\nvlan 10 port default 1/1\nvlan 20 members port 1/1/1 tagged\n",
		"bad vlan":      "! VLAN:\nvlan 5000 admin-state enable\n",
		"bad port":      "! VLAN:\nvlan 10 members port 1/1/x untagged\n",
		"bad range":     "! VLAN:\nvlan 10 members port 1/1/9-3 untagged\n",
		"bad dscp":      "! LLDP:\nlldp network-policy 1 application voice vlan 20 l2-priority 5 dscp 64\n",
		"bad lldpdu":    "! LLDP:\nlldp port 1/1/1 lldpdu sometimes\n",
	} {
		if _, err := (Driver{}).ParseConfig(text); err == nil || !strings.HasPrefix(err.Error(), "ale_aos: ") {
			t.Errorf("%s: got %v, want an ale_aos error", name, err)
		}
	}
}

// TestChassisWideLLDP: a policy bound and its TLV enabled chassis-wide
// reach every port, mentioned in the snapshot or not; a port's own TLV
// setting wins.
func TestChassisWideLLDP(t *testing.T) {
	cfg, err := Driver{}.ParseConfig("! VLAN:\nvlan 20 admin-state enable\nvlan 20 members port 1/1/1-2 tagged\n! LLDP:\n" +
		"lldp network-policy 1 application voice vlan 20 l2-priority 6 dscp 46\nlldp chassis med network-policy 1\n" +
		"lldp nearest-bridge chassis tlv med network-policy enable\nlldp port 1/1/2 tlv med network-policy disable\n")
	if err != nil {
		t.Fatal(err)
	}
	if p := cfg.Ports["1/1/1"]; p.VoiceVLAN != 20 || p.MED == nil || p.MED.Priority != 6 {
		t.Errorf("1/1/1: %s", drivers.PortState(p))
	}
	if p := cfg.Ports["1/1/2"]; p.MED != nil || p.VoiceVLAN != 0 {
		t.Errorf("1/1/2: %s", drivers.PortState(p))
	}
	if p := portOf(cfg, "1/1/9"); p.MED == nil || p.DataVLAN != 0 || p.Mode != drivers.ModeAccess {
		t.Errorf("unmentioned 1/1/9: %s", drivers.PortState(p))
	}
}
