// Package plan is the Plan / apply screen: the audit's fixes per switch,
// rendered into the switch's own CLI as a diff when a driver can, applied
// only after the technician types the switch's name or "yes", with progress,
// the outcome per port, and a rollback said plainly when it happened.
package plan

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

type applyState int

const (
	applyIdle applyState = iota
	applyConfirm
	applyRunning
	applyDone
)

// switchPlan is one switch's part of the plan and what became of it.
type switchPlan struct {
	target  string
	changes []audit.Change
	diff    string
	diffErr error
	state   applyState
	events  []common.ApplyEvent
	result  *common.ApplyResult
}

// Model is the Plan screen.
type Model struct {
	deps     *common.Deps
	switches map[string]snapshot.Switch
	plans    []*switchPlan
	result   *audit.Result
	auditErr error
	cur      int
	// body scrolls the selected switch's plan: the summary and the apply
	// first, then the diff (the 3750's runs to hundreds of lines).
	body   viewport.Model
	input  textinput.Model
	width  int
	height int
	keys   keyMap
}

type keyMap struct {
	Prev, Next, Up, Down, PageUp, PageDown, Top, Bottom, Apply, Confirm, Cancel key.Binding
}

// New returns the Plan screen.
func New(deps *common.Deps) *Model {
	in := textinput.New()
	in.Placeholder = "switch name or yes"
	in.CharLimit = 64
	body := viewport.New()
	// ←/→ change switch here; the body never scrolls sideways (it wraps).
	body.KeyMap.Left.SetEnabled(false)
	body.KeyMap.Right.SetEnabled(false)
	return &Model{
		deps:     deps,
		switches: map[string]snapshot.Switch{},
		input:    in,
		body:     body,
		keys: keyMap{
			Prev:     key.NewBinding(key.WithKeys("left", "h", "["), key.WithHelp("←/[", "prev switch")),
			Next:     key.NewBinding(key.WithKeys("right", "l", "]"), key.WithHelp("→/]", "next switch")),
			Up:       common.KeyUp,
			Down:     common.KeyDown,
			PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", "page up")),
			PageDown: key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("pgdn", "page down")),
			Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", "top")),
			Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "bottom")),
			Apply:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "apply to this switch")),
			Confirm:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirm")),
			Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		},
	}
}

// ID implements common.Component.
func (m *Model) ID() common.ScreenID { return common.ScreenPlan }

// Title implements common.Component.
func (m *Model) Title() string { return "Plan" }

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.input.SetWidth(max(w-40, 10))
	m.body.SetWidth(w)
	m.body.SetHeight(m.bodyHeight())
}

// Init implements common.Component.
func (m *Model) Init() tea.Cmd { return nil }

// Capturing implements common.Capturer: while the confirmation is typed,
// every key goes to it.
func (m *Model) Capturing() bool {
	p := m.current()
	return p != nil && p.state == applyConfirm
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.Capturing() {
		return []key.Binding{m.keys.Confirm, m.keys.Cancel}
	}
	return []key.Binding{m.keys.Apply, m.keys.Prev, m.keys.Next, m.keys.PageDown, m.keys.Bottom}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Prev, m.keys.Next, m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown, m.keys.Top, m.keys.Bottom},
		{m.keys.Apply, m.keys.Confirm, m.keys.Cancel}}
}

func (m *Model) current() *switchPlan {
	if len(m.plans) == 0 {
		return nil
	}
	return m.plans[m.cur]
}

func (m *Model) find(target string) *switchPlan {
	for _, p := range m.plans {
		if p.target == target {
			return p
		}
	}
	return nil
}

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case common.SnapshotMsg:
		for _, sw := range msg.Snapshot.Switches {
			m.switches[sw.Target] = sw
		}
	case common.SwitchMsg:
		m.switches[msg.Switch.Target] = msg.Switch
	case common.AuditMsg:
		return m, m.setResult(msg.Result, msg.Err)
	case renderedMsg:
		if p := m.find(msg.target); p != nil {
			p.diff, p.diffErr = msg.diff, msg.err
		}
	case applyEventMsg:
		if p := m.find(msg.target); p != nil {
			p.events = append(p.events, msg.ev)
		}
		return m, waitApply(msg.target, msg.ch)
	case applyDoneMsg:
		if p := m.find(msg.target); p != nil {
			p.state, p.result = applyDone, &msg.res
		}
		// Whatever the outcome, the switch is read again and the site
		// judged anew, so every screen shows it as it is now.
		target := msg.target
		return m, func() tea.Msg { return common.RereadMsg{Switch: target} }
	case common.ShowMsg:
		if p := m.find(msg.Switch); p != nil {
			m.cur = m.indexOf(p)
		}
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) indexOf(p *switchPlan) int {
	for i, x := range m.plans {
		if x == p {
			return i
		}
	}
	return 0
}

