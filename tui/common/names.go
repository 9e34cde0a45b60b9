package common

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
)

// SwitchName is how a switch is called on screen: its sysName, else the
// address it was asked at.
func SwitchName(sw snapshot.Switch) string {
	if sw.SysName != "" {
		return sw.SysName
	}
	return sw.Target
}

// PoEBudget sums the switch's PSEs: budget, draw and what the headroom is
// counted from (snapshot.PSE.UsedW) in watts; ok is false when the switch
// reports no PSE.
func PoEBudget(sw snapshot.Switch) (powerW, drawW, usedW float64, ok bool) {
	if !sw.PoE.Supported || len(sw.PoE.PSEs) == 0 {
		return 0, 0, 0, false
	}
	for _, p := range sw.PoE.PSEs {
		powerW += p.PowerW
		drawW += p.ConsumptionW
		usedW += p.UsedW()
	}
	return powerW, drawW, usedW, true
}

// PoESummary is the switch's PoE in a few words. PoE that was not read
// is said so, never "no PoE".
func PoESummary(sw snapshot.Switch) string {
	power, draw, used, ok := PoEBudget(sw)
	switch {
	case ok && sw.PoE.PortsNotRead:
		return fmt.Sprintf("PoE %.0f W, %.0f W drawn, %.0f W free; ports' PoE not read", power, draw, power-used)
	case ok:
		return fmt.Sprintf("PoE %.0f W, %.0f W drawn, %.0f W free", power, draw, power-used)
	case sw.PoE.Supported:
		return "PoE on ports, budget not read"
	case sw.Source == snapshot.SourceCLI && !poeStageFailed(sw):
		return "no PoE"
	}
	return "PoE not read"
}

func poeStageFailed(sw snapshot.Switch) bool {
	for _, e := range sw.Errors {
		if e.Stage == "poe" {
			return true
		}
	}
	return false
}

// PortPoE words one port's PoE with its state, as the audit judges it:
// what was not read is unknown, never "no PoE" and never "off". detail
// adds the port's maximum and priority.
func PortPoE(sw snapshot.Switch, p snapshot.Port, detail bool) (State, string) {
	e := p.PoE
	switch {
	case e == nil && sw.PoE.Supported && !sw.PoE.PortsNotRead && !poeStageFailed(sw):
		return StateFail, "none on this port"
	case e == nil && !sw.PoE.Supported && sw.Source == snapshot.SourceCLI && !poeStageFailed(sw):
		return StateFail, "none on this switch"
	case e == nil:
		return StateUnknown, "not read"
	case e.Off():
		return StateFail, "disabled on this port"
	}
	var parts []string
	state := StatePass
	switch {
	case e.Detection == "fault" || e.Detection == "otherFault":
		state = StateFail
		parts = append(parts, e.Detection)
	case e.Delivering():
		parts = append(parts, e.Detection)
	case !e.AdminKnown() || !e.DetectionKnown():
		state = StateUnknown
		parts = append(parts, "not read ("+strings.Join(e.Unread, ", ")+")")
	default:
		parts = append(parts, e.Detection)
	}
	if e.Class != snapshot.ClassUnknown {
		parts = append(parts, fmt.Sprintf("class %d", e.Class))
	}
	if !detail {
		if e.PowerMw > 0 {
			parts = append(parts, fmt.Sprintf("%.1f W", float64(e.PowerMw)/1000))
		}
		return state, strings.Join(parts, ", ")
	}
	if e.PowerMw > 0 || e.MaxPowerMw > 0 {
		w := fmt.Sprintf("%.1f W", float64(e.PowerMw)/1000)
		if e.MaxPowerMw > 0 {
			w += fmt.Sprintf(" of %.1f W", float64(e.MaxPowerMw)/1000)
		}
		parts = append(parts, w)
	}
	if e.Priority != "" {
		parts = append(parts, e.Priority+" priority")
	}
	return state, strings.Join(parts, ", ")
}

