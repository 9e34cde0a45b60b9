package clisim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// OS10Port is one port of the emulated Dell OS10 switch.
type OS10Port struct {
	Name  string // "ethernet1/1/1"
	Descr string
	// Shutdown: OS10 ports come up shut down unless `no shutdown`.
	Shutdown bool
	// Routed is `no switchport` (a layer 3 port).
	Routed bool
	// Trunk is `switchport mode trunk`; Access is `switchport access vlan`
	// (0 = the default VLAN 1), the untagged VLAN in either mode; Allowed
	// are the trunk's tagged VLANs.
	Trunk     bool
	Access    int
	Allowed   []int
	LLDPTxOff bool
	LLDPRxOff bool
	// Policies are the LLDP-MED network policies the port advertises
	// (`lldp med network-policy add N`).
	Policies []int
	// ChannelGroup is the port-channel the port belongs to, 0 = none.
	ChannelGroup int
	Neighbor     *Neighbor
}

// OS10VLAN is one VLAN (`interface vlanN`).
type OS10VLAN struct {
	ID    int
	Descr string
	// Address is the VLAN interface's `ip address A/L`, "" = none.
	Address string
}

// OS10Policy is a global `lldp med network-policy N app ...`.
type OS10Policy struct {
	App      string
	VLAN     int
	Tagged   bool
	Priority int
	DSCP     int
}

// os10State is the switch's running configuration.
type os10State struct {
	Hostname string              `json:"hostname"`
	VLANs    map[int]*OS10VLAN   `json:"vlans"`
	LLDPOff  bool                `json:"lldpOff"`
	Policies map[int]*OS10Policy `json:"policies"`
	Ports    []*OS10Port         `json:"ports"`
}

// OS10 is an emulated Dell EMC S4148T-ON running SmartFabric OS10
// 10.5.4, shared by all its sessions: 48 10GBase-T access ports and 6
// uplinks, no PoE (the S-series has none). Its commands, prompts and error
// texts follow the *Dell SmartFabric OS10 User Guide* (see
// docs/dell_os10.md for what is not confirmed there).
type OS10 struct {
	mu      sync.Mutex
	Release string
	Model   string
	st      *os10State
	saved   string
	Faults  *Faults
}

// NewOS10 returns the switch: ports ethernet1/1/1-1/1/48 access in dataVLAN,
// uplink ethernet1/1/49 a trunk (untagged VLAN 1, tagged dataVLAN and the
// management VLAN 99, whose interface holds mgmtIP) toward a core switch
// heard over LLDP, 1/1/50-1/1/54 in the default VLAN. LLDP runs (the OS10
// default); there is no LLDP-MED network policy.
func NewOS10(hostname string, dataVLAN int, mgmtIP string) *OS10 {
	st := &os10State{Hostname: hostname, VLANs: map[int]*OS10VLAN{}, Policies: map[int]*OS10Policy{}}
	st.VLANs[1] = &OS10VLAN{ID: 1}
	st.VLANs[99] = &OS10VLAN{ID: 99, Descr: "MGMT", Address: mgmtIP + "/24"}
	if dataVLAN > 1 && dataVLAN != 99 {
		st.VLANs[dataVLAN] = &OS10VLAN{ID: dataVLAN, Descr: "DATA"}
	}
	for i := 1; i <= 54; i++ {
		p := &OS10Port{Name: "ethernet1/1/" + strconv.Itoa(i)}
		switch {
		case i <= 48:
			if dataVLAN > 1 {
				p.Access = dataVLAN
			}
		case i == 49:
			p.Descr = "uplink core"
			p.Trunk, p.Allowed = true, []int{dataVLAN, 99}
			p.Neighbor = &Neighbor{SysName: "core1", ChassisID: "00:11:22:33:44:55", PortID: "Te1/0/24",
				PortDescr: "TenGigabitEthernet1/0/24", Caps: "B,R",
				SysDescr: "Cisco IOS Software, Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4"}
		}
		st.Ports = append(st.Ports, p)
	}
	d := &OS10{Release: "10.5.4.2", Model: "S4148T-ON", st: st, Faults: &Faults{}}
	d.saved = d.runningConfig()
	return d
}

