package snmp_test

import (
	"testing"

	"github.com/voxlan/voxlan/snapshot"
)

func vlanByID(sw snapshot.Switch, id int) *snapshot.VLAN {
	for i := range sw.VLANs {
		if sw.VLANs[i].ID == id {
			return &sw.VLANs[i]
		}
	}
	return nil
}

// TestComwareVoiceVLANRecording reads testdata/snmprec/comware_voice.snmprec,
// written from HH3C-VOICE-VLAN-MIB: hh3cVoiceVlanEnabledId.0 = 20,
// hh3cVoiceVlanPortEnableList.0 = 0x40 (bridge port 2) and a
// hh3cvoiceVlanPortTable row for ifIndex 3.
func TestComwareVoiceVLANRecording(t *testing.T) {
	sw := discoverRecording(t, "comware_voice")
	if len(sw.Errors) != 0 {
		t.Errorf("errors: %+v", sw.Errors)
	}
	if v := vlanByID(sw, 20); v == nil || !v.Voice || v.Name != "voice" {
		t.Errorf("VLAN 20 = %+v, want the named voice VLAN", v)
	}
	if v := vlanByID(sw, 10); v == nil || v.Voice {
		t.Errorf("VLAN 10 = %+v, want a data VLAN", v)
	}
	want := map[string]int{"GigabitEthernet1/0/1": 0, "GigabitEthernet1/0/2": 20, "GigabitEthernet1/0/3": 20}
	for name, vv := range want {
		p := portByName(sw, name)
		if p == nil || p.VoiceVLAN != vv {
			t.Errorf("%s = %+v, want voice VLAN %d", name, p, vv)
		}
	}
	// Port 2 also advertises LLDP-MED voice VLAN 30: the voice VLAN table
	// (what the switch does) wins over the policy (what it tells phones).
	if p := portByName(sw, "GigabitEthernet1/0/2"); p == nil || len(p.MEDPolicies) != 1 || p.MEDPolicies[0].VLAN != 30 {
		t.Errorf("port 2 MED policies = %+v", p)
	}
}

// TestHPNICFVoiceVLANDisabled: hpnicfVoiceVlanEnabledId.0 = -1 (0xffffffff,
// disabled) leaves every port without a voice VLAN and is no error.
func TestHPNICFVoiceVLANDisabled(t *testing.T) {
	sw := discoverRecording(t, "hpnicf_voice_off")
	if len(sw.Errors) != 0 {
		t.Errorf("errors: %+v", sw.Errors)
	}
	for _, v := range sw.VLANs {
		if v.Voice {
			t.Errorf("VLAN %d marked voice", v.ID)
		}
	}
	if p := portByName(sw, "GigabitEthernet1/0/1"); p == nil || p.VoiceVLAN != 0 {
		t.Errorf("port = %+v, want no voice VLAN", p)
	}
}

// TestCiscoSBVoiceVLANRecording reads testdata/snmprec/ciscosb_voice.snmprec,
// written from CISCOSB-vlanVoice-MIB: OUI mode (vlanVoiceOperState.0 = 3),
// vlanVoiceOperVid.0 = 100; vlanVoiceOUIBasedPortEnable true on ports 2
// (its own VLAN 100) and 3 (VLAN 4095, the default: the global VLAN).
func TestCiscoSBVoiceVLANRecording(t *testing.T) {
	sw := discoverRecording(t, "ciscosb_voice")
	if len(sw.Errors) != 0 {
		t.Errorf("errors: %+v", sw.Errors)
	}
	if v := vlanByID(sw, 100); v == nil || !v.Voice || v.Name != "voip" {
		t.Errorf("VLAN 100 = %+v, want the voice VLAN", v)
	}
	for name, vv := range map[string]int{"gi1/0/1": 0, "gi1/0/2": 100, "gi1/0/3": 100} {
		if p := portByName(sw, name); p == nil || p.VoiceVLAN != vv {
			t.Errorf("%s = %+v, want voice VLAN %d", name, p, vv)
		}
	}
}

