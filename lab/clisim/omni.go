package clisim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// OmniPort is one port of the emulated OmniSwitch.
type OmniPort struct {
	Name      string // "1/1" (AOS 6) or "1/1/1" (AOS 8)
	AdminDown bool
	// Default is the port's untagged (default) VLAN; Tagged its 802.1Q
	// VLANs.
	Default int
	Tagged  []int
	PoE     bool // port has a PSE
	// PoEOff is AOS 6 `lanpower stop P` / AOS 8 `lanpower port P
	// admin-state disable`.
	PoEOff bool
	// LLDPDU is `lldp ... lldpdu MODE`, "" for the default tx-and-rx.
	LLDPDU string
	// Bind are the network policies bound to the port (`lldp port P med
	// network-policy N`); MEDTLV is `lldp port P tlv med network-policy
	// enable`.
	Bind     []int
	MEDTLV   bool
	Neighbor *Neighbor
}

// OmniPolicy is one `lldp network-policy N application A vlan V
// l2-priority P dscp D`.
type OmniPolicy struct {
	App            string
	VLAN, Priority int
	DSCP           int
}

// OmniVLAN is one VLAN.
type OmniVLAN struct {
	Name     string
	Disabled bool
}

// omniState is the switch's running configuration.
type omniState struct {
	Hostname string                `json:"hostname"`
	VLANs    map[int]*OmniVLAN     `json:"vlans"`
	Ports    []*OmniPort           `json:"ports"`
	Policies map[int]OmniPolicy    `json:"policies"`
	LLDPOff  bool                  `json:"lldpOff"`
	PoESlots map[string]bool       `json:"poeSlots"`
	IPs      map[string]OmniIPAddr `json:"ips"`
}

// OmniIPAddr is one `ip interface "NAME" address A mask M vlan V`.
type OmniIPAddr struct {
	Address, Mask string
	VLAN          int
}

// OmniSwitch is an emulated Alcatel-Lucent Enterprise OmniSwitch: an
// OS6450-P24 on AOS 6.7.2 or an OS6860E-P24 on AOS 8.7, shared by all its
// sessions. There is no configuration mode: every command is typed at the
// `-> ` prompt. Commands, error texts and outputs follow the AOS 6.7.1 and
// AOS 8.10R1 CLI Reference Guides and ntc-templates' alcatel_aos samples;
// docs/ale_aos.md lists what is not confirmed.
type OmniSwitch struct {
	mu sync.Mutex
	// Release is 6 or 8; Model and Version are what `show system` says.
	Release        int
	Model, Version string
	st             *omniState
	// working is the configuration `write memory` saved (what a reload
	// loads), certified what `copy running certified` (AOS 8) or `copy
	// working certified` (AOS 6) copied.
	working, certified string
	Faults             *Faults
}

// NewOmniSwitch returns a 24-port PoE access switch of release 6 (ports
// 1/1-1/28) or 8 (1/1/1-1/1/28): ports 1-24 untagged in dataVLAN with PoE,
// uplink 25 untagged in VLAN 1 and tagged in dataVLAN and the management
// VLAN 99 (whose IP interface holds mgmtIP) toward a core switch heard over
// LLDP, 26-28 in VLAN 1. LLDP runs, the slot's PoE service is started, no
// network policy; the configuration is saved and certified.
func NewOmniSwitch(release int, hostname string, dataVLAN int, mgmtIP string) *OmniSwitch {
	d := &OmniSwitch{Release: 8, Model: "OS6860E-P24", Version: "8.7.354.R01", Faults: &Faults{}}
	prefix, slot := "1/1/", "1/1"
	if release == 6 {
		d.Release, d.Model, d.Version, prefix, slot = 6, "OS6450-P24", "6.7.2.191.R04", "1/", "1"
	}
	st := &omniState{Hostname: hostname, VLANs: map[int]*OmniVLAN{1: {}, 99: {Name: "MGMT"}}, Policies: map[int]OmniPolicy{},
		PoESlots: map[string]bool{slot: true}, IPs: map[string]OmniIPAddr{"MGMT": {Address: mgmtIP, Mask: "255.255.255.0", VLAN: 99}}}
	if dataVLAN > 1 && dataVLAN != 99 {
		st.VLANs[dataVLAN] = &OmniVLAN{Name: "DATA"}
	}
	for i := 1; i <= 28; i++ {
		p := &OmniPort{Name: prefix + strconv.Itoa(i), Default: 1, PoE: i <= 24}
		if i <= 24 && dataVLAN > 1 {
			p.Default = dataVLAN
		}
		if i == 25 {
			p.Tagged = addInts(nil, dataVLAN, 99)
			p.Neighbor = &Neighbor{SysName: "core1", ChassisID: "00:11:22:33:44:55", PortID: "Te1/0/24",
				PortDescr: "TenGigabitEthernet1/0/24", Caps: "B,R",
				SysDescr: "Cisco IOS Software, Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4"}
		}
		st.Ports = append(st.Ports, p)
	}
	d.st = st
	d.working = d.snapshot()
	d.certified = d.working
	return d
}

