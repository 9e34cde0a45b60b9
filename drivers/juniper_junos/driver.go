// Package juniper_junos is the driver for Juniper EX switches running Junos
// with the Enhanced Layer 2 Software (ELS) CLI: EX2300, EX3400, EX4300,
// EX4400 and later.
//
// Junos keeps the configuration as a tree edited with `set` and `delete`
// statements in configuration mode; nothing takes effect until `commit`.
// ELS keeps VLAN membership under the port's logical unit 0:
// `set interfaces ge-0/0/1 unit 0 family ethernet-switching interface-mode
// access` and `... vlan members DATA` (VLANs are named: `set vlans DATA
// vlan-id 10`). A phone port is an access port in the data VLAN with the
// voice VLAN added tagged by `set switch-options voip interface ge-0/0/1.0
// vlan VOICE` and `... forwarding-class expedited-forwarding`; LLDP-MED
// advertises that VLAN and class as the voice network policy on ports where
// `protocols lldp-med` runs. LLDP is `set protocols lldp interface all` (or
// per port), PoE `set poe interface all` with `disable` per port.
//
// Changes are made in `configure exclusive`, committed with `commit
// confirmed N` and confirmed by `commit` after verification (see
// SafetyNet).
//
// Documents followed (each noted where it is used): Juniper *EX Series
// Ethernet Switching User Guide* (ELS interface-mode, vlan members,
// native-vlan-id), *Configuring VoIP on an EX Series Switch (ELS)*
// (switch-options voip), *LLDP and LLDP-MED on EX Series* (protocols lldp,
// lldp-med), *PoE on EX Series* (poe interface, disable), the *Junos CLI
// User Guide* (configure exclusive, commit confirmed, rollback, show |
// compare, display set, `| no-more`, screen-length), scrapligo's built-in
// juniper_junos platform (prompts, error texts, on-open commands) and
// ntc-templates samples for the show layouts. What none of them confirms is
// listed in docs/juniper_junos.md.
package juniper_junos

import (
	"regexp"
	"strings"

	"github.com/voxlan/voxlan/drivers"
)

// Name is the registry key and --platform value.
const Name = "juniper_junos"

// Register adds the driver to r.
func Register(r *drivers.Registry) error { return r.Register(Driver{}) }

// Driver implements drivers.Driver for Junos ELS.
type Driver struct{}

var _ drivers.Driver = Driver{}

// Name implements drivers.Driver.
func (Driver) Name() string { return Name }

// linePrompt: "admin@ex2300> " and "admin@ex2300# " at the start of a line
// with what Junos prints on the lines before each prompt, so no reply
// carries it: the blank line, "{master:0}" of a switch that can join a
// Virtual Chassis, "[edit]" in configuration mode, and while a commit
// waits for its confirmation "# commit confirmed will be rolled back in N
// minutes".
var linePrompt = regexp.MustCompile(`(?m)^(?:# commit confirmed will be rolled back[^\n]*\n)?(?:\{\w+:\d+\})?(?:\[edit[^\]\n]*\])?\n?[\w\-@()/:.]{1,63}[>#] ?`)

// errorMarkers are the texts Junos prints when it refuses a line: the
// built-in scrapligo platform's failed-when-contains list, plus "error:"
// that starts every commit failure ("error: configuration check-out
// failed", "error: configuration database locked by: ...") and "missing
// argument." of an incomplete statement.
var errorMarkers = []string{"is ambiguous", "No valid completions", "unknown command", "syntax error", "error:", "missing argument"}

// Attrs implements drivers.Driver.
func (Driver) Attrs() drivers.Attrs {
	return drivers.Attrs{
		Vendor:          "juniper",
		ScrapliPlatform: "juniper_junos",
		// configure exclusive, not private: Junos refuses commit confirmed
		// on a private candidate ("error: commit confirmed not supported
		// for private configuration"; Junos CLI User Guide, "Using the
		// configure private Command": "You cannot issue the commit
		// confirmed command when you are in configure private mode").
		// An exclusive candidate is locked against other users and its
		// uncommitted changes are discarded when the session leaves
		// configuration mode ("Auto rollback on exiting 'configure
		// exclusive'", same guide) or ends.
		ConfigPrivilege: "configuration-exclusive",
		CommitLine:      "commit",
		DiscardLine:     "rollback 0",
		LinePrompt:      linePrompt,
		ErrorMarkers:    errorMarkers,
		ConfigCommand:   cmdConfig,
		NeighborCommand: cmdLLDP,
	}
}

// Identify implements drivers.Driver: Juniper's enterprise OID (2636; EX
// switches under 2636.1.1.1.2 and 2636.1.1.1.4) or a sysDescr naming JUNOS
// ("Juniper Networks, Inc. ex2300-48p Ethernet Switch, kernel JUNOS
// 20.4R3-S4.8, ...").
func (Driver) Identify(sysObjectID, sysDescr string) bool {
	return strings.HasPrefix(sysObjectID, "1.3.6.1.4.1.2636.") || strings.Contains(sysDescr, "JUNOS") ||
		(strings.Contains(sysDescr, "Juniper Networks") && strings.Contains(strings.ToLower(sysDescr), "junos"))
}

// IdentifyCLI implements drivers.Driver: `show version` names "Junos:" (or
// "JUNOS" in older releases) with the model line.
func (Driver) IdentifyCLI(showVersion string) bool {
	for _, l := range drivers.SplitLines(showVersion) {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "Junos:") || strings.HasPrefix(l, "JUNOS ") {
			return true
		}
	}
	return false
}

// Commands implements drivers.Driver.
func (Driver) Commands() []string {
	return []string{cmdVersion, cmdVLANs, cmdSwitching, cmdLLDP, cmdPoE, cmdConfig}
}

const (
	cmdVersion   = "show version"
	cmdVLANs     = "show vlans"
	cmdSwitching = "show ethernet-switching interface"
	cmdLLDP      = "show lldp neighbors"
	cmdPoE       = "show poe interface"
	cmdConfig    = "show configuration | display set"
)

// aliases are other spellings of the commands (a saved output named
// show_configuration_display_set.txt cannot hold the "|"; ntc-templates
// names the plural show ethernet-switching interfaces).
var aliases = map[string]string{
	"show configuration display set":     cmdConfig,
	"show ethernet-switching interfaces": cmdSwitching,
}

// command is the driver's spelling of c, normalized.
func command(c string) string {
	n := drivers.NormalizeCommand(c)
	if a, ok := aliases[n]; ok {
		return a
	}
	return n
}
