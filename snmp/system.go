package snmp

import (
	"slices"
	"strconv"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/snapshot"
)

// readSystem fills the system group and the switch's LLDP chassis id from the
// first Get.
func readSystem(sw *snapshot.Switch, sys map[string]gosnmp.SnmpPDU, d *data) {
	text := func(oid string) string {
		p, ok := sys[oid]
		if !ok {
			return ""
		}
		b, ok := p.Value.([]byte)
		if !ok {
			d.errorf(stageSystem, "%s: agent answered %v, want an OCTET STRING", oid, p.Type)
			return ""
		}
		if fixed, ok := RecoverHexArtefact(b); ok {
			b = fixed
		}
		return displayString(b)
	}
	sw.SysDescr = text(oidSysDescr)
	sw.SysName = text(oidSysName)
	sw.SysContact = text(oidSysContact)
	sw.SysLocation = text(oidSysLocation)
	if p, ok := sys[oidSysObjectID]; ok {
		if s, ok := p.Value.(string); ok && p.Type == gosnmp.ObjectIdentifier {
			sw.SysObjectID = trimDot(s)
		} else {
			d.errorf(stageSystem, "sysObjectID: agent answered %v, want an OBJECT IDENTIFIER", p.Type)
		}
	}
	if p, ok := sys[oidSysUpTime]; ok {
		if n, ok := pduInt(p); ok {
			sw.UptimeSeconds = n / 100
		}
	}
	if p, ok := sys[oidLldpLocChassisID]; ok {
		if b, ok := p.Value.([]byte); ok {
			subtype := int64(0)
			if st, ok := sys[oidLldpLocChassisIDSubtype]; ok {
				subtype, _ = pduInt(st)
			}
			sw.ChassisID = formatLLDPID(b, subtype, chassisSubtypeMAC)
		}
	}
}

// entPhysicalClass values (ENTITY-MIB PhysicalClass).
const (
	entClassChassis = 3
	entClassStack   = 11
)

// readEntity takes model, serial and software version from ENTITY-MIB: the
// first chassis that names a model (stacks list one chassis per member
// under a stack entity; the first is the commander on Cisco and Aruba).
func readEntity(sw *snapshot.Switch, d *data) {
	class := d.ints(stageEntity, oidEntPhysicalClass)
	models := d.strings(stageEntity, oidEntPhysicalModelName)
	serials := d.strings(stageEntity, oidEntPhysicalSerialNum)
	revs := d.strings(stageEntity, oidEntPhysicalSoftwareRev)
	var chassis []int
	for idx, c := range class {
		if c != entClassChassis {
			continue
		}
		if n, ok := intIndex(idx); ok {
			chassis = append(chassis, n)
		}
	}
	slices.Sort(chassis)
	for _, n := range chassis {
		idx := strconv.Itoa(n)
		model := models[idx]
		if model == "" {
			continue
		}
		sw.Model = model
		sw.Serial = serials[idx]
		if revs[idx] != "" {
			sw.Version = revs[idx]
		}
		return
	}
	// No chassis names a model: keep the first chassis's serial and
	// software revision; identify falls back to sysDescr for the model.
	for _, n := range chassis {
		idx := strconv.Itoa(n)
		sw.Serial = serials[idx]
		sw.Version = revs[idx]
		return
	}
}
