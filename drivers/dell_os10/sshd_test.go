//go:build linux

package dell_os10_test

import (
	"testing"

	"github.com/voxlan/voxlan/drivers/apply/applytest"
	"github.com/voxlan/voxlan/drivers/dell_os10"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// TestApplyOverOpenSSH runs plan, apply and rollback against the OS10
// emulator behind a real OpenSSH sshd in a network namespace (ForceCommand
// = lab/clisim/cmd/clisim -os os10, one process per session sharing a
// state file): a dropped session, then a clean apply with save.
func TestApplyOverOpenSSH(t *testing.T) {
	dev := clisim.NewOS10("os10-leaf-1", 10, "198.18.1.2")
	dev.AddPhone("ethernet1/1/1")
	dev.Faults.DropAfterConfigLines = 6
	sshd := drivertest.StartOpenSSH(t, dev, "vxo10", 56, "-os", "os10")
	end := applytest.OverOpenSSH(t, sshd, dell_os10.Driver{}, "os10-leaf-1", voiceChanges("ethernet1/1/1", "ethernet1/1/2", "ethernet1/1/3"),
		func(state string) (applytest.Device, error) { return clisim.LoadOS10(state) })
	for _, port := range []string{"ethernet1/1/1", "ethernet1/1/2", "ethernet1/1/3"} {
		if p, _ := end.(*clisim.OS10).Port(port); !p.Trunk || p.Access != 10 || len(p.Allowed) != 1 || len(p.Policies) != 1 {
			t.Errorf("port %s: %+v", port, p)
		}
	}
}
