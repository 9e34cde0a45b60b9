package dell_os10

import (
	_ "embed"
	"regexp"
	"strings"

	"github.com/voxlan/voxlan/drivers"
)

// Name is the registry key and --platform value.
const Name = "dell_os10"

// Register adds the driver to r.
func Register(r *drivers.Registry) error { return r.Register(Driver{}) }

// Driver implements drivers.Driver for OS10.
type Driver struct{}

var _ drivers.Driver = Driver{}

// Name implements drivers.Driver.
func (Driver) Name() string { return Name }

//go:embed platform.yaml
var platformYAML []byte

// linePrompt: "sw1# ", "sw1(config)# ", "sw1(conf-if-eth1/1/1)# ",
// "sw1(conf-if-vl-20)# " at the start of a line, not anchored at the end.
var linePrompt = regexp.MustCompile(`(?m)^[\w.\-@/:]{1,63}(\((config|conf-[\w.\-/:,]+)\))?[>#] ?`)

// errorMarkers are the texts OS10 prints when it rejects a line: every
// error starts "% Error" (dellemc.os10's terminal plugin), and scrapli's
// dell_emc definition adds the others.
var errorMarkers = []string{"% Error", "Incomplete command", "Command not found", "Invalid input"}

// Attrs implements drivers.Driver.
func (Driver) Attrs() drivers.Attrs {
	return drivers.Attrs{
		Vendor:          "dell",
		PlatformYAML:    platformYAML,
		LinePrompt:      linePrompt,
		ErrorMarkers:    errorMarkers,
		ConfigCommand:   cmdRunning,
		NeighborCommand: cmdLLDPDetail,
		SaveCommand:     "copy running-configuration startup-configuration",
	}
}

// dellArcs are Dell's enterprise arcs OS10 switches answer under: 674
// (Dell, OS10's sysObjectIDs sit under 674.11000.5000.100) and 6027
// (Force10, on older OS10 releases).
var dellArcs = []string{"1.3.6.1.4.1.674.", "1.3.6.1.4.1.6027."}

// Identify implements drivers.Driver: an OS10 sysObjectID
// (1.3.6.1.4.1.674.11000.5000.100.*), or a sysDescr naming OS10 ("Dell
// EMC Networking OS10 Enterprise") under a Dell arc.
func (Driver) Identify(sysObjectID, sysDescr string) bool {
	if strings.HasPrefix(sysObjectID, "1.3.6.1.4.1.674.11000.5000.100.") {
		return true
	}
	if !strings.Contains(sysDescr, "OS10") {
		return false
	}
	for _, arc := range dellArcs {
		if strings.HasPrefix(sysObjectID, arc) {
			return true
		}
	}
	return strings.Contains(sysDescr, "Dell")
}

// IdentifyCLI implements drivers.Driver: `show version` starts "Dell EMC
// Networking OS10 Enterprise" (10.4, 10.5) or "Dell SmartFabric OS10
// Enterprise" (10.5.3 on).
func (Driver) IdentifyCLI(showVersion string) bool {
	return strings.Contains(showVersion, "OS10") && strings.Contains(showVersion, "Dell")
}

// Commands implements drivers.Driver.
func (Driver) Commands() []string {
	return []string{cmdVersion, cmdVLAN, cmdStatus, cmdLLDP, cmdLLDPDetail, cmdRunning}
}

const (
	cmdVersion    = "show version"
	cmdVLAN       = "show vlan"
	cmdStatus     = "show interface status"
	cmdLLDP       = "show lldp neighbors"
	cmdLLDPDetail = "show lldp neighbors detail"
	cmdRunning    = "show running-configuration"
)

// CanonicalPort implements the optional port-name hook of drivers/apply:
// OS10 configures ports as "ethernet1/1/5"; "Eth 1/1/5" (show interface
// status, show vlan), "eth1/1/5", "Ethernet 1/1/5" and "1/1/5" become
// that, "port-channel 1" and "Po 1" become "port-channel1".
func (Driver) CanonicalPort(name string) string {
	n := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), " ", ""))
	for _, p := range []struct{ short, long string }{{"ethernet", "ethernet"}, {"eth", "ethernet"},
		{"port-channel", "port-channel"}, {"po", "port-channel"}} {
		if rest, ok := strings.CutPrefix(n, p.short); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return p.long + rest
		}
	}
	if n != "" && n[0] >= '0' && n[0] <= '9' && strings.Count(n, "/") == 2 {
		return "ethernet" + n
	}
	return n
}
