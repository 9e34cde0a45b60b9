package dell_os10

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
)

func readRunning(t *testing.T) *drivers.Config {
	t.Helper()
	cfg, err := Driver{}.ParseConfig(drivertest.ReadFile(t, "testdata/running.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestParseConfig: a phone port (trunk, access 10, tagged 20, voice policy
// 1), an access port, a port with LLDP transmit off, a layer 3 port, a
// port-channel member and an uplink trunk.
func TestParseConfig(t *testing.T) {
	cfg := readRunning(t)
	if cfg.Hostname != "os10-access-2" || !cfg.LLDP || len(cfg.Profiles) != 2 || cfg.Addresses["10.99.0.12"] != 99 {
		t.Fatalf("config %+v", cfg)
	}
	p1 := cfg.Ports["ethernet1/1/1"]
	if p1.Mode != drivers.ModeAccess || p1.DataVLAN != 10 || p1.VoiceVLAN != 20 || p1.TaggedVLANs != nil || p1.Profile != 1 ||
		p1.MED == nil || *p1.MED != drivertest.Voice {
		t.Errorf("1/1/1 %+v", p1)
	}
	if !cfg.VLANs[20].Voice || cfg.VLANs[10].Voice || cfg.VLANs[20].Name != "VOICE" {
		t.Errorf("vlans %+v", cfg.VLANs)
	}
	if p3 := cfg.Ports["ethernet1/1/3"]; !p3.Shutdown || !p3.LLDPTxOff || p3.DataVLAN != 0 || p3.Mode != drivers.ModeAccess {
		t.Errorf("1/1/3 %+v", p3)
	}
	if up := cfg.Ports["ethernet1/1/31"]; up.Mode != drivers.ModeTrunk || up.DataVLAN != 1 || !slices.Equal(up.TaggedVLANs, []int{10, 20, 99}) {
		t.Errorf("uplink %+v", up)
	}
	if !slices.Equal(cfg.Raw[routedKey], []string{"ethernet1/1/4"}) || !slices.Equal(cfg.Raw[memberKey], []string{"ethernet1/1/5"}) {
		t.Errorf("raw %v %v", cfg.Raw[routedKey], cfg.Raw[memberKey])
	}
	if lines, err := (Driver{}).Render(cfg, cfg.Clone(), drivers.Scope{Ports: cfg.PortOrder, VLANs: cfg.SortedVLANs(), Global: true}); err != nil || len(lines) != 0 {
		t.Errorf("self render %q %v", lines, err)
	}
}

// TestWantRender: the voice policy already on the switch is reused, a new
// one takes the lowest free number, rolling back removes what was added
// after the ports stop using it; routed ports and port-channel members
// are refused.
func TestWantRender(t *testing.T) {
	cur := readRunning(t)
	d := Driver{}
	want, scope, err := d.Want(cur, drivertest.VoiceChanges("ethernet1/1/2"))
	if err != nil {
		t.Fatal(err)
	}
	lines, err := d.Render(cur, want, scope)
	if err != nil {
		t.Fatal(err)
	}
	wantLines := []string{"interface ethernet1/1/2", "switchport mode trunk", "switchport trunk allowed vlan 20", "lldp med network-policy add 1", "exit"}
	if !slices.Equal(lines, wantLines) {
		t.Errorf("lines %q, want %q", lines, wantLines)
	}
	other := drivertest.Voice
	other.DSCP = 40
	cs := drivertest.VoiceChanges("ethernet1/1/2")
	for i := range cs {
		if cs[i].Policy != nil {
			cs[i].Policy = &other
		}
	}
	want, scope, err = d.Want(cur, cs)
	if err != nil {
		t.Fatal(err)
	}
	lines, _ = d.Render(cur, want, scope)
	if !slices.Contains(lines, "lldp med network-policy 3 app voice vlan 20 vlan-type tag priority 5 dscp 40") ||
		!slices.Contains(lines, "lldp med network-policy add 3") {
		t.Errorf("new policy lines %q", lines)
	}
	back, err := d.Render(want, cur, scope)
	if err != nil {
		t.Fatal(err)
	}
	wantBack := []string{"interface ethernet1/1/2", "no switchport trunk allowed vlan 20", "switchport mode access",
		"lldp med network-policy remove 3", "exit", "no lldp med network-policy 3"}
	if !slices.Equal(back, wantBack) {
		t.Errorf("rollback %q, want %q", back, wantBack)
	}
	// A voice-signaling policy asked for beside the voice one: the
	// switch's policy 2 is reused and advertised too; rolling back
	// removes both adds, and no policy since both were there.
	sig := audit.MEDPolicy{Application: "voiceSignaling", VLAN: 20, Tagged: true, Priority: 4, DSCP: 24}
	cs = append(drivertest.VoiceChanges("ethernet1/1/2"), audit.Change{Kind: audit.ChangeEnableMEDPolicy, Switch: "sw1", Port: "ethernet1/1/2", Policy: &sig})
	want, scope, err = d.Want(cur, cs)
	if err != nil {
		t.Fatal(err)
	}
	lines, _ = d.Render(cur, want, scope)
	if !slices.Contains(lines, "lldp med network-policy add 1") || !slices.Contains(lines, "lldp med network-policy add 2") ||
		want.Ports["ethernet1/1/2"].Profile != 1 || want.Ports["ethernet1/1/2"].VoiceVLAN != 20 {
		t.Errorf("two policies: %q, port %+v", lines, want.Ports["ethernet1/1/2"])
	}
	back, _ = d.Render(want, cur, scope)
	if !slices.Contains(back, "lldp med network-policy remove 1") || !slices.Contains(back, "lldp med network-policy remove 2") ||
		slices.ContainsFunc(back, func(l string) bool { return strings.HasPrefix(l, "no lldp med network-policy") }) {
		t.Errorf("two policies rolled back: %q", back)
	}
	for _, port := range []string{"ethernet1/1/4", "ethernet1/1/5"} {
		if _, _, err := d.Want(cur, drivertest.VoiceChanges(port)); !errors.Is(err, drivers.ErrUnsupported) {
			t.Errorf("%s: %v", port, err)
		}
	}
	off := cur.Clone()
	off.Ports["ethernet1/1/2"].PoEOff = true
	if _, _, err := d.Want(off, drivertest.VoiceChanges("ethernet1/1/2")); !errors.Is(err, drivers.ErrUnsupported) || !strings.Contains(err.Error(), "PoE") {
		t.Errorf("PoE: %v", err)
	}
}

func TestCanonicalPort(t *testing.T) {
	for in, want := range map[string]string{"Eth 1/1/5": "ethernet1/1/5", "eth1/1/5": "ethernet1/1/5", "Ethernet 1/1/5": "ethernet1/1/5",
		"1/1/5": "ethernet1/1/5", "ethernet1/1/49:1": "ethernet1/1/49:1", "Po 1": "port-channel1", "mgmt1/1/1": "mgmt1/1/1"} {
		if got := (Driver{}).CanonicalPort(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestIdentify(t *testing.T) {
	d := Driver{}
	for _, c := range []struct {
		oid, descr string
		want       bool
	}{
		{"1.3.6.1.4.1.674.11000.5000.100.2.1.7", "", true},
		{"1.3.6.1.4.1.674.10895.5000", "Dell EMC Networking OS10 Enterprise, Version 10.5.1.0", true},
		{"1.3.6.1.4.1.6027.1.5.1", "Dell EMC Networking OS10-Enterprise", true},
		{"1.3.6.1.4.1.674.10895.3042", "Dell Networking N3048P, 6.6.3.10", false},
		{"1.3.6.1.4.1.9.1.1208", "Cisco IOS Software", false},
	} {
		if got := d.Identify(c.oid, c.descr); got != c.want {
			t.Errorf("Identify(%s, %q) = %v", c.oid, c.descr, got)
		}
	}
}
