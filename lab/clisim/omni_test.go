package clisim

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestOmniGrammar: every command at the one prompt, OmniSwitch's error
// texts and rules (VLANs must exist, a port is untagged in one VLAN and
// cannot be tagged there too, a bound policy cannot be deleted, PoE needs
// the slot's service), in each release's syntax.
func TestOmniGrammar(t *testing.T) {
	for _, c := range []struct {
		rel   int
		steps []struct{ line, want string }
	}{
		{8, []struct{ line, want string }{
			{"vlan 20 members port 1/1/1 tagged", "ERROR: VLAN 20 does not exist\n"},
			{`vlan 20 name "VOICE"`, ""},
			{"vlan 20 members port 1/1/1 tagged", ""},
			{"vlan 20 members port 1/1/1 untagged", "ERROR: Port 1/1/1 is already a tagged member of VLAN 20\n"},
			{"vlan 10 members port 1/1/1 tagged", "ERROR: Port 1/1/1 is already a default member of VLAN 10\n"},
			{"vlan 10 members port 1/1/99 tagged", "ERROR: Invalid port 1/1/99\n"},
			{"lldp port 1/1/1 med network-policy 1", "ERROR: Network Policy 1 does not exist\n"},
			{"lldp network-policy 1 application voice vlan 20 l2-priority 5 dscp 64", "ERROR: dscp must be between 0 and 63\n"},
			{"lldp network-policy 1 application voice vlan 20 l2-priority 5 dscp 46", ""},
			{"lldp port 1/1/1 med network-policy 1", ""},
			{"lldp port 1/1/1 tlv med network-policy enable", ""},
			{"no lldp network-policy 1", "ERROR: Network Policy 1 is associated with port 1/1/1\n"},
			{"lanpower slot 1/1 service stop", ""},
			{"lanpower port 1/1/2 admin-state enable", "ERROR: Lanpower is not started on slot 1/1\n"},
			{"lanpower slot 1/1 service start", ""},
			{"lanpower port 1/1/26 admin-state disable", "ERROR: Port 1/1/26 is not a PoE port\n"},
			{"no vlan 1", "ERROR: VLAN 1 is the default VLAN and cannot be deleted\n"},
			{"vlan 20 port default 1/1/2", "           ^\nERROR: Invalid entry: \"port\"\n"},
			{"vlann 20", "   ^\nERROR: Invalid entry: \"vlann\"\n"},
			{"no vlan 20 members port 1/1/1", ""},
			{"vlan", "ERROR: Incomplete command\n"},
		}},
		{6, []struct{ line, want string }{
			{"vlan 20 802.1q 1/1", "ERROR: VLAN 20 does not exist\n"},
			{`vlan 20 name "VOICE"`, ""},
			{"vlan 20 802.1q 1/1", ""},
			{`vlan 20 802.1q 1/2 "TAG 1/2 VLAN 20"`, ""},
			{"vlan 20 members port 1/1/1 tagged", "           ^\nERROR: Invalid entry: \"members\"\n"},
			{"vlan 10 port default 1/1-3", ""},
			{"vlan 20 port default 1/1", "ERROR: Port 1/1 is already a tagged member of VLAN 20\n"},
			{"lldp network-policy 1 application voice vlan 20 l2-priority 5 dscp 46", ""},
			{"lldp 1/1 med network-policy 1", ""},
			{"lldp 1/1 tlv med network-policy enable", ""},
			{"lanpower stop 1", ""},
			{"lanpower start 1/3", "ERROR: Lanpower is not started on slot 1\n"},
			{"lanpower start 1", ""},
			{"lanpower stop 1/3", ""},
			{"vlan 20 no 802.1q 1/2", ""},
			{"vlan 20 no 802.1q 1/2", "ERROR: Port 1/2 is not a tagged member of VLAN 20\n"},
		}},
	} {
		d := NewOmniSwitch(c.rel, "sw", 10, "198.18.1.2")
		sh := d.NewShell()
		for _, s := range c.steps {
			if out, _ := sh.Exec(s.line); out != s.want {
				t.Errorf("AOS %d %q: got %q, want %q", c.rel, s.line, out, s.want)
			}
			if sh.Prompt() != "-> " {
				t.Errorf("prompt %q", sh.Prompt())
			}
		}
	}
}

