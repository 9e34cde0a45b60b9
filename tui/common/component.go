// Package common holds what every screen of the terminal UI shares: the
// Component interface the root routes to, the messages screens exchange,
// the dependencies that do IO, the styles and the keys.
package common

import (
	tea "charm.land/bubbletea/v2"

	"charm.land/bubbles/v2/help"
)

// Component is one screen. The root forwards keys to the active screen only,
// addressed messages to their destination, and everything else to every
// screen (each ignores what is not its own).
type Component interface {
	ID() ScreenID
	// Title is the name shown in the tab bar.
	Title() string
	Init() tea.Cmd
	Update(msg tea.Msg) (Component, tea.Cmd)
	// View renders the screen body in exactly the size last set.
	View() string
	SetSize(width, height int)
	help.KeyMap
}

// Capturer is implemented by a screen that can be typing text (the apply
// confirmation): while it captures, printable keys such as q and ? go to it
// instead of the global keys. ctrl+c still quits.
type Capturer interface {
	Capturing() bool
}

// ScreenID names a screen; async results carry it so the root delivers them
// to the screen that asked, whichever is shown.
type ScreenID int

const (
	ScreenHere ScreenID = iota
	ScreenSite
	ScreenSwitch
	ScreenFindings
	ScreenPlan
)

func (id ScreenID) String() string {
	switch id {
	case ScreenHere:
		return "here"
	case ScreenSite:
		return "site"
	case ScreenSwitch:
		return "switch"
	case ScreenFindings:
		return "findings"
	case ScreenPlan:
		return "plan"
	}
	return "screen?"
}

// Addressed is a message for one screen only.
type Addressed interface {
	Destination() ScreenID
}
