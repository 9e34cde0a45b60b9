package snmp_test

import (
	"slices"
	"testing"

	"github.com/voxlan/voxlan/snapshot"
)

// wantPoE is what a port's PoE should read as; nil PoE is written none.
type wantPoE struct {
	none      bool
	admin     bool
	detection string
	powerMw   int
	maxMw     int
	unread    []string
}

func checkPortPoE(t *testing.T, sw snapshot.Switch, want map[string]wantPoE) {
	t.Helper()
	for name, w := range want {
		p := portByName(sw, name)
		if p == nil {
			t.Errorf("%s: no such port", name)
			continue
		}
		if w.none {
			if p.PoE != nil {
				t.Errorf("%s PoE = %+v, want none", name, *p.PoE)
			}
			continue
		}
		e := p.PoE
		if e == nil || e.AdminEnabled != w.admin || e.Detection != w.detection || e.PowerMw != w.powerMw ||
			e.MaxPowerMw != w.maxMw || !slices.Equal(e.Unread, w.unread) {
			t.Errorf("%s PoE = %+v, want %+v", name, e, w)
		}
	}
}

// TestCiscoSBPoERecording reads the real SG350X-24P recording (LibreNMS's,
// trimmed to what LibreNMS polls): no POWER-ETHERNET-MIB at all, but
// CISCOSB-POE-MIB rlPethPsePortOutputPower for gi1/0/1-24 (10 W on
// gi1/0/16, 3.4 W on gi1/0/17). The switch supplies PoE; ports drawing
// power are delivering; nothing says whether the others are enabled or
// searching, so their admin state and detection are unread - never "off"
// and never "no PoE". The 10 G ports have no row: no PSE.
func TestCiscoSBPoERecording(t *testing.T) {
	sw := discoverRecording(t, "ciscosb_sg350x-24p")
	if !sw.PoE.Supported || sw.PoE.PortsNotRead || len(sw.PoE.PSEs) != 0 {
		t.Fatalf("PoE = %+v, want supported, ports read, no budget", sw.PoE)
	}
	for _, e := range sw.Errors {
		if e.Stage == "poe" {
			t.Errorf("error %+v", e)
		}
	}
	both := []string{snapshot.PoEAdmin, snapshot.PoEDetection}
	checkPortPoE(t, sw, map[string]wantPoE{
		"gi1/0/1":  {unread: both},
		"gi1/0/16": {detection: "deliveringPower", powerMw: 10000, unread: []string{snapshot.PoEAdmin}},
		"gi1/0/17": {detection: "deliveringPower", powerMw: 3400, unread: []string{snapshot.PoEAdmin}},
		"gi1/0/24": {unread: both},
		"te1/0/1":  {none: true},
	})
	p := portByName(sw, "gi1/0/1")
	if p.PoE.AdminKnown() || p.PoE.Off() || p.PoE.Delivering() || p.PoE.DetectionKnown() {
		t.Errorf("gi1/0/1 %+v: unread must be neither off nor delivering", *p.PoE)
	}
}

// TestCiscoSBPoEMIBRecording reads testdata/snmprec/ciscosb_poe.snmprec,
// written by hand from CISCOSB-POE-MIB for what the real recording lacks:
// rlPethPsePortOperStatus (TruthValue, PoE on by admin and time range),
// rlPethPsePortOperPowerLimit (mW) and rlPethPsePortSupportPoeType
// (none(1) on gi1/0/4: no PoE there).
func TestCiscoSBPoEMIBRecording(t *testing.T) {
	sw := discoverRecording(t, "ciscosb_poe")
	if len(sw.Errors) != 0 || !sw.PoE.Supported || sw.PoE.PortsNotRead {
		t.Fatalf("PoE = %+v, errors %+v", sw.PoE, sw.Errors)
	}
	det := []string{snapshot.PoEDetection}
	checkPortPoE(t, sw, map[string]wantPoE{
		"gi1/0/1": {admin: true, detection: "deliveringPower", powerMw: 4200, maxMw: 30000},
		"gi1/0/2": {admin: false, maxMw: 30000, unread: det},
		"gi1/0/3": {admin: true, maxMw: 15400, unread: det},
		"gi1/0/4": {none: true},
	})
	if p := portByName(sw, "gi1/0/2"); !p.PoE.Off() {
		t.Errorf("gi1/0/2 %+v: want known off", *p.PoE)
	}
}

// TestAOSSPoERecording reads the real Aruba 3810M (JL074A) stack recording:
// no POWER-ETHERNET-MIB and no per-port HP table, but HP-ICF-POE-MIB
// hpicfPseFeaturesTable for the member at entPhysicalIndex 1001: 1440 W
// available, 96 W allocated, 94 W drawn. A PoE switch whose ports were not
// read: PortsNotRead, every port's PoE nil for "not read".
func TestAOSSPoERecording(t *testing.T) {
	sw := discoverRecording(t, "procurve")
	want := []snapshot.PSE{{Index: 1001, PowerW: 1440, ConsumptionW: 94, AllocatedW: 96}}
	if !sw.PoE.Supported || !sw.PoE.PortsNotRead || !slices.Equal(sw.PoE.PSEs, want) {
		t.Fatalf("PoE = %+v, want supported, ports not read, PSEs %+v", sw.PoE, want)
	}
	for _, p := range sw.Ports {
		if p.PoE != nil {
			t.Errorf("%s PoE = %+v, want not read (nil)", p.Name, *p.PoE)
		}
	}
}

// TestAOSSHPPoEMIBRecording reads testdata/snmprec/aoss_hpicf_poe.snmprec,
// written by hand from HP-ICF-POE-MIB: hpicfPoePethPsePortTable (which
// AUGMENTS pethPsePortEntry, index group.ifIndex) with
// hpicfPoePethPsePortPower (mW) and hpicfPoePethPsePortPowerMode
// (enable(1), disable(2)), no standard table; and hpicfPseFeaturesTable.
func TestAOSSHPPoEMIBRecording(t *testing.T) {
	sw := discoverRecording(t, "aoss_hpicf_poe")
	want := []snapshot.PSE{{Index: 1, PowerW: 370, ConsumptionW: 6, AllocatedW: 20}}
	if len(sw.Errors) != 0 || !sw.PoE.Supported || sw.PoE.PortsNotRead || !slices.Equal(sw.PoE.PSEs, want) {
		t.Fatalf("PoE = %+v, errors %+v", sw.PoE, sw.Errors)
	}
	det := []string{snapshot.PoEDetection}
	checkPortPoE(t, sw, map[string]wantPoE{
		"1": {admin: true, detection: "deliveringPower", powerMw: 5600},
		"2": {admin: false, unread: det},
		"3": {admin: true, unread: det},
		"4": {none: true},
	})
}
