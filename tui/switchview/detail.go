package switchview

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

func (m *Model) port(sw snapshot.Switch) (snapshot.Port, bool) {
	for _, p := range sw.Ports {
		if p.Name == m.selected {
			return p, true
		}
	}
	return snapshot.Port{}, false
}

// detail is the selected port in a few lines under the panel.
func (m *Model) detail(sw snapshot.Switch) string {
	p, ok := m.port(sw)
	if !ok {
		return ""
	}
	// The port's findings come right under its name: on a tall front
	// panel (a 48-port switch with modules) only a few lines are left.
	lines := []string{m.headline(sw, p), m.findingsLine(sw, p), vlanLine(p), poeLine(sw, p)}
	if med := medLine(p.MEDPolicies); med != "" {
		lines = append(lines, "LLDP-MED: "+med)
	}
	lines = append(lines, neighborsLine(p), macsLine(p))
	return strings.Join(lines, "\n")
}

func (m *Model) headline(sw snapshot.Switch, p snapshot.Port) string {
	s := common.Bold.Render(p.Name)
	if p.Alias != "" {
		s += fmt.Sprintf(" %q", p.Alias)
	}
	s += " · " + linkWords(p)
	if m.result != nil {
		s += " · role " + common.Bold.Render(common.RoleWord(m.roles[portKey{sw.Target, p.Name}]))
	}
	return s
}

func linkWords(p snapshot.Port) string {
	switch {
	case !p.AdminUp:
		return "disabled"
	case !p.OperUp:
		return "down"
	}
	s := "up"
	if p.SpeedMbps > 0 {
		s += " " + speed(p.SpeedMbps)
	}
	if p.Duplex != "" && p.Duplex != snapshot.DuplexUnknown {
		s += " " + p.Duplex
	}
	return s
}

func speed(mbps int) string {
	if mbps >= 1000 && mbps%1000 == 0 {
		return strconv.Itoa(mbps/1000) + "G"
	}
	return strconv.Itoa(mbps) + "M"
}

func vlanLine(p snapshot.Port) string {
	parts := []string{"PVID " + vlanOrDash(p.PVID)}
	if len(p.UntaggedVLANs) > 0 {
		parts = append(parts, "untagged "+ints(p.UntaggedVLANs))
	}
	if len(p.TaggedVLANs) > 0 {
		parts = append(parts, "tagged "+ints(p.TaggedVLANs))
	}
	parts = append(parts, "voice "+vlanOrDash(p.VoiceVLAN))
	if p.Mode != "" {
		parts = append(parts, p.Mode)
	}
	return "VLANs: " + strings.Join(parts, ", ")
}

func vlanOrDash(v int) string {
	if v == 0 {
		return "none"
	}
	return strconv.Itoa(v)
}

// ints lists VLANs, cut after a dozen: a trunk carries hundreds.
func ints(vs []int) string {
	const most = 12
	var parts []string
	for i, v := range vs {
		if i == most {
			parts = append(parts, fmt.Sprintf("+%d more", len(vs)-most))
			break
		}
		parts = append(parts, strconv.Itoa(v))
	}
	return strings.Join(parts, " ")
}

func poeLine(sw snapshot.Switch, p snapshot.Port) string {
	_, text := common.PortPoE(sw, p, true)
	return "PoE: " + text
}

func medLine(ps []snapshot.Policy) string {
	var parts []string
	for _, pol := range ps {
		tag := "untagged"
		if pol.Tagged {
			tag = "tagged"
		}
		parts = append(parts, fmt.Sprintf("%s VLAN %d %s, priority %d, DSCP %d", pol.Application, pol.VLAN, tag, pol.Priority, pol.DSCP))
	}
	return strings.Join(parts, "; ")
}

func neighborWords(n snapshot.Neighbor) string {
	name := n.SysName
	if name == "" {
		name = n.ChassisID
	}
	s := n.Protocol + " " + name
	if n.PortID != "" {
		s += " port " + n.PortID
	}
	if n.Platform != "" {
		s += " (" + n.Platform + ")"
	}
	if len(n.Capabilities) > 0 {
		s += " [" + strings.Join(n.Capabilities, ",") + "]"
	}
	return s
}

func neighborsLine(p snapshot.Port) string {
	switch len(p.Neighbors) {
	case 0:
		return "Neighbours: none heard"
	case 1:
		return "Neighbours: " + neighborWords(p.Neighbors[0])
	}
	return fmt.Sprintf("Neighbours: %s; +%d more", neighborWords(p.Neighbors[0]), len(p.Neighbors)-1)
}

