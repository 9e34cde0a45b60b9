package hp_comware_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/apply/applytest"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/drivers/hp_comware"
	"github.com/voxlan/voxlan/lab/clisim"
)

type lab struct {
	*drivertest.Lab
	dev *clisim.Comware
}

func newLab(t testing.TB) *lab {
	t.Helper()
	dev := clisim.NewComware("HPE-5130", 10, "198.18.1.2")
	dev.AddPhone("GigabitEthernet1/0/1")
	dev.AddPhone("GigabitEthernet1/0/2")
	// Port 3 has PoE off: the plan turns it on.
	sh := dev.NewShell()
	for _, l := range []string{"system-view", "interface GigabitEthernet1/0/3", "undo poe enable", "return"} {
		if out, _ := sh.Exec(l); out != "" && !strings.HasPrefix(out, "System View") {
			t.Fatalf("%s: %s", l, out)
		}
	}
	return &lab{Lab: drivertest.NewLab(t, dev, "admin", hp_comware.Driver{}.Attrs()), dev: dev}
}

var phones = []string{"GigabitEthernet1/0/1", "GigabitEthernet1/0/2", "GigabitEthernet1/0/3"}

func voiceChanges(ports ...string) []audit.Change {
	cs := drivertest.VoiceChanges(ports...)
	for i := range cs {
		cs[i].Reason = "t"
	}
	return cs
}

func phonePort(t *testing.T, dev *clisim.Comware, name string) {
	t.Helper()
	p, _ := dev.Port(name)
	if p.LinkType != "hybrid" || p.PVID != 10 || !slices.Equal(p.Untagged, []int{10}) || !slices.Equal(p.Tagged, []int{20}) ||
		p.Voice != 20 || !p.Manual || p.CoS != 5 || p.DSCP != 46 || !p.PoEOn {
		t.Errorf("port %s: %+v", name, p)
	}
}

// TestApplyVoicePorts: plan, apply, verify and save on three phone ports
// (VLAN 20: 3 lines; ports 1 and 2: 10 each; port 3 also turns PoE on)
// of the Comware emulator over SSH with scrapligo's hp_comware platform;
// the uplink is refused.
func TestApplyVoicePorts(t *testing.T) {
	l := newLab(t)
	p, r, before := applytest.Run(t, l.Lab, hp_comware.Driver{}, voiceChanges(append(phones, "Ten-GigabitEthernet1/0/49")...), apply.Options{Save: true})
	applytest.WantSaved(t, p, r, before, l.dev, "Ten-GigabitEthernet1/0/49", 3)
	if p.Lines[0] != "vlan 20" || p.Lines[1] != "name VOICE" || len(p.Lines) != 3+10+10+11 {
		t.Errorf("plan lines:\n%s", strings.Join(p.Lines, "\n"))
	}
	for _, port := range phones {
		phonePort(t, l.dev, port)
	}
	if p4, _ := l.dev.Port("GigabitEthernet1/0/4"); p4.LinkType != "access" || p4.Access != 10 {
		t.Errorf("port 1/0/4 outside the plan changed: %+v", p4)
	}
	if r.SafetyNet != drivers.NoNetNote {
		t.Errorf("safety net %q", r.SafetyNet)
	}
}

// TestApplyFaults: a rejected line, a dropped session, an ignored line
// (verification catches it) and a slow switch all end in the backup state,
// byte for byte, every port restored.
func TestApplyFaults(t *testing.T) {
	applytest.Classic(t, faultLab, "voice-vlan 20 enable", `rejected "voice-vlan 20 enable": % Unrecognized command`, "port hybrid vlan 20 tagged")
}

// TestFaults: the shared fault suite; Comware has no revert timer here, so
// the startup configuration stays untouched until the change is verified.
func TestFaults(t *testing.T) { applytest.Faults(t, faultLab) }

func faultLab(t *testing.T) applytest.FaultLab {
	l := newLab(t)
	return applytest.FaultLab{Lab: l.Lab, Driver: hp_comware.Driver{}, Faults: l.dev.Faults, Startup: l.dev.StartupConfig,
		Changes: voiceChanges(phones...)}
}
