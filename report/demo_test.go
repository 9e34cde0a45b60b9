package report

import (
	"fmt"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/sizing"
	"github.com/voxlan/voxlan/snapshot"
)

// The demo site: two access switches of a 100-user branch, audited against
// the wte profile with the optional voice VLAN. It is hand-made (the audit
// engine's rules produce the same shapes) and covers every section: a
// cascade, an unmanaged switch, a port that is not hybrid, PoE off, a
// voice VLAN missing on one switch, a 10 Mb/s half-duplex phone, a WAN too
// small for the site's channels, and an apply run on the second switch.

var demoTime = time.Date(2026, 11, 23, 9, 41, 0, 0, time.UTC)

const (
	demoSW1 = "10.20.0.11"
	demoSW2 = "10.20.0.12"
)

func demoSnapshot() *snapshot.Snapshot {
	s := snapshot.New("Agence Lyon Part-Dieu")
	s.TakenAt = demoTime
	sw1 := snapshot.Switch{
		Target: demoSW1, Source: snapshot.SourceSNMP, SysName: "lyo-pdu-sw1",
		SysDescr: "Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_LITE_IOSXE), Version 17.9.4",
		Vendor:   "cisco", OS: "cisco_ios", Model: "C9200L-48P-4G", Version: "17.9.4", Serial: "JAE25110XYZ",
		SysLocation: "Baie 1, 2e étage",
		VLANs:       []snapshot.VLAN{{ID: 1, Name: "default"}, {ID: 10, Name: "DATA"}, {ID: 20, Name: "VOIX", Voice: true}},
		PoE:         snapshot.PoE{Supported: true, PSEs: []snapshot.PSE{{Index: 1, PowerW: 740, ConsumptionW: 148.6, Status: "on"}}},
	}
	for i := 1; i <= 48; i++ {
		p := snapshot.Port{IfIndex: i, Name: fmt.Sprintf("Gi1/0/%d", i), Type: "ethernetCsmacd", AdminUp: true,
			Duplex: snapshot.DuplexFull, PVID: 10, VoiceVLAN: 20, Mode: "access",
			PoE: &snapshot.PortPoE{AdminEnabled: true, Detection: "searching", Class: snapshot.ClassUnknown}}
		if i <= 26 || i == 30 {
			p.OperUp, p.SpeedMbps = true, 1000
		} else {
			p.SpeedMbps = 10 // what a down port of this switch reports
		}
		if i <= 22 {
			p.PoE.Detection, p.PoE.Class, p.PoE.PowerMw = "deliveringPower", 2, 5600
		}
		if i == 22 {
			p.SpeedMbps, p.Duplex = 10, snapshot.DuplexHalf
		}
		sw1.Ports = append(sw1.Ports, p)
	}
	for i := 1; i <= 4; i++ {
		p := snapshot.Port{IfIndex: 48 + i, Name: fmt.Sprintf("Te1/1/%d", i), Type: "ethernetCsmacd", AdminUp: true, Duplex: snapshot.DuplexFull, Mode: "trunk", PVID: 1}
		if i == 1 {
			p.OperUp, p.SpeedMbps = true, 10000
		}
		sw1.Ports = append(sw1.Ports, p)
	}
	sw1.Ports = append(sw1.Ports, snapshot.Port{IfIndex: 100, Name: "Vl10", Type: "propVirtual", OperUp: true})

	sw2 := snapshot.Switch{
		Target: demoSW2, Source: snapshot.SourceSNMP, SysName: "lyo-pdu-sw2",
		SysDescr: "Aruba JL259A 2930F-24G-PoE+-4SFP Switch, revision WC.16.11.0012",
		Vendor:   "aruba", OS: "aruba_aoss", Model: "2930F-24G-PoE+-4SFP (JL259A)", Version: "WC.16.11.0012", Serial: "CN12KP0ABC",
		VLANs: []snapshot.VLAN{{ID: 1, Name: "DEFAULT_VLAN"}, {ID: 10, Name: "DATA"}},
		PoE:   snapshot.PoE{Supported: true, PSEs: []snapshot.PSE{{Index: 1, PowerW: 370, ConsumptionW: 61.2, Status: "on"}}},
	}
	for i := 1; i <= 28; i++ {
		p := snapshot.Port{IfIndex: i, Name: fmt.Sprint(i), Type: "ethernetCsmacd", AdminUp: true, Duplex: snapshot.DuplexFull, PVID: 10, Mode: "access"}
		if i <= 24 {
			p.PoE = &snapshot.PortPoE{AdminEnabled: i != 7, Detection: "searching", Class: snapshot.ClassUnknown}
		}
		if i <= 12 || i == 25 {
			p.OperUp, p.SpeedMbps = true, 1000
		}
		if i <= 10 && i != 7 {
			p.PoE.Detection, p.PoE.Class, p.PoE.PowerMw = "deliveringPower", 2, 6100
		}
		if i == 7 {
			p.PoE.Detection = "disabled"
		}
		sw2.Ports = append(sw2.Ports, p)
	}
	s.Switches = []snapshot.Switch{sw1, sw2}
	s.Probe = &snapshot.Probe{
		Interface: "eth0", StartedAt: demoTime, DurationSeconds: 4.2, RawAccess: true,
		DHCP: []snapshot.DHCPVLAN{
			{Role: snapshot.RoleData, ClientMAC: "02:00:5e:10:00:01", WaitSeconds: 2, Offers: []snapshot.DHCPOffer{
				{ServerID: "10.20.10.1", ServerMAC: "00:1a:2b:3c:4d:5e", Address: "10.20.10.57", SubnetMask: "255.255.255.0", Network: "10.20.10.0/24",
					Routers: []string{"10.20.10.1"}, DNS: []string{"10.20.10.1"}, LeaseSeconds: 86400, OptionCodes: []int{53, 54, 51, 1, 3, 6}, AfterMs: 3.1}}},
			{Role: snapshot.RoleVoice, VLAN: 20, ClientMAC: "02:00:5e:10:00:01", WaitSeconds: 2, Offers: []snapshot.DHCPOffer{
				{ServerID: "10.20.20.1", ServerMAC: "00:1a:2b:3c:4d:5e", Address: "10.20.20.31", SubnetMask: "255.255.255.0", Network: "10.20.20.0/24",
					Routers: []string{"10.20.20.1"}, DNS: []string{"10.20.10.1"}, LeaseSeconds: 86400, OptionCodes: []int{53, 54, 51, 1, 3, 6, 150}, TFTPServers: []string{"10.20.20.5"}, AfterMs: 2.7, ReplyVLAN: 20},
				{ServerID: "10.20.20.250", ServerMAC: "00:08:5d:aa:bb:cc", Address: "10.20.20.140", SubnetMask: "255.255.255.0", Network: "10.20.20.0/24",
					Routers: []string{"10.20.20.1"}, LeaseSeconds: 3600, OptionCodes: []int{53, 54, 51, 1, 3}, AfterMs: 11.4, ReplyVLAN: 20}}},
		},
		DNS: []snapshot.DNSLookup{
			{Server: "10.20.10.1", Name: "activate.cisco.com", Role: "data", Addresses: []string{"72.163.10.104"}, Rcode: "NOERROR", Ms: 18.2, OK: true},
			{Server: "10.20.10.1", Name: "webex.com", Role: "data", Addresses: []string{"170.72.245.1"}, Rcode: "NOERROR", Ms: 21.7, OK: true},
		},
		Transport: []snapshot.TransportTest{
			{Target: "10.20.10.1", Role: "gateway", Sent: 20, Received: 20, RTTMinMs: 0.4, RTTAvgMs: 0.6, RTTMaxMs: 1.1, OneWayMs: 0.3, JitterMs: 0.2,
				MaxOneWayMs: 150, MaxJitterMs: 40, MaxLossPercent: 1, Pass: true},
		},
		Ports: []snapshot.PortTest{
			{Target: "10.20.10.1", Port: 443, Opening: "HTTPS", State: snapshot.PortOpen, Ms: 1.2},
			{Target: "10.20.10.1", Port: 8934, Opening: "SIP over TLS", State: snapshot.PortFiltered, Ms: 2000},
		},
		Skipped: []string{"ports: no target named (--target)"},
		Skips:   []snapshot.ProbeSkip{{Code: snapshot.ProbeSkipPortsNoTarget}},
	}
	return s
}

