package aruba_aoss

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var voicePolicy = audit.MEDPolicy{Application: "voice", VLAN: 20, Tagged: true, Priority: 5, DSCP: 46}

// renderCases: one per change kind, plus the full phone-port set.
var renderCases = []struct {
	name    string
	changes []audit.Change
}{
	{"create_vlan", []audit.Change{{Kind: audit.ChangeCreateVLAN, VLAN: 30, Name: "VOICE 2", Voice: true}}},
	{"enable_lldp_port", []audit.Change{{Kind: audit.ChangeEnableLLDP, Port: "8"}}},
	{"set_port_mode_trunk", []audit.Change{{Kind: audit.ChangeSetPortMode, Port: "12", Mode: audit.PortModeTrunk, TaggedVLANs: []int{99, 20}}}},
	{"set_data_vlan", []audit.Change{{Kind: audit.ChangeSetDataVLAN, Port: "50", VLAN: 10}, {Kind: audit.ChangeSetDataVLAN, Port: "51", VLAN: 10}}},
	{"set_voice_vlan", []audit.Change{{Kind: audit.ChangeSetVoiceVLAN, Port: "1", VLAN: 20}, {Kind: audit.ChangeSetVoiceVLAN, Port: "2", VLAN: 20}}},
	{"enable_med_policy", []audit.Change{{Kind: audit.ChangeEnableMEDPolicy, Port: "6", Policy: &voicePolicy}}},
	{"enable_poe", []audit.Change{{Kind: audit.ChangeEnablePoE, Port: "7"}}},
	{"phone_ports", phoneChanges("1", "2", "3", "ethernet 4")},
	{"plain/phone_ports", phoneChanges("1", "2", "3", "5")},
}

func phoneChanges(ports ...string) []audit.Change {
	cs := []audit.Change{{Kind: audit.ChangeCreateVLAN, VLAN: 20, Name: "VOICE", Voice: true}, {Kind: audit.ChangeEnableLLDP}}
	defer func() {
		for i := range cs {
			cs[i].Switch, cs[i].Reason = "sw1", "test"
		}
	}()
	for _, p := range ports {
		cs = append(cs,
			audit.Change{Kind: audit.ChangeSetPortMode, Port: p, Mode: audit.PortModeHybrid},
			audit.Change{Kind: audit.ChangeSetDataVLAN, Port: p, VLAN: 10},
			audit.Change{Kind: audit.ChangeSetVoiceVLAN, Port: p, VLAN: 20},
			audit.Change{Kind: audit.ChangeEnableMEDPolicy, Port: p, Policy: &voicePolicy},
			audit.Change{Kind: audit.ChangeEnablePoE, Port: p})
	}
	return cs
}

// TestRenderGolden renders each case forward and back (the rollback), and
// checks the forward plan, applied to the model, is what Want asked for.
func TestRenderGolden(t *testing.T) {
	d := Driver{}
	for _, tc := range renderCases {
		t.Run(tc.name, func(t *testing.T) {
			cur := loadRunning(t)
			if strings.HasPrefix(tc.name, "plain/") {
				// No voice VLAN, LLDP off, PoE off on port 3.
				var err error
				if cur, err = d.ParseConfig(readFile(t, filepath.Join("testdata", "running_plain.txt"))); err != nil {
					t.Fatal(err)
				}
			}
			for i := range tc.changes {
				tc.changes[i].Switch = "sw1"
				tc.changes[i].Reason = "test"
			}
			want, scope, err := d.Want(cur, tc.changes)
			if err != nil {
				t.Fatal(err)
			}
			fwd, err := d.Render(cur, want, scope)
			if err != nil {
				t.Fatal(err)
			}
			back, err := d.Render(want, cur, scope)
			if err != nil {
				t.Fatal(err)
			}
			if len(fwd) == 0 {
				t.Fatal("nothing rendered")
			}
			got := "! forward\n" + strings.Join(fwd, "\n") + "\n! rollback\n" + strings.Join(back, "\n") + "\n"
			golden := filepath.Join("testdata", "render", strings.ReplaceAll(tc.name, "/", "_")+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if wantText := readFile(t, golden); got != wantText {
				t.Errorf("render differs from %s:\n%s", golden, got)
			}
			// Nothing to do twice.
			if again, _ := d.Render(want, want, scope); len(again) != 0 {
				t.Errorf("want -> want renders %q", again)
			}
		})
	}
}

func TestWantRefusesForeignPolicy(t *testing.T) {
	cur := loadRunning(t)
	pol := audit.MEDPolicy{Application: "voice", VLAN: 30, Tagged: true, Priority: 5, DSCP: 46}
	_, _, err := Driver{}.Want(cur, []audit.Change{{Kind: audit.ChangeEnableMEDPolicy, Switch: "sw1", Port: "1", Policy: &pol, Reason: "x"}})
	if !errors.Is(err, drivers.ErrUnsupported) {
		t.Fatalf("policy on a VLAN the port is not voice-tagged in: %v", err)
	}
	// Port 5 advertises VLAN 20's policy (priority 5) and is not in the plan.
	other := audit.MEDPolicy{Application: "voice", VLAN: 20, Tagged: true, Priority: 6, DSCP: 46}
	_, _, err = Driver{}.Want(cur, []audit.Change{{Kind: audit.ChangeEnableMEDPolicy, Switch: "sw1", Port: "6", Policy: &other, Reason: "x"}})
	if err == nil || !strings.Contains(err.Error(), "ports 5, which") {
		t.Fatalf("QoS change under other ports: %v", err)
	}
	// Port 12 is tagged in VLAN 30 only: a voice flag on 30 would change it.
	cur.Ports["12"].TaggedVLANs, cur.Ports["12"].Mode = []int{30}, drivers.ModeTrunk
	cur.VLANs[30] = drivers.VLAN{ID: 30, Name: "V30"}
	_, _, err = Driver{}.Want(cur, []audit.Change{{Kind: audit.ChangeCreateVLAN, Switch: "sw1", VLAN: 30, Voice: true, Reason: "x"}})
	if err == nil || !strings.Contains(err.Error(), "ports 12 too") {
		t.Fatalf("voice flag under another port: %v", err)
	}
	if _, _, err := (Driver{}).Want(cur, []audit.Change{{Kind: audit.ChangeEnablePoE, Switch: "sw1", Port: "99", Reason: "x"}}); err == nil {
		t.Fatal("unknown port accepted")
	}
}

func TestSectionsShowMembership(t *testing.T) {
	d := Driver{}
	cur := loadRunning(t)
	want, scope, err := d.Want(cur, phoneChanges("1", "2"))
	if err != nil {
		t.Fatal(err)
	}
	before, after := d.Sections(cur, scope), d.Sections(want, scope)
	find := func(ss []drivers.Section, title string) string {
		for _, s := range ss {
			if s.Title == title {
				return strings.Join(s.Lines, "\n")
			}
		}
		return "(absent)"
	}
	if b, a := find(before, "vlan 20"), find(after, "vlan 20"); !strings.Contains(b, "tagged 5-6,49") || !strings.Contains(a, "tagged 1-2,5-6,49") {
		t.Errorf("vlan 20 before:\n%s\nafter:\n%s", b, a)
	}
	if a := find(after, "vlan 20"); !strings.Contains(a, "no ip address") || !strings.Contains(a, "voice") {
		t.Errorf("unmanaged or voice line lost:\n%s", a)
	}
}
