package clisim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The OS10 command grammar: EXEC (#), CONFIGURATION, INTERFACE and VLAN
// INTERFACE modes. Texts of errors OS10 gives for a valid command it cannot
// carry out (an unknown VLAN, a policy still in use) are the emulator's own,
// each starting with OS10's "% Error: ".

func (s *os10Shell) patterns() []pattern {
	d := s.d
	lock := func(f func([]string) string) func([]string) string { return locked(&d.mu, f) }
	if s.mode == "exec" {
		save := lock(func([]string) string { d.saved = d.runningConfig(); return "" })
		return []pattern{
			pat("show version", lock(func([]string) string { return d.showVersion() })),
			pat("show vlan", lock(func([]string) string { return d.showVLAN() })),
			pat("show interface status", lock(func([]string) string { return d.showInterfaceStatus() })),
			pat("show lldp neighbors", lock(func([]string) string { return d.showLLDPNeighbors() })),
			pat("show lldp neighbors detail", lock(func([]string) string { return d.showLLDPDetail() })),
			pat("show running-configuration", lock(func([]string) string { return d.runningConfig() })),
			pat("terminal length <n>", func(a []string) string { s.length, _ = strconv.Atoi(a[0]); return "" }),
			pat("copy running-configuration startup-configuration", save),
			pat("write memory", save),
			pat("configure terminal", func([]string) string { s.mode = "config"; return "" }),
			pat("exit", func([]string) string { return logoutMarker }),
		}
	}
	ps := []pattern{
		pat("exit", func([]string) string {
			if s.mode == "config" {
				s.mode = "exec"
			} else {
				s.mode = "config"
			}
			return ""
		}),
		pat("end", func([]string) string { s.mode = "exec"; return "" }),
		pat("hostname <word>", lock(func(a []string) string { d.st.Hostname = a[0]; return "" })),
		pat("lldp enable", lock(func([]string) string { d.st.LLDPOff = false; return "" })),
		pat("no lldp enable", lock(func([]string) string { d.st.LLDPOff = true; return "" })),
		pat("lldp med network-policy <n> app <word> vlan <vlan> vlan-type <word> priority <n> dscp <n>",
			lock(func(a []string) string { return d.setPolicy(a) })),
		pat("no lldp med network-policy <n>", lock(func(a []string) string { return d.removePolicy(a[0]) })),
		pat("interface <word>", lock(func(a []string) string { return s.enterInterface(a[0]) })),
		pat("interface <word> <word>", lock(func(a []string) string { return s.enterInterface(a[0] + a[1]) })),
		pat("no interface <word>", lock(func(a []string) string { return s.removeVLAN(a[0]) })),
		pat("no interface <word> <word>", lock(func(a []string) string { return s.removeVLAN(a[0] + a[1]) })),
	}
	switch s.mode {
	case "vlan":
		v := func() *OS10VLAN { return d.st.VLANs[s.vlan] }
		ps = append(ps,
			pat("description <rest>", lock(func(a []string) string { v().Descr = a[0]; return "" })),
			pat("no description", lock(func([]string) string { v().Descr = ""; return "" })),
			pat("ip address <word>", lock(func(a []string) string { v().Address = a[0]; return "" })),
			pat("no ip address", lock(func([]string) string { v().Address = ""; return "" })),
			pat("no shutdown", func([]string) string { return "" }),
		)
	case "if":
		ps = append(ps, s.interfacePatterns(lock)...)
	}
	return ps
}

func (s *os10Shell) interfacePatterns(lock func(func([]string) string) func([]string) string) []pattern {
	d := s.d
	port := func() *OS10Port { return d.port(s.iface) }
	acts := portActions[OS10Port]{mu: &d.mu, port: port, refuse: func(p *OS10Port) string {
		if p.Routed {
			return "% Error: " + p.Name + " is not a switchport; configure `switchport` first.\n"
		}
		return ""
	}}
	flag, layer2 := acts.flag, acts.guarded
	return []pattern{
		pat("shutdown", flag(func(p *OS10Port) { p.Shutdown = true })),
		pat("no shutdown", flag(func(p *OS10Port) { p.Shutdown = false })),
		pat("description <rest>", lock(func(a []string) string { port().Descr = a[0]; return "" })),
		pat("no description", flag(func(p *OS10Port) { p.Descr = "" })),
		pat("no switchport", flag(func(p *OS10Port) {
			*p = OS10Port{Name: p.Name, Descr: p.Descr, Shutdown: p.Shutdown, Routed: true, Neighbor: p.Neighbor}
		})),
		pat("switchport", flag(func(p *OS10Port) { p.Routed = false })),
		pat("switchport mode <word>", layer2(func(p *OS10Port, a []string) string {
			switch a[0] {
			case "trunk":
				p.Trunk = true
			case "access":
				// An access port carries its access VLAN only.
				p.Trunk, p.Allowed = false, nil
			default:
				return os10Invalid
			}
			return ""
		})),
		pat("switchport access vlan <vlan>", layer2(func(p *OS10Port, a []string) string {
			id, _ := strconv.Atoi(a[0])
			if d.st.VLANs[id] == nil {
				return fmt.Sprintf("%% Error: VLAN %d does not exist.\n", id)
			}
			if slices.Contains(p.Allowed, id) {
				return fmt.Sprintf("%% Error: VLAN %d is already a tagged VLAN of %s.\n", id, p.Name)
			}
			p.Access = id
			return ""
		})),
		pat("no switchport access vlan", layer2(func(p *OS10Port, _ []string) string { p.Access = 0; return "" })),
		pat("switchport trunk allowed vlan <word>", layer2(func(p *OS10Port, a []string) string { return d.setAllowed(p, a[0], true) })),
		pat("no switchport trunk allowed vlan <word>", layer2(func(p *OS10Port, a []string) string { return d.setAllowed(p, a[0], false) })),
		pat("lldp transmit", flag(func(p *OS10Port) { p.LLDPTxOff = false })),
		pat("no lldp transmit", flag(func(p *OS10Port) { p.LLDPTxOff = true })),
		pat("lldp receive", flag(func(p *OS10Port) { p.LLDPRxOff = false })),
		pat("no lldp receive", flag(func(p *OS10Port) { p.LLDPRxOff = true })),
		pat("lldp med network-policy add <n>", lock(func(a []string) string { return d.portPolicy(port(), a[0], true) })),
		pat("lldp med network-policy remove <n>", lock(func(a []string) string { return d.portPolicy(port(), a[0], false) })),
		pat("channel-group <n>", lock(func(a []string) string { port().ChannelGroup, _ = strconv.Atoi(a[0]); return "" })),
		pat("no channel-group", flag(func(p *OS10Port) { p.ChannelGroup = 0 })),
	}
}

// enterInterface is `interface ethernet1/1/1` (also "ethernet 1/1/1") or
// `interface vlan20` (creating the VLAN).
func (s *os10Shell) enterInterface(name string) string {
	n := strings.ToLower(name)
	if rest, ok := strings.CutPrefix(n, "vlan"); ok {
		id, err := strconv.Atoi(rest)
		if err != nil || id < 1 || id > 4094 {
			return os10Invalid
		}
		if s.d.st.VLANs[id] == nil {
			s.d.st.VLANs[id] = &OS10VLAN{ID: id}
		}
		s.mode, s.vlan = "vlan", id
		return ""
	}
	p := s.d.port(n)
	if p == nil || !strings.HasPrefix(n, "e") {
		return os10Invalid
	}
	s.mode, s.iface = "if", p.Name
	return ""
}

// removeVLAN is `no interface vlanN`: access ports in it fall back to VLAN
// 1, trunks lose it from their tagged VLANs.
func (s *os10Shell) removeVLAN(name string) string {
	d := s.d
	rest, ok := strings.CutPrefix(strings.ToLower(name), "vlan")
	id, err := strconv.Atoi(rest)
	if !ok || err != nil || id < 1 || id > 4094 {
		return os10Invalid
	}
	if id == 1 {
		return "% Error: The default VLAN cannot be deleted.\n"
	}
	if d.st.VLANs[id] == nil {
		return fmt.Sprintf("%% Error: VLAN %d does not exist.\n", id)
	}
	delete(d.st.VLANs, id)
	for _, p := range d.st.Ports {
		if p.Access == id {
			p.Access = 0
		}
		p.Allowed = deleteInt(p.Allowed, id)
	}
	if s.mode == "vlan" && s.vlan == id {
		s.mode = "config"
	}
	return ""
}

// setAllowed adds VLANs to (or takes them from) a trunk's tagged VLANs.
func (d *OS10) setAllowed(p *OS10Port, list string, add bool) string {
	if !p.Trunk {
		return "% Error: " + p.Name + " is not in trunk mode.\n"
	}
	ids, bad := cxVLANList(list)
	if bad != "" {
		return os10Invalid
	}
	if !add {
		for _, id := range ids {
			p.Allowed = deleteInt(p.Allowed, id)
		}
		return ""
	}
	for _, id := range ids {
		if d.st.VLANs[id] == nil {
			return fmt.Sprintf("%% Error: VLAN %d does not exist.\n", id)
		}
		if id == max(p.Access, 1) {
			return fmt.Sprintf("%% Error: VLAN %d is the access VLAN of %s.\n", id, p.Name)
		}
	}
	for _, id := range ids {
		if !slices.Contains(p.Allowed, id) {
			p.Allowed = append(p.Allowed, id)
		}
	}
	slices.Sort(p.Allowed)
	return ""
}

// os10Apps are the LLDP-MED application types `app` accepts.
var os10Apps = []string{"voice", "voice-signaling", "guest-voice", "guest-voice-signaling", "softphone-voice",
	"video-conferencing", "streaming-video", "video-signaling"}

// setPolicy is `lldp med network-policy N app A vlan V vlan-type tag|untag
// priority P dscp D` (N 1-32, P 0-7, D 0-63).
func (d *OS10) setPolicy(a []string) string {
	n, _ := strconv.Atoi(a[0])
	vlan, _ := strconv.Atoi(a[2])
	prio, _ := strconv.Atoi(a[4])
	dscp, _ := strconv.Atoi(a[5])
	if n < 1 || n > 32 || !slices.Contains(os10Apps, a[1]) || (a[3] != "tag" && a[3] != "untag") ||
		prio < 0 || prio > 7 || dscp < 0 || dscp > 63 {
		return os10Invalid
	}
	d.st.Policies[n] = &OS10Policy{App: a[1], VLAN: vlan, Tagged: a[3] == "tag", Priority: prio, DSCP: dscp}
	return ""
}

func (d *OS10) removePolicy(arg string) string {
	n, _ := strconv.Atoi(arg)
	if d.st.Policies[n] == nil {
		return fmt.Sprintf("%% Error: Network policy %d does not exist.\n", n)
	}
	for _, p := range d.st.Ports {
		if slices.Contains(p.Policies, n) {
			return fmt.Sprintf("%% Error: Network policy %d is in use on %s.\n", n, p.Name)
		}
	}
	delete(d.st.Policies, n)
	return ""
}

// portPolicy is `lldp med network-policy add|remove N` on a port.
func (d *OS10) portPolicy(p *OS10Port, arg string, add bool) string {
	n, _ := strconv.Atoi(arg)
	if d.st.Policies[n] == nil {
		return fmt.Sprintf("%% Error: Network policy %d does not exist.\n", n)
	}
	if !add {
		p.Policies = deleteInt(p.Policies, n)
		return ""
	}
	if !slices.Contains(p.Policies, n) {
		p.Policies = append(p.Policies, n)
		slices.Sort(p.Policies)
	}
	return ""
}
