package clisim

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestAOSSStateAcrossProcesses: two persistent sessions over one state
// file see one switch, faults included; the banner and pager carry over.
func TestAOSSStateAcrossProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "aoss.json")
	d := NewAOSS("SW1", 10, "198.18.1.2")
	d.AddPhone("1")
	d.Faults.Reject = "voice"
	if err := d.SaveState(path); err != nil {
		t.Fatal(err)
	}
	a, err := PersistentAOSSShell(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := PersistentAOSSShell(path)
	if err != nil {
		t.Fatal(err)
	}
	out := run(t, a, "configure", "vlan 20", "tagged 1-2", "voice", "voice")
	if !strings.Contains(out[3], "Invalid input: voice") || out[4] != "" {
		t.Errorf("fault not kept in the state file: %q", out)
	}
	cfg := run(t, b, "show running-config")[0]
	if !strings.Contains(cfg, "vlan 20\n   name \"VLAN20\"\n   tagged 1-2\n   no ip address\n   voice\n") {
		t.Errorf("second session does not see the first one's change:\n%s", cfg)
	}
	back, err := LoadAOSS(path)
	if err != nil {
		t.Fatal(err)
	}
	if u, tg := back.Membership("1"); u != 10 || !slices.Equal(tg, []int{20}) {
		t.Errorf("port 1 after reload: %d %v", u, tg)
	}
	if p, _ := back.Port("1"); p.Neighbor == nil || !p.Neighbor.Phone {
		t.Error("phone lost in the state file")
	}
	c := serveTest(t, b)
	c.readUntil(t, "Press any key to continue\r\n")
	if _, err := c.Write([]byte("\r")); err != nil {
		t.Fatal(err)
	}
	c.readUntil(t, "SW1# ")
	if _, err := c.Write([]byte("show running-config\r")); err != nil {
		t.Fatal(err)
	}
	c.readUntil(t, "-- MORE --")
	if _, err := LoadAOSS(filepath.Join(t.TempDir(), "none.json")); err == nil {
		t.Error("missing state file accepted")
	}
}
