// Package findings is the Findings screen: every finding of the audit,
// worst first, filtered by requirement, status and switch (and by port when
// opened from the Switch screen), with the selected finding's evidence and
// its fix below.
package findings

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/diff"
	"github.com/voxlan/voxlan/tui/common"
)

// statusFilters are the status filter's values in the order r cycles them.
var statusFilters = []audit.Status{"", audit.StatusFail, audit.StatusWarn, audit.StatusUnknown, audit.StatusManual, audit.StatusPass}

// Model is the Findings screen.
type Model struct {
	deps     *common.Deps
	all      []audit.Finding
	result   *audit.Result
	auditErr error
	// since compares the audit with the site's previous one (nil: no
	// history); marks are its new and fixed findings by id.
	since    *diff.Diff
	sinceErr error
	marks    map[string]string
	names    map[string]string
	// filters; "" means all
	requirement string
	status      audit.Status
	target      string
	port        string
	shown       []int
	cursor      int
	full        bool
	width       int
	height      int
	keys        keyMap
}

type keyMap struct {
	Up, Down, Open, Back, Requirement, Status, Switch, Clear, Goto key.Binding
}

// New returns the Findings screen.
func New(deps *common.Deps) *Model {
	return &Model{
		deps:  deps,
		names: map[string]string{},
		keys: keyMap{
			Up: common.KeyUp, Down: common.KeyDown,
			Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details")),
			Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
			Requirement: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "requirement")),
			Status:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "status")),
			Switch:      key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "switch")),
			Clear:       key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "clear filters")),
			Goto:        key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "go to port")),
		},
	}
}

// ID implements common.Component.
func (m *Model) ID() common.ScreenID { return common.ScreenFindings }

// Title implements common.Component.
func (m *Model) Title() string { return "Findings" }

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Init implements common.Component.
func (m *Model) Init() tea.Cmd { return nil }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.full {
		return []key.Binding{m.keys.Back, m.keys.Goto}
	}
	return []key.Binding{m.keys.Up, m.keys.Down, m.keys.Requirement, m.keys.Status, m.keys.Switch, m.keys.Open}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{m.keys.Up, m.keys.Down, m.keys.Open, m.keys.Back, m.keys.Goto},
		{m.keys.Requirement, m.keys.Status, m.keys.Switch, m.keys.Clear},
	}
}

// Shown are the findings that pass the filters, in display order.
func (m *Model) Shown() []audit.Finding {
	out := make([]audit.Finding, 0, len(m.shown))
	for _, i := range m.shown {
		out = append(out, m.all[i])
	}
	return out
}

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case common.SnapshotMsg:
		for _, sw := range msg.Snapshot.Switches {
			m.names[sw.Target] = common.SwitchName(sw)
		}
	case common.SwitchMsg:
		m.names[msg.Switch.Target] = common.SwitchName(msg.Switch)
	case common.AuditMsg:
		m.result, m.auditErr = msg.Result, msg.Err
		m.setSince(msg.Since, msg.SinceErr)
		m.all = nil
		if msg.Result != nil {
			m.all = slices.Clone(msg.Result.Findings)
			Sort(m.all, m.name)
		}
		m.filter()
	case common.ShowMsg:
		m.target, m.port, m.requirement, m.status = msg.Switch, msg.Port, "", ""
		m.full = false
		m.filter()
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

// Marks, shown before a finding's requirement when the history has an
// earlier audit of the site.
const (
	MarkNew   = "new"
	MarkFixed = "fixed"
)

func (m *Model) setSince(d *diff.Diff, err error) {
	m.since, m.sinceErr, m.marks = d, err, nil
	if d == nil {
		return
	}
	m.marks = map[string]string{}
	for _, id := range d.New {
		m.marks[id] = MarkNew
	}
	for _, id := range d.Fixed {
		m.marks[id] = MarkFixed
	}
}

// Mark is the finding's mark against the previous audit ("" when none).
func (m *Model) Mark(id string) string { return m.marks[id] }

// Sort orders findings as the screen lists them: the worst first, then by
// switch name (name maps a target to it), port and id.
func Sort(fs []audit.Finding, name func(target string) string) {
	slices.SortStableFunc(fs, func(a, b audit.Finding) int { return compare(a, b, name) })
}

