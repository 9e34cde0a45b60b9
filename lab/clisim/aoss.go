package clisim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// AOSSPort is one port of the emulated ArubaOS-Switch. VLAN membership is
// not here: AOS-S keeps it per VLAN (AOSSVLAN.Untagged / Tagged).
type AOSSPort struct {
	Name      string // "1".."52"
	Descr     string // `name` in the interface context
	Disabled  bool
	PoE       bool // port has a PSE
	PoEOff    bool
	LLDPTxOff bool
	LLDPRxOff bool
	// MEDOff is `no lldp config P medTlvEnable network-policy`.
	MEDOff   bool
	Neighbor *Neighbor
}

// AOSSVLAN is one VLAN with its member ports.
type AOSSVLAN struct {
	ID    int
	Name  string
	Voice bool
	// QoSPriority / QoSDSCP are -1 when not configured.
	QoSPriority, QoSDSCP int
	Untagged, Tagged     map[string]bool
	// IP is the VLAN's `ip address ...` line, "" = `no ip address`.
	IP string
}

// AOSS is an emulated HP 2530-48G-PoE+ running ArubaOS-Switch YA.16.10,
// shared by all its sessions.
type AOSS struct {
	mu       sync.Mutex
	Hostname string
	Release  string
	vlans    map[int]*AOSSVLAN
	lldpOff  bool
	ports    []*AOSSPort
	saved    string
	Faults   *Faults
}

// NewAOSS returns a 48-port PoE access switch: ports 1-48 untagged in
// dataVLAN, uplink 49 tagged in dataVLAN and the management VLAN 99 (with
// mgmtIP) toward a core switch heard over LLDP, ports 50-52 in the default
// VLAN. LLDP runs (the AOS-S default); there is no voice VLAN.
func NewAOSS(hostname string, dataVLAN int, mgmtIP string) *AOSS {
	d := &AOSS{Hostname: hostname, Release: "YA.16.10.0009", vlans: map[int]*AOSSVLAN{}, Faults: &Faults{}}
	def := d.newVLAN(1)
	def.Name, def.IP = "DEFAULT_VLAN", "dhcp-bootp"
	mgmt := d.newVLAN(99)
	mgmt.Name, mgmt.IP = "MGMT", mgmtIP+" 255.255.255.0"
	data := def
	if dataVLAN > 1 && dataVLAN != 99 {
		data = d.newVLAN(dataVLAN)
		data.Name = "DATA"
	}
	for i := 1; i <= 52; i++ {
		p := &AOSSPort{Name: strconv.Itoa(i), PoE: i <= 48}
		d.ports = append(d.ports, p)
		switch {
		case i <= 48:
			data.Untagged[p.Name] = true
		case i == 49:
			p.Descr = "uplink core"
			data.Tagged[p.Name], mgmt.Tagged[p.Name] = true, true
			p.Neighbor = &Neighbor{SysName: "core1", ChassisID: "001122-334455", PortID: "Te1/0/24",
				PortDescr: "TenGigabitEthernet1/0/24", Caps: "B,R",
				SysDescr: "Cisco IOS Software, Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4"}
		default:
			def.Untagged[p.Name] = true
		}
	}
	d.saved = d.runningConfig()
	return d
}

func (d *AOSS) newVLAN(id int) *AOSSVLAN {
	v := &AOSSVLAN{ID: id, Name: fmt.Sprintf("VLAN%d", id), QoSPriority: -1, QoSDSCP: -1,
		Untagged: map[string]bool{}, Tagged: map[string]bool{}}
	d.vlans[id] = v
	return v
}

// AddPhone puts an IP phone (LLDP-MED class 3, bridge+telephone, a PoE
// class 2 load) on port.
func (d *AOSS) AddPhone(port string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.port(port); p != nil {
		p.Neighbor = &Neighbor{SysName: "SEP00AABBCC00" + port, ChassisID: "00aabb-cc00" + fmt.Sprintf("%02s", port),
			PortID: "00AABBCC0001:P1", PortDescr: "SW PORT", Caps: "B,T",
			SysDescr: "Cisco IP Phone 8841, V3, sip88xx.14-1-1-0001-136", Phone: true}
	}
}

// Port returns a copy of the port's state.
func (d *AOSS) Port(name string) (AOSSPort, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.port(name); p != nil {
		return *p, true
	}
	return AOSSPort{}, false
}