func (m *Model) setResult(r *audit.Result, err error) tea.Cmd {
	// Judged again (after an apply): switches keep their place in the
	// tabs, and those already applied keep their outcome in sight, even
	// once nothing is left to change on them.
	before := m.plans
	selected := ""
	if p := m.current(); p != nil {
		selected = p.target
	}
	m.result, m.auditErr = r, err
	m.plans, m.cur = nil, 0
	if r == nil {
		return nil
	}
	fresh := map[string]*switchPlan{}
	var order []string
	for _, sp := range audit.BuildPlan(r).Switches {
		fresh[sp.Switch] = &switchPlan{target: sp.Switch, changes: sp.Changes}
		order = append(order, sp.Switch)
	}
	placed := map[string]bool{}
	var cmds []tea.Cmd
	add := func(p *switchPlan) {
		placed[p.target] = true
		m.plans = append(m.plans, p)
		if m.deps.Render != nil && len(p.changes) > 0 {
			cmds = append(cmds, render(m.deps.Ctx(), m.deps.Render, m.switches[p.target], p))
		}
	}
	for _, old := range before {
		p := fresh[old.target]
		switch {
		case p == nil && old.state == applyDone:
			p = &switchPlan{target: old.target, diff: "nothing left to change on this switch"}
		case p == nil:
			continue
		}
		if old.state == applyDone {
			p.state, p.events, p.result = old.state, old.events, old.result
		}
		add(p)
	}
	for _, t := range order {
		if !placed[t] {
			add(fresh[t])
		}
	}
	if p := m.find(selected); p != nil {
		m.cur = m.indexOf(p)
	} else {
		m.body.GotoTop()
	}
	return tea.Batch(cmds...)
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	p := m.current()
	if p == nil {
		return nil
	}
	if p.state == applyConfirm {
		switch {
		case key.Matches(msg, m.keys.Cancel):
			p.state = applyIdle
			m.input.Blur()
			m.input.Reset()
			return nil
		case key.Matches(msg, m.keys.Confirm):
			return m.confirm(p)
		}
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return cmd
	}
	m.fill(p)
	switch {
	case key.Matches(msg, m.keys.Prev):
		m.cur = max(m.cur-1, 0)
		m.body.GotoTop()
	case key.Matches(msg, m.keys.Next):
		m.cur = min(m.cur+1, len(m.plans)-1)
		m.body.GotoTop()
	case key.Matches(msg, m.keys.Top):
		m.body.GotoTop()
	case key.Matches(msg, m.keys.Bottom):
		m.body.GotoBottom()
	case key.Matches(msg, m.keys.Apply):
		if m.deps.Apply == nil || p.state == applyRunning || p.state == applyDone {
			return nil
		}
		p.state = applyConfirm
		m.input.Reset()
		m.body.GotoTop() // the question is at the top
		return m.input.Focus()
	default:
		// ↑/↓, pgup/pgdn, u/d: the viewport's own keys.
		var cmd tea.Cmd
		m.body, cmd = m.body.Update(msg)
		return cmd
	}
	return nil
}

// fill puts p's plan, wrapped to the width, in the body; the viewport keeps
// its offset (clamped) when the content changes under it.
func (m *Model) fill(p *switchPlan) {
	m.body.SetContent(common.Wrap(strings.Join(m.bodyLines(p), "\n"), m.width))
}

// confirm starts the apply only when what was typed is the switch's name
// (or its address) or "yes"; anything else is refused and nothing is sent.
func (m *Model) confirm(p *switchPlan) tea.Cmd {
	typed := strings.TrimSpace(m.input.Value())
	sw := m.switches[p.target]
	if typed != "yes" && typed != common.SwitchName(sw) && typed != p.target {
		m.input.Reset()
		return func() tea.Msg {
			return common.ErrorMsg{Err: fmt.Errorf("plan: %q is not %q nor yes; nothing was sent", typed, common.SwitchName(sw))}
		}
	}
	m.input.Blur()
	m.input.Reset()
	p.state = applyRunning
	return startApply(m.deps.Ctx(), m.deps.Apply, sw, p)
}

func (m *Model) bodyHeight() int { return max(m.height-4, 1) }

