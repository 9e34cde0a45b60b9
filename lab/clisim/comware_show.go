package clisim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Comware outputs: `display current-configuration` in the Comware 7 form
// drivers/hp_comware reads, `display vlan all`, `display interface brief`
// and `display lldp neighbor-information verbose|list` in the layout of
// the real samples in drivers/hp_comware/testdata/ntc (ntc-templates).

// cwList writes VLANs as Comware does: "10 20 to 23".
func cwList(ids []int) string {
	var parts []string
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, strconv.Itoa(ids[i])+" to "+strconv.Itoa(ids[j]))
		} else {
			parts = append(parts, strconv.Itoa(ids[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, " ")
}

func (d *Comware) currentConfig() string {
	var b strings.Builder
	b.WriteString("#\n version 7.1.070, Release 3208P15\n#\n sysname " + d.Hostname + "\n#\n")
	if d.lldpOn {
		b.WriteString(" lldp global enable\n#\n")
	}
	for _, id := range sortedKeys(d.vlans) {
		fmt.Fprintf(&b, "vlan %d\n", id)
		if n := d.vlans[id]; n != "" {
			fmt.Fprintf(&b, " name %s\n", n)
		}
		b.WriteString("#\n")
	}
	for _, id := range sortedKeys(d.svis) {
		fmt.Fprintf(&b, "interface Vlan-interface%d\n ip address %s\n#\n", id, d.svis[id])
	}
	for _, p := range d.ports {
		fmt.Fprintf(&b, "interface %s\n port link-mode bridge\n", p.Name)
		if p.Descr != "" {
			fmt.Fprintf(&b, " description %s\n", p.Descr)
		}
		switch p.LinkType {
		case "trunk":
			b.WriteString(" port link-type trunk\n")
			if !slices.Contains(p.Permit, 1) {
				b.WriteString(" undo port trunk permit vlan 1\n")
			}
			if len(p.Permit) == 4094 {
				b.WriteString(" port trunk permit vlan all\n")
			} else if others := deleteInt(p.Permit, 1); len(others) > 0 {
				fmt.Fprintf(&b, " port trunk permit vlan %s\n", cwList(others))
			}
			if p.PVID > 1 {
				fmt.Fprintf(&b, " port trunk pvid vlan %d\n", p.PVID)
			}
		case "hybrid":
			b.WriteString(" port link-type hybrid\n")
			if !slices.Contains(p.Untagged, 1) && !slices.Contains(p.Tagged, 1) {
				b.WriteString(" undo port hybrid vlan 1\n")
			}
			if len(p.Tagged) > 0 {
				fmt.Fprintf(&b, " port hybrid vlan %s tagged\n", cwList(p.Tagged))
			}
			if u := deleteInt(p.Untagged, 1); len(u) > 0 {
				fmt.Fprintf(&b, " port hybrid vlan %s untagged\n", cwList(u))
			}
			if p.PVID > 1 {
				fmt.Fprintf(&b, " port hybrid pvid vlan %d\n", p.PVID)
			}
		default:
			if p.Access > 1 {
				fmt.Fprintf(&b, " port access vlan %d\n", p.Access)
			}
		}
		if p.Shutdown {
			b.WriteString(" shutdown\n")
		}
		if p.CoS >= 0 {
			fmt.Fprintf(&b, " voice-vlan qos %d %d\n", p.CoS, p.DSCP)
		}
		if p.Manual {
			b.WriteString(" undo voice-vlan mode auto\n")
		}
		if p.Voice != 0 {
			fmt.Fprintf(&b, " voice-vlan %d enable\n", p.Voice)
		}
		switch {
		case p.LLDPTxOff && p.LLDPRxOff:
			b.WriteString(" lldp admin-status disable\n")
		case p.LLDPTxOff:
			b.WriteString(" lldp admin-status rx\n")
		case p.LLDPRxOff:
			b.WriteString(" lldp admin-status tx\n")
		}
		if p.MEDOff {
			b.WriteString(" undo lldp tlv-enable med-tlv network-policy\n")
		}
		if p.PoEOn {
			b.WriteString(" poe enable\n")
		}
		b.WriteString("#\n")
	}
	b.WriteString(" line class aux\n user-role network-admin\n#\nreturn\n")
	return b.String()
}

func (d *Comware) displayVersion() string {
	return "HPE Comware Software, Version 7.1.070, Release 3208P15\n" +
		"Copyright (c) 2010-2017 Hewlett Packard Enterprise Development LP\n" +
		"HPE 5130-48G-PoE+-4SFP+ (370W) EI Switch uptime is 0 weeks, 2 days, 3 hours, 14 minutes\n" +
		"Last reboot reason : Cold reboot\n"
}

// cwShort is a port's name as brief outputs write it ("GE1/0/1").
func cwShort(name string) string {
	if rest, ok := strings.CutPrefix(name, "Ten-GigabitEthernet"); ok {
		return "XGE" + rest
	}
	if rest, ok := strings.CutPrefix(name, "GigabitEthernet"); ok {
		return "GE" + rest
	}
	return name
}

func (d *Comware) members(id int) (tagged, untagged []string) {
	for _, p := range d.ports {
		switch p.LinkType {
		case "trunk":
			if slices.Contains(p.Permit, id) {
				if id == p.PVID {
					untagged = append(untagged, p.Name)
				} else {
					tagged = append(tagged, p.Name)
				}
			}
		case "hybrid":
			if slices.Contains(p.Untagged, id) {
				untagged = append(untagged, p.Name)
			} else if slices.Contains(p.Tagged, id) {
				tagged = append(tagged, p.Name)
			}
		default:
			if p.Access == id {
				untagged = append(untagged, p.Name)
			}
		}
	}
	return tagged, untagged
}

func (d *Comware) displayVLANAll() string {
	var b strings.Builder
	list := func(key string, ports []string) {
		if len(ports) == 0 {
			fmt.Fprintf(&b, " %s None\n", key)
			return
		}
		fmt.Fprintf(&b, " %s\n", key)
		for i := 0; i < len(ports); i += 2 {
			b.WriteString("    " + fmt.Sprintf("%-30s", ports[i]))
			if i+1 < len(ports) {
				b.WriteString(fmt.Sprintf("%-30s", ports[i+1]))
			}
			b.WriteString("\n")
		}
	}
	for _, id := range sortedKeys(d.vlans) {
		name := d.vlans[id]
		if name == "" {
			name = fmt.Sprintf("VLAN %04d", id)
		}
		fmt.Fprintf(&b, " VLAN ID: %d\n VLAN type: Static\n", id)
		if a, ok := d.svis[id]; ok {
			ip, mask, _ := strings.Cut(a, " ")
			fmt.Fprintf(&b, " Route interface: Configured\n IPv4 address: %s\n IPv4 subnet mask: %s\n", ip, mask)
		} else {
			b.WriteString(" Route interface: Not configured\n")
		}
		fmt.Fprintf(&b, " Description: %s\n Name: %s\n", name, name)
		tagged, untagged := d.members(id)
		list("Tagged ports:  ", tagged)
		list("Untagged ports:", untagged)
		b.WriteString("\n")
	}
	return b.String()
}

func (d *Comware) displayBrief() string {
	var b strings.Builder
	b.WriteString("Brief information on interfaces in bridge mode:\nLink: ADM - administratively down; Stby - standby\n" +
		"Speed: (a) - auto\nDuplex: (a)/A - auto; H - half; F - full\nType: A - access; T - trunk; H - hybrid\n" +
		"Interface            Link Speed     Duplex Type PVID Description\n")
	for _, p := range d.ports {
		link, speed, duplex := "DOWN", "auto", "A"
		switch {
		case p.Shutdown:
			link = "ADM"
		case p.Neighbor != nil:
			link, speed, duplex = "UP", "1G(a)", "F(a)"
		}
		pvid := p.Access
		if p.LinkType != "access" {
			pvid = p.PVID
		}
		fmt.Fprintf(&b, "%-20s %-4s %-9s %-6s %-4s %-4d %s\n", cwShort(p.Name), link, speed, duplex,
			strings.ToUpper(p.LinkType[:1]), pvid, p.Descr)
	}
	return b.String()
}

func (d *Comware) lldpPorts() []*CWPort {
	var out []*CWPort
	for _, p := range d.ports {
		if p.Neighbor != nil && d.lldpOn && !p.LLDPRxOff {
			out = append(out, p)
		}
	}
	return out
}

func (d *Comware) displayLLDPVerbose() string {
	var b strings.Builder
	for i, p := range d.lldpPorts() {
		n := p.Neighbor
		fmt.Fprintf(&b, "LLDP neighbor-information of port %d[%s]:\nLLDP agent nearest-bridge:\n", i+1, p.Name)
		kv := func(k, v string) { fmt.Fprintf(&b, " %-20s: %s\n", k, v) }
		kv("LLDP neighbor index", "1")
		kv("Update time", "0 days, 1 hours, 2 minutes, 3 seconds")
		kv("Chassis type", "MAC address")
		kv("Chassis ID", n.ChassisID)
		kv("Port ID type", "Interface name")
		kv("Port ID", n.PortID)
		kv("Time to live", "120")
		kv("Port description", n.PortDescr)
		kv("System name", n.SysName)
		kv("System description", n.SysDescr)
		fmt.Fprintf(&b, " System capabilities supported : %s\n System capabilities enabled   : %s\n\n", cxCaps(n.Caps), cxCaps(n.Caps))
	}
	return b.String()
}

func (d *Comware) displayLLDPList() string {
	var b strings.Builder
	b.WriteString("Chassis ID : * -- -- Nearest nontpmr bridge neighbor\n             # -- -- Nearest customer bridge neighbor\n" +
		"             Default -- -- Nearest bridge neighbor\n")
	fmt.Fprintf(&b, "%-20s %-15s %-15s %s\n", "System Name", "Local Interface", "Chassis ID", "Port ID")
	for _, p := range d.lldpPorts() {
		fmt.Fprintf(&b, "%-20s %-15s %-15s %s\n", p.Neighbor.SysName, cwShort(p.Name), p.Neighbor.ChassisID, p.Neighbor.PortID)
	}
	return b.String()
}
