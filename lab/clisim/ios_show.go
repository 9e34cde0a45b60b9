package clisim

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// The show outputs below follow the real IOS 15.2 samples in
// drivers/cisco_ios/testdata/ntc (ntc-templates cisco_ios): same headers, field
// names, column rules and widths. The caller holds d.mu.

func (d *IOS) showVersion() string {
	return fmt.Sprintf(`Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version %s, RELEASE SOFTWARE (fc1)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2020 by Cisco Systems, Inc.

ROM: Bootstrap program is C2960X boot loader

%s uptime is 1 week, 2 days, 3 hours, 4 minutes
System image file is "flash:c2960x-universalk9-mz.152-7.E8.bin"

cisco WS-C2960X-48FPD-L (APM86XXX) processor (revision D0) with 524288K bytes of memory.
48 Gigabit Ethernet interfaces
2 Ten Gigabit Ethernet interfaces

Model number                    : WS-C2960X-48FPD-L
System serial number            : FOC0000X0XX
`, d.Version, d.Hostname)
}

func (d *IOS) vlanName(id int) string {
	if n, ok := d.vlans[id]; ok {
		return n
	}
	return ""
}

func (d *IOS) vlanRef(id int) string {
	if id == 0 {
		id = 1
	}
	if n := d.vlanName(id); n != "" {
		return fmt.Sprintf("%d (%s)", id, n)
	}
	return fmt.Sprintf("%d (Inactive)", id)
}

func (d *IOS) showSwitchport(only string) string {
	var b strings.Builder
	var ports []*IOSPort
	if only != "" {
		p := d.port(only)
		if p == nil {
			return iosInvalid
		}
		ports = []*IOSPort{p}
	} else {
		ports = d.ports
	}
	for _, p := range ports {
		admin, oper, enc := "dynamic auto", "static access", "native"
		switch p.Mode {
		case "access":
			admin = "static access"
		case "trunk":
			admin, oper, enc = "trunk", "trunk", "dot1q"
		}
		voice := "none"
		if p.VoiceVLAN != 0 {
			voice = d.vlanRef(p.VoiceVLAN)
		}
		trunk := "ALL"
		if p.Allowed != nil {
			trunk = intList(p.Allowed)
		}
		fmt.Fprintf(&b, `Name: %s
Switchport: Enabled
Administrative Mode: %s
Operational Mode: %s
Administrative Trunking Encapsulation: dot1q
Operational Trunking Encapsulation: %s
Negotiation of Trunking: Off
Access Mode VLAN: %s
Trunking Native Mode VLAN: %s
Administrative Native VLAN tagging: enabled
Voice VLAN: %s
Administrative private-vlan host-association: none 
Administrative private-vlan mapping: none 
Administrative private-vlan trunk native VLAN: none
Administrative private-vlan trunk Native VLAN tagging: enabled
Administrative private-vlan trunk encapsulation: dot1q
Administrative private-vlan trunk normal VLANs: none
Administrative private-vlan trunk associations: none
Administrative private-vlan trunk mappings: none
Operational private-vlan: none
Trunking VLANs Enabled: %s
Pruning VLANs Enabled: 2-1001
Capture Mode Disabled
Capture VLANs Allowed: ALL

Protected: false
Unknown unicast blocked: disabled
Unknown multicast blocked: disabled
Appliance trust: none

`, p.Short, admin, oper, enc, d.vlanRef(p.AccessVLAN), d.vlanRef(p.NativeVLAN), voice, trunk)
	}
	return b.String()
}

