package cisco_sb_test

import (
	"testing"

	"github.com/voxlan/voxlan/drivers/apply/applytest"
	"github.com/voxlan/voxlan/drivers/cisco_sb"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// TestFaults: Cisco SB has no revert timer; the startup configuration stays
// untouched until the change is verified.
func TestFaults(t *testing.T) {
	applytest.Faults(t, func(t *testing.T) applytest.FaultLab {
		dev := clisim.NewSB("sw1", 10, "198.18.1.2")
		for _, p := range []string{"gi1", "gi2", "gi3"} {
			dev.AddPhone(p)
		}
		return applytest.FaultLab{Lab: drivertest.NewLab(t, dev, "admin", cisco_sb.Driver{}.Attrs()), Driver: cisco_sb.Driver{},
			Faults: dev.Faults, Startup: dev.StartupConfig, Changes: drivertest.VoiceChanges("gi1", "gi2", "gi3")}
	})
}
