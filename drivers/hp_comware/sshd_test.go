//go:build linux

package hp_comware_test

import (
	"testing"

	"github.com/voxlan/voxlan/drivers/apply/applytest"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/drivers/hp_comware"
	"github.com/voxlan/voxlan/lab/clisim"
)

// TestApplyOverOpenSSH runs plan, apply and rollback against the Comware
// emulator behind a real OpenSSH sshd in a network namespace (ForceCommand
// = lab/clisim/cmd/clisim -os comware, one process per session sharing a
// state file), with scrapligo's hp_comware platform: a dropped session,
// then a clean apply with save.
func TestApplyOverOpenSSH(t *testing.T) {
	dev := clisim.NewComware("HPE-5130", 10, "198.18.1.2")
	for _, p := range phones {
		dev.AddPhone(p)
	}
	dev.Faults.DropAfterConfigLines = 6
	sshd := drivertest.StartOpenSSH(t, dev, "vxcw", 57, "-os", "comware")
	end := applytest.OverOpenSSH(t, sshd, hp_comware.Driver{}, "HPE-5130", voiceChanges(phones...),
		func(state string) (applytest.Device, error) { return clisim.LoadComware(state) })
	for _, port := range phones {
		phonePort(t, end.(*clisim.Comware), port)
	}
}
