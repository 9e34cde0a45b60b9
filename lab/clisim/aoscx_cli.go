package clisim

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// The AOS-CX command grammar: manager (#), config, interface, VLAN and
// VLAN-interface contexts.

func (s *cxShell) patterns() []pattern {
	d := s.d
	lock := func(f func([]string) string) func([]string) string { return locked(&d.mu, f) }
	ps := []pattern{
		pat("show version", lock(func([]string) string { return d.showVersion() })),
		pat("show vlan", lock(func([]string) string { return d.showVLAN() })),
		pat("show lldp neighbor-info detail", lock(func([]string) string { return d.showLLDPDetail() })),
		pat("show running-config", lock(func([]string) string { return d.runningConfig() })),
		pat("no page", func([]string) string { s.length = 0; return "" }),
		pat("page", func([]string) string { s.length = 24; return "" }),
	}
	if s.mode == "exec" {
		return append(ps,
			pat("write memory", lock(func([]string) string {
				d.saved = d.runningConfig()
				return "Configuration changes will take time to process, please be patient.\n"
			})),
			pat("copy running-config startup-config", lock(func([]string) string { d.saved = d.runningConfig(); return "Success\n" })),
			pat("checkpoint auto <n>", lock(func(a []string) string { return d.checkpointAuto(a[0]) })),
			pat("checkpoint auto confirm", lock(func([]string) string { return d.checkpointConfirm() })),
			pat("exit", func([]string) string { return logoutMarker }),
			pat("configure terminal", func([]string) string { s.mode = "config"; return "" }),
		)
	}
	ps = append(ps,
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
		pat("lldp", lock(func([]string) string { d.st.LLDPOff = false; return "" })),
		pat("no lldp", lock(func([]string) string { d.st.LLDPOff = true; return "" })),
		pat("interface <word>", lock(func(a []string) string {
			if d.port(a[0]) == nil {
				return "Invalid input: " + a[0] + "\n"
			}
			s.mode, s.iface = "if", a[0]
			return ""
		})),
		pat("interface vlan <vlan>", lock(func(a []string) string {
			id, _ := strconv.Atoi(a[0])
			if d.st.VLANs[id] == nil {
				return "VLAN " + a[0] + " doesn't exist.\n"
			}
			s.mode, s.vlan = "svi", id
			return ""
		})),
	)
	if s.mode != "if" {
		// In an interface context "vlan" starts the port's own commands.
		ps = append(ps,
			pat("vlan <word>", lock(func(a []string) string { return s.enterVLAN(a[0]) })),
			pat("no vlan <vlan>", lock(func(a []string) string { return s.removeVLAN(a[0]) })))
	}
	switch s.mode {
	case "vlan":
		v := func() *CXVLAN { return d.st.VLANs[s.vlan] }
		ps = append(ps,
			pat("name <rest>", lock(func(a []string) string { v().Name = a[0]; return "" })),
			pat("no name", lock(func([]string) string { v().Name = "VLAN" + strconv.Itoa(s.vlan); return "" })),
			pat("voice", lock(func([]string) string { v().Voice = true; return "" })),
			pat("no voice", lock(func([]string) string { v().Voice = false; return "" })),
		)
	case "svi":
		ps = append(ps,
			pat("ip address <word>", lock(func(a []string) string { d.st.SVIs[s.vlan] = a[0]; return "" })),
			pat("no ip address", lock(func([]string) string { delete(d.st.SVIs, s.vlan); return "" })),
		)
	case "if":
		ps = append(ps, s.interfacePatterns(lock)...)
	}
	return ps
}

