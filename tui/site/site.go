// Package site is the Site screen: every switch of the site with a progress
// bar while discovery runs, then its verdict, its fail/warn counts and its
// PoE headroom. It owns the discovery: one job per switch, each job's
// progress read from its channel one event per tea.Cmd.
package site

import (
	"errors"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

// StallAfter is how long a switch may stay silent before the screen says it
// stopped answering (discovery goes on; the switch's own timeout ends it).
const StallAfter = 2 * time.Second

const tickEvery = 500 * time.Millisecond

type jobState int

const (
	stateQueued jobState = iota
	stateReading
	stateDone
	// stateFailed: the switch never answered; nothing was read.
	stateFailed
)

// row is one switch of the site.
type row struct {
	target  string
	state   jobState
	stage   string
	rows    int
	seen    map[string]bool
	started time.Time
	last    time.Time
	took    time.Duration
	sw      snapshot.Switch
	err     error
}

// Model is the Site screen.
type Model struct {
	deps    *common.Deps
	rows    []*row
	cursor  int
	width   int
	height  int
	running int
	started time.Time
	took    time.Duration
	// snap is the site once every switch is done (or loaded).
	snap     *snapshot.Snapshot
	result   *audit.Result
	auditErr error
	auditing bool
	ticking  bool
	// preparing is set while Deps.Prepare runs; prepareErr is its failure.
	preparing  bool
	prepareErr error
	bar        progress.Model
	keys       keyMap
}

type keyMap struct {
	Up, Down, Open, Retry key.Binding
}

// New returns the Site screen over deps.
func New(deps *common.Deps) *Model {
	m := &Model{
		deps: deps,
		bar:  progress.New(progress.WithoutPercentage(), progress.WithWidth(20), progress.WithFillCharacters('█', '░')),
		keys: keyMap{
			Up:    common.KeyUp,
			Down:  common.KeyDown,
			Open:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open switch")),
			Retry: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry switch")),
		},
	}
	if deps.Snapshot != nil {
		for _, sw := range deps.Snapshot.Switches {
			m.rows = append(m.rows, &row{target: sw.Target, state: stateDone, sw: sw})
		}
		for _, e := range deps.Snapshot.Errors {
			if e.Target != "" && m.find(e.Target) == nil {
				m.rows = append(m.rows, &row{target: e.Target, state: stateFailed, err: e})
			}
		}
		return m
	}
	for _, t := range deps.Targets {
		m.rows = append(m.rows, &row{target: t})
	}
	return m
}

// ID implements common.Component.
func (m *Model) ID() common.ScreenID { return common.ScreenSite }

// Title implements common.Component.
func (m *Model) Title() string { return "Site" }

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Up, m.keys.Down, m.keys.Open, m.keys.Retry}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// Snapshot is the site as read so far: nil until every switch is done.
func (m *Model) Snapshot() *snapshot.Snapshot { return m.snap }

// Done reports whether discovery and the audit (when there is one) ended.
func (m *Model) Done() bool { return m.snap != nil && !m.auditing }

// Init starts discovery, or hands the loaded snapshot on.
func (m *Model) Init() tea.Cmd {
	if m.deps.Snapshot != nil {
		return m.finish(m.deps.Snapshot)
	}
	if m.deps.Prepare != nil {
		m.preparing = true
		m.started = m.deps.Clock()
		ctx, prepare := m.deps.Ctx(), m.deps.Prepare
		return func() tea.Msg {
			targets, err := prepare(ctx)
			return preparedMsg{targets: targets, err: err}
		}
	}
	return m.discover()
}

// discover starts reading the rows' switches.
func (m *Model) discover() tea.Cmd {
	if len(m.rows) == 0 {
		return nil
	}
	if m.deps.Discover == nil {
		return func() tea.Msg {
			return common.ErrorMsg{Err: errors.New("site: discovery is not available in this build; open a saved snapshot with --snapshot FILE")}
		}
	}
	m.started = m.deps.Clock()
	return tea.Batch(m.startQueued(), m.tick())
}

