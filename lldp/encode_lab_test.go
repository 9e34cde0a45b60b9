//go:build linux

package lldp_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/lldplab"
	"github.com/voxlan/voxlan/lldp"
)

// switchLLDPDU is an LLDPDU with every TLV family this package encodes, as
// an access switch would send it.
func switchLLDPDU(chassis [6]byte) *lldp.LLDPDU {
	d := &lldp.LLDPDU{
		ChassisID:         lldp.ChassisID{Subtype: lldp.ChassisIDMACAddress, ID: chassis[:]},
		PortID:            lldp.PortID{Subtype: lldp.PortIDInterfaceName, ID: []byte("Gi1/0/7")},
		TTL:               120,
		PortDescription:   []byte("GigabitEthernet1/0/7"),
		SystemName:        []byte("ENC-SW"),
		SystemDescription: []byte("voxlan encoder test"),
		Capabilities:      lldp.Capabilities{Present: true, System: lldp.CapBridge | lldp.CapRouter, Enabled: lldp.CapBridge},
		ManagementAddresses: []lldp.ManagementAddress{
			{Family: 1, Address: []byte{198, 18, 10, 9}, InterfaceSubtype: 2, Interface: 7},
		},
	}
	d.Dot1.PVID, d.Dot1.PVIDPresent = 10, true
	d.Dot1.VLANNames = []lldp.VLANName{{ID: 10, Name: []byte("data")}, {ID: 20, Name: []byte("voice")}}
	d.Dot3.MACPHY = lldp.MACPHY{Present: true, Autoneg: 3, Advertised: 0x6c01, MAUType: 30}
	d.Dot3.Power = lldp.PowerViaMDI{Present: true, Support: 0x0f, PowerPair: 1, Class: 4, Dot3at: true,
		TypeSourcePriority: 0x10 | 0x02, Requested: 130, Allocated: 154} // type 2 PSE, primary, high
	d.Dot3.MaxFrameSize = 1522
	d.MED.CapabilitiesPresent, d.MED.Capabilities, d.MED.DeviceClass = true, 0x000f, 4
	d.MED.Policies = []lldp.NetworkPolicy{
		{Application: lldp.AppVoice, Tagged: true, VLAN: 20, Priority: 5, DSCP: 46},
		{Application: lldp.AppVoiceSignaling, Tagged: true, VLAN: 20, Priority: 3, DSCP: 24},
	}
	d.MED.Power = lldp.ExtendedPower{Present: true, TypeSourcePriority: 0x10 | 0x02, Value: 154}
	return d
}