func compare(a, b audit.Finding, name func(string) string) int {
	if d := b.Status.Severity() - a.Status.Severity(); d != 0 {
		return d
	}
	if c := strings.Compare(name(a.Switch), name(b.Switch)); c != 0 {
		return c
	}
	if c := audit.ComparePorts(a.Port, b.Port); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

func (m *Model) filter() {
	m.shown = m.shown[:0]
	for i, f := range m.all {
		if (m.requirement == "" || f.Requirement == m.requirement) &&
			(m.status == "" || f.Status == m.status) &&
			(m.target == "" || f.Switch == m.target) &&
			(m.port == "" || f.Port == m.port) {
			m.shown = append(m.shown, i)
		}
	}
	m.cursor = min(m.cursor, max(len(m.shown)-1, 0))
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Back):
		if m.full {
			m.full = false
		} else if m.port != "" {
			m.port = ""
			m.filter()
		}
	case key.Matches(msg, m.keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(msg, m.keys.Down):
		m.cursor = min(m.cursor+1, max(len(m.shown)-1, 0))
	case key.Matches(msg, m.keys.Open):
		m.full = len(m.shown) > 0
	case key.Matches(msg, m.keys.Requirement):
		m.requirement = next(m.requirements(), m.requirement)
		m.filter()
	case key.Matches(msg, m.keys.Status):
		m.status = next(statusFilters, m.status)
		m.filter()
	case key.Matches(msg, m.keys.Switch):
		m.target, m.port = next(m.targets(), m.target), ""
		m.filter()
	case key.Matches(msg, m.keys.Clear):
		m.requirement, m.status, m.target, m.port = "", "", "", ""
		m.filter()
	case key.Matches(msg, m.keys.Goto):
		if f, ok := m.selected(); ok && f.Switch != "" {
			return func() tea.Msg { return common.ShowMsg{Screen: common.ScreenSwitch, Switch: f.Switch, Port: f.Port} }
		}
	}
	return nil
}

// next cycles through "" (all) and values.
func next[T comparable](values []T, cur T) T {
	var zero T
	if cur == zero {
		for _, v := range values {
			if v != zero {
				return v
			}
		}
		return zero
	}
	i := slices.Index(values, cur)
	for j := i + 1; j < len(values); j++ {
		if values[j] != zero {
			return values[j]
		}
	}
	return zero
}

// requirements present in the result, in the order the audit lists them.
func (m *Model) requirements() []string {
	var out []string
	for _, f := range m.all {
		if !slices.Contains(out, f.Requirement) {
			out = append(out, f.Requirement)
		}
	}
	slices.SortFunc(out, audit.ComparePorts)
	return out
}

func (m *Model) targets() []string {
	var out []string
	for _, f := range m.all {
		if f.Switch != "" && !slices.Contains(out, f.Switch) {
			out = append(out, f.Switch)
		}
	}
	slices.Sort(out)
	return out
}

func (m *Model) selected() (audit.Finding, bool) {
	if len(m.shown) == 0 {
		return audit.Finding{}, false
	}
	return m.all[m.shown[m.cursor]], true
}

func (m *Model) name(target string) string {
	if target == "" {
		return "site"
	}
	if n := m.names[target]; n != "" {
		return n
	}
	return target
}

// View implements common.Component.
func (m *Model) View() string {
	if m.result == nil {
		msg := "Findings come when the site has been read and audited (Site screen, 2)."
		if m.auditErr != nil {
			msg = "Findings are not available: " + m.auditErr.Error() + "."
		}
		return common.Fit(common.Faint.Render(msg), m.width, m.height)
	}
	if m.full {
		return common.Fit(common.Wrap(m.detail(true), m.width), m.width, m.height)
	}
	var b strings.Builder
	b.WriteString(m.header())
	b.WriteString("\n")
	detail := m.detail(false)
	listRows := max(m.height-2-lineCount(detail), 3)
	start := common.Window(m.cursor, len(m.shown), listRows)
	for r := 0; r < listRows; r++ {
		i := start + r
		if i < len(m.shown) {
			b.WriteString(m.row(i))
		}
		b.WriteString("\n")
	}
	b.WriteString(detail)
	return common.Fit(b.String(), m.width, m.height)
}

func lineCount(s string) int { return strings.Count(s, "\n") + 1 }