// AddPhone puts an IP phone (LLDP-MED, bridge+telephone) on port.
func (d *OS10) AddPhone(port string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.port(port); p != nil {
		n := port[strings.LastIndexByte(port, '/')+1:]
		p.Neighbor = &Neighbor{SysName: "SEP00AABBCC00" + n, ChassisID: "00:aa:bb:cc:00:" + fmt.Sprintf("%02s", n),
			PortID: "00AABBCC0001:P1", PortDescr: "SW PORT", Caps: "B,T",
			SysDescr: "Cisco IP Phone 8841, V3, sip88xx.14-1-1-0001-136", Phone: true}
	}
}

// Port returns a copy of a port's state.
func (d *OS10) Port(name string) (OS10Port, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.port(name); p != nil {
		c := *p
		c.Allowed, c.Policies = slices.Clone(p.Allowed), slices.Clone(p.Policies)
		return c, true
	}
	return OS10Port{}, false
}

// Policy returns a copy of network policy n.
func (d *OS10) Policy(n int) (OS10Policy, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.st.Policies[n]; p != nil {
		return *p, true
	}
	return OS10Policy{}, false
}

// RunningConfig returns the `show running-configuration` text.
func (d *OS10) RunningConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.runningConfig()
}

// StartupConfig returns the configuration saved by `copy
// running-configuration startup-configuration`.
func (d *OS10) StartupConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.saved
}

// port finds a port by its configuration name ("ethernet1/1/1") or the
// forms OS10 accepts after `interface` ("ethernet 1/1/1", "eth1/1/1").
func (d *OS10) port(name string) *OS10Port {
	n := os10PortName(name)
	for _, p := range d.st.Ports {
		if p.Name == n {
			return p
		}
	}
	return nil
}

// os10PortName is "ethernet1/1/1" for "ethernet1/1/1", "eth1/1/1",
// "e1/1/1" or "Eth 1/1/1" (`show interface status` writes "Eth 1/1/1").
func os10PortName(s string) string {
	return fullPortName(s, []portAbbrev{{"eth", "ethernet"}, {"e", "ethernet"}})
}

// NewShell starts a session in EXEC mode (#), as for a sysadmin user.
func (d *OS10) NewShell() Shell { return &os10Shell{d: d, mode: "exec", length: 24} }

type os10Shell struct {
	d      *OS10
	mode   string // exec, config, if, vlan
	length int
	vlan   int
	iface  string
}

func (s *os10Shell) Banner() string  { return "" }
func (s *os10Shell) PageLength() int { return s.length }

// MoreText is OS10's pager prompt.
func (s *os10Shell) MoreText() string { return "--more--" }

func (s *os10Shell) Prompt() string {
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	h := s.d.st.Hostname
	switch s.mode {
	case "config":
		return h + "(config)# "
	case "if":
		return h + "(conf-if-" + strings.Replace(s.iface, "ethernet", "eth", 1) + ")# "
	case "vlan":
		return h + "(conf-if-vl-" + strconv.Itoa(s.vlan) + ")# "
	}
	return h + "# "
}

// OS10's error lines. "% Error: " starts each (the prefix dellemc.os10's
// terminal plugin matches); the texts after it are not confirmed on a
// switch.
const (
	os10Invalid    = "% Error: Unrecognized command.\n"
	os10Incomplete = "% Error: Incomplete command.\n"
	os10Ambiguous  = "% Error: Ambiguous command.\n"
)

func (s *os10Shell) Exec(line string) (string, bool) {
	trimmed := strings.TrimSpace(line)
	if trimmed == "" {
		return "", false
	}
	if s.mode == "exec" {
		s.d.Faults.command(trimmed)
	} else {
		if out, done, faulted := s.d.Faults.intercept(trimmed, func() string { return os10Invalid }); faulted {
			return out, done
		}
	}
	p, args, v, _ := match(s.patterns(), trimmed)
	switch v {
	case incomplete:
		return os10Incomplete, false
	case ambiguous:
		return os10Ambiguous, false
	case invalid:
		return os10Invalid, false
	}
	return p.exec(args)
}
