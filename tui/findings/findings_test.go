package findings

import (
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/tui/common"
	"github.com/voxlan/voxlan/tui/internal/tuitest"
)

// site is a small audit result: a failing port with its fix, a warning, a
// pass and a site-wide manual item.
func site() *audit.Result {
	fix := []audit.Change{{Kind: audit.ChangeSetVoiceVLAN, Switch: "10.0.0.1", Port: "Gi1/0/5", VLAN: 20}}
	return &audit.Result{Site: "s", Verdict: audit.VerdictFail, Findings: []audit.Finding{
		{ID: "L7/pass/10.0.0.1", Requirement: "L7", Check: "cascade", Status: audit.StatusPass, Switch: "10.0.0.1",
			Message: audit.Text{EN: "No cascade"}},
		{ID: "L4/hybrid/10.0.0.1/Gi1/0/5", Requirement: "L4", Check: "hybrid", Status: audit.StatusFail, Switch: "10.0.0.1", Port: "Gi1/0/5",
			Message:  audit.Text{EN: "Phone port is not hybrid", FR: "Le port du poste n'est pas hybride"},
			Evidence: []audit.Evidence{{Key: "voiceVlan", Values: []string{"0"}}}, Fix: fix},
		{ID: "L10/speed/10.0.0.2/Fa0/1", Requirement: "L10", Check: "speed", Status: audit.StatusWarn, Switch: "10.0.0.2", Port: "Fa0/1",
			Message: audit.Text{EN: "10 Mb/s"}},
		{ID: "T/manual", Requirement: "T", Check: "transport", Status: audit.StatusManual, Message: audit.Text{EN: "Measure transport"}},
	}}
}

func loaded(t *testing.T) *Model {
	m := New(&common.Deps{})
	m.SetSize(80, 20)
	m.Update(common.AuditMsg{Result: site()})
	return m
}

func TestWorstFirst(t *testing.T) {
	m := loaded(t)
	var got []audit.Status
	for _, f := range m.Shown() {
		got = append(got, f.Status)
	}
	want := []audit.Status{audit.StatusFail, audit.StatusWarn, audit.StatusManual, audit.StatusPass}
	if strings.Join(statuses(got), ",") != strings.Join(statuses(want), ",") {
		t.Fatalf("got %v, want %v", got, want)
	}
	view := tuitest.Plain(m.View())
	for _, w := range []string{"Findings 4/4", "Phone port is not hybrid", "Evidence: voiceVlan=0", "Fix: set voice VLAN 20 on Gi1/0/5"} {
		if !strings.Contains(view, w) {
			t.Errorf("view lacks %q:\n%s", w, view)
		}
	}
}

func statuses(s []audit.Status) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = string(x)
	}
	return out
}

func TestFilters(t *testing.T) {
	m := loaded(t)
	m.Update(tuitest.Key("s")) // fail
	if got := m.Shown(); len(got) != 1 || got[0].Status != audit.StatusFail {
		t.Fatalf("status filter: got %v", got)
	}
	m.Update(tuitest.Key("s")) // warn
	if got := m.Shown(); len(got) != 1 || got[0].Requirement != "L10" {
		t.Fatalf("status warn: got %v", got)
	}
	m.Update(tuitest.Key("c"))
	m.Update(tuitest.Key("r")) // first requirement in order: L4
	if got := m.Shown(); len(got) != 1 || got[0].Requirement != "L4" {
		t.Fatalf("requirement filter: got %v", got)
	}
	m.Update(tuitest.Key("c"))
	m.Update(tuitest.Key("w")) // first switch: 10.0.0.1
	if got := m.Shown(); len(got) != 2 {
		t.Fatalf("switch filter: got %v", got)
	}
	m.Update(tuitest.Key("s"))
	m.Update(tuitest.Key("s"))
	m.Update(tuitest.Key("s"))
	if got := m.Shown(); len(got) != 0 || !strings.Contains(tuitest.Plain(m.View()), "No finding matches") {
		t.Fatalf("no unknown on 10.0.0.1: got %v", got)
	}
	m.Update(tuitest.Key("c"))
	if len(m.Shown()) != 4 {
		t.Fatal("c must clear every filter")
	}
}

func TestFromAPortAndBack(t *testing.T) {
	m := loaded(t)
	m.Update(common.ShowMsg{Screen: common.ScreenFindings, Switch: "10.0.0.1", Port: "Gi1/0/5"})
	if got := m.Shown(); len(got) != 1 || got[0].Port != "Gi1/0/5" {
		t.Fatalf("opened on a port: got %v", got)
	}
	m.Update(tuitest.Key("enter"))
	if full := tuitest.Plain(m.View()); !strings.Contains(full, "Le port du poste n'est pas hybride") || !strings.Contains(full, "id L4/hybrid") {
		t.Errorf("details must show both languages and the id:\n%s", full)
	}
	_, cmd := m.Update(tuitest.Key("g"))
	if msg, ok := cmd().(common.ShowMsg); !ok || msg.Screen != common.ScreenSwitch || msg.Port != "Gi1/0/5" {
		t.Errorf("g: got %#v, want the port on the Switch screen", cmd())
	}
	m.Update(tuitest.Key("esc"))
	m.Update(tuitest.Key("esc"))
	if len(m.Shown()) != 2 {
		t.Errorf("esc drops the port filter, keeps the switch: got %d findings, want 2", len(m.Shown()))
	}
}

func TestNoAudit(t *testing.T) {
	m := New(&common.Deps{})
	m.SetSize(80, 10)
	m.Update(common.AuditMsg{Err: errEngine})
	if view := tuitest.Plain(m.View()); !strings.Contains(view, "not available: no engine") {
		t.Errorf("view:\n%s", view)
	}
	m.Update(tuitest.Key("enter")) // nothing selected: no panic
	m.Update(tuitest.Key("g"))
}

var errEngine = errorString("no engine")

type errorString string

func (e errorString) Error() string { return string(e) }
