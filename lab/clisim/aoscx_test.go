package clisim

import (
	"strings"
	"testing"
	"time"
)

func cxRun(t *testing.T, sh Shell, lines ...string) string {
	t.Helper()
	var out strings.Builder
	for _, l := range lines {
		o, _ := sh.Exec(l)
		out.WriteString(o)
	}
	return out.String()
}

// TestAOSCXGrammar: modes and prompts, abbreviations, the AOS-CX error
// texts, and membership semantics (access replaces trunk, allowed lists
// add up).
func TestAOSCXGrammar(t *testing.T) {
	d := NewAOSCX("cx1", 10, "198.18.1.2")
	sh := d.NewShell()
	if p := sh.Prompt(); p != "cx1# " {
		t.Fatalf("prompt %q", p)
	}
	for _, c := range []struct{ line, want, prompt string }{
		{"conf t", "", "cx1(config)# "},
		{"vlan 20", "", "cx1(config-vlan-20)# "},
		{"name VOICE", "", "cx1(config-vlan-20)# "},
		{"voice", "", "cx1(config-vlan-20)# "},
		{"exit", "", "cx1(config)# "},
		{"interface 1/1/1", "", "cx1(config-if)# "},
		{"vlan trunk native 10", "", "cx1(config-if)# "},
		{"vlan trunk allowed 10", "", "cx1(config-if)# "},
		{"vlan trunk allowed 20", "", "cx1(config-if)# "},
		{"vlan trunk allowed 30", "VLAN 30 doesn't exist.\n", "cx1(config-if)# "},
		{"vlan trunk", "% Command incomplete.\n", "cx1(config-if)# "},
		{"vlan bogus 3", "Invalid input: bogus\n", "cx1(config-if)# "},
		{"no lldp med network-policy", "", "cx1(config-if)# "},
		{"end", "", "cx1# "},
		{"vlan 3", "Invalid input: vlan\n", "cx1# "},
	} {
		if out, _ := sh.Exec(c.line); out != c.want {
			t.Errorf("%q: got %q, want %q", c.line, out, c.want)
		}
		if p := sh.Prompt(); p != c.prompt {
			t.Errorf("after %q prompt %q, want %q", c.line, p, c.prompt)
		}
	}
	p, _ := d.Port("1/1/1")
	if !p.Trunk || p.Native != 10 || len(p.Allowed) != 2 || !p.MEDOff {
		t.Errorf("port 1/1/1 %+v", p)
	}
	cfg := d.RunningConfig()
	for _, want := range []string{"vlan 20\n    name VOICE\n    voice\n", "interface 1/1/1\n    no shutdown\n    no routing\n    vlan trunk native 10\n    vlan trunk allowed 10,20\n    no lldp med network-policy\n", "interface vlan 99\n    ip address 198.18.1.2/24\n"} {
		if !strings.Contains(cfg, want) {
			t.Errorf("running-config lacks %q:\n%s", want, cfg)
		}
	}
	cxRun(t, sh, "configure terminal", "interface 1/1/1", "vlan access 10", "end")
	if p, _ := d.Port("1/1/1"); p.Trunk || p.Access != 10 || len(p.Allowed) != 0 {
		t.Errorf("vlan access did not make an access port: %+v", p)
	}
}

// TestAOSCXCheckpointAuto: unconfirmed, the switch goes back to the
// configuration it had when checkpoint auto mode started; confirmed, it
// keeps the changes.
func TestAOSCXCheckpointAuto(t *testing.T) {
	now := time.Date(2026, 12, 5, 16, 0, 0, 0, time.UTC)
	d := NewAOSCX("cx1", 10, "198.18.1.2")
	d.Now = func() time.Time { return now }
	before := d.RunningConfig()
	sh := d.NewShell()
	if out := cxRun(t, sh, "checkpoint auto 5"); out != "Auto checkpoint mode expires in 5 minute(s)\n" {
		t.Fatalf("checkpoint auto: %q", out)
	}
	if out := cxRun(t, sh, "checkpoint auto 5"); !strings.Contains(out, "already") {
		t.Errorf("second checkpoint auto: %q", out)
	}
	cxRun(t, sh, "configure terminal", "vlan 20", "voice", "end")
	now = now.Add(4 * time.Minute)
	if d.RunningConfig() == before || !d.InCheckpointAuto() {
		t.Fatal("restored before the deadline")
	}
	now = now.Add(time.Minute)
	if got := d.RunningConfig(); got != before {
		t.Fatalf("not restored at the deadline:\n%s", got)
	}
	if out := cxRun(t, sh, "checkpoint auto confirm"); out != "Checkpoint auto mode is not enabled.\n" {
		t.Errorf("confirm after expiry: %q", out)
	}
	cxRun(t, sh, "checkpoint auto 1", "configure terminal", "vlan 20", "end")
	if out := cxRun(t, sh, "checkpoint auto confirm"); out != "checkpoint AUTO20261205160500 created\n" {
		t.Errorf("confirm: %q", out)
	}
	now = now.Add(time.Hour)
	if d.RunningConfig() == before || d.InCheckpointAuto() {
		t.Error("confirmed changes were rolled back")
	}
}
