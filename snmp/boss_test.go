package snmp_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/snapshot"
)

// TestBOSSRCVLAN reads testdata/snmprec/boss_ers4850_rcvlan.snmprec, written
// by hand from RC-VLAN-MIB (snmp/testdata/README.md): an Avaya ERS
// 4850GTS-PWR+ whose VLANs, PVIDs and tagging modes are only in rcVlanTable
// and rcVlanPortTable. Every port's PVID, untagged and tagged VLANs, mode
// and voice VLAN are checked against what the recording encodes.
func TestBOSSRCVLAN(t *testing.T) {
	sw := discoverRecording(t, "boss_ers4850_rcvlan")
	if sw.Vendor != "extreme" || sw.OS != "extreme_boss" || sw.Model != "4850GTS-PWR+" || sw.Version != "5.8.3.017" {
		t.Errorf("identity = %s %s %s %s", sw.Vendor, sw.OS, sw.Model, sw.Version)
	}
	if len(sw.Errors) != 0 {
		t.Errorf("errors: %v", sw.Errors)
	}
	wantVLANs := []snapshot.VLAN{{ID: 1, Name: "VLAN #1"}, {ID: 10, Name: "Data"}, {ID: 20, Name: "Voice", Voice: true},
		{ID: 30, Name: "Printers"}, {ID: 99, Name: "Mgmt"}}
	if !slices.Equal(sw.VLANs, wantVLANs) {
		t.Errorf("VLANs = %+v, want %+v", sw.VLANs, wantVLANs)
	}
	// rcVlanPortTable and rcVlanPortMembers as the recording sets them:
	// untagPvidOnly(4) on 1-20, tagPvidOnly(3) on 35-36, tagAll(1) on
	// 49-50, untagAll(2) elsewhere.
	type want struct {
		pvid             int
		untagged, tagged []int
		voice            int
		mode             string
	}
	rows := []struct {
		from, to int
		want
	}{
		{1, 20, want{10, []int{10}, []int{20}, 20, "trunk"}},
		{21, 30, want{10, []int{10}, nil, 0, "access"}},
		{31, 34, want{30, []int{30}, nil, 0, "access"}},
		{35, 36, want{99, []int{1}, []int{99}, 0, "trunk"}},
		{37, 44, want{1, []int{1}, nil, 0, "access"}},
		{45, 46, want{20, []int{20}, nil, 20, "access"}},
		{47, 48, want{1, []int{1}, nil, 0, "access"}},
		{49, 50, want{1, nil, []int{1, 10, 20, 30, 99}, 0, "trunk"}},
	}
	checked := 0
	for _, r := range rows {
		for i := r.from; i <= r.to; i++ {
			name := fmt.Sprintf("Ethernet Port on unit 1, port %d", i)
			p := portByName(sw, name)
			if p == nil {
				t.Errorf("no port %q", name)
				continue
			}
			checked++
			got := want{p.PVID, p.UntaggedVLANs, p.TaggedVLANs, p.VoiceVLAN, p.Mode}
			if got.pvid != r.pvid || !slices.Equal(got.untagged, r.untagged) || !slices.Equal(got.tagged, r.tagged) ||
				got.voice != r.voice || got.mode != r.mode {
				t.Errorf("port %d = %+v, want %+v", i, got, r.want)
			}
		}
	}
	if checked != 50 || len(sw.Ports) != 50 {
		t.Errorf("checked %d of %d ports, want 50", checked, len(sw.Ports))
	}
	if notes := strings.Join(sw.Notes, "\n"); !strings.Contains(notes, "read from RC-VLAN-MIB") || !strings.Contains(notes, "50 port PVIDs") {
		t.Errorf("notes %q do not say RC-VLAN-MIB was the source", sw.Notes)
	}
}

// TestBOSSQBridgeWins reads testdata/snmprec/boss_qbridge_wins.snmprec: an
// ERS that answers Q-BRIDGE-MIB (VLAN 10 untagged on ports 1-2, their PVID)
// and RC-VLAN-MIB saying otherwise (VLAN 20). Q-BRIDGE is the source where
// it says something: RC-VLAN-MIB is not read, and no note claims it was.
func TestBOSSQBridgeWins(t *testing.T) {
	sw := discoverRecording(t, "boss_qbridge_wins")
	if len(sw.Errors) != 0 {
		t.Errorf("errors: %v", sw.Errors)
	}
	for i := 1; i <= 2; i++ {
		p := portByName(sw, fmt.Sprintf("Ethernet Port on unit 1, port %d", i))
		if p == nil || p.PVID != 10 || !slices.Equal(p.UntaggedVLANs, []int{10}) || len(p.TaggedVLANs) != 0 || p.VoiceVLAN != 0 {
			t.Errorf("port %d = %+v, want PVID 10 untagged in 10 (Q-BRIDGE)", i, p)
		}
	}
	if !slices.Equal(sw.VLANs, []snapshot.VLAN{{ID: 10, Name: "DATA"}}) {
		t.Errorf("VLANs = %+v, want Q-BRIDGE's VLAN 10 only", sw.VLANs)
	}
	if len(sw.Notes) != 0 {
		t.Errorf("notes %q", sw.Notes)
	}
}
