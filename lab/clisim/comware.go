package clisim

import (
	"slices"
	"strconv"
	"strings"
)

// CWPort is one port of the emulated Comware switch.
type CWPort struct {
	Name     string // "GigabitEthernet1/0/1"
	Descr    string
	Shutdown bool
	// LinkType is "access", "trunk" or "hybrid".
	LinkType string
	// Access is the access VLAN; PVID the trunk or hybrid PVID.
	Access, PVID int
	// Permit are a trunk's VLANs; Untagged and Tagged a hybrid port's.
	Permit, Untagged, Tagged []int
	// Voice is `voice-vlan V enable`; Manual is `undo voice-vlan mode
	// auto`; CoS/DSCP are `voice-vlan qos` (-1 = default 6/46).
	Voice     int
	Manual    bool
	CoS, DSCP int
	PoE       bool // port has a PSE
	PoEOn     bool // `poe enable` (Comware's default is off)
	LLDPTxOff bool
	LLDPRxOff bool
	MEDOff    bool
	Neighbor  *Neighbor
}

// Comware is an emulated HPE 5130-48G-PoE+ (Comware 7.1.070), shared by
// all its sessions. Commands, views, prompts and error texts follow the
// HPE FlexNetwork 5130 HI and H3C configuration guides and scrapligo's
// hp_comware platform (docs/hp_comware.md lists what is not confirmed).
type Comware struct {
	hybridDevice[CWPort]
}

// NewComware returns a 48-port PoE access switch: GigabitEthernet1/0/1-48
// access ports in dataVLAN with PoE on, uplink Ten-GigabitEthernet1/0/49 a
// trunk (dataVLAN and the management VLAN 99, whose interface holds
// mgmtIP) toward a core switch heard over LLDP, 1/0/50-52 in VLAN 1.
// LLDP runs; there is no voice VLAN.
func NewComware(hostname string, dataVLAN int, mgmtIP string) *Comware {
	d := &Comware{newHybridDevice[CWPort](hostname, mgmtIP)}
	if dataVLAN > 1 && dataVLAN != 99 {
		d.vlans[dataVLAN] = "DATA"
	}
	for i := 1; i <= 52; i++ {
		p := &CWPort{Name: "GigabitEthernet1/0/" + strconv.Itoa(i), LinkType: "access", CoS: -1, DSCP: -1, PoE: i <= 48, PoEOn: i <= 48}
		switch {
		case i <= 48:
			p.Access = dataVLAN
		case i == 49:
			p.Name, p.Descr = "Ten-GigabitEthernet1/0/49", "uplink core"
			p.LinkType, p.PVID, p.Permit = "trunk", 1, []int{1, dataVLAN, 99}
			p.Neighbor = &Neighbor{SysName: "core1", ChassisID: "0011-2233-4455", PortID: "Te1/0/24",
				PortDescr: "TenGigabitEthernet1/0/24", Caps: "B,R",
				SysDescr: "Cisco IOS Software, Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4"}
		default:
			p.Name = "Ten-GigabitEthernet1/0/" + strconv.Itoa(i)
			p.Access = 1
		}
		d.ports = append(d.ports, p)
	}
	d.saved = d.currentConfig()
	return d
}

// AddPhone puts an IP phone (LLDP-MED, bridge+telephone) on port.
func (d *Comware) AddPhone(port string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.port(port); p != nil {
		p.Neighbor = dashMACPhone(port)
	}
}

// Port returns a copy of a port's state.
func (d *Comware) Port(name string) (CWPort, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.port(name); p != nil {
		return *p, true
	}
	return CWPort{}, false
}

// RunningConfig returns `display current-configuration`.
func (d *Comware) RunningConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.currentConfig()
}

// port finds a port by its full name or a Comware abbreviation
// ("GE1/0/1", "gigabitethernet 1/0/1", "XGE1/0/49").
func (d *Comware) port(name string) *CWPort {
	n := fullPortName(name, []portAbbrev{{"xge", "ten-gigabitethernet"}, {"ge", "gigabitethernet"}})
	for _, p := range d.ports {
		if strings.ToLower(p.Name) == n {
			return p
		}
	}
	return nil
}

// NewShell starts a session in user view (<H>).
func (d *Comware) NewShell() Shell { return &cwShell{d: d, view: "user", length: 24} }

type cwShell struct {
	d      *Comware
	view   string // user, system, vlan, if, svi
	length int
	vlan   int
	iface  string
}

func (s *cwShell) Banner() string {
	return "\n******************************************************************************\n" +
		"* Copyright (c) 2010-2017 Hewlett Packard Enterprise Development LP          *\n" +
		"* Without the owner's prior written consent,                                 *\n" +
		"* no decompiling or reverse-engineering shall be allowed.                    *\n" +
		"******************************************************************************\n\n"
}
func (s *cwShell) PageLength() int  { return s.length }
func (s *cwShell) MoreText() string { return "  ---- More ----" }

func (s *cwShell) Prompt() string {
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
		return "[" + h + "-Vlan-interface" + strconv.Itoa(s.vlan) + "]"
	}
	return "<" + h + ">"
}

// cwError is Comware's rejection of a line: a caret under the bad word,
// then " % <what> found at '^' position.".
func cwError(line string, at int, what string) string {
	return strings.Repeat(" ", len(cwPromptPad)+at) + "^\n % " + what + " found at '^' position.\n"
}

// cwPromptPad stands for the prompt's width before the echoed line; the
// caret's column is only indicative.
const cwPromptPad = "[SW]"

