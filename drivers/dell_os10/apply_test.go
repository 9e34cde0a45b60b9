package dell_os10_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/apply/applytest"
	"github.com/voxlan/voxlan/drivers/dell_os10"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// lab is the OS10 emulator behind the in-process SSH server on loopback.
type lab struct {
	*drivertest.Lab
	dev *clisim.OS10
}

func newLab(t testing.TB) *lab {
	t.Helper()
	dev := clisim.NewOS10("os10-leaf-1", 10, "198.18.1.2")
	dev.AddPhone("ethernet1/1/1")
	dev.AddPhone("ethernet1/1/2")
	// Port 3 does not transmit LLDP: the plan turns it back on.
	sh := dev.NewShell()
	for _, l := range []string{"configure terminal", "interface ethernet1/1/3", "no lldp transmit", "end"} {
		if out, _ := sh.Exec(l); out != "" {
			t.Fatalf("%s: %s", l, out)
		}
	}
	return &lab{Lab: drivertest.NewLab(t, dev, "admin", dell_os10.Driver{}.Attrs()), dev: dev}
}

// voiceChanges are drivertest's phone-port changes with an LLDP enable on
// each port, as the audit asks for a port that does not transmit.
func voiceChanges(ports ...string) []audit.Change {
	cs := drivertest.VoiceChanges(ports...)
	for _, p := range ports {
		cs = append(cs, audit.Change{Kind: audit.ChangeEnableLLDP, Switch: "sw1", Port: p})
	}
	for i := range cs {
		cs[i].Reason = "t"
	}
	return cs
}

func (l *lab) run(t *testing.T, changes []audit.Change, o apply.Options) (*apply.SwitchPlan, *apply.Report, string) {
	t.Helper()
	return applytest.Run(t, l.Lab, dell_os10.Driver{}, changes, o)
}

func phonePort(t *testing.T, dev *clisim.OS10, name string) {
	t.Helper()
	p, _ := dev.Port(name)
	if !p.Trunk || p.Access != 10 || !slices.Equal(p.Allowed, []int{20}) || !slices.Equal(p.Policies, []int{1}) || p.LLDPTxOff {
		t.Errorf("port %s: trunk %v access %d allowed %v policies %v lldp tx off %v", name, p.Trunk, p.Access, p.Allowed, p.Policies, p.LLDPTxOff)
	}
}

// TestApplyVoicePorts: plan, apply, verify and save voice configuration on
// three phone ports of the OS10 emulator over SSH; the uplink is refused.
func TestApplyVoicePorts(t *testing.T) {
	l := newLab(t)
	p, r, before := l.run(t, voiceChanges("ethernet1/1/1", "Eth 1/1/2", "ethernet1/1/3", "ethernet1/1/49"), apply.Options{Save: true})
	applytest.WantSaved(t, p, r, before, l.dev, "ethernet1/1/49", 3)
	want := []string{"interface vlan20", "description VOICE", "exit",
		"lldp med network-policy 1 app voice vlan 20 vlan-type tag priority 5 dscp 46",
		"interface ethernet1/1/1", "switchport mode trunk", "switchport trunk allowed vlan 20", "lldp med network-policy add 1", "exit",
		"interface ethernet1/1/2", "switchport mode trunk", "switchport trunk allowed vlan 20", "lldp med network-policy add 1", "exit",
		"interface ethernet1/1/3", "switchport mode trunk", "switchport trunk allowed vlan 20", "lldp transmit", "lldp med network-policy add 1", "exit"}
	if !slices.Equal(p.Lines, want) {
		t.Errorf("plan lines:\n%s\nwant:\n%s", strings.Join(p.Lines, "\n"), strings.Join(want, "\n"))
	}
	if p.SafetyNet == "" || !strings.Contains(p.SafetyNet, "no revert timer") {
		t.Errorf("safety net %q", p.SafetyNet)
	}
	for _, port := range []string{"ethernet1/1/1", "ethernet1/1/2", "ethernet1/1/3"} {
		phonePort(t, l.dev, port)
	}
	if pol, ok := l.dev.Policy(1); !ok || pol != (clisim.OS10Policy{App: "voice", VLAN: 20, Tagged: true, Priority: 5, DSCP: 46}) {
		t.Errorf("policy 1: %+v %v", pol, ok)
	}
	if p4, _ := l.dev.Port("ethernet1/1/4"); p4.Trunk || p4.Access != 10 {
		t.Errorf("port 1/1/4 outside the plan changed: %+v", p4)
	}
}

// TestApplyFaults: a rejected line, a dropped session, an ignored line
// (verification catches it) and a slow switch all end in the backup state,
// byte for byte, every port restored.
func TestApplyFaults(t *testing.T) {
	applytest.Classic(t, func(t *testing.T) applytest.FaultLab {
		l := newLab(t)
		return applytest.FaultLab{Lab: l.Lab, Driver: dell_os10.Driver{}, Faults: l.dev.Faults, Startup: l.dev.StartupConfig,
			Changes: voiceChanges("ethernet1/1/1", "ethernet1/1/2", "ethernet1/1/3")}
	}, "switchport trunk allowed vlan 20", `rejected "switchport trunk allowed vlan 20": % Error: Unrecognized command.`, "lldp med network-policy add 1")
}

// TestFaults: the shared fault suite. OS10 has no revert timer: a switch
// gone for good keeps its startup configuration.
func TestFaults(t *testing.T) {
	applytest.Faults(t, func(t *testing.T) applytest.FaultLab {
		l := newLab(t)
		return applytest.FaultLab{Lab: l.Lab, Driver: dell_os10.Driver{}, Faults: l.dev.Faults, Startup: l.dev.StartupConfig,
			Changes: voiceChanges("ethernet1/1/1", "ethernet1/1/2", "ethernet1/1/3")}
	})
}