func demoResult() *audit.Result {
	ev := func(kv ...string) []audit.Evidence {
		var out []audit.Evidence
		for i := 0; i+1 < len(kv); i += 2 {
			out = append(out, audit.Evidence{Key: kv[i], Values: []string{kv[i+1]}})
		}
		return out
	}
	id := func(req, check, sw, port string) string { return req + "/" + check + "/" + sw + "/" + port }
	var findings []audit.Finding
	add := func(f audit.Finding) { findings = append(findings, f) }

	for _, sw := range []string{demoSW1, demoSW2} {
		add(audit.Finding{ID: id("L1", "snmp", sw, ""), Requirement: "L1", Check: "snmp", Status: audit.StatusPass, Switch: sw,
			Message:  audit.Text{FR: "Le switch répond en SNMP : il est administrable.", EN: "The switch answers SNMP: it is managed."},
			Evidence: ev("source", "snmp")})
		add(audit.Finding{ID: id("L3", "qbridge", sw, ""), Requirement: "L3", Check: "qbridge", Status: audit.StatusPass, Switch: sw,
			Message:  audit.Text{FR: "Table des VLAN 802.1Q lue.", EN: "802.1Q VLAN table read."},
			Evidence: ev("vlans", "3")})
	}
	add(audit.Finding{ID: id("L2", "poe-off", demoSW2, "7"), Requirement: "L2", Check: "poe-off", Status: audit.StatusFail, Switch: demoSW2, Port: "7",
		Message:  audit.Text{FR: "Téléphone sur un port dont le PoE est désactivé.", EN: "Phone on a port with PoE disabled."},
		Evidence: ev("poeAdmin", "disabled", "phoneNeighbor", "SEP0C1167A1B2C9"),
		Fix:      []audit.Change{{Kind: audit.ChangeEnablePoE, Switch: demoSW2, Port: "7"}}})
	add(audit.Finding{ID: id("L2", "budget", demoSW1, ""), Requirement: "L2", Check: "budget", Status: audit.StatusPass, Switch: demoSW1,
		Message:  audit.Text{FR: "Budget PoE suffisant : 591,4 W de marge, soit 84 téléphones.", EN: "PoE budget sufficient: 591.4 W headroom, 84 phones."},
		Evidence: ev("budgetW", "740", "consumptionW", "148.6")})
	add(audit.Finding{ID: id("L8", "voice-vlan-missing", demoSW2, ""), Requirement: "L8", Check: "voice-vlan-missing", Status: audit.StatusFail, Switch: demoSW2,
		Message:  audit.Text{FR: "Le VLAN voix 20 du site n'existe pas sur ce switch.", EN: "The site's voice VLAN 20 does not exist on this switch."},
		Evidence: ev("siteVoiceVlan", "20", "vlans", "1, 10"),
		Fix:      []audit.Change{{Kind: audit.ChangeCreateVLAN, Switch: demoSW2, VLAN: 20, Name: "VOIX", Voice: true}}})
	for _, port := range []string{"5", "6"} {
		add(audit.Finding{ID: id("L4", "not-hybrid", demoSW2, port), Requirement: "L4", Check: "not-hybrid", Status: audit.StatusFail, Switch: demoSW2, Port: port,
			Message:  audit.Text{FR: "Port de téléphone sans VLAN voix taggué : il n'est pas hybride.", EN: "Phone port without the voice VLAN tagged: it is not hybrid."},
			Evidence: ev("untaggedVlans", "10", "taggedVlans", ""),
			Fix: []audit.Change{
				{Kind: audit.ChangeSetPortMode, Switch: demoSW2, Port: port, Mode: audit.PortModeHybrid, TaggedVLANs: []int{20}},
				{Kind: audit.ChangeSetVoiceVLAN, Switch: demoSW2, Port: port, VLAN: 20},
			}})
		add(audit.Finding{ID: id("L5", "med-policy-off", demoSW2, port), Requirement: "L5", Check: "med-policy-off", Status: audit.StatusFail, Switch: demoSW2, Port: port,
			Message:  audit.Text{FR: "Aucune politique LLDP-MED voix annoncée aux téléphones.", EN: "No LLDP-MED voice policy advertised to the phones."},
			Evidence: ev("medPolicies", "0"),
			Fix: []audit.Change{{Kind: audit.ChangeEnableMEDPolicy, Switch: demoSW2, Port: port,
				Policy: &audit.MEDPolicy{Application: "voice", VLAN: 20, Tagged: true, Priority: 5, DSCP: 46}}}})
	}
	add(audit.Finding{ID: id("L7", "cascade", demoSW1, "Gi1/0/14"), Requirement: "L7", Check: "cascade", Status: audit.StatusFail, Switch: demoSW1, Port: "Gi1/0/14",
		Message:  audit.Text{FR: "Deux téléphones derrière la même prise : cascade interdite.", EN: "Two telephones behind one outlet: cascade forbidden."},
		Evidence: []audit.Evidence{{Key: "phones", Values: []string{"SEP0C1167A1B2C3", "SEP0C1167D4E5F6"}}}})
	add(audit.Finding{ID: id("L7", "unmanaged", demoSW1, "Gi1/0/30"), Requirement: "L7", Check: "unmanaged", Status: audit.StatusWarn, Switch: demoSW1, Port: "Gi1/0/30",
		Message:  audit.Text{FR: "8 adresses MAC sans voisin LLDP : switch non administrable ou hub probable.", EN: "8 MAC addresses and no LLDP neighbour: likely an unmanaged switch or hub."},
		Evidence: ev("macs", "8", "neighbors", "0")})
	add(audit.Finding{ID: id("L10", "speed", demoSW1, "Gi1/0/22"), Requirement: "L10", Check: "speed", Status: audit.StatusFail, Switch: demoSW1, Port: "Gi1/0/22",
		Message:  audit.Text{FR: "Téléphone à 10 Mb/s en half duplex : câblage ou cordon à contrôler.", EN: "Phone at 10 Mb/s half duplex: check the cabling or patch cord."},
		Evidence: ev("speedMbps", "10", "duplex", "half")})
	add(audit.Finding{ID: id("L10", "labels", "", ""), Requirement: "L10", Check: "labels", Status: audit.StatusManual,
		Message: audit.Text{FR: "Étiquetage des prises à vérifier sur place.", EN: "Outlet labels to check on site."}})
	add(audit.Finding{ID: id("L9", "softphones", "", ""), Requirement: "L9", Check: "softphones", Status: audit.StatusPass,
		Message: audit.Text{FR: "Aucun PC ni softphone dans le VLAN voix.", EN: "No PC or softphone in the voice VLAN."}})
	add(audit.Finding{ID: id("D1", "dhcp-data", "", ""), Requirement: "D1", Check: "dhcp-data", Status: audit.StatusPass,
		Message:  audit.Text{FR: "Un serveur DHCP répond dans le VLAN data.", EN: "One DHCP server answers in the data VLAN."},
		Evidence: ev("dhcpOffers", "10.20.10.1 offers 10.20.10.57 in 10.20.10.0/24")})
	add(audit.Finding{ID: id("D2", "dhcp-voice", "", ""), Requirement: "D2", Check: "dhcp-voice", Status: audit.StatusPass,
		Message:  audit.Text{FR: "Le VLAN voix 20 a son serveur DHCP, dans un autre plan d'adressage.", EN: "Voice VLAN 20 has its DHCP server, in another address plan."},
		Evidence: ev("dhcpOffers", "10.20.20.1 offers 10.20.20.31 in 10.20.20.0/24")})
	add(audit.Finding{ID: id("D4", "two-servers", "", "vlan 20"), Requirement: "D4", Check: "two-servers", Status: audit.StatusFail,
		Message:  audit.Text{FR: "Deux serveurs DHCP répondent dans le VLAN voix 20 : les postes recevront des options incomplètes.", EN: "Two DHCP servers answer in voice VLAN 20: phones will get incomplete options."},
		Evidence: []audit.Evidence{{Key: "dhcpOffers", Values: []string{"10.20.20.1", "10.20.20.250"}}}})
	add(audit.Finding{ID: id("D5", "dns", "", ""), Requirement: "D5", Check: "dns", Status: audit.StatusPass,
		Message: audit.Text{FR: "Les domaines du service se résolvent par le DNS offert.", EN: "The service's domains resolve through the offered DNS."}})
	add(audit.Finding{ID: id("T", "gateway", "", ""), Requirement: "T", Check: "gateway", Status: audit.StatusPass,
		Message:  audit.Text{FR: "Passerelle : latence 0,3 ms, gigue 0,2 ms, perte 0 %.", EN: "Gateway: latency 0.3 ms, jitter 0.2 ms, loss 0%."},
		Evidence: ev("transport", "10.20.10.1: one-way 0.3 ms, jitter 0.2 ms, loss 0%")})
	add(audit.Finding{ID: id("W", "wan", "", ""), Requirement: "W", Check: "wan", Status: audit.StatusFail,
		Message:  audit.Text{FR: "L'accès SDSL 2M écoule 10 canaux voix ; le site en demande 27.", EN: "The SDSL 2M access carries 10 voice channels; the site needs 27."},
		Evidence: ev("channels", "27", "wanMaxChannels", "10", "wan", "sdsl 2048/2048 kbit/s")})
	add(audit.Finding{ID: id("F", "firewall", "", ""), Requirement: "F", Check: "firewall", Status: audit.StatusManual,
		Message: audit.Text{FR: "Ouvertures du pare-feu à vérifier sur la liste.", EN: "Firewall openings to check against the list."}})

	sz, err := sizing.Compute(sizing.Input{Users: 100, WAN: &sizing.WAN{Access: sizing.AccessSDSL, UpKbps: 2048, DownKbps: 2048}})
	if err != nil {
		panic(err) // fixed inputs: cannot fail
	}
	roles := []audit.PortRole{}
	role := func(sw, port string, r audit.Role, phones int, e ...string) {
		roles = append(roles, audit.PortRole{Switch: sw, Port: port, Role: r, Phones: phones, Evidence: ev(e...)})
	}
	for i := 1; i <= 26; i++ {
		switch {
		case i == 14:
			role(demoSW1, "Gi1/0/14", audit.RolePhonePC, 2, "phones", "2")
		case i <= 16:
			role(demoSW1, fmt.Sprintf("Gi1/0/%d", i), audit.RolePhonePC, 1, "phoneNeighbor", "SEP0C1167A1B2C3", "macs", "2")
		case i <= 22:
			role(demoSW1, fmt.Sprintf("Gi1/0/%d", i), audit.RolePhone, 1, "phoneNeighbor", "SEP0C1167A1B2C3")
		case i <= 24:
			role(demoSW1, fmt.Sprintf("Gi1/0/%d", i), audit.RoleAccessPoint, 0, "accessPointNeighbor", "AP-3F-01")
		default:
			role(demoSW1, fmt.Sprintf("Gi1/0/%d", i), audit.RolePC, 0, "macs", "1")
		}
	}
	role(demoSW1, "Gi1/0/30", audit.RoleUnmanagedSwitch, 0, "macs", "8")
	role(demoSW1, "Te1/1/1", audit.RoleUplink, 0, "infraNeighbor", "lyo-pdu-sw1")
	for i := 1; i <= 12; i++ {
		r := audit.RolePhone
		if i > 10 {
			r = audit.RolePC
		}
		role(demoSW2, fmt.Sprint(i), r, 1, "phoneNeighbor", "SEP0C1167A1B2C3")
	}
	role(demoSW2, "25", audit.RoleUplink, 0, "infraNeighbor", "lyo-pdu-sw1")

	r := &audit.Result{
		Schema: audit.Schema, Site: "Agence Lyon Part-Dieu", Profile: "wte",
		Engineering: audit.EngineeringVoiceVLAN, EngineeringSource: "inventory",
		Verdict: audit.VerdictFail, TakenAt: demoTime, Findings: findings, Ports: roles, Sizing: sz,
	}
	r.Normalize()
	return r
}

