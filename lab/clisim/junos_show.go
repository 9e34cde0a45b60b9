package clisim

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// show runs an operational `show` command (args after "show"); ok is
// false for one the emulator does not know. mu is held.
func (s *junosShell) show(args string, pipes []string) (string, bool) {
	c := s.d.committed()
	switch args {
	case "version":
		h := c.values("system host-name")
		host := "switch"
		if len(h) > 0 {
			host = h[0]
		}
		return "fpc0:\n--------------------------------------------------------------------------\nHostname: " + host +
			"\nModel: " + s.d.Model + "\nJunos: " + s.d.Release + "\nJUNOS OS Kernel 32-bit  [20220706.35fd5e8_builder_stable_11]\n", true
	case "vlans":
		return s.d.showVLANs(c), true
	case "ethernet-switching interface", "ethernet-switching interfaces":
		return s.d.showSwitching(c), true
	case "lldp neighbors":
		return s.d.showLLDP(c), true
	case "poe interface":
		return s.d.showPoE(c), true
	}
	if port, ok := strings.CutPrefix(args, "lldp neighbors interface "); ok {
		return s.d.showLLDPDetail(c, strings.TrimSuffix(port, ".0")), true
	}
	switch args {
	case "configuration":
		if slices.Contains(pipes, "display set") {
			return c.displaySet(), true
		}
		return "## voxlan's Junos emulator prints the configuration in set form only (| display set)\n" + c.displaySet(), true
	}
	return "", false
}

// junosCovered: the protocol under stanza ("protocols lldp", "poe") runs
// on port.
func junosCovered(c junosConfig, stanza, port string) bool {
	if c.has(stanza + " disable") {
		return false
	}
	switch {
	case c.has(stanza + " interface " + port + " disable"):
		return false
	case c.has(stanza + " interface " + port):
		return true
	}
	return c.has(stanza + " interface all")
}

// junosMembership is one unit's VLANs: name, id and tagged.
type junosMembership struct {
	name   string
	id     int
	tagged bool
}

