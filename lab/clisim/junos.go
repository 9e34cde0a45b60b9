package clisim

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Junos is an emulated Juniper EX2300-48P running Junos 20.4 with the ELS
// CLI, shared by all its sessions. It keeps the committed configuration
// and the last 49 before it (rollback 1..49), a shared candidate for
// `configure` that `configure exclusive` locks, and the timer of a
// pending `commit confirmed`. Prompts, modes, messages and error texts
// follow the Junos CLI User Guide and scrapligo's juniper_junos platform;
// docs/juniper_junos.md lists what is not confirmed.
type Junos struct {
	mu      sync.Mutex
	Release string
	Model   string
	history []junosConfig // [0] is the committed configuration
	shared  junosConfig   // the shared candidate (configure)
	// lockPID is the session holding configure exclusive (0 = none),
	// since lockSince.
	lockPID   int
	lockSince time.Time
	// epoch counts the automatic rollbacks, so an exclusive session's
	// candidate is reloaded as Junos reloads it.
	epoch int
	ports []junosPort
	// Pending commit confirmed: when it rolls back by itself.
	deadline time.Time
	timer    *time.Timer
	reverts  int
	// ConfirmMinute is how long one minute of `commit confirmed N` lasts
	// (time.Minute; tests shorten it). Now is the clock.
	ConfirmMinute time.Duration
	Now           func() time.Time
	Faults        *Faults
	sessions      int
}

// junosPort is one physical port: its PSE and what LLDP hears on it.
type junosPort struct {
	Name     string
	PoE      bool
	Neighbor *Neighbor
}

// NewJunos returns a 48-port PoE access switch: ge-0/0/0-47 access ports
// in dataVLAN (named DATA), uplink ge-0/1/0 a trunk (native default VLAN,
// DATA and the management VLAN 99 MGMT, whose irb.99 holds mgmtIP) toward
// a core switch heard over LLDP, ge-0/1/1-3 in the default VLAN; LLDP,
// LLDP-MED and PoE on every port as in Junos' factory configuration; no
// voice VLAN.
func NewJunos(hostname string, dataVLAN int, mgmtIP string) *Junos {
	c := junosConfig{"version 20.4R3-S4.8", "system host-name " + hostname, "system services ssh",
		"interfaces irb unit 99 family inet address " + mgmtIP + "/24",
		"protocols lldp interface all", "protocols lldp-med interface all", "poe interface all",
		"vlans default vlan-id 1", "vlans MGMT vlan-id 99", "vlans MGMT l3-interface irb.99"}
	if dataVLAN > 1 && dataVLAN != 99 {
		c = append(c, "vlans DATA vlan-id "+strconv.Itoa(dataVLAN))
	}
	d := &Junos{Release: "20.4R3-S4.8", Model: "ex2300-48p", Faults: &Faults{}}
	for i := 0; i < 52; i++ {
		name := "ge-0/0/" + strconv.Itoa(i)
		if i >= 48 {
			name = "ge-0/1/" + strconv.Itoa(i-48)
		}
		p := junosPort{Name: name, PoE: i < 48}
		es := "interfaces " + name + " unit 0 family ethernet-switching"
		switch {
		case i < 48 && dataVLAN > 1:
			c = append(c, es+" interface-mode access", es+" vlan members DATA")
		case i == 48:
			c = append(c, `interfaces `+name+` description "uplink core"`, "interfaces "+name+" native-vlan-id 1",
				es+" interface-mode trunk", es+" vlan members default", es+" vlan members MGMT")
			if dataVLAN > 1 && dataVLAN != 99 {
				c = append(c, es+" vlan members DATA")
			}
			p.Neighbor = &Neighbor{SysName: "core1", ChassisID: "00:11:22:33:44:55", PortID: "Te1/0/24",
				PortDescr: "TenGigabitEthernet1/0/24", Caps: "B,R",
				SysDescr: "Cisco IOS Software, Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4"}
		default:
			c = append(c, es)
		}
		d.ports = append(d.ports, p)
	}
	c.sort()
	d.history = []junosConfig{c}
	d.shared = c.clone()
	return d
}

