// Package huawei_vrp is the driver for Huawei S-series campus switches
// running VRP V200R (S1720, S2700, S5700, S6720, S5735...).
//
// VRP keeps VLAN membership per interface. A phone port is a hybrid port:
// `port link-type hybrid`, `port hybrid pvid vlan D`, `port hybrid untagged
// vlan D`, `port hybrid tagged vlan V`, with `voice-vlan V enable`; the
// LLDP-MED network policy is explicit per port (`lldp tlv-enable med-tlv
// network-policy voice-vlan vlan V cos 5 dscp 46`; not advertised by
// default). LLDP is `lldp enable` in system view; PoE is on by default
// (`undo poe enable` turns it off).
//
// Documents followed: Huawei S1720/S2700/S5700/S6720 V200R011C10 Command
// Reference (PoE commands; `lldp tlv-enable med-tlv`), Huawei's voice VLAN
// configuration example (hybrid port, `voice-vlan 20 enable`, network-policy
// TLV with cos/dscp), netmiko huawei and napalm-huawei-vrp (`save` + `y`),
// scrapligo's built-in huawei_vrp platform (prompts, `screen-length 0
// temporary`, error texts), ntc-templates samples (show layouts). What none
// of them confirms is listed in docs/huawei_vrp.md.
package huawei_vrp

import (
	"regexp"
	"strings"

	"github.com/voxlan/voxlan/drivers"
)

// Name is the registry key and --platform value.
const Name = "huawei_vrp"

// Register adds the driver to r.
func Register(r *drivers.Registry) error { return r.Register(Driver{}) }

// Driver implements drivers.Driver for VRP.
type Driver struct{}

var _ drivers.Driver = Driver{}

// Name implements drivers.Driver.
func (Driver) Name() string { return Name }

// linePrompt: "<SW1>", "[SW1]", "[SW1-GigabitEthernet0/0/1]", "[SW1-vlan20]".
var linePrompt = regexp.MustCompile(`(?m)^[<\[][\w.\-@/:~*]{1,100}[>\]]`)

// errorMarkers: VRP starts every rejection with "Error:" (scrapligo
// huawei_vrp lists "Error: Unrecognized command", "Error: Wrong parameter",
// "Error:Ambiguous command", "Error:Incomplete command", "Error:Too many
// parameters").
var errorMarkers = []string{"Error:"}

// Attrs implements drivers.Driver.
func (Driver) Attrs() drivers.Attrs {
	return drivers.Attrs{
		Vendor:          "huawei",
		ScrapliPlatform: "huawei_vrp",
		LinePrompt:      linePrompt,
		ErrorMarkers:    errorMarkers,
		ConfigCommand:   cmdCurrent,
		NeighborCommand: cmdLLDP,
		SaveCommand:     "save",
		SaveConfirm:     "y",
	}
}

// Identify implements drivers.Driver: Huawei's enterprise OID (2011) with a
// VRP sysDescr, or any sysDescr naming the Versatile Routing Platform.
func (Driver) Identify(sysObjectID, sysDescr string) bool {
	vrp := strings.Contains(sysDescr, "Versatile Routing Platform") || strings.Contains(sysDescr, "VRP")
	return vrp && (sysObjectID == "" || strings.HasPrefix(sysObjectID, "1.3.6.1.4.1.2011.") || strings.Contains(sysDescr, "Huawei") || strings.Contains(sysDescr, "HUAWEI"))
}

// IdentifyCLI implements drivers.Driver: `display version` names the
// Versatile Routing Platform.
func (Driver) IdentifyCLI(showVersion string) bool {
	return strings.Contains(showVersion, "Versatile Routing Platform") || strings.Contains(showVersion, "VRP (R) software")
}

// Commands implements drivers.Driver.
func (Driver) Commands() []string {
	return []string{cmdVersion, cmdPortVLAN, cmdBrief, cmdLLDP, cmdCurrent}
}

const (
	cmdVersion  = "display version"
	cmdPortVLAN = "display port vlan"
	cmdBrief    = "display interface brief"
	cmdLLDP     = "display lldp neighbor"
	cmdCurrent  = "display current-configuration"
)
