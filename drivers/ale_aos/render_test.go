package ale_aos

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
)

func plan(t *testing.T, cfg *drivers.Config, changes []audit.Change) ([]string, *drivers.Config, drivers.Scope) {
	t.Helper()
	want, scope, err := Driver{}.Want(cfg, changes)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := Driver{}.Render(cfg, want, scope)
	if err != nil {
		t.Fatal(err)
	}
	return lines, want, scope
}

// TestRenderReleases: the same phone-port changes in each release's
// syntax. On the AOS 8 snapshot policy 1 (voice 20, 5, 46) exists and is
// reused; 1/1/26 leaves its untagged VLAN 30 for 10 and keeps 31 tagged;
// 1/1/5 gets PoE back; 1/1/22, which the snapshot never mentions, starts
// from VLAN 1.
func TestRenderReleases(t *testing.T) {
	lines, _, _ := plan(t, parse(t, "testdata/snapshot8.txt"), drivertest.VoiceChanges("1/1/5", "1/1/22", "1/1/26"))
	want := []string{
		"vlan 20 members port 1/1/5 tagged", "lldp port 1/1/5 med network-policy 1", "lldp port 1/1/5 tlv med network-policy enable",
		"lanpower port 1/1/5 admin-state enable",
		"vlan 10 members port 1/1/22 untagged", "vlan 20 members port 1/1/22 tagged", "lldp port 1/1/22 med network-policy 1",
		"lldp port 1/1/22 tlv med network-policy enable",
		"vlan 10 members port 1/1/26 untagged", "vlan 20 members port 1/1/26 tagged", "lldp port 1/1/26 med network-policy 1",
		"lldp port 1/1/26 tlv med network-policy enable",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("AOS 8:\ngot  %q\nwant %q", lines, want)
	}
	lines, _, _ = plan(t, parse(t, "testdata/snapshot6.txt"), drivertest.VoiceChanges("1/2", "1/5", "1/26"))
	want = []string{
		"lldp 1/2 tlv med network-policy enable",
		"vlan 20 802.1q 1/5", "lldp 1/5 med network-policy 1", "lldp 1/5 tlv med network-policy enable", "lanpower start 1/5",
		"vlan 10 port default 1/26", "vlan 20 802.1q 1/26", "lldp 1/26 med network-policy 1", "lldp 1/26 tlv med network-policy enable",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("AOS 6:\ngot  %q\nwant %q", lines, want)
	}
}

// TestRenderNewPolicyAndBack: a policy with other values gets the next free
// number (4: the snapshot has 1-3); rendering back to the start removes the port's lines first, then
// the policy, then the VLAN.
func TestRenderNewPolicyAndBack(t *testing.T) {
	cur := parse(t, "testdata/snapshot8.txt")
	cs := drivertest.VoiceChanges("1/1/6")
	for i := range cs {
		if cs[i].Kind == audit.ChangeCreateVLAN {
			cs[i].VLAN = 21
		}
		if cs[i].Kind == audit.ChangeSetVoiceVLAN {
			cs[i].VLAN = 21
		}
		if cs[i].Policy != nil {
			pol := *cs[i].Policy
			pol.VLAN = 21
			cs[i].Policy = &pol
		}
	}
	lines, want, scope := plan(t, cur, cs)
	if lines[0] != `vlan 21 name "VOICE"` || lines[1] != "lldp network-policy 4 application voice vlan 21 l2-priority 5 dscp 46" {
		t.Errorf("lines %q", lines)
	}
	back, err := Driver{}.Render(want, cur, scope)
	if err != nil {
		t.Fatal(err)
	}
	wantBack := []string{"no vlan 21 members port 1/1/6", "no lldp port 1/1/6 med network-policy 4", "lldp port 1/1/6 tlv med network-policy disable",
		"no lldp network-policy 4", "no vlan 21"}
	if !slices.Equal(back, wantBack) {
		t.Errorf("back:\ngot  %q\nwant %q", back, wantBack)
	}
}

// TestWantRefuses: what an OmniSwitch cannot do the way voxlan asks is
// refused with the reason, port by port.
func TestWantRefuses(t *testing.T) {
	cfg := parse(t, "testdata/snapshot6.txt")
	stopped, err := Driver{}.ParseConfig(strings.Replace(drivertest.ReadFile(t, "testdata/snapshot6.txt"), "lanpower start 1\n", "", 1))
	if err != nil {
		t.Fatal(err)
	}
	untagged := drivertest.Voice
	untagged.Tagged = false
	for name, c := range map[string]struct {
		cfg     *drivers.Config
		changes []audit.Change
		reason  string
	}{
		"voice VLAN without policy": {cfg, []audit.Change{{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: "1/7", VLAN: 30}}, "has a voice policy for VLAN 30"},
		"untagged policy": {cfg, []audit.Change{{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: "1/7", VLAN: 20},
			{Kind: audit.ChangeEnableMEDPolicy, Switch: "sw1", Port: "1/7", Policy: &untagged}}, "tagged=false"},
		"PoE service stopped": {stopped, drivertest.VoiceChanges("1/7"), "lanpower start 1"},
		"data equals voice":   {cfg, []audit.Change{{Kind: audit.ChangeSetDataVLAN, Switch: "sw1", Port: "1/7", VLAN: 20}, {Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: "1/7", VLAN: 20}}, "both untagged"},
	} {
		_, _, err := Driver{}.Want(c.cfg, c.changes)
		if !errors.Is(err, drivers.ErrUnsupported) || !strings.Contains(err.Error(), c.reason) {
			t.Errorf("%s: got %v, want ErrUnsupported naming %q", name, err, c.reason)
		}
	}
	if _, _, err := (Driver{}).Want(parse(t, "testdata/snapshot8.txt"), drivertest.VoiceChanges("1/1/27")); !errors.Is(err, drivers.ErrUnsupported) || !strings.Contains(err.Error(), "link aggregate") {
		t.Errorf("an aggregate member: %v", err)
	}
	if _, _, err := (Driver{}).Want(cfg, drivertest.VoiceChanges("1/28")); !errors.Is(err, drivers.ErrUnsupported) || !strings.Contains(err.Error(), "link aggregate") {
		t.Errorf("an AOS 6 aggregate member: %v", err)
	}
	if _, _, err := (Driver{}).Want(cfg, drivertest.VoiceChanges("1/1/7")); err == nil || !strings.Contains(err.Error(), "not in the switch configuration") {
		t.Errorf("an AOS 8 port name on AOS 6: %v", err)
	}
	full := cfg.Clone()
	for id := 1; id <= maxPolicyID; id++ {
		full.Profiles[id] = audit.MEDPolicy{Application: "voice", VLAN: 100 + id, Tagged: true}
	}
	if _, _, err := (Driver{}).Want(full, drivertest.VoiceChanges("1/7")); err == nil || !strings.Contains(err.Error(), "all in use") {
		t.Errorf("no free policy: %v", err)
	}
}

