package clisim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// snapshot is `show configuration snapshot`: one command per line under
// "! Section:" comments (AOS 6 writes "! Section :"), only what differs
// from the defaults, ports in ranges.
func (d *OmniSwitch) snapshot() string {
	var b strings.Builder
	six := d.Release == 6
	section := func(name string) {
		if six {
			fmt.Fprintf(&b, "\n! %s :\n", name)
		} else {
			fmt.Fprintf(&b, "\n! %s:\n", name)
		}
	}
	if six {
		b.WriteString("! Chassis :\n")
	} else {
		b.WriteString("! Chassis:\n")
	}
	fmt.Fprintf(&b, "system name %q\n", d.st.Hostname)
	section("VLAN")
	for _, id := range sortedKeys(d.st.VLANs) {
		v := d.st.VLANs[id]
		state := map[bool]string{false: "enable", true: "disable"}[v.Disabled]
		switch {
		case six && v.Name != "":
			fmt.Fprintf(&b, "vlan %d %s name %q\n", id, state, v.Name)
		case six:
			fmt.Fprintf(&b, "vlan %d %s\n", id, state)
		default:
			fmt.Fprintf(&b, "vlan %d admin-state %s\n", id, state)
			if v.Name != "" {
				fmt.Fprintf(&b, "vlan %d name %q\n", id, v.Name)
			}
		}
	}
	for _, id := range sortedKeys(d.st.VLANs) {
		if id == 1 {
			continue // the default VLAN's ports are not written
		}
		var ports []string
		for _, p := range d.st.Ports {
			if p.Default == id {
				ports = append(ports, p.Name)
			}
		}
		for _, r := range omniRanges(ports) {
			if six {
				fmt.Fprintf(&b, "vlan %d port default %s\n", id, r)
			} else {
				fmt.Fprintf(&b, "vlan %d members port %s untagged\n", id, r)
			}
		}
	}
	if six {
		section("802.1Q")
	}
	for _, id := range sortedKeys(d.st.VLANs) {
		var ports []string
		for _, p := range d.st.Ports {
			if slices.Contains(p.Tagged, id) {
				ports = append(ports, p.Name)
			}
		}
		if six {
			for _, p := range ports {
				fmt.Fprintf(&b, "vlan %d 802.1q %s \"TAG %s VLAN %d\"\n", id, p, p, id)
			}
			continue
		}
		for _, r := range omniRanges(ports) {
			fmt.Fprintf(&b, "vlan %d members port %s tagged\n", id, r)
		}
	}
	section("IP")
	names := make([]string, 0, len(d.st.IPs))
	for n := range d.st.IPs {
		names = append(names, n)
	}
	slices.Sort(names)
	for i, n := range names {
		ip := d.st.IPs[n]
		fmt.Fprintf(&b, "ip interface %q address %s mask %s vlan %d ifindex %d\n", n, ip.Address, ip.Mask, ip.VLAN, i+1)
	}
	section("LLDP")
	if d.st.LLDPOff {
		b.WriteString("lldp chassis lldpdu disable\n")
	}
	for _, id := range sortedKeys(d.st.Policies) {
		p := d.st.Policies[id]
		fmt.Fprintf(&b, "lldp network-policy %d application %s vlan %d l2-priority %d dscp %d\n", id, p.App, p.VLAN, p.Priority, p.DSCP)
	}
	lldpPort := "lldp port "
	if six {
		lldpPort = "lldp "
	}
	for _, p := range d.st.Ports {
		for _, id := range p.Bind {
			fmt.Fprintf(&b, "%s%s med network-policy %d\n", lldpPort, p.Name, id)
		}
		if p.MEDTLV {
			fmt.Fprintf(&b, "%s%s tlv med network-policy enable\n", lldpPort, p.Name)
		}
		if p.LLDPDU != "" {
			fmt.Fprintf(&b, "%s%s lldpdu %s\n", lldpPort, p.Name, p.LLDPDU)
		}
	}
	if six {
		section("Lanpower")
	} else {
		section("LAN Power")
	}
	slots := make([]string, 0, len(d.st.PoESlots))
	for s, on := range d.st.PoESlots {
		if on {
			slots = append(slots, s)
		}
	}
	slices.Sort(slots)
	for _, s := range slots {
		if six {
			fmt.Fprintf(&b, "lanpower start %s\n", s)
		} else {
			fmt.Fprintf(&b, "lanpower slot %s service start\n", s)
		}
	}
	for _, p := range d.st.Ports {
		switch {
		case p.PoEOff && six:
			fmt.Fprintf(&b, "lanpower stop %s\n", p.Name)
		case p.PoEOff:
			fmt.Fprintf(&b, "lanpower port %s admin-state disable\n", p.Name)
		}
	}
	section("Interface")
	for _, p := range d.st.Ports {
		switch {
		case p.AdminDown && six:
			fmt.Fprintf(&b, "interfaces %s admin down\n", p.Name)
		case p.AdminDown:
			fmt.Fprintf(&b, "interfaces port %s admin-state disable\n", p.Name)
		}
	}
	return b.String()
}

