package snmp

import (
	"strings"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/snapshot"
)

// Identity is what identify derives from the system group.
type Identity struct {
	Vendor, OS, Model, Version string
}

const enterprisesPrefix = "1.3.6.1.4.1."

// enterpriseOf returns the private enterprise number's arc of a
// sysObjectID ("9" for Cisco), or "" when the OID is not under enterprises.
func enterpriseOf(sysObjectID string) string {
	rest, ok := strings.CutPrefix(trimDot(sysObjectID), enterprisesPrefix)
	if !ok {
		return ""
	}
	n, _, _ := strings.Cut(rest, ".")
	return n
}

// Identify names the vendor, OS key, model and version from sysObjectID and
// sysDescr with the vendorRules table (vendors.go). The OS key is the
// driver key used by the rest of voxlan. ENTITY-MIB (read separately) wins
// over sysDescr for model and version where the switch fills it.
func Identify(sysObjectID, sysDescr string) Identity {
	ent, oid := enterpriseOf(sysObjectID), trimDot(sysObjectID)
	for _, r := range vendorRules {
		if r.applies(ent, oid, sysDescr) {
			return r.identity(sysDescr)
		}
	}
	return Identity{}
}

// identify fills vendor and OS, and model and version where ENTITY-MIB
// left them empty. The sysDescr version wins over ENTITY-MIB's software
// revision for OSes whose chassis entity carries a boot or hardware
// revision instead (IOS reports the running image in sysDescr).
func identify(sw *snapshot.Switch) {
	id := Identify(sw.SysObjectID, sw.SysDescr)
	sw.Vendor, sw.OS = id.Vendor, id.OS
	if sw.Model == "" {
		sw.Model = id.Model
	}
	if id.Version != "" && (sw.Version == "" || sysDescrVersionFirst[id.OS]) {
		sw.Version = id.Version
	}
}

var sysDescrVersionFirst = map[string]bool{
	"cisco_ios": true, "cisco_nxos": true, "hp_comware": true,
	"dell_os9": true, "aruba_aoscx": true, "cambium_cnmatrix": true, "huawei_vrp": true,
	"juniper_junos": true, "ubiquiti_edgeswitch": true, "extreme_exos": true, "extreme_voss": true,
	"ruckus_fastiron": true, "brocade_fastiron": true, "ale_aos": true, "dell_os6": true,
	"dell_powerconnect": true, "fortinet_fortiswitch": true, "allied_awplus": true, "netgear_prosafe": true,
}

// vendorScalars are scalars some vendors use for what sysDescr and
// ENTITY-MIB leave out, by enterprise number. text keeps the part of the
// value before " | " (ZyXEL appends the build date).
type vendorScalar struct {
	oid   string
	field string // "version", "serial" or "model"
}

var vendorScalars = map[string][]vendorScalar{
	// MIKROTIK-MIB mtxrLicVersion, mtxrSerialNumber.
	"14988": {{"1.3.6.1.4.1.14988.1.1.4.4.0", "version"}, {"1.3.6.1.4.1.14988.1.1.7.3.0", "serial"}},
	// ZYXEL-GS1900 sysSwVersionString-like firmware, model, serial.
	"890": {{"1.3.6.1.4.1.890.1.15.3.1.6.0", "version"}, {"1.3.6.1.4.1.890.1.15.3.1.11.0", "model"},
		{"1.3.6.1.4.1.890.1.15.3.1.12.0", "serial"}},
	// LINKSYS-MIB common.commonFirmwareVer: the running firmware (sysDescr
	// names no version).
	"3955": {{"1.3.6.1.4.1.3955.1.1.0", "version"}},
	// D-Link DLINK-AGENT-MIB agentFirmwareVersion (unit 1): the running
	// firmware, where ENTITY-MIB's software revision holds the hardware
	// revision on many DGS/DES models.
	"171": {{"1.3.6.1.4.1.171.12.1.2.7.1.2.1", "version"}},
}

func vendorScalarOIDs(sys map[string]gosnmp.SnmpPDU) []string {
	p, ok := sys[oidSysObjectID]
	if !ok {
		return nil
	}
	s, _ := p.Value.(string)
	var oids []string
	for _, v := range vendorScalars[enterpriseOf(s)] {
		oids = append(oids, v.oid)
	}
	return oids
}

// applyVendorScalars lets vendor scalars override model, version and
// serial: where a vendor keeps them, they name the running firmware.
func applyVendorScalars(sw *snapshot.Switch, sys map[string]gosnmp.SnmpPDU) {
	for _, v := range vendorScalars[enterpriseOf(sw.SysObjectID)] {
		p, ok := sys[v.oid]
		if !ok {
			continue
		}
		b, ok := p.Value.([]byte)
		if !ok {
			continue
		}
		text, _, _ := strings.Cut(displayString(b), " | ")
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		switch v.field {
		case "version":
			sw.Version = text
		case "serial":
			sw.Serial = text
		case "model":
			sw.Model = text
		}
	}
}
