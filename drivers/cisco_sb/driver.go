package cisco_sb

import (
	_ "embed"
	"regexp"
	"strings"

	"github.com/voxlan/voxlan/drivers"
)

// Name is the registry key and --platform value.
const Name = "cisco_sb"

// Register adds the driver to r.
func Register(r *drivers.Registry) error { return r.Register(Driver{}) }

// Driver implements drivers.Driver for Cisco Small Business / CBS.
type Driver struct{}

var _ drivers.Driver = Driver{}

// Name implements drivers.Driver.
func (Driver) Name() string { return Name }

// platformYAML is our scrapligo v1 platform: scrapligo ships none for SB.
//
//go:embed platform.yaml
var platformYAML []byte

// linePrompt: "switch1#", "switch1>", "switch1(config)#",
// "switch1(config-if)#" at the start of a line (the platform patterns
// without the end anchor).
var linePrompt = regexp.MustCompile(`(?im)^[a-z0-9.\-]{1,58}(\([a-z0-9.\-]{1,32}\))?[>#]`)

// errorMarkers are the texts SB prints when it rejects a line
// (scrapli_definitions cisco_cbs failed-when-contains).
var errorMarkers = []string{"% Unrecognized command", "% Incomplete command", "% missing mandatory parameter",
	"% bad parameter value", "% Ambiguous command"}

// Attrs implements drivers.Driver.
func (Driver) Attrs() drivers.Attrs {
	return drivers.Attrs{
		Vendor:          "cisco",
		PlatformYAML:    platformYAML,
		LinePrompt:      linePrompt,
		ErrorMarkers:    errorMarkers,
		ConfigCommand:   cmdRunning,
		NeighborCommand: cmdLLDP,
		// SB asks "Overwrite file [startup-config].... (Y/N)[N] ?"
		// (netmiko cisco_s300 save_config answers Y).
		SaveCommand: "write memory",
		SaveConfirm: "Y",
	}
}

// sbDescr matches the SB/CBS sysDescr and model names: "SG350-28P 28-Port
// Gigabit PoE Managed Switch", "CBS350-24P-4G 24-Port ...", "SF300-08".
var sbDescr = regexp.MustCompile(`^(?:CBS|SG|SF|SX|SG\d)\d{3}[A-Z]*-\d+\w*(?:-\w+)*\b`)

// Identify implements drivers.Driver: the Cisco SB enterprise subtree
// (1.3.6.1.4.1.9.6.1) or an SB model name at the start of sysDescr.
func (Driver) Identify(sysObjectID, sysDescr string) bool {
	if strings.HasPrefix(sysObjectID, "1.3.6.1.4.1.9.6.1.") {
		return true
	}
	if sysObjectID != "" && !strings.HasPrefix(sysObjectID, "1.3.6.1.4.1.9.") {
		return false
	}
	return sbDescr.MatchString(strings.TrimSpace(sysDescr))
}

// IdentifyCLI implements drivers.Driver: SB's `show version` starts with
// the active image ("Active-image: flash://system/images/...") and has no
// "Cisco IOS" banner.
func (Driver) IdentifyCLI(showVersion string) bool {
	return strings.Contains(showVersion, "Active-image:") && strings.Contains(showVersion, "flash://system/images/") &&
		!strings.Contains(showVersion, "Cisco IOS")
}

// Commands implements drivers.Driver. `show interfaces switchport` needs a
// port on SB, so port modes come from the running configuration.
func (Driver) Commands() []string {
	return []string{cmdVersion, cmdVLAN, cmdPower, cmdLLDP, cmdRunning, cmdSwitchport}
}

const (
	cmdVersion    = "show version"
	cmdVLAN       = "show vlan"
	cmdPower      = "show power inline"
	cmdLLDP       = "show lldp neighbors"
	cmdRunning    = "show running-config"
	cmdSwitchport = "show interfaces switchport"
)