// Membership returns the VLAN a port is untagged in (0 = none) and the
// VLANs it is tagged in.
func (d *AOSS) Membership(port string) (untagged int, tagged []int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, id := range d.vlanIDs() {
		v := d.vlans[id]
		if v.Untagged[port] {
			untagged = id
		}
		if v.Tagged[port] {
			tagged = append(tagged, id)
		}
	}
	return untagged, tagged
}

// RunningConfig returns the running configuration text.
func (d *AOSS) RunningConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.runningConfig()
}

// StartupConfig returns the configuration saved by `write memory`.
func (d *AOSS) StartupConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.saved
}

func (d *AOSS) port(name string) *AOSSPort {
	for _, p := range d.ports {
		if p.Name == name {
			return p
		}
	}
	return nil
}

func (d *AOSS) vlanIDs() []int {
	ids := make([]int, 0, len(d.vlans))
	for id := range d.vlans {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// portList expands an AOS-S port list ("1-3,5", "A1-A4") against the
// ports the switch has; bad is the text AOS-S prints when one does not
// exist.
func (d *AOSS) portList(s string) (ports []*AOSSPort, bad string) {
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		mod, a, ok1 := splitAOSSPort(lo)
		modB, b, ok2 := mod, a, true
		if isRange {
			modB, b, ok2 = splitAOSSPort(hi)
		}
		if !ok1 || !ok2 || modB != mod || b < a || b-a > 64 {
			return nil, "Module not present for port or invalid port: " + part + "\n"
		}
		for n := a; n <= b; n++ {
			p := d.port(mod + strconv.Itoa(n))
			if p == nil {
				return nil, "Module not present for port or invalid port: " + mod + strconv.Itoa(n) + "\n"
			}
			ports = append(ports, p)
		}
	}
	return ports, ""
}

// NewShell starts a session in the manager context (the `#` prompt), as
// for an account with manager rights.
func (d *AOSS) NewShell() Shell { return &aossShell{d: d, mode: "exec", length: 24} }

type aossShell struct {
	d      *AOSS
	mode   string // exec, config, vlan, eth
	length int
	vlan   int
	iface  string
}

func (s *aossShell) Banner() string {
	return "\nHP J9772A 2530-48G-PoE+ Switch\nSoftware revision " + s.d.Release +
		"\n\n(C) Copyright 2018 Hewlett Packard Enterprise Development LP\n\n" +
		"                   RESTRICTED RIGHTS LEGEND\n\nPress any key to continue\n"
}
func (s *aossShell) WaitKeyAfterBanner() bool { return true }
func (s *aossShell) PageLength() int          { return s.length }
func (s *aossShell) MoreText() string {
	return "-- MORE --, next page: Space, next line: Enter, quit: Control-C"
}

func (s *aossShell) Prompt() string {
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	switch s.mode {
	case "config":
		return s.d.Hostname + "(config)# "
	case "vlan":
		return s.d.Hostname + "(vlan-" + strconv.Itoa(s.vlan) + ")# "
	case "eth":
		return s.d.Hostname + "(eth-" + s.iface + ")# "
	}
	return s.d.Hostname + "# "
}

func (s *aossShell) Exec(line string) (string, bool) {
	trimmed := strings.TrimSpace(line)
	if trimmed == "" {
		return "", false
	}
	if s.mode == "exec" {
		s.d.Faults.command(trimmed)
	}
	if s.mode != "exec" {
		if out, done, faulted := s.d.Faults.intercept(trimmed, func() string { return "Invalid input: " + strings.Fields(trimmed)[0] + "\n" }); faulted {
			return out, done
		}
	}
	p, args, v, badAt := match(s.patterns(), trimmed)
	switch v {
	case incomplete:
		return "Incomplete input: " + trimmed + "\n", false
	case ambiguous:
		w := strings.Fields(trimmed)
		return "Ambiguous input: " + w[len(w)-1] + "\n", false
	case invalid:
		tok, _, _ := strings.Cut(trimmed[badAt:], " ")
		return "Invalid input: " + tok + "\n", false
	}
	return p.exec(args)
}

func (s *aossShell) patterns() []pattern {
	d := s.d
	lock := func(f func([]string) string) func([]string) string { return locked(&d.mu, f) }
	show := []pattern{
		pat("show version", lock(func([]string) string { return d.showVersion() })),
		pat("show vlans", lock(func([]string) string { return d.showVLANs() })),
		pat("show vlans <vlan>", lock(func(a []string) string { id, _ := strconv.Atoi(a[0]); return d.showVLAN(id) })),
		pat("show interfaces brief", lock(func([]string) string { return d.showInterfacesBrief() })),
		pat("show lldp info remote-device", lock(func([]string) string { return d.showLLDPRemote() })),
		pat("show lldp info remote-device detail", lock(func([]string) string { return d.showLLDPDetail() })),
		pat("show power-over-ethernet brief", lock(func([]string) string { return d.showPoEBrief() })),
		pat("show running-config", lock(func([]string) string { return d.runningConfig() })),
		pat("write memory", lock(func([]string) string { d.saved = d.runningConfig(); return "" })),
		pat("no page", func([]string) string { s.length = 0; return "" }),
		pat("page", func([]string) string { s.length = 24; return "" }),
		pat("terminal length <n>", func(a []string) string { s.length, _ = strconv.Atoi(a[0]); return "" }),
		pat("terminal width <n>", func([]string) string { return "" }),
	}
	if s.mode == "exec" {
		return append(show,
			pat("exit", func([]string) string { return logoutMarker }),
			pat("logout", func([]string) string { return logoutMarker }),
			pat("configure", func([]string) string { s.mode = "config"; return "" }),
			pat("configure terminal", func([]string) string { s.mode = "config"; return "" }),
		)
	}
	ps := append(show,
		pat("exit", func([]string) string {
			if s.mode == "config" {
				s.mode = "exec"
			} else {
				s.mode = "config"
			}
			return ""
		}),
		pat("end", func([]string) string { s.mode = "exec"; return "" }),
		pat("hostname <rest>", lock(func(a []string) string { d.Hostname = unquoteAOSS(a[0]); return "" })),
		pat("vlan <vlan>", lock(func(a []string) string {
			id, _ := strconv.Atoi(a[0])
			if d.vlans[id] == nil {
				d.newVLAN(id)
			}
			s.mode, s.vlan = "vlan", id
			return ""
		})),
		pat("no vlan <vlan>", lock(func(a []string) string {
			id, _ := strconv.Atoi(a[0])
			if id == 1 {
				return "The Default VLAN cannot be deleted.\n"
			}
			v := d.vlans[id]
			if v == nil {
				return "VLAN not found: " + a[0] + "\n"
			}
			// Ports untagged in it fall back to the default VLAN.
			for p := range v.Untagged {
				d.vlans[1].Untagged[p] = true
				delete(d.vlans[1].Tagged, p)
			}
			delete(d.vlans, id)
			if s.mode == "vlan" && s.vlan == id {
				s.mode = "config"
			}
			return ""
		})),
		pat("lldp run", lock(func([]string) string { d.lldpOff = false; return "" })),
		pat("no lldp run", lock(func([]string) string { d.lldpOff = true; return "" })),
		pat("lldp admin-status <word> <word>", lock(func(a []string) string {
			ports, bad := d.portList(a[0])
			if bad != "" {
				return bad
			}
			tx, rx := true, true
			switch a[1] {
			case "tx_rx":
			case "txonly":
				rx = false
			case "rxonly":
				tx = false
			case "disable":
				tx, rx = false, false
			default:
				return "Invalid input: " + a[1] + "\n"
			}
			for _, p := range ports {
				p.LLDPTxOff, p.LLDPRxOff = !tx, !rx
			}
			return ""
		})),
		pat("lldp config <word> medtlvenable <word>", lock(func(a []string) string { return d.setMED(a[0], a[1], false) })),
		pat("no lldp config <word> medtlvenable <word>", lock(func(a []string) string { return d.setMED(a[0], a[1], true) })),
		pat("interface <word>", lock(func(a []string) string {
			ports, bad := d.portList(a[0])
			if bad != "" {
				return bad
			}
			if len(ports) != 1 {
				return "Invalid input: " + a[0] + "\n"
			}
			s.mode, s.iface = "eth", ports[0].Name
			return ""
		})),
		pat("interface <word> power-over-ethernet", lock(func(a []string) string { return d.setPoE(a[0], false) })),
		pat("no interface <word> power-over-ethernet", lock(func(a []string) string { return d.setPoE(a[0], true) })),
		pat("interface <word> disable", lock(func(a []string) string { return d.setDisabled(a[0], true) })),
		pat("interface <word> enable", lock(func(a []string) string { return d.setDisabled(a[0], false) })),
	)
	switch s.mode {
	case "vlan":
		ps = append(ps, s.vlanPatterns(lock)...)
	case "eth":
		ps = append(ps,
			pat("power-over-ethernet", lock(func([]string) string { return d.setPoE(s.iface, false) })),
			pat("no power-over-ethernet", lock(func([]string) string { return d.setPoE(s.iface, true) })),
			pat("disable", lock(func([]string) string { return d.setDisabled(s.iface, true) })),
			pat("enable", lock(func([]string) string { return d.setDisabled(s.iface, false) })),
			pat("name <rest>", lock(func(a []string) string { d.port(s.iface).Descr = unquoteAOSS(a[0]); return "" })),
			pat("no name", lock(func([]string) string { d.port(s.iface).Descr = ""; return "" })),
		)
	}
	return ps
}

func (s *aossShell) vlanPatterns(lock func(func([]string) string) func([]string) string) []pattern {
	d := s.d
	v := func() *AOSSVLAN { return d.vlans[s.vlan] }
	members := func(f func(v *AOSSVLAN, port string)) func([]string) string {
		return lock(func(a []string) string {
			ports, bad := d.portList(a[0])
			if bad != "" {
				return bad
			}
			for _, p := range ports {
				f(v(), p.Name)
			}
			return ""
		})
	}
	return []pattern{
		pat("name <rest>", lock(func(a []string) string { v().Name = unquoteAOSS(a[0]); return "" })),
		pat("voice", lock(func([]string) string { v().Voice = true; return "" })),
		pat("no voice", lock(func([]string) string { v().Voice = false; return "" })),
		pat("untagged <word>", members(func(vl *AOSSVLAN, p string) {
			// A port is untagged in one VLAN: joining moves it.
			for _, o := range d.vlans {
				delete(o.Untagged, p)
			}
			delete(vl.Tagged, p)
			vl.Untagged[p] = true
		})),
		pat("tagged <word>", members(func(vl *AOSSVLAN, p string) {
			delete(vl.Untagged, p)
			vl.Tagged[p] = true
		})),
		pat("no untagged <word>", members(func(vl *AOSSVLAN, p string) {
			if !vl.Untagged[p] {
				return
			}
			delete(vl.Untagged, p)
			if vl.ID != 1 && !d.member(p) {
				d.vlans[1].Untagged[p] = true
			}
		})),
		pat("no tagged <word>", members(func(vl *AOSSVLAN, p string) { delete(vl.Tagged, p) })),
		pat("qos priority <n>", lock(func(a []string) string {
			n, _ := strconv.Atoi(a[0])
			if n < 0 || n > 7 {
				return "Invalid input: " + a[0] + "\n"
			}
			v().QoSPriority = n
			return ""
		})),
		pat("no qos priority", lock(func([]string) string { v().QoSPriority = -1; return "" })),
		pat("qos dscp <word>", lock(func(a []string) string {
			// A codepoint is six binary digits on AOS-S.
			if len(a[0]) != 6 || strings.Trim(a[0], "01") != "" {
				return "Invalid input: " + a[0] + "\n"
			}
			n, _ := strconv.ParseInt(a[0], 2, 8)
			v().QoSDSCP = int(n)
			return ""
		})),
		pat("no qos dscp", lock(func([]string) string { v().QoSDSCP = -1; return "" })),
		pat("ip address <rest>", lock(func(a []string) string { v().IP = a[0]; return "" })),
		pat("no ip address", lock(func([]string) string { v().IP = ""; return "" })),
	}
}

func (d *AOSS) member(port string) bool {
	for _, v := range d.vlans {
		if v.Untagged[port] || v.Tagged[port] {
			return true
		}
	}
	return false
}

func (d *AOSS) setMED(list, tlv string, off bool) string {
	if tlv != "network-policy" && tlv != "network_policy" {
		return "Invalid input: " + tlv + "\n"
	}
	ports, bad := d.portList(list)
	if bad != "" {
		return bad
	}
	for _, p := range ports {
		p.MEDOff = off
	}
	return ""
}

func (d *AOSS) setPoE(list string, off bool) string {
	ports, bad := d.portList(list)
	if bad != "" {
		return bad
	}
	for _, p := range ports {
		if !p.PoE {
			return "Invalid input: power-over-ethernet\n"
		}
	}
	for _, p := range ports {
		p.PoEOff = off
	}
	return ""
}

func (d *AOSS) setDisabled(list string, off bool) string {
	ports, bad := d.portList(list)
	if bad != "" {
		return bad
	}
	for _, p := range ports {
		p.Disabled = off
	}
	return ""
}

func unquoteAOSS(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}
