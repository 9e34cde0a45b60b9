package clisim

import (
	"slices"
	"strconv"
	"strings"
)

// The OmniSwitch commands: AOS 6 per the AOS 6.7.1 CLI Reference Guide,
// AOS 8 per the AOS 8.10R1 CLI Reference Guide (docs/ale_aos.md).

func (s *omniShell) patterns() []pattern {
	d := s.d
	lock := func(f func(args []string) string) func([]string) string { return locked(&d.mu, f) }
	num := func(a string) int { n, _ := strconv.Atoi(a); return n }
	ps := []pattern{
		pat("show system", lock(func([]string) string { return d.showSystem() })),
		pat("show microcode", lock(func([]string) string { return d.showMicrocode() })),
		pat("show vlan", lock(func([]string) string { return d.showVLAN() })),
		pat("show lldp remote-system", lock(func([]string) string { return d.showLLDPRemote() })),
		pat("show interfaces status", lock(func([]string) string { return d.showInterfacesStatus() })),
		pat("show configuration snapshot", lock(func([]string) string { return d.snapshot() })),
		pat("show running-directory", lock(func([]string) string { return d.showRunningDirectory() })),
		pat("write memory", lock(func([]string) string { d.working = d.snapshot(); return "" })),
		pat("write memory flash-synchro", lock(func([]string) string {
			d.working = d.snapshot()
			d.certified = d.working
			return ""
		})),
		pat("exit", func([]string) string { return logoutMarker }),
		pat("logout", func([]string) string { return logoutMarker }),
		pat("system name <rest>", lock(func(a []string) string { d.st.Hostname = strings.Trim(a[0], `"`); return "" })),
		pat("vlan <vlan>", lock(func(a []string) string { d.vlan(num(a[0])); return "" })),
		pat("vlan <vlan> name <rest>", lock(func(a []string) string { d.vlan(num(a[0])).Name = strings.Trim(a[1], `"`); return "" })),
		pat("no vlan <vlan>", lock(func(a []string) string { return d.noVLAN(num(a[0])) })),
		pat("lldp network-policy <n> application <word> vlan <vlan> l2-priority <n> dscp <n>", lock(func(a []string) string {
			return d.setPolicy(num(a[0]), a[1], num(a[2]), num(a[3]), num(a[4]))
		})),
		pat("no lldp network-policy <n>", lock(func(a []string) string { return d.noPolicy(num(a[0])) })),
		pat("lldp chassis lldpdu <word>", lock(func(a []string) string {
			if !slices.Contains([]string{"tx-and-rx", "tx", "rx", "disable"}, a[0]) {
				return omniInvalid("lldp chassis lldpdu "+a[0], len("lldp chassis lldpdu "))
			}
			d.st.LLDPOff = a[0] == "disable"
			return ""
		})),
		pat("lldp chassis med network-policy <n>", lock(func(a []string) string { return d.bind(d.st.Ports, num(a[0]), true) })),
		pat("lldp chassis tlv med network-policy <word>", lock(func(a []string) string { return d.tlv(d.st.Ports, a[0]) })),
	}
	if d.Release == 6 {
		return append(ps, s.aos6Patterns(lock, num)...)
	}
	return append(ps, d.aos8Patterns(lock, num)...)
}