// bodyLines is what the selected switch's plan shows: the apply (its
// question, progress or result) first, then the diff when a driver rendered
// one (its summary on top), the vendor-neutral changes otherwise.
func (m *Model) bodyLines(p *switchPlan) []string {
	lines := append(m.applyLines(p), "")
	switch {
	case p.diff != "":
		for _, l := range strings.Split(strings.TrimRight(p.diff, "\n"), "\n") {
			lines = append(lines, diffLine(l))
		}
	default:
		why := "this UI has no SSH access to the switches (voxlan tui --inventory FILE gives it)"
		if m.deps.Render != nil && p.diffErr == nil {
			why = "rendering…"
		}
		if p.diffErr != nil {
			why = p.diffErr.Error()
		}
		lines = append(lines, common.Faint.Render("CLI diff not available: "+why+". The changes:"))
		for _, c := range p.changes {
			lines = append(lines, "  + "+common.ChangeWords(c)+common.Faint.Render("  ("+c.Reason+")"))
		}
	}
	return lines
}

func diffLine(l string) string {
	switch {
	case strings.HasPrefix(l, "+"):
		return common.StatePass.Style().Render(l)
	case strings.HasPrefix(l, "-"):
		return common.StateFail.Style().Render(l)
	}
	return l
}

func (m *Model) applyLines(p *switchPlan) []string {
	name := common.SwitchName(m.switches[p.target])
	switch p.state {
	case applyConfirm:
		return []string{common.Bold.Render("Apply to "+name+"?") + " Type " + common.Bold.Render(name) + " or yes, then enter:", m.input.View()}
	case applyRunning:
		lines := []string{common.StatePending.Render() + " applying to " + name + "…"}
		for _, ev := range p.events {
			lines = append(lines, "  "+eventWords(ev))
		}
		return lines
	case applyDone:
		return resultLines(name, p)
	}
	if m.deps.Apply == nil {
		return []string{common.StateNA.Render() + " Apply is not available without SSH access to the switches. Nothing will be sent."}
	}
	return []string{common.Faint.Render("Nothing sent yet. a applies this switch after you type its name.")}
}

func eventWords(ev common.ApplyEvent) string {
	s := ev.Step
	if ev.Port != "" {
		s += " " + ev.Port
	}
	if ev.Message != "" {
		s += ": " + ev.Message
	}
	return s
}

func resultLines(name string, p *switchPlan) []string {
	r := p.result
	var lines []string
	switch {
	case r.RolledBack:
		lines = append(lines, common.StateFail.Render()+" "+common.StateFail.Style().Render("ROLLED BACK on "+name)+": the backup state was restored.")
	case r.Err != nil:
		lines = append(lines, common.StateFail.Render()+" apply failed on "+name)
	default:
		lines = append(lines, common.StatePass.Render()+" applied and verified on "+name)
	}
	if r.Err != nil {
		lines = append(lines, "  "+r.Err.Error())
	}
	if r.Backup != "" {
		lines = append(lines, "  backup: "+r.Backup)
	}
	for _, po := range r.Ports {
		st := common.StateUnknown
		switch po.State {
		case "applied":
			st = common.StatePass
		case "rolledBack", "unchanged":
			st = common.StateWarn
		}
		l := fmt.Sprintf("  %s %-14s %s", st.Render(), po.Port, po.State)
		if po.Message != "" {
			l += ": " + po.Message
		}
		lines = append(lines, l)
	}
	return lines
}

// View implements common.Component.
func (m *Model) View() string {
	if m.result == nil {
		msg := "The plan comes from the audit, once the site has been read (Site screen, 2)."
		if m.auditErr != nil {
			msg = "No plan: " + m.auditErr.Error() + "."
		}
		return common.Fit(common.Faint.Render(msg), m.width, m.height)
	}
	total := 0
	for _, p := range m.plans {
		total += len(p.changes)
	}
	var b strings.Builder
	b.WriteString(common.Bold.Render(fmt.Sprintf("Plan for site %s", m.result.Site)))
	b.WriteString(fmt.Sprintf(" · %d switches, %d changes", len(m.plans), total))
	b.WriteString("\n")
	if len(m.plans) == 0 {
		b.WriteString("\n" + common.StatePass.Render() + " Nothing to change: no finding asks for a change the software can make.")
		return common.Fit(b.String(), m.width, m.height)
	}
	var tabs []string
	for i, p := range m.plans {
		label := fmt.Sprintf("%s (%d)", common.SwitchName(m.switches[p.target]), len(p.changes))
		if p.result != nil {
			if p.result.RolledBack || p.result.Err != nil {
				label = common.StateFail.Mark() + " " + label
			} else {
				label = common.StatePass.Mark() + " " + label
			}
		}
		if i == m.cur {
			label = common.Selected.Render(label)
		}
		tabs = append(tabs, label)
	}
	b.WriteString(strings.Join(tabs, "  "))
	b.WriteString("\n\n")
	m.fill(m.current())
	b.WriteString(m.body.View())
	return common.Fit(b.String(), m.width, m.height)
}
