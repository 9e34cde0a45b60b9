package here

import (
	"fmt"

	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

// detail is what the lldp package kept about neighbour n beyond the
// snapshot's neighbour fields (802.3 MAU, PoE, VLANs).
func (m *Model) detail(n snapshot.Neighbor) (snapshot.HereNeighbor, bool) {
	if m.here == nil {
		return snapshot.HereNeighbor{}, false
	}
	for _, d := range m.here.Details {
		if d.Protocol == n.Protocol && d.ChassisID == n.ChassisID && d.PortID == n.PortID {
			return d, true
		}
	}
	return snapshot.HereNeighbor{}, false
}

func (m *Model) portVLAN(n snapshot.Neighbor) int {
	d, _ := m.detail(n)
	return d.PortVLAN
}

func wireLinkCard(d snapshot.HereNeighbor, src string) Card {
	if d.SpeedMbps == 0 {
		return Card{"Link", common.StateUnknown, "the switch did not advertise its MAU", src}
	}
	c := Card{"Link", common.StatePass, fmt.Sprintf("%d Mb/s %s advertised by the switch", d.SpeedMbps, d.Duplex), src}
	if d.Duplex == snapshot.DuplexHalf || d.SpeedMbps < 100 {
		c.State = common.StateWarn
	}
	return c
}

func wirePoECard(d snapshot.HereNeighbor, src string) Card {
	switch {
	case d.PoE == nil:
		return Card{"PoE", common.StateUnknown, "no power TLV heard", src}
	case !d.PoE.Offered:
		return Card{"PoE", common.StateFail, "the switch says it offers no power here", src}
	}
	v := "offered"
	if d.PoE.Class != nil {
		v += fmt.Sprintf(", class %d", *d.PoE.Class)
	}
	switch {
	case d.PoE.AllocatedW > 0:
		v += fmt.Sprintf(", %.1f W allocated", d.PoE.AllocatedW)
	case d.PoE.MEDW > 0:
		v += fmt.Sprintf(", %.1f W (LLDP-MED)", d.PoE.MEDW)
	}
	return Card{"PoE", common.StatePass, v, src}
}

func linkCard(p snapshot.Port, src string) Card {
	c := Card{Label: "Link", Source: src}
	switch {
	case !p.AdminUp:
		c.State, c.Value = common.StateFail, "port disabled on the switch"
	case !p.OperUp:
		c.State, c.Value = common.StateFail, "down"
	default:
		c.Value = fmt.Sprintf("up %d Mb/s %s", p.SpeedMbps, p.Duplex)
		c.State = common.StatePass
		if p.Duplex == snapshot.DuplexHalf || (p.SpeedMbps > 0 && p.SpeedMbps < 100) {
			c.State = common.StateWarn
		}
	}
	return c
}

func poeCard(sw snapshot.Switch, p snapshot.Port, src string) Card {
	state, text := common.PortPoE(sw, p, false)
	return Card{"PoE", state, text, src}
}

func voicePolicy(n snapshot.Neighbor) (snapshot.Policy, bool) {
	if n.MED == nil {
		return snapshot.Policy{}, false
	}
	for _, p := range n.MED.Policies {
		if p.Application == "voice" && !p.Unknown {
			return p, true
		}
	}
	return snapshot.Policy{}, false
}

func policyWords(p snapshot.Policy) string {
	tag := "untagged"
	if p.Tagged {
		tag = "tagged"
	}
	return fmt.Sprintf("VLAN %d %s, priority %d, DSCP %d", p.VLAN, tag, p.Priority, p.DSCP)
}
