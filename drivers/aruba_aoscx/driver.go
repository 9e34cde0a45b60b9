package aruba_aoscx

import (
	_ "embed"
	"regexp"
	"strings"

	"github.com/voxlan/voxlan/drivers"
)

// Name is the registry key and --platform value.
const Name = "aruba_aoscx"

// Register adds the driver to r.
func Register(r *drivers.Registry) error { return r.Register(Driver{}) }

// Driver implements drivers.Driver for AOS-CX.
type Driver struct{}

var _ drivers.Driver = Driver{}

// Name implements drivers.Driver.
func (Driver) Name() string { return Name }

//go:embed platform.yaml
var platformYAML []byte

// linePrompt: "sw1# ", "sw1(config)# ", "sw1(config-if)# ",
// "sw1(config-vlan-20)# ", "sw1(config-if-vlan)# " at the start of a line,
// not anchored at the end.
var linePrompt = regexp.MustCompile(`(?m)^[\w.\-@/:]{1,63}(\(config[\w\-]*\))?[>#] ?`)

// errorMarkers are the texts AOS-CX prints when it rejects a line
// (scrapli_community aruba/aoscx and scrapli_definitions aruba_aoscx).
var errorMarkers = []string{"Invalid input:", "% Command incomplete.", "% Ambiguous command.", "doesn't exist"}

// Attrs implements drivers.Driver.
func (Driver) Attrs() drivers.Attrs {
	return drivers.Attrs{
		Vendor:          "aruba",
		PlatformYAML:    platformYAML,
		LinePrompt:      linePrompt,
		ErrorMarkers:    errorMarkers,
		ConfigCommand:   cmdRunning,
		NeighborCommand: cmdLLDPDetail,
		SaveCommand:     "write memory",
	}
}

// Identify implements drivers.Driver: Aruba's enterprise OID (47196, CX
// switches under 47196.4.1.1.1) with a CX sysDescr ("Aruba JL727A 6200F
// 48G CL4 4SFP+370W Swch ML.10.07.0005"), or any sysDescr naming
// ArubaOS-CX.
func (Driver) Identify(sysObjectID, sysDescr string) bool {
	if strings.Contains(sysDescr, "ArubaOS-CX") || strings.Contains(sysDescr, "AOS-CX") {
		return true
	}
	return strings.HasPrefix(sysObjectID, "1.3.6.1.4.1.47196.4.1.1.") && cxRelease.MatchString(sysDescr)
}

// IdentifyCLI implements drivers.Driver: `show version` starts with
// "ArubaOS-CX" and gives "Version : ML.10.07.0005".
func (Driver) IdentifyCLI(showVersion string) bool {
	return strings.Contains(showVersion, "ArubaOS-CX") || strings.Contains(showVersion, "AOS-CX")
}

// cxRelease is an AOS-CX release: two letters, ".10." and two numbers
// ("ML.10.07.0005", "FL.10.10.1020"); AOS-S releases are "YA.16.10.0009".
var cxRelease = regexp.MustCompile(`\b[A-Z]{2}\.10\.[0-9]{2}\.[0-9]{4}\b`)

// Commands implements drivers.Driver.
func (Driver) Commands() []string {
	return []string{cmdVersion, cmdVLAN, cmdLLDPDetail, cmdRunning}
}

const (
	cmdVersion    = "show version"
	cmdVLAN       = "show vlan"
	cmdLLDPDetail = "show lldp neighbor-info detail"
	cmdRunning    = "show running-config"
)
