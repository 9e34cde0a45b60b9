package clisim

import (
	"strings"
	"testing"

	"github.com/voxlan/voxlan/drivers/aruba_aoss"
)

// FuzzAOSSExec feeds arbitrary lines to the ArubaOS-Switch emulator: it
// never panics, and whatever it accepted still prints a running
// configuration the aruba_aoss driver reads.
func FuzzAOSSExec(f *testing.F) {
	for _, s := range []string{
		"configure\nvlan 20\nname VOICE\ntagged 1-3\nvoice\nqos dscp 101110\nexit\ninterface 5\nno power-over-ethernet\nend",
		"configure\nvlan 20\nuntagged 4\ntagged 99\nvlan\nshow v",
		"configure\nlldp admin-status 3 disable\nno vlan 20\nwrite memory",
		"show vlans\nshow interfaces brief\nshow lldp info remote-device detail\nshow power-over-ethernet brief\nshow running-config",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d := NewAOSS("sw1", 10, "198.18.1.2")
		sh := d.NewShell()
		for i, l := range strings.Split(in, "\n") {
			if i > 200 {
				break
			}
			if _, done := sh.Exec(l); done {
				break
			}
			_ = sh.Prompt()
		}
		if _, err := (aruba_aoss.Driver{}).ParseConfig(d.RunningConfig()); err != nil {
			t.Fatalf("running-config after %q does not parse: %v\n%s", in, err, d.RunningConfig())
		}
	})
}
