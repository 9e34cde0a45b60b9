package snmp

import (
	"regexp"
	"strings"
)

// vendorRule names one OS from the system group. A rule applies when
// sysObjectID is under one of Enterprises (or OIDPrefix, when set) and,
// when set, sysDescr contains one of DescrAny, starts with DescrPrefix, or
// matches Descr; with no enterprise the sysDescr test alone decides. Parse
// fills model and version from the named groups (?P<model>...) and
// (?P<version>...) of each expression in turn, later ones overriding.
// Refine handles what a table cannot say (Comware's two-part version).
// The first rule that applies wins, so narrower rules come first.
type vendorRule struct {
	Enterprises []string
	OIDPrefix   string
	DescrAny    []string
	DescrPrefix string
	Descr       *regexp.Regexp
	Vendor, OS  string
	Parse       []*regexp.Regexp
	Refine      func(sysDescr string, id *Identity)
}

func re(s string) *regexp.Regexp { return regexp.MustCompile(s) }

var (
	reCiscoVersion = re(`Version (?P<version>[^ ,]+)`)
	reJunosVersion = re(`JUNOS (?P<version>\S+?),?(?:\s|$)`)
	reJunosModel   = re(`Juniper Networks, Inc\. (?P<model>\S+)`)
	reDellOS9      = []*regexp.Regexp{re(`Application Software Version: (?P<version>\S+)`), re(`Series: (?P<model>\S+)`)}
	reExtremeVOSS  = re(`^(?P<model>\S+?)-?(?:FabricEngine|VOSS)? \((?P<version>\d[\d.]+)\)`)
	reExtremeEXOS  = re(`^ExtremeXOS \((?P<model>[^)]+)\) version (?P<version>\S+)`)
	reFastIron     = re(`(?:Inc\.|Systems, Inc\.),? (?:Stacking System )?(?P<model>[^,\s]+), IronWare Version (?P<version>\S+)`)
	reUbiquiti     = re(`^(?P<model>(?:USW|US|ES|EdgeSwitch)[-\w]*), (?P<version>\d[\w.\-]+)`)
)

