// Package site is the Site screen: every switch of the site with a progress
// bar while discovery runs, then its verdict, its fail/warn counts and its
// PoE headroom. It owns the discovery: one job per switch, each job's
// progress read from its channel one event per tea.Cmd.
package site

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
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
	case key.Matches(msg, m.keys.Down):
		m.cursor = min(m.cursor+1, len(m.rows)-1)
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
	ctx, run := m.deps.Ctx(), m.deps.Audit
	return tea.Sequence(publish, func() tea.Msg {
		res, err := run(ctx, snap)
		return common.AuditMsg{Result: res, Err: err}
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

// View implements common.Component.
func (m *Model) View() string {
	var b strings.Builder
	b.WriteString(m.header())
	b.WriteString("\n\n")
	switch {
	case m.preparing:
		b.WriteString(common.StatePending.Render() + " starting the site…")
		return common.Fit(b.String(), m.width, m.height)
	case m.prepareErr != nil:
		b.WriteString(common.StateFail.Render() + " the site could not be started: " + m.prepareErr.Error())
		return common.Fit(b.String(), m.width, m.height)
	case len(m.rows) == 0:
		b.WriteString(common.Faint.Render("No switches to read. Try voxlan demo, or voxlan tui --inventory FILE, HOST[:PORT]... or --snapshot FILE."))
		return common.Fit(b.String(), m.width, m.height)
	}
	const linesPerRow = 2
	visible := max((m.height-3)/linesPerRow, 1)
	start := common.Window(m.cursor, len(m.rows), visible)
	for i := start; i < len(m.rows) && i < start+visible; i++ {
		b.WriteString(m.rowView(i))
		b.WriteString("\n")
	}
	return common.Fit(b.String(), m.width, m.height)
}

func (m *Model) header() string {
	name := m.deps.Site
	if name == "" {
		name = "(unnamed site)"
	}
	var done, failed, reading int
	for _, r := range m.rows {
		switch r.state {
		case stateDone:
			done++
		case stateFailed:
			failed++
		case stateReading:
			reading++
		}
	}
	parts := []string{common.Bold.Render("Site " + name), fmt.Sprintf("%d switches", len(m.rows))}
	switch {
	case m.snap == nil:
		parts = append(parts, fmt.Sprintf("%d read, %d reading, %d unreachable", done, reading, failed))
		if !m.started.IsZero() {
			parts = append(parts, seconds(m.deps.Clock().Sub(m.started)))
		}
	default:
		if m.took > 0 {
			parts = append(parts, "read in "+seconds(m.took))
		}
		if failed > 0 {
			parts = append(parts, common.StateFail.Style().Render(fmt.Sprintf("%d unreachable", failed)))
		}
		parts = append(parts, m.verdict())
	}
	return strings.Join(parts, " · ")
}

func (m *Model) verdict() string {
	switch {
	case m.auditing:
		return common.StatePending.Render() + " auditing"
	case m.result != nil:
		st := common.StatePass
		switch m.result.Verdict {
		case audit.VerdictFail:
			st = common.StateFail
		case audit.VerdictIncomplete:
			st = common.StateUnknown
		}
		return st.Style().Render(fmt.Sprintf("%s %s", st.Mark(), m.result.Verdict)) + " (" + Counts(m.result) + ")"
	case m.auditErr != nil:
		return common.StateNA.Render() + " not audited: " + m.auditErr.Error()
	}
	return ""
}

// Counts are a result's fail and warn counts, and unknown when there are
// some (what makes a verdict incomplete).
func Counts(r *audit.Result) string {
	t := common.Tally(r, "")
	s := fmt.Sprintf("%d fail, %d warn", t[audit.StatusFail], t[audit.StatusWarn])
	if n := t[audit.StatusUnknown]; n > 0 {
		s += fmt.Sprintf(", %d unknown", n)
	}
	return s
}

func (m *Model) rowView(i int) string {
	r := m.rows[i]
	cursor := "  "
	if i == m.cursor {
		cursor = common.Accent.Render("▸ ")
	}
	name := r.target
	model := ""
	if r.state == stateDone {
		name = common.SwitchName(r.sw)
		model = strings.TrimSpace(r.sw.Model + " " + r.sw.OS)
	}
	mark := common.StatePending
	switch r.state {
	case stateFailed:
		mark = common.StateFail
	case stateDone:
		mark = m.switchState(r)
	}
	title := mark.Render() + " " + common.Bold.Render(name)
	if name != r.target {
		title += common.Faint.Render("  " + r.target)
	}
	if model != "" {
		title += "  " + model
	}
	line1 := cursor + title
	line2 := "    " + m.detail(r)
	if i == m.cursor {
		line1 = cursor + common.Selected.Render(common.Truncate(title, max(m.width-3, 1)))
	}
	return line1 + "\n" + line2
}

func (m *Model) switchState(r *row) common.State {
	if m.result == nil {
		if r.err != nil {
			return common.StateWarn
		}
		return common.StatePending
	}
	t := common.Tally(m.result, r.target)
	switch {
	case t[audit.StatusFail] > 0:
		return common.StateFail
	case t[audit.StatusUnknown] > 0 || r.err != nil:
		return common.StateUnknown
	case t[audit.StatusWarn] > 0:
		return common.StateWarn
	}
	return common.StatePass
}

func (m *Model) detail(r *row) string {
	now := m.deps.Clock()
	switch r.state {
	case stateQueued:
		return common.Faint.Render("queued")
	case stateReading:
		pct := 0.0
		if n := len(m.deps.Stages); n > 0 {
			pct = float64(len(r.seen)) / float64(n)
		}
		s := m.bar.ViewAs(pct) + " " + r.stage + fmt.Sprintf(" · %d values", r.rows)
		if silent := now.Sub(r.last); silent >= StallAfter {
			s += " · " + common.StateWarn.Style().Render(fmt.Sprintf("no answer for %s", seconds(silent)))
		}
		return s
	case stateFailed:
		msg := "no answer"
		if r.err != nil {
			msg = r.err.Error()
		}
		return common.StateFail.Style().Render("unreachable: ") + msg + common.Faint.Render(" (r to retry)")
	}
	var parts []string
	if m.result != nil {
		t := common.Tally(m.result, r.target)
		parts = append(parts, fmt.Sprintf("%d fail, %d warn", t[audit.StatusFail], t[audit.StatusWarn]))
	} else if m.auditing {
		parts = append(parts, "auditing…")
	}
	parts = append(parts, fmt.Sprintf("%d ports", physicalPorts(r.sw)), common.PoESummary(r.sw))
	if r.took > 0 {
		parts = append(parts, "read in "+seconds(r.took))
	}
	s := strings.Join(parts, " · ")
	if r.err != nil {
		s += " · " + common.StateWarn.Style().Render("partly read: "+r.err.Error())
	}
	return s
}

func physicalPorts(sw snapshot.Switch) int {
	n := 0
	for _, p := range sw.Ports {
		if p.Type == "ethernetCsmacd" {
			n++
		}
	}
	return n
}

func seconds(d time.Duration) string {
	return fmt.Sprintf("%.1fs", d.Seconds())
}

// Messages of the discovery jobs. Each carries its switch and is addressed
// to this screen, whichever screen is shown.
type (
	// progressMsg carries the events of one switch that were waiting
	// together: a fast switch does not cost one redraw per event.
	progressMsg struct {
		target string
		events []common.Progress
		ch     <-chan jobEvent
	}
	doneMsg struct {
		target string
		sw     snapshot.Switch
	}
	tickMsg     struct{}
	preparedMsg struct {
		targets []string
		err     error
	}
)

func (preparedMsg) Destination() common.ScreenID { return common.ScreenSite }

// pendingDone is a batch of progress that ended with the switch's end.
type pendingDone struct {
	progress progressMsg
	done     doneMsg
}

func (pendingDone) Destination() common.ScreenID { return common.ScreenSite }
func (progressMsg) Destination() common.ScreenID { return common.ScreenSite }
func (doneMsg) Destination() common.ScreenID     { return common.ScreenSite }
func (tickMsg) Destination() common.ScreenID     { return common.ScreenSite }

type jobEvent struct {
	p    *common.Progress
	sw   *snapshot.Switch
	done bool
}

// startJob reads one switch in its own goroutine and returns its first
// event; the goroutine only writes to the channel, never to the model.
func startJob(ctx context.Context, discover common.DiscoverFunc, target string) tea.Cmd {
	return func() tea.Msg {
		ch := make(chan jobEvent, 32)
		go func() {
			defer close(ch)
			sw := discover(ctx, target, func(p common.Progress) {
				select {
				case ch <- jobEvent{p: &p}:
				case <-ctx.Done():
				}
			})
			// The last event must not be lost to a cancelled context:
			// the buffer may be full, so wait for the reader unless the
			// UI has gone.
			select {
			case ch <- jobEvent{sw: &sw, done: true}:
			case <-ctx.Done():
			}
		}()
		return waitJob(target, ch)()
	}
}

// maxBatch bounds how many waiting events one message carries.
const maxBatch = 64

// waitJob reads the next event of one job, with the progress events already
// waiting behind it; the end of the switch comes in its own message.
func waitJob(target string, ch <-chan jobEvent) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-ch
		if !ok {
			return stopped(target)
		}
		if ev.done {
			return doneMsg{target: target, sw: *ev.sw}
		}
		msg := progressMsg{target: target, events: []common.Progress{*ev.p}, ch: ch}
		for len(msg.events) < maxBatch && len(ch) > 0 {
			// Peek without losing the end: only progress is batched;
			// a done event waits for the next read (it is buffered).
			next := <-ch
			if next.done {
				return pendingDone{progress: msg, done: doneMsg{target: target, sw: *next.sw}}
			}
			msg.events = append(msg.events, *next.p)
		}
		return msg
	}
}

func stopped(target string) doneMsg {
	return doneMsg{target: target, sw: snapshot.Switch{Target: target, Errors: []snapshot.Error{{
		Target: target, Stage: "connect", Message: "discovery stopped before the switch was read"}}}}
}