// aos6Patterns: slot/port syntax, `port default` and `802.1q`, per-session
// `more`.
func (s *omniShell) aos6Patterns(lock func(func([]string) string) func([]string) string, num func(string) int) []pattern {
	d := s.d
	on := func(f func(ps []*OmniPort, a []string) string) func([]string) string {
		return lock(func(a []string) string {
			ps := d.ports(a[len(a)-1])
			if ps == nil {
				return omniBadPort(a[len(a)-1])
			}
			return f(ps, a)
		})
	}
	onFirst := func(f func(ps []*OmniPort, a []string) string) func([]string) string {
		return lock(func(a []string) string {
			ps := d.ports(a[0])
			if ps == nil {
				return omniBadPort(a[0])
			}
			return f(ps, a[1:])
		})
	}
	return []pattern{
		pat("show vlan port", lock(func([]string) string { return d.showVLANPorts("default", "qtagged") })),
		pat("copy working certified", lock(func([]string) string { d.certified = d.working; return "" })),
		pat("more", func([]string) string { s.more, s.moreSize = true, max(s.moreSize, 24); return "" }),
		pat("more size <n>", func(a []string) string { s.more, s.moreSize = true, max(num(a[0]), 2); return "" }),
		pat("no more", func([]string) string { s.more = false; return "" }),
		pat("vlan <vlan> enable", lock(func(a []string) string { d.vlan(num(a[0])).Disabled = false; return "" })),
		pat("vlan <vlan> disable", lock(func(a []string) string { d.vlan(num(a[0])).Disabled = true; return "" })),
		pat("vlan <vlan> port default <word>", on(func(ps []*OmniPort, a []string) string { return d.setDefault(ps, num(a[0])) })),
		pat("vlan <vlan> no port default <word>", on(func(ps []*OmniPort, a []string) string { return d.noDefault(ps, num(a[0])) })),
		pat("vlan <vlan> 802.1q <word>", on(func(ps []*OmniPort, a []string) string { return d.tag(ps, num(a[0])) })),
		pat("vlan <vlan> 802.1q <word> <rest>", lock(func(a []string) string {
			ps := d.ports(a[1])
			if ps == nil {
				return omniBadPort(a[1])
			}
			return d.tag(ps, num(a[0]))
		})),
		pat("vlan <vlan> no 802.1q <word>", on(func(ps []*OmniPort, a []string) string { return d.untag(ps, num(a[0])) })),
		pat("lldp <word> med network-policy <n>", onFirst(func(ps []*OmniPort, a []string) string { return d.bind(ps, num(a[0]), true) })),
		pat("no lldp <word> med network-policy <n>", onFirst(func(ps []*OmniPort, a []string) string { return d.bind(ps, num(a[0]), false) })),
		pat("lldp <word> tlv med network-policy <word>", onFirst(func(ps []*OmniPort, a []string) string { return d.tlv(ps, a[0]) })),
		pat("lldp <word> lldpdu <word>", onFirst(func(ps []*OmniPort, a []string) string { return d.lldpdu(ps, a[0]) })),
		pat("lanpower start <word>", lock(func(a []string) string { return d.lanpower6(a[0], true) })),
		pat("lanpower stop <word>", lock(func(a []string) string { return d.lanpower6(a[0], false) })),
		pat("interfaces <word> admin <word>", onFirst(func(ps []*OmniPort, a []string) string {
			if a[0] != "up" && a[0] != "down" {
				return "ERROR: Invalid entry: \"" + a[0] + "\"\n"
			}
			for _, p := range ps {
				p.AdminDown = a[0] == "down"
			}
			return ""
		})),
	}
}

// aos8Patterns: chassis/slot/port syntax, `members port`, `lldp port`,
// `lanpower slot|port`.
func (d *OmniSwitch) aos8Patterns(lock func(func([]string) string) func([]string) string, num func(string) int) []pattern {
	onPort := func(at int, f func(ps []*OmniPort, a []string) string) func([]string) string {
		return lock(func(a []string) string {
			ps := d.ports(a[at])
			if ps == nil {
				return omniBadPort(a[at])
			}
			return f(ps, a)
		})
	}
	return []pattern{
		pat("show vlan members", lock(func([]string) string { return d.showVLANPorts("untagged", "tagged") })),
		pat("copy running certified", lock(func([]string) string { d.certified = d.working; return "" })),
		pat("vlan <vlan> admin-state <word>", lock(func(a []string) string {
			if a[1] != "enable" && a[1] != "disable" {
				return "ERROR: Invalid entry: \"" + a[1] + "\"\n"
			}
			d.vlan(num(a[0])).Disabled = a[1] == "disable"
			return ""
		})),
		pat("vlan <vlan> members port <word> <word>", onPort(1, func(ps []*OmniPort, a []string) string {
			switch a[2] {
			case "untagged":
				return d.setDefault(ps, num(a[0]))
			case "tagged":
				return d.tag(ps, num(a[0]))
			}
			return "ERROR: Invalid entry: \"" + a[2] + "\"\n"
		})),
		pat("no vlan <vlan> members port <word>", onPort(1, func(ps []*OmniPort, a []string) string { return d.noMember(ps, num(a[0])) })),
		pat("lldp port <word> med network-policy <n>", onPort(0, func(ps []*OmniPort, a []string) string { return d.bind(ps, num(a[1]), true) })),
		pat("no lldp port <word> med network-policy <n>", onPort(0, func(ps []*OmniPort, a []string) string { return d.bind(ps, num(a[1]), false) })),
		pat("lldp port <word> tlv med network-policy <word>", onPort(0, func(ps []*OmniPort, a []string) string { return d.tlv(ps, a[1]) })),
		pat("lldp port <word> lldpdu <word>", onPort(0, func(ps []*OmniPort, a []string) string { return d.lldpdu(ps, a[1]) })),
		pat("lanpower slot <word> service <word>", lock(func(a []string) string {
			if d.port(a[0]+"/1") == nil || (a[1] != "start" && a[1] != "stop") {
				return "ERROR: Invalid entry: \"" + a[0] + "\"\n"
			}
			d.st.PoESlots[a[0]] = a[1] == "start"
			return ""
		})),
		pat("lanpower port <word> admin-state <word>", onPort(0, func(ps []*OmniPort, a []string) string {
			if a[1] != "enable" && a[1] != "disable" {
				return "ERROR: Invalid entry: \"" + a[1] + "\"\n"
			}
			return d.poe(ps, a[1] == "enable")
		})),
		pat("interfaces port <word> admin-state <word>", onPort(0, func(ps []*OmniPort, a []string) string {
			for _, p := range ps {
				p.AdminDown = a[1] == "disable"
			}
			return ""
		})),
	}
}

