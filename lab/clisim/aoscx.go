package clisim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// CXPort is one port of the emulated AOS-CX switch.
type CXPort struct {
	Name     string // "1/1/1".."1/1/52"
	Descr    string
	Shutdown bool
	// Routed is `routing` (a layer 3 port); ports start as `no routing`.
	Routed bool
	// Access is the `vlan access` VLAN (0 = the default VLAN 1) when the
	// port is not a trunk.
	Access int
	Trunk  bool
	// Native is the trunk's native VLAN (0 = 1); NativeTag tags it.
	Native     int
	NativeTag  bool
	Allowed    []int
	AllowedAll bool
	PoE        bool // port has a PSE
	PoEOff     bool
	LLDPTxOff  bool
	LLDPRxOff  bool
	// MEDOff is `no lldp med network-policy`.
	MEDOff   bool
	Neighbor *Neighbor
}

// CXVLAN is one VLAN of the emulated AOS-CX switch.
type CXVLAN struct {
	ID    int
	Name  string
	Voice bool
}

// cxState is everything `checkpoint auto` restores.
type cxState struct {
	Hostname string          `json:"hostname"`
	VLANs    map[int]*CXVLAN `json:"vlans"`
	LLDPOff  bool            `json:"lldpOff"`
	Ports    []*CXPort       `json:"ports"`
	// SVIs are `interface vlan N` / `ip address A/L`.
	SVIs map[int]string `json:"svis"`
}

func (s *cxState) clone() *cxState {
	n := &cxState{Hostname: s.Hostname, VLANs: map[int]*CXVLAN{}, LLDPOff: s.LLDPOff, SVIs: map[int]string{}}
	for id, v := range s.VLANs {
		cv := *v
		n.VLANs[id] = &cv
	}
	for id, a := range s.SVIs {
		n.SVIs[id] = a
	}
	for _, p := range s.Ports {
		cp := *p
		cp.Allowed = slices.Clone(p.Allowed)
		n.Ports = append(n.Ports, &cp)
	}
	return n
}

// AOSCX is an emulated Aruba 6300M 48G Class 4 PoE switch running AOS-CX
// 10.10, shared by all its sessions. Its commands, prompts and error texts
// follow the AOS-CX 10.07 Fundamentals Guide (see docs/aruba_aoscx.md for
// what is not confirmed there).
type AOSCX struct {
	mu      sync.Mutex
	Release string
	st      *cxState
	saved   string
	// Checkpoint auto mode: the state to restore and when.
	checkpoint *cxState
	deadline   time.Time
	timer      *time.Timer
	reverts    int
	// CheckpointMinute is how long one minute of `checkpoint auto N` lasts
	// (time.Minute; tests shorten it). Now is the clock.
	CheckpointMinute time.Duration
	Now              func() time.Time
	Faults           *Faults
}

// NewAOSCX returns a 48-port PoE access switch: ports 1/1/1-1/1/48 access in
// dataVLAN, uplink 1/1/49 a trunk (native VLAN 1, allowed dataVLAN and the
// management VLAN 99, whose interface holds mgmtIP) toward a core switch
// heard over LLDP, 1/1/50-1/1/52 in the default VLAN. LLDP runs (the AOS-CX
// default); there is no voice VLAN.
func NewAOSCX(hostname string, dataVLAN int, mgmtIP string) *AOSCX {
	st := &cxState{Hostname: hostname, VLANs: map[int]*CXVLAN{}, SVIs: map[int]string{99: mgmtIP + "/24"}}
	st.VLANs[1] = &CXVLAN{ID: 1, Name: "DEFAULT_VLAN_1"}
	st.VLANs[99] = &CXVLAN{ID: 99, Name: "MGMT"}
	if dataVLAN > 1 && dataVLAN != 99 {
		st.VLANs[dataVLAN] = &CXVLAN{ID: dataVLAN, Name: "DATA"}
	}
	for i := 1; i <= 52; i++ {
		p := &CXPort{Name: "1/1/" + strconv.Itoa(i), PoE: i <= 48}
		switch {
		case i <= 48:
			if dataVLAN > 1 {
				p.Access = dataVLAN
			}
		case i == 49:
			p.Descr = "uplink core"
			p.Trunk, p.Native, p.Allowed = true, 1, []int{dataVLAN, 99}
			p.Neighbor = &Neighbor{SysName: "core1", ChassisID: "00:11:22:33:44:55", PortID: "Te1/0/24",
				PortDescr: "TenGigabitEthernet1/0/24", Caps: "B,R",
				SysDescr: "Cisco IOS Software, Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4"}
		}
		st.Ports = append(st.Ports, p)
	}
	d := &AOSCX{Release: "FL.10.10.1020", st: st, Faults: &Faults{}}
	d.saved = d.runningConfig()
	return d
}

