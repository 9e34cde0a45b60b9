package aruba_aoscx

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
)

func testConfig(t *testing.T) *drivers.Config {
	t.Helper()
	cfg, err := Driver{}.ParseConfig(drivertest.ReadFile(t, "testdata/running.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestWantRender: an access port becomes a phone port (trunk native data,
// allowed data+voice); the way back renders `vlan access`; a phone port
// whose policy TLV was off gets it back.
func TestWantRender(t *testing.T) {
	cur := testConfig(t)
	changes := drivertest.VoiceChanges("1/1/3", "1/1/2")
	want, scope, err := Driver{}.Want(cur, changes)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := Driver{}.Render(cur, want, scope)
	if err != nil {
		t.Fatal(err)
	}
	wantLines := []string{
		"interface 1/1/2", "lldp med network-policy", "exit",
		"interface 1/1/3", "vlan trunk native 10", "vlan trunk allowed 10,20", "power-over-ethernet", "exit"}
	if !slices.Equal(lines, wantLines) {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(wantLines, "\n"))
	}
	back, err := Driver{}.Render(want, cur, scope)
	if err != nil {
		t.Fatal(err)
	}
	wantBack := []string{
		"interface 1/1/2", "no lldp med network-policy", "exit",
		"interface 1/1/3", "vlan access 10", "no power-over-ethernet", "exit"}
	if !slices.Equal(back, wantBack) {
		t.Errorf("rollback:\n%s\nwant:\n%s", strings.Join(back, "\n"), strings.Join(wantBack, "\n"))
	}
	var got []string
	for _, s := range (Driver{}).Sections(want, scope) {
		if s.Title == "interface 1/1/3" {
			got = s.Lines
		}
	}
	if !slices.Equal(got, []string{"    no routing", "    shutdown", "    vlan trunk native 10", "    vlan trunk allowed 10,20"}) {
		t.Errorf("section of 1/1/3 after: %q", got)
	}
}

// TestWantNewVoiceVLAN: a new voice VLAN is created with its flag, and a
// trunk's allowed list only gains what it lacks.
func TestWantNewVoiceVLAN(t *testing.T) {
	cur := testConfig(t)
	changes := drivertest.VoiceChanges("1/1/4")
	for i := range changes {
		switch {
		case changes[i].Kind == audit.ChangeCreateVLAN:
			changes[i].VLAN = 40
		case changes[i].Kind == audit.ChangeSetVoiceVLAN:
			changes[i].VLAN = 40
		case changes[i].Policy != nil:
			p := *changes[i].Policy
			p.VLAN = 40
			changes[i].Policy = &p
		}
	}
	want, scope, err := Driver{}.Want(cur, changes)
	if err != nil {
		t.Fatal(err)
	}
	lines, _ := Driver{}.Render(cur, want, scope)
	wantLines := []string{"vlan 40", "name VOICE", "voice", "exit",
		"interface 1/1/4", "vlan trunk native 10", "vlan trunk allowed 10,40", "exit"}
	if !slices.Equal(lines, wantLines) {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(wantLines, "\n"))
	}
	back, _ := Driver{}.Render(want, cur, scope)
	if !slices.Equal(back, []string{"interface 1/1/4", "vlan access 30", "exit", "no vlan 40"}) {
		t.Errorf("rollback %q", back)
	}
}

// TestWantRefuses: what AOS-CX cannot do, or voxlan will not, is refused
// before anything is sent.
func TestWantRefuses(t *testing.T) {
	cur := testConfig(t)
	odd := drivertest.Voice
	odd.Priority = 6
	for _, c := range []struct {
		name    string
		changes []audit.Change
		want    string
	}{
		{"routed port", drivertest.VoiceChanges("1/1/7"), "routed port"},
		{"native tagged", drivertest.VoiceChanges("1/1/6"), "tags its native VLAN"},
		{"other priority", []audit.Change{{Kind: audit.ChangeEnableMEDPolicy, Switch: "sw1", Port: "1/1/1", Policy: &odd, Reason: "t"}}, "priority 6"},
		{"unknown port", drivertest.VoiceChanges("1/1/60"), "not in the switch configuration"},
	} {
		_, _, err := Driver{}.Want(cur, c.changes)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error with %q", c.name, err, c.want)
		}
		if c.name == "routed port" && !errors.Is(err, drivers.ErrUnsupported) {
			t.Errorf("%s: %v is not ErrUnsupported", c.name, err)
		}
	}
	// With 1/1/5 tagged in VLAN 30 alone, a voice flag on VLAN 30 would
	// make it a phone port too, though the plan does not name it.
	cfg, err := Driver{}.ParseConfig(strings.Replace(drivertest.ReadFile(t, "testdata/running.txt"),
		"vlan trunk allowed 10,20,30", "vlan trunk allowed 10,30", 1))
	if err != nil {
		t.Fatal(err)
	}
	changes := []audit.Change{{Kind: audit.ChangeCreateVLAN, Switch: "sw1", VLAN: 30, Voice: true, Reason: "t"},
		{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: "1/1/4", VLAN: 30, Reason: "t"}}
	if _, _, err := (Driver{}).Want(cfg, changes); err == nil || !strings.Contains(err.Error(), "1/1/5") {
		t.Errorf("voice flag on a VLAN another port is tagged in alone: %v", err)
	}
}
