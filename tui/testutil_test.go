package tui

import (
	"os"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

// demoSnapshot is the demo site as discovered over SNMP (see
// testdata/README.md for how it was made).
func demoSnapshot(t testing.TB) *snapshot.Snapshot {
	t.Helper()
	f, err := os.Open("testdata/demo-site.json")
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

// watched wraps the root so a test can wait, without racing the program's
// goroutine, until the model reaches a state.
type watched struct {
	*Model
	cond func(*Model, tea.Msg) bool
	once sync.Once
	ch   chan struct{}
}

func watch(m *Model, cond func(*Model, tea.Msg) bool) *watched {
	return &watched{Model: m, cond: cond, ch: make(chan struct{})}
}

func (w *watched) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := w.Model.Update(msg)
	if w.cond(w.Model, msg) {
		w.once.Do(func() { close(w.ch) })
	}
	return w, cmd
}

func (w *watched) wait(t testing.TB, d time.Duration) {
	t.Helper()
	select {
	case <-w.ch:
	case <-time.After(d):
		t.Fatalf("the UI did not reach the awaited state within %s", d)
	}
}

// audited is true once the audit's outcome reached every screen.
func audited(_ *Model, msg tea.Msg) bool {
	_, ok := msg.(common.AuditMsg)
	return ok
}