func omniBadPort(arg string) string { return "ERROR: Invalid port " + arg + "\n" }

// vlan returns VLAN id, creating it (admin enabled) when absent.
func (d *OmniSwitch) vlan(id int) *OmniVLAN {
	v, ok := d.st.VLANs[id]
	if !ok {
		v = &OmniVLAN{}
		d.st.VLANs[id] = v
	}
	return v
}

func (d *OmniSwitch) exists(id int) string {
	if _, ok := d.st.VLANs[id]; !ok {
		return "ERROR: VLAN " + strconv.Itoa(id) + " does not exist\n"
	}
	return ""
}

// noVLAN deletes a VLAN: its untagged ports go back to VLAN 1, its tagged
// memberships go.
func (d *OmniSwitch) noVLAN(id int) string {
	if id == 1 {
		return "ERROR: VLAN 1 is the default VLAN and cannot be deleted\n"
	}
	if msg := d.exists(id); msg != "" {
		return msg
	}
	for name, ip := range d.st.IPs {
		if ip.VLAN == id {
			return "ERROR: VLAN " + strconv.Itoa(id) + " has IP interface " + name + "\n"
		}
	}
	delete(d.st.VLANs, id)
	for _, p := range d.st.Ports {
		if p.Default == id {
			p.Default = 1
		}
		p.Tagged = deleteInt(p.Tagged, id)
	}
	return ""
}

// setDefault moves ports into VLAN id untagged; a port tagged in it must
// leave that first.
func (d *OmniSwitch) setDefault(ps []*OmniPort, id int) string {
	if msg := d.exists(id); msg != "" {
		return msg
	}
	for _, p := range ps {
		if slices.Contains(p.Tagged, id) {
			return "ERROR: Port " + p.Name + " is already a tagged member of VLAN " + strconv.Itoa(id) + "\n"
		}
	}
	for _, p := range ps {
		p.Default = id
	}
	return ""
}

// noDefault (AOS 6 `vlan N no port default P`) puts ports back in VLAN 1.
func (d *OmniSwitch) noDefault(ps []*OmniPort, id int) string {
	for _, p := range ps {
		if p.Default != id {
			return "ERROR: Port " + p.Name + " is not a default member of VLAN " + strconv.Itoa(id) + "\n"
		}
	}
	for _, p := range ps {
		p.Default = 1
	}
	return ""
}

func (d *OmniSwitch) tag(ps []*OmniPort, id int) string {
	if msg := d.exists(id); msg != "" {
		return msg
	}
	for _, p := range ps {
		if p.Default == id {
			return "ERROR: Port " + p.Name + " is already a default member of VLAN " + strconv.Itoa(id) + "\n"
		}
	}
	for _, p := range ps {
		p.Tagged = addInts(p.Tagged, id)
	}
	return ""
}

// untag (AOS 6 `vlan N no 802.1q P`) takes ports out of tagged VLAN id.
func (d *OmniSwitch) untag(ps []*OmniPort, id int) string {
	if msg := d.exists(id); msg != "" {
		return msg
	}
	for _, p := range ps {
		if !slices.Contains(p.Tagged, id) {
			return "ERROR: Port " + p.Name + " is not a tagged member of VLAN " + strconv.Itoa(id) + "\n"
		}
	}
	for _, p := range ps {
		p.Tagged = deleteInt(p.Tagged, id)
	}
	return ""
}

