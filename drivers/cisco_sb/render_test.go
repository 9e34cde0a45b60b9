package cisco_sb

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

var update = flag.Bool("update", false, "rewrite testdata/render/*.golden")

var voicePolicy = audit.MEDPolicy{Application: "voice", VLAN: 20, Tagged: true, Priority: 5, DSCP: 46}

// baseConfig is a switch before voice: data VLAN 10 on access ports, no
// voice VLAN, SB's automatic voice policy on.
const baseConfig = `config-file-header
sw1
v3.0.0.61 / RCBS3.0_930_770_007
CLI v1.0
@
vlan database
vlan 10
exit
hostname sw1
!
interface vlan 10
 name DATA
!
interface GigabitEthernet1
 switchport access vlan 10
!
interface GigabitEthernet2
 switchport access vlan 10
 power inline never
 no lldp transmit
!
interface GigabitEthernet3
 switchport mode general
 switchport general allowed vlan add 10 untagged
 switchport general pvid 10
!
exit
`

// TestRenderGolden renders each change kind alone against baseConfig,
// checks the golden lines, then checks that the rendered way back from the
// wanted state to baseConfig is exactly what rollback needs: rendering
// baseConfig against itself afterwards sends nothing.
func TestRenderGolden(t *testing.T) {
	sw := "sw1"
	cases := []struct {
		name    string
		changes []audit.Change
	}{
		{"create_vlan", []audit.Change{{Kind: audit.ChangeCreateVLAN, Switch: sw, VLAN: 20, Name: "VOICE"}}},
		{"create_voice_vlan", []audit.Change{{Kind: audit.ChangeCreateVLAN, Switch: sw, VLAN: 20, Name: "VOICE", Voice: true}}},
		{"port_mode_hybrid", []audit.Change{{Kind: audit.ChangeSetPortMode, Switch: sw, Port: "gi1", Mode: audit.PortModeHybrid}}},
		{"port_mode_trunk", []audit.Change{{Kind: audit.ChangeSetPortMode, Switch: sw, Port: "GigabitEthernet1", Mode: audit.PortModeTrunk, TaggedVLANs: []int{10}}}},
		{"data_vlan", []audit.Change{{Kind: audit.ChangeSetDataVLAN, Switch: sw, Port: "gi3", VLAN: 1}}},
		{"voice_vlan", []audit.Change{{Kind: audit.ChangeSetVoiceVLAN, Switch: sw, Port: "gi3", VLAN: 20}}},
		{"med_policy", []audit.Change{{Kind: audit.ChangeEnableMEDPolicy, Switch: sw, Port: "gi3", Policy: &voicePolicy}}},
		{"enable_poe", []audit.Change{{Kind: audit.ChangeEnablePoE, Switch: sw, Port: "gi2"}}},
		{"enable_lldp_port", []audit.Change{{Kind: audit.ChangeEnableLLDP, Switch: sw, Port: "gi2"}}},
		{"phone_port", phoneChanges(sw, "gi1", "gi2")},
	}
	d := Driver{}
	cur, err := d.ParseConfig(baseConfig)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want, scope, err := d.Want(cur, c.changes)
			if err != nil {
				t.Fatal(err)
			}
			lines, err := d.Render(cur, want, scope)
			if err != nil {
				t.Fatal(err)
			}
			back, err := d.Render(want, cur, scope)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(lines, "\n") + "\n--- rollback\n" + strings.Join(back, "\n") + "\n"
			path := filepath.Join("testdata", "render", c.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if golden := readFile(t, path); golden != got {
				t.Errorf("render differs from %s:\n%s", path, got)
			}
			if len(lines) == 0 {
				t.Error("nothing rendered")
			}
		})
	}
}

func phoneChanges(sw string, ports ...string) []audit.Change {
	cs := []audit.Change{
		{Kind: audit.ChangeCreateVLAN, Switch: sw, VLAN: 20, Name: "VOICE", Voice: true},
		{Kind: audit.ChangeEnableLLDP, Switch: sw},
	}
	for _, p := range ports {
		cs = append(cs,
			audit.Change{Kind: audit.ChangeSetPortMode, Switch: sw, Port: p, Mode: audit.PortModeHybrid},
			audit.Change{Kind: audit.ChangeSetDataVLAN, Switch: sw, Port: p, VLAN: 10},
			audit.Change{Kind: audit.ChangeSetVoiceVLAN, Switch: sw, Port: p, VLAN: 20},
			audit.Change{Kind: audit.ChangeEnableMEDPolicy, Switch: sw, Port: p, Policy: &voicePolicy},
			audit.Change{Kind: audit.ChangeEnablePoE, Switch: sw, Port: p})
	}
	return cs
}

func TestWantRefusesTwoVoiceVLANs(t *testing.T) {
	d := Driver{}
	cur, _ := d.ParseConfig(baseConfig)
	_, _, err := d.Want(cur, []audit.Change{
		{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: "gi1", VLAN: 20},
		{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: "gi3", VLAN: 30},
	})
	if err == nil || !strings.Contains(err.Error(), "one voice VLAN") {
		t.Errorf("got %v", err)
	}
}

func TestWantRefusesMovingAVoiceVLANInUse(t *testing.T) {
	d := Driver{}
	cur, err := d.ParseConfig(readFile(t, "testdata/running-config.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// gi1 and the trunk gi27 carry voice VLAN 20; moving it to 99 from gi2
	// alone would change them behind the plan's back.
	_, _, err = d.Want(cur, []audit.Change{{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: "gi2", VLAN: 99}})
	if err == nil || !strings.Contains(err.Error(), "gi1, gi27") {
		t.Errorf("got %v", err)
	}
	// With every carrier in the plan it goes ahead.
	if _, _, err := d.Want(cur, []audit.Change{
		{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: "gi1", VLAN: 99},
		{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: "gi27", VLAN: 99},
	}); err != nil {
		t.Errorf("all carriers planned: %v", err)
	}
}

func TestSectionsShowOnlyChanges(t *testing.T) {
	d := Driver{}
	cur, _ := d.ParseConfig(baseConfig)
	want, scope, err := d.Want(cur, phoneChanges("sw1", "gi1"))
	if err != nil {
		t.Fatal(err)
	}
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
	if b := find(before, "interface GigabitEthernet1"); strings.Join(b, "|") != " switchport access vlan 10" {
		t.Errorf("before: %q", b)
	}
	a := strings.Join(find(after, "interface GigabitEthernet1"), "|")
	for _, l := range []string{" switchport mode general", " switchport general allowed vlan add 20 tagged", " lldp med network-policy add 1"} {
		if !strings.Contains(a, l) {
			t.Errorf("after lacks %q: %q", l, a)
		}
	}
	if v := find(after, "voice vlan"); len(v) != 1 || v[0] != "voice vlan id 20" {
		t.Errorf("voice vlan section %q", v)
	}
}
