package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
)

func TestFit(t *testing.T) {
	styled := Bold.Render("wide line that goes past the edge") + "\nshort\nthird\nfourth"
	got := Fit(styled, 10, 3)
	lines := strings.Split(got, "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines, want 3", len(lines))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != 10 {
			t.Errorf("line %d: got width %d, want 10: %q", i, w, l)
		}
	}
	if plain := ansi.Strip(lines[0]); plain != "wide line…" {
		t.Errorf("cut line: got %q", plain)
	}
	if Fit("x", 0, 3) != "" || Fit("x", 3, 0) != "" {
		t.Error("a zero size draws nothing")
	}
}

func TestWindowKeepsTheCursorInSight(t *testing.T) {
	for _, tc := range []struct{ cursor, n, height, want int }{
		{0, 100, 10, 0}, {50, 100, 10, 45}, {99, 100, 10, 90}, {3, 5, 10, 0}, {7, 8, 0, 0},
	} {
		if got := Window(tc.cursor, tc.n, tc.height); got != tc.want {
			t.Errorf("Window(%d, %d, %d): got %d, want %d", tc.cursor, tc.n, tc.height, got, tc.want)
		}
	}
}

func TestWrap(t *testing.T) {
	got := Wrap("rolled back: the switch rejected the line", 16)
	for _, l := range strings.Split(got, "\n") {
		if ansi.StringWidth(l) > 16 {
			t.Errorf("line wider than 16: %q", l)
		}
	}
	if strings.ReplaceAll(got, "\n", " ") != "rolled back: the switch rejected the line" {
		t.Errorf("wrapping lost words: %q", got)
	}
}

func TestMarksReadWithoutColour(t *testing.T) {
	seen := map[string]State{}
	for _, s := range []State{StatePending, StatePass, StateWarn, StateFail, StateUnknown, StateNA, StateManual} {
		if prev, dup := seen[s.Mark()]; dup {
			t.Errorf("%s and %s share the mark %q", prev.Word(), s.Word(), s.Mark())
		}
		seen[s.Mark()] = s
	}
	letters := map[string]bool{}
	for _, r := range Roles {
		if letters[r.Letter] {
			t.Errorf("two roles share the letter %q", r.Letter)
		}
		letters[r.Letter] = true
	}
	if RoleLetter(audit.RolePhone) != "P" || RoleWord("") != "not judged" {
		t.Error("role words")
	}
}

// TestPortPoENeverSaysNoneWhenNotRead: a port whose PoE was not read is
// unknown on screen, as in the audit: never "none", never "disabled".
func TestPortPoENeverSaysNoneWhenNotRead(t *testing.T) {
	port := snapshot.Port{Name: "1"}
	unread := &snapshot.PortPoE{Class: snapshot.ClassUnknown, Unread: []string{snapshot.PoEAdmin, snapshot.PoEDetection}}
	off := &snapshot.PortPoE{Class: snapshot.ClassUnknown, Detection: "disabled"}
	for _, c := range []struct {
		name  string
		sw    snapshot.Switch
		poe   *snapshot.PortPoE
		state State
		text  string
	}{
		{"ports not read", snapshot.Switch{PoE: snapshot.PoE{Supported: true, PortsNotRead: true}}, nil, StateUnknown, "not read"},
		{"no PoE table over SNMP", snapshot.Switch{}, nil, StateUnknown, "not read"},
		{"PoE walk failed", snapshot.Switch{PoE: snapshot.PoE{Supported: true}, Errors: []snapshot.Error{{Stage: "poe"}}}, nil, StateUnknown, "not read"},
		{"admin unread", snapshot.Switch{PoE: snapshot.PoE{Supported: true}}, unread, StateUnknown, "not read (admin, detection)"},
		{"port without PSE", snapshot.Switch{PoE: snapshot.PoE{Supported: true}}, nil, StateFail, "none on this port"},
		{"CLI, no PoE", snapshot.Switch{Source: snapshot.SourceCLI}, nil, StateFail, "none on this switch"},
		{"off", snapshot.Switch{PoE: snapshot.PoE{Supported: true}}, off, StateFail, "disabled on this port"},
	} {
		p := port
		p.PoE = c.poe
		if state, text := PortPoE(c.sw, p, false); state != c.state || text != c.text {
			t.Errorf("%s: got %v %q, want %v %q", c.name, state, text, c.state, c.text)
		}
	}
}