// vendorRules is the identification table: one row per OS (or per
// family's variant), in the order they are tried.
var vendorRules = []vendorRule{
	// Cisco Small Business (ex-Linksys) switches: their own MIB tree.
	{Enterprises: []string{"9"}, OIDPrefix: "1.3.6.1.4.1.9.6.1.", Vendor: "cisco", OS: "cisco_sb", Parse: []*regexp.Regexp{re(`^(?P<model>\S+)`)}},
	{Enterprises: []string{"9"}, DescrAny: []string{"NX-OS"}, Vendor: "cisco", OS: "cisco_nxos",
		Parse: []*regexp.Regexp{re(`^Cisco NX-OS\(tm\) (?:Nexus\d+ )?(?P<model>[^,\s]+)`), reCiscoVersion}},
	// IOS and IOS-XE (Catalyst 9000: "... (CAT9K_IOSXE), Version 17.9.4a")
	// are one driver, cisco_ios.
	{Enterprises: []string{"9"}, Vendor: "cisco", OS: "cisco_ios", Parse: []*regexp.Regexp{reCiscoVersion}},
	// HP's arc holds Comware (A-series) as well as ProCurve/AOS-S.
	{Enterprises: []string{"11", "25506"}, DescrAny: []string{"Comware"}, Vendor: "hpe", OS: "hp_comware", Refine: comware},
	{Enterprises: []string{"25506"}, Vendor: "hpe", OS: "hp_comware", Refine: comware},
	{Enterprises: []string{"11"}, DescrPrefix: "Aruba", Vendor: "aruba", OS: "aruba_aoss", Parse: procurve},
	{Enterprises: []string{"11"}, Vendor: "hpe", OS: "aruba_aoss", Parse: procurve},
	{Enterprises: []string{"47196"}, Vendor: "aruba", OS: "aruba_aoscx",
		Parse: []*regexp.Regexp{re(`^Aruba \S+ (?P<model>\S+) .* (?P<version>[A-Z]{2}\.\d+\.\d+\.\d+)$`)}},
	{Enterprises: []string{"2636"}, Vendor: "juniper", OS: "juniper_junos", Parse: []*regexp.Regexp{reJunosVersion, reJunosModel}},
	{Enterprises: []string{"6027"}, DescrAny: []string{"OS10"}, Vendor: "dell", OS: "dell_os10", Parse: reDellOS9},
	{Enterprises: []string{"6027"}, Vendor: "dell", OS: "dell_os9", Parse: reDellOS9},
	{Enterprises: []string{"674"}, DescrAny: []string{"OS10"}, Vendor: "dell", OS: "dell_os10"},
	{Enterprises: []string{"674"}, DescrAny: []string{"PowerConnect"}, Vendor: "dell", OS: "dell_powerconnect",
		Parse: []*regexp.Regexp{re(`^(?:Dell )?PowerConnect (?P<model>\S+?),? (?P<version>\d[\d.]+)`)}},
	{Enterprises: []string{"674"}, Vendor: "dell", OS: "dell_os6",
		Parse: []*regexp.Regexp{re(`^Dell (?:EMC )?Networking (?P<model>N\d\S*), (?P<version>\d[\d.]+)`)}},
	{Enterprises: []string{"2011"}, Vendor: "huawei", OS: "huawei_vrp",
		Parse: []*regexp.Regexp{re(`\((?P<model>\S+) (?P<version>V\d{3}R\d{3}\S*)\)`), re(`^(?P<model>S\d{4}\S*|CE\d{4}\S*) Huawei`)}},
	{Enterprises: []string{"890"}, Vendor: "zyxel", OS: "zyxel_zynos", Parse: []*regexp.Regexp{re(`^(?P<model>(?:GS|XGS|XS|MGS)\d\S*)`)}},
	{Enterprises: []string{"11863"}, Vendor: "tplink", OS: "tplink_jetstream"},
	{Enterprises: []string{"14988"}, Vendor: "mikrotik", OS: "mikrotik_routeros", Parse: []*regexp.Regexp{re(`^RouterOS (?P<model>\S+)`)}},
	{Enterprises: []string{"17713"}, Vendor: "cambium", OS: "cambium_cnmatrix",
		Parse: []*regexp.Regexp{re(`cnMatrix (?P<model>\S+) .*SW:(?P<version>\S+)`)}},
	// VOSS / Fabric Engine kept the Nortel/Avaya arc (2272); on Extreme's
	// (1916) its sysDescr names it.
	{Enterprises: []string{"2272"}, Vendor: "extreme", OS: "extreme_voss", Parse: []*regexp.Regexp{reExtremeVOSS}},
	{Enterprises: []string{"1916"}, DescrAny: []string{"VOSS", "FabricEngine", "VSP"}, Vendor: "extreme", OS: "extreme_voss",
		Parse: []*regexp.Regexp{reExtremeVOSS}},
	{Enterprises: []string{"1916"}, Vendor: "extreme", OS: "extreme_exos", Parse: []*regexp.Regexp{reExtremeEXOS}},
	// Avaya / Extreme Ethernet Routing Switch stackables (BOSS) on Nortel's
	// Bay arc (45): "Ethernet Routing Switch 4850GTS-PWR+ HW:12 FW:5.6.0.6
	// SW:v5.8.1.018 ...". VLANs live in RC-VLAN-MIB (rcvlan.go).
	{Enterprises: []string{"45"}, Vendor: "extreme", OS: "extreme_boss",
		Parse: []*regexp.Regexp{re(`Ethernet Routing Switch (?P<model>\S+)`), re(`SW:v?(?P<version>\d[\w.]*)`)}},
	// Foundry's arc, kept by Brocade and Ruckus for FastIron (ICX).
	{Enterprises: []string{"1991"}, DescrPrefix: "Brocade", Vendor: "brocade", OS: "brocade_fastiron", Parse: []*regexp.Regexp{reFastIron}},
	{Enterprises: []string{"1991"}, DescrPrefix: "Foundry", Vendor: "foundry", OS: "brocade_fastiron", Parse: []*regexp.Regexp{reFastIron}},
	{Enterprises: []string{"1991"}, Vendor: "ruckus", OS: "ruckus_fastiron", Parse: []*regexp.Regexp{reFastIron}},
	// Alcatel-Lucent Enterprise OmniSwitch (6486.800 AOS 6, 6486.801 AOS 8;
	// 800 is Xylan, the OmniSwitch's origin).
	{Enterprises: []string{"6486", "800"}, Vendor: "alcatel", OS: "ale_aos",
		Parse: []*regexp.Regexp{re(`^Alcatel(?:-Lucent)?(?: Enterprise)? (?P<model>OS\S+|OmniSwitch \S+) (?P<version>\d[\w.]+)`)}},
	// AlliedWare Plus: the model comes from ENTITY-MIB.
	{Enterprises: []string{"207"}, Vendor: "alliedtelesis", OS: "allied_awplus",
		Parse: []*regexp.Regexp{re(`(?:AW\+ v|AlliedWare Plus\) Version )(?P<version>\d[\w.\-]*)`)}},
	{Enterprises: []string{"4526"}, Vendor: "netgear", OS: "netgear_prosafe",
		Parse: []*regexp.Regexp{re(`^(?:NETGEAR )?(?P<model>[A-Z]{2,4}\d{3,4}[A-Z0-9+\-]*(?:v\d)?)\b(?:.*, (?P<version>\d[\d.]+)$)?`)}},
	{Enterprises: []string{"171"}, Vendor: "dlink", OS: "dlink_dgs", Parse: []*regexp.Regexp{re(`^(?:D-Link )?(?P<model>D[GEX]S-[\w/\-]+)`)}},
	// Linksys small-business switches (SRW, LGS) on Linksys's own arc.
	{Enterprises: []string{"3955"}, Vendor: "linksys", OS: "linksys_srw", Parse: []*regexp.Regexp{re(`(?P<model>(?:SRW|LGS)\d\S*)`)}},
	// Accton, the maker of Edgecore (and many OEM) switches.
	{Enterprises: []string{"259"}, Vendor: "edgecore", OS: "edgecore"},
	// 12356.106 is FortiSwitch; the rest of 12356 is FortiGate and other
	// appliances, not switches.
	{OIDPrefix: "1.3.6.1.4.1.12356.106.", Vendor: "fortinet", OS: "fortinet_fortiswitch",
		Parse: []*regexp.Regexp{re(`^(?P<model>FortiSwitch-\S+?) v(?P<version>\d[\d.]+)`)}},
	{Enterprises: []string{"29671"}, Vendor: "cisco", OS: "cisco_meraki", Parse: []*regexp.Regexp{re(`^Meraki (?P<model>MS\S+)`)}},
	{Enterprises: []string{"10456"}, Vendor: "planet", OS: "planet"},
	{Enterprises: []string{"2356"}, Vendor: "lancom", OS: "lancom_lcos"},
	{Enterprises: []string{"4413", "41112"}, Vendor: "ubiquiti", OS: "ubiquiti_edgeswitch", Parse: []*regexp.Regexp{reUbiquiti}},
	// UniFi switches answer sysObjectID 1.3.6.1.4.1 itself: the sysDescr
	// "USW-..., version" is what names them.
	{Descr: reUbiquiti, Vendor: "ubiquiti", OS: "ubiquiti_edgeswitch", Parse: []*regexp.Regexp{reUbiquiti}},
	// A Comware sysDescr under any other arc.
	{DescrAny: []string{"Comware"}, Vendor: "hpe", OS: "hp_comware", Refine: comware},
}

