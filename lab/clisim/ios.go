package clisim

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// IOSPort is one interface of the emulated IOS switch.
type IOSPort struct {
	Name        string // long form, "GigabitEthernet1/0/1"
	Short       string // "Gi1/0/1"
	Description string
	Mode        string // "", "access", "trunk"
	AccessVLAN  int    // 0 = 1
	VoiceVLAN   int
	NativeVLAN  int
	Allowed     []int // trunk allowed list, nil = all
	PoENever    bool
	LLDPTxOff   bool
	LLDPRxOff   bool
	Profile     int
	Shutdown    bool
	PoE         bool // port has a PSE
	// Neighbor is the LLDP neighbour seen on the port, nil = none.
	Neighbor *Neighbor
}

// Neighbor is an LLDP neighbour the emulator reports.
type Neighbor struct {
	SysName, ChassisID, PortID, PortDescr, SysDescr string
	// Caps are IOS capability letters ("B,T", "B,R").
	Caps string
	// Phone adds an LLDP-MED endpoint block (class III, the port's voice
	// VLAN policy) and PoE draw.
	Phone bool
}

// IOSProfile is a network-policy profile.
type IOSProfile struct {
	VoiceVLAN, CoS, DSCP int
}

// IOS is an emulated Cisco Catalyst running IOS 15.2, shared by all its
// sessions.
type IOS struct {
	mu       sync.Mutex
	Hostname string
	Version  string
	vlans    map[int]string
	lldpRun  bool
	profiles map[int]*IOSProfile
	ports    []*IOSPort
	mgmtIP   string
	saved    string
	Faults   *Faults
	// EnableSecret, when set, lands sessions in user EXEC (>) and makes
	// `enable` ask for it, as for a privilege-1 account.
	EnableSecret string
	// RevertUnit is how long one minute of `configure terminal revert
	// timer` lasts (0 = a minute); tests shorten it (ios_revert.go).
	RevertUnit  time.Duration
	archivePath string
	archiveSeq  int
	revert      *iosRevert
	reverts     int
}

// NewIOS returns a 48-port PoE access switch: Gi1/0/1-48 access in VLAN
// dataVLAN (no voice VLAN), uplink Te1/1/1 trunking every VLAN to a core
// switch heard over LLDP, management on interface Vlan99 with mgmtIP.
func NewIOS(hostname string, dataVLAN int, mgmtIP string) *IOS {
	d := &IOS{Hostname: hostname, Version: "15.2(7)E8", vlans: map[int]string{1: "default", 99: "MGMT"},
		profiles: map[int]*IOSProfile{}, mgmtIP: mgmtIP, Faults: &Faults{}}
	if dataVLAN > 1 {
		d.vlans[dataVLAN] = "DATA"
	}
	for i := 1; i <= 48; i++ {
		d.ports = append(d.ports, &IOSPort{Name: fmt.Sprintf("GigabitEthernet1/0/%d", i), Short: fmt.Sprintf("Gi1/0/%d", i),
			Mode: "access", AccessVLAN: dataVLAN, PoE: true})
	}
	d.ports = append(d.ports, &IOSPort{Name: "TenGigabitEthernet1/1/1", Short: "Te1/1/1", Description: "uplink core",
		Mode: "trunk", Neighbor: &Neighbor{SysName: "core1", ChassisID: "0011.2233.4455", PortID: "Te1/0/24",
			PortDescr: "TenGigabitEthernet1/0/24", Caps: "B,R",
			SysDescr: "Cisco IOS Software, Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4"}})
	d.saved = d.runningConfig()
	return d
}

// AddPhone puts an IP phone (LLDP-MED class III, bridge+telephone) on port.
func (d *IOS) AddPhone(short string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.port(short); p != nil {
		p.Neighbor = &Neighbor{SysName: "SEP00AABBCC" + strconv.Itoa(len(short)), ChassisID: "0.0.0.0", PortID: "00AABBCC0001:P1",
			PortDescr: "SW PORT", Caps: "B,T", SysDescr: "Cisco IP Phone 8841, V3, sip88xx.14-1-1-0001-136", Phone: true}
	}
}

// Port returns a copy of the port's state (by short or long name).
func (d *IOS) Port(name string) (IOSPort, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	p := d.port(name)
	if p == nil {
		return IOSPort{}, false
	}
	return *p, true
}

// RunningConfig returns the running configuration text.
func (d *IOS) RunningConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.runningConfig()
}

// StartupConfig returns the configuration saved by `write memory`.
func (d *IOS) StartupConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.saved
}

