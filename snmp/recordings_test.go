package snmp_test

import (
	"slices"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
)

// Recordings LibreNMS has no expected data for: values pinned from the raw
// recording lines quoted in each case.

func portByName(sw snapshot.Switch, name string) *snapshot.Port {
	for i := range sw.Ports {
		if sw.Ports[i].Name == name {
			return &sw.Ports[i]
		}
	}
	return nil
}

func TestProCurve6120Recording(t *testing.T) {
	sw := discoverRecording(t, "snmpsim-data_hpe-procurve-516733-b21")
	// 1.0.8802.1.1.2.1.3.2.0|4x|ac162d927d21 (subtype 4 = MAC)
	if sw.ChassisID != "ac:16:2d:92:7d:21" || sw.OS != "aruba_aoss" || sw.Version != "Z.14.31" || sw.Serial != "3C421900TX" {
		t.Errorf("got chassis %q os %q version %q serial %q", sw.ChassisID, sw.OS, sw.Version, sw.Serial)
	}
	if len(sw.Errors) != 0 {
		t.Errorf("errors: %v", sw.Errors)
	}
	p := portByName(sw, "17")
	if p == nil {
		t.Fatal("no port 17")
	}
	var lldp, cdp []snapshot.Neighbor
	for _, n := range p.Neighbors {
		if n.Protocol == snapshot.ProtocolLLDP {
			lldp = append(lldp, n)
		} else {
			cdp = append(cdp, n)
		}
	}
	// lldpRemSysName.0.17.1 = "NWPU-CA-5548-01", lldpRemManAddr 10.40.1.19,
	// lldpXdot1RemPortVlanId.0.17.1 = 1.
	if len(lldp) != 2 || lldp[0].SysName != "NWPU-CA-5548-01" || lldp[0].MgmtAddress != "10.40.1.19" || lldp[0].NativeVLAN != 1 {
		t.Errorf("LLDP neighbours on 17: %+v", lldp)
	}
	// cdpCacheCapabilities.17.1 = "8" (switch), .17.2 = "9" (router, switch).
	if len(cdp) != 2 || !slices.Equal(cdp[0].Capabilities, []string{"bridge"}) || !slices.Equal(cdp[1].Capabilities, []string{"router", "bridge"}) {
		t.Errorf("CDP neighbours on 17: %+v", cdp)
	}
	// cdpCacheDeviceId.8.1 = e839351aca99 (binary): shown as a MAC.
	if n := portByName(sw, "8"); n == nil || len(n.Neighbors) != 2 || n.Neighbors[1].SysName != "e8:39:35:1a:ca:99" {
		t.Errorf("port 8 neighbours: %+v", n)
	}
	if p.LLDPAdmin != "txAndRx" {
		t.Errorf("port 17 LLDP admin %q, want txAndRx", p.LLDPAdmin)
	}
}

func TestJunosRecording(t *testing.T) {
	sw := discoverRecording(t, "junos_ex4600mp")
	if sw.Vendor != "juniper" || sw.OS != "juniper_junos" || len(sw.Ports) != 854 {
		t.Errorf("got %s %s with %d ports", sw.Vendor, sw.OS, len(sw.Ports))
	}
	// jnxL2aldVlanTag.2 = 31, jnxL2aldVlanName.2 = "VLANONE".
	if i := slices.IndexFunc(sw.VLANs, func(v snapshot.VLAN) bool { return v.ID == 31 }); i < 0 || sw.VLANs[i].Name != "VLANONE" {
		t.Errorf("VLAN 31 not named VLANONE: %+v", sw.VLANs)
	}
	// dot1qVlanStaticUntaggedPorts.1 = "4434,4443,..." (decimal text),
	// dot1dBasePortIfIndex.4434 = 969 (ge-7/0/1).
	p := portByName(sw, "ge-7/0/1")
	if p == nil || p.BridgePort != 4434 || !slices.Contains(p.UntaggedVLANs, 1) {
		t.Errorf("ge-7/0/1 = %+v, want bridge port 4434 untagged in VLAN 1", p)
	}
}

func TestJetStreamRecording(t *testing.T) {
	sw := discoverRecording(t, "jetstream_vlans")
	// vlanConfigTable: 39 "MKR" untagged on 1/0/1-4, 1 "System-VLAN"
	// untagged on 1/0/15-18, 2 "GUEST" tagged on 1/0/15-18.
	if len(sw.VLANs) != 10 || sw.VLANs[3].ID != 39 || sw.VLANs[3].Name != "MKR" {
		t.Fatalf("VLANs = %+v", sw.VLANs)
	}
	p1 := portByName(sw, "gigabitEthernet 1/0/1 : copper")
	p18 := portByName(sw, "gigabitEthernet 1/0/18 : fiber")
	if p1 == nil || !slices.Equal(p1.UntaggedVLANs, []int{39}) || len(p1.TaggedVLANs) != 0 {
		t.Errorf("1/0/1 = %+v, want untagged in 39 only", p1)
	}
	if p18 == nil || !slices.Equal(p18.UntaggedVLANs, []int{1}) || !slices.Contains(p18.TaggedVLANs, 2) {
		t.Fatalf("1/0/18 = %+v, want untagged 1, tagged 2...", p18)
	}
	// lldpRemTable indexed 18.n (no time mark), lldpLocPortId.18 =
	// "FiberEthernet1/0/18" (hex artefact): five neighbours on 1/0/18.
	if len(p18.Neighbors) != 5 {
		t.Errorf("1/0/18 has %d neighbours, want 5", len(p18.Neighbors))
	}
}

// TestSG350XAbsentPorts: the SG350X-24P lists the ports of the stack
// members it could have (gi1-4/0/1-48, te1-4/0/1-4, Po1-8), 189 of them
// with ifOperStatus notPresent; those are marked, so the audit counts the
// switch's 28 ports and plans nothing on hardware that is not there.
func TestSG350XAbsentPorts(t *testing.T) {
	sw := discoverRecording(t, "ciscosb_sg350x-24p")
	absent := 0
	for _, p := range sw.Ports {
		if p.NotPresent {
			absent++
		}
	}
	if absent != 189 {
		t.Errorf("%d ports marked not present, want the 189 at ifOperStatus notPresent(6)", absent)
	}
	for name, want := range map[string]bool{"gi1/0/1": false, "gi1/0/24": false, "gi1/0/25": true, "gi2/0/1": true, "te1/0/1": false, "te4/0/4": true} {
		if p := portByName(sw, name); p == nil || p.NotPresent != want {
			t.Errorf("%s: %+v, want notPresent %v", name, p, want)
		}
	}
	if n := audit.SwitchingPorts(&sw); n != 28 {
		t.Errorf("the audit counts %d ports, want 28 (24 copper, 4 SFP+)", n)
	}
}
