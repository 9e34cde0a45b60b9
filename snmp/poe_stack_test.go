package snmp_test

import "testing"

// TestAOSSStackPoERecording reads testdata/snmprec/aoss_stack_poe.snmprec:
// a two-member AOS-S stack whose pethPsePortTable is indexed
// member.ifIndex (2.53 is member 2's first port, ifIndex 53, "2/1").
func TestAOSSStackPoERecording(t *testing.T) {
	sw := discoverRecording(t, "aoss_stack_poe")
	if sw.OS != "aruba_aoss" || len(sw.Errors) != 0 {
		t.Fatalf("os %q, errors %+v", sw.OS, sw.Errors)
	}
	want := map[string]struct {
		admin     bool
		detection string
		class     int
	}{
		"1/2": {true, "deliveringPower", 2},
		"2/1": {true, "deliveringPower", 3},
		"2/2": {false, "disabled", -1},
	}
	for name, w := range want {
		p := portByName(sw, name)
		if p == nil || p.PoE == nil || p.PoE.AdminEnabled != w.admin || p.PoE.Detection != w.detection || p.PoE.Class != w.class {
			t.Errorf("%s = %+v, want PoE %+v", name, p, w)
		}
	}
}
