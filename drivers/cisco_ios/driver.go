// Package cisco_ios is the driver for Cisco IOS and IOS-XE Catalyst
// switches: access port with a voice VLAN (`switchport voice vlan`),
// network-policy profiles for LLDP-MED, `lldp run`, `power inline`.
package cisco_ios

import (
	"regexp"
	"strings"

	"github.com/voxlan/voxlan/drivers"
)

// Name is the registry key and --platform value.
const Name = "cisco_ios"

// Register adds the driver to r.
func Register(r *drivers.Registry) error { return r.Register(Driver{}) }

// Driver implements drivers.Driver for IOS / IOS-XE.
type Driver struct{}

var _ drivers.Driver = Driver{}

// Name implements drivers.Driver.
func (Driver) Name() string { return Name }

// linePrompt: "SW1#", "SW1>", "SW1(config)#", "SW1(config-if)#" at the start
// of a line (scrapligo cisco_iosxe privilege patterns without the end anchor).
var linePrompt = regexp.MustCompile(`(?m)^[\w.\-@/:]{1,63}(\([\w.\-@/:+]{0,32}\))?[>#]`)

// Attrs implements drivers.Driver.
func (Driver) Attrs() drivers.Attrs {
	return drivers.Attrs{
		Vendor:          "cisco",
		ScrapliPlatform: "cisco_iosxe",
		LinePrompt:      linePrompt,
		// scrapligo cisco_iosxe failed-when-contains.
		ErrorMarkers:    []string{"% Ambiguous command", "% Incomplete command", "% Invalid input detected", "% Unknown command"},
		ConfigCommand:   "show running-config",
		NeighborCommand: cmdLLDP,
		// LLDP is off by default on IOS; CDP is on.
		MoreNeighborCommands: []string{cmdCDP},
		SaveCommand:          "write memory",
	}
}

// Identify implements drivers.Driver: Cisco's enterprise OID and an IOS
// sysDescr, not the Small Business line (which says so in sysDescr).
func (Driver) Identify(sysObjectID, sysDescr string) bool {
	if !strings.HasPrefix(sysObjectID, "1.3.6.1.4.1.9.") && sysObjectID != "" {
		return false
	}
	return isIOS(sysDescr)
}

// IdentifyCLI implements drivers.Driver.
func (Driver) IdentifyCLI(showVersion string) bool { return isIOS(showVersion) }

func isIOS(text string) bool {
	return strings.Contains(text, "Cisco IOS Software") || strings.Contains(text, "Cisco IOS XE Software") ||
		strings.Contains(text, "IOS (tm)")
}

// Commands implements drivers.Driver.
func (Driver) Commands() []string {
	return []string{cmdVersion, cmdSwitchport, cmdVLAN, cmdPower, cmdLLDP, cmdCDP, cmdRunning}
}

const (
	cmdVersion    = "show version"
	cmdSwitchport = "show interfaces switchport"
	cmdVLAN       = "show vlan brief"
	cmdPower      = "show power inline"
	cmdLLDP       = "show lldp neighbors detail"
	cmdCDP        = "show cdp neighbors detail"
	cmdRunning    = "show running-config"
)

func errUnsupported() error { return drivers.ErrUnsupported }
