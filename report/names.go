package report

// vendorNames and osNames are how the report writes the snapshot's vendor
// and OS keys (snmp's vendor table, the drivers' names): "Aruba
// AOS-CX", not "aruba_aoscx". A key not listed is shown as it is.
var vendorNames = map[string]string{
	"alcatel": "Alcatel-Lucent", "alliedtelesis": "Allied Telesis", "aruba": "Aruba", "brocade": "Brocade",
	"cambium": "Cambium Networks", "cisco": "Cisco", "dell": "Dell", "dlink": "D-Link", "edgecore": "Edgecore",
	"extreme": "Extreme Networks", "fortinet": "Fortinet", "foundry": "Foundry", "hpe": "HPE", "huawei": "Huawei",
	"juniper": "Juniper", "lancom": "LANCOM", "linksys": "Linksys", "mikrotik": "MikroTik", "netgear": "Netgear",
	"planet": "PLANET", "ruckus": "Ruckus", "tplink": "TP-Link", "ubiquiti": "Ubiquiti", "zyxel": "Zyxel",
}

var osNames = map[string]string{
	"ale_aos": "OmniSwitch AOS", "alcatel_aos": "OmniSwitch AOS", "allied_awplus": "AlliedWare Plus",
	"aruba_aoscx": "AOS-CX", "aruba_aoss": "AOS-S", "brocade_fastiron": "FastIron",
	"cambium_cnmatrix": "cnMatrix", "cisco_ios": "Cisco IOS", "cisco_meraki": "Meraki", "cisco_nxos": "NX-OS",
	"cisco_sb": "Cisco SB", "dell_os10": "Dell OS10", "dell_os6": "Dell OS6", "dell_os9": "Dell OS9",
	"dell_powerconnect": "PowerConnect", "dlink_dgs": "D-Link DGS", "extreme_boss": "BOSS", "extreme_exos": "EXOS",
	"extreme_voss": "VOSS", "fortinet_fortiswitch": "FortiSwitchOS", "hp_comware": "Comware",
	"huawei_vrp": "Huawei VRP", "juniper_junos": "Junos", "lancom_lcos": "LCOS SX", "linksys_srw": "Linksys SRW",
	"mikrotik_routeros": "RouterOS", "netgear_prosafe": "ProSAFE", "ruckus_fastiron": "FastIron",
	"tplink_jetstream": "JetStream", "ubiquiti_edgeswitch": "EdgeSwitch", "zyxel_zynos": "ZyNOS",
}

// displayName is names[key], else key.
func displayName(names map[string]string, key string) string {
	if n, ok := names[key]; ok {
		return n
	}
	return key
}
