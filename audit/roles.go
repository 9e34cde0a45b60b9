package audit

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/snapshot"
)

// neighborKind is what an LLDP/CDP neighbour is, from what it advertised.
type neighborKind int

const (
	kindOther neighborKind = iota
	kindPhone
	kindAccessPoint
	kindInfra // switch, router, repeater
	kindStation
)

// classifyNeighbor decides what a neighbour is. Telephones come first: they
// usually advertise the bridge capability too (their PC port).
func (a *auditor) classifyNeighbor(n *snapshot.Neighbor) (neighborKind, string) {
	caps := n.Capabilities
	if slices.Contains(caps, "telephone") {
		return kindPhone, "capability telephone"
	}
	if n.MED != nil && n.MED.DeviceClass == "endpointClass3" {
		return kindPhone, "LLDP-MED endpoint class III (communication device)"
	}
	if n.Protocol == snapshot.ProtocolCDP && isCiscoPhoneID(n.SysName) {
		return kindPhone, "CDP device id " + n.SysName
	}
	if slices.Contains(caps, "wlanAccessPoint") {
		return kindAccessPoint, "capability wlanAccessPoint"
	}
	if !slices.Contains(caps, "router") && !slices.Contains(caps, "bridge") {
		if p := a.phonePlatform(n); p != "" {
			return kindPhone, "phone model " + strconv.Quote(p)
		}
	} else if p := a.phonePlatform(n); p != "" && !slices.Contains(caps, "router") && n.MED != nil && n.MED.DeviceClass != "networkConnectivity" {
		// A phone that only says "bridge" (its PC port) but sends an
		// endpoint MED class and a phone model.
		return kindPhone, "phone model " + strconv.Quote(p)
	}
	if slices.Contains(caps, "bridge") || slices.Contains(caps, "router") || slices.Contains(caps, "repeater") ||
		(n.MED != nil && n.MED.DeviceClass == "networkConnectivity") {
		return kindInfra, "capabilities " + strings.Join(caps, ",")
	}
	if slices.Contains(caps, "station") || slices.Contains(caps, "host") {
		return kindStation, "capability " + strings.Join(caps, ",")
	}
	return kindOther, "capabilities " + strings.Join(caps, ",")
}

// isCiscoPhoneID recognises the CDP device id of a Cisco phone: "SEP" and
// the phone's MAC in hex.
func isCiscoPhoneID(id string) bool {
	if len(id) != 15 || !strings.HasPrefix(strings.ToUpper(id), "SEP") {
		return false
	}
	_, ok := normalizeMAC(id[3:])
	return ok
}

// phonePlatform returns the phone model pattern the neighbour matches, if any.
func (a *auditor) phonePlatform(n *snapshot.Neighbor) string {
	fields := []string{n.Platform, n.SysDescr}
	if n.MED != nil {
		fields = append(fields, n.MED.Model, n.MED.Manufacturer+" "+n.MED.Model)
	}
	for _, f := range fields {
		lf := strings.ToLower(f)
		for _, p := range a.platforms {
			if p != "" && strings.Contains(lf, p) {
				return f
			}
		}
	}
	return ""
}

// portView is one port as the audit sees it: the port, its switch, and what
// was found behind it.
type portView struct {
	sw       *snapshot.Switch
	port     *snapshot.Port
	role     Role
	evidence []Evidence
	// phoneIDs are the distinct telephones behind the port: LLDP/CDP
	// telephone neighbours (by chassis MAC when it is one) and phone-vendor
	// MACs.
	phoneIDs []string
	// phoneMACs are the FDB entries that belong to telephones.
	phoneMACs []snapshot.MAC
	// otherMACs are the FDB entries of everything else.
	otherMACs  []snapshot.MAC
	phoneNeigh []*snapshot.Neighbor
	// maybeHub: many MACs behind an access port, but LLDP/CDP was not read
	// so a hub cannot be told from an uplink.
	maybeHub bool
}

