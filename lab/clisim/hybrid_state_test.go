package clisim

import (
	"path/filepath"
	"testing"
)

// TestHybridStateRoundTrip: a Comware and a VRP device changed, saved and
// loaded again print the same configuration and keep their faults' count.
func TestHybridStateRoundTrip(t *testing.T) {
	cw := NewComware("HPE", 10, "198.18.1.2")
	cw.AddPhone("GE1/0/1")
	sh := cw.NewShell()
	for _, l := range []string{"system-view", "vlan 20", "quit", "interface GigabitEthernet1/0/1", "port link-type hybrid"} {
		sh.Exec(l)
	}
	if p, _ := cw.Port("GE1/0/1"); p.LinkType != "hybrid" {
		t.Fatalf("set-up: %+v", p)
	}
	vrp := NewVRP("S5720", 10, "198.18.1.2")
	vrp.AddPhone("GE0/0/1")
	for _, c := range []struct {
		name string
		dev  interface {
			SaveState(string) error
			RunningConfig() string
		}
		load func(string) (interface{ RunningConfig() string }, error)
	}{
		{"comware", cw, func(p string) (interface{ RunningConfig() string }, error) { return LoadComware(p) }},
		{"vrp", vrp, func(p string) (interface{ RunningConfig() string }, error) { return LoadVRP(p) }},
	} {
		path := filepath.Join(t.TempDir(), "state.json")
		if err := c.dev.SaveState(path); err != nil {
			t.Fatal(err)
		}
		got, err := c.load(path)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got.RunningConfig() != c.dev.RunningConfig() {
			t.Errorf("%s: loaded configuration differs:\n%s\nwant:\n%s", c.name, got.RunningConfig(), c.dev.RunningConfig())
		}
	}
	if _, err := LoadVRP(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("loading a missing state file succeeded")
	}
}
