package aruba_aoscx_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/apply/applytest"
	"github.com/voxlan/voxlan/drivers/aruba_aoscx"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// lab is the AOS-CX emulator behind the in-process SSH server on loopback.
type lab struct {
	*drivertest.Lab
	dev *clisim.AOSCX
}

func newLab(t testing.TB) *lab {
	t.Helper()
	dev := clisim.NewAOSCX("cx-6300-1", 10, "198.18.1.2")
	dev.AddPhone("1/1/1")
	dev.AddPhone("1/1/2")
	// Port 3 has PoE off: the plan turns it on.
	sh := dev.NewShell()
	for _, l := range []string{"configure terminal", "interface 1/1/3", "no power-over-ethernet", "end"} {
		if out, _ := sh.Exec(l); out != "" {
			t.Fatalf("%s: %s", l, out)
		}
	}
	return &lab{Lab: drivertest.NewLab(t, dev, "admin", aruba_aoscx.Driver{}.Attrs()), dev: dev}
}

func voiceChanges(ports ...string) []audit.Change {
	cs := drivertest.VoiceChanges(ports...)
	for i := range cs {
		cs[i].Reason = "t"
	}
	return cs
}

func (l *lab) run(t *testing.T, changes []audit.Change, o apply.Options) (*apply.SwitchPlan, *apply.Report, string) {
	t.Helper()
	return applytest.Run(t, l.Lab, aruba_aoscx.Driver{}, changes, o)
}

func phonePort(t *testing.T, dev *clisim.AOSCX, name string) {
	t.Helper()
	p, _ := dev.Port(name)
	if !p.Trunk || p.Native != 10 || !slices.Equal(p.Allowed, []int{10, 20}) || p.PoEOff {
		t.Errorf("port %s: trunk %v native %d allowed %v poe off %v", name, p.Trunk, p.Native, p.Allowed, p.PoEOff)
	}
}

// TestApplyVoicePorts: plan, apply, verify and save voice configuration on
// three phone ports of the AOS-CX emulator over SSH; the uplink is refused.
func TestApplyVoicePorts(t *testing.T) {
	l := newLab(t)
	p, r, before := l.run(t, voiceChanges("1/1/1", "1/1/2", "1/1/3", "1/1/49"), apply.Options{Save: true})
	applytest.WantSaved(t, p, r, before, l.dev, "1/1/49", 3)
	want := []string{"vlan 20", "name VOICE", "voice", "exit",
		"interface 1/1/1", "vlan trunk native 10", "vlan trunk allowed 10,20", "exit",
		"interface 1/1/2", "vlan trunk native 10", "vlan trunk allowed 10,20", "exit",
		"interface 1/1/3", "vlan trunk native 10", "vlan trunk allowed 10,20", "power-over-ethernet", "exit"}
	if !slices.Equal(p.Lines, want) {
		t.Errorf("plan lines:\n%s\nwant:\n%s", strings.Join(p.Lines, "\n"), strings.Join(want, "\n"))
	}
	for _, port := range []string{"1/1/1", "1/1/2", "1/1/3"} {
		phonePort(t, l.dev, port)
	}
	if p4, _ := l.dev.Port("1/1/4"); p4.Trunk || p4.Access != 10 {
		t.Errorf("port 1/1/4 outside the plan changed: %+v", p4)
	}
}

// TestApplyFaults: a rejected line, a dropped session, an ignored line
// (verification catches it) and a slow switch all end in the backup state,
// byte for byte, every port restored.
func TestApplyFaults(t *testing.T) {
	applytest.Classic(t, func(t *testing.T) applytest.FaultLab {
		l := newLab(t)
		return applytest.FaultLab{Lab: l.Lab, Driver: aruba_aoscx.Driver{}, Faults: l.dev.Faults, Startup: l.dev.StartupConfig,
			Changes: voiceChanges("1/1/1", "1/1/2", "1/1/3")}
	}, "vlan trunk allowed 10,20", `rejected "vlan trunk allowed 10,20": Invalid input: vlan`, "voice")
}