func (d *IOS) port(name string) *IOSPort {
	n := strings.ToLower(strings.ReplaceAll(name, " ", ""))
	for _, p := range d.ports {
		if strings.ToLower(p.Name) == n || strings.ToLower(p.Short) == n {
			return p
		}
	}
	// Any unique abbreviation of the type: "gig1/0/1", "te1/1/1".
	for _, p := range d.ports {
		typ := strings.TrimRight(p.Name, "0123456789/")
		num := strings.TrimPrefix(p.Name, typ)
		i := strings.IndexAny(n, "0123456789")
		if i > 0 && n[i:] == num && strings.HasPrefix(strings.ToLower(typ), n[:i]) {
			return p
		}
	}
	return nil
}

// NewShell starts a session. Users land in privileged EXEC (privilege 15),
// as with an AAA account; `disable`/`enable` move between > and #.
func (d *IOS) NewShell() Shell {
	d.mu.Lock()
	defer d.mu.Unlock()
	return &iosShell{d: d, mode: "exec", priv: d.EnableSecret == "", length: 24}
}

type iosShell struct {
	d      *IOS
	mode   string // exec, config, config-if, config-vlan, config-network-policy
	priv   bool
	length int
	// iface is the port being configured, by name: the device's port
	// objects are replaced when a persistent shell reloads its state.
	iface string
	vlan  int
	prof  int
	// askSecret: `enable` asked for the password; the next line is it.
	askSecret bool
}

func (s *iosShell) ReadingSecret() bool { return s.askSecret }