// demoApplied is what `voxlan apply -o json` wrote after pushing the
// plan to the second switch (AOS-S lines), one line rejected at first and
// the plan completed.
func demoApplied() *apply.Record {
	return &apply.Record{
		Schema: apply.RecordSchema,
		Reports: []*apply.Report{{
			Switch: demoSW2, Platform: "aruba_aoss", Outcome: "applied and saved", Saved: true,
			Backup: "/root/.local/state/voxlan/backups/10.20.0.12-20261123T101600Z.cfg",
			Sent: []drivers.LineResult{
				{Line: "vlan 20"}, {Line: `name "VOIX"`}, {Line: "voice"}, {Line: "tagged 5-6"}, {Line: "exit"},
				{Line: "lldp config 5-6 medTlvEnable network-policy"},
				{Line: "interface 7"}, {Line: "power-over-ethernet"}, {Line: "exit"},
			},
			Mismatches: []drivers.Mismatch{},
			Residual:   []drivers.Mismatch{},
			Ports: []apply.PortReport{
				{Port: "5", Status: "as planned", State: "untagged 10, tagged 20, LLDP-MED voice VLAN 20 priority 5 DSCP 46"},
				{Port: "6", Status: "as planned", State: "untagged 10, tagged 20, LLDP-MED voice VLAN 20 priority 5 DSCP 46"},
				{Port: "7", Status: "as planned", State: "untagged 10, PoE enabled"},
			},
			Refused: []apply.Refusal{{Port: "25", Reason: "uplink: LLDP neighbour lyo-pdu-sw1 is a bridge/router"}},
		}},
		Errors: []apply.SwitchError{},
	}
}

// demoFirewall is the wte profile's matrix (STAS 2.6.2).
func demoFirewall() []FirewallRule {
	p, err := profile.Builtin("wte")
	if err != nil {
		panic(err) // embedded profile: cannot fail
	}
	return FirewallFromProfile(p)
}

func demoInput() Input {
	return Input{
		Result: demoResult(), Snapshot: demoSnapshot(), Applied: demoApplied(), Firewall: demoFirewall(),
		Meta: Meta{Address: "12 rue de la Villette, 69003 Lyon", RunBy: "Amélie Durand (Intégrateur SAS)", GeneratedAt: demoTime.Add(2 * time.Hour)},
	}
}