// omniRanges writes consecutive ports of one slot as "1/1/1-24".
func omniRanges(ports []string) []string {
	var out []string
	last := func(s string) int { n, _ := strconv.Atoi(s[strings.LastIndexByte(s, '/')+1:]); return n }
	for i := 0; i < len(ports); {
		j := i
		for j+1 < len(ports) && slotOfPort(ports[j+1]) == slotOfPort(ports[i]) && last(ports[j+1]) == last(ports[j])+1 {
			j++
		}
		if j > i {
			out = append(out, ports[i]+"-"+strconv.Itoa(last(ports[j])))
		} else {
			out = append(out, ports[i])
		}
		i = j + 1
	}
	return out
}

func (d *OmniSwitch) descr() string {
	if d.Release == 6 {
		return "Alcatel-Lucent " + d.Model + " " + d.Version + " GA, March 20, 2018."
	}
	return "Alcatel-Lucent Enterprise " + d.Model + " " + d.Version + " GA, July 28, 2021."
}

// showSystem follows the guides' examples (AOS 6.7.1 p.2-31, AOS 8.10R1
// p.61-56).
func (d *OmniSwitch) showSystem() string {
	oid := "1.3.6.1.4.1.6486.801.1.1.2.1.11.1.2"
	if d.Release == 6 {
		oid = "1.3.6.1.4.1.6486.800.1.1.2.1.12.1.3"
	}
	return "System:\n" +
		"  Description:  " + d.descr() + ",\n" +
		"  Object ID:    " + oid + ",\n" +
		"  Up Time:      12 days 3 hours 4 minutes and 5 seconds,\n" +
		"  Contact:      Alcatel-Lucent Enterprise, https://www.al-enterprise.com,\n" +
		"  Name:         " + d.st.Hostname + ",\n" +
		"  Location:     Unknown,\n" +
		"  Services:     78,\n" +
		"  Date & Time:  SAT DEC 05 2026 18:00:00 (UTC)\n"
}

func (d *OmniSwitch) showMicrocode() string {
	if d.Release == 6 {
		return "   Package           Release                 Size     Description\n" +
			"-----------------+---------------------+--------+-----------------------------------\n" +
			"Jbase.img         " + d.Version + "          3023463 Alcatel-Lucent Base Software\n" +
			"Jos.img           " + d.Version + "          2042817 Alcatel-Lucent OS\n"
	}
	return "/flash/working\n" +
		"  Package           Release                 Size     Description\n" +
		"-----------------+-----------------------+--------+-----------------------------------\n" +
		"Uos.img           " + d.Version + "            235132434 Alcatel-Lucent OS\n"
}

// showVLAN prints AOS 6's table (ntc-templates alcatel_aos_show_vlan_R6)
// or AOS 8's.
func (d *OmniSwitch) showVLAN() string {
	var b strings.Builder
	if d.Release == 6 {
		b.WriteString("                              stree                 mble   src        \n")
		b.WriteString(" vlan  type  admin   oper   1x1   flat   auth   ip   tag   lrn   name\n")
		b.WriteString("-----+-----+------+------+------+------+----+-----+-----+------+----------\n")
	} else {
		b.WriteString(" vlan    type   admin   oper    ip    mtu          name\n")
		b.WriteString("------+-------+-------+------+------+------+------------------\n")
	}
	for _, id := range sortedKeys(d.st.VLANs) {
		v := d.st.VLANs[id]
		name := v.Name
		if name == "" {
			name = "VLAN " + strconv.Itoa(id)
		}
		oper := false
		for _, p := range d.st.Ports {
			if (p.Default == id || slices.Contains(p.Tagged, id)) && p.Neighbor != nil && !p.AdminDown {
				oper = true
			}
		}
		ip := false
		for _, a := range d.st.IPs {
			ip = ip || a.VLAN == id
		}
		if d.Release == 6 {
			on := map[bool]string{true: "on", false: "off"}
			fmt.Fprintf(&b, "%4d    std   %-3s    %-3s    on    on     off   %-3s   off     on   %-32s\n", id, on[!v.Disabled], on[oper], on[ip], name)
			continue
		}
		ena := map[bool]string{true: "Ena", false: "Dis"}
		fmt.Fprintf(&b, "%-7dstd       %s     %s   %s    1500    %s\n", id, ena[!v.Disabled], ena[oper], ena[ip], name)
	}
	return b.String()
}

// showVLANPorts is AOS 6 `show vlan port` / AOS 8 `show vlan members`
// (ntc-templates alcatel_aos_show_vlan_port_1's layout), with the
// release's words for untagged and tagged.
func (d *OmniSwitch) showVLANPorts(untagged, tagged string) string {
	var b strings.Builder
	b.WriteString("  vlan       port         type         status\n")
	b.WriteString("--------+------------+------------+--------------\n")
	status := func(p *OmniPort) string {
		if p.Neighbor != nil && !p.AdminDown {
			return "forwarding"
		}
		return "inactive"
	}
	for _, id := range sortedKeys(d.st.VLANs) {
		for _, p := range d.st.Ports {
			switch {
			case p.Default == id:
				fmt.Fprintf(&b, "%5d       %-12s %-11s%s\n", id, p.Name, untagged, status(p))
			case slices.Contains(p.Tagged, id):
				fmt.Fprintf(&b, "%5d       %-12s %-11s%s\n", id, p.Name, tagged, status(p))
			}
		}
	}
	return b.String()
}

