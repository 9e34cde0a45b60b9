package clisim

import (
	"strings"
	"testing"

	"github.com/voxlan/voxlan/drivers/cisco_ios"
)

// FuzzIOSExec types arbitrary lines into the emulator in every mode: it must
// answer (or reject) without panicking, as a switch does, and whatever it
// accepted still prints a running configuration the cisco_ios driver reads.
func FuzzIOSExec(f *testing.F) {
	for _, s := range []string{"show vlan brief", "conf t\nint gi1/0/1\nswitchport voice vlan 20", "interface", "vlan 4095",
		"conf t\nnetwork-policy profile 1\nvoice vlan 20 cos 9", "do show run", "conf t\nint te1/1/1\nswitchport trunk allowed vlan add 1-5,7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, script string) {
		d := NewIOS("SW1", 10, "198.18.1.2")
		sh := d.NewShell()
		for _, line := range strings.Split(script, "\n") {
			if _, done := sh.Exec(line); done {
				return
			}
			_ = sh.Prompt()
		}
		if _, err := (cisco_ios.Driver{}).ParseConfig(d.RunningConfig()); err != nil {
			t.Fatalf("running-config after %q does not parse: %v\n%s", script, err, d.RunningConfig())
		}
	})
}
