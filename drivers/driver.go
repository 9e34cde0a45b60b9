// Package drivers turns voxlan's vendor-neutral change plan into each
// switch OS's own CLI and reads that OS's show outputs back.
//
// One package per OS lives under drivers/ (drivers/cisco_ios, ...). Each
// exports Register(*Registry) error; drivers/all lists them, one line each.
// A driver is pure: it parses text and renders lines. Talking to a switch is
// drivers/ssh (the only package that imports scrapligo) and the
// backup/apply/verify/rollback sequence is drivers/apply.
package drivers

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
)

// ErrUnknownPlatform is returned (wrapped) by Lookup for a name no driver
// registered.
var ErrUnknownPlatform = errors.New("drivers: unknown platform")

// ErrUnsupported is returned (wrapped) when a driver cannot render a change
// or parse a command.
var ErrUnsupported = errors.New("drivers: unsupported")

// Attrs are the facts about an OS the session layer needs.
type Attrs struct {
	// Vendor is the snapshot vendor key ("cisco", "hpe"...).
	Vendor string
	// ScrapliPlatform is scrapligo's built-in platform name ("cisco_iosxe")
	// or empty when PlatformYAML carries our own definition.
	ScrapliPlatform string
	// PlatformYAML is a scrapligo v1 platform definition, for OSes scrapligo
	// does not ship.
	PlatformYAML []byte
	// LinePrompt matches a prompt at the start of a line, not anchored at
	// the end, so the reply to several pipelined lines can be cut into one
	// reply per line.
	LinePrompt *regexp.Regexp
	// ErrorMarkers are the texts the OS prints when it rejects a line.
	ErrorMarkers []string
	// ConfigCommand prints the whole running configuration.
	ConfigCommand string
	// NeighborCommand lists LLDP neighbours in a form Fill reads (uplink
	// detection before a change).
	NeighborCommand string
	// MoreNeighborCommands are read too (CDP where LLDP may be off).
	MoreNeighborCommands []string
	// SaveCommand writes the running configuration to startup;
	// SaveConfirm, when set, is typed if the OS asks before overwriting.
	SaveCommand string
	SaveConfirm string
	// ConfigPrivilege is the scrapligo privilege level configuration
	// lines are sent in; "" is "configuration" (juniper_junos uses
	// "configuration-exclusive").
	ConfigPrivilege string
	// CommitLine is set for an OS whose configuration lines go into a
	// candidate configuration that takes effect only when committed
	// (Junos): the configuration-mode line that commits the candidate.
	// DiscardLine throws away what the candidate holds uncommitted
	// (Junos `rollback 0`). Both are empty where each line takes effect
	// as it is entered. drivers/apply commits its rollback lines with
	// CommitLine and discards a candidate that failed before its commit
	// with DiscardLine, so the switch is never touched; drivers/ssh
	// discards before leaving configuration mode on close.
	CommitLine  string
	DiscardLine string
	// NoConfigMode: the OS has no configuration mode (OmniSwitch):
	// configuration lines are typed at the same prompt as show commands
	// and take effect at once, so a session sends them where it stands.
	NoConfigMode bool
}

// Candidate reports whether the OS stages configuration lines in a
// candidate that takes effect only when committed.
func (a Attrs) Candidate() bool { return a.CommitLine != "" }

// Driver is one switch OS.
type Driver interface {
	// Name is the registry key, the package name and the --platform value.
	Name() string
	Attrs() Attrs
	// Identify says whether an SNMP identity belongs to this OS.
	Identify(sysObjectID, sysDescr string) bool
	// IdentifyCLI says whether a `show version` (or equivalent) output
	// belongs to this OS.
	IdentifyCLI(showVersion string) bool
	// Commands are the show commands Parse understands, in collection order.
	Commands() []string
	// Parse reads one show output into a JSON-friendly value
	// (`voxlan cli parse`).
	Parse(command, output string) (any, error)
	// Fill adds what the show outputs say to sw (ports, VLANs, PoE,
	// neighbours). outputs maps a command to its output; missing commands
	// are skipped.
	Fill(sw *snapshot.Switch, outputs map[string]string) error
	// ParseConfig reads the running configuration into the state model.
	ParseConfig(text string) (*Config, error)
	// Want applies a switch's changes to cur and returns the state asked
	// for and what it touches. cur is not modified.
	Want(cur *Config, changes []audit.Change) (*Config, Scope, error)
	// Render returns the CLI lines that move cur to want for the named
	// ports and VLANs, in the order to send them, config mode assumed.
	Render(cur, want *Config, scope Scope) ([]string, error)
	// Sections returns the running-config sections of scope, by title, in
	// the OS's own text, for before/after diffs.
	Sections(cfg *Config, scope Scope) []Section
}

