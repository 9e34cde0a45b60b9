package plan

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
	"github.com/voxlan/voxlan/tui/internal/tuitest"
)

func fixes() *audit.Result {
	return &audit.Result{Site: "s", Findings: []audit.Finding{
		{ID: "L4/a", Requirement: "L4", Status: audit.StatusFail, Switch: "10.0.0.1", Port: "Gi1/0/5", Fix: []audit.Change{
			{Kind: audit.ChangeSetVoiceVLAN, Switch: "10.0.0.1", Port: "Gi1/0/5", VLAN: 20},
			{Kind: audit.ChangeCreateVLAN, Switch: "10.0.0.1", VLAN: 20, Name: "voice", Voice: true}}},
		{ID: "L2/b", Requirement: "L2", Status: audit.StatusFail, Switch: "10.0.0.2", Port: "Fa0/3", Fix: []audit.Change{
			{Kind: audit.ChangeEnablePoE, Switch: "10.0.0.2", Port: "Fa0/3"}}},
	}}
}

func screen(deps *common.Deps) *Model {
	m := New(deps)
	m.SetSize(80, 20)
	m.Update(common.SnapshotMsg{Snapshot: &snapshot.Snapshot{Switches: []snapshot.Switch{
		{Target: "10.0.0.1", SysName: "core"}, {Target: "10.0.0.2", SysName: "floor"}}}})
	tuitest.Run(tuitest.Updater(m), func() tea.Msg { return common.AuditMsg{Result: fixes()} })
	return m
}

func TestPlanPerSwitch(t *testing.T) {
	m := screen(&common.Deps{})
	view := tuitest.Plain(m.View())
	for _, w := range []string{"2 switches, 3 changes", "core (2)", "floor (1)", "create VLAN 20 \"voice\" as the voice VLAN",
		"set voice VLAN 20 on Gi1/0/5", "no SSH access", "Apply is not available"} {
		if !strings.Contains(view, w) {
			t.Errorf("view lacks %q:\n%s", w, view)
		}
	}
	m.Update(tuitest.Key("a"))
	if m.Capturing() {
		t.Error("without a driver, a must not ask to confirm")
	}
	m.Update(tuitest.Key("right"))
	if view := tuitest.Plain(m.View()); !strings.Contains(view, "enable PoE on Fa0/3") {
		t.Errorf("the second switch's plan:\n%s", view)
	}
}

func TestRenderedDiff(t *testing.T) {
	m := screen(&common.Deps{Render: func(_ context.Context, sw snapshot.Switch, changes []audit.Change) (string, error) {
		return "interface " + sw.SysName + "\n+ switchport voice vlan 20\n", nil
	}})
	if view := tuitest.Plain(m.View()); !strings.Contains(view, "+ switchport voice vlan 20") || !strings.Contains(view, "interface core") {
		t.Errorf("view:\n%s", view)
	}
}

// TestApplyAfterTypedName: nothing is sent until the switch's name (or yes)
// is typed; the outcome per port and a rollback show plainly.
func TestApplyAfterTypedName(t *testing.T) {
	var applied []string
	m := screen(&common.Deps{Apply: func(_ context.Context, sw snapshot.Switch, changes []audit.Change, progress func(common.ApplyEvent)) common.ApplyResult {
		applied = append(applied, sw.SysName)
		progress(common.ApplyEvent{Step: "backup", Message: "running-config saved"})
		progress(common.ApplyEvent{Step: "send", Port: "Gi1/0/5"})
		return common.ApplyResult{RolledBack: true, Backup: "/state/core.cfg",
			Err:   errString("verify: Gi1/0/5 voice vlan is 1, want 20"),
			Ports: []common.PortOutcome{{Port: "Gi1/0/5", State: "rolledBack", Message: "back to the backup"}}}
	}})
	m.Update(tuitest.Key("a"))
	if !m.Capturing() {
		t.Fatal("a must ask for the switch's name")
	}
	for _, k := range "flor" {
		m.Update(tuitest.Key(string(k)))
	}
	seen := tuitest.Run(tuitest.Updater(m), updateCmd(m, tuitest.Key("enter")))
	if len(applied) != 0 {
		t.Fatal("a wrong name sent the plan")
	}
	if len(seen) == 0 {
		t.Fatal("a wrong name must be told")
	}
	if _, ok := seen[0].(common.ErrorMsg); !ok {
		t.Fatalf("got %T, want common.ErrorMsg", seen[0])
	}
	for _, k := range "core" {
		m.Update(tuitest.Key(string(k)))
	}
	tuitest.Run(tuitest.Updater(m), updateCmd(m, tuitest.Key("enter")))
	if len(applied) != 1 || applied[0] != "core" {
		t.Fatalf("applied %v, want core once", applied)
	}
	view := tuitest.Plain(m.View())
	for _, w := range []string{"ROLLED BACK on core", "verify: Gi1/0/5 voice vlan is 1", "backup: /state/core.cfg", "Gi1/0/5", "rolledBack"} {
		if !strings.Contains(view, w) {
			t.Errorf("view lacks %q:\n%s", w, view)
		}
	}
	if m.Capturing() {
		t.Error("still capturing after the apply")
	}
}

