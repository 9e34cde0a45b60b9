package site

import (
	"fmt"
	"strings"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/tui/common"
)

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
	parts = append(parts, fmt.Sprintf("%d ports", audit.SwitchingPorts(&r.sw)), common.PoESummary(r.sw))
	if r.took > 0 {
		parts = append(parts, "read in "+seconds(r.took))
	}
	s := strings.Join(parts, " · ")
	if r.err != nil {
		s += " · " + common.StateWarn.Style().Render("partly read: "+r.err.Error())
	}
	return s
}

func seconds(d time.Duration) string {
	return fmt.Sprintf("%.1fs", d.Seconds())
}