func (m *Model) header() string {
	or := func(s, all string) string {
		if s == "" {
			return all
		}
		return s
	}
	t := common.Tally(m.result, "")
	scope := m.name(m.target)
	if m.target == "" {
		scope = "all"
	}
	if m.port != "" {
		scope += " " + m.port
	}
	h := common.Bold.Render(fmt.Sprintf("Findings %d/%d", len(m.shown), len(m.all))) +
		fmt.Sprintf(" · %d fail %d warn · req %s · status %s · switch %s", t[audit.StatusFail], t[audit.StatusWarn],
			or(m.requirement, "all"), or(string(m.status), "all"), scope)
	switch {
	case m.since != nil:
		s := m.since.Summary
		h += fmt.Sprintf(" · since %s (%s): %d fixed, %d new", m.since.OldAudit.Ref, m.since.OldAudit.TakenAt.Format("2006-01-02"), s.Fixed, s.New)
	case m.sinceErr != nil:
		h += " · " + common.Faint.Render("history: "+m.sinceErr.Error())
	}
	return h
}

func (m *Model) row(i int) string {
	f := m.all[m.shown[i]]
	where := m.name(f.Switch)
	if f.Port != "" {
		where += " " + f.Port
	}
	mark := ""
	if m.marks != nil {
		// A column of its own only when there is an earlier audit to compare with.
		mark = fmt.Sprintf("%-5s ", strings.ToUpper(m.marks[f.ID]))
	}
	line := fmt.Sprintf("%s %s%-3s %-22s %s", common.FromStatus(f.Status).Render(), mark, f.Requirement,
		common.Truncate(where, 22), f.Message.EN)
	if i == m.cursor {
		return common.Accent.Render("▸") + common.Selected.Render(common.Truncate(line, max(m.width-1, 1)))
	}
	return " " + line
}

// FixLines say what Plan will change for f (audit.PlannedFix, so never a
// change on an uplink Plan leaves out): the first change, or every one
// when full. A finding with no change of its own names the plan's changes
// for its requirement on its switch, if any; only when there are none does
// it say software cannot fix it. A passing finding needs no fix.
func (m *Model) FixLines(f audit.Finding, full bool) []string {
	if m.result == nil || f.Status == audit.StatusPass {
		return nil
	}
	planned, onUplinks := m.result.PlannedFix(f)
	left := ""
	if onUplinks > 0 {
		left = fmt.Sprintf(" (%d on uplinks left out, as Plan does)", onUplinks)
	}
	switch {
	case len(planned) == 0 && onUplinks > 0:
		return []string{"Fix: none planned: its " + fmt.Sprint(onUplinks) + " change(s) are on uplinks, which Plan never touches."}
	case len(planned) == 0:
		if related := m.result.RelatedChanges(f); len(related) > 0 {
			return []string{fmt.Sprintf("Fix: no change of its own; Plan has %d %s change(s) on this switch (from %s).", len(related), f.Requirement, related[0].Reason)}
		}
		return []string{"Fix: nothing software can change; see the message."}
	case full:
		lines := []string{"Fix" + left + ":"}
		for _, c := range planned {
			lines = append(lines, "  "+common.ChangeWords(c))
		}
		return lines
	}
	line := fmt.Sprintf("Fix: %s", common.ChangeWords(planned[0]))
	if len(planned) > 1 {
		line += fmt.Sprintf(" (+%d more, enter)", len(planned)-1)
	}
	return []string{line + left}
}

// detail is the selected finding: its message, evidence and fix; in full
// when opened.
func (m *Model) detail(full bool) string {
	f, ok := m.selected()
	if !ok {
		return common.Faint.Render("No finding matches these filters (c clears them).")
	}
	st := common.FromStatus(f.Status)
	lines := []string{
		st.Render() + " " + common.Bold.Render(f.Requirement+" "+f.Check) + " · " + st.Word() + " · " + m.name(f.Switch) + " " + f.Port,
		f.Message.EN,
	}
	if full && f.Message.FR != "" {
		lines = append(lines, common.Faint.Render(f.Message.FR))
	}
	var ev []string
	for _, e := range f.Evidence {
		ev = append(ev, e.Key+"="+strings.Join(e.Values, ","))
	}
	if len(ev) > 0 {
		lines = append(lines, "Evidence: "+strings.Join(ev, "; "))
	}
	lines = append(lines, m.FixLines(f, full)...)
	if full {
		lines = append(lines, "", common.Faint.Render("id "+f.ID))
	}
	return strings.Join(lines, "\n")
}
