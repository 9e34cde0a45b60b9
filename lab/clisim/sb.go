package clisim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// SBPort is one interface of the emulated Cisco SB switch. SB keeps the
// access, trunk and general settings of a port side by side; Mode picks
// which apply, and the running configuration prints them all.
type SBPort struct {
	Name        string // "GigabitEthernet1"
	Short       string // "gi1"
	Description string
	Mode        string // "access", "trunk", "general"
	AccessVLAN  int    // 0 = 1
	NativeVLAN  int    // 0 = 1
	// TrunkRemoved are the VLANs taken off the trunk (SB trunks carry every
	// VLAN by default).
	TrunkRemoved    []int
	PVID            int // general PVID, 0 = 1
	GeneralUntagged []int
	GeneralTagged   []int
	PoENever        bool
	LLDPTxOff       bool
	LLDPRxOff       bool
	// Policies are the LLDP-MED network policies added to the port.
	Policies []int
	Shutdown bool
	PoE      bool
	Neighbor *Neighbor
}

// SBPolicy is a global `lldp med network-policy`.
type SBPolicy struct {
	App    string // "voice", "voice-signaling", ...
	VLAN   int
	Tagged bool
	Up     int
	DSCP   int
}

// SB is an emulated Cisco Business 350 (CBS350-24P-4G, firmware 3.0), shared
// by all its sessions.
type SB struct {
	mu           sync.Mutex
	Hostname     string
	Version      string
	vlans        map[int]string // name, "" = none
	voiceVLAN    int            // 0 = SB default (none configured)
	voiceAutoOff bool
	lldpOff      bool
	policies     map[int]*SBPolicy
	ports        []*SBPort
	mgmtIP       string
	saved        string
	Faults       *Faults
}

// NewSB returns a 28-port switch: gi1-24 PoE access ports in VLAN dataVLAN,
// gi25-27 unused uplink ports, gi28 a trunk to a core switch heard over
// LLDP, management on interface vlan 99 with mgmtIP.
func NewSB(hostname string, dataVLAN int, mgmtIP string) *SB {
	d := &SB{Hostname: hostname, Version: "3.0.0.61", vlans: map[int]string{1: "", 99: "MGMT"},
		policies: map[int]*SBPolicy{}, mgmtIP: mgmtIP, Faults: &Faults{}}
	if dataVLAN > 1 {
		d.vlans[dataVLAN] = "DATA"
	}
	for i := 1; i <= 28; i++ {
		p := &SBPort{Name: fmt.Sprintf("GigabitEthernet%d", i), Short: fmt.Sprintf("gi%d", i), Mode: "access", PoE: i <= 24}
		if i <= 24 {
			p.AccessVLAN = dataVLAN
		}
		d.ports = append(d.ports, p)
	}
	up := d.ports[27]
	up.Description, up.Mode = "uplink core", "trunk"
	up.Neighbor = &Neighbor{SysName: "core1", ChassisID: "00:11:22:33:44:55", PortID: "gi1/0/24", PortDescr: "GigabitEthernet1/0/24",
		Caps: "B, R", SysDescr: "Cisco IOS Software, Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4"}
	d.saved = d.runningConfig()
	return d
}

// AddPhone puts an IP phone (LLDP-MED class III, bridge+telephone) on port.
func (d *SB) AddPhone(short string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.port(short); p != nil {
		p.Neighbor = &Neighbor{SysName: "SEP00AABBCC" + strings.TrimPrefix(p.Short, "gi"), ChassisID: "00:aa:bb:cc:00:01",
			PortID: "00:aa:bb:cc:00:01", PortDescr: "SW PORT", Caps: "B, T", SysDescr: "Cisco IP Phone 8841, V3, sip88xx.14-1-1-0001-136", Phone: true}
	}
}

// Port returns a copy of the port's state (by short or long name).
func (d *SB) Port(name string) (SBPort, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	p := d.port(name)
	if p == nil {
		return SBPort{}, false
	}
	return *p, true
}

// VoiceVLAN is the global `voice vlan id`, 0 when none is configured.
func (d *SB) VoiceVLAN() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.voiceVLAN
}

// RunningConfig returns the running configuration text.
func (d *SB) RunningConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.runningConfig()
}

// StartupConfig returns the configuration saved by `write memory`.
func (d *SB) StartupConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.saved
}

