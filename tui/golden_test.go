package tui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/voxlan/voxlan/tui/common"
)

// TestScreens runs the UI in a real Bubble Tea program on the demo site and
// compares every screen, as drawn, with testdata/TestScreens/*.golden at
// 80x24 and 120x40. Refresh with: go test ./tui -run TestScreens -update
func TestScreens(t *testing.T) {
	screens := []struct {
		name string
		keys string
	}{
		{"here", "1"},
		{"site", "2"},
		{"switch", "3"},
		{"port", "3llj"},
		{"port-details", "3llj\n"},
		{"findings", "4"},
		{"plan", "5"},
		{"help", "2?"},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				deps := &common.Deps{Site: "demo", Snapshot: demoSnapshot(t), Jack: demoJack}
				w := watch(New(deps), audited)
				tm := teatest.NewTestModel(t, w, teatest.WithInitialTermSize(size[0], size[1]))
				w.wait(t, 5*time.Second)
				typeKeys(tm, sc.keys)
				if err := tm.Quit(); err != nil {
					t.Fatal(err)
				}
				final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*watched)
				golden.RequireEqual(t, []byte(ansi.Strip(final.render())+"\n"))
			})
		}
	}
}

// demoJack is the jack the demo site declares: the technician's laptop on
// a port of the first switch.
var demoJack = &common.Jack{Switch: "127.0.0.1:16201", Port: "Fa3/0/3"}

// typeKeys types s, with "\n" as the enter key.
func typeKeys(tm *teatest.TestModel, s string) {
	for _, r := range s {
		if r == '\n' {
			tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
			continue
		}
		tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}
