package common

import "charm.land/bubbles/v2/key"

// GlobalKeys are handled by the root on every screen.
type GlobalKeys struct {
	Quit, Help, Next, Prev, Back key.Binding
	Screens                      []key.Binding
}

// NewGlobalKeys returns the root's keys.
func NewGlobalKeys() GlobalKeys {
	return GlobalKeys{
		Quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Help: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Next: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next screen")),
		Prev: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous screen")),
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Screens: []key.Binding{
			key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "here")),
			key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "site")),
			key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "switch")),
			key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "findings")),
			key.NewBinding(key.WithKeys("5"), key.WithHelp("5", "plan")),
		},
	}
}

// Movement keys shared by the screens that have a cursor.
var (
	KeyUp    = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up"))
	KeyDown  = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down"))
	KeyLeft  = key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "left"))
	KeyRight = key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "right"))
	KeyEnter = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open"))
)
