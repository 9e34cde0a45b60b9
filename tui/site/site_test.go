package site

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
	"github.com/voxlan/voxlan/tui/internal/tuitest"
)

// clock is a settable clock for the stall display.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

// recorded serves switches of the demo snapshot by target, as a discovery
// that already read them would, with two progress events each.
func recorded(t *testing.T) (common.DiscoverFunc, []string) {
	snap := tuitest.DemoSnapshot(t)
	byTarget := map[string]snapshot.Switch{}
	var targets []string
	for _, sw := range snap.Switches {
		byTarget[sw.Target] = sw
		targets = append(targets, sw.Target)
	}
	return func(_ context.Context, target string, progress func(common.Progress)) snapshot.Switch {
		progress(common.Progress{Stage: "system", Rows: 7})
		progress(common.Progress{Stage: "interfaces", Rows: 300})
		return byTarget[target]
	}, targets
}

func TestDiscoveryFillsTheSite(t *testing.T) {
	discover, targets := recorded(t)
	m := New(&common.Deps{Site: "demo", Targets: targets, Discover: discover})
	m.SetSize(100, 30)
	seen := tuitest.Run(tuitest.Updater(m), m.Init())

	var switches, snaps, audits int
	for _, msg := range seen {
		switch msg := msg.(type) {
		case common.SwitchMsg:
			switches++
		case common.SnapshotMsg:
			snaps++
			if got := len(msg.Snapshot.Switches); got != len(targets) {
				t.Errorf("snapshot has %d switches, want %d", got, len(targets))
			}
			for i, sw := range msg.Snapshot.Switches {
				if sw.Target != targets[i] {
					t.Errorf("switch %d: got %s, want %s (the order asked)", i, sw.Target, targets[i])
				}
			}
		case common.AuditMsg:
			audits++
			if msg.Err == nil {
				t.Error("no audit engine given: the audit message must say so")
			}
		}
	}
	if switches != len(targets) || snaps != 1 || audits != 1 {
		t.Fatalf("got %d switch, %d snapshot, %d audit messages; want %d, 1, 1", switches, snaps, audits, len(targets))
	}
	view := tuitest.Plain(m.View())
	for _, want := range []string{"sw-core-3750", "sw-floor3-procurve", "read in", "not audited"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	if !m.Done() {
		t.Error("Done() is false after every switch was read")
	}
}

func TestSilentThenUnreachableSwitch(t *testing.T) {
	clk := &clock{now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	m := New(&common.Deps{Site: "s", Targets: []string{"198.18.0.9"}, Now: clk.Now,
		Discover: func(ctx context.Context, target string, _ func(common.Progress)) snapshot.Switch {
			<-ctx.Done()
			return snapshot.Switch{Target: target}
		}})
	m.SetSize(100, 20)
	_ = m.Init() // the job is not run: the switch stays silent
	clk.now = clk.now.Add(StallAfter + 500*time.Millisecond)
	if view := tuitest.Plain(m.View()); !strings.Contains(view, "no answer for 2.5s") || !strings.Contains(view, "1 reading") {
		t.Fatalf("a silent switch must be shown as such:\n%s", view)
	}
	fail := snapshot.Error{Target: "198.18.0.9", Stage: "connect", Message: "timeout after 3 tries; check address, ACL, community"}
	_, cmd := m.Update(doneMsg{target: "198.18.0.9", sw: snapshot.Switch{Target: "198.18.0.9", Errors: []snapshot.Error{fail}}})
	seen := tuitest.Run(tuitest.Updater(m), cmd)
	view := tuitest.Plain(m.View())
	if !strings.Contains(view, "unreachable: 198.18.0.9: connect: timeout after 3 tries") {
		t.Errorf("an unreachable switch must say why:\n%s", view)
	}
	snap := m.Snapshot()
	if snap == nil || len(snap.Switches) != 0 || len(snap.Errors) != 1 || snap.Errors[0] != fail {
		t.Fatalf("snapshot: got %+v, want no switch and the error", snap)
	}
	for _, msg := range seen {
		if _, ok := msg.(common.SwitchMsg); ok {
			t.Error("an unreachable switch must not be published as read")
		}
	}
}

func TestConcurrencyAndRetry(t *testing.T) {
	calls := map[string]int{}
	m := New(&common.Deps{Site: "s", Targets: []string{"a", "b", "c"}, Concurrency: 1,
		Discover: func(_ context.Context, target string, _ func(common.Progress)) snapshot.Switch {
			calls[target]++
			if target == "b" && calls[target] == 1 {
				return snapshot.Switch{Target: target, Errors: []snapshot.Error{{Target: target, Stage: "connect", Message: "timeout"}}}
			}
			return snapshot.Switch{Target: target, SysName: "sw-" + target}
		}})
	m.SetSize(100, 20)
	init := m.Init()
	if view := tuitest.Plain(m.View()); strings.Count(view, "queued") != 2 {
		t.Fatalf("with concurrency 1, two switches must wait:\n%s", view)
	}
	tuitest.Run(tuitest.Updater(m), init)
	if m.Snapshot() == nil || len(m.Snapshot().Switches) != 2 {
		t.Fatalf("got %+v, want a and c read, b unreachable", m.Snapshot())
	}
	// r on b reads it again and the site is assembled once more.
	m.Update(tuitest.Key("j"))
	_, cmd := m.Update(tuitest.Key("r"))
	if cmd == nil {
		t.Fatal("r on a failed switch must read it again")
	}
	tuitest.Run(tuitest.Updater(m), cmd)
	if calls["b"] != 2 || len(m.Snapshot().Switches) != 3 {
		t.Fatalf("after retry: %d calls for b, %d switches; want 2 and 3", calls["b"], len(m.Snapshot().Switches))
	}
	// enter opens the selected switch on the Switch screen.
	_, cmd = m.Update(tuitest.Key("enter"))
	if msg, ok := cmd().(common.ShowMsg); !ok || msg.Screen != common.ScreenSwitch || msg.Switch != "b" {
		t.Errorf("enter: got %#v, want ShowMsg for switch b", cmd())
	}
}

func TestPrepareThenDiscover(t *testing.T) {
	discover, targets := recorded(t)
	m := New(&common.Deps{Site: "demo", Discover: discover,
		Prepare: func(context.Context) ([]string, error) { return targets[:2], nil }})
	m.SetSize(100, 20)
	init := m.Init()
	if view := tuitest.Plain(m.View()); !strings.Contains(view, "starting the site") {
		t.Fatalf("while preparing:\n%s", view)
	}
	tuitest.Run(tuitest.Updater(m), init)
	if m.Snapshot() == nil || len(m.Snapshot().Switches) != 2 {
		t.Fatalf("got %+v, want the two prepared targets read", m.Snapshot())
	}

	failing := New(&common.Deps{Discover: discover, Prepare: func(context.Context) ([]string, error) {
		return nil, errors.New("demo: no free port")
	}})
	failing.SetSize(100, 20)
	seen := tuitest.Run(tuitest.Updater(failing), failing.Init())
	reported := false
	for _, msg := range seen {
		_, ok := msg.(common.ErrorMsg)
		reported = reported || ok
	}
	if !reported {
		t.Errorf("got %#v, want a common.ErrorMsg among them", seen)
	}
	if view := tuitest.Plain(failing.View()); !strings.Contains(view, "could not be started: demo: no free port") {
		t.Errorf("view:\n%s", view)
	}
}

func TestProgressBarCountsStages(t *testing.T) {
	m := New(&common.Deps{Targets: []string{"x"}, Stages: []string{"system", "interfaces", "vlans", "lldp"},
		Discover: func(ctx context.Context, target string, _ func(common.Progress)) snapshot.Switch {
			<-ctx.Done()
			return snapshot.Switch{Target: target}
		}})
	m.SetSize(100, 10)
	_ = m.Init()
	for _, p := range []common.Progress{{Stage: "system"}, {Stage: "walk", Rows: 40}, {Stage: "interfaces"}, {Stage: "walk", Rows: 120}} {
		m.Update(progressMsg{target: "x", events: []common.Progress{p}})
	}
	view := tuitest.Plain(m.View())
	if !strings.Contains(view, "██████████░░░░░░░░░░ interfaces · 120 values") {
		t.Errorf("two of four stages started: want a half bar on interfaces with 120 values:\n%s", view)
	}
}

// TestWaitingEventsComeTogether: events already waiting are read in one
// message (one redraw), and the switch's end is never lost among them.
func TestWaitingEventsComeTogether(t *testing.T) {
	ch := make(chan jobEvent, 8)
	for i := range 5 {
		ch <- jobEvent{p: &common.Progress{Stage: "walk", Rows: 10 * (i + 1)}}
	}
	msg, ok := waitJob("x", ch)().(progressMsg)
	if !ok || len(msg.events) != 5 || msg.events[4].Rows != 50 {
		t.Fatalf("got %#v, want the 5 waiting events in one message", msg)
	}
	ch <- jobEvent{p: &common.Progress{Stage: "poe", Rows: 60}}
	sw := snapshot.Switch{Target: "x", SysName: "sw-x"}
	ch <- jobEvent{sw: &sw, done: true}
	close(ch)
	end, ok := waitJob("x", ch)().(pendingDone)
	if !ok || len(end.progress.events) != 1 || end.done.sw.SysName != "sw-x" {
		t.Fatalf("got %#v, want the last progress and the end together", end)
	}
}

// After an apply the Plan screen asks for the switch to be read again: the
// site is assembled and judged anew with what the switch is now, so no
// screen keeps showing the failures the apply fixed. A replayed snapshot
// says it cannot be re-read.
func TestRereadAfterApply(t *testing.T) {
	calls := map[string]int{}
	audits := 0
	m := New(&common.Deps{Site: "s", Targets: []string{"a", "b"},
		Discover: func(_ context.Context, target string, _ func(common.Progress)) snapshot.Switch {
			calls[target]++
			return snapshot.Switch{Target: target, SysName: fmt.Sprintf("sw-%s-%d", target, calls[target])}
		},
		Audit: func(_ context.Context, snap *snapshot.Snapshot) (*audit.Result, error) {
			audits++
			return &audit.Result{Site: snap.Site, Verdict: audit.VerdictPass}, nil
		}})
	m.SetSize(100, 20)
	tuitest.Run(tuitest.Updater(m), m.Init())
	_, cmd := m.Update(common.RereadMsg{Switch: "b"})
	seen := tuitest.Run(tuitest.Updater(m), cmd)
	if calls["a"] != 1 || calls["b"] != 2 || audits != 2 {
		t.Fatalf("got %v reads and %d audits; want b read again and the site judged again", calls, audits)
	}
	snaps := 0
	for _, msg := range seen {
		if s, ok := msg.(common.SnapshotMsg); ok {
			snaps++
			if s.Snapshot.Switches[1].SysName != "sw-b-2" {
				t.Errorf("the new snapshot has %s, want the switch as read again", s.Snapshot.Switches[1].SysName)
			}
		}
	}
	if snaps != 1 {
		t.Errorf("got %d snapshot messages after the re-read, want 1", snaps)
	}

	replay := New(&common.Deps{Site: "s", Snapshot: &snapshot.Snapshot{Switches: []snapshot.Switch{{Target: "a"}}}})
	tuitest.Run(tuitest.Updater(replay), replay.Init())
	_, cmd = replay.Update(common.RereadMsg{Switch: "a"})
	if cmd == nil {
		t.Fatal("a replay asked to re-read must say why it cannot")
	}
	if msg, ok := cmd().(common.ErrorMsg); !ok || !strings.Contains(msg.Err.Error(), "replay") {
		t.Errorf("got %#v, want an error naming the replay", cmd())
	}
}

// Moving the cursor tells the other screens which switch it is on, so 3
// opens that one.
func TestCursorSelectsTheSwitch(t *testing.T) {
	discover, targets := recorded(t)
	m := New(&common.Deps{Site: "demo", Targets: targets, Discover: discover})
	m.SetSize(100, 30)
	tuitest.Run(tuitest.Updater(m), m.Init())
	for i, k := range []string{"down", "down", "up"} {
		_, cmd := m.Update(tuitest.Key(k))
		want := targets[[]int{1, 2, 1}[i]]
		if cmd == nil {
			t.Fatalf("%s: no message", k)
		}
		if msg, ok := cmd().(common.SelectMsg); !ok || msg.Switch != want {
			t.Fatalf("%s: got %#v, want SelectMsg for %s", k, cmd(), want)
		}
	}
}