// port finds a port by long or short name, any case, any unique
// abbreviation of the type ("gi1", "gig1", "GigabitEthernet 1").
func (d *SB) port(name string) *SBPort {
	n := strings.ToLower(strings.ReplaceAll(name, " ", ""))
	i := strings.IndexAny(n, "0123456789")
	if i <= 0 {
		return nil
	}
	for _, p := range d.ports {
		if strings.ToLower(p.Short) == n || strings.ToLower(p.Name) == n {
			return p
		}
		num := strings.TrimPrefix(p.Short, "gi")
		if n[i:] == num && strings.HasPrefix("gigabitethernet", n[:i]) {
			return p
		}
	}
	return nil
}

// NewShell starts a session in privileged EXEC (a privilege-15 user), with
// SB's paging on until `terminal datadump`.
func (d *SB) NewShell() Shell { return &sbShell{d: d, mode: "exec", priv: true, length: 24} }

type sbShell struct {
	d      *SB
	mode   string // exec, config, config-if, config-vlan
	priv   bool
	length int
	iface  string // port short name, or "" in interface vlan mode
	ifVLAN int
	// confirm is the pending yes/no question of `write memory`.
	confirm string
}

// SB's error texts (scrapli_definitions cisco_cbs failed-when-contains).
const (
	sbUnrecognized = "% Unrecognized command\n"
	sbIncomplete   = "% Incomplete command\n"
	sbMissing      = "% missing mandatory parameter\n"
	sbBadValue     = "% bad parameter value\n"
	sbAmbiguous    = "% Ambiguous command\n"
	sbOverwrite    = "Overwrite file [startup-config].... (Y/N)[N] ?"
	// sbMore is SB's paging prompt.
	sbMore = "More: <space>,  Quit: q or CTRL+Z, One line: <return> "
)

func (s *sbShell) Banner() string   { return "\n" }
func (s *sbShell) PageLength() int  { return s.length }
func (s *sbShell) MoreText() string { return sbMore }

func (s *sbShell) Prompt() string {
	if s.confirm != "" {
		return s.confirm
	}
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	switch s.mode {
	case "exec":
		if s.priv {
			return s.d.Hostname + "#"
		}
		return s.d.Hostname + ">"
	default:
		return s.d.Hostname + "(" + s.mode + ")#"
	}
}

func (s *sbShell) Exec(line string) (string, bool) {
	trimmed := strings.TrimSpace(line)
	if s.confirm != "" {
		s.confirm = ""
		if strings.EqualFold(trimmed, "y") {
			s.d.mu.Lock()
			s.d.saved = s.d.runningConfig()
			s.d.mu.Unlock()
			return "Copy succeeded\n", false
		}
		return "Copy operation aborted\n", false
	}
	if trimmed == "" || strings.HasPrefix(trimmed, "!") {
		return "", false
	}
	if s.mode == "exec" {
		s.d.Faults.command(trimmed)
	}
	if s.mode != "exec" {
		if out, done, faulted := s.d.Faults.intercept(trimmed, func() string { return sbBadValue }); faulted {
			return out, done
		}
	}
	patterns := s.patterns()
	p, args, v, _ := match(patterns, line)
	switch v {
	case incomplete:
		if missingParameter(patterns, line) {
			return sbMissing, false
		}
		return sbIncomplete, false
	case ambiguous:
		return sbAmbiguous, false
	case invalid:
		if badParameter(patterns, line) {
			return sbBadValue, false
		}
		return sbUnrecognized, false
	}
	return p.exec(args)
}

// badParameter: some command's keywords match and a value after them is
// out of range, which SB reports as a bad value, not an unknown command.
func badParameter(patterns []pattern, line string) bool {
	words, _ := fields(line)
next:
	for _, p := range patterns {
		for i, t := range p.tokens {
			if i >= len(words) {
				break
			}
			w := words[i]
			switch t {
			case "<vlan>":
				if n, err := strconv.Atoi(w); err != nil || n < 1 || n > 4094 {
					return true
				}
			case "<n>":
				if _, err := strconv.Atoi(w); err != nil {
					return true
				}
			case "<word>", "<rest>":
			default:
				if !strings.HasPrefix(t, strings.ToLower(w)) {
					continue next
				}
			}
		}
	}
	return false
}

