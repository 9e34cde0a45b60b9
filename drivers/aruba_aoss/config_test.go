package aruba_aoss

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

func loadRunning(t testing.TB) *drivers.Config {
	t.Helper()
	cfg, err := Driver{}.ParseConfig(readFile(t, filepath.Join("testdata", "running.txt")))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestParseConfig(t *testing.T) {
	cfg := loadRunning(t)
	if cfg.Hostname != "HP-2530-48G" || !cfg.LLDP {
		t.Errorf("hostname %q lldp %v", cfg.Hostname, cfg.LLDP)
	}
	if len(cfg.PortOrder) != 52 || cfg.PortOrder[0] != "1" || cfg.PortOrder[51] != "52" {
		t.Fatalf("ports %v", cfg.PortOrder)
	}
	if v := cfg.VLANs[20]; v.Name != "VOICE" || !v.Voice {
		t.Errorf("vlan 20 %+v", v)
	}
	voice := audit.MEDPolicy{Application: "voice", VLAN: 20, Tagged: true, Priority: 5, DSCP: 46}
	p5 := cfg.Ports["5"]
	if p5.DataVLAN != 10 || p5.VoiceVLAN != 20 || len(p5.TaggedVLANs) != 0 || p5.Mode != drivers.ModeAccess ||
		p5.MED == nil || *p5.MED != voice || p5.Profile != 20 {
		t.Errorf("port 5 %+v med %+v", p5, p5.MED)
	}
	// Port 6 is in the voice VLAN but its network-policy TLV is off.
	if p6 := cfg.Ports["6"]; p6.VoiceVLAN != 20 || p6.MED != nil {
		t.Errorf("port 6 %+v", p6)
	}
	if p7 := cfg.Ports["7"]; !p7.PoEOff || p7.DataVLAN != 10 {
		t.Errorf("port 7 %+v", p7)
	}
	if p8 := cfg.Ports["8"]; p8.LLDPTxOff || !p8.LLDPRxOff {
		t.Errorf("port 8 %+v", p8)
	}
	up := cfg.Ports["49"]
	if up.Mode != drivers.ModeTrunk || up.DataVLAN != 0 || up.VoiceVLAN != 20 || len(up.TaggedVLANs) != 2 {
		t.Errorf("uplink %+v", up)
	}
	if cfg.Ports["50"].DataVLAN != 1 {
		t.Errorf("port 50 %+v", cfg.Ports["50"])
	}
	if got := cfg.Raw["vlan 99"]; len(got) != 1 || !strings.Contains(got[0], "ip address 198.18.1.2") {
		t.Errorf("unmanaged lines of vlan 99: %q", got)
	}
}

func TestParseConfigErrors(t *testing.T) {
	for _, bad := range []string{"vlan 5000\n", "vlan 10\n   untagged 3-1\n", "vlan 20\n   qos dscp 99\n", "lldp admin-status x-y tx_rx\n"} {
		if _, err := (Driver{}).ParseConfig(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
