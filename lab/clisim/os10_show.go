package clisim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Show outputs of the OS10 emulator, in the layouts of real OS10 outputs
// published with their tools: `show lldp neighbors` as in
// intel/mfd-switchmanagement's tests (copied into
// drivers/dell_os10/testdata), `show vlan` and `show interface status` as
// in public OS10 how-tos, `show lldp neighbors detail` as the OS10 User
// Guide prints it. drivers/dell_os10 reads every one back in the tests.

func (d *OS10) runningConfig() string {
	st := d.st
	var b strings.Builder
	fmt.Fprintf(&b, "! Version %s\n! Last configuration change at Dec  05 18:00:00 2026\n!\nip vrf default\n!\n", d.Release)
	fmt.Fprintf(&b, "hostname %s\n", st.Hostname)
	if st.LLDPOff {
		b.WriteString("no lldp enable\n")
	}
	for _, n := range sortedKeys(st.Policies) {
		p := st.Policies[n]
		typ := "untag"
		if p.Tagged {
			typ = "tag"
		}
		fmt.Fprintf(&b, "lldp med network-policy %d app %s vlan %d vlan-type %s priority %d dscp %d\n", n, p.App, p.VLAN, typ, p.Priority, p.DSCP)
	}
	b.WriteString("!\n")
	for _, id := range sortedKeys(st.VLANs) {
		v := st.VLANs[id]
		fmt.Fprintf(&b, "interface vlan%d\n", id)
		if v.Descr != "" {
			fmt.Fprintf(&b, " description %s\n", v.Descr)
		}
		b.WriteString(" no shutdown\n")
		if v.Address != "" {
			fmt.Fprintf(&b, " ip address %s\n", v.Address)
		}
		b.WriteString("!\n")
	}
	for _, p := range st.Ports {
		fmt.Fprintf(&b, "interface %s\n", p.Name)
		if p.Descr != "" {
			fmt.Fprintf(&b, " description %s\n", p.Descr)
		}
		if p.Shutdown {
			b.WriteString(" shutdown\n")
		} else {
			b.WriteString(" no shutdown\n")
		}
		switch {
		case p.Routed:
			b.WriteString(" no switchport\n")
		case p.Trunk:
			fmt.Fprintf(&b, " switchport mode trunk\n switchport access vlan %d\n", max(p.Access, 1))
			if len(p.Allowed) > 0 {
				fmt.Fprintf(&b, " switchport trunk allowed vlan %s\n", intList(p.Allowed))
			}
		case p.Access > 1:
			fmt.Fprintf(&b, " switchport access vlan %d\n", p.Access)
		}
		if p.ChannelGroup != 0 {
			fmt.Fprintf(&b, " channel-group %d\n", p.ChannelGroup)
		}
		if p.LLDPTxOff {
			b.WriteString(" no lldp transmit\n")
		}
		if p.LLDPRxOff {
			b.WriteString(" no lldp receive\n")
		}
		for _, n := range p.Policies {
			fmt.Fprintf(&b, " lldp med network-policy add %d\n", n)
		}
		b.WriteString(" flowcontrol receive on\n!\n")
	}
	b.WriteString("interface mgmt1/1/1\n no shutdown\n no ip address dhcp\n ipv6 address autoconfig\n!\nsupport-assist\n!\n")
	return b.String()
}

func (d *OS10) showVersion() string {
	return "Dell EMC Networking OS10 Enterprise\nCopyright (c) 1999-2023 by Dell Inc. All Rights Reserved.\n" +
		"OS Version: " + d.Release + "\nBuild Version: " + d.Release + ".277\nBuild Time: 2023-02-10T17:11:46+0000\n" +
		"System Type: " + d.Model + "\nArchitecture: x86_64\nUp Time: 3 days 04:12:31\n"
}

// os10Ports writes port names as `show vlan` does: "Eth" then ranges of
// consecutive ports ("Eth1/1/2,1/1/9-1/1/12").
func os10Ports(names []string) string {
	var nums []int
	for _, n := range names {
		i, err := strconv.Atoi(n[strings.LastIndexByte(n, '/')+1:])
		if err == nil {
			nums = append(nums, i)
		}
	}
	var parts []string
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("1/1/%d-1/1/%d", nums[i], nums[j]))
		} else {
			parts = append(parts, fmt.Sprintf("1/1/%d", nums[i]))
		}
		i = j + 1
	}
	return "Eth" + strings.Join(parts, ",")
}