func (s *cwShell) Exec(line string) (string, bool) {
	trimmed := strings.TrimSpace(line)
	if trimmed == "" {
		return "", false
	}
	if s.view == "user" {
		s.d.Faults.command(trimmed)
	} else {
		if out, done, faulted := s.d.Faults.intercept(trimmed, func() string { return cwError(trimmed, 0, "Unrecognized command") }); faulted {
			return out, done
		}
	}
	p, args, v, badAt := match(s.patterns(), trimmed)
	switch v {
	case incomplete:
		return cwError(trimmed, len(trimmed), "Incomplete command"), false
	case ambiguous:
		return cwError(trimmed, badAt, "Ambiguous command"), false
	case invalid:
		return cwError(trimmed, badAt, "Unrecognized command"), false
	}
	return p.exec(args)
}

func (s *cwShell) patterns() []pattern {
	d := s.d
	lock := func(f func([]string) string) func([]string) string { return locked(&d.mu, f) }
	ps := []pattern{
		pat("display version", lock(func([]string) string { return d.displayVersion() })),
		pat("display current-configuration", lock(func([]string) string { return d.currentConfig() })),
		pat("display vlan all", lock(func([]string) string { return d.displayVLANAll() })),
		pat("display interface brief", lock(func([]string) string { return d.displayBrief() })),
		pat("display lldp neighbor-information verbose", lock(func([]string) string { return d.displayLLDPVerbose() })),
		pat("display lldp neighbor-information list", lock(func([]string) string { return d.displayLLDPList() })),
	}
	if s.view == "user" {
		return append(ps,
			pat("screen-length disable", func([]string) string { s.length = 0; return "" }),
			pat("system-view", func([]string) string {
				s.view = "system"
				return "System View: return to User View with Ctrl+Z.\n"
			}),
			pat("save force", lock(func([]string) string {
				d.saved = d.currentConfig()
				return "Validating file. Please wait...\nSaved the current configuration to mainboard device successfully.\n"
			})),
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
		pat("lldp global enable", lock(func([]string) string { d.lldpOn = true; return "" })),
		pat("undo lldp global enable", lock(func([]string) string { d.lldpOn = false; return "" })),
		pat("vlan <rest>", lock(func(a []string) string { return s.vlanCmd(a[0]) })),
		pat("undo vlan <vlan>", lock(func(a []string) string { return s.undoVLAN(a[0]) })),
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

func (s *cwShell) vlanCmd(arg string) string {
	ids, ok := cwVLANs(strings.Fields(arg))
	if !ok {
		return cwError("vlan "+arg, 5, "Wrong parameter")
	}
	for _, id := range ids {
		if _, ok := s.d.vlans[id]; !ok {
			s.d.vlans[id] = ""
		}
	}
	if len(ids) == 1 {
		s.view, s.vlan = "vlan", ids[0]
	}
	return ""
}

// undoVLAN removes a VLAN: ports leave it (an access port falls back to
// VLAN 1), as on Comware.
func (s *cwShell) undoVLAN(arg string) string {
	id, _ := strconv.Atoi(arg)
	if id == 1 {
		return " The default VLAN cannot be deleted.\n"
	}
	if _, ok := s.d.vlans[id]; !ok {
		return " The VLAN " + arg + " does not exist.\n"
	}
	for _, p := range s.d.ports {
		if p.Voice == id {
			return " Please disable the voice VLAN on " + p.Name + " first.\n"
		}
	}
	delete(s.d.vlans, id)
	delete(s.d.svis, id)
	for _, p := range s.d.ports {
		if p.Access == id {
			p.Access = 1
		}
		if p.PVID == id {
			p.PVID = 1
		}
		p.Permit, p.Untagged, p.Tagged = deleteInt(p.Permit, id), deleteInt(p.Untagged, id), deleteInt(p.Tagged, id)
	}
	if s.view == "vlan" && s.vlan == id {
		s.view = "system"
	}
	return ""
}

func (s *cwShell) interfaceCmd(arg string) string {
	if rest, ok := strings.CutPrefix(strings.ToLower(arg), "vlan-interface"); ok {
		id, err := strconv.Atoi(strings.TrimSpace(rest))
		if err != nil || id < 1 || id > 4094 {
			return cwError("interface "+arg, 10, "Wrong parameter")
		}
		s.view, s.vlan = "svi", id
		return ""
	}
	p := s.d.port(arg)
	if p == nil {
		return cwError("interface "+arg, 10, "Wrong parameter")
	}
	s.view, s.iface = "if", p.Name
	return ""
}

// cwVLANs reads "10", "10 20 to 23", "all" is not one.
func cwVLANs(words []string) ([]int, bool) {
	var ids []int
	for i := 0; i < len(words); i++ {
		a, err := strconv.Atoi(words[i])
		if err != nil || a < 1 || a > 4094 {
			return nil, false
		}
		b := a
		if i+2 < len(words) && words[i+1] == "to" {
			if b, err = strconv.Atoi(words[i+2]); err != nil || b < a || b > 4094 {
				return nil, false
			}
			i += 2
		}
		for v := a; v <= b; v++ {
			ids = append(ids, v)
		}
	}
	return ids, len(ids) > 0
}

func addInts(s []int, add ...int) []int {
	for _, v := range add {
		if !slices.Contains(s, v) {
			s = append(s, v)
		}
	}
	slices.Sort(s)
	return s
}
