package clisim

import (
	"strings"
	"testing"
)

// TestVRPGrammar: views and prompts, VRP's error texts, the link-type
// reset rule and save's confirmation.
func TestVRPGrammar(t *testing.T) {
	d := NewVRP("S5720", 10, "198.18.1.2")
	sh := d.NewShell()
	for _, c := range []struct{ line, want, prompt string }{
		{"system-view", "Enter system view, return user view with Ctrl+Z.\n", "[S5720]"},
		{"vlan batch 20", "", "[S5720]"},
		{"interface GigabitEthernet0/0/1", "", "[S5720-GigabitEthernet0/0/1]"},
		{"port link-type hybrid", vrpRenew, "[S5720-GigabitEthernet0/0/1]"},
		{"undo port default vlan", "", "[S5720-GigabitEthernet0/0/1]"},
		{"port link-type hybrid", "", "[S5720-GigabitEthernet0/0/1]"},
		{"port hybrid tagged vlan 30", "Error: The VLAN 30 does not exist.\n", "[S5720-GigabitEthernet0/0/1]"},
		{"port hybrid tagged vlan 20", "", "[S5720-GigabitEthernet0/0/1]"},
		{"port hybrid untagged vlan 10", "", "[S5720-GigabitEthernet0/0/1]"},
		{"port hybrid pvid vlan 10", "", "[S5720-GigabitEthernet0/0/1]"},
		{"lldp tlv-enable med-tlv network-policy voice-vlan vlan 20 cos 5 dscp 46", "", "[S5720-GigabitEthernet0/0/1]"},
		{"port link-type access", vrpRenew, "[S5720-GigabitEthernet0/0/1]"},
		{"return", "", "<S5720>"},
	} {
		if out, _ := sh.Exec(c.line); out != c.want {
			t.Errorf("%q: got %q, want %q", c.line, out, c.want)
		}
		if p := sh.Prompt(); p != c.prompt {
			t.Errorf("after %q prompt %q, want %q", c.line, p, c.prompt)
		}
	}
	if out, _ := sh.Exec("display bogus"); !strings.Contains(out, "Error: Unrecognized command found at '^' position.") {
		t.Errorf("unknown command: %q", out)
	}
	if out, _ := sh.Exec("save"); !strings.HasSuffix(out, "[Y/N]") || sh.Prompt() != "" {
		t.Errorf("save: %q, prompt %q", out, sh.Prompt())
	}
	if out, _ := sh.Exec("y"); !strings.Contains(out, "successfully") || d.StartupConfig() != d.RunningConfig() {
		t.Errorf("save confirmed: %q", out)
	}
	rc := d.RunningConfig()
	if !strings.Contains(rc, "interface GigabitEthernet0/0/1\n port link-type hybrid\n port hybrid pvid vlan 10\n port hybrid tagged vlan 20\n port hybrid untagged vlan 10\n lldp tlv-enable med-tlv network-policy voice-vlan vlan 20 cos 5 dscp 46\n#\n") {
		t.Errorf("current configuration:\n%s", rc)
	}
}
