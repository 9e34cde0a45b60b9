package cisco_ios

import (
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

var voicePolicy = audit.MEDPolicy{Application: "voice", VLAN: 20, Tagged: true, Priority: 5, DSCP: 46}

func phoneChanges(ports ...string) []audit.Change {
	cs := []audit.Change{
		{Kind: audit.ChangeCreateVLAN, Switch: "sw1", VLAN: 20, Name: "VOICE", Voice: true},
		{Kind: audit.ChangeEnableLLDP, Switch: "sw1"},
	}
	for _, p := range ports {
		cs = append(cs,
			audit.Change{Kind: audit.ChangeSetPortMode, Switch: "sw1", Port: p, Mode: audit.PortModeHybrid},
			audit.Change{Kind: audit.ChangeSetDataVLAN, Switch: "sw1", Port: p, VLAN: 10},
			audit.Change{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: p, VLAN: 20},
			audit.Change{Kind: audit.ChangeEnableLLDP, Switch: "sw1", Port: p},
			audit.Change{Kind: audit.ChangeEnableMEDPolicy, Switch: "sw1", Port: p, Policy: &voicePolicy},
			audit.Change{Kind: audit.ChangeEnablePoE, Switch: "sw1", Port: p})
	}
	return cs
}

func TestParseConfig(t *testing.T) {
	cfg, err := Driver{}.ParseConfig(readFile(t, "testdata/running.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Hostname != "SW1" || cfg.LLDP || cfg.VLANs[10].Name != "DATA" || len(cfg.VLANs) != 2 {
		t.Errorf("got host %q lldp %v vlans %v", cfg.Hostname, cfg.LLDP, cfg.VLANs)
	}
	p := cfg.Ports["Gi1/0/2"]
	if p == nil || p.Mode != drivers.ModeAccess || p.DataVLAN != 10 || !p.PoEOff || !p.LLDPTxOff || p.LLDPRxOff {
		t.Errorf("Gi1/0/2: got %+v", p)
	}
	if up := cfg.Ports["Te1/1/1"]; up == nil || up.Mode != drivers.ModeTrunk || len(up.TaggedVLANs) != 0 {
		t.Errorf("Te1/1/1: got %+v, want a trunk of every VLAN", up)
	}
	if !slices.Equal(cfg.PortOrder, []string{"Gi1/0/1", "Gi1/0/2", "Te1/1/1"}) || cfg.Addresses["198.18.1.2"] != 99 {
		t.Errorf("got order %v, addresses %v (the SVI is not a port)", cfg.PortOrder, cfg.Addresses)
	}
}

func TestRenderAndRollback(t *testing.T) {
	d := Driver{}
	cur, err := d.ParseConfig(readFile(t, "testdata/running.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want, scope, err := d.Want(cur, phoneChanges("Gi1/0/1", "Gi1/0/2"))
	if err != nil {
		t.Fatal(err)
	}
	lines, err := d.Render(cur, want, scope)
	if err != nil {
		t.Fatal(err)
	}
	wantLines := []string{
		"vlan 20", "name VOICE", "exit", "lldp run",
		"network-policy profile 1", "voice vlan 20 cos 5", "voice vlan 20 dscp 46", "exit",
		"interface GigabitEthernet1/0/1", "switchport voice vlan 20", "network-policy 1",
		"interface GigabitEthernet1/0/2", "switchport voice vlan 20", "lldp transmit", "network-policy 1", "power inline auto",
		"exit",
	}
	if !slices.Equal(lines, wantLines) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(wantLines, "\n"))
	}
	// The rollback of the same scope takes the switch back to cur, removing
	// what the plan created after the ports stop using it.
	back, err := d.Render(want, cur, scope)
	if err != nil {
		t.Fatal(err)
	}
	wantBack := []string{
		"interface GigabitEthernet1/0/1", "no switchport voice vlan", "no network-policy",
		"interface GigabitEthernet1/0/2", "no switchport voice vlan", "no lldp transmit", "no network-policy", "power inline never",
		"exit", "no vlan 20", "no lldp run", "no network-policy profile 1",
	}
	if !slices.Equal(back, wantBack) {
		t.Errorf("rollback: got\n%s\nwant\n%s", strings.Join(back, "\n"), strings.Join(wantBack, "\n"))
	}
	if mm := drivers.Compare(want, cur, scope); len(mm) == 0 {
		t.Error("Compare found no difference between the plan and the current state")
	}
	if mm := drivers.Compare(want, want.Clone(), scope); len(mm) != 0 {
		t.Errorf("Compare of a state with itself: %v", mm)
	}
}

func TestWantUnknownPort(t *testing.T) {
	cur, err := Driver{}.ParseConfig(readFile(t, "testdata/running.txt"))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = Driver{}.Want(cur, phoneChanges("Gi9/0/9"))
	if err == nil || !strings.Contains(err.Error(), "Gi9/0/9") {
		t.Errorf("got %v, want an error naming the port", err)
	}
}

func TestSections(t *testing.T) {
	d := Driver{}
	cur, _ := d.ParseConfig(readFile(t, "testdata/running.txt"))
	want, scope, _ := d.Want(cur, phoneChanges("Gi1/0/1"))
	before, after := d.Sections(cur, scope), d.Sections(want, scope)
	find := func(ss []drivers.Section, title string) []string {
		for _, s := range ss {
			if s.Title == title {
				return s.Lines
			}
		}
		t.Fatalf("no section %q", title)
		return nil
	}
	b, a := find(before, "interface GigabitEthernet1/0/1"), find(after, "interface GigabitEthernet1/0/1")
	if !slices.Contains(b, " description desk 101") || !slices.Contains(a, " description desk 101") {
		t.Errorf("unmanaged lines lost: before %q after %q", b, a)
	}
	if slices.Contains(b, " switchport voice vlan 20") || !slices.Contains(a, " switchport voice vlan 20") {
		t.Errorf("voice vlan: before %q after %q", b, a)
	}
}

func scopeAll(cfg *drivers.Config) drivers.Scope {
	return drivers.Scope{Ports: cfg.PortOrder, VLANs: cfg.SortedVLANs(), Global: true}
}

func TestObserveAndCompare(t *testing.T) {
	d := Driver{}
	obs, err := d.Observe(readFile(t, "testdata/ntc/show_interfaces_switchport/cisco_ios_show_interfaces_switchport_voice_vlan.raw"))
	if err != nil {
		t.Fatal(err)
	}
	if p := obs["Gi0/1"]; p == nil || p.Mode != drivers.ModeTrunk {
		t.Fatalf("Gi0/1: %+v", p)
	}
	if p := obs["Gi0/2"]; p == nil || p.Mode != drivers.ModeDefault || p.DataVLAN != 100 {
		t.Fatalf("Gi0/2 (dynamic auto, access VLAN 100): %+v", p)
	}
	want := drivers.NewConfig()
	want.Port("Gi0/2").DataVLAN = 100
	want.Ports["Gi0/2"].VoiceVLAN = 20
	mm := drivers.CompareObserved(want, obs, drivers.Scope{Ports: []string{"Gi0/2", "Gi9/9"}}, d.ObserveCommand())
	if len(mm) != 1 || mm[0].Field != "voiceVlan (show interfaces switchport)" || mm[0].Got != "0" {
		t.Errorf("got %v, want only the missing voice VLAN (Gi9/9 is not in want)", mm)
	}
}
