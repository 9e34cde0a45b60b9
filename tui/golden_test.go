package tui

import (
	"context"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
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
				snap := demoSnapshot(t)
				deps := &common.Deps{Site: "demo", Snapshot: snap, Audit: auditWith(demoAudit(t, snap)),
					Jack: &common.Jack{Switch: snap.Switches[0].Target, Port: demoJackPort}}
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

// demoJackPort is where the tests put the technician's laptop: a port of
// the demo site's first switch.
const demoJackPort = "Fa3/0/3"

// auditWith hands the UI an audit already run (audit.Run is pure).
func auditWith(r *audit.Result) common.AuditFunc {
	return func(context.Context, *snapshot.Snapshot) (*audit.Result, error) { return r, nil }
}

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