func (v *portView) phones() int { return len(v.phoneIDs) }

// physicalPort says whether a port is a front-panel Ethernet port (or a
// link aggregate) that is there, the only ports the audit judges.
func physicalPort(p *snapshot.Port) (ok, lag bool) {
	if p.NotPresent {
		// Absent hardware: nothing to judge, count or change (a change
		// to an interface that does not exist is refused by the switch).
		return false, false
	}
	switch p.Type {
	case "ethernetCsmacd", "gigabitEthernet", "", "type-62", "type-69", "type-7":
		return true, false
	case "ieee8023adLag":
		return true, true
	}
	return false, false
}

// managementNames match the out-of-band management interfaces switches
// list beside their switch ports: HPE oobm0, Dell ManagementEthernet 0/0,
// Junos em0/me0/fxp0/vme/bme0, ArubaOS-CX and Linux-based eth0, Cisco
// Fa0 and Gi0/0 (no slot: a Catalyst's management port, not a switch port).
var managementNames = regexp.MustCompile(`(?i)^(oobm\d*|mgmt.*|management.*|me\d+|em\d+|fxp\d+|bme\d+|vme|eth\d+|fa(stethernet)?0|gi(gabitethernet)?0/0)$`)

// ManagementPort says whether a port is a management interface rather than
// a switching port: its name (or description) is a management interface's
// and the switch shows it in no bridge or VLAN. The audit never judges or
// changes it, and SwitchingPorts does not count it.
func ManagementPort(p *snapshot.Port) bool {
	switching := p.BridgePort != 0 || p.Mode != "" || p.PVID != 0 || p.VoiceVLAN != 0 ||
		len(p.TaggedVLANs) > 0 || len(p.UntaggedVLANs) > 0
	if switching {
		return false
	}
	descr := strings.ToLower(p.Descr)
	return managementNames.MatchString(strings.ReplaceAll(p.Name, " ", "")) ||
		managementNames.MatchString(strings.ReplaceAll(p.Descr, " ", "")) ||
		strings.Contains(descr, "out of band management")
}

