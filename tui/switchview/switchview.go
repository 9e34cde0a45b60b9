// Package switchview is the Switch screen: the switch's ports laid out like
// its front panel (odd ports on the top row, even below, one block per
// module or stack member), each coloured by the worst finding on it and
// lettered by the role the audit gave it, with a legend. The selected port's
// VLANs, voice VLAN, PoE, neighbours, MACs and findings show below; enter
// opens them in full.
package switchview

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

type portKey struct{ target, port string }

// Model is the Switch screen.
type Model struct {
	deps     *common.Deps
	order    []string
	switches map[string]snapshot.Switch
	cur      int
	// chosen is set once the technician picked a switch (on the Site
	// screen, with [ or ], or from another screen): until then the screen
	// opens on the site's first switch, not on whichever answered first.
	chosen bool
	// selected is the ifName of the selected port, kept by name so that a
	// new reading of the switch keeps the selection.
	selected string
	result   *audit.Result
	auditErr error
	roles    map[portKey]audit.Role
	findings map[portKey][]audit.Finding
	full     bool
	scroll   int
	width    int
	height   int
	keys     keyMap
}

type keyMap struct {
	Up, Down, Left, Right, Open, Back, PrevSwitch, NextSwitch, Findings key.Binding
}

// New returns the Switch screen.
func New(deps *common.Deps) *Model {
	return &Model{
		deps:     deps,
		switches: map[string]snapshot.Switch{},
		keys: keyMap{
			Up: common.KeyUp, Down: common.KeyDown, Left: common.KeyLeft, Right: common.KeyRight,
			Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "port details")),
			Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to panel")),
			PrevSwitch: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "prev switch")),
			NextSwitch: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next switch")),
			Findings:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "port findings")),
		},
	}
}

// ID implements common.Component.
func (m *Model) ID() common.ScreenID { return common.ScreenSwitch }

// Title implements common.Component.
func (m *Model) Title() string { return "Switch" }

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Init implements common.Component.
func (m *Model) Init() tea.Cmd { return nil }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.full {
		return []key.Binding{m.keys.Up, m.keys.Down, m.keys.Back, m.keys.Findings}
	}
	return []key.Binding{common.KeyLeft, common.KeyRight, m.keys.Open, m.keys.NextSwitch, m.keys.Findings}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{m.keys.Up, m.keys.Down, m.keys.Left, m.keys.Right},
		{m.keys.Open, m.keys.Back, m.keys.PrevSwitch, m.keys.NextSwitch, m.keys.Findings},
	}
}

// Selected is the switch target and port shown now.
func (m *Model) Selected() (target, port string) {
	if len(m.order) == 0 {
		return "", ""
	}
	return m.order[m.cur], m.selected
}

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case common.SwitchMsg:
		m.put(msg.Switch)
	case common.SnapshotMsg:
		// Switches came in as each was read; the site lists them in the
		// order asked, which [ and ] follow from now on.
		cur := ""
		if len(m.order) > 0 && m.chosen {
			cur = m.order[m.cur]
		}
		m.order = m.order[:0]
		m.cur = 0
		for _, sw := range msg.Snapshot.Switches {
			m.switches[sw.Target] = sw
			m.order = append(m.order, sw.Target)
			if sw.Target == cur {
				m.cur = len(m.order) - 1
			}
		}
		m.ensureSelection()
	case common.AuditMsg:
		m.setResult(msg.Result, msg.Err)
	case common.SelectMsg:
		m.choose(msg.Switch)
		m.ensureSelection()
	case common.ShowMsg:
		m.choose(msg.Switch)
		if msg.Port != "" {
			m.selected = msg.Port
		}
		m.full = false
		m.ensureSelection()
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) put(sw snapshot.Switch) {
	if _, ok := m.switches[sw.Target]; !ok {
		m.order = append(m.order, sw.Target)
	}
	m.switches[sw.Target] = sw
	m.ensureSelection()
}

func (m *Model) setResult(r *audit.Result, err error) {
	m.result, m.auditErr = r, err
	m.roles = map[portKey]audit.Role{}
	m.findings = map[portKey][]audit.Finding{}
	if r == nil {
		return
	}
	for _, pr := range r.Ports {
		m.roles[portKey{pr.Switch, pr.Port}] = pr.Role
	}
	for _, f := range r.Findings {
		if f.Port != "" {
			k := portKey{f.Switch, f.Port}
			m.findings[k] = append(m.findings[k], f)
		}
	}
}

func (m *Model) current() (snapshot.Switch, bool) {
	if len(m.order) == 0 {
		return snapshot.Switch{}, false
	}
	sw, ok := m.switches[m.order[m.cur]]
	return sw, ok
}