// Tally counts the findings of one switch (all switches when target is
// "") by status.
func Tally(r *audit.Result, target string) map[audit.Status]int {
	m := map[audit.Status]int{}
	if r == nil {
		return m
	}
	for _, f := range r.Findings {
		if target == "" || f.Switch == target {
			m[f.Status]++
		}
	}
	return m
}

// PortFindings are the findings about one port: its own, and the
// switch's findings that name it among their ports (the spare access ports
// without PoE or without the voice VLAN are judged as one group), so a
// port missing its voice VLAN never shows "0 findings".
func PortFindings(r *audit.Result, target, port string) []audit.Finding {
	if r == nil {
		return nil
	}
	var out []audit.Finding
	for _, f := range r.Findings {
		if f.Switch != target {
			continue
		}
		if f.Port == port || (f.Port == "" && namesPort(f, port)) {
			out = append(out, f)
		}
	}
	return out
}

func namesPort(f audit.Finding, port string) bool {
	for _, e := range f.Evidence {
		if e.Key == "ports" && slices.Contains(e.Values, port) {
			return true
		}
	}
	return false
}

// RoleOf is the role the audit gave a port, "" when it gave none.
func RoleOf(r *audit.Result, target, port string) audit.Role {
	if r == nil {
		return ""
	}
	for _, pr := range r.Ports {
		if pr.Switch == target && pr.Port == port {
			return pr.Role
		}
	}
	return ""
}

// Roles in the order the legend lists them, with the letter the port map
// draws for each.
var Roles = []struct {
	Role   audit.Role
	Letter string
	Word   string
	// Short is the word in the legend, where width is scarce.
	Short string
}{
	{audit.RoleUplink, "U", "uplink", "uplink"},
	{audit.RolePhone, "P", "phone", "phone"},
	{audit.RolePhonePC, "H", "phone+PC", "phone+PC"},
	{audit.RolePC, "C", "PC", "PC"},
	{audit.RoleAccessPoint, "A", "access point", "AP"},
	{audit.RoleUnmanagedSwitch, "S", "unmanaged switch or hub", "hub"},
	{audit.RoleEmpty, "·", "empty", "empty"},
	{audit.RoleUnknown, "N", "not identified", "not identified"},
}

// roleColors colour the port map's letters by role; a port with a failing
// or warning finding takes the finding's colour instead.
var roleColors = map[audit.Role]string{
	audit.RoleUplink:          "#58A6FF",
	audit.RolePhone:           "#39C5CF",
	audit.RolePhonePC:         "#56D4BC",
	audit.RolePC:              "#C9D1D9",
	audit.RoleAccessPoint:     "#D2A8FF",
	audit.RoleUnmanagedSwitch: "#FFA657",
	audit.RoleEmpty:           "#6E7681",
	audit.RoleUnknown:         "#BC8CFF",
}

// RoleStyle is the colour of a role on the port map.
func RoleStyle(role audit.Role) lipgloss.Style {
	if c, ok := roleColors[role]; ok {
		return lipgloss.NewStyle().Foreground(lipgloss.Color(c))
	}
	return Faint
}

// RoleLetter is the port map's letter for role, "" when role is not one
// the legend knows.
func RoleLetter(role audit.Role) string {
	for _, r := range Roles {
		if r.Role == role {
			return r.Letter
		}
	}
	return ""
}

// RoleWord is role in words.
func RoleWord(role audit.Role) string {
	for _, r := range Roles {
		if r.Role == role {
			return r.Word
		}
	}
	if role == "" {
		return "not judged"
	}
	return string(role)
}

// Worst is the worst status among findings, "" when there are none.
func Worst(fs []audit.Finding) audit.Status {
	var w audit.Status
	for _, f := range fs {
		if w == "" || f.Status.Severity() > w.Severity() {
			w = f.Status
		}
	}
	return w
}
