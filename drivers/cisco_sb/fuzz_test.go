package cisco_sb

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/voxlan/voxlan/drivers"
)

func addSeeds(f *testing.F, globs ...string) {
	for _, glob := range globs {
		files, _ := filepath.Glob(glob)
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(string(b))
			}
		}
	}
}

func FuzzParseVLANs(f *testing.F) {
	addSeeds(f, "testdata/ntc/*show_vlan*.raw")
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseVLANs(s) })
}

func FuzzParseSwitchport(f *testing.F) {
	addSeeds(f, "testdata/ntc/*switchport*.raw")
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseSwitchport(s) })
}

func FuzzParseLLDPNeighbors(f *testing.F) {
	addSeeds(f, "testdata/ntc/*lldp*.raw", "testdata/napalm/*/show_lldp_neighbors.txt")
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseLLDPNeighbors(s) })
}

func FuzzParseLLDPDetail(f *testing.F) {
	addSeeds(f, "testdata/napalm/*/show_lldp_neighbors_*.txt")
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseLLDPDetail("gi1", s) })
}

// FuzzParseConfig also checks the render round trip: whatever parses
// renders against itself with no line to send.
func FuzzParseConfig(f *testing.F) {
	addSeeds(f, "testdata/running-config.txt")
	f.Fuzz(func(t *testing.T, s string) {
		d := Driver{}
		cfg, err := d.ParseConfig(s)
		if err != nil {
			return
		}
		lines, err := d.Render(cfg, cfg.Clone(), scopeAll(cfg))
		if err == nil && len(lines) != 0 {
			t.Fatalf("render of a config against itself sent %q", lines)
		}
	})
}

func scopeAll(cfg *drivers.Config) drivers.Scope {
	return drivers.Scope{Ports: cfg.PortOrder, VLANs: cfg.SortedVLANs(), Global: true}
}
