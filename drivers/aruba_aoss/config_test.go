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
	if up.Mode != drivers.ModeTrunk || up.DataVLAN != 0 || up.VoiceVLAN != 0 || len(up.TaggedVLANs) != 3 || up.MED != nil {
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

func TestIdentify(t *testing.T) {
	d := Driver{}
	yes := []struct{ oid, descr string }{
		{"1.3.6.1.4.1.11.2.3.7.11.153", "HP J9772A 2530-48G-PoE+ Switch, revision YA.16.10.0009, ROM YA.15.20 (/ws/swbuildm/rel_ukiah_qaoff/code/build/bom(swbuildm_rel_ukiah_qaoff_rel_ukiah))"},
		{"", "Aruba JL357A 2540-48G-PoE+-4SFP+ Switch, revision YC.16.10.0012, ROM YC.16.01.0002"},
		{"1.3.6.1.4.1.11.2.3.7.11.79", "ProCurve J9145A Switch 2910al-24G, revision W.14.38, ROM W.14.04"},
	}
	for _, c := range yes {
		if !d.Identify(c.oid, c.descr) {
			t.Errorf("not identified: %q", c.descr)
		}
	}
	no := []struct{ oid, descr string }{
		{"1.3.6.1.4.1.9.1.2134", "Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E8"},
		{"1.3.6.1.4.1.47196.4.1.1.1.222", "Aruba JL658A 6300M 24SR5 CL6 PoE 4SFP56 Swch FL.10.10.1010 (ArubaOS-CX)"},
		{"1.3.6.1.4.1.25506.11.1.1", "HPE Comware Platform Software, Software Version 7.1.070"},
	}
	for _, c := range no {
		if d.Identify(c.oid, c.descr) {
			t.Errorf("wrongly identified: %q", c.descr)
		}
	}
}
