package clisim

import (
	"strconv"
	"strings"
)

// VRPPort is one port of the emulated Huawei switch.
type VRPPort struct {
	Name     string // "GigabitEthernet0/0/1"
	Descr    string
	Shutdown bool
	// LinkType is "access", "trunk" or "hybrid".
	LinkType string
	// Access is `port default vlan`; PVID the trunk or hybrid PVID.
	Access, PVID            int
	Allow, Untagged, Tagged []int
	// Voice is `voice-vlan V enable`.
	Voice int
	// MED is the port's `lldp tlv-enable med-tlv network-policy voice-vlan
	// vlan V cos C dscp D` as {V, C, D}, nil when not configured.
	MED       []int
	PoE       bool // port has a PSE
	PoEOff    bool // `undo poe enable` (VRP's default is on)
	LLDPTxOff bool
	LLDPRxOff bool
	Neighbor  *Neighbor
}

// VRP is an emulated Huawei S5720-52X-PWR-SI (VRP V200R011C10), shared by
// all its sessions. Commands, views, prompts and error texts follow
// Huawei's S-series configuration examples and command reference and
// scrapligo's huawei_vrp platform (docs/huawei_vrp.md lists what is not
// confirmed).
type VRP struct {
	hybridDevice[VRPPort]
}

// NewVRP returns a 48-port PoE access switch: GigabitEthernet0/0/1-48 access
// ports in dataVLAN, uplink XGigabitEthernet0/0/1 a trunk (dataVLAN and the
// management VLAN 99, whose Vlanif holds mgmtIP) toward a core switch heard
// over LLDP, XGigabitEthernet0/0/2-4 in VLAN 1. LLDP runs; no voice VLAN.
func NewVRP(hostname string, dataVLAN int, mgmtIP string) *VRP {
	d := &VRP{newHybridDevice[VRPPort](hostname, mgmtIP)}
	if dataVLAN > 1 && dataVLAN != 99 {
		d.vlans[dataVLAN] = "DATA"
	}
	for i := 1; i <= 52; i++ {
		p := &VRPPort{Name: "GigabitEthernet0/0/" + strconv.Itoa(i), LinkType: "access", Access: dataVLAN, PVID: 1, PoE: i <= 48}
		if i > 48 {
			p.Name, p.Access = "XGigabitEthernet0/0/"+strconv.Itoa(i-48), 1
		}
		if i == 49 {
			p.Descr, p.LinkType, p.Allow = "uplink core", "trunk", []int{1, dataVLAN, 99}
			p.Neighbor = &Neighbor{SysName: "core1", ChassisID: "0011-2233-4455", PortID: "Te1/0/24",
				PortDescr: "TenGigabitEthernet1/0/24", Caps: "B,R",
				SysDescr: "Cisco IOS Software, Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4"}
		}
		d.ports = append(d.ports, p)
	}
	d.saved = d.currentConfig()
	return d
}

// AddPhone puts an IP phone (LLDP-MED, bridge+telephone) on port.
func (d *VRP) AddPhone(port string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.port(port); p != nil {
		p.Neighbor = dashMACPhone(port)
	}
}

// Port returns a copy of a port's state.
func (d *VRP) Port(name string) (VRPPort, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.port(name); p != nil {
		return *p, true
	}
	return VRPPort{}, false
}

// RunningConfig returns `display current-configuration`.
func (d *VRP) RunningConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.currentConfig()
}

func (d *VRP) port(name string) *VRPPort {
	n := fullPortName(name, []portAbbrev{{"xge", "xgigabitethernet"}, {"ge", "gigabitethernet"}})
	for _, p := range d.ports {
		if strings.ToLower(p.Name) == n {
			return p
		}
	}
	return nil
}

// NewShell starts a session in user view (<H>).
func (d *VRP) NewShell() Shell { return &vrpShell{d: d, view: "user", length: 24} }

type vrpShell struct {
	d      *VRP
	view   string // user, system, vlan, if, svi
	length int
	vlan   int
	iface  string
	// confirming is set while `save` waits for its [Y/N] answer.
	confirming bool
}

func (s *vrpShell) Banner() string {
	return "\nInfo: The max number of VTY users is 5, and the number\n      of current VTY users on line is 1.\n"
}
func (s *vrpShell) PageLength() int  { return s.length }
func (s *vrpShell) MoreText() string { return "  ---- More ----" }

func (s *vrpShell) Prompt() string {
	if s.confirming {
		return ""
	}
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	h := s.d.Hostname
	switch s.view {
	case "system":
		return "[" + h + "]"
	case "vlan":
		return "[" + h + "-vlan" + strconv.Itoa(s.vlan) + "]"
	case "if":
		return "[" + h + "-" + s.iface + "]"
	case "svi":
		return "[" + h + "-Vlanif" + strconv.Itoa(s.vlan) + "]"
	}
	return "<" + h + ">"
}

// vrpError is VRP's rejection of a line: a caret under the bad word, then
// "Error: <what> found at '^' position.".
func vrpError(at int, what string) string {
	return strings.Repeat(" ", len(cwPromptPad)+at) + "^\nError: " + what + " found at '^' position.\n"
}