func macsLine(p snapshot.Port) string {
	if len(p.MACs) == 0 {
		return "MACs: none learnt"
	}
	const most = 3
	var parts []string
	for i, mac := range p.MACs {
		if i == most {
			parts = append(parts, fmt.Sprintf("+%d more", len(p.MACs)-most))
			break
		}
		parts = append(parts, fmt.Sprintf("%s (VLAN %d)", mac.MAC, mac.VLAN))
	}
	return fmt.Sprintf("MACs (%d): %s", len(p.MACs), strings.Join(parts, ", "))
}

func (m *Model) findingsLine(sw snapshot.Switch, p snapshot.Port) string {
	if m.result == nil {
		if m.auditErr != nil {
			return "Findings: not available (" + m.auditErr.Error() + ")"
		}
		return "Findings: audit pending"
	}
	fs := m.findings[portKey{sw.Target, p.Name}]
	if len(fs) == 0 {
		return "Findings: none on this port"
	}
	var parts []string
	for _, f := range fs {
		parts = append(parts, common.FromStatus(f.Status).Render()+" "+f.Requirement+" "+f.Check)
	}
	return "Findings: " + strings.Join(parts, "  ")
}

// fullView is every detail of the selected port, scrolled with up/down.
func (m *Model) fullView(sw snapshot.Switch) string {
	lines := m.wrappedFull(sw)
	scroll := min(m.scroll, max(len(lines)-m.height, 0))
	return common.Fit(strings.Join(lines[scroll:], "\n"), m.width, m.height)
}

// wrappedFull is fullLines wrapped to the screen's width.
func (m *Model) wrappedFull(sw snapshot.Switch) []string {
	return strings.Split(common.Wrap(strings.Join(m.fullLines(sw), "\n"), m.width), "\n")
}

func (m *Model) fullLines(sw snapshot.Switch) []string {
	p, ok := m.port(sw)
	if !ok {
		return []string{""}
	}
	lines := []string{m.headline(sw, p) + common.Faint.Render("  on "+common.SwitchName(sw))}
	if p.Descr != "" && p.Descr != p.Name {
		lines = append(lines, "Description: "+p.Descr)
	}
	lines = append(lines, vlanLine(p), poeLine(sw, p))
	if med := medLine(p.MEDPolicies); med != "" {
		lines = append(lines, "LLDP-MED advertised: "+med)
	}
	if p.LLDPAdmin != "" {
		lines = append(lines, "LLDP: "+p.LLDPAdmin)
	}
	if c := p.Counters; c != nil {
		lines = append(lines, fmt.Sprintf("Errors: in %d, FCS %d, alignment %d, late collisions %d", c.InErrors, c.FCSErrors, c.AlignmentErrors, c.LateCollisions))
	}
	lines = append(lines, "", common.Bold.Render(fmt.Sprintf("Neighbours (%d)", len(p.Neighbors))))
	for _, n := range p.Neighbors {
		lines = append(lines, "  "+neighborWords(n))
		if n.MED != nil {
			lines = append(lines, "    MED "+n.MED.DeviceClass+" "+strings.TrimSpace(n.MED.Manufacturer+" "+n.MED.Model))
			if med := medLine(n.MED.Policies); med != "" {
				lines = append(lines, "    "+med)
			}
		}
	}
	lines = append(lines, "", common.Bold.Render(fmt.Sprintf("MACs (%d)", len(p.MACs))))
	for _, mac := range p.MACs {
		lines = append(lines, fmt.Sprintf("  %s  VLAN %d", mac.MAC, mac.VLAN))
	}
	lines = append(lines, "", common.Bold.Render("Findings"))
	if m.result == nil {
		lines = append(lines, "  "+strings.TrimPrefix(m.findingsLine(sw, p), "Findings: "))
	}
	fs := m.findings[portKey{sw.Target, p.Name}]
	if m.result != nil && len(fs) == 0 {
		lines = append(lines, "  none on this port")
	}
	for _, f := range fs {
		lines = append(lines, "  "+findingWords(f))
	}
	return lines
}

func findingWords(f audit.Finding) string {
	return common.FromStatus(f.Status).Render() + " " + f.Requirement + " " + f.Check + ": " + f.Message.EN
}
