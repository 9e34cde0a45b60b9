package switchview

import (
	"fmt"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/tui/common"
	"github.com/voxlan/voxlan/tui/internal/tuitest"
)

func loaded(t *testing.T) (*Model, *audit.Result) {
	t.Helper()
	snap := tuitest.DemoSnapshot(t)
	res := tuitest.DemoAudit(t, snap)
	m := New(&common.Deps{Snapshot: snap})
	m.SetSize(80, 21)
	m.Update(common.SnapshotMsg{Snapshot: snap})
	m.Update(common.AuditMsg{Result: res})
	return m, res
}

func TestFrontPanelLayout(t *testing.T) {
	snap := tuitest.DemoSnapshot(t)
	groups := layout(snap.Switches[0]) // the 3750: 48 copper ports and 4 uplinks
	if len(groups) != 2 || groups[0].prefix != "Fa3/0/" || len(groups[0].ports) != 48 || groups[1].prefix != "Gi3/0/" || len(groups[1].ports) != 4 {
		var got []string
		for _, g := range groups {
			got = append(got, g.prefix)
		}
		t.Fatalf("got groups %v, want Fa3/0/ (48) and Gi3/0/ (4)", got)
	}
	m, _ := loaded(t)
	view := tuitest.Plain(m.View())
	for _, want := range []string{
		"        1  3  5  7  9  11", // odd ports on top, as printed on the panel
		"        2  4  6  8  10 12", // even ports below
		"Fa3/0/", "Gi3/0/", "U uplink  P phone", "Fa3/0/1 · ",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	if got := strings.Count(view, "\n") + 1; got != 21 {
		t.Errorf("view is %d lines, want the 21 set", got)
	}
}

func TestMoveLikeOnThePanel(t *testing.T) {
	m, _ := loaded(t)
	for _, step := range []struct{ key, want string }{
		{"right", "Fa3/0/3"}, {"down", "Fa3/0/4"}, {"left", "Fa3/0/2"}, {"up", "Fa3/0/1"},
		{"left", "Fa3/0/1"}, // the panel's first port stays put
	} {
		m.Update(tuitest.Key(step.key))
		if _, got := m.Selected(); got != step.want {
			t.Fatalf("after %s: got %s, want %s", step.key, got, step.want)
		}
	}
	for range 23 {
		m.Update(tuitest.Key("right"))
	}
	if _, got := m.Selected(); got != "Fa3/0/47" {
		t.Fatalf("23 steps right from port 1: got %s, want Fa3/0/47", got)
	}
	m.Update(tuitest.Key("right"))
	if _, got := m.Selected(); got != "Gi3/0/1" {
		t.Errorf("past the last column: got %s, want the uplink block's Gi3/0/1", got)
	}
	m.Update(tuitest.Key("]"))
	if target, _ := m.Selected(); !strings.Contains(tuitest.Plain(m.View()), "sw-floor1-2960x") || target == "" {
		t.Errorf("] must show the next switch:\n%s", tuitest.Plain(m.View()))
	}
}

func TestPortShowsRoleAndFindings(t *testing.T) {
	m, res := loaded(t)
	var f audit.Finding
	for _, x := range res.Findings {
		if x.Port != "" {
			f = x
			break
		}
	}
	if f.Port == "" {
		// The demo's audit judges no port today: add one finding on a
		// port it gave a role, so the screen's part is still checked.
		pr := res.Ports[0]
		f = audit.Finding{ID: "L4/hybrid/" + pr.Switch + "/" + pr.Port, Requirement: "L4", Check: "hybrid",
			Status: audit.StatusFail, Switch: pr.Switch, Port: pr.Port, Message: audit.Text{EN: "Phone port is not hybrid (test)"}}
		res.Findings = append(res.Findings, f)
		m.Update(common.AuditMsg{Result: res})
	}
	m.Update(common.ShowMsg{Screen: common.ScreenSwitch, Switch: f.Switch, Port: f.Port})
	if target, port := m.Selected(); target != f.Switch || port != f.Port {
		t.Fatalf("ShowMsg: got %s %s, want %s %s", target, port, f.Switch, f.Port)
	}
	view := tuitest.Plain(m.View())
	role := common.RoleWord(common.RoleOf(res, f.Switch, f.Port))
	if !strings.Contains(view, "role "+role) || !strings.Contains(view, f.Requirement+" "+f.Check) {
		t.Errorf("the port's role %q and finding %s %s must show:\n%s", role, f.Requirement, f.Check, view)
	}
	m.Update(tuitest.Key("enter"))
	if full := tuitest.Plain(m.View()); !strings.Contains(full, f.Message.EN[:min(30, len(f.Message.EN))]) {
		t.Errorf("details must show the finding's message:\n%s", full)
	}
	_, cmd := m.Update(tuitest.Key("f"))
	if msg, ok := cmd().(common.ShowMsg); !ok || msg.Screen != common.ScreenFindings || msg.Port != f.Port {
		t.Errorf("f: got %#v, want the Findings screen on this port", cmd())
	}
	m.Update(tuitest.Key("esc"))
	if strings.Contains(tuitest.Plain(m.View()), "Neighbours (") {
		t.Error("esc must go back to the panel")
	}
}

func TestBeforeAnySwitch(t *testing.T) {
	m := New(&common.Deps{Targets: []string{"a"}, Discover: nil})
	m.SetSize(80, 10)
	if view := tuitest.Plain(m.View()); !strings.Contains(view, "No switch") {
		t.Errorf("view:\n%s", view)
	}
	m.Update(tuitest.Key("right")) // nothing to move: no panic
	m.Update(tuitest.Key("enter"))
}

func TestManagementPortLast(t *testing.T) {
	snap := tuitest.DemoSnapshot(t)
	var prefixes []string
	for _, g := range layout(snap.Switches[1]) { // the 2960-X stack: Fa0 management port, Gi1/0/...
		prefixes = append(prefixes, g.prefix)
	}
	if len(prefixes) < 2 || prefixes[0] != "Gi1/0/" || prefixes[len(prefixes)-1] != "Fa" {
		t.Errorf("got blocks %q, want the access ports first and the management port after", prefixes)
	}
}

// The Switch screen counts a switch's ports as the Site screen and voxlan
// discover do (the 2960-X was 132 on the Site screen, "133 panel ports"
// here: its Fa0 management port), and names the management port it draws.
func TestPortCountAsEverywhere(t *testing.T) {
	snap := tuitest.DemoSnapshot(t)
	for _, sw := range snap.Switches {
		got := portCount(sw)
		if want := fmt.Sprintf("%d ports", audit.SwitchingPorts(&sw)); !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want it to start with %q", sw.SysName, got, want)
		}
	}
	if got := portCount(snap.Switches[1]); !strings.HasSuffix(got, " + management Fa0") {
		t.Errorf("2960-X: %q, want its Fa0 named as the management port", got)
	}
	if got := portCount(snap.Switches[0]); strings.Contains(got, "management") {
		t.Errorf("3750: %q names a management port it has not", got)
	}
}