// ensureSelection selects the first panel port when nothing valid is.
func (m *Model) ensureSelection() {
	sw, ok := m.current()
	if !ok {
		return
	}
	groups := layout(sw)
	for _, g := range groups {
		for _, i := range g.ports {
			if sw.Ports[i].Name == m.selected {
				return
			}
		}
	}
	m.selected = ""
	if len(groups) > 0 {
		m.selected = sw.Ports[groups[0].ports[0]].Name
	}
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	if m.full {
		switch {
		case key.Matches(msg, m.keys.Back):
			m.full, m.scroll = false, 0
		case key.Matches(msg, m.keys.Up):
			m.scroll = max(m.scroll-1, 0)
		case key.Matches(msg, m.keys.Down):
			if sw, ok := m.current(); ok {
				m.scroll = min(m.scroll+1, max(len(m.wrappedFull(sw))-m.height, 0))
			}
		case key.Matches(msg, m.keys.Findings):
			return m.showFindings()
		}
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.Left):
		m.move(-2)
	case key.Matches(msg, m.keys.Right):
		m.move(2)
	case key.Matches(msg, m.keys.Up):
		m.moveRow(true)
	case key.Matches(msg, m.keys.Down):
		m.moveRow(false)
	case key.Matches(msg, m.keys.Open):
		if m.selected != "" {
			m.full, m.scroll = true, 0
		}
	case key.Matches(msg, m.keys.NextSwitch):
		m.switchTo(m.cur + 1)
	case key.Matches(msg, m.keys.PrevSwitch):
		m.switchTo(m.cur - 1)
	case key.Matches(msg, m.keys.Findings):
		return m.showFindings()
	}
	return nil
}

func (m *Model) showFindings() tea.Cmd {
	target, port := m.Selected()
	if target == "" {
		return nil
	}
	return func() tea.Msg { return common.ShowMsg{Screen: common.ScreenFindings, Switch: target, Port: port} }
}

// choose makes target the switch shown, once it is known.
func (m *Model) choose(target string) {
	for i, t := range m.order {
		if t == target {
			m.cur, m.chosen = i, true
			m.selected = ""
		}
	}
}

func (m *Model) switchTo(i int) {
	if len(m.order) == 0 {
		return
	}
	m.cur, m.chosen = (i+len(m.order))%len(m.order), true
	m.selected = ""
	m.ensureSelection()
}

// position finds the selected port: its group and place in it.
func (m *Model) position(groups []group, sw snapshot.Switch) (g, k int) {
	for gi, gr := range groups {
		for ki, i := range gr.ports {
			if sw.Ports[i].Name == m.selected {
				return gi, ki
			}
		}
	}
	return 0, 0
}

// move goes along the row (step ±2: the next column on the same row),
// crossing into the neighbouring block at the ends.
func (m *Model) move(step int) {
	sw, ok := m.current()
	if !ok {
		return
	}
	groups := layout(sw)
	if len(groups) == 0 {
		return
	}
	g, k := m.position(groups, sw)
	k += step
	switch {
	case k < 0 && g > 0:
		g--
		k = len(groups[g].ports) - 1
	case k >= len(groups[g].ports) && g < len(groups)-1:
		g++
		k = 0
	}
	k = min(max(k, 0), len(groups[g].ports)-1)
	m.selected = sw.Ports[groups[g].ports[k]].Name
}

// moveRow goes between the top (odd) and the bottom (even) row.
func (m *Model) moveRow(up bool) {
	sw, ok := m.current()
	if !ok {
		return
	}
	groups := layout(sw)
	if len(groups) == 0 {
		return
	}
	g, k := m.position(groups, sw)
	switch {
	case up && k%2 == 1:
		k--
	case !up && k%2 == 0 && k+1 < len(groups[g].ports):
		k++
	case up && k%2 == 0 && g > 0:
		g--
		k = min(k, len(groups[g].ports)-1)
	case !up && g < len(groups)-1:
		g++
		k = min(k-k%2, len(groups[g].ports)-1)
	}
	m.selected = sw.Ports[groups[g].ports[k]].Name
}

// View implements common.Component.
func (m *Model) View() string {
	sw, ok := m.current()
	if !ok {
		msg := "No switch read yet: discovery is running on the Site screen (2)."
		if m.deps.Discover == nil && m.deps.Snapshot == nil {
			msg = "No switch to show: no discovery and no snapshot were given."
		}
		return common.Fit(common.Faint.Render(msg), m.width, m.height)
	}
	if m.full {
		return m.fullView(sw)
	}
	var b strings.Builder
	b.WriteString(m.title(sw))
	b.WriteString("\n\n")
	panel, selLine := m.panel(sw)
	legend := m.legend()
	detail := m.detail(sw)
	room := m.height - 3 - lineCount(legend) - min(lineCount(detail), 4)
	b.WriteString(window(panel, selLine, max(room, 4)))
	b.WriteString(legend)
	b.WriteString("\n")
	b.WriteString(detail)
	return common.Fit(b.String(), m.width, m.height)
}

func lineCount(s string) int { return strings.Count(s, "\n") + 1 }

// window keeps the lines around the selected port's block when the panel is
// taller than the room it has.
func window(lines []string, at, height int) string {
	if len(lines) <= height {
		return strings.Join(lines, "\n") + "\n"
	}
	start := min(max(at-height/2, 0), len(lines)-height)
	return strings.Join(lines[start:start+height], "\n") + "\n"
}

