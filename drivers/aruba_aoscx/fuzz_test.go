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

// FuzzParseConfig: see drivertest.FuzzConfig.
func FuzzParseConfig(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { drivertest.FuzzConfig(t, Driver{}, s) })
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