// classify gives the port its role. The order matters: what is most certain
// and most dangerous to touch (uplinks) is decided first.
func (a *auditor) classify(v *portView, lag bool) {
	sw, p := v.sw, v.port
	ev := func(key string, values ...string) {
		v.evidence = append(v.evidence, Evidence{Key: key, Values: values})
	}

	var infra, aps, stations []string
	// A phone is identified by a MAC when it can be: its LLDP chassis id,
	// else its port id (Polycom sends an IP as chassis id and its MAC as
	// port id), else its CDP "SEP<mac>" device id. A neighbour with no MAC
	// is "unlinked" and matched below against phone-vendor MACs.
	// Ports hold a handful of phones: a slice beats a map here.
	unlinked := 0
	addPhone := func(id string) {
		if !slices.Contains(v.phoneIDs, id) {
			v.phoneIDs = append(v.phoneIDs, id)
		}
	}
	for i := range p.Neighbors {
		n := &p.Neighbors[i]
		kind, why := a.classifyNeighbor(n)
		label := n.Protocol + " " + neighborName(n) + " (" + why + ")"
		switch kind {
		case kindPhone:
			v.phoneNeigh = append(v.phoneNeigh, n)
			ev("phoneNeighbor", label)
			if m, ok := neighborMAC(n); ok {
				addPhone(m)
			} else {
				unlinked++
			}
		case kindAccessPoint:
			aps = append(aps, label)
		case kindInfra:
			infra = append(infra, label)
		case kindStation:
			stations = append(stations, label)
		}
	}
	// Uplinks first, before the MAC table is looked at: what sits behind
	// an uplink is the rest of the network, not this port's devices.
	tagged := len(p.TaggedVLANs)
	switch {
	case lag:
		ev("type", p.Type)
		v.role = RoleUplink
	case len(infra) > 0:
		ev("infraNeighbor", infra...)
		v.role = RoleUplink
	case tagged >= a.prof.Roles.UplinkMinTaggedVLANs:
		ev("taggedVlans", strconv.Itoa(tagged))
		v.role = RoleUplink
	}
	if v.role == RoleUplink {
		v.phoneIDs, v.phoneNeigh = nil, nil
		return
	}
	// One phone heard through both LLDP (chassis = IP) and CDP (SEP id) is
	// one phone: unlinked neighbours never count for more than the busiest
	// protocol says.
	unlinked = min(unlinked, a.phonesByProtocol(v.phoneNeigh))
	unmatchedOUI := 0
	linked := len(v.phoneIDs)
	for _, m := range p.MACs {
		mac, ok := normalizeMAC(m.MAC)
		if !ok {
			continue
		}
		if slices.Contains(v.phoneIDs[:linked], mac) {
			v.phoneMACs = append(v.phoneMACs, m)
			continue
		}
		if vendor := a.phoneOUI(mac); vendor != "" {
			v.phoneMACs = append(v.phoneMACs, m)
			if !slices.Contains(v.phoneIDs[linked:], mac) {
				unmatchedOUI++
				ev("phoneMAC", mac+" ("+vendor+")")
				v.phoneIDs = append(v.phoneIDs, mac)
			}
			continue
		}
		v.otherMACs = append(v.otherMACs, m)
	}
	// Unlinked neighbours are taken to be the phone-vendor MACs no neighbour
	// claimed; only the surplus counts as more phones.
	for i := 0; i < unlinked-unmatchedOUI; i++ {
		v.phoneIDs = append(v.phoneIDs, "neighbor "+strconv.Itoa(i+1)+" without a MAC id")
	}
	others := distinctMACs(v.otherMACs)

	switch {
	case p.Mode == "trunk" && v.phones() == 0 && tagged > 1:
		ev("mode", "trunk")
		ev("taggedVlans", strconv.Itoa(tagged))
		v.role = RoleUplink
	case len(aps) > 0:
		ev("accessPointNeighbor", aps...)
		v.role = RoleAccessPoint
	case v.phones() > 0 && others >= a.prof.Roles.UnmanagedMinMACs:
		ev("otherMACs", strconv.Itoa(others))
		v.role = RoleUnmanagedSwitch
	case v.phones() > 0 && (others > 0 || len(stations) > 0):
		ev("otherMACs", strconv.Itoa(others))
		v.role = RolePhonePC
	case v.phones() > 0:
		v.role = RolePhone
	case others >= a.prof.Roles.UnmanagedMinMACs && p.SpeedMbps > 1000:
		// Phones and desk hubs link at 1 Gb/s at most: many MACs on a
		// faster port is a link into the network, not a desk.
		ev("macs", strconv.Itoa(others))
		ev("speedMbps", strconv.Itoa(p.SpeedMbps))
		v.role = RoleUplink
	case others >= a.prof.Roles.UnmanagedMinMACs && !a.lldpSeen(sw, p):
		// "No switch neighbour" means nothing when LLDP/CDP was not read.
		ev("macs", strconv.Itoa(others))
		ev("lldp", "not read on this switch or port: cannot tell a hub from an uplink")
		v.role = RoleUnknown
		v.maybeHub = true
	case others >= a.prof.Roles.UnmanagedMinMACs:
		ev("macs", strconv.Itoa(others))
		ev("neighbors", strconv.Itoa(len(p.Neighbors)))
		v.role = RoleUnmanagedSwitch
	case others > 0 || len(stations) > 0:
		ev("macs", strconv.Itoa(others))
		if len(stations) > 0 {
			ev("stationNeighbor", stations...)
		}
		v.role = RolePC
	case !p.OperUp:
		ev("operUp", "false")
		v.role = RoleEmpty
	case p.PoE.Delivering():
		// Something drawing power, silent and unlearnt: likely a phone that
		// has not booted, a camera or an AP. Not enough to decide.
		ev("poe", "deliveringPower", "class "+poeClass(p.PoE.Class))
		v.role = RoleUnknown
	default:
		ev("operUp", "true")
		ev("macs", "0")
		v.role = RoleUnknown
	}
	if p.PoE.Delivering() && v.role != RoleUnknown {
		ev("poeClass", poeClass(p.PoE.Class))
	}
}

