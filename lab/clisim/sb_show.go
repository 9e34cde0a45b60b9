package clisim

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// The show outputs below follow the real SB samples in
// drivers/cisco_sb/testdata (ntc-templates cisco_s300 and napalm-s350
// cisco_s300): same headers,
// column rules and widths, wrapped cells. The caller holds d.mu.

func (d *SB) showVersion() string {
	return fmt.Sprintf(`Active-image: flash://system/images/image_cbs_ros_%s_release_cisco_signed.bin
  Version: %s
  MD5 Digest: 5bc9ea1d57e4b5f0e3a0b0f0c3a45b7e
  Date: 09-Feb-2022
  Time: 23:41:08
Inactive-image: flash://system/images/image_cbs_ros_3.0.0.69_release_cisco_signed.bin
  Version: 3.0.0.69
  MD5 Digest: 0a1b2c3d4e5f60718293a4b5c6d7e8f9
  Date: 10-Feb-2021
  Time: 18:21:33
`, d.Version, d.Version)
}

func (d *SB) sortedVLANs() []int {
	ids := make([]int, 0, len(d.vlans))
	for id := range d.vlans {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	return ids
}

// members returns the port's untagged and tagged VLANs in its mode.
func (d *SB) members(p *SBPort) (untagged, tagged []int) {
	switch p.Mode {
	case "general":
		return p.GeneralUntagged, p.GeneralTagged
	case "trunk":
		native := orOne(p.NativeVLAN)
		for _, id := range d.sortedVLANs() {
			if id != native && !slices.Contains(p.TrunkRemoved, id) {
				tagged = append(tagged, id)
			}
		}
		return []int{native}, tagged
	}
	return []int{orOne(p.AccessVLAN)}, nil
}

func orOne(v int) int {
	if v == 0 {
		return 1
	}
	return v
}

// pvid is the VLAN untagged ingress frames go to.
func (p *SBPort) pvid() int {
	switch p.Mode {
	case "general":
		return orOne(p.PVID)
	case "trunk":
		return orOne(p.NativeVLAN)
	}
	return orOne(p.AccessVLAN)
}

// portList compresses short names into SB ranges: "gi1-3,gi5".
func portList(names []string) string {
	var parts []string
	for i := 0; i < len(names); {
		a, _ := strconv.Atoi(strings.TrimPrefix(names[i], "gi"))
		j := i
		for j+1 < len(names) {
			b, _ := strconv.Atoi(strings.TrimPrefix(names[j+1], "gi"))
			if b != a+(j+1-i) {
				break
			}
			j++
		}
		if j > i {
			parts = append(parts, names[i]+"-"+strings.TrimPrefix(names[j], "gi"))
		} else {
			parts = append(parts, names[i])
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// wrap cuts s into pieces of at most width, at commas when it can.
func wrap(s string, width int, atComma bool) []string {
	var out []string
	for len(s) > width {
		cut := width
		if atComma {
			if i := strings.LastIndex(s[:width], ","); i > 0 {
				cut = i + 1
			}
		}
		out = append(out, s[:cut])
		s = s[cut:]
	}
	return append(out, s)
}

func center(s string, width int) string {
	if len(s) >= width {
		return s
	}
	left := (width - len(s)) / 2
	return strings.Repeat(" ", left) + s + strings.Repeat(" ", width-len(s)-left)
}

// showVLAN is the Sx300 `show vlan` layout of the ntc-templates sample.
func (d *SB) showVLAN() string {
	var b strings.Builder
	b.WriteString("Created by: D-Default, S-Static, G-GVRP, R-Radius Assigned VLAN, V-Voice VLAN\n\n")
	b.WriteString("Vlan       Name                   Ports               Created by\n")
	b.WriteString("---- ----------------- --------------------------- ----------------\n")
	for _, id := range d.sortedVLANs() {
		var ports []string
		for _, p := range d.ports {
			u, t := d.members(p)
			if slices.Contains(u, id) || slices.Contains(t, id) {
				ports = append(ports, p.Short)
			}
		}
		name := d.vlans[id]
		if name == "" {
			name = strconv.Itoa(id)
		}
		by := "S"
		switch {
		case id == 1:
			by = "D"
		case id == d.voiceVLAN:
			by = "SV"
		}
		names, lists := wrap(name, 17, false), wrap(portList(ports), 27, true)
		for i := 0; i < max(len(names), len(lists)); i++ {
			cells := [4]string{}
			if i == 0 {
				cells[0], cells[3] = center(strconv.Itoa(id), 4), center(by, 16)
			}
			if i < len(names) {
				cells[1] = names[i]
				if i == 0 {
					cells[1] = center(names[i], 17)
				}
			}
			if i < len(lists) {
				cells[2] = lists[i]
				if i == 0 {
					cells[2] = center(lists[i], 27)
				}
			}
			fmt.Fprintf(&b, "%-4s %-17s %-27s %s", cells[0], cells[1], cells[2], cells[3])
			b.WriteString("\n")
		}
	}
	return b.String()
}

// showSwitchport is the Sx300 `show interfaces switchport PORT` layout of
// the ntc-templates sample.
func (d *SB) showSwitchport(name string) string {
	p := d.port(name)
	if p == nil {
		return sbBadValue
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Port : %s\nPort Mode: %s\nGvrp Status: disabled\nIngress Filtering: true\nAcceptable Frame Type: admitAll\nIngress UnTagged VLAN ( NATIVE ): %d\n\nPort is member in:\n\n",
		p.Short, strings.ToUpper(p.Mode[:1])+p.Mode[1:], p.pvid())
	b.WriteString("Vlan               Name               Egress rule Port Membership Type\n")
	b.WriteString("---- -------------------------------- ----------- --------------------\n")
	u, t := d.members(p)
	for _, id := range d.sortedVLANs() {
		rule := ""
		switch {
		case slices.Contains(u, id):
			rule = "Untagged"
		case slices.Contains(t, id):
			rule = "Tagged"
		default:
			continue
		}
		name := d.vlans[id]
		if name == "" {
			name = strconv.Itoa(id)
		}
		fmt.Fprintf(&b, "%-4d %s %s %s\n", id, center(name, 32), center(rule, 11), center("Static", 20))
	}
	b.WriteString("\n\nForbidden VLANS:\nVlan               Name\n---- --------------------------------\n\n\n")
	b.WriteString("Classification rules:\n\nMac based VLANs:\n  Group ID   Vlan ID\n------------ -------\n")
	return b.String()
}

const sbLLDPLegend = `
System capability legend:
B - Bridge; R - Router; W - Wlan Access Point; T - telephone;
D - DOCSIS Cable Device; H - Host; r - Repeater;
TP - Two Ports MAC Relay; S - S-VLAN; C - C-VLAN; O - Other

`

// showLLDPNeighbors is the `show lldp neighbors` table of the samples;
// cells wider than their column wrap onto continuation lines.
func (d *SB) showLLDPNeighbors() string {
	var b strings.Builder
	b.WriteString(sbLLDPLegend)
	b.WriteString("  Port        Device ID        Port ID       System Name    Capabilities  TTL\n")
	b.WriteString("--------- ----------------- ------------- ----------------- ------------ -----\n")
	if d.lldpOff {
		return b.String()
	}
	for _, p := range d.ports {
		n := p.Neighbor
		if n == nil || p.LLDPRxOff || p.Shutdown {
			continue
		}
		cols := [][]string{{p.Short}, wrap(n.ChassisID, 17, false), wrap(n.PortID, 13, false), wrap(n.SysName, 17, false), {n.Caps}, {"105"}}
		rows := 0
		for _, c := range cols {
			rows = max(rows, len(c))
		}
		for i := 0; i < rows; i++ {
			cell := func(c int) string {
				if i < len(cols[c]) {
					return cols[c][i]
				}
				return ""
			}
			line := fmt.Sprintf("%-9s %-17s %-13s %-17s %-12s %s", cell(0), cell(1), cell(2), cell(3), center(cell(4), 12), cell(5))
			b.WriteString(strings.TrimRight(line, " ") + "\n")
		}
	}
	return b.String()
}

var capWords = map[string]string{"B": "Bridge", "R": "Router", "W": "Wlan-Access-Point", "T": "Telephone", "O": "Other"}

// showLLDPDetail is `show lldp neighbors PORT` in the SG350X/CBS350 layout
// of the napalm-s350 samples; a phone adds its LLDP-MED lines.
func (d *SB) showLLDPDetail(name string) string {
	p := d.port(name)
	if p == nil {
		return sbBadValue
	}
	n := p.Neighbor
	if n == nil || d.lldpOff || p.LLDPRxOff || p.Shutdown {
		return ""
	}
	var caps []string
	for _, c := range strings.Split(n.Caps, ",") {
		caps = append(caps, capWords[strings.TrimSpace(c)])
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nDevice ID: %s\nPort ID: %s\nCapabilities: %s\nSystem Name: %s\nSystem description: %s\nPort description: %s\nTime To Live: 105\n\n\n",
		n.ChassisID, n.PortID, strings.Join(caps, ", "), n.SysName, n.SysDescr, n.PortDescr)
	b.WriteString("802.3 MAC/PHY Configuration/Status\nAuto-negotiation support: Supported\nAuto-negotiation status: Enabled\n")
	b.WriteString("Auto-negotiation Advertised Capabilities: 100BASE-TX full duplex, 1000BASE-T full duplex\nOperational MAU type: 1000BaseTFD\n\n\n")
	pvid := "None"
	if n.Phone {
		pvid = strconv.Itoa(p.pvid())
	}
	fmt.Fprintf(&b, "802.1 PVID: %s\n802.1 PPVID: \n802.1 VLAN:\n802.1 Protocol: \n\n\n", pvid)
	if n.Phone {
		b.WriteString("LLDP-MED capabilities: Capabilities, Network Policy, Extended Power via MDI-PD, Inventory\n")
		b.WriteString("LLDP-MED Device Type: Endpoint Class III\n\n")
		b.WriteString("Hardware revision: 3\nFirmware revision: sip88xx.14-1-1-0001-136\nSoftware revision: sip88xx.14-1-1-0001-136\n")
		b.WriteString("Serial number: FCH0000A0AA\nManufacturer name: Cisco Systems, Inc.\nModel name: CP-8841\nAsset ID:\n")
	}
	return b.String()
}

// runningConfig is the SB layout of the napalm-s350 running configurations:
// header block, unindented vlan database, global voice/LLDP lines,
// interface vlan names, then every interface with its settings per mode.
func (d *SB) runningConfig() string {
	var b strings.Builder
	fmt.Fprintf(&b, "config-file-header\n%s\nv%s / RCBS3.0_930_770_007\nCLI v1.0\nfile SSD indicator encrypted\n@\n!\n", d.Hostname, d.Version)
	b.WriteString("unit-type-control-start\nunit-type unit 1 network gi uplink none\nunit-type-control-end\n!\n")
	var ids []int
	for _, id := range d.sortedVLANs() {
		if id != 1 {
			ids = append(ids, id)
		}
	}
	if len(ids) > 0 {
		fmt.Fprintf(&b, "vlan database\nvlan %s\nexit\n", intList(ids))
	}
	if d.voiceVLAN != 0 {
		fmt.Fprintf(&b, "voice vlan id %d\n", d.voiceVLAN)
	}
	b.WriteString("voice vlan oui-table add 0001e3 Siemens_AG_phone\nvoice vlan oui-table add 00036b Cisco_phone\n")
	if d.lldpOff {
		b.WriteString("no lldp run\n")
	}
	if d.voiceAutoOff {
		b.WriteString("no lldp med network-policy voice auto\n")
	}
	for _, n := range sortedPolicyKeys(d.policies) {
		pol := d.policies[n]
		tag := "untagged"
		if pol.Tagged {
			tag = "tagged"
		}
		fmt.Fprintf(&b, "lldp med network-policy %d %s vlan %d vlan-type %s up %d dscp %d\n", n, pol.App, pol.VLAN, tag, pol.Up, pol.DSCP)
	}
	fmt.Fprintf(&b, "hostname %s\nip ssh server\nip ssh password-auth\n!\n", d.Hostname)
	for _, id := range d.sortedVLANs() {
		name := d.vlans[id]
		if name == "" && id != 99 {
			continue
		}
		fmt.Fprintf(&b, "interface vlan %d\n", id)
		if name != "" {
			fmt.Fprintf(&b, " name %s\n", name)
		}
		if id == 99 && d.mgmtIP != "" {
			fmt.Fprintf(&b, " ip address %s 255.255.255.0\n", d.mgmtIP)
		}
		b.WriteString("!\n")
	}
	for _, p := range d.ports {
		fmt.Fprintf(&b, "interface %s\n", p.Name)
		if p.Description != "" {
			fmt.Fprintf(&b, " description %q\n", p.Description)
		}
		if p.Shutdown {
			b.WriteString(" shutdown\n")
		}
		if p.Mode != "access" {
			fmt.Fprintf(&b, " switchport mode %s\n", p.Mode)
		}
		if len(p.GeneralUntagged) > 0 {
			fmt.Fprintf(&b, " switchport general allowed vlan add %s untagged\n", intList(p.GeneralUntagged))
		}
		if len(p.GeneralTagged) > 0 {
			fmt.Fprintf(&b, " switchport general allowed vlan add %s tagged\n", intList(p.GeneralTagged))
		}
		if p.PVID > 1 {
			fmt.Fprintf(&b, " switchport general pvid %d\n", p.PVID)
		}
		if p.AccessVLAN > 1 {
			fmt.Fprintf(&b, " switchport access vlan %d\n", p.AccessVLAN)
		}
		if p.NativeVLAN > 1 {
			fmt.Fprintf(&b, " switchport trunk native vlan %d\n", p.NativeVLAN)
		}
		if len(p.TrunkRemoved) > 0 {
			fmt.Fprintf(&b, " switchport trunk allowed vlan remove %s\n", intList(p.TrunkRemoved))
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
		for _, n := range p.Policies {
			fmt.Fprintf(&b, " lldp med network-policy add %d\n", n)
		}
		b.WriteString("!\n")
	}
	b.WriteString("exit\n")
	return b.String()
}

func sortedPolicyKeys(m map[int]*SBPolicy) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}
