package clisim

import (
	"strings"
	"testing"
)

// TestComwareGrammar: views and prompts, Comware's error texts, link type
// rules and voice VLAN ordering.
func TestComwareGrammar(t *testing.T) {
	d := NewComware("HPE", 10, "198.18.1.2")
	sh := d.NewShell()
	for _, c := range []struct{ line, want, prompt string }{
		{"system-view", "System View: return to User View with Ctrl+Z.\n", "[HPE]"},
		{"vlan 20", "", "[HPE-vlan20]"},
		{"name VOICE", "", "[HPE-vlan20]"},
		{"quit", "", "[HPE]"},
		{"interface GigabitEthernet1/0/1", "", "[HPE-GigabitEthernet1/0/1]"},
		{"port link-type hybrid", "", "[HPE-GigabitEthernet1/0/1]"},
		{"port hybrid vlan 30 tagged", " The VLAN 30 does not exist.\n", "[HPE-GigabitEthernet1/0/1]"},
		{"port hybrid vlan 20 tagged", "", "[HPE-GigabitEthernet1/0/1]"},
		{"port hybrid vlan 10 untagged", "", "[HPE-GigabitEthernet1/0/1]"},
		{"voice-vlan 20 enable", "", "[HPE-GigabitEthernet1/0/1]"},
		{"voice-vlan qos 5 46", cwVoiceFirst, "[HPE-GigabitEthernet1/0/1]"},
		{"port link-type trunk", cwVoiceFirst, "[HPE-GigabitEthernet1/0/1]"},
		{"undo voice-vlan enable", "", "[HPE-GigabitEthernet1/0/1]"},
		{"port link-type trunk", " Please set the link type of the port to access first.\n", "[HPE-GigabitEthernet1/0/1]"},
		{"return", "", "<HPE>"},
	} {
		if out, _ := sh.Exec(c.line); out != c.want {
			t.Errorf("%q: got %q, want %q", c.line, out, c.want)
		}
		if p := sh.Prompt(); p != c.prompt {
			t.Errorf("after %q prompt %q, want %q", c.line, p, c.prompt)
		}
	}
	for _, c := range []struct{ line, want string }{
		{"dis vlan al", "VLAN ID: 1"},
		{"display bogus", "% Unrecognized command found at '^' position."},
		{"display lldp", "% Incomplete command found at '^' position."},
	} {
		if out, _ := sh.Exec(c.line); !strings.Contains(out, c.want) {
			t.Errorf("%q: got %q, want %q in it", c.line, out, c.want)
		}
	}
	p, _ := d.Port("GE1/0/1")
	if p.LinkType != "hybrid" || intList(p.Tagged) != "20" || intList(p.Untagged) != "1,10" {
		t.Errorf("GE1/0/1 = %+v", p)
	}
	if !strings.Contains(d.RunningConfig(), "interface GigabitEthernet1/0/1\n port link-mode bridge\n port link-type hybrid\n port hybrid vlan 20 tagged\n port hybrid vlan 10 untagged\n poe enable\n#\n") {
		t.Errorf("current configuration:\n%s", d.RunningConfig())
	}
}