func (s *iosShell) Banner() string  { return "\n" }
func (s *iosShell) PageLength() int { return s.length }
func (s *iosShell) Prompt() string {
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	if s.askSecret {
		return "Password: "
	}
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

const (
	iosInvalid    = "% Invalid input detected at '^' marker.\n"
	iosIncomplete = "% Incomplete command.\n"
	iosAmbiguous  = "%% Ambiguous command:  \"%s\"\n"
)

func (s *iosShell) Exec(line string) (string, bool) {
	if s.askSecret {
		s.askSecret = false
		s.d.mu.Lock()
		ok := line == s.d.EnableSecret
		s.d.mu.Unlock()
		if !ok {
			return "% Bad secrets\n", false
		}
		s.priv = true
		return "", false
	}
	trimmed := strings.TrimSpace(line)
	if trimmed == "" || strings.HasPrefix(trimmed, "!") {
		return "", false
	}
	inConfig := s.mode != "exec"
	if !inConfig {
		s.d.Faults.command(trimmed)
	}
	var delay time.Duration
	if inConfig {
		drop, reject, ignore, dl := s.d.Faults.configLine(trimmed)
		delay = dl
		if delay > 0 {
			time.Sleep(delay)
		}
		if drop {
			return dropMarker, true
		}
		if reject {
			return caret(s.Prompt(), line, 0) + iosInvalid, false
		}
		if ignore {
			return "", false
		}
	}
	patterns := s.patterns()
	p, args, v, badAt := match(patterns, line)
	switch v {
	case incomplete:
		return iosIncomplete, false
	case ambiguous:
		return fmt.Sprintf(iosAmbiguous, trimmed), false
	case invalid:
		return caret(s.Prompt(), line, badAt) + iosInvalid, false
	}
	return p.exec(args)
}

const logoutMarker = "\x00logout"

// caret is IOS's pointer under the offending token, aligned past the prompt.
func caret(prompt, line string, col int) string {
	return strings.Repeat(" ", len(prompt)+col) + "^\n"
}

func (s *iosShell) patterns() []pattern {
	d := s.d
	lock := func(f func([]string) string) func([]string) string { return locked(&d.mu, f) }
	exit := pat("exit", func([]string) string {
		switch s.mode {
		case "exec":
			return logoutMarker
		case "config":
			s.mode = "exec"
		default:
			s.mode = "config"
		}
		return ""
	})
	end := pat("end", func([]string) string { s.mode = "exec"; return "" })
	if s.mode == "exec" {
		ps := []pattern{
			pat("exit", func([]string) string { return logoutMarker }),
			pat("logout", func([]string) string { return logoutMarker }),
			pat("quit", func([]string) string { return logoutMarker }),
			pat("enable", lock(func([]string) string {
				if !s.priv && d.EnableSecret != "" {
					s.askSecret = true
					return ""
				}
				s.priv = true
				return ""
			})),
			pat("disable", func([]string) string { s.priv = false; return "" }),
			pat("terminal length <n>", func(a []string) string { s.length, _ = strconv.Atoi(a[0]); return "" }),
			pat("terminal width <n>", func([]string) string { return "" }),
			pat("show version", lock(func([]string) string { return d.showVersion() })),
			pat("show vlan brief", lock(func([]string) string { return d.showVLANBrief() })),
			pat("show interfaces switchport", lock(func([]string) string { return d.showSwitchport("") })),
			pat("show interfaces <word> switchport", lock(func(a []string) string { return d.showSwitchport(a[0]) })),
			pat("show power inline", lock(func([]string) string { return d.showPowerInline() })),
			pat("show lldp neighbors detail", lock(func([]string) string { return d.showLLDPDetail() })),
			pat("show cdp neighbors detail", lock(func([]string) string { return d.showCDPDetail() })),
			pat("show running-config", lock(func([]string) string { return d.runningConfig() })),
			pat("show running-config interface <rest>", lock(func(a []string) string { return d.runningInterface(a[0]) })),
		}
		if s.priv {
			ps = append(ps,
				pat("configure terminal", func([]string) string {
					s.mode = "config"
					return "Enter configuration commands, one per line.  End with CNTL/Z.\n"
				}),
				pat("configure terminal revert timer <n>", lock(func(a []string) string {
					out := d.armRevert(a[0])
					if d.revert != nil {
						s.mode = "config"
						out += "Enter configuration commands, one per line.  End with CNTL/Z.\n"
					}
					return out
				})),
				pat("configure confirm", lock(func([]string) string { return d.confirmRevert() })),
				pat("configure revert now", lock(func([]string) string { return d.revertNow() })),
				pat("show archive config rollback timer", lock(func([]string) string { return d.showRevertTimer() })),
				pat("write memory", lock(func([]string) string {
					d.saved = d.runningConfig()
					return "Building configuration...\n[OK]\n"
				})),
				pat("copy running-config startup-config", lock(func([]string) string {
					d.saved = d.runningConfig()
					return "Destination filename [startup-config]? \n[OK]\n"
				})),
			)
		}
		return ps
	}
	ps := []pattern{exit, end,
		pat("do <rest>", func(a []string) string {
			mode := s.mode
			s.mode = "exec"
			defer func() { s.mode = mode }()
			p, args, v, _ := match(s.patterns(), a[0])
			if v != matched {
				return iosInvalid
			}
			return p.run(args)
		}),
		pat("hostname <word>", lock(func(a []string) string { d.Hostname = a[0]; return "" })),
		pat("vlan <vlan>", lock(func(a []string) string {
			id, _ := strconv.Atoi(a[0])
			if _, ok := d.vlans[id]; !ok {
				d.vlans[id] = fmt.Sprintf("VLAN%04d", id)
			}
			s.mode, s.vlan = "config-vlan", id
			return ""
		})),
		pat("no vlan <vlan>", lock(func(a []string) string {
			id, _ := strconv.Atoi(a[0])
			if id == 1 {
				return "%Default VLAN 1 may not be deleted.\n"
			}
			delete(d.vlans, id)
			return ""
		})),
		pat("archive", func([]string) string { s.mode = "config-archive"; return "" }),
		pat("no archive", lock(func([]string) string { d.archivePath = ""; return "" })),
		pat("lldp run", lock(func([]string) string { d.lldpRun = true; return "" })),
		pat("no lldp run", lock(func([]string) string { d.lldpRun = false; return "" })),
		pat("network-policy profile <n>", lock(func(a []string) string {
			n, _ := strconv.Atoi(a[0])
			if n < 1 || n > 4294967 {
				return iosInvalid
			}
			if d.profiles[n] == nil {
				d.profiles[n] = &IOSProfile{}
			}
			s.mode, s.prof = "config-network-policy", n
			return ""
		})),
		pat("no network-policy profile <n>", lock(func(a []string) string {
			n, _ := strconv.Atoi(a[0])
			delete(d.profiles, n)
			return ""
		})),
		pat("interface <rest>", lock(func(a []string) string {
			p := d.port(a[0])
			if p == nil {
				return caret(s.d.Hostname+"(config)#", "interface "+a[0], len("interface ")) + iosInvalid
			}
			s.mode, s.iface = "config-if", p.Short
			return ""
		})),
	}
	switch s.mode {
	case "config-archive":
		ps = append(ps, pat("path <word>", lock(func(a []string) string { d.archivePath = a[0]; return "" })))
	case "config-vlan":
		ps = append(ps, pat("name <rest>", lock(func(a []string) string { d.vlans[s.vlan] = a[0]; return "" })))
	case "config-network-policy":
		setProf := func(field string) func([]string) string {
			return lock(func(a []string) string {
				v, _ := strconv.Atoi(a[0])
				x, _ := strconv.Atoi(a[1])
				if (field == "cos" && (x < 0 || x > 7)) || (field == "dscp" && (x < 0 || x > 63)) {
					return iosInvalid
				}
				pr := d.profiles[s.prof]
				pr.VoiceVLAN = v
				if field == "cos" {
					pr.CoS = x
				} else {
					pr.DSCP = x
				}
				return ""
			})
		}
		ps = append(ps, pat("voice vlan <vlan> cos <n>", setProf("cos")), pat("voice vlan <vlan> dscp <n>", setProf("dscp")))
	case "config-if":
		ps = append(ps, s.interfacePatterns(lock)...)
	}
	return ps
}

func (s *iosShell) interfacePatterns(lock func(func([]string) string) func([]string) string) []pattern {
	d := s.d
	p := func() *IOSPort { return d.port(s.iface) }
	vlanArg := func(a string) int { n, _ := strconv.Atoi(a); return n }
	return []pattern{
		pat("description <rest>", lock(func(a []string) string { p().Description = a[0]; return "" })),
		pat("no description", lock(func([]string) string { p().Description = ""; return "" })),
		pat("shutdown", lock(func([]string) string { p().Shutdown = true; return "" })),
		pat("no shutdown", lock(func([]string) string { p().Shutdown = false; return "" })),
		pat("switchport mode access", lock(func([]string) string { p().Mode = "access"; return "" })),
		pat("switchport mode trunk", lock(func([]string) string { p().Mode = "trunk"; return "" })),
		pat("switchport mode dynamic auto", lock(func([]string) string { p().Mode = ""; return "" })),
		pat("no switchport mode", lock(func([]string) string { p().Mode = ""; return "" })),
		pat("switchport access vlan <vlan>", lock(func(a []string) string {
			id := vlanArg(a[0])
			p().AccessVLAN = id
			if _, ok := d.vlans[id]; !ok {
				d.vlans[id] = fmt.Sprintf("VLAN%04d", id)
				return "% Access VLAN does not exist. Creating vlan " + a[0] + "\n"
			}
			return ""
		})),
		pat("no switchport access vlan", lock(func([]string) string { p().AccessVLAN = 0; return "" })),
		pat("switchport voice vlan <vlan>", lock(func(a []string) string { p().VoiceVLAN = vlanArg(a[0]); return "" })),
		pat("no switchport voice vlan", lock(func([]string) string { p().VoiceVLAN = 0; return "" })),
		pat("switchport trunk native vlan <vlan>", lock(func(a []string) string { p().NativeVLAN = vlanArg(a[0]); return "" })),
		pat("switchport trunk allowed vlan add <word>", lock(func(a []string) string {
			ids, ok := vlanList(a[0])
			if !ok {
				return iosInvalid
			}
			if p().Allowed != nil {
				p().Allowed = mergeInts(p().Allowed, ids)
			}
			return ""
		})),
		pat("power inline auto", lock(func([]string) string { p().PoENever = false; return "" })),
		pat("power inline never", lock(func([]string) string { p().PoENever = true; return "" })),
		pat("lldp transmit", lock(func([]string) string { p().LLDPTxOff = false; return "" })),
		pat("no lldp transmit", lock(func([]string) string { p().LLDPTxOff = true; return "" })),
		pat("lldp receive", lock(func([]string) string { p().LLDPRxOff = false; return "" })),
		pat("no lldp receive", lock(func([]string) string { p().LLDPRxOff = true; return "" })),
		pat("network-policy <n>", lock(func(a []string) string {
			n, _ := strconv.Atoi(a[0])
			if d.profiles[n] == nil {
				return "% Network Policy Profile " + a[0] + " does not exist\n"
			}
			p().Profile = n
			return ""
		})),
		pat("no network-policy", lock(func([]string) string { p().Profile = 0; return "" })),
		pat("spanning-tree portfast", func([]string) string { return "" }),
	}
}

func vlanList(s string) ([]int, bool) {
	var ids []int
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		if err != nil || a < 1 || a > 4094 {
			return nil, false
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(hi); err != nil || b < a || b > 4094 {
				return nil, false
			}
		}
		for v := a; v <= b; v++ {
			ids = append(ids, v)
		}
	}
	return ids, true
}

func mergeInts(a, b []int) []int {
	out := slices.Clone(a)
	for _, v := range b {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	sort.Ints(out)
	return out
}
