package cisco_sb

import (
	"os"
	"slices"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseConfig(t *testing.T) {
	cfg, err := Driver{}.ParseConfig(readFile(t, "testdata/running-config.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Hostname != "sw-lobby" || !cfg.LLDP {
		t.Errorf("hostname %q lldp %v", cfg.Hostname, cfg.LLDP)
	}
	if got := cfg.SortedVLANs(); !slices.Equal(got, []int{1, 10, 20, 99}) {
		t.Errorf("VLANs %v", got)
	}
	if cfg.VLANs[20].Name != "VOICE" || !cfg.VLANs[20].Voice || cfg.VLANs[10].Voice {
		t.Errorf("VLAN 20 %+v, VLAN 10 %+v", cfg.VLANs[20], cfg.VLANs[10])
	}
	wantPol := audit.MEDPolicy{Application: "voice", VLAN: 20, Tagged: true, Priority: 5, DSCP: 46}
	if cfg.Profiles[1] != wantPol || cfg.Profiles[2].Application != "voiceSignaling" || cfg.Profiles[2].DSCP != 24 {
		t.Errorf("policies %+v", cfg.Profiles)
	}
	if voiceAuto(cfg) {
		t.Error("voice auto policy read as on")
	}
	cases := []struct {
		name string
		want drivers.Port
	}{
		{"gi1", drivers.Port{Name: "gi1", Mode: drivers.ModeGeneral, DataVLAN: 10, VoiceVLAN: 20, TaggedVLANs: []int{}, Profile: 1, MED: &wantPol}},
		{"gi2", drivers.Port{Name: "gi2", DataVLAN: 10, PoEOff: true}},
		{"gi3", drivers.Port{Name: "gi3", DataVLAN: 10, LLDPTxOff: true}},
		{"gi4", drivers.Port{Name: "gi4", Shutdown: true}},
		// Every VLAN but the removed 10 and the native 99.
		{"gi27", drivers.Port{Name: "gi27", Mode: drivers.ModeTrunk, DataVLAN: 99, VoiceVLAN: 20, TaggedVLANs: []int{1}}},
		// No allowed list: every VLAN (nil).
		{"gi28", drivers.Port{Name: "gi28", Mode: drivers.ModeTrunk}},
	}
	for _, c := range cases {
		p := cfg.Ports[c.name]
		if p == nil {
			t.Errorf("%s missing; ports %v", c.name, cfg.PortOrder)
			continue
		}
		if drivers.PortState(p) != drivers.PortState(&c.want) || p.Profile != c.want.Profile || p.Shutdown != c.want.Shutdown ||
			(p.TaggedVLANs == nil) != (c.want.TaggedVLANs == nil) {
			t.Errorf("%s:\n got %s (profile %d, tagged nil %v)\nwant %s", c.name, drivers.PortState(p), p.Profile, p.TaggedVLANs == nil, drivers.PortState(&c.want))
		}
	}
	if !slices.Contains(cfg.Raw["interface GigabitEthernet1"], ` description "desk 1"`) {
		t.Errorf("unmanaged line not kept: %q", cfg.Raw["interface GigabitEthernet1"])
	}
}

func TestParseConfigErrors(t *testing.T) {
	for _, text := range []string{
		"",
		"just some words\n",
		"vlan database\nvlan 5000\nexit\nhostname x\n",
		"hostname x\nvoice vlan id abc\n",
		"hostname x\nlldp med network-policy 99 voice vlan 20\n",
		"hostname x\nlldp med network-policy 1 voice vlan 20 bogus 3\n",
		"hostname x\ninterface GigabitEthernet1\n switchport general pvid 0\n",
	} {
		if _, err := (Driver{}).ParseConfig(text); err == nil {
			t.Errorf("no error for %q", text)
		}
	}
}

func TestPortNames(t *testing.T) {
	for in, want := range map[string]string{
		"GigabitEthernet1/0/1": "gi1/0/1", "gi7": "gi7", "Gi7": "gi7", "TengigabitEthernet1/0/3": "te1/0/3",
		"TenGigabitEthernet1/0/3": "te1/0/3", "FastEthernet5": "fa5", "Port-channel1": "Po1", "vlan 1": "vlan 1",
	} {
		if got := ShortName(in); got != want {
			t.Errorf("ShortName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := LongName("gi1/0/1"); got != "GigabitEthernet1/0/1" {
		t.Errorf("LongName = %q", got)
	}
	if got := LongName("te1/0/3"); got != "TengigabitEthernet1/0/3" {
		t.Errorf("LongName = %q", got)
	}
}

func TestIdentify(t *testing.T) {
	d := Driver{}
	if !d.Identify("1.3.6.1.4.1.9.6.1.95.28.5", "") || !d.Identify("", "SG350-28P 28-Port Gigabit PoE Managed Switch") ||
		!d.Identify("1.3.6.1.4.1.9.1.1", "CBS350-24P-4G 24-Port Gigabit PoE Managed Switch") {
		t.Error("SB identity not recognised")
	}
	if d.Identify("1.3.6.1.4.1.9.1.1208", "Cisco IOS Software, C2960X Software") || d.Identify("1.3.6.1.4.1.11.2.3.7.11.1", "SG350-28P") {
		t.Error("non-SB identity claimed")
	}
	if !d.IdentifyCLI(readFile(t, "testdata/show_version.txt")) || d.IdentifyCLI("Cisco IOS Software, C2960X Software") {
		t.Error("IdentifyCLI")
	}
}
