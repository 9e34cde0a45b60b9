package huawei_vrp

import (
	"testing"

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

// FuzzParseConfig: see drivertest.FuzzConfig.
func FuzzParseConfig(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { drivertest.FuzzConfig(t, Driver{}, s) })
}