func (s *cxShell) interfacePatterns(lock func(func([]string) string) func([]string) string) []pattern {
	d := s.d
	port := func() *CXPort { return d.port(s.iface) }
	acts := portActions[CXPort]{mu: &d.mu, port: port, refuse: func(p *CXPort) string {
		if p.Routed {
			return "Interface " + p.Name + " is not a layer 2 interface. Use 'no routing' first.\n"
		}
		return ""
	}}
	flag, layer2 := acts.flag, acts.guarded
	return []pattern{
		pat("shutdown", flag(func(p *CXPort) { p.Shutdown = true })),
		pat("no shutdown", flag(func(p *CXPort) { p.Shutdown = false })),
		pat("routing", flag(func(p *CXPort) {
			*p = CXPort{Name: p.Name, Descr: p.Descr, Shutdown: p.Shutdown, Routed: true, PoE: p.PoE, PoEOff: p.PoEOff, Neighbor: p.Neighbor}
		})),
		pat("no routing", flag(func(p *CXPort) { p.Routed = false })),
		pat("description <rest>", lock(func(a []string) string { port().Descr = a[0]; return "" })),
		pat("no description", flag(func(p *CXPort) { p.Descr = "" })),
		pat("vlan access <vlan>", layer2(func(p *CXPort, a []string) string {
			id, _ := strconv.Atoi(a[0])
			if d.st.VLANs[id] == nil {
				return "VLAN " + a[0] + " doesn't exist.\n"
			}
			// An access VLAN turns a trunk back into an access port.
			p.Trunk, p.Native, p.NativeTag, p.Allowed, p.AllowedAll, p.Access = false, 0, false, nil, false, id
			return ""
		})),
		pat("no vlan access", layer2(func(p *CXPort, _ []string) string { p.Access = 0; return "" })),
		pat("vlan trunk native <vlan>", layer2(func(p *CXPort, a []string) string { return d.setNative(p, a[0], false) })),
		pat("vlan trunk native <vlan> tag", layer2(func(p *CXPort, a []string) string { return d.setNative(p, a[0], true) })),
		pat("no vlan trunk native", layer2(func(p *CXPort, _ []string) string { p.Native, p.NativeTag = 0, false; return "" })),
		pat("vlan trunk allowed <word>", layer2(func(p *CXPort, a []string) string { return d.setAllowed(p, a[0], true) })),
		pat("no vlan trunk allowed <word>", layer2(func(p *CXPort, a []string) string { return d.setAllowed(p, a[0], false) })),
		pat("power-over-ethernet", lock(func([]string) string { return d.setPoE(port(), false) })),
		pat("no power-over-ethernet", lock(func([]string) string { return d.setPoE(port(), true) })),
		pat("lldp transmit", flag(func(p *CXPort) { p.LLDPTxOff = false })),
		pat("no lldp transmit", flag(func(p *CXPort) { p.LLDPTxOff = true })),
		pat("lldp receive", flag(func(p *CXPort) { p.LLDPRxOff = false })),
		pat("no lldp receive", flag(func(p *CXPort) { p.LLDPRxOff = true })),
		pat("lldp med network-policy", flag(func(p *CXPort) { p.MEDOff = false })),
		pat("no lldp med network-policy", flag(func(p *CXPort) { p.MEDOff = true })),
	}
}

// enterVLAN is `vlan 20` (create, enter its context) or `vlan 20,30-32`
// (create them).
func (s *cxShell) enterVLAN(list string) string {
	ids, bad := cxVLANList(list)
	if bad != "" {
		return bad
	}
	for _, id := range ids {
		if s.d.st.VLANs[id] == nil {
			s.d.st.VLANs[id] = &CXVLAN{ID: id, Name: "VLAN" + strconv.Itoa(id)}
		}
	}
	if len(ids) == 1 {
		s.mode, s.vlan = "vlan", ids[0]
	}
	return ""
}

// removeVLAN is `no vlan N`: access ports in it fall back to VLAN 1, trunks
// lose it from their allowed list (a native VLAN becomes 1).
func (s *cxShell) removeVLAN(arg string) string {
	d := s.d
	id, _ := strconv.Atoi(arg)
	if id == 1 {
		return "The default VLAN cannot be deleted.\n"
	}
	if d.st.VLANs[id] == nil {
		return "VLAN " + arg + " doesn't exist.\n"
	}
	delete(d.st.VLANs, id)
	delete(d.st.SVIs, id)
	for _, p := range d.st.Ports {
		if p.Access == id {
			p.Access = 0
		}
		if p.Native == id {
			p.Native = 1
		}
		p.Allowed = deleteInt(p.Allowed, id)
	}
	if s.mode == "vlan" && s.vlan == id {
		s.mode = "config"
	}
	return ""
}