// TestVoiceVLANWithoutPolicy: a port given only a voice VLAN (a spare port
// the site pre-wires) is bound to the voice policy for that VLAN, the
// switch's own or the one the plan creates for a phone port named after it.
func TestVoiceVLANWithoutPolicy(t *testing.T) {
	spare := func(port string, vlan int) audit.Change {
		return audit.Change{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: port, VLAN: vlan}
	}
	lines, _, _ := plan(t, parse(t, "testdata/snapshot6.txt"), []audit.Change{spare("1/7", 20)})
	if want := []string{"vlan 20 802.1q 1/7", "lldp 1/7 med network-policy 1", "lldp 1/7 tlv med network-policy enable"}; !slices.Equal(lines, want) {
		t.Errorf("existing policy: got %q, want %q", lines, want)
	}
	changes := append([]audit.Change{spare("1/1/4", 21)}, drivertest.VoiceChanges("1/1/9")...)
	for i := range changes {
		if changes[i].Kind == audit.ChangeCreateVLAN || changes[i].Kind == audit.ChangeSetVoiceVLAN {
			changes[i].VLAN = 21
		}
		if changes[i].Policy != nil {
			pol := *changes[i].Policy
			pol.VLAN = 21
			changes[i].Policy = &pol
		}
	}
	lines, _, _ = plan(t, parse(t, "testdata/snapshot8.txt"), changes)
	if !slices.Contains(lines, "lldp network-policy 4 application voice vlan 21 l2-priority 5 dscp 46") ||
		!slices.Contains(lines, "lldp port 1/1/4 med network-policy 4") || !slices.Contains(lines, "lldp port 1/1/9 med network-policy 4") {
		t.Errorf("new policy shared: %q", lines)
	}
}

// TestVoiceSignaling: a voice-signaling policy asked beside the voice one
// is created and bound too; the voice one stays the port's MED.
func TestVoiceSignaling(t *testing.T) {
	sig := audit.MEDPolicy{Application: "voiceSignaling", VLAN: 20, Tagged: true, Priority: 3, DSCP: 24}
	changes := append(drivertest.VoiceChanges("1/7"), audit.Change{Kind: audit.ChangeEnableMEDPolicy, Switch: "sw1", Port: "1/7", Policy: &sig})
	lines, want, _ := plan(t, parse(t, "testdata/snapshot6.txt"), changes)
	for _, l := range []string{"lldp network-policy 2 application voice-signaling vlan 20 l2-priority 3 dscp 24", "lldp 1/7 med network-policy 1", "lldp 1/7 med network-policy 2"} {
		if !slices.Contains(lines, l) {
			t.Errorf("lines lack %q: %q", l, lines)
		}
	}
	if p := want.Ports["1/7"]; p.MED == nil || p.MED.Application != "voice" || p.Profile != 1 {
		t.Errorf("port 1/7: %s", drivers.PortState(p))
	}
}

func TestCanonicalPort(t *testing.T) {
	for in, want := range map[string]string{"Alcatel-Lucent 1/1": "1/1", "Alcatel-Lucent Enterprise 1/1/1": "1/1/1", " port 1/1/3 ": "1/1/3", "1/2": "1/2"} {
		if got := (Driver{}).CanonicalPort(in); got != want {
			t.Errorf("CanonicalPort(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSections: a port's section holds the commands that build it from a
// default port, in its release's syntax.
func TestSections(t *testing.T) {
	cfg := parse(t, "testdata/snapshot6.txt")
	s := Driver{}.Sections(cfg, drivers.Scope{Ports: []string{"1/1", "1/30"}, VLANs: []int{20}, Global: true})
	if len(s) != 4 || s[0].Title != "lldp" || s[0].Lines[1] != "lldp network-policy 1 application voice vlan 20 l2-priority 5 dscp 46" ||
		s[1].Title != "vlan 20" || s[2].Title != "port 1/1" || len(s[3].Lines) != 0 {
		t.Fatalf("sections %+v", s)
	}
	if want := []string{"vlan 10 port default 1/1", "vlan 20 802.1q 1/1", "lldp 1/1 med network-policy 1", "lldp 1/1 tlv med network-policy enable"}; !slices.Equal(s[2].Lines, want) {
		t.Errorf("port 1/1: got %q, want %q", s[2].Lines, want)
	}
}
