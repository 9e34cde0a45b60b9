package juniper_junos

import (
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
)

func parseTestConfig(t *testing.T) *drivers.Config {
	t.Helper()
	cfg, err := Driver{}.ParseConfig(drivertest.ReadFile(t, "testdata/config.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestParseConfig reads the ELS configuration: named VLANs, access and
// trunk ports, a voip port with its LLDP-MED policy, LLDP and PoE
// coverage, the management address, inactive statements left out.
func TestParseConfig(t *testing.T) {
	cfg := parseTestConfig(t)
	if cfg.Hostname != "ex2300-access-1" || !cfg.LLDP || cfg.Addresses["198.18.1.2"] != 99 {
		t.Errorf("hostname %q lldp %v addresses %v", cfg.Hostname, cfg.LLDP, cfg.Addresses)
	}
	if !slices.Equal(cfg.SortedVLANs(), []int{1, 10, 20, 99}) || cfg.VLANs[20].Name != "VOICE" || !cfg.VLANs[20].Voice || cfg.VLANs[10].Voice {
		t.Errorf("VLANs %+v", cfg.VLANs)
	}
	if !slices.Equal(cfg.PortOrder, []string{"ge-0/0/0", "ge-0/0/1", "ge-0/0/3", "ge-0/1/0"}) {
		t.Errorf("ports %q", cfg.PortOrder)
	}
	p0 := cfg.Ports["ge-0/0/0"]
	if p0.Mode != drivers.ModeAccess || p0.DataVLAN != 10 || p0.VoiceVLAN != 20 || p0.PoEOff || p0.LLDPTxOff ||
		p0.MED == nil || *p0.MED != drivertest.Voice {
		t.Errorf("ge-0/0/0: %+v med %+v", p0, p0.MED)
	}
	if p1 := cfg.Ports["ge-0/0/1"]; p1.VoiceVLAN != 0 || p1.MED != nil || p1.DataVLAN != 10 {
		t.Errorf("ge-0/0/1: %+v", p1)
	}
	if p3 := cfg.Ports["ge-0/0/3"]; !p3.Shutdown || p3.DataVLAN != 10 {
		t.Errorf("ge-0/0/3 (disabled, members by id): %+v", p3)
	}
	up := cfg.Ports["ge-0/1/0"]
	if up.Mode != drivers.ModeTrunk || up.DataVLAN != 1 || !slices.Equal(up.TaggedVLANs, []int{10, 20, 99}) {
		t.Errorf("uplink: %+v", up)
	}
	if raw := cfg.Raw["interface ge-0/0/1"]; len(raw) != 2 || !strings.Contains(raw[0], `description "phone desk 12"`) {
		t.Errorf("unmanaged lines of ge-0/0/1: %q", raw)
	}
	if all := (drivers.Scope{Ports: cfg.PortOrder, VLANs: cfg.SortedVLANs(), Global: true}); true {
		if lines, err := (Driver{}).Render(cfg, cfg.Clone(), all); err != nil || len(lines) != 0 {
			t.Errorf("self render %q %v", lines, err)
		}
	}
}

// TestParseConfigErrors: what commit would refuse, and what is not a
// configuration, are errors naming the problem.
func TestParseConfigErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"show vlans\n", "no `set` statement"},
		{"set interfaces ge-0/0/1 unit 0 family ethernet-switching vlan members NOPE\n", `VLAN "NOPE" is not defined`},
		{"set vlans A vlan-id 5000\n", "bad vlan-id"},
		{"set vlans A vlan-id 10\nset vlans B vlan-id 10\n", "given to two VLANs"},
		{"set vlans A vlan-id 10\nset vlans B vlan-id 11\nset interfaces ge-0/0/1 unit 0 family ethernet-switching vlan members A\nset interfaces ge-0/0/1 unit 0 family ethernet-switching vlan members B\n", "member of 2 VLANs"},
		{`set interfaces ge-0/0/1 description "open` + "\n", "unterminated quote"},
	} {
		if _, err := (Driver{}).ParseConfig(tc.text); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.text, err, tc.want)
		}
	}
}