func TestEscCancels(t *testing.T) {
	m := screen(&common.Deps{Apply: func(context.Context, snapshot.Switch, []audit.Change, func(common.ApplyEvent)) common.ApplyResult {
		t.Fatal("nothing may be sent")
		return common.ApplyResult{}
	}})
	m.Update(tuitest.Key("a"))
	m.Update(tuitest.Key("y"))
	m.Update(tuitest.Key("esc"))
	if m.Capturing() {
		t.Fatal("esc must cancel")
	}
	tuitest.Run(tuitest.Updater(m), updateCmd(m, tuitest.Key("enter")))
}

func updateCmd(m *Model, msg tea.Msg) tea.Cmd {
	_, cmd := m.Update(msg)
	return cmd
}

type errString string

func (e errString) Error() string { return string(e) }

// A diff longer than the screen scrolls in a viewport: the summary and the
// apply's result stay on top (never pinned away at the bottom), pgdn / G /
// g move through it, and the result of an apply can be read without
// scrolling.
func TestLongDiffScrolls(t *testing.T) {
	var diff strings.Builder
	diff.WriteString("470 line(s) to send (cisco_ios)\n")
	for i := range 470 {
		fmt.Fprintf(&diff, "+ line %d\n", i)
	}
	m := screen(&common.Deps{
		Render: func(context.Context, snapshot.Switch, []audit.Change) (string, error) { return diff.String(), nil },
		Apply: func(context.Context, snapshot.Switch, []audit.Change, func(common.ApplyEvent)) common.ApplyResult {
			return common.ApplyResult{Backup: "/state/core.cfg", Ports: []common.PortOutcome{{Port: "Gi1/0/5", State: "applied"}}}
		},
	})
	for _, tc := range []struct {
		key        tea.KeyPressMsg
		want, lack string
	}{
		{tuitest.Key("up"), "470 line(s) to send", "+ line 100"},
		{tea.KeyPressMsg{Code: tea.KeyPgDown}, "+ line 20", "470 line(s) to send"},
		{tuitest.Key("G"), "+ line 469", "+ line 100"},
		{tuitest.Key("g"), "470 line(s) to send", "+ line 469"},
		{tea.KeyPressMsg{Code: tea.KeyEnd}, "+ line 469", "470 line(s) to send"},
		{tea.KeyPressMsg{Code: tea.KeyHome}, "470 line(s) to send", "+ line 469"},
	} {
		m.Update(tc.key)
		view := tuitest.Plain(m.View())
		if !strings.Contains(view, tc.want) || strings.Contains(view, tc.lack) {
			t.Fatalf("after %s: want %q and not %q in\n%s", tc.key, tc.want, tc.lack, view)
		}
	}
	m.Update(tuitest.Key("G"))
	m.Update(tuitest.Key("a"))
	for _, k := range "core" {
		m.Update(tuitest.Key(string(k)))
	}
	tuitest.Run(tuitest.Updater(m), updateCmd(m, tuitest.Key("enter")))
	view := tuitest.Plain(m.View())
	if !strings.Contains(view, "applied and verified on core") || !strings.Contains(view, "backup: /state/core.cfg") {
		t.Fatalf("the apply's result is not in sight:\n%s", view)
	}
	m.Update(tuitest.Key("G"))
	if view := tuitest.Plain(m.View()); !strings.Contains(view, "+ line 469") {
		t.Errorf("after the apply the diff no longer scrolls:\n%s", view)
	}
}

// After an apply the switch is read again (RereadMsg to the Site screen);
// when the site comes back judged, the applied switch keeps its outcome in
// sight even with nothing left to change.
func TestApplyRereadsAndKeepsItsOutcome(t *testing.T) {
	m := screen(&common.Deps{Apply: func(context.Context, snapshot.Switch, []audit.Change, func(common.ApplyEvent)) common.ApplyResult {
		return common.ApplyResult{Backup: "/state/core.cfg", Ports: []common.PortOutcome{{Port: "Gi1/0/5", State: "applied"}}}
	}})
	m.Update(tuitest.Key("a"))
	for _, k := range "core" {
		m.Update(tuitest.Key(string(k)))
	}
	seen := tuitest.Run(func(msg tea.Msg) tea.Cmd {
		if _, ok := msg.(common.RereadMsg); ok {
			return nil // the Site screen's to handle
		}
		_, cmd := m.Update(msg)
		return cmd
	}, updateCmd(m, tuitest.Key("enter")))
	reread := false
	for _, msg := range seen {
		if r, ok := msg.(common.RereadMsg); ok && r.Switch == "10.0.0.1" {
			reread = true
		}
	}
	if !reread {
		t.Fatalf("no re-read of the applied switch among %v", seen)
	}
	// The site judged again: core is fixed, floor still needs PoE.
	fixed := fixes()
	fixed.Findings = fixed.Findings[1:]
	tuitest.Run(tuitest.Updater(m), func() tea.Msg { return common.AuditMsg{Result: fixed} })
	view := tuitest.Plain(m.View())
	if !strings.Contains(view, "✓ core (0)") || !strings.Contains(view, "floor (1)") {
		t.Fatalf("tabs after the re-audit:\n%s", view)
	}
	if !strings.Contains(view, "applied and verified on core") {
		t.Errorf("the applied switch lost its outcome:\n%s", view)
	}
}