// missingParameter: the line is a command's keywords and the next token is
// a value.
func missingParameter(patterns []pattern, line string) bool {
	words, _ := fields(line)
	for _, p := range patterns {
		if len(p.tokens) <= len(words) || p.tokens[len(words)][0] != '<' {
			continue
		}
		if _, _, ok, inc := matchOne(p.tokens[:len(words)], words); ok && !inc {
			return true
		}
	}
	return false
}

func (s *sbShell) patterns() []pattern {
	d := s.d
	lock := func(f func([]string) string) func([]string) string { return locked(&d.mu, f) }
	if s.mode == "exec" {
		ps := []pattern{
			pat("exit", func([]string) string { return logoutMarker }),
			pat("logout", func([]string) string { return logoutMarker }),
			pat("enable", func([]string) string { s.priv = true; return "" }),
			pat("disable", func([]string) string { s.priv = false; return "" }),
			pat("terminal datadump", func([]string) string { s.length = 0; return "" }),
			pat("no terminal datadump", func([]string) string { s.length = 24; return "" }),
			pat("terminal width <n>", func([]string) string { return "" }),
			pat("show version", lock(func([]string) string { return d.showVersion() })),
			pat("show vlan", lock(func([]string) string { return d.showVLAN() })),
			pat("show interfaces switchport <rest>", lock(func(a []string) string { return d.showSwitchport(a[0]) })),
			pat("show lldp neighbors", lock(func([]string) string { return d.showLLDPNeighbors() })),
			pat("show lldp neighbors <rest>", lock(func(a []string) string { return d.showLLDPDetail(a[0]) })),
			pat("show running-config", lock(func([]string) string { return d.runningConfig() })),
		}
		if s.priv {
			save := func([]string) string { s.confirm = sbOverwrite; return "" }
			ps = append(ps,
				pat("configure terminal", func([]string) string { s.mode = "config"; return "" }),
				pat("write memory", save),
				pat("copy running-config startup-config", save),
			)
		}
		return ps
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
		pat("do <rest>", func(a []string) string {
			mode := s.mode
			s.mode = "exec"
			defer func() { s.mode = mode }()
			p, args, v, _ := match(s.patterns(), a[0])
			if v != matched {
				return sbUnrecognized
			}
			return p.run(args)
		}),
	}
	switch s.mode {
	case "config":
		ps = append(ps, s.globalPatterns(lock)...)
	case "config-vlan":
		ps = append(ps,
			pat("vlan <word>", lock(func(a []string) string {
				ids, ok := vlanList(a[0])
				if !ok {
					return sbBadValue
				}
				for _, id := range ids {
					if _, ok := d.vlans[id]; !ok {
						d.vlans[id] = ""
					}
				}
				return ""
			})),
			pat("no vlan <word>", lock(func(a []string) string {
				ids, ok := vlanList(a[0])
				if !ok || slices.Contains(ids, 1) {
					return sbBadValue
				}
				for _, id := range ids {
					d.deleteVLAN(id)
				}
				return ""
			})))
	case "config-if":
		if s.iface == "" {
			ps = append(ps,
				pat("name <rest>", lock(func(a []string) string { d.vlans[s.ifVLAN] = a[0]; return "" })),
				pat("no name", lock(func([]string) string { d.vlans[s.ifVLAN] = ""; return "" })))
		} else {
			ps = append(ps, s.interfacePatterns(lock)...)
		}
	}
	return ps
}

func (d *SB) deleteVLAN(id int) {
	delete(d.vlans, id)
	for _, p := range d.ports {
		p.GeneralUntagged = slices.DeleteFunc(p.GeneralUntagged, func(v int) bool { return v == id })
		p.GeneralTagged = slices.DeleteFunc(p.GeneralTagged, func(v int) bool { return v == id })
	}
}