// TestRenderVoicePorts: phone ports become access ports in the data VLAN
// with the voice VLAN as voip VLAN in expedited-forwarding; PoE comes back
// on a port where it was disabled; LLDP and LLDP-MED already cover every
// port; the trunk keeps its mode and gets the data VLAN native.
func TestRenderVoicePorts(t *testing.T) {
	cfg := parseTestConfig(t)
	d := Driver{}
	changes := drivertest.VoiceChanges("ge-0/0/0", "ge-0/0/1")
	want, scope, err := d.Want(cfg, changes)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := d.Render(cfg, want, scope)
	if err != nil {
		t.Fatal(err)
	}
	// ge-0/0/0 is a phone port already.
	wantLines := []string{
		"set switch-options voip interface ge-0/0/1.0 vlan VOICE",
		"set switch-options voip interface ge-0/0/1.0 forwarding-class expedited-forwarding",
	}
	if !slices.Equal(lines, wantLines) {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(wantLines, "\n"))
	}

	// A configuration with nothing: VLANs created, LLDP, LLDP-MED and PoE
	// listed per port.
	bare, err := d.ParseConfig("set vlans default vlan-id 1\nset interfaces ge-0/0/5 unit 0 family ethernet-switching\n")
	if err != nil {
		t.Fatal(err)
	}
	want, scope, err = d.Want(bare, append(drivertest.VoiceChanges("ge-0/0/5"),
		audit.Change{Kind: audit.ChangeCreateVLAN, Switch: "sw1", VLAN: 10, Name: "DATA"}))
	if err != nil {
		t.Fatal(err)
	}
	lines, err = d.Render(bare, want, scope)
	if err != nil {
		t.Fatal(err)
	}
	wantLines = []string{
		"set vlans DATA vlan-id 10",
		"set vlans VOICE vlan-id 20",
		"set protocols lldp interface all",
		// interface-mode access is ELS' default for a switching unit.
		"set interfaces ge-0/0/5 unit 0 family ethernet-switching vlan members DATA",
		"set switch-options voip interface ge-0/0/5.0 vlan VOICE",
		"set switch-options voip interface ge-0/0/5.0 forwarding-class expedited-forwarding",
		"set protocols lldp-med interface ge-0/0/5",
		"set poe interface ge-0/0/5",
	}
	if !slices.Equal(lines, wantLines) {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(wantLines, "\n"))
	}
	// What the lines make, read back, is what was asked for; the way back
	// is the exact inverse.
	text := "set vlans default vlan-id 1\nset interfaces ge-0/0/5 unit 0 family ethernet-switching\n" +
		strings.Join(lines, "\n") + "\n"
	got, err := d.ParseConfig(text)
	if err != nil {
		t.Fatal(err)
	}
	if mm := drivers.Compare(want, got, scope); len(mm) > 0 {
		t.Errorf("read back: %v", mm)
	}
	back, err := d.Render(got, bare, scope)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range back {
		if !strings.HasPrefix(l, "delete ") {
			t.Errorf("rollback line %q: only deletions undo creations", l)
		}
	}
	if !slices.Contains(back, "delete vlans VOICE") || !slices.Contains(back, "delete switch-options voip interface ge-0/0/5.0") {
		t.Errorf("rollback:\n%s", strings.Join(back, "\n"))
	}
}

// TestWantRefuses: policies Junos cannot derive from voip, tagged VLANs on
// an access port.
func TestWantRefuses(t *testing.T) {
	cfg := parseTestConfig(t)
	pol := drivertest.Voice
	pol.DSCP = 40
	cs := drivertest.VoiceChanges("ge-0/0/1")
	for i := range cs {
		if cs[i].Kind == audit.ChangeEnableMEDPolicy {
			cs[i].Policy = &pol
		}
	}
	if _, _, err := (Driver{}).Want(cfg, cs); err == nil || !strings.Contains(err.Error(), "DSCP 40") {
		t.Errorf("DSCP 40: %v", err)
	}
	// Voice-signaling beside voice is left out; alone it is refused.
	sig := audit.MEDPolicy{Application: "voiceSignaling", VLAN: 20, Tagged: true, Priority: 3, DSCP: 24}
	cs = append(drivertest.VoiceChanges("ge-0/0/1"), audit.Change{Kind: audit.ChangeEnableMEDPolicy, Switch: "sw1", Port: "ge-0/0/1", Policy: &sig})
	want, _, err := (Driver{}).Want(cfg, cs)
	if err != nil || want.Ports["ge-0/0/1"].MED == nil || *want.Ports["ge-0/0/1"].MED != drivertest.Voice {
		t.Errorf("voice + voiceSignaling: %v", err)
	}
	cs = []audit.Change{{Kind: audit.ChangeEnableMEDPolicy, Switch: "sw1", Port: "ge-0/0/1", Policy: &sig}}
	if _, _, err := (Driver{}).Want(cfg, cs); err == nil || !strings.Contains(err.Error(), "voiceSignaling") {
		t.Errorf("voiceSignaling alone: %v", err)
	}
}

// TestSections: the plan's before/after text is display-set statements.
func TestSections(t *testing.T) {
	cfg := parseTestConfig(t)
	secs := Driver{}.Sections(cfg, drivers.Scope{Ports: []string{"ge-0/0/0"}, VLANs: []int{20}, Global: true})
	var all []string
	for _, s := range secs {
		all = append(all, s.Title)
		all = append(all, s.Lines...)
	}
	text := strings.Join(all, "\n")
	for _, w := range []string{"set protocols lldp interface all", "set vlans VOICE vlan-id 20", `set vlans VOICE description "IP phones"`,
		"set interfaces ge-0/0/0 unit 0 family ethernet-switching vlan members DATA", "set switch-options voip interface ge-0/0/0.0 vlan VOICE"} {
		if !strings.Contains(text, w) {
			t.Errorf("sections lack %q:\n%s", w, text)
		}
	}
}
