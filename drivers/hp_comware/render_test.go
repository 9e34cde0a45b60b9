package hp_comware

import (
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
)

func render(t *testing.T, cur *drivers.Config, changes []audit.Change) (*drivers.Config, drivers.Scope, []string, []string) {
	t.Helper()
	want, scope, err := Driver{}.Want(cur, changes)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := Driver{}.Render(cur, want, scope)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Driver{}.Render(want, cur, scope)
	if err != nil {
		t.Fatal(err)
	}
	return want, scope, lines, back
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestWantRender: an access port becomes a hybrid phone port (manual voice
// VLAN, QoS 5/46 asked for), a trunk's permit list only gains what it
// lacks, and the way back undoes each step in Comware's order.
func TestWantRender(t *testing.T) {
	cur := testConfig(t)
	_, _, lines, back := render(t, cur, drivertest.VoiceChanges("GigabitEthernet1/0/3"))
	same(t, "phone port", lines, []string{"interface GigabitEthernet1/0/3",
		"port link-type hybrid", "undo port hybrid vlan 1", "port hybrid vlan 10 untagged", "port hybrid vlan 20 tagged",
		"port hybrid pvid vlan 10", "undo voice-vlan mode auto", "voice-vlan qos 5 46", "voice-vlan 20 enable", "poe enable", "quit"})
	same(t, "rollback", back, []string{"interface GigabitEthernet1/0/3",
		"undo voice-vlan enable", "port link-type access", "port access vlan 10", "voice-vlan mode auto", "undo voice-vlan qos",
		"undo poe enable", "quit"})

	// 1/0/2 has the policy TLV off and QoS 5/46 already.
	_, _, lines, _ = render(t, cur, drivertest.VoiceChanges("GigabitEthernet1/0/2"))
	same(t, "TLV back on", lines, []string{"interface GigabitEthernet1/0/2", "lldp tlv-enable med-tlv network-policy", "quit"})

	// A trunk gains a VLAN; "GE1/0/5", as brief outputs write it, names
	// the same port.
	changes := []audit.Change{{Kind: audit.ChangeCreateVLAN, Switch: "sw1", VLAN: 40, Name: "VOICE2", Reason: "t"},
		{Kind: audit.ChangeSetPortMode, Switch: "sw1", Port: "GE1/0/5", Mode: audit.PortModeTrunk, TaggedVLANs: []int{40}, Reason: "t"}}
	_, _, lines, back = render(t, cur, changes)
	same(t, "trunk gains VLAN 40", lines, []string{"vlan 40", "name VOICE2", "quit",
		"interface GigabitEthernet1/0/5", "port trunk permit vlan 40", "quit"})
	same(t, "trunk loses VLAN 40", back, []string{"interface GigabitEthernet1/0/5", "undo port trunk permit vlan 40", "quit", "undo vlan 40"})
}

func TestWantRefuses(t *testing.T) {
	cur := testConfig(t)
	untagged := drivertest.Voice
	untagged.Tagged = false
	for _, c := range []struct {
		name    string
		changes []audit.Change
		want    string
	}{
		{"routed port", drivertest.VoiceChanges("GigabitEthernet1/0/7"), "routed or hybrid"},
		{"hybrid with two untagged VLANs", drivertest.VoiceChanges("GigabitEthernet1/0/6"), "routed or hybrid"},
		{"untagged policy", []audit.Change{{Kind: audit.ChangeEnableMEDPolicy, Switch: "sw1", Port: "GigabitEthernet1/0/1", Policy: &untagged, Reason: "t"}}, "cannot be set"},
		{"unknown port", drivertest.VoiceChanges("GigabitEthernet1/0/60"), "not in the switch configuration"},
	} {
		if _, _, err := (Driver{}).Want(cur, c.changes); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error with %q", c.name, err, c.want)
		}
	}
}
