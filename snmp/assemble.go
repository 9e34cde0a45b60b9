package snmp

import (
	"slices"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/snapshot"
)

// assemble builds the switch from the system scalars and the walked
// columns. Each MIB family adds its part; the order matters where a part
// needs another's result (bridge ports before VLANs, LLDP ports before
// neighbours).
func assemble(sw *snapshot.Switch, sys map[string]gosnmp.SnmpPDU, d *data) {
	readSystem(sw, sys, d)
	ports := readInterfaces(d)
	readEthernet(d, ports)
	readEntity(sw, d)
	identify(sw)
	applyVendorScalars(sw, sys)
	bp := readBridgePorts(d, ports)
	fdbToVLAN := readQBridge(sw, d, ports, bp)
	readCiscoVLANs(sw, d, ports)
	readJuniperVLANs(sw, d, fdbToVLAN)
	readTPLinkVLANs(sw, d, ports)
	readRCVLANs(sw, d, ports)
	readFDB(d, ports, bp, fdbToVLAN)
	readVoiceVLANs(sw, d, ports, bp)
	readLLDP(d, ports, bp)
	readLLDPV2(sw, d, ports)
	readCDP(d, ports)
	readPoE(sw, d, ports, bp)
	for _, p := range ports.sorted() {
		slices.Sort(p.UntaggedVLANs)
		p.UntaggedVLANs = slices.Compact(p.UntaggedVLANs)
		slices.Sort(p.TaggedVLANs)
		p.TaggedVLANs = slices.Compact(p.TaggedVLANs)
	}

	sw.Ports = make([]snapshot.Port, 0, len(ports.order))
	for _, idx := range ports.order {
		sw.Ports = append(sw.Ports, *ports.byIndex[idx])
	}
	sw.Errors = append(sw.Errors, d.errs...)
}

// portSet is the switch's ports by ifIndex while they are being filled.
type portSet struct {
	order   []int
	byIndex map[int]*snapshot.Port
}

func (s *portSet) get(ifIndex int) *snapshot.Port { return s.byIndex[ifIndex] }

func (s *portSet) sorted() []*snapshot.Port {
	out := make([]*snapshot.Port, 0, len(s.order))
	for _, i := range s.order {
		out = append(out, s.byIndex[i])
	}
	return out
}

func newPortSet(indexes []int) *portSet {
	slices.Sort(indexes)
	indexes = slices.Compact(indexes)
	s := &portSet{order: indexes, byIndex: make(map[int]*snapshot.Port, len(indexes))}
	for _, i := range indexes {
		s.byIndex[i] = &snapshot.Port{IfIndex: i, Duplex: snapshot.DuplexUnknown}
	}
	return s
}