func intList(ids []int) string {
	var parts []string
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", ids[i], ids[j]))
		} else {
			parts = append(parts, strconv.Itoa(ids[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

func (d *IOS) showVLANBrief() string {
	var b strings.Builder
	b.WriteString("\nVLAN Name                             Status    Ports\n")
	b.WriteString("---- -------------------------------- --------- -------------------------------\n")
	ids := make([]int, 0, len(d.vlans))
	for id := range d.vlans {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	for _, id := range ids {
		var members []string
		for _, p := range d.ports {
			v := p.AccessVLAN
			if v == 0 {
				v = 1
			}
			if p.Mode != "trunk" && v == id {
				members = append(members, p.Short)
			}
		}
		fmt.Fprintf(&b, "%-4d %-32s %-9s ", id, d.vlans[id], "active")
		for i := 0; i < len(members); i += 4 {
			if i > 0 {
				b.WriteString("\n" + strings.Repeat(" ", 48))
			}
			b.WriteString(strings.Join(members[i:min(i+4, len(members))], ", "))
			if i+4 < len(members) {
				b.WriteString(",")
			}
		}
		b.WriteString("\n")
	}
	for _, r := range [][2]string{{"1002", "fddi-default"}, {"1003", "token-ring-default"}, {"1004", "fddinet-default"}, {"1005", "trnet-default"}} {
		fmt.Fprintf(&b, "%-4s %-32s %-9s \n", r[0], r[1], "act/unsup")
	}
	return b.String()
}

func (d *IOS) showPowerInline() string {
	var b strings.Builder
	used := 0.0
	on := 0
	type row struct {
		p             *IOSPort
		oper, dev, cl string
		w             float64
	}
	var rows []row
	for _, p := range d.ports {
		if !p.PoE {
			continue
		}
		r := row{p: p, oper: "off", dev: "n/a", cl: "n/a"}
		if p.Neighbor != nil && p.Neighbor.Phone && !p.PoENever && !p.Shutdown {
			r.oper, r.dev, r.cl, r.w = "on", "IP Phone 8841", "2", 6.3
			used += r.w
			on++
		}
		rows = append(rows, r)
	}
	fmt.Fprintf(&b, "\nModule   Available     Used     Remaining\n          (Watts)     (Watts)    (Watts)\n------   ---------   --------   ---------\n")
	fmt.Fprintf(&b, "1           %5.1f      %5.1f       %5.1f\n", 740.0, used, 740.0-used)
	b.WriteString("Interface Admin  Oper       Power   Device              Class Max\n")
	b.WriteString("                            (Watts)\n")
	b.WriteString("--------- ------ ---------- ------- ------------------- ----- ----\n")
	for _, r := range rows {
		admin := "auto"
		if r.p.PoENever {
			admin = "off"
		}
		fmt.Fprintf(&b, "%-9s %-6s %-10s %-7.1f %-19s %-5s %.1f\n", r.p.Short, admin, r.oper, r.w, r.dev, r.cl, 30.0)
	}
	b.WriteString("--------- ------ ---------- ---------- ---------- ------ -----\n")
	fmt.Fprintf(&b, "Totals:          %d   on    %.1f\n", on, used)
	return b.String()
}

func (d *IOS) showLLDPDetail() string {
	if !d.lldpRun {
		return "% LLDP is not enabled\n"
	}
	var b strings.Builder
	n := 0
	for _, p := range d.ports {
		nb := p.Neighbor
		if nb == nil || p.LLDPRxOff || p.Shutdown {
			continue
		}
		n++
		b.WriteString("------------------------------------------------\n")
		fmt.Fprintf(&b, "Local Intf: %s\nChassis id: %s\nPort id: %s\nPort Description: %s\nSystem Name: %s\n\nSystem Description:\n%s\n\n",
			p.Short, nb.ChassisID, nb.PortID, nb.PortDescr, nb.SysName, nb.SysDescr)
		fmt.Fprintf(&b, "Time remaining: 115 seconds\nSystem Capabilities: %s\nEnabled Capabilities: %s\nManagement Addresses - not advertised\n", nb.Caps, nb.Caps)
		b.WriteString("Auto Negotiation - supported, enabled\nPhysical media capabilities:\n    1000baseT(FD)\n    100base-TX(FD)\nMedia Attachment Unit type: 30\n")
		fmt.Fprintf(&b, "Vlan ID: %d\n", max(p.AccessVLAN, 1))
		if nb.Phone {
			b.WriteString("\nMED Information:\n\n    MED Codes:\n          (NP) Network Policy, (LI) Location Identification\n          (PS) Power Source Entity, (PD) Power Device\n          (IN) Inventory\n\n")
			b.WriteString("    Manufacturer: Cisco Systems, Inc.\n    Model: CP-8841\n    Capabilities: NP, PD, IN\n    Device type: Endpoint Class III\n")
			if pr := d.profiles[p.Profile]; pr != nil && p.Profile != 0 {
				fmt.Fprintf(&b, "    Network Policy(Voice): VLAN %d, tagged, Layer-2 priority: %d, DSCP: %d\n", pr.VoiceVLAN, pr.CoS, pr.DSCP)
			}
			b.WriteString("    PD device, Power source: PSE, Power Priority: High, Wattage: 6.3\n    Location - not advertised\n")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "\nTotal entries displayed: %d\n", n)
	return b.String()
}

func (d *IOS) runningConfig() string {
	var b strings.Builder
	b.WriteString("!\nversion 15.2\nno service pad\nservice timestamps debug datetime msec\nservice password-encryption\n!\n")
	fmt.Fprintf(&b, "hostname %s\n!\nboot-start-marker\nboot-end-marker\n!\nusername admin privilege 15 secret 9 $9$REDACTEDREDACTED\n!\n", d.Hostname)
	ids := make([]int, 0, len(d.vlans))
	for id := range d.vlans {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	for _, id := range ids {
		if id == 1 {
			continue
		}
		fmt.Fprintf(&b, "vlan %d\n name %s\n!\n", id, d.vlans[id])
	}
	if d.archivePath != "" {
		fmt.Fprintf(&b, "archive\n path %s\n!\n", d.archivePath)
	}
	if d.lldpRun {
		b.WriteString("lldp run\n!\n")
	}
	pids := make([]int, 0, len(d.profiles))
	for id := range d.profiles {
		pids = append(pids, id)
	}
	sort.Ints(pids)
	for _, id := range pids {
		pr := d.profiles[id]
		fmt.Fprintf(&b, "network-policy profile %d\n", id)
		if pr.VoiceVLAN != 0 {
			fmt.Fprintf(&b, " voice vlan %d cos %d\n voice vlan %d dscp %d\n", pr.VoiceVLAN, pr.CoS, pr.VoiceVLAN, pr.DSCP)
		}
		b.WriteString("!\n")
	}
	for _, p := range d.ports {
		b.WriteString(d.interfaceSection(p))
	}
	fmt.Fprintf(&b, "interface Vlan99\n ip address %s 255.255.255.0\n!\nip default-gateway 198.18.0.1\n!\nline vty 0 15\n transport input ssh\n!\nend\n", d.mgmtIP)
	body := b.String()
	return fmt.Sprintf("Building configuration...\n\nCurrent configuration : %d bytes\n%s", len(body), body)
}

func (d *IOS) interfaceSection(p *IOSPort) string {
	var b strings.Builder
	fmt.Fprintf(&b, "interface %s\n", p.Name)
	if p.Description != "" {
		fmt.Fprintf(&b, " description %s\n", p.Description)
	}
	if p.AccessVLAN > 1 {
		fmt.Fprintf(&b, " switchport access vlan %d\n", p.AccessVLAN)
	}
	if p.NativeVLAN > 1 {
		fmt.Fprintf(&b, " switchport trunk native vlan %d\n", p.NativeVLAN)
	}
	if p.Allowed != nil {
		fmt.Fprintf(&b, " switchport trunk allowed vlan %s\n", intList(p.Allowed))
	}
	if p.Mode != "" {
		fmt.Fprintf(&b, " switchport mode %s\n", p.Mode)
	}
	if p.VoiceVLAN != 0 {
		fmt.Fprintf(&b, " switchport voice vlan %d\n", p.VoiceVLAN)
	}
	if p.Profile != 0 {
		fmt.Fprintf(&b, " network-policy %d\n", p.Profile)
	}
	if p.PoENever {
		b.WriteString(" power inline never\n")
	}
	if p.LLDPTxOff {
		b.WriteString(" no lldp transmit\n")
	}
	if p.LLDPRxOff {
		b.WriteString(" no lldp receive\n")
	}
	if p.Shutdown {
		b.WriteString(" shutdown\n")
	}
	if p.Mode == "access" {
		b.WriteString(" spanning-tree portfast\n")
	}
	b.WriteString("!\n")
	return b.String()
}

func (d *IOS) runningInterface(name string) string {
	p := d.port(name)
	if p == nil {
		return iosInvalid
	}
	body := "!\n" + d.interfaceSection(p) + "end\n"
	return fmt.Sprintf("Building configuration...\n\nCurrent configuration : %d bytes\n%s", len(body), body)
}

// showCDPDetail follows the IOS 15 `show cdp neighbors detail` samples. CDP
// is on by default on IOS (LLDP is not).
func (d *IOS) showCDPDetail() string {
	var b strings.Builder
	for _, p := range d.ports {
		nb := p.Neighbor
		if nb == nil || p.Shutdown {
			continue
		}
		platform, caps := "cisco C9300-48P", "Switch IGMP"
		switch {
		case nb.Phone:
			platform, caps = "Cisco IP Phone 8841", "Host Phone Two-port Mac Relay"
		case strings.Contains(nb.Caps, "R"):
			caps = "Router Switch IGMP"
		}
		fmt.Fprintf(&b, "-------------------------\nDevice ID: %s\nEntry address(es):\nPlatform: %s,  Capabilities: %s\n", nb.SysName, platform, caps)
		fmt.Fprintf(&b, "Interface: %s,  Port ID (outgoing port): %s\nHoldtime : 152 sec\n\nVersion :\n%s\n\n", p.Name, nb.PortDescr, nb.SysDescr)
		fmt.Fprintf(&b, "advertisement version: 2\nNative VLAN: %d\nDuplex: full\nManagement address(es):\n\n", max(p.AccessVLAN, 1))
	}
	return b.String()
}
