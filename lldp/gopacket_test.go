package lldp

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// TestGopacketAgrees decodes every real frame with gopacket/gopacket's
// layers too and compares the fields both decode. It pins down where
// gopacket is right (all of these) and shows what it lacks: it keeps one
// network policy per LLDPDU (the last), cannot read CDP in EtherType 0x8870
// frames, and has no CDP encoder; see the package comment.
func TestGopacketAgrees(t *testing.T) {
	var p Packet
	compared := 0
	for i, f := range realFrames(t) {
		if p.DecodeEthernet(f) != nil {
			continue
		}
		pk := gopacket.NewPacket(f, layers.LayerTypeEthernet, gopacket.Default)
		if el := pk.ErrorLayer(); el != nil {
			if bytes.Equal(f[12:14], []byte{0x88, 0x70}) {
				continue // gopacket has no decoder for LLC in Ethernet II
			}
			t.Errorf("frame %d: gopacket: %v", i, el.Error())
			continue
		}
		var diffs []string
		check := func(name string, gp, ours any) {
			if fmt.Sprint(gp) != fmt.Sprint(ours) {
				diffs = append(diffs, fmt.Sprintf("%s: gopacket %v, voxlan %v", name, gp, ours))
			}
		}
		switch p.Protocol {
		case ProtocolLLDP:
			l := &p.LLDP
			base, _ := pk.Layer(layers.LayerTypeLinkLayerDiscovery).(*layers.LinkLayerDiscovery)
			info, _ := pk.Layer(layers.LayerTypeLinkLayerDiscoveryInfo).(*layers.LinkLayerDiscoveryInfo)
			if base == nil || info == nil {
				t.Errorf("frame %d: gopacket found no LLDP layers", i)
				continue
			}
			check("chassis", base.ChassisID.ID, l.ChassisID.ID)
			check("port", base.PortID.ID, l.PortID.ID)
			check("ttl", base.TTL, l.TTL)
			check("sysName", info.SysName, string(l.SystemName))
			check("sysDescr", info.SysDescription, string(l.SystemDescription))
			check("portDescr", info.PortDescription, string(l.PortDescription))
			check("caps", fmt.Sprint(info.SysCapabilities.EnabledCap), fmt.Sprint(capsOf(l.Capabilities.Enabled)))
			d1, err := info.Decode8021()
			check("dot1 error", err, nil)
			check("pvid", d1.PVID, l.Dot1.PVID)
			d3, err := info.Decode8023()
			check("dot3 error", err, nil)
			check("mau", d3.MACPHYConfigStatus.MAUType, l.Dot3.MACPHY.MAUType)
			check("mtu", d3.MTU, l.Dot3.MaxFrameSize)
			check("power class", d3.PowerViaMDI.PSEClass, l.Dot3.Power.Class)
			med, err := info.DecodeMedia()
			check("med error", err, nil)
			check("med class", uint8(med.MediaCapabilities.Class), l.MED.DeviceClass)
			if n := len(l.MED.Policies); n > 0 {
				last := l.MED.Policies[n-1]
				check("policy vlan", med.NetworkPolicy.VLANId, last.VLAN)
				check("policy tagged", med.NetworkPolicy.Tagged, last.Tagged)
				check("policy prio", med.NetworkPolicy.L2Priority, last.Priority)
				check("policy dscp", med.NetworkPolicy.DSCPValue, last.DSCP)
			}
			check("model", med.Model, string(l.MED.Model))
		case ProtocolCDP:
			c := &p.CDP
			info, _ := pk.Layer(layers.LayerTypeCiscoDiscoveryInfo).(*layers.CiscoDiscoveryInfo)
			if info == nil {
				t.Errorf("frame %d: gopacket found no CDP layer", i)
				continue
			}
			check("device", info.DeviceID, string(c.DeviceID))
			check("port", info.PortID, string(c.PortID))
			check("platform", info.Platform, string(c.Platform))
			check("native", info.NativeVLAN, c.NativeVLAN)
			check("voice", info.VLANReply.VLAN, c.VoIPVLANReply.VLAN)
			check("power", info.PowerConsumption, c.PowerConsumption)
			check("duplex", info.FullDuplex, c.Duplex == 1)
		}
		compared++
		for _, d := range diffs {
			t.Errorf("frame %d (%v): %s", i, p.Protocol, d)
		}
	}
	if compared < 20 {
		t.Errorf("only %d frames compared", compared)
	}
}

// capsOf spells a capability bitmap the way gopacket's LLDPCapabilities
// prints, for comparison.
func capsOf(bits uint16) layers.LLDPCapabilities {
	return layers.LLDPCapabilities{
		Other: bits&CapOther != 0, Repeater: bits&CapRepeater != 0, Bridge: bits&CapBridge != 0,
		WLANAP: bits&CapWLANAccessPoint != 0, Router: bits&CapRouter != 0, Phone: bits&CapTelephone != 0,
		DocSis: bits&CapDOCSIS != 0, StationOnly: bits&CapStation != 0, CVLAN: bits&CapCVLAN != 0,
		SVLAN: bits&CapSVLAN != 0, TMPR: bits&CapTwoPortMACRelay != 0,
	}
}
