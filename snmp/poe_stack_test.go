package snmp_test

import (
	"testing"

	"github.com/voxlan/voxlan/snapshot"
)

// TestAOSSStackPoERecording reads testdata/snmprec/aoss_stack_poe.snmprec:
// a two-member AOS-S stack whose pethPsePortTable is indexed
// member.ifIndex (2.53 is member 2's first port, ifIndex 53, "2/1").
func TestAOSSStackPoERecording(t *testing.T) {
	sw := discoverRecording(t, "aoss_stack_poe")
	if sw.OS != "aruba_aoss" || len(sw.Errors) != 0 {
		t.Fatalf("os %q, errors %+v", sw.OS, sw.Errors)
	}
	checkPoE(t, sw, map[string]poeWant{
		"1/2": {true, "deliveringPower", 2},
		"2/1": {true, "deliveringPower", 3},
		"2/2": {false, "disabled", -1},
	})
}

// poeWant is a port's expected PoE admin state, detection and class.
type poeWant struct {
	admin     bool
	detection string
	class     int
}

func checkPoE(t *testing.T, sw snapshot.Switch, want map[string]poeWant) {
	t.Helper()
	for name, w := range want {
		p := portByName(sw, name)
		if p == nil || p.PoE == nil || p.PoE.AdminEnabled != w.admin || p.PoE.Detection != w.detection || p.PoE.Class != w.class {
			t.Errorf("%s = %+v, want PoE %+v", name, p, w)
		}
	}
}

// TestJunosVCPoERecording reads testdata/snmprec/junos_vc_poe.snmprec: a
// two-member EX4300 Virtual Chassis whose pethPsePortTable is numbered FPC+1
// . port+1 (1.1 = ge-0/0/0, 2.3 = ge-1/0/2). ge-1/0/1 (what the group/port
// name rule would pick for 1.1) and me0 (ifIndex 1) get no PoE row.
func TestJunosVCPoERecording(t *testing.T) {
	sw := discoverRecording(t, "junos_vc_poe")
	if sw.OS != "juniper_junos" || len(sw.Errors) != 0 {
		t.Fatalf("os %q, errors %+v", sw.OS, sw.Errors)
	}
	checkPoE(t, sw, map[string]poeWant{
		"ge-0/0/0": {true, "deliveringPower", 2},
		"ge-0/0/1": {true, "searching", -1},
		"ge-1/0/0": {true, "deliveringPower", 4},
		"ge-1/0/2": {false, "disabled", -1},
	})
	for _, name := range []string{"ge-1/0/1", "me0", "ge-0/0/0.0"} {
		if p := portByName(sw, name); p == nil || p.PoE != nil {
			t.Errorf("%s = %+v, want no PoE", name, p)
		}
	}
	if len(sw.PoE.PSEs) != 2 {
		t.Errorf("PSEs = %+v, want one per member", sw.PoE.PSEs)
	}
}
