package snmp

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/snapshot"
)

// pethDetection words (pethPsePortDetectionStatus).
var pethDetection = map[int64]string{1: "disabled", 2: "searching", 3: "deliveringPower",
	4: "fault", 5: "test", 6: "otherFault"}

// pethPriority words (pethPsePortPowerPriority).
var pethPriority = map[int64]string{1: "critical", 2: "high", 3: "low"}

// pethMainStatus words (pethMainPseOperStatus).
var pethMainStatus = map[int64]string{1: "on", 2: "off", 3: "faulty"}

var reGroupPort = regexp.MustCompile(`(\d+)/(?:\d+/)?(\d+)$`)

// reJunosPort reads a Junos physical port name, ge-FPC/PIC/port.
var reJunosPort = regexp.MustCompile(`^(?:ge|mge|xe)-(\d+)/0/(\d+)$`)

// poePortMapper finds the interface of a pethPsePortTable row
// (group.port). The rule, first match wins:
//  1. Cisco: cpeExtPsePortEntPhyIndex names the port's ENTITY-MIB entry,
//     whose entAliasMappingIdentifier is the ifIndex (or whose
//     entPhysicalName equals an ifName/ifDescr);
//  2. an interface whose name ends in group/port or group/0/port (stack
//     member numbering: "1/0/7", "Gi2/0/7", "2/7");
//  3. group 1 only (a standalone switch): bridge port number port, then the
//     interface whose ifIndex is port.
//
// HPE AOS-S (ProCurve) numbers pethPsePortIndex by ifIndex across the whole
// stack or chassis (group = member or module, port = ifIndex): there the
// port number is taken as the ifIndex in every group, before rule 2 (as
// NAV's ipdevpoll PoE plugin does for HP: Uninett/nav
// python/nav/ipdevpoll/plugins/poe.py).
//
// Junos numbers the table from 1 where its interfaces count from 0: group =
// FPC + 1 (the Virtual Chassis member), port = port + 1, so ge-0/0/0 is 1.1
// and ge-1/0/2 is 2.3 (netdisco/snmp-info pull request 274, from EX2200,
// EX2300 and EX4300). There that is the only rule: rule 2 would put row 1.1
// on ge-1/0/1 and rule 3 on whatever ifIndex 1 is.
type poePortMapper struct {
	junos         map[[2]int]int // Junos: (FPC+1, port+1) -> ifIndex
	portIsIfIndex bool
	entPhy        map[string]int64
	entAlias      map[int64]int
	entName       map[int64]string
	byName        map[string]int
	groupPort     map[[2]int][]int
	ports         *portSet
	bp            bridgePorts
}

func newPoEPortMapper(d *data, ports *portSet, bp bridgePorts, os string) *poePortMapper {
	m := &poePortMapper{
		portIsIfIndex: os == "aruba_aoss",
		entPhy:        d.ints(stagePoE, oidCpeExtPortEntPhyIndex),
		entAlias:      map[int64]int{},
		entName:       map[int64]string{},
		byName:        map[string]int{},
		groupPort:     map[[2]int][]int{},
		ports:         ports,
		bp:            bp,
	}
	for _, vb := range d.rows(oidEntAliasMappingIdentifier) {
		a, ok := arcs(vb.index)
		oid, isOID := vb.value.(string)
		if !ok || len(a) != 2 || !isOID {
			continue
		}
		if n, ok := strings.CutPrefix(trimDot(oid), "1.3.6.1.2.1.2.2.1.1."); ok {
			if i, ok := intIndex(n); ok {
				m.entAlias[int64(a[0])] = i
			}
		}
	}
	for idx, name := range d.strings(stageEntity, oidEntPhysicalName) {
		if n, ok := intIndex(idx); ok {
			m.entName[int64(n)] = name
		}
	}
	if os == "juniper_junos" {
		m.junos = map[[2]int]int{}
	}
	for _, p := range ports.sorted() {
		if g := reJunosPort.FindStringSubmatch(p.Name); g != nil && m.junos != nil {
			fpc, err1 := strconv.Atoi(g[1])
			port, err2 := strconv.Atoi(g[2])
			if err1 == nil && err2 == nil && fpc < maxIndex && port < maxIndex {
				m.junos[[2]int{fpc + 1, port + 1}] = p.IfIndex
			}
		}
		for _, s := range []string{p.Name, p.Descr} {
			if s == "" {
				continue
			}
			if _, dup := m.byName[s]; !dup {
				m.byName[s] = p.IfIndex
			}
		}
		if g := reGroupPort.FindStringSubmatch(p.Name); g != nil && (p.Type == "ethernetCsmacd" || p.Type == "gigabitEthernet") {
			gr, _ := strconv.Atoi(g[1])
			po, _ := strconv.Atoi(g[2])
			key := [2]int{gr, po}
			m.groupPort[key] = append(m.groupPort[key], p.IfIndex)
		}
	}
	return m
}

