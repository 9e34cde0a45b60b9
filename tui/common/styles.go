package common

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/voxlan/voxlan/audit"
)

// Colours are drawn in full; Bubble Tea lowers them to what the terminal
// supports and drops them under NO_COLOR. Every coloured thing also carries
// a mark or a letter, so nothing is told by colour alone.
var (
	colorPass    = lipgloss.Color("#3FB950")
	colorFail    = lipgloss.Color("#F85149")
	colorWarn    = lipgloss.Color("#D29922")
	colorPending = lipgloss.Color("#8B949E")
	colorUnknown = lipgloss.Color("#BC8CFF")
	colorAccent  = lipgloss.Color("#58A6FF")
)

// Styles used across screens.
var (
	Bold      = lipgloss.NewStyle().Bold(true)
	Faint     = lipgloss.NewStyle().Foreground(colorPending)
	Accent    = lipgloss.NewStyle().Foreground(colorAccent).Bold(true)
	Selected  = lipgloss.NewStyle().Reverse(true)
	ErrorLine = lipgloss.NewStyle().Foreground(colorFail).Bold(true)
	TabActive = lipgloss.NewStyle().Bold(true).Reverse(true).Padding(0, 1)
	TabIdle   = lipgloss.NewStyle().Foreground(colorPending).Padding(0, 1)
)

// State is the outcome shown on a card or a row.
type State int

const (
	StatePending State = iota
	StatePass
	StateWarn
	StateFail
	StateUnknown
	// StateNA: this check is not available here (no jack, no probe, no
	// driver); said plainly rather than guessed.
	StateNA
	// StateManual: a person must check it (cabling, labels).
	StateManual
)

// Mark is the one-character sign of a state, readable without colour.
func (s State) Mark() string {
	switch s {
	case StatePass:
		return "✓"
	case StateWarn:
		return "!"
	case StateFail:
		return "✗"
	case StateUnknown:
		return "?"
	case StateNA:
		return "-"
	case StateManual:
		return "☐"
	}
	return "…"
}

// Word is the state spelt out.
func (s State) Word() string {
	switch s {
	case StatePass:
		return "pass"
	case StateWarn:
		return "warn"
	case StateFail:
		return "fail"
	case StateUnknown:
		return "unknown"
	case StateNA:
		return "n/a"
	case StateManual:
		return "manual"
	}
	return "pending"
}

// Style is the colour of the state.
func (s State) Style() lipgloss.Style {
	switch s {
	case StatePass:
		return lipgloss.NewStyle().Foreground(colorPass)
	case StateWarn:
		return lipgloss.NewStyle().Foreground(colorWarn)
	case StateFail:
		return lipgloss.NewStyle().Foreground(colorFail).Bold(true)
	case StateUnknown:
		return lipgloss.NewStyle().Foreground(colorUnknown)
	}
	return lipgloss.NewStyle().Foreground(colorPending)
}

// Render draws the state's mark in its colour.
func (s State) Render() string { return s.Style().Render(s.Mark()) }

// FromStatus maps an audit status onto a display state.
func FromStatus(st audit.Status) State {
	switch st {
	case audit.StatusPass:
		return StatePass
	case audit.StatusFail:
		return StateFail
	case audit.StatusWarn:
		return StateWarn
	case audit.StatusManual:
		return StateManual
	}
	return StateUnknown
}

// Truncate cuts s (which may hold ANSI styles) to width cells, with an
// ellipsis when it had to cut.
func Truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// Wrap breaks every line of s that is wider than width at spaces (or
// anywhere when a word is too long), keeping styles.
func Wrap(s string, width int) string {
	if width <= 0 {
		return s
	}
	return ansi.Wrap(s, width, "")
}

// Fit pads or cuts every line of s to exactly width cells and the text to
// exactly height lines, so a screen never spills over the help bar.
func Fit(s string, width, height int) string {
	if width <= 0 || height <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	for i, l := range lines {
		l = Truncate(l, width)
		if w := ansi.StringWidth(l); w < width {
			l += strings.Repeat(" ", width-w)
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

// Window returns the first index of a list of n rows to draw in height rows
// so that the cursor stays visible.
func Window(cursor, n, height int) int {
	if height <= 0 || n <= height {
		return 0
	}
	start := cursor - height/2
	if start < 0 {
		start = 0
	}
	if start > n-height {
		start = n - height
	}
	return start
}
