package snmp_test

import (
	"slices"
	"strings"
	"testing"
)

// TestLLDPV2Recording reads testdata/snmprec/lldpv2_junos.snmprec, written
// from IEEE8021-LLDP-V2-MIB: neighbours only in lldpV2RemTable (index
// timeMark.ifIndex.destAddrIndex.remIndex), one also in LLDP-MIB v1.
func TestLLDPV2Recording(t *testing.T) {
	sw := discoverRecording(t, "lldpv2_junos")
	// lldpV2LocChassisId.0 = 3c8ab0112233 (subtype 4, MAC); no v1 chassis.
	if sw.ChassisID != "3c:8a:b0:11:22:33" {
		t.Errorf("chassis %q, want the V2 local chassis id", sw.ChassisID)
	}
	phone := portByName(sw, "ge-0/0/1")
	if phone == nil || len(phone.Neighbors) != 1 {
		t.Fatalf("ge-0/0/1 = %+v, want one neighbour", phone)
	}
	n := phone.Neighbors[0]
	// lldpV2RemSysCapEnabled.0.501.1.1 = 0x2400: bridge and telephone;
	// lldpV2RemManAddrIfSubtype.0.501.1.1.1.4.198.18.10.21.
	if n.ChassisID != "00:04:f2:c6:70:78" || n.PortID != "00:04:f2:c6:70:78" || n.SysName != "SEP0004F2C67078" ||
		n.PortDescr != "LAN port" || !slices.Equal(n.Capabilities, []string{"bridge", "telephone"}) || n.MgmtAddress != "198.18.10.21" {
		t.Errorf("phone neighbour = %+v", n)
	}
	// lldpV2PortConfigAdminStatus.501.1 = txAndRx (nearest bridge wins
	// over .501.2 = disabled), .502.1 = rxOnly.
	if phone.LLDPAdmin != "txAndRx" {
		t.Errorf("ge-0/0/1 LLDP admin %q, want txAndRx", phone.LLDPAdmin)
	}
	if p := portByName(sw, "ge-0/0/2"); p == nil || p.LLDPAdmin != "rxOnly" {
		t.Errorf("ge-0/0/2 = %+v, want LLDP admin rxOnly", p)
	}
	// The printer is in both LLDP-MIB and LLDP-V2-MIB: listed once.
	if p := portByName(sw, "ge-0/0/2"); p == nil || len(p.Neighbors) != 1 || p.Neighbors[0].SysName != "printer-2" {
		t.Errorf("ge-0/0/2 = %+v, want printer-2 once", p)
	}
	// IPv4 management address preferred over the IPv6 one.
	core := portByName(sw, "ge-0/0/3")
	if core == nil || len(core.Neighbors) != 1 || core.Neighbors[0].MgmtAddress != "198.18.0.1" ||
		core.Neighbors[0].PortID != "xe-0/1/0" || !slices.Equal(core.Neighbors[0].Capabilities, []string{"bridge", "router"}) {
		t.Errorf("ge-0/0/3 = %+v", core)
	}
	// lldpV2RemSysName.0.999.1.1: ifIndex 999 does not exist.
	found := false
	for _, e := range sw.Errors {
		if e.Stage == "lldp" && strings.Contains(e.Message, "lldpV2RemLocalIfIndex matches no interface") {
			found = true
		} else {
			t.Errorf("unexpected error %+v", e)
		}
	}
	if !found {
		t.Error("no error for the neighbour on ifIndex 999")
	}
}
