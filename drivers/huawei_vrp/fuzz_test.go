package huawei_vrp

import (
	"testing"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
)

func seedAll(f *testing.F) {
	drivertest.SeedFiles(f, "testdata/ntc/*/*.raw", "testdata/*.txt")
}

func FuzzParsePortVLAN(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParsePortVLAN(s) })
}

func FuzzParseInterfaceBrief(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseInterfaceBrief(s) })
}

func FuzzParseLLDPNeighbor(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseLLDPNeighbor(s) })
}

// FuzzParseConfig: any text either fails cleanly or gives a configuration
// that renders nothing against itself and whose phone-port plan renders
// without a panic.
func FuzzParseConfig(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) {
		d := Driver{}
		cfg, err := d.ParseConfig(s)
		if err != nil {
			return
		}
		all := drivers.Scope{Ports: cfg.PortOrder, VLANs: cfg.SortedVLANs(), Global: true}
		if lines, err := d.Render(cfg, cfg.Clone(), all); err != nil || len(lines) != 0 {
			t.Fatalf("self render %q %v", lines, err)
		}
		if len(cfg.PortOrder) == 0 {
			return
		}
		want, scope, err := d.Want(cfg, drivertest.VoiceChanges(cfg.PortOrder[0]))
		if err != nil {
			return
		}
		_, _ = d.Render(cfg, want, scope)
		_ = d.Sections(want, scope)
	})
}
