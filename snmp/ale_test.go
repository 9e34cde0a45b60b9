package snmp_test

import (
	"slices"
	"strings"
	"testing"
)

// TestALEPVIDByIfIndex reads testdata/snmprec/ale_os6450_pvid_ifindex.snmprec,
// written by hand from Q-BRIDGE-MIB (dot1qPvid, dot1qVlanStatic*Ports) and
// BRIDGE-MIB (dot1dBasePortIfIndex) as Alcatel-Lucent OmniSwitch 6 answers
// them: bridge ports 1-4 are ifIndexes 1001-1004 (slot 1 ports 1-4), but
// dot1qPvid and the VLAN port lists name the ifIndexes themselves. Every
// port gets its PVID and membership, and the snapshot says how they were
// read.
func TestALEPVIDByIfIndex(t *testing.T) {
	sw := discoverRecording(t, "ale_os6450_pvid_ifindex")
	if sw.OS != "ale_aos" || len(sw.Ports) != 4 {
		t.Fatalf("got %s with %d ports", sw.OS, len(sw.Ports))
	}
	for _, c := range []struct {
		name           string
		pvid           int
		untagged, tags []int
	}{
		{"1/1", 10, []int{10}, []int{20}},
		{"1/2", 10, []int{10}, []int{20}},
		{"1/3", 10, []int{10}, nil},
		{"1/4", 1, []int{1}, nil},
	} {
		p := portByName(sw, c.name)
		if p == nil || p.PVID != c.pvid || !slices.Equal(p.UntaggedVLANs, c.untagged) || !slices.Equal(p.TaggedVLANs, c.tags) {
			t.Errorf("%s = %+v, want PVID %d untagged %v tagged %v", c.name, p, c.pvid, c.untagged, c.tags)
		}
	}
	for _, e := range sw.Errors {
		if strings.Contains(e.Message, "no interface") {
			t.Errorf("error %q: the ifIndex reading should have placed them", e.Message)
		}
	}
	notes := strings.Join(sw.Notes, "\n")
	if !strings.Contains(notes, "4 dot1qPvid rows are indexed by ifIndex") || !strings.Contains(notes, "port-list bits name ifIndexes") {
		t.Errorf("notes %q", sw.Notes)
	}
}
