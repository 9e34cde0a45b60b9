package snmp

import "testing"

// TestIdentify uses the sysObjectID and sysDescr of every recording in
// ../shared/testdata/snmprec, as recorded.
func TestIdentify(t *testing.T) {
	tests := []struct {
		recording, oid, descr string
		want                  Identity
	}{
		{"arubaos-cx_10.07", "1.3.6.1.4.1.47196.4.1.1.1.303", "Aruba JL727A 6200F 48G CL4 4SFP+370W Swch ML.10.07.0005",
			Identity{"aruba", "aruba_aoscx", "6200F", "ML.10.07.0005"}},
		{"ciscosb_sg350x-24p", "1.3.6.1.4.1.9.6.1.94.24.5", "SG350X-24P 24-Port Gigabit PoE Stackable Managed Switch",
			Identity{"cisco", "cisco_sb", "SG350X-24P", ""}},
		{"cnmatrix", "1.3.6.1.4.1.17713.24", "Cambium Networks cnMatrix TX1012-P-DC Ethernet Switch HW:01 SW:5.0.1-r4",
			Identity{"cambium", "cambium_cnmatrix", "TX1012-P-DC", "5.0.1-r4"}},
		{"comware_a5500", "1.3.6.1.4.1.25506.11.1.24", "HP Comware Platform Software, Software Version 5.20.99 Release 2222P08 HP A5500-24G EI Switch with 2 Interface Slots  Co",
			Identity{"hpe", "hp_comware", "A5500-24G EI Switch with 2 Interface Slots", "5.20.99 Release 2222P08"}},
		{"dnos", "1.3.6.1.4.1.6027.1.3.20", "Dell Networking OS Operating System Version: 2.0 Application Software Version: 9.9(0.0P9) Series: S4048-ON Copyright (c)",
			Identity{"dell", "dell_os9", "S4048-ON", "9.9(0.0P9)"}},
		{"edgeswitch_usw-flex-xg", "1.3.6.1.4.1", "USW-Flex-XG, 6.2.14.13855",
			Identity{"ubiquiti", "ubiquiti_edgeswitch", "USW-Flex-XG", "6.2.14.13855"}},
		{"ios_2960x", "1.3.6.1.4.1.9.1.1208", "Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.0(2a)EX5, RELEASE SOFTWARE (fc3) Technical Suppor",
			Identity{"cisco", "cisco_ios", "", "15.0(2a)EX5"}},
		{"jetstream_vlans", "1.3.6.1.4.1.11863.5.72", "JetStream 16-Port Gigabit L2 Managed Switch with 2 SFP Slots",
			Identity{"tplink", "tplink_jetstream", "", ""}},
		{"junos_ex4600mp", "1.3.6.1.4.1.2636.1.1.1.4.63.9", "hostname.example.org",
			Identity{"juniper", "juniper_junos", "", ""}},
		{"procurve", "1.3.6.1.4.1.11.2.3.7.8.5.2", "HP Stack, revision KA.00.00.0000",
			Identity{"hpe", "aruba_aoss", "Stack", "KA.00.00.0000"}},
		{"routeros_crs317", "1.3.6.1.4.1.14988.1", "RouterOS CRS317-1G-16S+",
			Identity{"mikrotik", "mikrotik_routeros", "CRS317-1G-16S+", ""}},
		{"snmpsim-data_cisco_16_switch", "1.3.6.1.4.1.9.1.516", "Cisco IOS Software, C3750 Software (C3750-IPSERVICESK9-M), Version 12.2(55)SE10, RELEASE SOFTWARE (fc2)  Technical Suppo",
			Identity{"cisco", "cisco_ios", "", "12.2(55)SE10"}},
		{"snmpsim-data_hpe-procurve-516733-b21", "1.3.6.1.4.1.11.2.3.7.11.107", "ProCurve 516733-B21 6120XG Blade Switch, revision Z.14.31, ROM Z.14.09 (/ws/swbuildm/ec_Z_zint4b_qaoff/code/build/vern(e",
			Identity{"hpe", "aruba_aoss", "516733-B21 6120XG Blade", "Z.14.31"}},
		{"zynos_gs1900-fdb", "1.3.6.1.4.1.890.1.15", "GS1900-48",
			Identity{"zyxel", "zyxel_zynos", "GS1900-48", ""}},
		// Not in the recordings: sysDescr forms from vendor documentation.
		{"huawei", "1.3.6.1.4.1.2011.2.23.330", "S5720-28P-SI-AC Huawei Versatile Routing Platform Software VRP (R) software,Version 5.170 (S5720 V200R011C10SPC600)",
			Identity{"huawei", "huawei_vrp", "S5720", "V200R011C10SPC600"}},
		{"junos", "1.3.6.1.4.1.2636.1.1.1.2.92", "Juniper Networks, Inc. ex2300-c-12p Ethernet Switch, kernel JUNOS 18.2R3-S2.9, Build date: 2019-12-05",
			Identity{"juniper", "juniper_junos", "ex2300-c-12p", "18.2R3-S2.9"}},
		{"aruba 2930", "1.3.6.1.4.1.11.2.3.7.11.181", "Aruba JL322A 2930M-48G-PoE+ Switch, revision WC.16.10.0009, ROM WC.16.01.0008 (/ws/swbuildm/rel_ukiah_qaoff/code/build/bom(swbuildm_rel_ukiah_qaoff_rel_ukiah))",
			Identity{"aruba", "aruba_aoss", "JL322A 2930M-48G-PoE+", "WC.16.10.0009"}},
		{"unknown", "1.3.6.1.4.1.99999.1", "Some switch", Identity{}},
	}
	for _, tt := range tests {
		t.Run(tt.recording, func(t *testing.T) {
			if got := Identify(tt.oid, tt.descr); got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
