// Package ale_aos is the driver for Alcatel-Lucent Enterprise OmniSwitch
// switches on AOS 6 (OS6250, OS6350, OS6450, OS6850E: slot/port names) and
// AOS 8 (OS6360, OS6465, OS6560, OS6860, OS6900: chassis/slot/port names).
//
// OmniSwitch has no configuration mode: a command typed at the `-> `
// prompt takes effect at once (drivers.Attrs.NoConfigMode). VLAN
// membership is per VLAN: AOS 6 `vlan 10 port default 1/1` (untagged) and
// `vlan 20 802.1q 1/1` (tagged); AOS 8 `vlan 10 members port 1/1/1
// untagged` and `vlan 20 members port 1/1/1 tagged`. A phone learns its
// voice VLAN from a numbered LLDP-MED network policy, `lldp network-policy
// 1 application voice vlan 20 l2-priority 5 dscp 46`, bound to the port
// (AOS 6 `lldp 1/1 med network-policy 1`, AOS 8 `lldp port 1/1/1 med
// network-policy 1`) with the network-policy TLV enabled (`... tlv med
// network-policy enable`). PoE needs the slot's service started (AOS 6
// `lanpower start 1`, AOS 8 `lanpower slot 1/1 service start`), then is on
// per port unless stopped (AOS 6 `lanpower stop 1/5`, AOS 8 `lanpower port
// 1/1/5 admin-state disable`).
//
// Documents followed (docs/ale_aos.md says which command each confirms):
// OmniSwitch AOS Release 8 CLI Reference Guide 8.10R1 (July 2024) and AOS
// Release 6250/6350/6450 CLI Reference Guide 6.7.1 (part 033071-00 rev B,
// June 2016), as cited page by page in a public AOS 6/8 command
// verification table; the OmniSwitch 6860 and 6855 Hardware Users Guides
// (PoE); ALE's AOS 8 training manual (LLDP network policy example, the
// working/certified directories, write memory / copy running certified /
// write memory flash-synchro); a public AOS 6 provisioning script's README
// and an AOS 8 netmiko script (per-port LLDP-MED lines); netmiko
// alcatel_aos and scrapli_community alcatel/aos (prompt, no config mode,
// save); ntc-templates alcatel_aos samples (show layouts).
package ale_aos

import (
	_ "embed"
	"regexp"
	"strings"

	"github.com/voxlan/voxlan/drivers"
)

// Name is the registry key and --platform value.
const Name = "ale_aos"

// Register adds the driver to r.
func Register(r *drivers.Registry) error { return r.Register(Driver{}) }

// Driver implements drivers.Driver for OmniSwitch AOS 6 and AOS 8; the
// release is read from each configuration (its port names and syntax).
type Driver struct{}

var _ drivers.Driver = Driver{}

// Name implements drivers.Driver.
func (Driver) Name() string { return Name }

//go:embed platform.yaml
var platformYAML []byte

// linePrompt: "-> " (the default), or a prompt set with `session prompt`
// ending in > or #, at the start of a line, not anchored at the end.
var linePrompt = regexp.MustCompile(`(?m)^[\w.\-@/:]{1,63}[>#] ?`)

// errorMarkers: OmniSwitch starts every rejection with "ERROR:" (ERROR:
// Invalid entry: "vlann", ERROR: VLAN 30 does not exist).
var errorMarkers = []string{"ERROR:"}

// Attrs implements drivers.Driver. Saving is `write memory flash-synchro`:
// the running configuration goes to the working directory and is then
// certified (copied to the certified directory, and to every member of a
// virtual chassis), which is what ALE's manuals have a technician type once
// a change is checked, and what netmiko's alcatel_aos save does. voxlan
// saves only after verification, so the certified configuration never
// holds an unverified change.
func (Driver) Attrs() drivers.Attrs {
	return drivers.Attrs{
		Vendor:          "alcatel",
		PlatformYAML:    platformYAML,
		LinePrompt:      linePrompt,
		ErrorMarkers:    errorMarkers,
		ConfigCommand:   cmdSnapshot,
		NeighborCommand: cmdLLDP,
		SaveCommand:     "write memory flash-synchro",
		NoConfigMode:    true,
	}
}

// Identify implements drivers.Driver: ALE's enterprise OID (6486; 6486.800
// AOS 6, 6486.801 AOS 8) or a sysDescr naming an OmniSwitch ("Alcatel-Lucent
// OS6450-P24 6.7.2.191.R04 GA", "Alcatel-Lucent Enterprise OS6860E-P24
// 8.7.354.R01 GA").
func (Driver) Identify(sysObjectID, sysDescr string) bool {
	return strings.HasPrefix(sysObjectID, "1.3.6.1.4.1.6486.") || omniDescr.MatchString(sysDescr)
}

// omniDescr is an OmniSwitch's description: the vendor, a model and an
// AOS release.
var omniDescr = regexp.MustCompile(`Alcatel(?:-Lucent)?(?: Enterprise)? (?:OS\S+|OmniSwitch \S+) (\d+)(?:\.\d+){2,3}\.R\d+`)

// IdentifyCLI implements drivers.Driver: `show system` describes the switch
// as sysDescr does; `show microcode` lists AOS images (.img) with their
// release ("6.7.2.191.R04").
func (Driver) IdentifyCLI(out string) bool {
	if omniDescr.MatchString(out) {
		return true
	}
	_, ok := microcodeRelease(out)
	return ok
}

// Commands implements drivers.Driver.
func (Driver) Commands() []string {
	return []string{cmdSystem, cmdMicrocode, cmdVLAN, cmdVLANPort, cmdVLANMembers, cmdStatus, cmdLLDP, cmdSnapshot}
}

const (
	cmdSystem    = "show system"
	cmdMicrocode = "show microcode"
	cmdVLAN      = "show vlan"
	// cmdVLANPort is AOS 6's membership table, cmdVLANMembers AOS 8's
	// (same layout).
	cmdVLANPort    = "show vlan port"
	cmdVLANMembers = "show vlan members"
	cmdStatus      = "show interfaces status"
	cmdLLDP        = "show lldp remote-system"
	cmdSnapshot    = "show configuration snapshot"
)
