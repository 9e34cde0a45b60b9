package hp_comware

import (
	"regexp"
	"strings"

	"github.com/voxlan/voxlan/drivers"
)

// Name is the registry key and --platform value.
const Name = "hp_comware"

// Register adds the driver to r.
func Register(r *drivers.Registry) error { return r.Register(Driver{}) }

// Driver implements drivers.Driver for Comware.
type Driver struct{}

var _ drivers.Driver = Driver{}

// Name implements drivers.Driver.
func (Driver) Name() string { return Name }

// linePrompt: "<SW1>", "[SW1]", "[SW1-GigabitEthernet1/0/1]", "[SW1-vlan20]"
// at the start of a line.
var linePrompt = regexp.MustCompile(`(?m)^[<\[][\w.\-@/:]{1,100}[>\]]`)

// errorMarkers are Comware's rejections (scrapligo hp_comware's
// failed-when-contains), and the VLAN and voice VLAN refusals.
var errorMarkers = []string{"% Unrecognized command", "% Ambiguous command", "% Wrong parameter",
	"% Incomplete command", "% Too many parameters", "does not exist", "Please set the link type", "Please disable the voice VLAN"}

// Attrs implements drivers.Driver.
func (Driver) Attrs() drivers.Attrs {
	return drivers.Attrs{
		Vendor:          "hpe",
		ScrapliPlatform: "hp_comware",
		LinePrompt:      linePrompt,
		ErrorMarkers:    errorMarkers,
		ConfigCommand:   cmdCurrent,
		NeighborCommand: cmdLLDPVerbose,
		SaveCommand:     "save force",
	}
}

// Identify implements drivers.Driver: H3C's enterprise OID (25506), or
// HP's (11) with a Comware sysDescr ("HPE Comware Platform Software,
// Software Version 7.1.070, Release 3208P15 ...").
func (Driver) Identify(sysObjectID, sysDescr string) bool {
	if strings.HasPrefix(sysObjectID, "1.3.6.1.4.1.25506.") {
		return true
	}
	return strings.Contains(sysDescr, "Comware")
}

// IdentifyCLI implements drivers.Driver: `display version` says "Comware
// Software" / "Comware Platform Software".
func (Driver) IdentifyCLI(showVersion string) bool { return strings.Contains(showVersion, "Comware") }

// Commands implements drivers.Driver.
func (Driver) Commands() []string {
	return []string{cmdVersion, cmdVLANAll, cmdBrief, cmdLLDPVerbose, cmdLLDPList, cmdCurrent}
}

const (
	cmdVersion     = "display version"
	cmdVLANAll     = "display vlan all"
	cmdBrief       = "display interface brief"
	cmdLLDPVerbose = "display lldp neighbor-information verbose"
	cmdLLDPList    = "display lldp neighbor-information list"
	cmdCurrent     = "display current-configuration"
)
