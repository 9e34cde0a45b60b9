package juniper_junos_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/apply/applytest"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/drivers/juniper_junos"
	"github.com/voxlan/voxlan/lab/clisim"
)

// lab is the Junos emulator behind the in-process SSH server on loopback.
type lab struct {
	*drivertest.Lab
	dev *clisim.Junos
}

func newLab(t testing.TB) *lab {
	t.Helper()
	dev := clisim.NewJunos("ex2300-1", 10, "198.18.1.2")
	dev.AddPhone("ge-0/0/0")
	dev.AddPhone("ge-0/0/1")
	// ge-0/0/2 has PoE off: the plan turns it on.
	if out := dev.Exec("configure", "set poe interface ge-0/0/2 disable", "commit"); !strings.Contains(out, "commit complete") {
		t.Fatalf("setting up: %s", out)
	}
	return &lab{Lab: drivertest.NewLab(t, dev, "admin", juniper_junos.Driver{}.Attrs()), dev: dev}
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
	return applytest.Run(t, l.Lab, juniper_junos.Driver{}, changes, o)
}

// phonePort: access in DATA with VOICE as voip VLAN in
// expedited-forwarding, PoE on.
func phonePort(t *testing.T, dev *clisim.Junos, name string) {
	t.Helper()
	cfg := dev.RunningConfig()
	for _, s := range []string{
		"set interfaces " + name + " unit 0 family ethernet-switching interface-mode access\n",
		"set interfaces " + name + " unit 0 family ethernet-switching vlan members DATA\n",
		"set switch-options voip interface " + name + ".0 vlan VOICE\n",
		"set switch-options voip interface " + name + ".0 forwarding-class expedited-forwarding\n",
	} {
		if !strings.Contains(cfg, s) {
			t.Errorf("port %s lacks %q", name, strings.TrimSpace(s))
		}
	}
	if strings.Contains(cfg, "set poe interface "+name+" disable\n") {
		t.Errorf("port %s: PoE still disabled", name)
	}
}

// TestApplyVoicePorts: plan, apply (configure exclusive, commit confirmed,
// verify, commit) and verify voice configuration on three phone ports of
// the Junos emulator over SSH; the uplink is refused.
func TestApplyVoicePorts(t *testing.T) {
	l := newLab(t)
	commits := l.dev.Commits()
	p, r, _ := l.run(t, voiceChanges("ge-0/0/0", "ge-0/0/1", "ge-0/0/2", "ge-0/1/0"), apply.Options{Save: true})
	if r.Outcome != apply.OutcomeSaved || r.Failure != "" {
		t.Fatalf("outcome %q failure %q mismatches %v\nsent %+v", r.Outcome, r.Failure, r.Mismatches, r.Sent)
	}
	want := []string{"set vlans VOICE vlan-id 20",
		"set switch-options voip interface ge-0/0/0.0 vlan VOICE", "set switch-options voip interface ge-0/0/0.0 forwarding-class expedited-forwarding",
		"set switch-options voip interface ge-0/0/1.0 vlan VOICE", "set switch-options voip interface ge-0/0/1.0 forwarding-class expedited-forwarding",
		"set switch-options voip interface ge-0/0/2.0 vlan VOICE", "set switch-options voip interface ge-0/0/2.0 forwarding-class expedited-forwarding",
		"delete poe interface ge-0/0/2 disable"}
	if !slices.Equal(p.Lines, want) {
		t.Errorf("plan lines:\n%s\nwant:\n%s", strings.Join(p.Lines, "\n"), strings.Join(want, "\n"))
	}
	if len(p.Refused) != 1 || p.Refused[0].Port != "ge-0/1/0" || !strings.Contains(p.Refused[0].Reason, "uplink") {
		t.Errorf("refused %+v", p.Refused)
	}
	for _, s := range r.Sent {
		if s.Reply != "" || s.Error != "" {
			t.Errorf("%q answered %q (%s): the prompt's lines belong to no reply", s.Line, s.Reply, s.Error)
		}
	}
	if !strings.Contains(p.SafetyNet, "commit confirmed 5") {
		t.Errorf("plan's safety net %q", p.SafetyNet)
	}
	for _, port := range []string{"ge-0/0/0", "ge-0/0/1", "ge-0/0/2"} {
		phonePort(t, l.dev, port)
	}
	if strings.Contains(l.dev.RunningConfig(), "voip interface ge-0/0/3.0") {
		t.Error("port ge-0/0/3 outside the plan changed")
	}
	if len(r.Ports) != 3 || r.Ports[0].Status != apply.PortAsPlanned || !strings.Contains(r.Ports[0].State, "med voice vlan 20 tagged priority 5 dscp 46") {
		t.Errorf("ports %+v", r.Ports)
	}
	// One confirmed commit and its confirmation, nothing pending.
	if got := l.dev.Commits() - commits; got != 2 || l.dev.ConfirmPending() {
		t.Errorf("%d commits, pending %v; want the confirmed commit and its confirmation", got, l.dev.ConfirmPending())
	}
	t.Logf("%d lines, %d session(s), %d round trips, %v", len(p.Lines), r.Sessions, r.RoundTrips, r.Elapsed)
}

// TestApplyFaults: a rejected line, a dropped session, an ignored line
// (verification catches it) and a slow switch all end in the backup state,
// byte for byte, every port restored.
func TestApplyFaults(t *testing.T) {
	applytest.Classic(t, func(t *testing.T) applytest.FaultLab {
		l := newLab(t)
		return applytest.FaultLab{Lab: l.Lab, Driver: juniper_junos.Driver{}, Faults: l.dev.Faults, Startup: l.dev.StartupConfig,
			Changes: voiceChanges("ge-0/0/0", "ge-0/0/1", "ge-0/0/2")}
	}, "set switch-options voip interface ge-0/0/1.0 vlan VOICE", `rejected "set switch-options voip interface ge-0/0/1.0 vlan VOICE":`, "delete poe interface ge-0/0/2 disable")
}

// confirmMinute is the emulated length of one commit confirmed minute: the
// default 5-minute net fires 5 s after the commit.
const confirmMinute = time.Second

// TestFaults: the shared fault suite; before the commit the switch never
// changes, after it Junos' confirmed commit rolls back by itself when
// voxlan is gone for good.
func TestFaults(t *testing.T) {
	applytest.Faults(t, func(t *testing.T) applytest.FaultLab {
		dev := clisim.NewJunos("ex2300-1", 10, "198.18.1.2")
		dev.AddPhone("ge-0/0/0")
		dev.ConfirmMinute = confirmMinute
		return applytest.FaultLab{Lab: drivertest.NewLab(t, dev, "admin", juniper_junos.Driver{}.Attrs()), Driver: juniper_junos.Driver{},
			Faults: dev.Faults, Startup: dev.StartupConfig, Changes: voiceChanges("ge-0/0/0", "ge-0/0/1", "ge-0/0/2"),
			Reverts: dev.Reverts, RevertWithin: 5*confirmMinute + 5*time.Second}
	})
}
