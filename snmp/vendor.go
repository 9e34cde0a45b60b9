package snmp

import (
	"regexp"
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

var (
	reCiscoVersion   = regexp.MustCompile(`Version ([^ ,]+)`)
	reRevision       = regexp.MustCompile(`revision ([A-Z]{1,2}\.\d+\.\d+(?:\.\d+)?)`)
	reComwareVersion = regexp.MustCompile(`Software Version ([\d.]+)(?: Release (\S+))?`)
	reComwareModel   = regexp.MustCompile(`(?:HPE?|H3C) (\S.*?)(?:\s+Co|$)`)
	reDellOS9Version = regexp.MustCompile(`Application Software Version: (\S+)`)
	reDellOS9Series  = regexp.MustCompile(`Series: (\S+)`)
	reHuaweiVersion  = regexp.MustCompile(`\((\S+) (V\d{3}R\d{3}\S*)\)`)
	reJunosVersion   = regexp.MustCompile(`JUNOS (\S+?),?(?:\s|$)`)
	reJunosModel     = regexp.MustCompile(`Juniper Networks, Inc\. (\S+)`)
	reArubaCX        = regexp.MustCompile(`^Aruba (\S+) (\S+) .* ([A-Z]{2}\.\d+\.\d+\.\d+)$`)
	reCambium        = regexp.MustCompile(`cnMatrix (\S+) .*SW:(\S+)`)
	reUbiquiti       = regexp.MustCompile(`^((?:USW|US|ES|EdgeSwitch)[-\w]*), (\d[\w.\-]+)`)
	reRouterOS       = regexp.MustCompile(`^RouterOS (\S+)`)
	reZyxelModel     = regexp.MustCompile(`^((?:GS|XGS|XS|MGS)\d\S*)`)
	reProCurveModel  = regexp.MustCompile(`^(?:HPE? |ProCurve |Aruba )?(?:Switch )?(.+?)(?: Switch)?, revision`)
	reNexusModel     = regexp.MustCompile(`^Cisco NX-OS\(tm\) (?:Nexus\d+ )?([^,\s]+)`)
	reEXOS           = regexp.MustCompile(`^ExtremeXOS \(([^)]+)\) version (\S+)`)
	reVOSS           = regexp.MustCompile(`^(\S+?)-?(?:FabricEngine|VOSS)? \((\d[\d.]+)\)`)
	reFastIron       = regexp.MustCompile(`(?:Inc\.|Systems, Inc\.),? (?:Stacking System )?([^,\s]+), IronWare Version (\S+)`)
	reAlcatelAOS     = regexp.MustCompile(`^Alcatel(?:-Lucent)?(?: Enterprise)? (OS\S+|OmniSwitch \S+) (\d[\w.]+)`)
	reAlliedVersion  = regexp.MustCompile(`(?:AW\+ v|AlliedWare Plus\) Version )(\d[\w.\-]*)`)
	reDellNSeries    = regexp.MustCompile(`^Dell (?:EMC )?Networking (N\d\S*), (\d[\d.]+)`)
	rePowerConnect   = regexp.MustCompile(`^(?:Dell )?PowerConnect (\S+?),? (\d[\d.]+)`)
	reNetgear        = regexp.MustCompile(`^(?:NETGEAR )?([A-Z]{2,4}\d{3,4}[A-Z0-9+\-]*(?:v\d)?)\b(?:.*, (\d[\d.]+)$)?`)
	reDLink          = regexp.MustCompile(`^((?:D-Link )?D[GEX]S-[\w/\-]+)`)
	reFortiSwitch    = regexp.MustCompile(`^(FortiSwitch-\S+?) v(\d[\d.]+)`)
	reMeraki         = regexp.MustCompile(`^Meraki (MS\S+)`)
	reHuaweiModel    = regexp.MustCompile(`^(S\d{4}\S*|CE\d{4}\S*) Huawei`)
)

// Identify names the vendor, OS key, model and version from sysObjectID and
// sysDescr. The OS key is the driver key used by the rest of voxlan.
// ENTITY-MIB (read separately) wins over sysDescr for model and version
// where the switch fills it.
func Identify(sysObjectID, sysDescr string) Identity {
	ent := enterpriseOf(sysObjectID)
	oid := trimDot(sysObjectID)
	d := sysDescr
	switch {
	case ent == "9" && strings.HasPrefix(oid, "1.3.6.1.4.1.9.6.1."):
		// Cisco Small Business (ex-Linksys) switches: their own MIB tree.
		id := Identity{Vendor: "cisco", OS: "cisco_sb"}
		id.Model, _, _ = strings.Cut(d, " ")
		return id
	case ent == "9":
		// IOS and IOS-XE (Catalyst 9000: "Cisco IOS Software [Cupertino],
		// Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a") are
		// one driver, cisco_ios; the OS key is the driver's name.
		id := Identity{Vendor: "cisco", OS: "cisco_ios"}
		if strings.Contains(d, "NX-OS") {
			id.OS = "cisco_nxos"
			if m := reNexusModel.FindStringSubmatch(d); m != nil {
				id.Model = m[1]
			}
		}
		if m := reCiscoVersion.FindStringSubmatch(d); m != nil {
			id.Version = m[1]
		}
		return id
	case ent == "11":
		id := Identity{Vendor: "hpe", OS: "aruba_aoss"}
		if strings.HasPrefix(d, "Aruba") {
			id.Vendor = "aruba"
		}
		if strings.Contains(d, "Comware") {
			return comware(d)
		}
		if m := reRevision.FindStringSubmatch(d); m != nil {
			id.Version = m[1]
		}
		if m := reProCurveModel.FindStringSubmatch(d); m != nil {
			id.Model = strings.TrimSpace(m[1])
		}
		return id
	case ent == "47196":
		id := Identity{Vendor: "aruba", OS: "aruba_aoscx"}
		if m := reArubaCX.FindStringSubmatch(d); m != nil {
			id.Model, id.Version = m[2], m[3]
		}
		return id
	case ent == "25506" || strings.Contains(d, "Comware"):
		return comware(d)
	case ent == "2636":
		id := Identity{Vendor: "juniper", OS: "juniper_junos"}
		if m := reJunosVersion.FindStringSubmatch(d); m != nil {
			id.Version = m[1]
		}
		if m := reJunosModel.FindStringSubmatch(d); m != nil {
			id.Model = m[1]
		}
		return id
	case ent == "6027":
		id := Identity{Vendor: "dell", OS: "dell_os9"}
		if strings.Contains(d, "OS10") {
			id.OS = "dell_os10"
		}
		if m := reDellOS9Version.FindStringSubmatch(d); m != nil {
			id.Version = m[1]
		}
		if m := reDellOS9Series.FindStringSubmatch(d); m != nil {
			id.Model = m[1]
		}
		return id
	case ent == "674":
		id := Identity{Vendor: "dell", OS: "dell_os6"}
		switch {
		case strings.Contains(d, "OS10"):
			id.OS = "dell_os10"
		case strings.Contains(d, "PowerConnect"):
			id.OS = "dell_powerconnect"
			if m := rePowerConnect.FindStringSubmatch(d); m != nil {
				id.Model, id.Version = m[1], m[2]
			}
		default:
			if m := reDellNSeries.FindStringSubmatch(d); m != nil {
				id.Model, id.Version = m[1], m[2]
			}
		}
		return id
	case ent == "2011":
		id := Identity{Vendor: "huawei", OS: "huawei_vrp"}
		if m := reHuaweiVersion.FindStringSubmatch(d); m != nil {
			id.Model, id.Version = m[1], m[2]
		}
		if m := reHuaweiModel.FindStringSubmatch(d); m != nil {
			id.Model = m[1]
		}
		return id
	case ent == "890":
		id := Identity{Vendor: "zyxel", OS: "zyxel_zynos"}
		if m := reZyxelModel.FindStringSubmatch(d); m != nil {
			id.Model = m[1]
		}
		return id
	case ent == "11863":
		return Identity{Vendor: "tplink", OS: "tplink_jetstream"}
	case ent == "14988":
		id := Identity{Vendor: "mikrotik", OS: "mikrotik_routeros"}
		if m := reRouterOS.FindStringSubmatch(d); m != nil {
			id.Model = m[1]
		}
		return id
	case ent == "17713":
		id := Identity{Vendor: "cambium", OS: "cambium_cnmatrix"}
		if m := reCambium.FindStringSubmatch(d); m != nil {
			id.Model, id.Version = m[1], m[2]
		}
		return id
	case ent == "1916" || ent == "2272":
		return extreme(ent, d)
	case ent == "1991":
		// Foundry's arc, kept by Brocade and Ruckus for FastIron (ICX).
		id := Identity{Vendor: "ruckus", OS: "ruckus_fastiron"}
		switch {
		case strings.HasPrefix(d, "Brocade"):
			id.Vendor, id.OS = "brocade", "brocade_fastiron"
		case strings.HasPrefix(d, "Foundry"):
			id.Vendor, id.OS = "foundry", "brocade_fastiron"
		}
		if m := reFastIron.FindStringSubmatch(d); m != nil {
			id.Model, id.Version = m[1], m[2]
		}
		return id
	case ent == "6486" || ent == "800":
		// Alcatel-Lucent Enterprise OmniSwitch (6486.800 AOS 6, 6486.801
		// AOS 8; 800 is Xylan, the OmniSwitch's origin).
		id := Identity{Vendor: "alcatel", OS: "alcatel_aos"}
		if m := reAlcatelAOS.FindStringSubmatch(d); m != nil {
			id.Model, id.Version = m[1], m[2]
		}
		return id
	case ent == "207":
		// AlliedWare Plus: the model comes from ENTITY-MIB.
		id := Identity{Vendor: "alliedtelesis", OS: "allied_awplus"}
		if m := reAlliedVersion.FindStringSubmatch(d); m != nil {
			id.Version = m[1]
		}
		return id
	case ent == "4526":
		id := Identity{Vendor: "netgear", OS: "netgear_prosafe"}
		if m := reNetgear.FindStringSubmatch(d); m != nil {
			id.Model, id.Version = m[1], m[2]
		}
		return id
	case ent == "171":
		id := Identity{Vendor: "dlink", OS: "dlink_dgs"}
		if m := reDLink.FindStringSubmatch(d); m != nil {
			id.Model = strings.TrimPrefix(m[1], "D-Link ")
		}
		return id
	case ent == "259":
		// Accton, the maker of Edgecore (and many OEM) switches.
		return Identity{Vendor: "edgecore", OS: "edgecore"}
	case ent == "12356" && strings.HasPrefix(oid, "1.3.6.1.4.1.12356.106."):
		// 12356.106 is FortiSwitch; the rest of 12356 is FortiGate and
		// other appliances, not switches.
		id := Identity{Vendor: "fortinet", OS: "fortinet_fortiswitch"}
		if m := reFortiSwitch.FindStringSubmatch(d); m != nil {
			id.Model, id.Version = m[1], m[2]
		}
		return id
	case ent == "29671":
		id := Identity{Vendor: "cisco", OS: "cisco_meraki"}
		if m := reMeraki.FindStringSubmatch(d); m != nil {
			id.Model = m[1]
		}
		return id
	case ent == "10456":
		return Identity{Vendor: "planet", OS: "planet"}
	case ent == "2356":
		return Identity{Vendor: "lancom", OS: "lancom_lcos"}
	case ent == "4413" || ent == "41112" || reUbiquiti.MatchString(d):
		// UniFi switches answer sysObjectID 1.3.6.1.4.1 itself: the
		// sysDescr "USW-..., version" is what names them.
		id := Identity{Vendor: "ubiquiti", OS: "ubiquiti_edgeswitch"}
		if m := reUbiquiti.FindStringSubmatch(d); m != nil {
			id.Model, id.Version = m[1], m[2]
		}
		return id
	}
	return Identity{}
}

// extreme names EXOS (1916) and VOSS/Fabric Engine (1916 with a VOSS
// sysDescr, or 2272, the Nortel/Avaya arc VOSS kept).
func extreme(ent, d string) Identity {
	voss := ent == "2272"
	for _, k := range []string{"VOSS", "FabricEngine", "VSP"} {
		voss = voss || strings.Contains(d, k)
	}
	if voss {
		id := Identity{Vendor: "extreme", OS: "extreme_voss"}
		if m := reVOSS.FindStringSubmatch(d); m != nil {
			id.Model, id.Version = m[1], m[2]
		}
		return id
	}
	id := Identity{Vendor: "extreme", OS: "extreme_exos"}
	if m := reEXOS.FindStringSubmatch(d); m != nil {
		id.Model, id.Version = m[1], m[2]
	}
	return id
}

func comware(d string) Identity {
	id := Identity{Vendor: "hpe", OS: "hp_comware"}
	if strings.Contains(d, "H3C") {
		id.Vendor = "h3c"
	}
	if m := reComwareVersion.FindStringSubmatch(d); m != nil {
		id.Version = m[1]
		if m[2] != "" {
			id.Version += " Release " + m[2]
		}
	}
	if i := strings.Index(d, "Release"); i >= 0 {
		if m := reComwareModel.FindStringSubmatch(d[i:]); m != nil {
			id.Model = strings.TrimSpace(m[1])
		}
	}
	return id
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
	"ruckus_fastiron": true, "brocade_fastiron": true, "alcatel_aos": true, "dell_os6": true,
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