func (s *sbShell) globalPatterns(lock func(func([]string) string) func([]string) string) []pattern {
	d := s.d
	return []pattern{
		pat("hostname <word>", lock(func(a []string) string { d.Hostname = a[0]; return "" })),
		pat("vlan database", func([]string) string { s.mode = "config-vlan"; return "" }),
		pat("interface vlan <vlan>", lock(func(a []string) string {
			id, _ := strconv.Atoi(a[0])
			if _, ok := d.vlans[id]; !ok {
				return sbBadValue
			}
			s.mode, s.iface, s.ifVLAN = "config-if", "", id
			return ""
		})),
		pat("interface <rest>", lock(func(a []string) string {
			p := d.port(a[0])
			if p == nil {
				return sbBadValue
			}
			s.mode, s.iface = "config-if", p.Short
			return ""
		})),
		pat("voice vlan id <vlan>", lock(func(a []string) string {
			id, _ := strconv.Atoi(a[0])
			if _, ok := d.vlans[id]; !ok {
				return sbBadValue
			}
			d.voiceVLAN = id
			return ""
		})),
		pat("no voice vlan id", lock(func([]string) string { d.voiceVLAN = 0; return "" })),
		pat("lldp run", lock(func([]string) string { d.lldpOff = false; return "" })),
		pat("no lldp run", lock(func([]string) string { d.lldpOff = true; return "" })),
		pat("lldp med network-policy voice auto", lock(func([]string) string { d.voiceAutoOff = false; return "" })),
		pat("no lldp med network-policy voice auto", lock(func([]string) string { d.voiceAutoOff = true; return "" })),
		pat("lldp med network-policy <n> <rest>", lock(func(a []string) string {
			n, _ := strconv.Atoi(a[0])
			pol, ok := parseSBPolicy(a[1])
			if !ok || n < 1 || n > 32 {
				return sbBadValue
			}
			d.policies[n] = pol
			return ""
		})),
		pat("no lldp med network-policy <n>", lock(func(a []string) string {
			n, _ := strconv.Atoi(a[0])
			for _, p := range d.ports {
				if slices.Contains(p.Policies, n) {
					// A policy a port uses cannot go.
					return sbBadValue
				}
			}
			delete(d.policies, n)
			return ""
		})),
	}
}

var sbApplications = []string{"voice", "voice-signaling", "guest-voice", "guest-voice-signaling", "softphone-voice",
	"video-conferencing", "streaming-video", "video-signaling"}

// parseSBPolicy reads "APP [vlan V] [vlan-type tagged|untagged] [up P]
// [dscp D]".
func parseSBPolicy(s string) (*SBPolicy, bool) {
	f := strings.Fields(s)
	if len(f) == 0 || !slices.Contains(sbApplications, f[0]) || len(f)%2 != 1 {
		return nil, false
	}
	pol := &SBPolicy{App: f[0]}
	for i := 1; i+1 < len(f); i += 2 {
		n, err := strconv.Atoi(f[i+1])
		switch f[i] {
		case "vlan":
			if err != nil || n < 0 || n > 4094 {
				return nil, false
			}
			pol.VLAN = n
		case "vlan-type":
			if f[i+1] != "tagged" && f[i+1] != "untagged" {
				return nil, false
			}
			pol.Tagged = f[i+1] == "tagged"
		case "up":
			if err != nil || n < 0 || n > 7 {
				return nil, false
			}
			pol.Up = n
		case "dscp":
			if err != nil || n < 0 || n > 63 {
				return nil, false
			}
			pol.DSCP = n
		default:
			return nil, false
		}
	}
	return pol, true
}

