package clisim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Show outputs in the AOS-S 16.x layout of the real samples in
// drivers/aruba_aoss/testdata (ntc-templates hp_procurve), read back by
// drivers/aruba_aoss in the tests.

func (d *AOSS) runningConfig() string {
	var b strings.Builder
	b.WriteString("\nRunning configuration:\n\n; J9772A Configuration Editor; Created on release #" + d.Release + "\n")
	b.WriteString("; Ver #14:01.4f.f8.1d.9b.3f.bf.bb.ef.7c.59.fc.6b.fb.9f.fc.ff.ff.37.ef:02\n")
	fmt.Fprintf(&b, "hostname %q\nmodule 1 type j9772a\n", d.Hostname)
	for _, p := range d.ports {
		if p.Descr == "" && !p.Disabled && !p.PoEOff {
			continue
		}
		fmt.Fprintf(&b, "interface %s\n", p.Name)
		if p.Descr != "" {
			fmt.Fprintf(&b, "   name %q\n", p.Descr)
		}
		if p.Disabled {
			b.WriteString("   disable\n")
		}
		if p.PoEOff {
			b.WriteString("   no power-over-ethernet\n")
		}
		b.WriteString("   exit\n")
	}
	for _, st := range []string{"txonly", "rxonly", "disable"} {
		var ps []string
		for _, p := range d.ports {
			if aossAdmin(p) == st {
				ps = append(ps, p.Name)
			}
		}
		if len(ps) > 0 {
			fmt.Fprintf(&b, "lldp admin-status %s %s\n", aossPortList(ps), st)
		}
	}
	var medOff []string
	for _, p := range d.ports {
		if p.MEDOff {
			medOff = append(medOff, p.Name)
		}
	}
	if len(medOff) > 0 {
		fmt.Fprintf(&b, "no lldp config %s medTlvEnable network-policy\n", aossPortList(medOff))
	}
	if d.lldpOff {
		b.WriteString("no lldp run\n")
	}
	for _, id := range d.vlanIDs() {
		v := d.vlans[id]
		fmt.Fprintf(&b, "vlan %d\n   name %q\n", id, v.Name)
		untagged, tagged := v.members()
		if len(untagged) > 0 {
			fmt.Fprintf(&b, "   untagged %s\n", aossPortList(untagged))
		}
		if len(tagged) > 0 {
			fmt.Fprintf(&b, "   tagged %s\n", aossPortList(tagged))
		}
		if id == 1 {
			// The default VLAN lists the ports taken out of it.
			var out []string
			for _, p := range d.ports {
				if !v.Untagged[p.Name] && !v.Tagged[p.Name] {
					out = append(out, p.Name)
				}
			}
			if len(out) > 0 {
				fmt.Fprintf(&b, "   no untagged %s\n", aossPortList(out))
			}
		}
		if v.IP != "" {
			fmt.Fprintf(&b, "   ip address %s\n", v.IP)
		} else {
			b.WriteString("   no ip address\n")
		}
		if v.QoSPriority >= 0 {
			fmt.Fprintf(&b, "   qos priority %d\n", v.QoSPriority)
		}
		if v.QoSDSCP >= 0 {
			fmt.Fprintf(&b, "   qos dscp %06b\n", v.QoSDSCP)
		}
		if v.Voice {
			b.WriteString("   voice\n")
		}
		b.WriteString("   exit\n")
	}
	return b.String()
}

func (v *AOSSVLAN) members() (untagged, tagged []string) {
	for p := range v.Untagged {
		untagged = append(untagged, p)
	}
	for p := range v.Tagged {
		tagged = append(tagged, p)
	}
	return untagged, tagged
}

func aossAdmin(p *AOSSPort) string {
	switch {
	case p.LLDPTxOff && p.LLDPRxOff:
		return "disable"
	case p.LLDPTxOff:
		return "rxonly"
	case p.LLDPRxOff:
		return "txonly"
	}
	return "tx_rx"
}

