package aruba_aoss_test

import (
	"testing"

	"github.com/voxlan/voxlan/drivers/apply/applytest"
	"github.com/voxlan/voxlan/drivers/aruba_aoss"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// TestFaults: AOS-S has no revert timer; the startup configuration stays
// untouched until the change is verified.
func TestFaults(t *testing.T) {
	applytest.Faults(t, func(t *testing.T) applytest.FaultLab {
		dev := clisim.NewAOSS("HP-2530-48G", 10, "198.18.1.2")
		dev.AddPhone("1")
		dev.AddPhone("2")
		return applytest.FaultLab{Lab: drivertest.NewLab(t, dev, "manager", aruba_aoss.Driver{}.Attrs()), Driver: aruba_aoss.Driver{},
			Faults: dev.Faults, Startup: dev.StartupConfig, Changes: voiceChanges("1", "2", "3")}
	})
}