func (d *OS10) showVLAN() string {
	var b strings.Builder
	b.WriteString("Codes: * - Default VLAN, M - Management VLAN, R - Remote Port Mirroring VLANs,\n" +
		"       @ - Attached to Virtual Network, P - Primary, C - Community, I - Isolated\n" +
		"Q: A - Access (Untagged), T - Tagged\n" +
		"    NUM    Status    Description                     Q Ports\n")
	for _, id := range sortedKeys(d.st.VLANs) {
		v := d.st.VLANs[id]
		var access, tagged []string
		for _, p := range d.st.Ports {
			if p.Routed {
				continue
			}
			if max(p.Access, 1) == id {
				access = append(access, p.Name)
			} else if p.Trunk && slices.Contains(p.Allowed, id) {
				tagged = append(tagged, p.Name)
			}
		}
		code, status := " ", "Inactive"
		if id == 1 {
			code = "*"
		}
		if len(access)+len(tagged) > 0 {
			status = "Active"
		}
		head := fmt.Sprintf("%s   %-7d%-10s%-32s", code, id, status, v.Descr)
		rows := 0
		for _, g := range []struct {
			q     string
			names []string
		}{{"T", tagged}, {"A", access}} {
			if len(g.names) == 0 {
				continue
			}
			if rows == 0 {
				fmt.Fprintf(&b, "%s%s %s\n", head, g.q, os10Ports(g.names))
			} else {
				fmt.Fprintf(&b, "%s%s %s\n", strings.Repeat(" ", len(head)), g.q, os10Ports(g.names))
			}
			rows++
		}
		if rows == 0 {
			b.WriteString(strings.TrimRight(head, " ") + "\n")
		}
	}
	return b.String()
}

func (d *OS10) showInterfaceStatus() string {
	rule := strings.Repeat("-", 98) + "\n"
	var b strings.Builder
	b.WriteString(rule + "Port            Description     Status   Speed    Duplex   Mode Vlan Tagged-Vlans\n" + rule)
	for _, p := range d.st.Ports {
		name := "Eth " + strings.TrimPrefix(p.Name, "ethernet")
		descr := p.Descr
		if len(descr) > 15 {
			descr = descr[:13] + ".."
		}
		status, speed := "down", "0"
		if !p.Shutdown && p.Neighbor != nil {
			status, speed = "up", "10G"
		}
		line := fmt.Sprintf("%-16s%-16s%-9s%-9s%-9s", name, descr, status, speed, "full")
		if p.Routed || p.ChannelGroup != 0 {
			fmt.Fprintf(&b, "%s-\n", line)
			continue
		}
		mode, tagged := "A", "-"
		if p.Trunk {
			mode = "T"
			if len(p.Allowed) > 0 {
				tagged = intList(p.Allowed)
			}
		}
		fmt.Fprintf(&b, "%s%-5s%-5d%s\n", line, mode, max(p.Access, 1), tagged)
	}
	b.WriteString(rule)
	return b.String()
}

func (d *OS10) showLLDPNeighbors() string {
	var b strings.Builder
	b.WriteString("Loc PortID          Rem Host Name        Rem Port Id                    Rem Chassis Id\n" +
		strings.Repeat("-", 86) + "\n")
	for _, p := range d.os10Heard() {
		nb := p.Neighbor
		host := nb.SysName
		if len(host) > 20 {
			host = host[:17] + "..."
		}
		fmt.Fprintf(&b, "%-20s%-21s%-30s%s\n", p.Name, host, nb.PortID, nb.ChassisID)
	}
	return b.String()
}

// os10Heard are the ports whose neighbour the switch hears: LLDP on, the
// port receiving.
func (d *OS10) os10Heard() []*OS10Port {
	var out []*OS10Port
	for _, p := range d.st.Ports {
		if p.Neighbor != nil && !d.st.LLDPOff && !p.LLDPRxOff {
			out = append(out, p)
		}
	}
	return out
}

func (d *OS10) showLLDPDetail() string {
	var b strings.Builder
	for i, p := range d.os10Heard() {
		nb := p.Neighbor
		caps := os10Caps(nb.Caps)
		fmt.Fprintf(&b, "\nRemote Chassis ID Subtype: Mac address (4)\nRemote Chassis ID: %s\n"+
			"Remote Port Subtype: Interface name (5)\nRemote Port ID: %s\nRemote Port Description: %s\n"+
			"Local Port ID: %s\nLocally assigned remote Neighbor Index: %d\nRemote TTL: 120\n"+
			"Information valid for next 110 seconds\nTime since last information change of this neighbor: 00:01:26\n"+
			"Remote System Name: %s\nRemote System Desc: %s\n"+
			"Existing System Capabilities: %s\nEnabled System Capabilities: %s\n"+
			"Remote Max Frame Size: 1522\nRemote Aggregation Status: false\n"+
			"MAC PHY Configuration:\n    Auto-neg supported: 1\n    Auto-neg enabled: 1\n",
			nb.ChassisID, nb.PortID, nb.PortDescr, p.Name, i+1, nb.SysName, nb.SysDescr, caps, caps)
		b.WriteString(strings.Repeat("-", 75) + "\n")
	}
	return b.String()
}

// os10Caps writes capability letters ("B,T") as OS10 words ("Bridge
// Telephone").
func os10Caps(letters string) string {
	words := map[string]string{"B": "Bridge", "R": "Router", "T": "Telephone", "W": "WLAN Access Point", "S": "Station only"}
	var out []string
	for _, l := range strings.Split(letters, ",") {
		if w, ok := words[strings.TrimSpace(l)]; ok {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}