// TestOmniSnapshot: the snapshot writes what differs from the defaults in
// each release's form, and saving goes to working, then certified.
func TestOmniSnapshot(t *testing.T) {
	d := NewOmniSwitch(8, "sw", 10, "198.18.1.2")
	sh := d.NewShell()
	for _, l := range []string{`vlan 20 name "VOICE"`, "vlan 20 members port 1/1/1-2 tagged", "lldp network-policy 1 application voice vlan 20 l2-priority 5 dscp 46",
		"lldp port 1/1/1 med network-policy 1", "lldp port 1/1/1 tlv med network-policy enable", "lanpower port 1/1/3 admin-state disable",
		"lldp port 1/1/4 lldpdu rx", "interfaces port 1/1/5 admin-state disable"} {
		if out, _ := sh.Exec(l); out != "" {
			t.Fatalf("%s: %s", l, out)
		}
	}
	snap := d.RunningConfig()
	for _, want := range []string{"vlan 20 admin-state enable\nvlan 20 name \"VOICE\"\n", "vlan 10 members port 1/1/1-24 untagged\n",
		"vlan 20 members port 1/1/1-2 tagged\n", "lldp port 1/1/1 med network-policy 1\nlldp port 1/1/1 tlv med network-policy enable\n",
		"lldp port 1/1/4 lldpdu rx\n", "lanpower slot 1/1 service start\nlanpower port 1/1/3 admin-state disable\n",
		"interfaces port 1/1/5 admin-state disable\n"} {
		if !strings.Contains(snap, want) {
			t.Errorf("snapshot lacks %q:\n%s", want, snap)
		}
	}
	if out, _ := sh.Exec("show running-directory"); !strings.Contains(out, "NOT SYNCHRONIZED") {
		t.Errorf("unsaved change: %s", out)
	}
	sh.Exec("write memory")
	if d.StartupConfig() != snap || d.CertifiedConfig() == snap {
		t.Error("write memory: working not saved, or certified too")
	}
	if out, _ := sh.Exec("show running-directory"); !strings.Contains(out, "CERTIFY NEEDED") || strings.Contains(out, "NOT SYNC") {
		t.Errorf("saved, not certified: %s", out)
	}
	sh.Exec("copy running certified")
	if d.CertifiedConfig() != snap {
		t.Error("not certified")
	}
	six := NewOmniSwitch(6, "sw6", 10, "198.18.1.2")
	for _, want := range []string{"! VLAN :\n", "vlan 10 enable name \"DATA\"\n", "vlan 10 port default 1/1-24\n",
		"vlan 99 802.1q 1/25 \"TAG 1/25 VLAN 99\"\n", "lanpower start 1\n"} {
		if !strings.Contains(six.RunningConfig(), want) {
			t.Errorf("AOS 6 snapshot lacks %q:\n%s", want, six.RunningConfig())
		}
	}
}

// TestOmniMore: AOS 6 pages only once `more` is on for the session, with
// its own pager prompt; a space shows the next page.
func TestOmniMore(t *testing.T) {
	d := NewOmniSwitch(6, "sw", 10, "198.18.1.2")
	c := serveTest(t, d.NewShell())
	c.readUntil(t, "-> ")
	if _, err := c.Write([]byte("show vlan port\r")); err != nil {
		t.Fatal(err)
	}
	if out := c.readUntil(t, "-> "); strings.Contains(out, "More?") || !strings.Contains(out, "   99       1/25") {
		t.Errorf("paged with more off: %q", out)
	}
	if _, err := c.Write([]byte("more size 10\rshow vlan port\r")); err != nil {
		t.Fatal(err)
	}
	c.readUntil(t, "-> ")
	first := c.readUntil(t, "More? [next screen <sp>, next line <cr>, filter pattern </>, quit </>]")
	if strings.Contains(first, "   99       1/25") || strings.Count(first, "\n") != 10 {
		t.Errorf("first page: %q", first)
	}
	if _, err := c.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	c.readUntil(t, "-> ")
	if _, err := c.Write([]byte("show system\r")); err != nil {
		t.Fatal(err)
	}
	if out := c.readUntil(t, "-> "); !strings.Contains(out, "OS6450-P24 6.7.2.191.R04") {
		t.Errorf("show system: %q", out)
	}
}

// TestOmniState: a state file keeps the device, saves and faults across
// emulator processes.
func TestOmniState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	d := NewOmniSwitch(8, "sw", 10, "198.18.1.2")
	d.Faults.Reject = "vlan 30"
	if err := d.SaveState(path); err != nil {
		t.Fatal(err)
	}
	sh, err := PersistentOmniShell(path)
	if err != nil {
		t.Fatal(err)
	}
	if out, _ := sh.Exec("vlan 30"); !strings.Contains(out, "ERROR: Invalid entry") {
		t.Errorf("rejected line: %q", out)
	}
	sh.Exec("vlan 40")
	sh.Exec("write memory flash-synchro")
	back, err := LoadOmniSwitch(path)
	if err != nil {
		t.Fatal(err)
	}
	if rc := back.RunningConfig(); !strings.Contains(rc, "vlan 40 admin-state enable") || strings.Contains(rc, "vlan 30 ") ||
		back.CertifiedConfig() != rc || back.Release != 8 {
		t.Errorf("reloaded:\n%s", rc)
	}
	if _, err := LoadOmniSwitch(filepath.Join(t.TempDir(), "none.json")); err == nil {
		t.Error("a missing state file loaded")
	}
}
