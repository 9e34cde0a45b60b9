package clisim

import (
	"strings"
	"testing"

	"github.com/voxlan/voxlan/drivers/dell_os10"
)

// TestOS10Grammar: modes and prompts, OS10's error texts, trunk rules and
// network policies in use.
func TestOS10Grammar(t *testing.T) {
	d := NewOS10("OS10", 10, "198.18.1.2")
	sh := d.NewShell()
	for _, c := range []struct{ line, want, prompt string }{
		{"configure terminal", "", "OS10(config)# "},
		{"interface vlan20", "", "OS10(conf-if-vl-20)# "},
		{"description VOICE", "", "OS10(conf-if-vl-20)# "},
		{"exit", "", "OS10(config)# "},
		{"lldp med network-policy 1 app voice vlan 20 vlan-type tag priority 5 dscp 46", "", "OS10(config)# "},
		{"lldp med network-policy 1 app voice vlan 20 vlan-type tag priority 9 dscp 46", os10Invalid, "OS10(config)# "},
		{"interface ethernet 1/1/1", "", "OS10(conf-if-eth1/1/1)# "},
		{"switchport trunk allowed vlan 20", "% Error: ethernet1/1/1 is not in trunk mode.\n", "OS10(conf-if-eth1/1/1)# "},
		{"switchport mode trunk", "", "OS10(conf-if-eth1/1/1)# "},
		{"switchport trunk allowed vlan 30", "% Error: VLAN 30 does not exist.\n", "OS10(conf-if-eth1/1/1)# "},
		{"switchport trunk allowed vlan 20", "", "OS10(conf-if-eth1/1/1)# "},
		{"switchport trunk allowed vlan 10", "% Error: VLAN 10 is the access VLAN of ethernet1/1/1.\n", "OS10(conf-if-eth1/1/1)# "},
		{"lldp med network-policy add 2", "% Error: Network policy 2 does not exist.\n", "OS10(conf-if-eth1/1/1)# "},
		{"lldp med network-policy add 1", "", "OS10(conf-if-eth1/1/1)# "},
		{"lldp med", os10Incomplete, "OS10(conf-if-eth1/1/1)# "},
		{"bogus", os10Invalid, "OS10(conf-if-eth1/1/1)# "},
		{"exit", "", "OS10(config)# "},
		{"no lldp med network-policy 1", "% Error: Network policy 1 is in use on ethernet1/1/1.\n", "OS10(config)# "},
		{"no interface vlan1", "% Error: The default VLAN cannot be deleted.\n", "OS10(config)# "},
		{"end", "", "OS10# "},
	} {
		if out, _ := sh.Exec(c.line); out != c.want {
			t.Errorf("%q: got %q, want %q", c.line, out, c.want)
		}
		if p := sh.Prompt(); p != c.prompt {
			t.Errorf("after %q prompt %q, want %q", c.line, p, c.prompt)
		}
	}
	if !strings.Contains(d.RunningConfig(), "interface ethernet1/1/1\n no shutdown\n switchport mode trunk\n switchport access vlan 10\n switchport trunk allowed vlan 20\n lldp med network-policy add 1\n") {
		t.Errorf("running configuration:\n%s", d.RunningConfig())
	}
	if out, _ := sh.Exec("copy running-configuration startup-configuration"); out != "" || d.StartupConfig() != d.RunningConfig() {
		t.Errorf("save: %q", out)
	}
}

// FuzzOS10Exec types arbitrary lines into the emulator in every mode: it
// must answer (or reject) without panicking, and whatever it accepted
// still prints a running configuration the dell_os10 driver reads.
func FuzzOS10Exec(f *testing.F) {
	for _, s := range []string{"show vlan", "conf t\nint eth1/1/1\nswitchport mode trunk\nswitchport trunk allowed vlan 10-12",
		"conf t\ninterface vlan 20\ndescription x y", "conf t\nlldp med network-policy 32 app softphone-voice vlan 5 vlan-type untag priority 0 dscp 0",
		"conf t\nno interface vlan10", "conf t\nint e1/1/2\nno switchport\nswitchport access vlan 1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, script string) {
		d := NewOS10("OS10", 10, "198.18.1.2")
		sh := d.NewShell()
		for _, line := range strings.Split(script, "\n") {
			if _, done := sh.Exec(line); done {
				return
			}
			_ = sh.Prompt()
		}
		if _, err := (dell_os10.Driver{}).ParseConfig(d.RunningConfig()); err != nil {
			t.Fatalf("running-configuration after %q does not parse: %v\n%s", script, err, d.RunningConfig())
		}
	})
}
