package aruba_aoss

import (
	_ "embed"
	"regexp"
	"strings"

	"github.com/voxlan/voxlan/drivers"
)

// Name is the registry key and --platform value.
const Name = "aruba_aoss"

// Register adds the driver to r.
func Register(r *drivers.Registry) error { return r.Register(Driver{}) }

// Driver implements drivers.Driver for AOS-S.
type Driver struct{}

var _ drivers.Driver = Driver{}

// Name implements drivers.Driver.
func (Driver) Name() string { return Name }

//go:embed platform.yaml
var platformYAML []byte

// linePrompt: "SW1# ", "SW1> ", "SW1(config)# ", "SW1(vlan-20)# ",
// "SW1(eth-5)# " at the start of a line, not anchored at the end.
var linePrompt = regexp.MustCompile(`(?m)^[\w.\-@/:]{1,63}(\((config|vlan-\d{1,4}|eth-[\w/\-,]{1,32})\))?[>#] `)

// errorMarkers are the texts AOS-S prints when it rejects a line.
var errorMarkers = []string{"Invalid input:", "Incomplete input:", "Ambiguous input:",
	"Module not present for port or invalid port:", "VLAN not found"}

// Attrs implements drivers.Driver.
func (Driver) Attrs() drivers.Attrs {
	return drivers.Attrs{
		Vendor:          "hpe",
		PlatformYAML:    platformYAML,
		LinePrompt:      linePrompt,
		ErrorMarkers:    errorMarkers,
		ConfigCommand:   cmdRunning,
		NeighborCommand: cmdLLDPDetail,
		SaveCommand:     "write memory",
	}
}

// Identify implements drivers.Driver: HP's enterprise OID (11, ProCurve
// products under 11.2.3.7.11) or an AOS-S / ProCurve sysDescr.
func (Driver) Identify(sysObjectID, sysDescr string) bool {
	if sysObjectID != "" && !strings.HasPrefix(sysObjectID, "1.3.6.1.4.1.11.") && !strings.HasPrefix(sysObjectID, "1.3.6.1.4.1.47196.") {
		return false
	}
	return isAOSS(sysDescr)
}

// IdentifyCLI implements drivers.Driver.
func (Driver) IdentifyCLI(showVersion string) bool { return isAOSS(showVersion) }

// isAOSS: ProCurve sysDescr ("HP J9772A 2530-48G-PoE+ Switch, revision
// YA.16.10.0009, ROM YA.15.20 (/ws/swbuildm/...)") and show version
// ("Image stamp: /ws/swbuildm/..., YA.16.10.0009"). AOS-S release names are
// two letters, a dot and the version; AOS-CX says "ArubaOS-CX".
var aossRelease = regexp.MustCompile(`\b[A-Z]{2}\.1[0-9]\.[0-9]{2}\.[0-9]{4}\b`)

func isAOSS(text string) bool {
	if strings.Contains(text, "ArubaOS-CX") || strings.Contains(text, "Comware") {
		return false
	}
	return strings.Contains(text, "ProCurve") || strings.Contains(text, "ArubaOS-Switch") ||
		((strings.Contains(text, "revision") || strings.Contains(text, "Image stamp:")) && aossRelease.MatchString(text))
}

// Commands implements drivers.Driver.
func (Driver) Commands() []string {
	return []string{cmdVersion, cmdVLANs, cmdBrief, cmdPoE, cmdLLDP, cmdLLDPDetail, cmdRunning}
}

const (
	cmdVersion    = "show version"
	cmdVLANs      = "show vlans"
	cmdBrief      = "show interfaces brief"
	cmdPoE        = "show power-over-ethernet brief"
	cmdLLDP       = "show lldp info remote-device"
	cmdLLDPDetail = "show lldp info remote-device detail"
	cmdRunning    = "show running-config"
)