// TestTPLinkVoiceVLANRecording reads testdata/snmprec/tplink_voice.snmprec,
// written from TPLINK-VOICEVLAN-MIB: voice VLAN 200 enabled, port 1/0/2 in
// auto mode, 1/0/3 active, a row for an ifIndex that does not exist.
func TestTPLinkVoiceVLANRecording(t *testing.T) {
	sw := discoverRecording(t, "tplink_voice")
	if v := vlanByID(sw, 200); v == nil || !v.Voice {
		t.Errorf("VLAN 200 = %+v, want it added as the voice VLAN", v)
	}
	for name, vv := range map[string]int{"gigabitEthernet 1/0/1 : copper": 0, "gigabitEthernet 1/0/2 : copper": 200, "gigabitEthernet 1/0/3 : copper": 200} {
		if p := portByName(sw, name); p == nil || p.VoiceVLAN != vv {
			t.Errorf("%s = %+v, want voice VLAN %d", name, p, vv)
		}
	}
	if len(sw.Errors) != 1 || sw.Errors[0].Stage != "voice-vlan" {
		t.Errorf("errors = %+v, want one voice-vlan error for ifIndex 99", sw.Errors)
	}
}

// TestHuaweiVoiceVLANRecording reads testdata/snmprec/huawei_voice.snmprec,
// written from HUAWEI-L2VLAN-MIB V2.15: hwL2VlanVoiceVlanEnabledVlanId.0 =
// 20; hwL2VlanVoiceVlanPortEnable enabled(1) on bridge ports 1 and 3,
// disabled(2) on 2; hwL2VlanMultiVoiceVlanPortVLanId 30 on ifIndex 8
// (active) and 20 on ifIndex 9 (notInService(2), so not in force).
func TestHuaweiVoiceVLANRecording(t *testing.T) {
	sw := discoverRecording(t, "huawei_voice")
	if sw.OS != "huawei_vrp" || len(sw.Errors) != 0 {
		t.Errorf("os %q, errors: %+v", sw.OS, sw.Errors)
	}
	for id, voice := range map[int]bool{1: false, 10: false, 20: true, 30: true} {
		if v := vlanByID(sw, id); v == nil || v.Voice != voice {
			t.Errorf("VLAN %d = %+v, want voice %v", id, v, voice)
		}
	}
	want := map[string]int{
		"GigabitEthernet0/0/1": 20, // enabled: the global voice VLAN
		"GigabitEthernet0/0/2": 0,  // disabled(2)
		"GigabitEthernet0/0/3": 30, // its own voice VLAN wins over the global one
		"GigabitEthernet0/0/4": 0,  // its row is notInService
	}
	for name, vv := range want {
		if p := portByName(sw, name); p == nil || p.VoiceVLAN != vv {
			t.Errorf("%s = %+v, want voice VLAN %d", name, p, vv)
		}
	}
}

// TestAOSSVoiceVLANRecording reads testdata/snmprec/aoss_voice_vlan.snmprec,
// written from HP-ICF-BRIDGE (202011180000Z): hpicfBridgeVoiceVlanEnable is
// true(1) for VLAN 20 only. Port 1 is tagged in VLAN 20 alone (a phone
// port): its voice VLAN; port 3 is tagged in 10 and 20 (an uplink): none.
func TestAOSSVoiceVLANRecording(t *testing.T) {
	sw := discoverRecording(t, "aoss_voice_vlan")
	if sw.OS != "aruba_aoss" || len(sw.Errors) != 0 {
		t.Errorf("os %q, errors: %+v", sw.OS, sw.Errors)
	}
	for id, voice := range map[int]bool{1: false, 10: false, 20: true} {
		if v := vlanByID(sw, id); v == nil || v.Voice != voice {
			t.Errorf("VLAN %d = %+v, want voice %v", id, v, voice)
		}
	}
	for name, vv := range map[string]int{"1": 20, "2": 0, "3": 0} {
		if p := portByName(sw, name); p == nil || p.VoiceVLAN != vv {
			t.Errorf("port %s = %+v, want voice VLAN %d", name, p, vv)
		}
	}
}