func (m *Model) title(sw snapshot.Switch) string {
	st := common.StatePending
	if m.result != nil {
		st = common.StatePass
		if w := common.Worst(switchFindings(m.result, sw.Target)); w != "" {
			st = common.FromStatus(w)
		}
	}
	parts := []string{st.Render() + " " + common.Bold.Render(common.SwitchName(sw)), fmt.Sprintf("switch %d/%d", m.cur+1, len(m.order)), sw.Target}
	if id := strings.TrimSpace(strings.Join([]string{sw.Vendor, sw.Model, sw.Version}, " ")); id != "" {
		parts = append(parts, id)
	}
	line2 := []string{portCount(sw), common.PoESummary(sw)}
	if m.result != nil {
		t := common.Tally(m.result, sw.Target)
		line2 = append(line2, fmt.Sprintf("%d fail, %d warn", t[audit.StatusFail], t[audit.StatusWarn]))
	}
	if len(sw.Errors) > 0 {
		line2 = append(line2, common.StateWarn.Style().Render(fmt.Sprintf("%d parts not read", len(sw.Errors))))
	}
	return strings.Join(parts, " · ") + "\n" + strings.Join(line2, " · ")
}

// portCount is the switch's port count as every screen and command gives
// it (audit.SwitchingPorts: the Site screen and voxlan discover say the
// same), naming the management ports the panel draws beside them.
func portCount(sw snapshot.Switch) string {
	s := fmt.Sprintf("%d ports", audit.SwitchingPorts(&sw))
	var mgmt []string
	for _, i := range panelPorts(sw) {
		if audit.ManagementPort(&sw.Ports[i]) {
			mgmt = append(mgmt, sw.Ports[i].Name)
		}
	}
	if len(mgmt) > 0 {
		s += " + management " + strings.Join(mgmt, ", ")
	}
	return s
}

func switchFindings(r *audit.Result, target string) []audit.Finding {
	var out []audit.Finding
	for _, f := range r.Findings {
		if f.Switch == target {
			out = append(out, f)
		}
	}
	return out
}

// panel draws the blocks; it returns the lines and the line of the block
// that holds the selection.
func (m *Model) panel(sw snapshot.Switch) ([]string, int) {
	var lines []string
	selLine := 0
	for gi, g := range layout(sw) {
		for _, c := range chunk(g, m.width) {
			if gi > 0 || len(lines) > 0 {
				lines = append(lines, "")
			}
			var nums [2]strings.Builder
			var cells [2]strings.Builder
			for k, i := range c.ports {
				row := k % 2
				p := sw.Ports[i]
				if p.Name == m.selected {
					selLine = len(lines)
				}
				fmt.Fprintf(&nums[row], "%-*s", cellWidth, shortLabel(p.Name))
				cells[row].WriteString(m.cell(sw.Target, p))
			}
			lines = append(lines,
				strings.Repeat(" ", labelWidth)+nums[0].String(),
				padLabel(c.prefix)+cells[0].String(),
				strings.Repeat(" ", labelWidth)+cells[1].String(),
				strings.Repeat(" ", labelWidth)+nums[1].String())
		}
	}
	if len(lines) == 0 {
		lines = append(lines, common.Faint.Render("No physical Ethernet port reported by this switch."))
	}
	return lines, selLine
}

// cell draws one port: the role letter (or the link state before the audit),
// the mark of its worst finding, in that finding's colour.
func (m *Model) cell(target string, p snapshot.Port) string {
	k := portKey{target, p.Name}
	letter := ""
	if m.result != nil {
		letter = common.RoleLetter(m.roles[k])
	}
	if letter == "" {
		letter = linkLetter(p)
	}
	mark := " "
	style := common.Faint
	switch {
	case m.result != nil:
		style = common.RoleStyle(m.roles[k])
		if w := common.Worst(m.findings[k]); w != "" {
			if st := common.FromStatus(w); st != common.StatePass && st != common.StateManual {
				style, mark = st.Style(), st.Mark()
			}
		}
	case p.OperUp:
		style = common.Accent
	}
	s := letter + mark
	if p.Name == m.selected {
		return common.Selected.Inherit(style).Render(s) + " "
	}
	return style.Render(s) + " "
}

func linkLetter(p snapshot.Port) string {
	switch {
	case !p.AdminUp:
		return "×"
	case p.OperUp:
		return "●"
	}
	return "○"
}

func (m *Model) legend() string {
	link := "● up  ○ down  × disabled"
	if m.result == nil {
		why := "roles after the audit"
		if m.auditErr != nil {
			why = "no roles: " + m.auditErr.Error()
		}
		return common.Faint.Render(link + "  ·  " + why)
	}
	var roles []string
	for _, r := range common.Roles {
		roles = append(roles, common.RoleStyle(r.Role).Render(r.Letter+" "+r.Short))
	}
	marks := common.StateFail.Render() + " fail  " + common.StateWarn.Render() + " warn  " +
		common.StateUnknown.Render() + " unknown  (no mark: nothing wrong found)"
	return strings.Join(roles, "  ") + "\n" + marks
}
