package clisim

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestPersistentShellsShareOneDevice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	d := NewIOS("SW1", 10, "198.18.1.2")
	d.Faults.Reject = "power inline never"
	if err := d.SaveState(path); err != nil {
		t.Fatal(err)
	}
	a, err := PersistentShell(path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := PersistentShell(path)
	for _, l := range []string{"configure terminal", "interface Gi1/0/7", "switchport voice vlan 20", "power inline never"} {
		a.Exec(l)
	}
	out, _ := b.Exec("show running-config interface Gi1/0/7")
	if !strings.Contains(out, "switchport voice vlan 20") || strings.Contains(out, "power inline never") {
		t.Errorf("second session sees %q", out)
	}
	// The reject fault fired once and is recorded as spent.
	again, _ := LoadIOS(path)
	if again.Faults.Reject != "" || again.Faults.ConfigLines() != 3 {
		t.Errorf("faults after reload: %+v", again.Faults)
	}
}
