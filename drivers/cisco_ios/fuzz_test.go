package cisco_ios

import (
	"os"
	"path/filepath"
	"testing"
)

func addSeeds(f *testing.F, glob string) {
	files, _ := filepath.Glob(glob)
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
}

func FuzzParseSwitchport(f *testing.F) {
	addSeeds(f, "testdata/ntc/show_interfaces_switchport/*.raw")
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseSwitchport(s) })
}

func FuzzParseVLANs(f *testing.F) {
	addSeeds(f, "testdata/ntc/show_vlan/*.raw")
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseVLANs(s) })
}

func FuzzParsePowerInline(f *testing.F) {
	addSeeds(f, "testdata/ntc/show_power_inline/*.raw")
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParsePowerInline(s) })
}

func FuzzParseLLDPDetail(f *testing.F) {
	addSeeds(f, "testdata/ntc/show_lldp_neighbors_detail/*.raw")
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseLLDPDetail(s) })
}

// FuzzParseConfig also checks the render round trip: whatever parses can
// be rendered against itself with no line to send.
func FuzzParseConfig(f *testing.F) {
	addSeeds(f, "testdata/*.txt")
	f.Fuzz(func(t *testing.T, s string) {
		d := Driver{}
		cfg, err := d.ParseConfig(s)
		if err != nil {
			return
		}
		if _, err := d.Render(cfg, cfg.Clone(), scopeAll(cfg)); err != nil {
			return
		}
		lines, _ := d.Render(cfg, cfg.Clone(), scopeAll(cfg))
		if len(lines) != 0 {
			t.Fatalf("render of a config against itself sent %q", lines)
		}
	})
}

func FuzzParseCDPDetail(f *testing.F) {
	addSeeds(f, "testdata/ntc/show_cdp_neighbors_detail/*.raw")
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseCDPDetail(s) })
}
