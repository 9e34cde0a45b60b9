//go:build linux

package huawei_vrp_test

import (
	"testing"

	"github.com/voxlan/voxlan/drivers/apply/applytest"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/drivers/huawei_vrp"
	"github.com/voxlan/voxlan/lab/clisim"
)

// TestApplyOverOpenSSH runs plan, apply and rollback against the VRP
// emulator behind a real OpenSSH sshd in a network namespace (ForceCommand
// = lab/clisim/cmd/clisim -os vrp, one process per session sharing a
// state file), with scrapligo's huawei_vrp platform: a dropped session,
// then a clean apply with save.
func TestApplyOverOpenSSH(t *testing.T) {
	dev := clisim.NewVRP("S5720", 10, "198.18.1.2")
	for _, p := range phones {
		dev.AddPhone(p)
	}
	dev.Faults.DropAfterConfigLines = 6
	sshd := drivertest.StartOpenSSH(t, dev, "vxvrp", 58, "-os", "vrp")
	end := applytest.OverOpenSSH(t, sshd, huawei_vrp.Driver{}, "S5720", voiceChanges(phones...),
		func(state string) (applytest.Device, error) { return clisim.LoadVRP(state) })
	for _, port := range phones {
		phonePort(t, end.(*clisim.VRP), port)
	}
}