func (d *AOSCX) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

// expire restores the checkpoint when checkpoint auto mode ran out
// unconfirmed, as the switch's own timer does: a timer does it in this
// process, and every access checks the deadline too, for a device kept in
// a state file between emulator processes. mu is held.
func (d *AOSCX) expire() {
	if d.checkpoint != nil && !d.now().Before(d.deadline) {
		d.st, d.checkpoint = d.checkpoint, nil
		d.reverts++
	}
}

// Reverts counts the checkpoint restores the switch carried out by itself.
func (d *AOSCX) Reverts() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire()
	return d.reverts
}

// AddPhone puts an IP phone (LLDP-MED, bridge+telephone) on port.
func (d *AOSCX) AddPhone(port string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.port(port); p != nil {
		n := strings.ReplaceAll(port, "/", "")
		p.Neighbor = &Neighbor{SysName: "SEP00AABBCC0" + n, ChassisID: "00:aa:bb:cc:00:" + fmt.Sprintf("%02s", n[len(n)-min(2, len(n)):]),
			PortID: "00AABBCC0001:P1", PortDescr: "SW PORT", Caps: "B,T",
			SysDescr: "Cisco IP Phone 8841, V3, sip88xx.14-1-1-0001-136", Phone: true}
	}
}

// Port returns a copy of a port's state.
func (d *AOSCX) Port(name string) (CXPort, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire()
	if p := d.port(name); p != nil {
		return *p, true
	}
	return CXPort{}, false
}

// InCheckpointAuto reports whether checkpoint auto mode is running.
func (d *AOSCX) InCheckpointAuto() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire()
	return d.checkpoint != nil
}

// RunningConfig returns the running configuration text.
func (d *AOSCX) RunningConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire()
	return d.runningConfig()
}

// StartupConfig returns the configuration saved by `write memory`.
func (d *AOSCX) StartupConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.saved
}

func (d *AOSCX) port(name string) *CXPort {
	for _, p := range d.st.Ports {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// NewShell starts a session in the manager context (#), as for an admin.
func (d *AOSCX) NewShell() Shell { return &cxShell{d: d, mode: "exec", length: 24} }

type cxShell struct {
	d      *AOSCX
	mode   string // exec, config, if, vlan, svi
	length int
	vlan   int
	iface  string
}

func (s *cxShell) Banner() string  { return "" }
func (s *cxShell) PageLength() int { return s.length }

func (s *cxShell) Prompt() string {
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	h := s.d.st.Hostname
	switch s.mode {
	case "config":
		return h + "(config)# "
	case "if":
		return h + "(config-if)# "
	case "vlan":
		return h + "(config-vlan-" + strconv.Itoa(s.vlan) + ")# "
	case "svi":
		return h + "(config-if-vlan)# "
	}
	return h + "# "
}

func (s *cxShell) Exec(line string) (string, bool) {
	trimmed := strings.TrimSpace(line)
	if trimmed == "" {
		return "", false
	}
	s.d.mu.Lock()
	s.d.expire()
	s.d.mu.Unlock()
	if s.mode == "exec" {
		s.d.Faults.command(trimmed)
	} else {
		if out, done, faulted := s.d.Faults.intercept(trimmed, func() string { return "Invalid input: " + strings.Fields(trimmed)[0] + "\n" }); faulted {
			return out, done
		}
	}
	p, args, v, badAt := match(s.patterns(), trimmed)
	switch v {
	case incomplete:
		return "% Command incomplete.\n", false
	case ambiguous:
		return "% Ambiguous command.\n", false
	case invalid:
		tok, _, _ := strings.Cut(trimmed[badAt:], " ")
		return "Invalid input: " + tok + "\n", false
	}
	return p.exec(args)
}
