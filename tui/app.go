// Package tui is voxlan's terminal UI: a technician at a jack is guided from
// where the laptop is plugged in (Here), through the site's switches (Site,
// Switch) and what is wrong (Findings), to the fix (Plan).
//
// This file is the root: the screen list, the active screen, the global keys
// and the error line. It routes and draws the frame; each screen is its own
// package under tui/ and does its IO only in tea.Cmds.
package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/voxlan/voxlan/tui/common"
	"github.com/voxlan/voxlan/tui/findings"
	"github.com/voxlan/voxlan/tui/here"
	"github.com/voxlan/voxlan/tui/plan"
	"github.com/voxlan/voxlan/tui/site"
	"github.com/voxlan/voxlan/tui/switchview"
)

// Model is the root model.
type Model struct {
	screens []common.Component
	active  int
	keys    common.GlobalKeys
	help    help.Model
	err     error
	width   int
	height  int
	// quitting is set once q was pressed, so the last frame is drawn plain.
	quitting bool
}

// New builds the UI over deps. The first screen is Here when a jack can be
// examined, otherwise Site.
func New(deps *common.Deps) *Model {
	if deps == nil {
		deps = &common.Deps{}
	}
	m := &Model{
		screens: []common.Component{
			here.New(deps),
			site.New(deps),
			switchview.New(deps),
			findings.New(deps),
			plan.New(deps),
		},
		keys: common.NewGlobalKeys(),
		help: help.New(),
	}
	m.help.Styles = help.DefaultStyles(true)
	return m
}

// Active is the screen shown now.
func (m *Model) Active() common.ScreenID { return m.screens[m.active].ID() }

// Err is the error shown on the error line, nil when none.
func (m *Model) Err() error { return m.err }

// Screen returns the screen with id.
func (m *Model) Screen(id common.ScreenID) common.Component {
	for _, s := range m.screens {
		if s.ID() == id {
			return s
		}
	}
	return nil
}

// Init starts every screen's work (discovery, listening at the jack).
func (m *Model) Init() tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.screens))
	for _, s := range m.screens {
		cmds = append(cmds, s.Init())
	}
	return tea.Batch(cmds...)
}

// Update routes msg: keys to the active screen after the global keys,
// addressed messages to their screen, everything else to every screen.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case tea.KeyPressMsg:
		return m.key(msg)
	case common.ErrorMsg:
		m.err = msg.Err
		return m, nil
	case common.ShowMsg:
		m.activate(msg.Screen)
		return m, m.forward(msg.Screen, msg)
	case common.Addressed:
		return m, m.forward(msg.Destination(), msg)
	}
	cmds := make([]tea.Cmd, 0, len(m.screens))
	for i := range m.screens {
		var cmd tea.Cmd
		m.screens[i], cmd = m.screens[i].Update(msg)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

func (m *Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	// ctrl+c leaves from anywhere, even while typing.
	if msg.String() == "ctrl+c" {
		m.quitting = true
		return m, tea.Quit
	}
	m.err = nil
	screen := m.screens[m.active]
	if c, ok := screen.(common.Capturer); ok && c.Capturing() {
		return m, m.forward(screen.ID(), msg)
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		m.quitting = true
		return m, tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.help.ShowAll = !m.help.ShowAll
		m.layout()
		return m, nil
	case key.Matches(msg, m.keys.Next):
		m.active = (m.active + 1) % len(m.screens)
		return m, nil
	case key.Matches(msg, m.keys.Prev):
		m.active = (m.active + len(m.screens) - 1) % len(m.screens)
		return m, nil
	}
	for i, b := range m.keys.Screens {
		if i < len(m.screens) && key.Matches(msg, b) {
			m.active = i
			return m, nil
		}
	}
	return m, m.forward(screen.ID(), msg)
}

func (m *Model) activate(id common.ScreenID) {
	for i, s := range m.screens {
		if s.ID() == id {
			m.active = i
		}
	}
}

func (m *Model) forward(id common.ScreenID, msg tea.Msg) tea.Cmd {
	for i, s := range m.screens {
		if s.ID() == id {
			var cmd tea.Cmd
			m.screens[i], cmd = s.Update(msg)
			return cmd
		}
	}
	return nil
}

// chromeHeight is what the frame takes around a screen's body: the tab bar,
// the error line and the help.
func (m *Model) chromeHeight() int {
	return 1 + 1 + lipgloss.Height(m.helpView())
}

func (m *Model) layout() {
	m.help.SetWidth(m.width)
	h := m.height - m.chromeHeight()
	for _, s := range m.screens {
		s.SetSize(m.width, max(h, 0))
	}
}

// helpView is the help bar: the screen's keys, cut to fit, then the global
// keys, always shown; with ? every key in columns.
func (m *Model) helpView() string {
	keys := helpKeys{screen: m.screens[m.active], global: m.keys}
	if m.help.ShowAll {
		return common.Fit(m.help.FullHelpView(keys.FullHelp()), m.width, lipgloss.Height(m.help.FullHelpView(keys.FullHelp())))
	}
	global := m.help.ShortHelpView([]key.Binding{m.keys.Next, m.keys.Help, m.keys.Quit})
	h := m.help
	h.SetWidth(max(m.width-lipgloss.Width(global)-3, 1))
	local := h.ShortHelpView(m.screens[m.active].ShortHelp())
	if local == "" {
		return common.Fit(global, m.width, 1)
	}
	return common.Fit(local+m.help.Styles.ShortSeparator.Render(" • ")+global, m.width, 1)
}

// View draws the tab bar, the active screen, the error line and the help.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "voxlan"
	return v
}

func (m *Model) render() string {
	if m.quitting || m.width == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(common.Fit(m.tabs(), m.width, 1))
	b.WriteString("\n")
	body := m.screens[m.active].View()
	b.WriteString(common.Fit(body, m.width, max(m.height-m.chromeHeight(), 0)))
	b.WriteString("\n")
	errLine := ""
	if m.err != nil {
		errLine = common.ErrorLine.Render("error: " + m.err.Error())
	}
	b.WriteString(common.Fit(errLine, m.width, 1))
	b.WriteString("\n")
	b.WriteString(m.helpView())
	return b.String()
}

func (m *Model) tabs() string {
	parts := make([]string, 0, len(m.screens)+1)
	parts = append(parts, common.Accent.Render("voxlan"))
	for i, s := range m.screens {
		label := s.Title()
		if i < len(m.keys.Screens) {
			label = m.keys.Screens[i].Help().Key + " " + label
		}
		if i == m.active {
			parts = append(parts, common.TabActive.Render(label))
		} else {
			parts = append(parts, common.TabIdle.Render(label))
		}
	}
	return strings.Join(parts, " ")
}

// helpKeys joins the active screen's keys with the global ones.
type helpKeys struct {
	screen common.Component
	global common.GlobalKeys
}

func (h helpKeys) FullHelp() [][]key.Binding {
	g := []key.Binding{h.global.Next, h.global.Prev}
	g = append(g, h.global.Screens...)
	g = append(g, h.global.Help, h.global.Quit)
	return append(h.screen.FullHelp(), g)
}