// TestEncodeDecodedByLLDPD sends a switch-like LLDPDU and a Cisco-like CDP
// frame built by this package to lldpd, and reads back what lldpd decoded.
func TestEncodeDecodedByLLDPD(t *testing.T) {
	labtest.RequireTools(t, "lldpd", "lldpcli", "ip")
	j := newJack(t)
	// lldpd on the "switch" side only listens: -r receive-only.
	sw := lldplab.StartLLDPD(t, j.sw, j.swDev, "configure system hostname RX\n", "-r", "-c", "-M", "4")
	port := j.openLaptop(t)
	chassis := [6]byte{0x02, 0xee, 0, 0, 0, 7}
	lf, err := lldp.AppendLLDPFrame(nil, [6]byte(port.HardwareAddr()), switchLLDPDU(chassis))
	if err != nil {
		t.Fatal(err)
	}
	cdp := &lldp.CDP{
		Version: 2, TTL: 180, DeviceID: []byte("ENC-CDP"), PortID: []byte("GigabitEthernet1/0/8"),
		Addresses:    []lldp.CDPAddress{{ProtocolType: 1, Protocol: []byte{0xcc}, Address: []byte{198, 18, 10, 8}}},
		Capabilities: lldp.CDPCapSwitch | lldp.CDPCapIGMP, CapsPresent: true,
		SoftwareVersion: []byte("IOS 15.2"), Platform: []byte("cisco WS-C2960X"), NativeVLAN: 30, Duplex: 1,
		VoIPVLANReply: lldp.CDPVLANDialogue{Present: true, ID: 1, VLAN: 20},
	}
	cf, err := lldp.AppendCDPFrame(nil, [6]byte(port.HardwareAddr()), cdp)
	if err != nil {
		t.Fatal(err)
	}
	// lldpd may still be setting up its interfaces after its socket
	// answers: send again until it lists both (bounded).
	var kv string
	deadline := time.Now().Add(10 * time.Second)
	for {
		for _, f := range [][]byte{lf, cf} {
			if err := port.WriteFrame(f); err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(300 * time.Millisecond)
		out, err := sw.CLI(context.Background(), "-f", "keyvalue", "show", "neighbors", "details", "hidden")
		if err != nil {
			t.Fatal(err)
		}
		kv = string(out)
		if strings.Contains(kv, "ENC-SW") && strings.Contains(kv, "ENC-CDP") || time.Now().After(deadline) {
			break
		}
	}
	t.Logf("lldpcli:\n%s", kv)
	// keyvalue output lists the LLDP neighbour, then the CDP one.
	lldpPart, cdpPart, ok := strings.Cut(kv, ".via=CDPv2")
	if !ok {
		t.Fatalf("lldpd lists no CDP neighbour")
	}
	for _, want := range []string{
		".via=LLDP", ".chassis.mac=02:ee:00:00:00:07", ".chassis.name=ENC-SW",
		".chassis.descr=voxlan encoder test", ".chassis.mgmt-ip=198.18.10.9", ".chassis.mgmt-iface=7",
		".chassis.Bridge.enabled=on", ".chassis.Router.enabled=off",
		".port.ifname=Gi1/0/7", ".port.descr=GigabitEthernet1/0/7", ".port.ttl=120", ".port.mfs=1522",
		".port.auto-negotiation.supported=yes", ".port.auto-negotiation.enabled=yes",
		".port.auto-negotiation.1000Base-T.fd=yes", ".port.auto-negotiation.1000Base-T.hd=no",
		".port.auto-negotiation.current=1000BaseTFD",
		".port.power.supported=yes", ".port.power.enabled=yes", ".port.power.paircontrol=yes", ".port.power.device-type=PSE",
		".port.power.pairs=signal", ".port.power.class=class 3", ".port.power.power-type=2",
		// lldpcli 1.0.16 prints source bits 01 as "PSE" whatever the device
		// type; it sends the same 0x12 itself for "source primary", which
		// tshark shows as "Primary".
		".port.power.source=PSE",
		".port.power.priority=high", ".port.power.requested=13000", ".port.power.allocated=15400",
		".vlan.vlan-id=10\n", ".vlan.pvid=yes", ".vlan=data", ".vlan.vlan-id=20", ".vlan=voice",
		".lldp-med.device-type=Network Connectivity Device",
		".lldp-med.policy.apptype=Voice\n", ".lldp-med.policy.defined=yes", ".lldp-med.policy.vlan.vid=20", ".lldp-med.policy.pcp=5", ".lldp-med.policy.dscp=46",
		".lldp-med.policy.apptype=Voice Signaling", ".lldp-med.policy.pcp=3", ".lldp-med.policy.dscp=24",
		".lldp-med.poe.device-type=PSE", ".lldp-med.poe.source=Primary Power Source", ".lldp-med.poe.priority=high", ".lldp-med.poe.power=15400",
	} {
		if !strings.Contains(lldpPart, want) {
			t.Errorf("lldpd did not decode %q from the LLDPDU", want)
		}
	}
	for _, want := range []string{
		".chassis.local=ENC-CDP", ".chassis.descr=cisco WS-C2960X running on IOS 15.2", ".chassis.mgmt-ip=198.18.10.8",
		".chassis.Bridge.enabled=on", ".port.ifname=GigabitEthernet1/0/8", ".port.ttl=180", ".vlan.vlan-id=30", ".vlan.pvid=yes",
	} {
		if !strings.Contains(cdpPart, want) {
			t.Errorf("lldpd did not decode %q from the CDP frame", want)
		}
	}
}