// Section is one titled block of configuration text.
type Section struct {
	Title string
	Lines []string
}

// Scope is what a plan may touch on one switch: the ports it names, the
// VLANs it creates or uses, and switch-wide LLDP/policy settings.
type Scope struct {
	Ports  []string
	VLANs  []int
	Global bool
}

// HasPort reports whether p is in the scope.
func (s Scope) HasPort(p string) bool { return slices.Contains(s.Ports, p) }

// Config is the part of a switch configuration voxlan manages, in a
// vendor-neutral form.
type Config struct {
	Hostname string
	VLANs    map[int]VLAN
	// LLDP is LLDP enabled switch-wide.
	LLDP bool
	// Profiles are numbered LLDP-MED network policies (Cisco
	// network-policy profiles, Cisco SB lldp med network-policy N).
	Profiles map[int]audit.MEDPolicy
	Ports    map[string]*Port
	// Addresses maps the switch's own IP addresses to the VLAN of the
	// interface holding them (Cisco "interface Vlan99 / ip address"): the
	// management VLAN is the one voxlan's session arrives in.
	Addresses map[string]int
	// PortOrder is the order ports appear in the configuration.
	PortOrder []string
	// Raw is the configuration text as read, sections by title, so a diff
	// shows lines voxlan does not manage as they are.
	Raw map[string][]string `json:"-"`
}

// VLAN is one configured VLAN.
type VLAN struct {
	ID    int
	Name  string
	Voice bool
}

// Port modes.
const (
	ModeDefault = ""
	ModeAccess  = "access"
	ModeTrunk   = "trunk"
	ModeGeneral = "general"
)

// Port is the managed state of one interface.
type Port struct {
	Name string
	// Mode is ModeDefault when the OS default applies (Cisco "dynamic
	// auto").
	Mode string
	// DataVLAN is the untagged VLAN (access VLAN, native VLAN or PVID);
	// 0 = default (1).
	DataVLAN int
	// VoiceVLAN is the voice VLAN (Cisco switchport voice vlan; AOS-S tagged
	// membership of the voice VLAN); 0 = none.
	VoiceVLAN   int
	TaggedVLANs []int
	// PoEOff is PoE administratively disabled (default on).
	PoEOff bool
	// LLDPTxOff / LLDPRxOff are LLDP disabled on the port (default on).
	LLDPTxOff bool
	LLDPRxOff bool
	// MED is the LLDP-MED network policy the port advertises, nil = none
	// configured.
	MED *audit.MEDPolicy
	// Profile is the OS's number for MED where policies are numbered
	// (Cisco network-policy profile), 0 = none.
	Profile int
	// Shutdown is the port administratively down.
	Shutdown bool
}

// Clone returns a deep copy.
func (c *Config) Clone() *Config {
	n := &Config{Hostname: c.Hostname, LLDP: c.LLDP, Addresses: map[string]int{},
		VLANs: map[int]VLAN{}, Profiles: map[int]audit.MEDPolicy{}, Ports: map[string]*Port{},
		PortOrder: slices.Clone(c.PortOrder), Raw: map[string][]string{}}
	for k, v := range c.VLANs {
		n.VLANs[k] = v
	}
	for k, v := range c.Profiles {
		n.Profiles[k] = v
	}
	for k, v := range c.Addresses {
		n.Addresses[k] = v
	}
	for k, p := range c.Ports {
		cp := *p
		cp.TaggedVLANs = slices.Clone(p.TaggedVLANs)
		if p.MED != nil {
			m := *p.MED
			cp.MED = &m
		}
		n.Ports[k] = &cp
	}
	for k, v := range c.Raw {
		n.Raw[k] = slices.Clone(v)
	}
	return n
}

