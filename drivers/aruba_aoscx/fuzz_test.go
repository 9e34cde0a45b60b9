package aruba_aoscx

import (
	"slices"
	"testing"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
)

func seedAll(f *testing.F) {
	drivertest.SeedFiles(f, "testdata/ntc/*/*.raw", "testdata/*.txt")
}

func FuzzParseVLANs(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseVLANs(s) })
}

func FuzzParseLLDPDetail(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseLLDPDetail(s) })
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

// FuzzVLANList: what FormatVLANList writes reads back as the same VLANs.
func FuzzVLANList(f *testing.F) {
	for _, s := range []string{"10,20", "1-4094", "2-8,10", "5,6", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ids, err := drivers.ParseVLANList(s)
		if err != nil {
			return
		}
		again, err := drivers.ParseVLANList(drivers.FormatVLANList(ids))
		slices.Sort(ids)
		if err != nil || !slices.Equal(again, slices.Compact(ids)) {
			t.Fatalf("%q -> %q -> %v %v", s, drivers.FormatVLANList(ids), again, err)
		}
	})
}