// AddPhone puts an IP phone (LLDP-MED, bridge+telephone) on port.
func (d *OmniSwitch) AddPhone(port string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.port(port); p != nil {
		n := port[strings.LastIndexByte(port, '/')+1:]
		p.Neighbor = &Neighbor{SysName: "SEP00AABBCC00" + n, ChassisID: "00:aa:bb:cc:00:" + fmt.Sprintf("%02s", n),
			PortID: "00:aa:bb:cc:00:01", PortDescr: "SW PORT", Caps: "B,T",
			SysDescr: "Cisco IP Phone 8841, V3, sip88xx.14-1-1-0001-136", Phone: true}
	}
}

// Port returns a copy of a port's state.
func (d *OmniSwitch) Port(name string) (OmniPort, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.port(name); p != nil {
		return *p, true
	}
	return OmniPort{}, false
}

// Policy returns network policy id.
func (d *OmniSwitch) Policy(id int) (OmniPolicy, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	p, ok := d.st.Policies[id]
	return p, ok
}

// RunningConfig returns `show configuration snapshot`.
func (d *OmniSwitch) RunningConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.snapshot()
}

// StartupConfig returns the configuration `write memory` saved to the
// working directory.
func (d *OmniSwitch) StartupConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.working
}

// CertifiedConfig returns the certified directory's configuration.
func (d *OmniSwitch) CertifiedConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.certified
}

func (d *OmniSwitch) port(name string) *OmniPort {
	for _, p := range d.st.Ports {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// ports reads a port or a range ("1/1/1", "1/1/1-4", "1/1-4") into the
// switch's ports, nil when any is not one.
func (d *OmniSwitch) ports(arg string) []*OmniPort {
	first, last, isRange := strings.Cut(arg, "-")
	p := d.port(first)
	if p == nil {
		return nil
	}
	if !isRange {
		return []*OmniPort{p}
	}
	i := strings.LastIndexByte(first, '/')
	lo, _ := strconv.Atoi(first[i+1:])
	hi, err := strconv.Atoi(last)
	if err != nil || hi < lo {
		return nil
	}
	var out []*OmniPort
	for n := lo; n <= hi; n++ {
		q := d.port(first[:i+1] + strconv.Itoa(n))
		if q == nil {
			return nil
		}
		out = append(out, q)
	}
	return out
}

// NewShell starts a session at the `-> ` prompt.
func (d *OmniSwitch) NewShell() Shell { return &omniShell{d: d} }

type omniShell struct {
	d *OmniSwitch
	// more is AOS 6's per-session pager (`more`, `more size N`, `no
	// more`), off by default; moreSize its length.
	more     bool
	moreSize int
}

func (s *omniShell) Banner() string {
	return "\nWelcome to the Alcatel-Lucent Enterprise " + s.d.Model + " " + s.d.Version + "\n\n"
}

func (s *omniShell) Prompt() string { return "-> " }

func (s *omniShell) PageLength() int {
	if s.more {
		return s.moreSize
	}
	return 0
}

// MoreText is AOS 6's pager prompt (AOS 6.7.1 CLI Reference Guide,
// p.6-40).
func (s *omniShell) MoreText() string {
	return "More? [next screen <sp>, next line <cr>, filter pattern </>, quit </>]"
}

// omniExecWords start the commands that change nothing (or only the
// session or the flash): the rest is configuration, which the fault hooks
// count.
var omniExecWords = []string{"show", "write", "copy", "more", "exit", "logout"}

func (s *omniShell) Exec(line string) (string, bool) {
	trimmed := strings.TrimSpace(line)
	if trimmed == "" {
		return "", false
	}
	first := strings.ToLower(strings.Fields(trimmed)[0])
	if slices.Contains(omniExecWords, first) || strings.EqualFold(trimmed, "no more") {
		s.d.Faults.command(trimmed)
	} else if out, done, faulted := s.d.Faults.intercept(trimmed, func() string { return omniInvalid(trimmed, 0) }); faulted {
		return out, done
	}
	p, args, v, badAt := match(s.patterns(), trimmed)
	switch v {
	case incomplete:
		return "ERROR: Incomplete command\n", false
	case ambiguous, invalid:
		return omniInvalid(trimmed, badAt), false
	}
	return p.exec(args)
}

// omniInvalid is OmniSwitch's rejection of a word: a caret under it, then
// `ERROR: Invalid entry: "word"`.
func omniInvalid(line string, at int) string {
	word := line[at:]
	if i := strings.IndexAny(word, " \t"); i >= 0 {
		word = word[:i]
	}
	return strings.Repeat(" ", len("-> ")+at) + "^\nERROR: Invalid entry: \"" + word + "\"\n"
}