// membership is what the configuration makes of port's unit 0: its VLANs
// with their tagging, ok false when the port is not a switching port.
func (c junosConfig) membership(port string) ([]junosMembership, bool) {
	es := "interfaces " + port + " unit 0 family ethernet-switching"
	if !slices.ContainsFunc(c, func(s string) bool { return s == es || strings.HasPrefix(s, es+" ") }) {
		return nil, false
	}
	trunk := c.has(es + " interface-mode trunk")
	native := 0
	if v := c.values("interfaces " + port + " native-vlan-id"); len(v) > 0 {
		fmt.Sscan(v[0], &native)
	}
	var out []junosMembership
	for _, m := range c.values(es + " vlan members") {
		name, id, ok := c.resolveVLAN(m)
		if !ok {
			continue
		}
		out = append(out, junosMembership{name: name, id: id, tagged: trunk && id != native})
	}
	if len(out) == 0 && !trunk {
		if name, id, ok := c.resolveVLAN("1"); ok {
			out = append(out, junosMembership{name: name, id: id})
		}
	}
	if v := c.values("switch-options voip interface " + port + ".0 vlan"); len(v) > 0 {
		if name, id, ok := c.resolveVLAN(v[0]); ok {
			out = append(out, junosMembership{name: name, id: id, tagged: true})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out, true
}

// showVLANs is ELS `show vlans`: the layout of the real sample in
// ntc-templates (instance, name, tag, member units below).
func (d *Junos) showVLANs(c junosConfig) string {
	var b strings.Builder
	b.WriteString("\nRouting instance        VLAN name             Tag          Interfaces\n")
	ids := c.vlanIDs()
	names := make([]string, 0, len(ids))
	for n := range ids {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return ids[names[i]] < ids[names[j]] })
	for _, n := range names {
		fmt.Fprintf(&b, "%-23s %-21s %-12d\n", "default-switch", n, ids[n])
		for _, p := range d.ports {
			ms, _ := c.membership(p.Name)
			for _, m := range ms {
				if m.name == n {
					star := ""
					if p.Neighbor != nil {
						star = "*"
					}
					fmt.Fprintf(&b, "%59s%s.0%s\n", "", p.Name, star)
				}
			}
		}
	}
	return b.String()
}

// showSwitching is ELS `show ethernet-switching interface` (Junos
// command reference layout).
func (d *Junos) showSwitching(c junosConfig) string {
	var b strings.Builder
	b.WriteString("Routing Instance Name : default-switch\nLogical Interface flags (DL - disable learning, AD - packet action drop,\n" +
		"                         LH - MAC limit hit, DN - interface down,\n" +
		"                         MMAS - Mac-move action shutdown, AS - Autostate-exclude enabled,\n" +
		"                         SCTL - shutdown by Storm-control, MI - MAC+IP limit hit)\n\n" +
		"Logical         Vlan          TAG     MAC         MAC+IP      STP         Logical           Tagging\n" +
		"interface       members               limit       limit       state       interface flags\n")
	for _, p := range d.ports {
		ms, ok := c.membership(p.Name)
		if !ok {
			continue
		}
		flag, stp, tagging := "", "Forwarding", "untagged"
		if p.Neighbor == nil {
			flag, stp = "DN", "Discarding"
		}
		for _, m := range ms {
			if m.tagged {
				tagging = "tagged"
			}
		}
		fmt.Fprintf(&b, "%-16s%-14s%-8s%-12s%-12s%-12s%-18s%s\n", p.Name+".0", "", "", "16383", "8192", "", flag, tagging)
		for _, m := range ms {
			t := "untagged"
			if m.tagged {
				t = "tagged"
			}
			fmt.Fprintf(&b, "%-16s%-14s%-8d%-12s%-12s%-12s%-18s%s\n", "", m.name, m.id, "16383", "8192", stp, "", t)
		}
	}
	return b.String()
}

// showLLDP is `show lldp neighbors` (the real sample's layout).
func (d *Junos) showLLDP(c junosConfig) string {
	var b strings.Builder
	b.WriteString("Local Interface    Parent Interface    Chassis Id          Port info          System Name\n")
	if c.has("protocols lldp disable") {
		return b.String()
	}
	for _, p := range d.ports {
		if p.Neighbor == nil || !junosCovered(c, "protocols lldp", p.Name) {
			continue
		}
		n := p.Neighbor
		fmt.Fprintf(&b, "%-18s %-19s %-19s %-18s %s\n", p.Name, "-", n.ChassisID, n.PortID, n.SysName)
	}
	return b.String()
}

// showPoE is `show poe interface`.
func (d *Junos) showPoE(c junosConfig) string {
	var b strings.Builder
	b.WriteString("Interface    Admin       Oper    Max        Priority       Power          Class\n" +
		"             status      status  power                     consumption\n")
	for _, p := range d.ports {
		if !p.PoE {
			continue
		}
		admin, oper, power, class := "Disabled", "OFF", "0.0W", "not-applicable"
		if junosCovered(c, "poe", p.Name) {
			admin = "Enabled"
			if p.Neighbor != nil && p.Neighbor.Phone {
				oper, power, class = "ON", "5.3W", "2"
			}
		}
		fmt.Fprintf(&b, "%-12s %-11s %-7s %-10s %-14s %-14s %s\n", p.Name, admin, oper, "30.0W", "Low", power, class)
	}
	return b.String()
}

// junosCapWords are the capability letters' words in Junos' detail.
var junosCapWords = map[string]string{"B": "Bridge", "R": "Router", "T": "Telephone", "W": "WLAN-Access-Point", "S": "Station-Only"}

// showLLDPDetail is `show lldp neighbors interface P` (the layout of
// Juniper's EX command reference sample).
func (d *Junos) showLLDPDetail(c junosConfig, port string) string {
	for _, p := range d.ports {
		if p.Name != port || p.Neighbor == nil || !junosCovered(c, "protocols lldp", p.Name) {
			continue
		}
		n := p.Neighbor
		var caps []string
		for _, l := range strings.Split(n.Caps, ",") {
			if w, ok := junosCapWords[strings.TrimSpace(l)]; ok {
				caps = append(caps, w)
			}
		}
		capText := strings.Join(caps, " ")
		return "LLDP Neighbor Information:\nLocal Information:\nIndex: 1 Time to live: 120 Time mark: Sat Dec  5 18:00:00 2026 Age: 12 secs\n" +
			"Local Interface    : " + p.Name + "\nParent Interface   : -\nLocal Port ID      : 513\nAgeout Count       : 0\n\n" +
			"Neighbour Information:\nChassis type       : Mac address\nChassis ID         : " + n.ChassisID +
			"\nPort type          : Locally assigned\nPort ID            : " + n.PortID +
			"\nPort description   : " + n.PortDescr + "\nSystem name        : " + n.SysName +
			"\n\nSystem Description : " + n.SysDescr + "\n\nSystem capabilities\n        Supported: " + capText +
			"\n        Enabled  : " + capText + "\n"
	}
	return ""
}
