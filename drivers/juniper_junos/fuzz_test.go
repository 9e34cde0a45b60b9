package juniper_junos

import (
	"testing"

	"github.com/voxlan/voxlan/drivers/drivertest"
)

func seedAll(f *testing.F) {
	drivertest.SeedFiles(f, "testdata/ntc/*/*.raw", "testdata/*.txt", "testdata/els/*.txt")
}

func FuzzParseVLANs(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseVLANs(s) })
}

func FuzzParseSwitchingInterfaces(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseSwitchingInterfaces(s) })
}

func FuzzParseLLDPNeighbors(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseLLDPNeighbors(s) })
}

func FuzzParsePoEInterface(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParsePoEInterface(s) })
}

func FuzzParseVersion(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _ = ParseVersion(s) })
}

// FuzzParseConfig: see drivertest.FuzzConfig.
func FuzzParseConfig(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { drivertest.FuzzConfig(t, Driver{}, s) })
}
