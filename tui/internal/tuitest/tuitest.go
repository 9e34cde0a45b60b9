// Package tuitest helps the screens' tests: keys as Bubble Tea sends them,
// running a command chain the way the program would, and the demo site's
// snapshot and audit.
package tuitest

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

// Key returns the key press Bubble Tea delivers for k ("enter", "esc",
// "left"... or one printable character).
func Key(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// Run executes cmd and hands every message it yields to update, following
// batches and sequences, and returns the messages seen (bounded: a test
// never loops forever). Ticks are not run: they only sleep.
func Run(update func(tea.Msg) tea.Cmd, cmd tea.Cmd) []tea.Msg {
	var seen []tea.Msg
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0 && n < 1000; n++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch m := msg.(type) {
		case nil:
			continue
		case tea.BatchMsg:
			queue = append(queue, m...)
			continue
		}
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
			for i := range v.Len() {
				c, _ := v.Index(i).Interface().(tea.Cmd)
				seen = append(seen, Run(update, c)...)
			}
			continue
		}
		seen = append(seen, msg)
		queue = append(queue, update(msg))
	}
	return seen
}

// Plain is a view without its styles.
func Plain(s string) string { return ansi.Strip(s) }

// DemoSnapshot is tui/testdata/demo-site.json: the demo site as discovered.
func DemoSnapshot(t testing.TB) *snapshot.Snapshot {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	f, err := os.Open(filepath.Join(filepath.Dir(file), "..", "..", "testdata", "demo-site.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	snap, err := snapshot.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// DemoAudit is the audit of snap against the wte profile.
func DemoAudit(t testing.TB, snap *snapshot.Snapshot) *audit.Result {
	t.Helper()
	prof, err := profile.Builtin("wte")
	if err != nil {
		t.Fatal(err)
	}
	return audit.Run(snap, prof, audit.Site{})
}

// Screen is what every screen offers the tests.
type Screen interface {
	Update(tea.Msg) (common.Component, tea.Cmd)
	View() string
	SetSize(w, h int)
}

// Updater adapts a screen to Run.
func Updater(s Screen) func(tea.Msg) tea.Cmd {
	return func(msg tea.Msg) tea.Cmd {
		_, cmd := s.Update(msg)
		return cmd
	}
}