// aossPortList writes ports as AOS-S does ("1-3,5,49,A1-A2"): fixed ports
// first, then each module's.
func aossPortList(ports []string) string {
	type port struct {
		module string
		n      int
	}
	ps := make([]port, 0, len(ports))
	for _, name := range ports {
		m, n, _ := splitAOSSPort(name)
		ps = append(ps, port{m, n})
	}
	slices.SortFunc(ps, func(a, b port) int {
		if c := strings.Compare(a.module, b.module); c != 0 {
			return c
		}
		return a.n - b.n
	})
	var parts []string
	for i := 0; i < len(ps); {
		j := i
		for j+1 < len(ps) && ps[j+1].module == ps[i].module && ps[j+1].n == ps[j].n+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%s%d-%s%d", ps[i].module, ps[i].n, ps[j].module, ps[j].n))
		} else {
			parts = append(parts, fmt.Sprintf("%s%d", ps[i].module, ps[i].n))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

func (d *AOSS) showVersion() string {
	return "Image stamp:    /ws/swbuildm/rel_ukiah_qaoff/code/build/bom(swbuildm_rel_ukiah_qaoff_rel_ukiah)\n" +
		"                Jun 13 2018 17:43:13\n                " + d.Release + "\n                1223\nBoot Image:     Primary\n"
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func (d *AOSS) showVLANs() string {
	var b strings.Builder
	fmt.Fprintf(&b, " Status and Counters - VLAN Information\n\n  Maximum VLANs to support : 256\n  Primary VLAN : DEFAULT_VLAN\n  Management VLAN :\n\n")
	b.WriteString("  802.1Q VLAN ID Name         Status       Voice Jumbo\n  -------------- ------------ ------------ ----- -----\n")
	for _, id := range d.vlanIDs() {
		v := d.vlans[id]
		name := v.Name
		if len(name) > 12 {
			name = name[:12]
		}
		fmt.Fprintf(&b, "  %-14d %-12s %-12s %-5s %-5s\n", id, name, "Port-based", yesNo(v.Voice), "No")
	}
	return b.String()
}

func (d *AOSS) showVLAN(id int) string {
	v := d.vlans[id]
	if v == nil {
		return "VLAN not found: " + strconv.Itoa(id) + "\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, " Status and Counters - VLAN Information - VLAN %d\n\n  VLAN ID : %d\n  Name : %s\n  Status : Port-based\n  Voice : %s\n  Jumbo : No\n\n",
		id, id, v.Name, yesNo(v.Voice))
	b.WriteString("  Port Information Mode     Unknown VLAN Status    \n  ---------------- -------- ------------ ----------\n")
	for _, p := range d.ports {
		mode := ""
		switch {
		case v.Untagged[p.Name]:
			mode = "Untagged"
		case v.Tagged[p.Name]:
			mode = "Tagged"
		default:
			continue
		}
		fmt.Fprintf(&b, "  %-16s %-8s %-12s %-10s\n", p.Name, mode, "Learn", aossStatus(p))
	}
	return b.String()
}

func aossStatus(p *AOSSPort) string {
	if p.Neighbor != nil && !p.Disabled {
		return "Up"
	}
	return "Down"
}

func (d *AOSS) showInterfacesBrief() string {
	var b strings.Builder
	b.WriteString("\n Status and Counters - Port Status\n\n")
	b.WriteString("                          | Intrusion                           MDI  Flow Bcast\n")
	b.WriteString("  Port         Type       | Alert     Enabled Status Mode       Mode Ctrl Limit\n")
	b.WriteString("  ------------ ---------- + --------- ------- ------ ---------- ---- ---- -----\n")
	for _, p := range d.ports {
		typ, mode, mdi := "100/1000T", "1000FDx", "Auto"
		if !p.PoE {
			typ, mode, mdi = "SFP+SR", "10GigFD", "NA"
		}
		if aossStatus(p) == "Up" && p.PoE {
			mdi = "MDIX"
		}
		fmt.Fprintf(&b, "  %-12s %-10s | %-9s %-7s %-6s %-10s %-4s %-4s %-5s\n", p.Name, typ, "No", yesNo(!p.Disabled), aossStatus(p), mode, mdi, "off", "0")
	}
	return b.String()
}

// aossCaps turns IOS capability letters into AOS-S words.
func aossCaps(letters string) string {
	words := map[string]string{"B": "bridge", "R": "router", "T": "telephone", "W": "wlan-access-point", "S": "station-only"}
	var out []string
	for _, l := range strings.Split(letters, ",") {
		if w, ok := words[strings.TrimSpace(l)]; ok {
			out = append(out, w)
		}
	}
	return strings.Join(out, ", ")
}

func (d *AOSS) showLLDPRemote() string {
	var b strings.Builder
	b.WriteString("\n LLDP Remote Devices Information\n\n")
	b.WriteString("  LocalPort | ChassisId          PortId             PortDescr SysName           \n")
	b.WriteString("  --------- + ------------------ ------------------ --------- ------------------\n")
	for _, p := range d.ports {
		n := p.Neighbor
		if n == nil || p.LLDPRxOff || d.lldpOff {
			continue
		}
		clip := func(s string, w int) string {
			if len(s) > w {
				return s[:w-3] + "..."
			}
			return s
		}
		fmt.Fprintf(&b, "  %-9s | %-18s %-18s %-9s %-18s\n", p.Name, clip(n.ChassisID, 18), clip(n.PortID, 18), clip(n.PortDescr, 9), clip(n.SysName, 18))
	}
	return b.String()
}

func (d *AOSS) showLLDPDetail() string {
	var b strings.Builder
	b.WriteString("\n LLDP Remote Device Information Detail\n\n")
	first := true
	for _, p := range d.ports {
		n := p.Neighbor
		if n == nil || p.LLDPRxOff || d.lldpOff {
			continue
		}
		if !first {
			b.WriteString("------------------------------------------------------------------------------\n")
		}
		first = false
		fmt.Fprintf(&b, "  Local Port   : %s\n  ChassisType  : mac-address         \n  ChassisId    : %s\n", p.Name, n.ChassisID)
		fmt.Fprintf(&b, "  PortType     : local\n  PortId       : %s\n  SysName      : %s\n  System Descr : %s\n", n.PortID, n.SysName, n.SysDescr)
		fmt.Fprintf(&b, "  PortDescr    : %s\n  Pvid         : \n\n", n.PortDescr)
		caps := aossCaps(n.Caps)
		fmt.Fprintf(&b, "  System Capabilities Supported  : %s\n  System Capabilities Enabled    : %s\n\n", caps, caps)
		b.WriteString("  Remote Management Address\n\n")
		if n.Phone {
			b.WriteString("  MED Information Detail \n    EndpointClass          :Class3\n    Poe Device Type        :PD\n")
			b.WriteString("    Power Requested        :6.9 W\n    Power Source           :From PSE\n    Power Priority         :Low\n\n")
		}
	}
	return b.String()
}

func (d *AOSS) showPoEBrief() string {
	used := 0.0
	for _, p := range d.ports {
		if aossDraw(p) > 0 {
			used += aossDraw(p)
		}
	}
	var b strings.Builder
	b.WriteString("\n Status and Counters - Port Power Status\n\n")
	fmt.Fprintf(&b, "  Available: 370 W  Used: %.1f W  Remaining: %.1f W\n\n", used, 370-used)
	b.WriteString("  PoE  | Power  Power    Alloc  Alloc  Actual Configured  Detection   Power\n")
	b.WriteString("  Port | Enable Priority By     Power  Power  Type        Status      Class\n")
	b.WriteString("  ---- + ------ -------- ------ ------ ------ ----------- ----------- -----\n")
	for _, p := range d.ports {
		if !p.PoE {
			continue
		}
		det, class := "Searching", 0
		switch {
		case p.PoEOff:
			det = "Disabled"
		case aossDraw(p) > 0:
			det, class = "Delivering", 2
		}
		fmt.Fprintf(&b, "  %-4s | %-6s %-8s %-6s %-6s %-6s %-11s %-11s %d\n", p.Name, yesNo(!p.PoEOff), "low", "usage",
			"17 W", fmt.Sprintf("%.1f W", aossDraw(p)), "", det, class)
	}
	return b.String()
}

// aossDraw is what a port's device draws: phones take 6.9 W.
func aossDraw(p *AOSSPort) float64 {
	if p.PoE && !p.PoEOff && p.Neighbor != nil && p.Neighbor.Phone {
		return 6.9
	}
	return 0
}