// phonesByProtocol is the most telephones any one protocol reports.
func (a *auditor) phonesByProtocol(ns []*snapshot.Neighbor) int {
	lldp, cdp := 0, 0
	for _, n := range ns {
		if n.Protocol == snapshot.ProtocolCDP {
			cdp++
		} else {
			lldp++
		}
	}
	return max(lldp, cdp)
}

// neighborMAC is the MAC that identifies a neighbour, if it gives one.
func neighborMAC(n *snapshot.Neighbor) (string, bool) {
	if m, ok := normalizeMAC(n.ChassisID); ok {
		return m, true
	}
	if m, ok := normalizeMAC(n.PortID); ok {
		return m, true
	}
	if isCiscoPhoneID(n.SysName) {
		return normalizeMAC(n.SysName[3:])
	}
	return "", false
}

func (a *auditor) phoneOUI(mac string) string {
	vendor := phoneOUIs()[mac[:8]]
	if vendor == "" {
		return ""
	}
	if a.allVendors || a.vendors[vendor] {
		return vendor
	}
	return ""
}

func distinctMACs(ms []snapshot.MAC) int {
	switch {
	case len(ms) < 2:
		return len(ms)
	case len(ms) <= 16:
		// Few MACs (the usual access port): compare pairwise, no map.
		n := 0
		for i, m := range ms {
			if !slices.ContainsFunc(ms[:i], func(o snapshot.MAC) bool { return strings.EqualFold(o.MAC, m.MAC) }) {
				n++
			}
		}
		return n
	}
	seen := make(map[string]bool, len(ms))
	for _, m := range ms {
		seen[strings.ToLower(m.MAC)] = true
	}
	return len(seen)
}

func neighborName(n *snapshot.Neighbor) string {
	switch {
	case n.SysName != "":
		return n.SysName
	case n.MED != nil && n.MED.Model != "":
		return n.MED.Model
	case n.Platform != "":
		return n.Platform
	}
	return n.ChassisID
}

// lldpSeen says whether the absence of an LLDP/CDP neighbour on the port is
// evidence: the switch's LLDP/CDP tables were read without error, and LLDP
// is known to run on the port or was heard somewhere on the switch.
func (a *auditor) lldpSeen(sw *snapshot.Switch, p *snapshot.Port) bool {
	if hasStage(sw, "lldp", "cdp") {
		return false
	}
	if p.LLDPAdmin == "txAndRx" || p.LLDPAdmin == "rxOnly" {
		return true
	}
	seen, ok := a.lldpHeard[sw]
	if !ok {
		for i := range sw.Ports {
			if len(sw.Ports[i].Neighbors) > 0 {
				seen = true
				break
			}
		}
		a.lldpHeard[sw] = seen
	}
	return seen
}

func poeClass(c int) string {
	if c < 0 {
		return "unknown"
	}
	return strconv.Itoa(c)
}

// SwitchingPorts counts the ports of sw the audit gives a role: physical
// Ethernet ports and LAGs, management interfaces left out. Every screen
// that says how many ports a switch has uses it, so the CLI and the
// terminal UI never count differently.
func SwitchingPorts(sw *snapshot.Switch) int {
	n := 0
	for i := range sw.Ports {
		p := &sw.Ports[i]
		if ok, _ := physicalPort(p); ok && !ManagementPort(p) {
			n++
		}
	}
	return n
}