// TestSiteOrder: switches shown as they are read take the site's order once
// the whole site is in. Until the technician picks one, the screen opens on
// the site's first switch, not on whichever answered first (pressing 3 on
// the first switch used to open the fourth, depending on timing); a switch
// picked (Site cursor, [ or ]) stays on screen.
func TestSiteOrder(t *testing.T) {
	snap := tuitest.DemoSnapshot(t)
	m := New(&common.Deps{})
	m.SetSize(80, 21)
	for _, i := range []int{2, 0, 3, 1} { // the order they finished
		m.Update(common.SwitchMsg{Switch: snap.Switches[i]})
	}
	m.Update(common.SnapshotMsg{Snapshot: snap})
	if target, _ := m.Selected(); target != snap.Switches[0].Target {
		t.Errorf("nothing picked: got %s, want the site's first switch %s", target, snap.Switches[0].Target)
	}
	if view := tuitest.Plain(m.View()); !strings.Contains(view, "switch 1/5") {
		t.Errorf("want switch 1/5 in the site's order:\n%s", view)
	}
	m.Update(tuitest.Key("]"))
	if target, _ := m.Selected(); target != snap.Switches[1].Target {
		t.Errorf("] after the site came in: got %s, want %s", target, snap.Switches[1].Target)
	}

	// The Site screen's cursor picks the switch; a new reading of the site
	// keeps it.
	m = New(&common.Deps{})
	m.SetSize(80, 21)
	for _, i := range []int{2, 0, 3, 1} {
		m.Update(common.SwitchMsg{Switch: snap.Switches[i]})
	}
	m.Update(common.SelectMsg{Switch: snap.Switches[3].Target})
	m.Update(common.SnapshotMsg{Snapshot: snap})
	if target, _ := m.Selected(); target != snap.Switches[3].Target {
		t.Errorf("picked on the Site screen: got %s, want %s", target, snap.Switches[3].Target)
	}
}