// NewConfig returns an empty configuration.
func NewConfig() *Config {
	return &Config{VLANs: map[int]VLAN{}, Profiles: map[int]audit.MEDPolicy{}, Ports: map[string]*Port{},
		Addresses: map[string]int{}, Raw: map[string][]string{}}
}

// Port returns the port named name, adding it when absent.
func (c *Config) Port(name string) *Port {
	if p, ok := c.Ports[name]; ok {
		return p
	}
	p := &Port{Name: name}
	c.Ports[name] = p
	c.PortOrder = append(c.PortOrder, name)
	return p
}

// SortedVLANs returns the configured VLAN ids in order.
func (c *Config) SortedVLANs() []int {
	ids := make([]int, 0, len(c.VLANs))
	for id := range c.VLANs {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	return ids
}

// Registry maps platform names to drivers. It is an instance, never a
// global: build it with drivers/all.New or, in tests, with only the drivers
// needed.
type Registry struct {
	byName map[string]Driver
	order  []string
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{byName: map[string]Driver{}} }

// Register adds d under d.Name(); a duplicate or empty name is an error.
func (r *Registry) Register(d Driver) error {
	name := d.Name()
	if name == "" {
		return errors.New("drivers: a driver has no name")
	}
	if _, dup := r.byName[name]; dup {
		return fmt.Errorf("drivers: platform %q registered twice", name)
	}
	r.byName[name] = d
	r.order = append(r.order, name)
	return nil
}

// Lookup returns the driver for name or an error naming the valid values.
func (r *Registry) Lookup(name string) (Driver, error) {
	if d, ok := r.byName[name]; ok {
		return d, nil
	}
	return nil, fmt.Errorf("%w %q; supported platforms are %q", ErrUnknownPlatform, name, r.Names())
}

// Names lists the registered platforms in registration order.
func (r *Registry) Names() []string { return slices.Clone(r.order) }

// Identify returns the first driver that claims an SNMP identity.
func (r *Registry) Identify(sysObjectID, sysDescr string) (Driver, bool) {
	for _, n := range r.order {
		if d := r.byName[n]; d.Identify(sysObjectID, sysDescr) {
			return d, true
		}
	}
	return nil, false
}

// IdentifyCLI returns the first driver that claims a show version output.
func (r *Registry) IdentifyCLI(showVersion string) (Driver, bool) {
	for _, n := range r.order {
		if d := r.byName[n]; d.IdentifyCLI(showVersion) {
			return d, true
		}
	}
	return nil, false
}

// ImplicitPorts is implemented by drivers whose configuration names only
// the ports that differ from the defaults (OmniSwitch): a port it does not
// name is still a port, in its default state, and a plan may change it.
type ImplicitPorts interface {
	// ImplicitPort says whether name, absent from cfg, is a port of the
	// switch in its default state; Want then plans it from that state.
	ImplicitPort(cfg *Config, name string) bool
}

// Observer is a driver that can also read the ports' operational state
// (Cisco `show interfaces switchport`), so verification does not rest on the
// configuration text alone.
type Observer interface {
	// ObserveCommand prints the ports' operational state.
	ObserveCommand() string
	// Observe reads it into ports holding Mode, DataVLAN and VoiceVLAN.
	Observe(output string) (map[string]*Port, error)
}

// NeighborDetailer is a driver whose NeighborCommand lists neighbours
// without their capabilities (Junos `show lldp neighbors`): before
// planning, drivers/apply reads the neighbour of each port the changes
// name in detail with the command NeighborDetailCommand gives, which Fill
// reads, so the uplink guard sees a bridge or router behind the port.
type NeighborDetailer interface {
	NeighborDetailCommand(port string) string
}