func (m *Model) concurrency() int {
	if m.deps.Concurrency > 0 {
		return m.deps.Concurrency
	}
	return 16
}

// startQueued starts queued switches up to the concurrency bound.
func (m *Model) startQueued() tea.Cmd {
	var cmds []tea.Cmd
	for _, r := range m.rows {
		if m.running >= m.concurrency() {
			break
		}
		if r.state != stateQueued {
			continue
		}
		now := m.deps.Clock()
		r.state, r.started, r.last, r.seen = stateReading, now, now, map[string]bool{}
		m.running++
		cmds = append(cmds, startJob(m.deps.Ctx(), m.deps.Discover, r.target))
	}
	return tea.Batch(cmds...)
}

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case preparedMsg:
		m.preparing = false
		if msg.err != nil {
			m.prepareErr = msg.err
			err := msg.err
			return m, func() tea.Msg { return common.ErrorMsg{Err: err} }
		}
		m.rows = nil
		for _, t := range msg.targets {
			m.rows = append(m.rows, &row{target: t})
		}
		return m, m.discover()
	case progressMsg:
		m.progress(msg)
		return m, waitJob(msg.target, msg.ch)
	case pendingDone:
		m.progress(msg.progress)
		return m, m.switchDone(msg.done)
	case doneMsg:
		return m, m.switchDone(msg)
	case tickMsg:
		m.ticking = false
		if m.running > 0 {
			return m, m.tick()
		}
		return m, nil
	case common.AuditMsg:
		m.auditing = false
		m.result, m.auditErr = msg.Result, msg.Err
		return m, nil
	case common.ShowMsg:
		if r := m.find(msg.Switch); r != nil {
			m.cursor = m.indexOf(r)
		}
		return m, nil
	case common.RereadMsg:
		if r := m.find(msg.Switch); r != nil && r.state != stateQueued && r.state != stateReading {
			return m, m.reread(r)
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

// progress records a batch of one switch's events.
func (m *Model) progress(msg progressMsg) {
	r := m.find(msg.target)
	if r == nil {
		return
	}
	r.last = m.deps.Clock()
	for _, p := range msg.events {
		// Progress counts the known stages started; other events
		// ("walk" rows, "done") only move the values read.
		if slices.Contains(m.deps.Stages, p.Stage) || (len(m.deps.Stages) == 0 && p.Stage != "") {
			r.stage = p.Stage
			r.seen[p.Stage] = true
		}
		r.rows = max(r.rows, p.Rows)
		if p.Err != nil && r.err == nil {
			r.err = p.Err
		}
	}
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Up):
		m.cursor = max(m.cursor-1, 0)
		return m.selected()
	case key.Matches(msg, m.keys.Down):
		m.cursor = min(m.cursor+1, len(m.rows)-1)
		return m.selected()
	case key.Matches(msg, m.keys.Open):
		if len(m.rows) == 0 {
			return nil
		}
		target := m.rows[m.cursor].target
		return func() tea.Msg { return common.ShowMsg{Screen: common.ScreenSwitch, Switch: target} }
	case key.Matches(msg, m.keys.Retry):
		return m.retry()
	}
	return nil
}

// selected tells the other screens which switch the cursor is on.
func (m *Model) selected() tea.Cmd {
	if len(m.rows) == 0 {
		return nil
	}
	target := m.rows[m.cursor].target
	return func() tea.Msg { return common.SelectMsg{Switch: target} }
}

// retry reads the selected switch again when it failed or was left
// incomplete, then the site is assembled and audited again.
func (m *Model) retry() tea.Cmd {
	if len(m.rows) == 0 || m.deps.Discover == nil || m.deps.Snapshot != nil {
		return nil
	}
	r := m.rows[m.cursor]
	if r.state != stateFailed && !(r.state == stateDone && r.err != nil) {
		return nil
	}
	return m.reread(r)
}