func deleteInt(s []int, v int) []int {
	out := s[:0:0]
	for _, x := range s {
		if x != v {
			out = append(out, x)
		}
	}
	return out
}

func (d *AOSCX) setNative(p *CXPort, arg string, tag bool) string {
	id, _ := strconv.Atoi(arg)
	if d.st.VLANs[id] == nil {
		return "VLAN " + arg + " doesn't exist.\n"
	}
	if !p.Trunk {
		p.Trunk, p.Access = true, 0
	}
	p.Native, p.NativeTag = id, tag
	return ""
}

// setAllowed adds to (or takes from) a trunk's allowed VLANs; `vlan trunk
// allowed` makes an access port a trunk with native VLAN 1.
func (d *AOSCX) setAllowed(p *CXPort, list string, add bool) string {
	if list == "all" {
		p.AllowedAll, p.Allowed = add, nil
		if add && !p.Trunk {
			p.Trunk, p.Access, p.Native = true, 0, 1
		}
		return ""
	}
	ids, bad := cxVLANList(list)
	if bad != "" {
		return bad
	}
	if !add {
		for _, id := range ids {
			p.Allowed = deleteInt(p.Allowed, id)
		}
		return ""
	}
	for _, id := range ids {
		if d.st.VLANs[id] == nil {
			return "VLAN " + strconv.Itoa(id) + " doesn't exist.\n"
		}
	}
	if !p.Trunk {
		p.Trunk, p.Access, p.Native = true, 0, 1
	}
	for _, id := range ids {
		if !slices.Contains(p.Allowed, id) {
			p.Allowed = append(p.Allowed, id)
		}
	}
	slices.Sort(p.Allowed)
	return ""
}

func (d *AOSCX) setPoE(p *CXPort, off bool) string {
	if !p.PoE {
		return "Invalid input: power-over-ethernet\n"
	}
	p.PoEOff = off
	return ""
}

// checkpointAuto starts checkpoint auto mode for n minutes (1-60).
func (d *AOSCX) checkpointAuto(arg string) string {
	n, _ := strconv.Atoi(arg)
	if n < 1 || n > 60 {
		return "Invalid input: " + arg + "\n"
	}
	if d.checkpoint != nil {
		return "Checkpoint auto mode is already enabled.\n"
	}
	unit := d.CheckpointMinute
	if unit == 0 {
		unit = time.Minute
	}
	cp := d.st.clone()
	d.checkpoint, d.deadline = cp, d.now().Add(time.Duration(n)*unit)
	d.timer = time.AfterFunc(time.Duration(n)*unit, func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		if d.checkpoint == cp {
			d.st, d.checkpoint = cp, nil
			d.reverts++
		}
	})
	return "Auto checkpoint mode expires in " + arg + " minute(s)\n"
}

func (d *AOSCX) checkpointConfirm() string {
	if d.checkpoint == nil {
		return "Checkpoint auto mode is not enabled.\n"
	}
	d.checkpoint = nil
	if d.timer != nil {
		d.timer.Stop()
	}
	return "checkpoint AUTO" + d.now().UTC().Format("20060102150405") + " created\n"
}

// cxVLANList reads "20", "20,30-32".
func cxVLANList(s string) ([]int, string) {
	var ids []int
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		b := a
		if isRange && err == nil {
			b, err = strconv.Atoi(hi)
		}
		if err != nil || a < 1 || b > 4094 || b < a || b-a > 4094 {
			return nil, "Invalid input: " + s + "\n"
		}
		for v := a; v <= b; v++ {
			ids = append(ids, v)
		}
	}
	return ids, ""
}
