package snmp

import (
	"slices"
	"strconv"

	"github.com/voxlan/voxlan/snapshot"
)

// Vendor PoE tables read where POWER-ETHERNET-MIB is missing or thin. Both
// port tables share pethPsePortTable's index (group.port).
const (
	// CISCOSB-POE-MIB rlPethPsePortTable (rlPoe = 1.3.6.1.4.1.9.6.1.101.108,
	// "enhancement for rfc3621", index rlPethPsePortGroupIndex.
	// rlPethPsePortIndex as pethPsePortTable): the output power and the
	// operational power limit "in milli watts"; rlPethPsePortOperStatus
	// (TruthValue) is "PoE port current status affected by time range
	// active/inactive and admin status"; rlPethPsePortSupportPoeType is
	// RlPoeType, none(1) = "no PoE". Source: CISCOSB-POE-MIB as LibreNMS
	// ships it (mibs/cisco/CISCOSB-POE-MIB, revision 202105190000Z).
	oidRlPethPortOutputPower    = "1.3.6.1.4.1.9.6.1.101.108.1.1.5"
	oidRlPethPortOperPowerLimit = "1.3.6.1.4.1.9.6.1.101.108.1.1.9"
	oidRlPethPortOperStatus     = "1.3.6.1.4.1.9.6.1.101.108.1.1.11"
	oidRlPethPortSupportPoeType = "1.3.6.1.4.1.9.6.1.101.108.1.1.13"

	// HP-ICF-POE-MIB (hpicfPoe = 1.3.6.1.4.1.11.2.14.11.1.9.1, revision
	// 202101200000Z as LibreNMS ships it, mibs/hp/HP-ICF-POE-MIB).
	// hpicfPoePethPsePortTable AUGMENTS pethPsePortEntry:
	// hpicfPoePethPsePortPower is "the Power supplied at this port ... in
	// milliwatts (mW)"; hpicfPoePethPsePortPowerMode is "the power mode of
	// the port whether enabled or disabled or disableWithFiber" (enable(1),
	// disable(2), disableWithFiber(6)). (hpicfPoePethPsePortCurrent is in
	// mA and hpicfPoePethPsePortVoltage in dV: not needed.)
	oidHPPoEPortPower = "1.3.6.1.4.1.11.2.14.11.1.9.1.1.1.3"
	oidHPPoEPortMode  = "1.3.6.1.4.1.11.2.14.11.1.9.1.1.1.10"
	// hpicfPseFeaturesTable, index entPhysicalIndex, "one entry for each
	// stack member": hpicfPseAvailablePower "the total power available on
	// this Power source equipment" (W), hpicfPseUsedPower "the total power
	// allocated ... the sum of the power allocated to all the ports" (W),
	// hpicfPseCurrentPowerDraw (W; the MIB's DESCRIPTION repeats the one
	// of hpicfPseRedundantPower, so its name and UNITS say what it is).
	oidHPPseAvailablePower = "1.3.6.1.4.1.11.2.14.11.1.9.1.6.1.4"
	oidHPPseUsedPower      = "1.3.6.1.4.1.11.2.14.11.1.9.1.6.1.5"
	oidHPPseCurrentDraw    = "1.3.6.1.4.1.11.2.14.11.1.9.1.6.1.8"
)

var poeVendorPlan = []column{
	{stagePoE, "rlPethPsePortOutputPower", oidRlPethPortOutputPower},
	{stagePoE, "rlPethPsePortOperPowerLimit", oidRlPethPortOperPowerLimit},
	{stagePoE, "rlPethPsePortOperStatus", oidRlPethPortOperStatus},
	{stagePoE, "rlPethPsePortSupportPoeType", oidRlPethPortSupportPoeType},
	{stagePoE, "hpicfPoePethPsePortPower", oidHPPoEPortPower},
	{stagePoE, "hpicfPoePethPsePortPowerMode", oidHPPoEPortMode},
	{stagePoE, "hpicfPseAvailablePower", oidHPPseAvailablePower},
	{stagePoE, "hpicfPseUsedPower", oidHPPseUsedPower},
	{stagePoE, "hpicfPseCurrentPowerDraw", oidHPPseCurrentDraw},
}

// rlPoeNone is RlPoeType none(1): the port has no PoE.
const rlPoeNone = 1

// readHPPSEs reads one PSE per stack member from hpicfPseFeaturesTable,
// for AOS-S agents (or recordings) without pethMainPseTable. A row whose
// available power is 0 says nothing about a PSE and is left out.
func readHPPSEs(d *data) []snapshot.PSE {
	avail := d.ints(stagePoE, oidHPPseAvailablePower)
	used := d.ints(stagePoE, oidHPPseUsedPower)
	draw := d.ints(stagePoE, oidHPPseCurrentDraw)
	var idx []int
	for k, w := range avail {
		if n, ok := intIndex(k); ok && w > 0 && w < 1_000_000 {
			idx = append(idx, n)
		}
	}
	slices.Sort(idx)
	out := make([]snapshot.PSE, 0, len(idx))
	for _, n := range idx {
		k := strconv.Itoa(n)
		out = append(out, snapshot.PSE{Index: n, PowerW: float64(avail[k]),
			ConsumptionW: watts(draw[k]), AllocatedW: watts(used[k])})
	}
	return out
}