var procurve = []*regexp.Regexp{
	re(`revision (?P<version>[A-Z]{1,2}\.\d+\.\d+(?:\.\d+)?)`),
	re(`^(?:HPE? |ProCurve |Aruba )?(?:Switch )?(?P<model>.+?)(?: Switch)?, revision`),
}

// applies reports whether r names the OS of this system group.
func (r vendorRule) applies(ent, oid, d string) bool {
	if r.OIDPrefix != "" && !strings.HasPrefix(oid+".", r.OIDPrefix) {
		return false
	}
	if len(r.Enterprises) > 0 && !containsString(r.Enterprises, ent) {
		return false
	}
	if len(r.DescrAny) > 0 && !containsAny(d, r.DescrAny) {
		return false
	}
	if r.DescrPrefix != "" && !strings.HasPrefix(d, r.DescrPrefix) {
		return false
	}
	return r.Descr == nil || r.Descr.MatchString(d)
}

// identity is r's answer for sysDescr d.
func (r vendorRule) identity(d string) Identity {
	id := Identity{Vendor: r.Vendor, OS: r.OS}
	for _, e := range r.Parse {
		m := e.FindStringSubmatch(d)
		if m == nil {
			continue
		}
		for i, name := range e.SubexpNames() {
			switch v := strings.TrimSpace(m[i]); {
			case v == "":
			case name == "model":
				id.Model = v
			case name == "version":
				id.Version = v
			}
		}
	}
	if r.Refine != nil {
		r.Refine(d, &id)
	}
	return id
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

var (
	reComwareVersion = re(`Software Version ([\d.]+)(?: Release (\S+))?`)
	reComwareModel   = re(`(?:HPE?|H3C) (\S.*?)(?:\s+Co|$)`)
)

// comware reads Comware's sysDescr: "HP Comware Platform Software,
// Software Version 5.20.99 Release 2222P08 HP A5500-24G EI Switch ...":
// the version joins the release, the model follows the release.
func comware(d string, id *Identity) {
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
}
