package tui

import (
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/voxlan/voxlan/tui/common"
)

func press(m *Model, keys ...string) tea.Cmd {
	var last tea.Cmd
	for _, k := range keys {
		var msg tea.KeyPressMsg
		switch k {
		case "ctrl+c":
			msg = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
		case "tab":
			msg = tea.KeyPressMsg{Code: tea.KeyTab}
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "esc":
			msg = tea.KeyPressMsg{Code: tea.KeyEscape}
		default:
			r := []rune(k)[0]
			msg = tea.KeyPressMsg{Code: r, Text: k}
		}
		_, last = m.Update(msg)
	}
	return last
}

// run executes cmd and feeds what it returns back, breadth first, the way
// the program would, so a test sees the effect of a whole chain.
func run(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0 && n < 1000; n++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case tea.QuitMsg:
		default:
			// tea.Sequence's message is an unexported []tea.Cmd: run its
			// commands in order, each result fed before the next starts.
			if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
				for i := range v.Len() {
					c, _ := v.Index(i).Interface().(tea.Cmd)
					run(m, c)
				}
				continue
			}
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

func newLoaded(t *testing.T) *Model {
	t.Helper()
	snap := demoSnapshot(t)
	m := New(&common.Deps{Site: "demo", Snapshot: snap, Audit: auditWith(demoAudit(t, snap))})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	run(m, m.Init())
	return m
}

func TestScreenKeys(t *testing.T) {
	m := newLoaded(t)
	if got := m.Active(); got != common.ScreenHere {
		t.Fatalf("first screen: got %v, want here", got)
	}
	for _, tc := range []struct {
		key  string
		want common.ScreenID
	}{
		{"2", common.ScreenSite}, {"3", common.ScreenSwitch}, {"4", common.ScreenFindings},
		{"5", common.ScreenPlan}, {"tab", common.ScreenHere}, {"1", common.ScreenHere},
	} {
		press(m, tc.key)
		if got := m.Active(); got != tc.want {
			t.Errorf("after %q: got %v, want %v", tc.key, got, tc.want)
		}
	}
}

func TestQuit(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		m := newLoaded(t)
		cmd := press(m, k)
		if cmd == nil {
			t.Fatalf("%s: no command, want quit", k)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%s: got %T, want tea.QuitMsg", k, cmd())
		}
		if v := m.View(); v.Content != "" {
			t.Errorf("%s: the last frame should be empty so the shell comes back clean, got %q", k, v.Content)
		}
	}
}

func TestOpenSwitchFromSite(t *testing.T) {
	m := newLoaded(t)
	press(m, "2", "j")
	run(m, press(m, "enter"))
	if got := m.Active(); got != common.ScreenSwitch {
		t.Fatalf("enter on the Site screen: got %v, want switch", got)
	}
	view := ansi.Strip(m.View().Content)
	if !strings.Contains(view, "sw-floor1-2960x") || !strings.Contains(view, "switch 2/5") {
		t.Errorf("Switch screen should show the second switch, got:\n%s", view)
	}
}

func TestEveryFrameFits(t *testing.T) {
	m := newLoaded(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}, {60, 15}} {
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		for _, k := range []string{"1", "2", "3", "4", "5", "?"} {
			press(m, k)
			lines := strings.Split(m.View().Content, "\n")
			if len(lines) > size[1] {
				t.Errorf("%dx%d screen %q: %d lines, want at most %d", size[0], size[1], k, len(lines), size[1])
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d screen %q line %d: %d cells wide, want at most %d: %q", size[0], size[1], k, i, w, size[0], ansi.Strip(l))
				}
			}
		}
		press(m, "?")
	}
}
