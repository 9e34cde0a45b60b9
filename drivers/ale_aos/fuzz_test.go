package ale_aos

import (
	"testing"

	"github.com/voxlan/voxlan/drivers/drivertest"
)

// seedAll seeds a fuzz target with every real and written output here, cut
// at every length.
func seedAll(f *testing.F) {
	drivertest.SeedFiles(f, "testdata/ntc/*/*.raw", "testdata/*.txt")
}

func FuzzParseVLAN(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseVLAN(s) })
}

func FuzzParseVLANPort(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseVLANPort(s) })
}

func FuzzParseInterfacesStatus(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseInterfacesStatus(s) })
}

func FuzzParseLLDPRemote(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseLLDPRemote(s) })
}

func FuzzParseSystem(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = ParseSystem(s)
		_ = Driver{}.IdentifyCLI(s)
	})
}

// FuzzParseConfig: see drivertest.FuzzConfig.
func FuzzParseConfig(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { drivertest.FuzzConfig(t, Driver{}, s) })
}
