package clisim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// VRP outputs: `display current-configuration` in the V200R form
// drivers/huawei_vrp reads, `display port vlan`, `display interface brief`
// and `display lldp neighbor` in the layout of the real samples in
// drivers/huawei_vrp/testdata/ntc (ntc-templates).

func (d *VRP) currentConfig() string {
	var b strings.Builder
	b.WriteString("!Software Version V200R011C10SPC500\n#\n sysname " + d.Hostname + "\n#\n")
	var batch []int
	for _, id := range sortedKeys(d.vlans) {
		if id != 1 {
			batch = append(batch, id)
		}
	}
	if len(batch) > 0 {
		fmt.Fprintf(&b, "vlan batch %s\n#\n", cwList(batch))
	}
	if d.lldpOn {
		b.WriteString(" lldp enable\n#\n")
	}
	for _, id := range sortedKeys(d.vlans) {
		if n := d.vlans[id]; n != "" {
			fmt.Fprintf(&b, "vlan %d\n name %s\n#\n", id, n)
		}
	}
	for _, id := range sortedKeys(d.svis) {
		fmt.Fprintf(&b, "interface Vlanif%d\n ip address %s\n#\n", id, d.svis[id])
	}
	for _, p := range d.ports {
		fmt.Fprintf(&b, "interface %s\n", p.Name)
		if p.Descr != "" {
			fmt.Fprintf(&b, " description %s\n", p.Descr)
		}
		fmt.Fprintf(&b, " port link-type %s\n", p.LinkType)
		if p.Voice != 0 {
			fmt.Fprintf(&b, " voice-vlan %d enable\n", p.Voice)
		}
		switch p.LinkType {
		case "trunk":
			if p.PVID > 1 {
				fmt.Fprintf(&b, " port trunk pvid vlan %d\n", p.PVID)
			}
			if !slices.Contains(p.Allow, 1) {
				b.WriteString(" undo port trunk allow-pass vlan 1\n")
			}
			if others := deleteInt(p.Allow, 1); len(others) > 0 {
				fmt.Fprintf(&b, " port trunk allow-pass vlan %s\n", cwList(others))
			}
		case "hybrid":
			if p.PVID > 1 {
				fmt.Fprintf(&b, " port hybrid pvid vlan %d\n", p.PVID)
			}
			if len(p.Tagged) > 0 {
				fmt.Fprintf(&b, " port hybrid tagged vlan %s\n", cwList(p.Tagged))
			}
			if u := deleteInt(p.Untagged, 1); len(u) > 0 {
				fmt.Fprintf(&b, " port hybrid untagged vlan %s\n", cwList(u))
			}
			if !slices.Contains(p.Untagged, 1) && !slices.Contains(p.Tagged, 1) {
				b.WriteString(" undo port hybrid vlan 1\n")
			}
		default:
			if p.Access > 1 {
				fmt.Fprintf(&b, " port default vlan %d\n", p.Access)
			}
		}
		if p.Shutdown {
			b.WriteString(" shutdown\n")
		}
		if p.MED != nil {
			fmt.Fprintf(&b, " lldp tlv-enable med-tlv network-policy voice-vlan vlan %d cos %d dscp %d\n", p.MED[0], p.MED[1], p.MED[2])
		}
		switch {
		case p.LLDPTxOff && p.LLDPRxOff:
			b.WriteString(" lldp admin-status disable\n")
		case p.LLDPTxOff:
			b.WriteString(" lldp admin-status rx\n")
		case p.LLDPRxOff:
			b.WriteString(" lldp admin-status tx\n")
		}
		if p.PoEOff {
			b.WriteString(" undo poe enable\n")
		}
		b.WriteString("#\n")
	}
	b.WriteString("user-interface con 0\n authentication-mode aaa\n#\nreturn\n")
	return b.String()
}

func (d *VRP) displayVersion() string {
	return "Huawei Versatile Routing Platform Software\nVRP (R) software, Version 5.170 (S5720 V200R011C10SPC500)\n" +
		"Copyright (C) 2000-2018 HUAWEI TECH Co., Ltd.\nHUAWEI S5720-52X-PWR-SI-AC Routing Switch uptime is 0 week, 2 days, 3 hours, 14 minutes\n"
}

// vrpRanges writes VLANs as display port vlan does: "1 250-255 300".
func vrpRanges(ids []int) string {
	return strings.ReplaceAll(intList(ids), ",", " ")
}

func (d *VRP) displayPortVLAN() string {
	var b strings.Builder
	b.WriteString("Port                        Link Type    PVID  Trunk VLAN List\n" + strings.Repeat("-", 79) + "\n")
	for _, p := range d.ports {
		pvid, list := p.PVID, "-"
		switch p.LinkType {
		case "access":
			pvid = p.Access
		case "trunk":
			list = vrpRanges(p.Allow)
		case "hybrid":
			list = vrpRanges(addInts(append([]int(nil), p.Untagged...), p.Tagged...))
		}
		fmt.Fprintf(&b, "%-27s %-12s %-5d %s\n", p.Name, p.LinkType, pvid, list)
	}
	return b.String()
}

func (d *VRP) displayBrief() string {
	var b strings.Builder
	b.WriteString("PHY: Physical\n*down: administratively down\n(l): loopback\n(s): spoofing\n" +
		"InUti/OutUti: input utility/output utility\n" +
		"Interface                   PHY   Protocol  InUti OutUti   inErrors  outErrors\n")
	for _, p := range d.ports {
		phy, proto := "down", "down"
		switch {
		case p.Shutdown:
			phy = "*down"
		case p.Neighbor != nil:
			phy, proto = "up", "up"
		}
		fmt.Fprintf(&b, "%-27s %-5s %-8s %6s %6s %10d %10d\n", p.Name, phy, proto, "0%", "0%", 0, 0)
	}
	return b.String()
}

func (d *VRP) displayLLDP() string {
	var b strings.Builder
	for _, p := range d.ports {
		n := p.Neighbor
		if n == nil || !d.lldpOn || p.LLDPRxOff {
			continue
		}
		fmt.Fprintf(&b, "%s has 1 neighbor(s):\n\n", p.Name)
		kv := func(k, v string) { fmt.Fprintf(&b, "%-20s:%s\n", k, v) }
		kv("Neighbor index", "1")
		kv("Chassis type", "MAC address")
		kv("Chassis ID", n.ChassisID)
		kv("Port ID type", "Interface name")
		kv("Port ID", n.PortID)
		kv("Port description", n.PortDescr)
		kv("System name", n.SysName)
		kv("System description", n.SysDescr)
		caps := strings.ToLower(strings.ReplaceAll(cxCaps(n.Caps), ",", ""))
		kv("System capabilities supported", caps)
		kv("System capabilities enabled", caps)
		kv("Expired time", "104s")
		b.WriteString("\nPort VLAN ID(PVID)  :" + strconv.Itoa(1) + "\n\n")
	}
	return b.String()
}
