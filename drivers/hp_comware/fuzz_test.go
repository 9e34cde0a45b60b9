package hp_comware

import (
	"testing"

	"github.com/voxlan/voxlan/drivers/drivertest"
)

func seedAll(f *testing.F) {
	drivertest.SeedFiles(f, "testdata/ntc/*/*.raw", "testdata/*.txt")
}

func FuzzParseVLANAll(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseVLANAll(s) })
}

func FuzzParseInterfaceBrief(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseInterfaceBrief(s) })
}

func FuzzParseLLDP(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = ParseLLDPVerbose(s)
		_, _ = ParseLLDPList(s)
	})
}

// FuzzParseConfig: see drivertest.FuzzConfig.
func FuzzParseConfig(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { drivertest.FuzzConfig(t, Driver{}, s) })
}