// reread queues r to be read again; once every switch has ended, the site
// is assembled and audited again. A replayed snapshot cannot be re-read.
func (m *Model) reread(r *row) tea.Cmd {
	if m.deps.Discover == nil || m.deps.Snapshot != nil {
		return func() tea.Msg {
			return common.ErrorMsg{Err: errors.New("site: this snapshot is a replay; read the switches (voxlan tui --inventory FILE) to see them as they are now")}
		}
	}
	*r = row{target: r.target}
	m.snap, m.result, m.auditErr = nil, nil, nil
	if m.running == 0 {
		m.started = m.deps.Clock()
	}
	return tea.Batch(m.startQueued(), m.tick())
}

func (m *Model) switchDone(msg doneMsg) tea.Cmd {
	r := m.find(msg.target)
	if r == nil {
		return nil
	}
	m.running--
	now := m.deps.Clock()
	r.took = now.Sub(r.started)
	r.sw = msg.sw
	if r.sw.Target == "" {
		r.sw.Target = r.target
	}
	if len(msg.sw.Errors) > 0 && r.err == nil {
		r.err = msg.sw.Errors[0]
	}
	r.state = stateDone
	if !reached(msg.sw) {
		r.state = stateFailed
	}
	cmds := []tea.Cmd{m.startQueued()}
	if r.state == stateDone {
		sw := r.sw
		cmds = append(cmds, func() tea.Msg { return common.SwitchMsg{Switch: sw} })
	}
	if m.running == 0 && m.allEnded() {
		m.took = now.Sub(m.started)
		cmds = append(cmds, m.finish(m.assemble()))
	}
	return tea.Batch(cmds...)
}

// reached tells a switch that answered from one that never did: a switch
// that answered has at least its system group.
func reached(sw snapshot.Switch) bool {
	return sw.SysName != "" || sw.SysObjectID != "" || sw.SysDescr != "" || len(sw.Ports) > 0
}

func (m *Model) allEnded() bool {
	for _, r := range m.rows {
		if r.state == stateQueued || r.state == stateReading {
			return false
		}
	}
	return true
}

// assemble builds the site snapshot as snmp.Discover does: switches in the
// order asked, the unreachable ones as site errors.
func (m *Model) assemble() *snapshot.Snapshot {
	snap := snapshot.New(m.deps.Site)
	snap.TakenAt = m.started.UTC()
	for _, r := range m.rows {
		if r.state == stateDone {
			snap.Switches = append(snap.Switches, r.sw)
			continue
		}
		if len(r.sw.Errors) > 0 {
			snap.Errors = append(snap.Errors, r.sw.Errors...)
		} else if r.err != nil {
			snap.Errors = append(snap.Errors, snapshot.Error{Target: r.target, Stage: "connect", Message: r.err.Error()})
		}
	}
	snap.Normalize()
	return snap
}

// finish publishes the site snapshot to every screen, then audits it: in
// sequence, so every screen has the switches before their judgement.
func (m *Model) finish(snap *snapshot.Snapshot) tea.Cmd {
	m.snap = snap
	publish := func() tea.Msg { return common.SnapshotMsg{Snapshot: snap} }
	if m.deps.Audit == nil {
		err := errors.New("no audit engine in this build")
		m.auditErr = err
		return tea.Sequence(publish, func() tea.Msg { return common.AuditMsg{Err: err} })
	}
	m.auditing = true
	ctx, run, since := m.deps.Ctx(), m.deps.Audit, m.deps.Since
	return tea.Sequence(publish, func() tea.Msg {
		res, err := run(ctx, snap)
		msg := common.AuditMsg{Result: res, Err: err}
		if err == nil && res != nil && since != nil {
			msg.Since, msg.SinceErr = since(ctx, res, snap)
		}
		return msg
	})
}

func (m *Model) tick() tea.Cmd {
	if m.ticking {
		return nil
	}
	m.ticking = true
	return tea.Tick(tickEvery, func(time.Time) tea.Msg { return tickMsg{} })
}

func (m *Model) find(target string) *row {
	for _, r := range m.rows {
		if r.target == target {
			return r
		}
	}
	return nil
}

func (m *Model) indexOf(r *row) int {
	for i, x := range m.rows {
		if x == r {
			return i
		}
	}
	return 0
}