// showInterfacesStatus is ntc-templates alcatel_aos_show_interfaces_status_R8's
// layout (AOS 6's header says Slot/Port).
func (d *OmniSwitch) showInterfacesStatus() string {
	var b strings.Builder
	if d.Release == 6 {
		b.WriteString(" Slot/               DETECTED-VALUES              CONFIGURED-VALUES    \n")
		b.WriteString(" Port    Admin  Auto  Speed   Duplex  Pause  FEC   Speed   Duplex  Pause  FEC   Link\n")
		b.WriteString("         Status Nego  (Mbps)                 Det   (Mbps)                 Cfg   Trap  EEE\n")
	} else {
		b.WriteString(" Chas/                DETECTED-VALUES              CONFIGURED-VALUES    \n")
		b.WriteString(" Slot/   Admin  Auto  Speed   Duplex  Pause  FEC   Speed   Duplex  Pause  FEC   Link\n")
		b.WriteString(" Port    Status Nego  (Mbps)                 Det   (Mbps)                 Cfg   Trap  EEE\n")
	}
	b.WriteString("--------+------+----+--------+------+-------+----+--------+------+-------+-----+-----+---\n")
	for _, p := range d.st.Ports {
		admin := map[bool]string{false: "en", true: "dis"}[p.AdminDown]
		if p.Neighbor != nil && !p.AdminDown {
			fmt.Fprintf(&b, " %-9s %3s    en    1000   Full     -     DIS   1000    Full     -    AUTO  en   dis\n", p.Name, admin)
		} else {
			fmt.Fprintf(&b, " %-9s %3s   dis     -      -       -    -      1000    Full     -    AUTO  en   dis\n", p.Name, admin)
		}
	}
	return b.String()
}

// omniCaps writes capability letters ("B,T") as OmniSwitch words ("Bridge
// Telephone").
func omniCaps(letters string) string {
	words := map[string]string{"B": "Bridge", "R": "Router", "T": "Telephone", "W": "WLAN AP", "S": "Station Only"}
	var out []string
	for _, l := range strings.Split(letters, ",") {
		if w, ok := words[strings.TrimSpace(l)]; ok {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// showLLDPRemote follows ntc-templates' show_lldp_remote-system_R6 and R8
// samples; a phone adds its MED lines and the policy the port advertises.
func (d *OmniSwitch) showLLDPRemote() string {
	var b strings.Builder
	for _, p := range d.st.Ports {
		nb := p.Neighbor
		if nb == nil || d.st.LLDPOff || p.LLDPDU == "disable" || p.LLDPDU == "tx" {
			continue
		}
		if d.Release == 6 {
			fmt.Fprintf(&b, "Remote LLDP Agents on Local Slot/Port %s:\n\n", p.Name)
		} else {
			fmt.Fprintf(&b, "Remote LLDP nearest-bridge Agents on Local Port %s:\n\n", p.Name)
		}
		fmt.Fprintf(&b, "    Chassis %s, Port %s:\n", nb.ChassisID, nb.PortID)
		kv := func(k, v string) { fmt.Fprintf(&b, "      %-28s= %s,\n", k, v) }
		kv("Remote ID", "1")
		kv("Chassis Subtype", "4 (MAC Address)")
		kv("Port Subtype", "5 (Interface name)")
		kv("Port Description", nb.PortDescr)
		kv("System Name", nb.SysName)
		kv("System Description", nb.SysDescr)
		kv("Capabilities Supported", omniCaps(nb.Caps))
		kv("Capabilities Enabled", omniCaps(nb.Caps))
		if nb.Phone {
			kv("MED Device Type", "Endpoint Class III")
			kv("MED Capabilities", "Capabilities | Network Policy | Power via MDI-PD(35)")
			kv("MED Extension TLVs Present", "Network Policy| Inventory")
			kv("MED Power Type", "PD Device")
			kv("MED Power Source", "PSE")
			kv("MED Power Priority", "High")
			kv("MED Power Value", "6.3 W")
		}
		fmt.Fprintf(&b, "      %-28s= %d\n\n", "Remote port default vlan", p.Default)
	}
	return b.String()
}

// showRunningDirectory says whether the running configuration is saved
// (working) and certified (AOS 8.10R1, "show running-directory").
func (d *OmniSwitch) showRunningDirectory() string {
	synced := map[bool]string{true: "SYNCHRONIZED", false: "NOT SYNCHRONIZED"}[d.snapshot() == d.working]
	cert := map[bool]string{true: "CERTIFIED", false: "CERTIFY NEEDED"}[d.working == d.certified]
	return "CONFIGURATION STATUS\n" +
		"  Running CMM              : MASTER-PRIMARY,\n" +
		"  Running configuration    : WORKING,\n" +
		"  Certify/Restore Status   : " + cert + "\n" +
		"SYNCHRONIZATION STATUS\n" +
		"  Running Configuration    : " + synced + "\n"
}
