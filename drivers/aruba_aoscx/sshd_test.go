//go:build linux

package aruba_aoscx_test

import (
	"testing"

	"github.com/voxlan/voxlan/drivers/apply/applytest"
	"github.com/voxlan/voxlan/drivers/aruba_aoscx"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// TestApplyOverOpenSSH runs plan, apply and rollback against the AOS-CX
// emulator behind a real OpenSSH sshd in a network namespace (ForceCommand
// = lab/clisim/cmd/clisim -os aoscx, one process per session sharing a
// state file): a dropped session, then a clean apply with save.
func TestApplyOverOpenSSH(t *testing.T) {
	dev := clisim.NewAOSCX("cx-6300-1", 10, "198.18.1.2")
	dev.AddPhone("1/1/1")
	dev.Faults.DropAfterConfigLines = 6
	sshd := drivertest.StartOpenSSH(t, dev, "vxcx", 50, "-os", "aoscx")
	end := applytest.OverOpenSSH(t, sshd, aruba_aoscx.Driver{}, "cx-6300-1", voiceChanges("1/1/1", "1/1/2", "1/1/3"),
		func(state string) (applytest.Device, error) { return clisim.LoadAOSCX(state) })
	for _, port := range []string{"1/1/1", "1/1/2", "1/1/3"} {
		if p, _ := end.(*clisim.AOSCX).Port(port); !p.Trunk || p.Native != 10 || len(p.Allowed) != 2 {
			t.Errorf("port %s: %+v", port, p)
		}
	}
}