// watts keeps a plausible watt value, 0 otherwise.
func watts(w int64) float64 {
	if w > 0 && w < 1_000_000 {
		return float64(w)
	}
	return 0
}

// milliwatts keeps a plausible milliwatt value, 0 otherwise.
func milliwatts(mw int64) int {
	if mw > 0 && mw < 1_000_000 {
		return int(mw)
	}
	return 0
}

// portPoEColumns are the PoE port tables a row of pethPsePortTable's index
// may come from, standard first.
var portPoEColumns = []string{oidPethPortAdminEnable, oidPethPortDetectionStatus, oidCpeExtPortPwrConsumption,
	oidHPPoEPortPower, oidHPPoEPortMode, oidRlPethPortOutputPower, oidRlPethPortOperStatus}

// portPoE is every PoE port column walked, by row index.
type portPoE struct {
	admin, detection, prio, class    map[string]int64
	ciscoDraw, ciscoEnable, ciscoMx  map[string]int64
	hpPower, hpMode                  map[string]int64
	rlPower, rlLimit, rlOper, rlType map[string]int64
}

func readPortPoEColumns(d *data) *portPoE {
	return &portPoE{
		admin:       d.ints(stagePoE, oidPethPortAdminEnable),
		detection:   d.ints(stagePoE, oidPethPortDetectionStatus),
		prio:        d.ints(stagePoE, oidPethPortPowerPriority),
		class:       d.ints(stagePoE, oidPethPortPowerClass),
		ciscoDraw:   d.ints(stagePoE, oidCpeExtPortPwrConsumption),
		ciscoEnable: d.ints(stagePoE, oidCpeExtPortEnable),
		ciscoMx:     d.ints(stagePoE, oidCpeExtPortPwrMax),
		hpPower:     d.ints(stagePoE, oidHPPoEPortPower),
		hpMode:      d.ints(stagePoE, oidHPPoEPortMode),
		rlPower:     d.ints(stagePoE, oidRlPethPortOutputPower),
		rlLimit:     d.ints(stagePoE, oidRlPethPortOperPowerLimit),
		rlOper:      d.ints(stagePoE, oidRlPethPortOperStatus),
		rlType:      d.ints(stagePoE, oidRlPethPortSupportPoeType),
	}
}

// port builds one port's PoE from whichever tables hold its row, the
// standard one first; what no table gives is named in Unread, never
// guessed. ok is false when Cisco SB says the port has no PoE.
func (c *portPoE) port(idx string) (pp *snapshot.PortPoE, ok bool) {
	if t, ok := c.rlType[idx]; ok && t == rlPoeNone {
		return nil, false
	}
	pp = &snapshot.PortPoE{Class: snapshot.ClassUnknown}
	if v, ok := c.admin[idx]; ok {
		pp.AdminEnabled = v == 1
	} else if v, ok := c.ciscoEnable[idx]; ok {
		pp.AdminEnabled = v != 4 // disable(4)
	} else if v, ok := c.hpMode[idx]; ok && (v == 1 || v == 2 || v == 6) {
		pp.AdminEnabled = v == 1 // enable(1); disable(2), disableWithFiber(6)
	} else if v, ok := c.rlOper[idx]; ok && (v == 1 || v == 2) {
		pp.AdminEnabled = v == 1 // TruthValue: PoE on by admin and time range
	} else {
		pp.Unread = append(pp.Unread, snapshot.PoEAdmin)
	}
	switch {
	case c.ciscoDraw[idx] > 0:
		pp.PowerMw = milliwatts(c.ciscoDraw[idx])
	case c.hpPower[idx] > 0:
		pp.PowerMw = milliwatts(c.hpPower[idx])
	default:
		pp.PowerMw = milliwatts(c.rlPower[idx])
	}
	if v := milliwatts(c.ciscoMx[idx]); v > 0 {
		pp.MaxPowerMw = v
	} else {
		pp.MaxPowerMw = milliwatts(c.rlLimit[idx])
	}
	if v, ok := c.detection[idx]; ok {
		pp.Detection = pethDetection[v]
	} else if pp.PowerMw > 0 {
		// No detection column: power drawn means a powered device is
		// there; no power says nothing (disabled? searching?).
		pp.Detection = "deliveringPower"
	}
	if pp.Detection == "" {
		pp.Unread = append(pp.Unread, snapshot.PoEDetection)
	}
	pp.Priority = pethPriority[c.prio[idx]]
	// pethPsePortPowerClassifications: class0(1) .. class4(5).
	if v, ok := c.class[idx]; ok && v >= 1 && v <= 9 {
		pp.Class = int(v - 1)
	}
	return pp, true
}