func (s *sbShell) interfacePatterns(lock func(func([]string) string) func([]string) string) []pattern {
	d := s.d
	p := func() *SBPort { return d.port(s.iface) }
	vlanArg := func(a string) int { n, _ := strconv.Atoi(a); return n }
	exists := func(id int) bool { _, ok := d.vlans[id]; return ok }
	listArg := func(a string) ([]int, bool) {
		ids, ok := vlanList(a)
		if !ok {
			return nil, false
		}
		for _, id := range ids {
			if !exists(id) {
				return nil, false
			}
		}
		return ids, true
	}
	generalAdd := func(tagged bool) func([]string) string {
		return lock(func(a []string) string {
			ids, ok := listArg(a[0])
			if !ok {
				return sbBadValue
			}
			port := p()
			for _, id := range ids {
				port.GeneralUntagged = slices.DeleteFunc(port.GeneralUntagged, func(v int) bool { return v == id })
				port.GeneralTagged = slices.DeleteFunc(port.GeneralTagged, func(v int) bool { return v == id })
				if tagged {
					port.GeneralTagged = mergeInts(port.GeneralTagged, []int{id})
				} else {
					port.GeneralUntagged = mergeInts(port.GeneralUntagged, []int{id})
				}
			}
			return ""
		})
	}
	setMode := func(m string) func([]string) string {
		return lock(func([]string) string { p().Mode = m; return "" })
	}
	return []pattern{
		pat("description <rest>", lock(func(a []string) string { p().Description = a[0]; return "" })),
		pat("no description", lock(func([]string) string { p().Description = ""; return "" })),
		pat("shutdown", lock(func([]string) string { p().Shutdown = true; return "" })),
		pat("no shutdown", lock(func([]string) string { p().Shutdown = false; return "" })),
		pat("switchport mode access", setMode("access")),
		pat("switchport mode trunk", setMode("trunk")),
		pat("switchport mode general", setMode("general")),
		pat("no switchport mode", setMode("access")),
		pat("switchport access vlan <vlan>", lock(func(a []string) string {
			if !exists(vlanArg(a[0])) {
				return sbBadValue
			}
			p().AccessVLAN = vlanArg(a[0])
			return ""
		})),
		pat("no switchport access vlan", lock(func([]string) string { p().AccessVLAN = 0; return "" })),
		pat("switchport trunk native vlan <vlan>", lock(func(a []string) string {
			if !exists(vlanArg(a[0])) {
				return sbBadValue
			}
			p().NativeVLAN = vlanArg(a[0])
			return ""
		})),
		pat("no switchport trunk native vlan", lock(func([]string) string { p().NativeVLAN = 0; return "" })),
		pat("switchport trunk allowed vlan add <word>", lock(func(a []string) string {
			ids, ok := vlanList(a[0])
			if !ok {
				return sbBadValue
			}
			p().TrunkRemoved = slices.DeleteFunc(p().TrunkRemoved, func(v int) bool { return slices.Contains(ids, v) })
			return ""
		})),
		pat("switchport trunk allowed vlan remove <word>", lock(func(a []string) string {
			ids, ok := vlanList(a[0])
			if !ok {
				return sbBadValue
			}
			p().TrunkRemoved = mergeInts(p().TrunkRemoved, ids)
			return ""
		})),
		pat("switchport general pvid <vlan>", lock(func(a []string) string {
			if !exists(vlanArg(a[0])) {
				return sbBadValue
			}
			p().PVID = vlanArg(a[0])
			return ""
		})),
		pat("no switchport general pvid", lock(func([]string) string { p().PVID = 0; return "" })),
		pat("switchport general allowed vlan add <word>", generalAdd(false)),
		pat("switchport general allowed vlan add <word> untagged", generalAdd(false)),
		pat("switchport general allowed vlan add <word> tagged", generalAdd(true)),
		pat("switchport general allowed vlan remove <word>", lock(func(a []string) string {
			ids, ok := vlanList(a[0])
			if !ok {
				return sbBadValue
			}
			port := p()
			drop := func(v int) bool { return slices.Contains(ids, v) }
			port.GeneralUntagged = slices.DeleteFunc(port.GeneralUntagged, drop)
			port.GeneralTagged = slices.DeleteFunc(port.GeneralTagged, drop)
			return ""
		})),
		pat("power inline auto", lock(func([]string) string { p().PoENever = false; return "" })),
		pat("power inline never", lock(func([]string) string { p().PoENever = true; return "" })),
		pat("lldp transmit", lock(func([]string) string { p().LLDPTxOff = false; return "" })),
		pat("no lldp transmit", lock(func([]string) string { p().LLDPTxOff = true; return "" })),
		pat("lldp receive", lock(func([]string) string { p().LLDPRxOff = false; return "" })),
		pat("no lldp receive", lock(func([]string) string { p().LLDPRxOff = true; return "" })),
		pat("lldp med network-policy add <n>", lock(func(a []string) string {
			n, _ := strconv.Atoi(a[0])
			if d.policies[n] == nil {
				return sbBadValue
			}
			p().Policies = mergeInts(p().Policies, []int{n})
			return ""
		})),
		pat("lldp med network-policy remove <n>", lock(func(a []string) string {
			n, _ := strconv.Atoi(a[0])
			p().Policies = slices.DeleteFunc(p().Policies, func(v int) bool { return v == n })
			return ""
		})),
	}
}
