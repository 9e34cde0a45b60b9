package apply

import (
	"fmt"
	"slices"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
)

// Refusal is a port the plan asked to change and voxlan will not touch.
type Refusal struct {
	Port   string `json:"port"`
	Reason string `json:"reason"`
	// Changes is how many of the plan's changes were dropped for it.
	Changes int `json:"changes"`
}

// Guard holds what makes a port untouchable.
type Guard struct {
	// Protect names ports never to touch: the one the management traffic
	// comes through (inventory or --protect-port).
	Protect []string
	// MaxTrunkVLANs: a trunk carrying more VLANs than this (or all) is an
	// uplink. 0 means 2 (data + voice is the most a phone port carries).
	MaxTrunkVLANs int
	// MgmtAddress is the address voxlan reaches the switch at. The VLAN of
	// the switch interface holding it is the management VLAN; without it,
	// a switch with one IP interface has that one's VLAN.
	MgmtAddress string
}

// mgmtVLAN is the VLAN voxlan's own session arrives in, 0 when unknown.
func (g Guard) mgmtVLAN(cur *drivers.Config) int {
	if v, ok := cur.Addresses[g.MgmtAddress]; ok && g.MgmtAddress != "" {
		return v
	}
	if len(cur.Addresses) == 1 {
		for _, v := range cur.Addresses {
			return v
		}
	}
	return 0
}

// uplinkReason says why a port looks like an uplink, "" when it does not.
func (g Guard) uplinkReason(p *drivers.Port, neighbors []snapshot.Neighbor) string {
	for _, n := range neighbors {
		caps := n.Capabilities
		if slices.Contains(caps, "telephone") {
			continue // phones advertise bridge+telephone: still a phone port
		}
		if slices.Contains(caps, "bridge") || slices.Contains(caps, "router") {
			name := n.SysName
			if name == "" {
				name = n.ChassisID
			}
			return fmt.Sprintf("uplink: LLDP neighbour %s is a bridge/router", name)
		}
	}
	if p != nil && p.Mode == drivers.ModeTrunk {
		limit := g.MaxTrunkVLANs
		if limit == 0 {
			limit = 2
		}
		if len(p.TaggedVLANs) == 0 && limit < 4094 {
			return "uplink: trunk carrying every VLAN"
		}
		if len(p.TaggedVLANs) > limit {
			return fmt.Sprintf("uplink: trunk carrying %d VLANs", len(p.TaggedVLANs))
		}
	}
	return ""
}

// keepManagement refuses, port by port, the changes after which a port that
// carries the management VLAN (untagged, tagged, or as a trunk of every
// VLAN) would no longer carry it: that may be the path voxlan's own session
// and the switch's management take. It asks the driver for each port's
// wanted state, so it holds for every OS and every kind of change (a new
// untagged VLAN, a trunk turned into a phone port...). Drivers fill
// Config.Addresses for the management VLAN to be known.
func (g Guard) keepManagement(d drivers.Driver, cur *drivers.Config, changes []audit.Change) ([]audit.Change, []Refusal) {
	mgmt := g.mgmtVLAN(cur)
	if mgmt == 0 {
		return changes, nil
	}
	var refused []Refusal
	for _, port := range changedPorts(changes) {
		p := cur.Ports[port]
		if p == nil || !carries(p, mgmt) {
			continue
		}
		own := portChanges(changes, port)
		want, _, err := d.Want(cur, own)
		if err != nil {
			continue // planPortByPort refuses it with the driver's reason
		}
		if w := want.Ports[port]; w != nil && !carries(w, mgmt) {
			refused = append(refused, Refusal{Port: port, Changes: len(own) - len(portChanges(changes, "")),
				Reason: fmt.Sprintf("carries the management VLAN %d, which the change would take off it: that could cut voxlan's session and the switch's management; change it by hand", mgmt)})
		}
	}
	return dropPorts(changes, refused), refused
}

// carries says whether p passes VLAN v: untagged (access, native or PVID;
// 0 is VLAN 1), tagged, as its voice VLAN, or as a trunk of every VLAN.
func carries(p *drivers.Port, v int) bool {
	switch {
	case max(p.DataVLAN, 1) == v && !(p.Mode == drivers.ModeGeneral && p.DataVLAN == 0),
		p.VoiceVLAN == v, slices.Contains(p.TaggedVLANs, v):
		return true
	}
	return p.Mode == drivers.ModeTrunk && len(p.TaggedVLANs) == 0
}

// filter drops the changes on refused ports and returns the refusals.
func (g Guard) filter(d drivers.Driver, cur *drivers.Config, neighbors map[string][]snapshot.Neighbor, changes []audit.Change) ([]audit.Change, []Refusal) {
	lister, implicit := d.(drivers.ImplicitPorts)
	reasons := map[string]string{}
	for _, c := range changes {
		if c.Port == "" {
			continue
		}
		if _, done := reasons[c.Port]; done && reasons[c.Port] != "" {
			continue
		}
		p := cur.Ports[c.Port]
		switch {
		case p == nil && !(implicit && lister.ImplicitPort(cur, c.Port)):
			reasons[c.Port] = "not a switch port in the configuration (an SVI, or a name the switch does not know)"
		case slices.Contains(g.Protect, c.Port):
			reasons[c.Port] = "management port (protected)"
		default:
			reasons[c.Port] = g.uplinkReason(p, neighbors[c.Port])
		}
	}
	var keep []audit.Change
	var refused []Refusal
	count := map[string]int{}
	for _, c := range changes {
		if c.Port != "" && reasons[c.Port] != "" {
			count[c.Port]++
			continue
		}
		keep = append(keep, c)
	}
	for port, n := range count {
		refused = append(refused, Refusal{Port: port, Reason: reasons[port], Changes: n})
	}
	slices.SortFunc(refused, func(a, b Refusal) int { return audit.ComparePorts(a.Port, b.Port) })
	return keep, refused
}