func (s *vrpShell) Exec(line string) (string, bool) {
	trimmed := strings.TrimSpace(line)
	if s.confirming {
		s.confirming = false
		if strings.EqualFold(trimmed, "y") {
			s.d.mu.Lock()
			s.d.saved = s.d.currentConfig()
			s.d.mu.Unlock()
			return "Now saving the current configuration to the slot 0.\nSave the configuration successfully.\n", false
		}
		return "", false
	}
	if trimmed == "" {
		return "", false
	}
	if s.view == "user" {
		s.d.Faults.command(trimmed)
	} else {
		if out, done, faulted := s.d.Faults.intercept(trimmed, func() string { return vrpError(0, "Unrecognized command") }); faulted {
			return out, done
		}
	}
	p, args, v, badAt := match(s.patterns(), trimmed)
	switch v {
	case incomplete:
		return vrpError(len(trimmed), "Incomplete command"), false
	case ambiguous:
		return vrpError(badAt, "Ambiguous command"), false
	case invalid:
		return vrpError(badAt, "Unrecognized command"), false
	}
	return p.exec(args)
}

func (s *vrpShell) patterns() []pattern {
	d := s.d
	lock := func(f func([]string) string) func([]string) string { return locked(&d.mu, f) }
	ps := []pattern{
		pat("display version", lock(func([]string) string { return d.displayVersion() })),
		pat("display current-configuration", lock(func([]string) string { return d.currentConfig() })),
		pat("display port vlan", lock(func([]string) string { return d.displayPortVLAN() })),
		pat("display interface brief", lock(func([]string) string { return d.displayBrief() })),
		pat("display lldp neighbor", lock(func([]string) string { return d.displayLLDP() })),
	}
	if s.view == "user" {
		return append(ps,
			pat("screen-length 0 temporary", func([]string) string {
				s.length = 0
				return "Info: The configuration takes effect on the current user terminal interface only.\n"
			}),
			pat("system-view", func([]string) string { s.view = "system"; return "Enter system view, return user view with Ctrl+Z.\n" }),
			pat("save", func([]string) string {
				s.confirming = true
				return "The current configuration will be written to the device.\nAre you sure to continue?[Y/N]"
			}),
			pat("quit", func([]string) string { return logoutMarker }),
		)
	}
	ps = append(ps,
		pat("quit", func([]string) string {
			if s.view == "system" {
				s.view = "user"
			} else {
				s.view = "system"
			}
			return ""
		}),
		pat("return", func([]string) string { s.view = "user"; return "" }),
		pat("sysname <word>", lock(func(a []string) string { d.Hostname = a[0]; return "" })),
		pat("lldp enable", lock(func([]string) string { d.lldpOn = true; return "" })),
		pat("undo lldp enable", lock(func([]string) string { d.lldpOn = false; return "" })),
		pat("vlan batch <rest>", lock(func(a []string) string { return s.vlanBatch(a[0], true) })),
		pat("undo vlan batch <rest>", lock(func(a []string) string { return s.vlanBatch(a[0], false) })),
		pat("vlan <vlan>", lock(func(a []string) string {
			id, _ := strconv.Atoi(a[0])
			if _, ok := d.vlans[id]; !ok {
				d.vlans[id] = ""
			}
			s.view, s.vlan = "vlan", id
			return ""
		})),
		pat("interface <rest>", lock(func(a []string) string { return s.interfaceCmd(a[0]) })),
	)
	switch s.view {
	case "vlan":
		ps = append(ps,
			pat("name <rest>", lock(func(a []string) string { d.vlans[s.vlan] = a[0]; return "" })),
			pat("undo name", lock(func([]string) string { d.vlans[s.vlan] = ""; return "" })),
		)
	case "svi":
		ps = append(ps,
			pat("ip address <word> <word>", lock(func(a []string) string { d.svis[s.vlan] = a[0] + " " + a[1]; return "" })),
			pat("undo ip address", lock(func([]string) string { delete(d.svis, s.vlan); return "" })),
		)
	case "if":
		ps = append(ps, s.portPatterns(lock)...)
	}
	return ps
}

func (s *vrpShell) vlanBatch(arg string, add bool) string {
	ids, ok := cwVLANs(strings.Fields(arg))
	if !ok {
		return vrpError(11, "Wrong parameter")
	}
	for _, id := range ids {
		if add {
			if _, ok := s.d.vlans[id]; !ok {
				s.d.vlans[id] = ""
			}
			continue
		}
		if id == 1 {
			return "Error: The default VLAN cannot be deleted.\n"
		}
		for _, p := range s.d.ports {
			if p.Voice == id {
				return "Error: VLAN " + strconv.Itoa(id) + " is the voice VLAN of " + p.Name + ".\n"
			}
		}
	}
	if add {
		return ""
	}
	for _, id := range ids {
		delete(s.d.vlans, id)
		delete(s.d.svis, id)
		for _, p := range s.d.ports {
			if p.Access == id {
				p.Access = 1
			}
			if p.PVID == id {
				p.PVID = 1
			}
			p.Allow, p.Untagged, p.Tagged = deleteInt(p.Allow, id), deleteInt(p.Untagged, id), deleteInt(p.Tagged, id)
		}
	}
	return ""
}

func (s *vrpShell) interfaceCmd(arg string) string {
	if rest, ok := strings.CutPrefix(strings.ToLower(arg), "vlanif"); ok {
		id, err := strconv.Atoi(strings.TrimSpace(rest))
		if err != nil || id < 1 || id > 4094 {
			return vrpError(10, "Wrong parameter")
		}
		s.view, s.vlan = "svi", id
		return ""
	}
	p := s.d.port(arg)
	if p == nil {
		return vrpError(10, "Wrong parameter")
	}
	s.view, s.iface = "if", p.Name
	return ""
}