func (m *poePortMapper) ifIndex(idx string, group, port int) (int, bool) {
	if e, ok := m.entPhy[idx]; ok {
		if i, ok := m.entAlias[e]; ok && m.ports.get(i) != nil {
			return i, true
		}
		if i, ok := m.byName[m.entName[e]]; ok {
			return i, true
		}
	}
	if m.junos != nil {
		i, ok := m.junos[[2]int{group, port}]
		return i, ok
	}
	if m.portIsIfIndex && m.ports.get(port) != nil {
		return port, true
	}
	if c := m.groupPort[[2]int{group, port}]; len(c) == 1 {
		return c[0], true
	}
	if group == 1 {
		if i, ok := m.bp[port]; ok && m.ports.get(i) != nil {
			return i, true
		}
		if m.ports.get(port) != nil {
			return port, true
		}
	}
	return 0, false
}

// readPoE fills the PSE summary and per-port PoE from POWER-ETHERNET-MIB,
// with Cisco's per-port draw (cpeExtPsePortPwrConsumption, mW) and the
// vendor tables of Cisco SB and HPE AOS-S where the standard ones are
// missing (poevendor.go). A PoE switch whose ports could not be read says
// so (PoE.PortsNotRead) instead of looking like one without PoE ports.
func readPoE(sw *snapshot.Switch, d *data, ports *portSet, bp bridgePorts) {
	power := d.ints(stagePoE, oidPethMainPower)
	status := d.ints(stagePoE, oidPethMainOperStatus)
	used := d.ints(stagePoE, oidPethMainConsumption)
	var groups []int
	for idx := range power {
		if n, ok := intIndex(idx); ok {
			groups = append(groups, n)
		}
	}
	slices.Sort(groups)
	for _, g := range groups {
		k := strconv.Itoa(g)
		sw.PoE.PSEs = append(sw.PoE.PSEs, snapshot.PSE{Index: g, PowerW: float64(power[k]),
			ConsumptionW: float64(used[k]), Status: pethMainStatus[status[k]]})
	}
	if len(sw.PoE.PSEs) == 0 {
		sw.PoE.PSEs = readHPPSEs(d)
	}

	cols := readPortPoEColumns(d)
	mapper := newPoEPortMapper(d, ports, bp, sw.OS)

	// Rows exist in any of the standard, Cisco or vendor tables.
	seen := map[string]bool{}
	var rows []string
	for _, col := range portPoEColumns {
		for _, vb := range d.rows(col) {
			if !seen[vb.index] {
				seen[vb.index] = true
				rows = append(rows, vb.index)
			}
		}
	}
	var unmapped []string
	bad, mapped, noPoE := 0, 0, 0
	for _, idx := range rows {
		a, ok := arcs(idx)
		if !ok || len(a) != 2 || a[0] > maxIndex || a[1] > maxIndex {
			bad++
			continue
		}
		ifIndex, ok := mapper.ifIndex(idx, int(a[0]), int(a[1]))
		if !ok {
			unmapped = append(unmapped, idx)
			continue
		}
		pp, ok := cols.port(idx)
		if !ok {
			noPoE++
			continue
		}
		ports.get(ifIndex).PoE = pp
		mapped++
	}
	sw.PoE.Supported = len(sw.PoE.PSEs) > 0 || len(rows) > noPoE
	sw.PoE.PortsNotRead = sw.PoE.Supported && mapped == 0
	if bad > 0 {
		d.errorf(stagePoE, "%d PoE port rows with an invalid index were left out", bad)
	}
	if len(unmapped) > 0 {
		if len(unmapped) > 5 {
			unmapped = append(unmapped[:5], "...")
		}
		d.errorf(stagePoE, "PoE port rows %s match no interface; left out", fmt.Sprint(unmapped))
	}
}
