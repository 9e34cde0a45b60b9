package dell_os10

import (
	"testing"

	"github.com/voxlan/voxlan/drivers/drivertest"
)

func seedAll(f *testing.F) {
	drivertest.SeedFiles(f, "testdata/mfd/*.txt", "testdata/*.txt")
	for _, s := range []string{
		"    NUM    Status    Description                     Q Ports\n*   1      Active                                    A Eth1/1/2,1/1/9-1/1/12\n    20     Active    VOICE                           T Eth1/1/1\n                                                     A Po128\n",
		"Port            Description     Status   Speed    Duplex   Mode Vlan Tagged-Vlans\nEth 1/1/1       phone           up       1G       full     T    10   20\nEth 1/1/2                       down     0        full     -\n",
		"Remote Chassis ID: 00:aa:bb:cc:00:01\nRemote Port ID: P1\nLocal Port ID: ethernet1/1/1\nEnabled System Capabilities: Bridge Telephone\n-----\n",
	} {
		f.Add(s)
	}
}

func FuzzParseVLANs(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseVLANs(s) })
}

func FuzzParseInterfaceStatus(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseInterfaceStatus(s) })
}

func FuzzParseLLDPNeighbors(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseLLDPNeighbors(s) })
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