// noMember (AOS 8 `no vlan N members port P`) takes ports out of VLAN id,
// tagged or untagged (an untagged port goes back to VLAN 1).
func (d *OmniSwitch) noMember(ps []*OmniPort, id int) string {
	if msg := d.exists(id); msg != "" {
		return msg
	}
	for _, p := range ps {
		if !slices.Contains(p.Tagged, id) && (p.Default != id || id == 1) {
			return "ERROR: Port " + p.Name + " is not a member of VLAN " + strconv.Itoa(id) + "\n"
		}
	}
	for _, p := range ps {
		p.Tagged = deleteInt(p.Tagged, id)
		if p.Default == id {
			p.Default = 1
		}
	}
	return ""
}

// omniApps are the network-policy applications.
var omniApps = []string{"voice", "voice-signaling", "guest-voice", "guest-voice-signaling", "softphone-voice",
	"video-conferencing", "streaming-video", "video-signaling"}

func (d *OmniSwitch) setPolicy(id int, app string, vlan, prio, dscp int) string {
	switch {
	case id < 0 || id > 31:
		return "ERROR: Network Policy ID must be between 0 and 31\n"
	case !slices.Contains(omniApps, app):
		return "ERROR: Invalid entry: \"" + app + "\"\n"
	case prio < 0 || prio > 7:
		return "ERROR: l2-priority must be between 0 and 7\n"
	case dscp < 0 || dscp > 63:
		return "ERROR: dscp must be between 0 and 63\n"
	}
	d.st.Policies[id] = OmniPolicy{App: app, VLAN: vlan, Priority: prio, DSCP: dscp}
	return ""
}

func (d *OmniSwitch) noPolicy(id int) string {
	if _, ok := d.st.Policies[id]; !ok {
		return "ERROR: Network Policy " + strconv.Itoa(id) + " does not exist\n"
	}
	for _, p := range d.st.Ports {
		if slices.Contains(p.Bind, id) {
			return "ERROR: Network Policy " + strconv.Itoa(id) + " is associated with port " + p.Name + "\n"
		}
	}
	delete(d.st.Policies, id)
	return ""
}

func (d *OmniSwitch) bind(ps []*OmniPort, id int, on bool) string {
	if _, ok := d.st.Policies[id]; !ok && on {
		return "ERROR: Network Policy " + strconv.Itoa(id) + " does not exist\n"
	}
	for _, p := range ps {
		if on {
			p.Bind = addInts(p.Bind, id)
		} else {
			p.Bind = deleteInt(p.Bind, id)
		}
	}
	return ""
}

func (d *OmniSwitch) tlv(ps []*OmniPort, state string) string {
	if state != "enable" && state != "disable" {
		return "ERROR: Invalid entry: \"" + state + "\"\n"
	}
	for _, p := range ps {
		p.MEDTLV = state == "enable"
	}
	return ""
}

func (d *OmniSwitch) lldpdu(ps []*OmniPort, mode string) string {
	if !slices.Contains([]string{"tx-and-rx", "tx", "rx", "disable"}, mode) {
		return "ERROR: Invalid entry: \"" + mode + "\"\n"
	}
	for _, p := range ps {
		p.LLDPDU = mode
		if mode == "tx-and-rx" {
			p.LLDPDU = ""
		}
	}
	return ""
}

// slotOfPort is AOS 6's "1" for "1/5", AOS 8's "1/1" for "1/1/5".
func slotOfPort(name string) string { return name[:strings.LastIndexByte(name, '/')] }

// poe sets ports' PoE; the slot's service must run (the Hardware Users
// Guides: the port command cannot activate PoE initially).
func (d *OmniSwitch) poe(ps []*OmniPort, on bool) string {
	for _, p := range ps {
		if !p.PoE {
			return "ERROR: Port " + p.Name + " is not a PoE port\n"
		}
		if on && !d.st.PoESlots[slotOfPort(p.Name)] {
			return "ERROR: Lanpower is not started on slot " + slotOfPort(p.Name) + "\n"
		}
	}
	for _, p := range ps {
		p.PoEOff = !on
	}
	return ""
}

// lanpower6 is AOS 6 `lanpower start|stop S` (a slot's service) or `...
// S/P` (one port).
func (d *OmniSwitch) lanpower6(arg string, on bool) string {
	if !strings.Contains(arg, "/") {
		if d.port(arg+"/1") == nil {
			return "ERROR: Invalid slot " + arg + "\n"
		}
		d.st.PoESlots[arg] = on
		return ""
	}
	ps := d.ports(arg)
	if ps == nil {
		return omniBadPort(arg)
	}
	return d.poe(ps, on)
}