func (d *Junos) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

func (d *Junos) minute() time.Duration {
	if d.ConfirmMinute > 0 {
		return d.ConfirmMinute
	}
	return time.Minute
}

// committed is the active configuration. mu is held.
func (d *Junos) committed() junosConfig { return d.history[0] }

// commit makes c the active configuration, the previous one rollback 1.
// mu is held.
func (d *Junos) commit(c junosConfig) {
	d.history = append([]junosConfig{c.clone()}, d.history...)
	if len(d.history) > 50 {
		d.history = d.history[:50]
	}
	d.shared = c.clone()
}

// expire rolls a confirmed commit back when its time ran out, as Junos'
// own timer does ("commit confirmed will be automatically rolled back"):
// the configuration before it is committed again. A timer does it in this
// process, and every access checks the deadline too, for a device kept in
// a state file between emulator processes. mu is held.
func (d *Junos) expire() {
	if d.deadline.IsZero() || d.now().Before(d.deadline) {
		return
	}
	d.deadline = time.Time{}
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
	if len(d.history) > 1 {
		// The rollback loads the previous configuration into the
		// candidate too, lock or no lock.
		d.commit(d.history[1])
	}
	d.reverts++
	d.epoch++
}

// arm starts (or restarts) the commit confirmed timer. mu is held.
func (d *Junos) arm(minutes int) {
	if d.timer != nil {
		d.timer.Stop()
	}
	after := time.Duration(minutes) * d.minute()
	d.deadline = d.now().Add(after)
	d.timer = time.AfterFunc(after, func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		d.expire()
	})
}

// confirm ends a pending commit confirmed. mu is held.
func (d *Junos) confirm() {
	d.deadline = time.Time{}
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
}

// Reverts counts the rollbacks of unconfirmed commits the switch carried
// out by itself.
func (d *Junos) Reverts() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire()
	return d.reverts
}

// ConfirmPending reports whether a commit confirmed waits for its
// confirmation.
func (d *Junos) ConfirmPending() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire()
	return !d.deadline.IsZero()
}

// RunningConfig returns the committed configuration as `show
// configuration | display set` prints it.
func (d *Junos) RunningConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire()
	return d.committed().displaySet()
}

// StartupConfig is the committed configuration too: a Junos commit is
// what the switch boots with.
func (d *Junos) StartupConfig() string { return d.RunningConfig() }

// Commits is how many commits the switch has kept (rollback 0..n-1).
func (d *Junos) Commits() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.history)
}

// Exec runs lines in a fresh session, as an operator would type them
// (tests set a starting configuration this way); the output of each line
// is returned joined.
func (d *Junos) Exec(lines ...string) string {
	sh := d.NewShell()
	var out strings.Builder
	for _, l := range lines {
		o, _ := sh.Exec(l)
		out.WriteString(o)
	}
	if c, ok := sh.(SessionCloser); ok {
		c.Close()
	}
	return out.String()
}

// AddPhone puts an IP phone (LLDP-MED, bridge+telephone) on port.
func (d *Junos) AddPhone(port string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for i := range d.ports {
		if d.ports[i].Name == port {
			n := port[strings.LastIndexByte(port, '/')+1:]
			d.ports[i].Neighbor = &Neighbor{SysName: "SEP00AABBCC00" + n, ChassisID: "00:aa:bb:cc:00:" + fmt.Sprintf("%02s", n),
				PortID: "00:aa:bb:cc:00:" + fmt.Sprintf("%02s", n), PortDescr: "SW PORT", Caps: "B,T",
				SysDescr: "Cisco IP Phone 8841, V3, sip88xx.14-1-1-0001-136", Phone: true}
		}
	}
}

// NewShell starts a session in operational mode.
func (d *Junos) NewShell() Shell {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.sessions++
	return &junosShell{d: d, mode: "op", length: 24, width: 80, pid: 4000 + d.sessions}
}
