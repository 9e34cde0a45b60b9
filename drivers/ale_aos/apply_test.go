package ale_aos_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/ale_aos"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/apply/applytest"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// release is one AOS release's emulator and port names.
type release struct {
	name   string
	aos    int
	prefix string // "1/" or "1/1/"
	// poeOff turns PoE off on a port the way the release writes it.
	poeOff string
}

var releases = []release{
	{"AOS 6", 6, "1/", "lanpower stop 1/3"},
	{"AOS 8", 8, "1/1/", "lanpower port 1/1/3 admin-state disable"},
}

func (r release) port(n string) string { return r.prefix + n }

func (r release) phones() []string { return []string{r.port("1"), r.port("2"), r.port("3")} }

type lab struct {
	*drivertest.Lab
	dev *clisim.OmniSwitch
}

// newLab serves an OmniSwitch of release r with phones on ports 1 and 2
// and PoE off on port 3.
func newLab(t testing.TB, r release) *lab {
	t.Helper()
	dev := clisim.NewOmniSwitch(r.aos, "os-acc1", 10, "198.18.1.2")
	dev.AddPhone(r.port("1"))
	dev.AddPhone(r.port("2"))
	if out, _ := dev.NewShell().Exec(r.poeOff); out != "" {
		t.Fatalf("%s: %s", r.poeOff, out)
	}
	return &lab{Lab: drivertest.NewLab(t, dev, "admin", ale_aos.Driver{}.Attrs()), dev: dev}
}

func voiceChanges(ports ...string) []audit.Change {
	cs := drivertest.VoiceChanges(ports...)
	for i := range cs {
		cs[i].Reason = "t"
	}
	return cs
}

// phonePort: data VLAN 10 untagged, voice VLAN 20 tagged, policy 1 (voice
// VLAN 20, priority 5, DSCP 46) bound with its TLV on, PoE on.
func phonePort(t *testing.T, dev *clisim.OmniSwitch, name string) {
	t.Helper()
	p, _ := dev.Port(name)
	if p.Default != 10 || !slices.Equal(p.Tagged, []int{20}) || !slices.Equal(p.Bind, []int{1}) || !p.MEDTLV || p.PoEOff {
		t.Errorf("port %s: %+v", name, p)
	}
	if pol, ok := dev.Policy(1); !ok || pol != (clisim.OmniPolicy{App: "voice", VLAN: 20, Priority: 5, DSCP: 46}) {
		t.Errorf("network policy 1: %+v %t", pol, ok)
	}
}

// TestApplyVoicePorts: plan, apply, verify and save (write memory
// flash-synchro) on three phone ports of each release's emulator over SSH
// with voxlan's OmniSwitch platform, at the prompt (no configuration
// mode): VLAN 20 and network policy 1 created, each port tagged in 20 and
// bound to the policy with its TLV on, port 3's PoE turned on; the uplink
// is refused.
func TestApplyVoicePorts(t *testing.T) {
	for _, rel := range releases {
		t.Run(rel.name, func(t *testing.T) {
			l := newLab(t, rel)
			p, r, before := applytest.Run(t, l.Lab, ale_aos.Driver{}, voiceChanges(append(rel.phones(), rel.port("25"))...), apply.Options{Save: true})
			if r.Outcome != apply.OutcomeSaved || r.Failure != "" {
				t.Fatalf("outcome %q failure %q mismatches %v\nsent %+v", r.Outcome, r.Failure, r.Mismatches, r.Sent)
			}
			if p.Lines[0] != `vlan 20 name "VOICE"` || !strings.HasPrefix(p.Lines[1], "lldp network-policy 1 application voice vlan 20 l2-priority 5 dscp 46") ||
				len(p.Lines) != 2+3+3+4 {
				t.Errorf("plan lines:\n%s", strings.Join(p.Lines, "\n"))
			}
			if len(p.Refused) != 1 || p.Refused[0].Port != rel.port("25") || !strings.Contains(p.Refused[0].Reason, "uplink") {
				t.Errorf("refused %+v", p.Refused)
			}
			for _, port := range rel.phones() {
				phonePort(t, l.dev, port)
			}
			if p4, _ := l.dev.Port(rel.port("4")); p4.Default != 10 || len(p4.Tagged) != 0 || p4.MEDTLV {
				t.Errorf("port 4 outside the plan changed: %+v", p4)
			}
			if len(r.Ports) != 3 || r.Ports[0].Status != apply.PortAsPlanned || !strings.Contains(r.Ports[0].State, "med voice vlan 20 tagged priority 5 dscp 46") {
				t.Errorf("ports %+v", r.Ports)
			}
			if run := l.dev.RunningConfig(); l.dev.StartupConfig() == before || l.dev.StartupConfig() != run || l.dev.CertifiedConfig() != run {
				t.Error("configuration not saved to working and certified")
			}
			if r.SafetyNet != drivers.NoNetNote {
				t.Errorf("safety net %q", r.SafetyNet)
			}
			t.Logf("%s: %d lines, %d session(s), %d round trips, %v", rel.name, len(p.Lines), r.Sessions, r.RoundTrips, r.Elapsed)
		})
	}
}

// TestApplyTwiceIsEmpty: once applied, the same changes plan nothing, and
// the policy is reused rather than duplicated by a later port.
func TestApplyTwiceIsEmpty(t *testing.T) {
	rel := releases[1]
	l := newLab(t, rel)
	if _, r, _ := applytest.Run(t, l.Lab, ale_aos.Driver{}, voiceChanges(rel.port("1")), apply.Options{}); r.Outcome != apply.OutcomeApplied {
		t.Fatalf("outcome %q failure %q", r.Outcome, r.Failure)
	}
	p, r, _ := applytest.Run(t, l.Lab, ale_aos.Driver{}, voiceChanges(rel.port("1"), rel.port("2")), apply.Options{})
	if r.Outcome != apply.OutcomeApplied || slices.ContainsFunc(p.Lines, func(s string) bool {
		return strings.HasPrefix(s, "lldp network-policy") || strings.Contains(s, " 1/1/1 ")
	}) {
		t.Errorf("second plan %q: %q", r.Outcome, p.Lines)
	}
	if _, ok := l.dev.Policy(2); ok {
		t.Error("a second policy was created for the same values")
	}
}

// TestApplyFaults: a rejected line, a dropped session, an ignored line
// (verification catches it) and a slow switch all end in the backup state,
// byte for byte, every port restored, on both releases.
func TestApplyFaults(t *testing.T) {
	for _, rel := range releases {
		t.Run(rel.name, func(t *testing.T) {
			tag := "vlan 20 members port 1/1/2 tagged"
			if rel.aos == 6 {
				tag = "vlan 20 802.1q 1/2"
			}
			applytest.Classic(t, faultLab(rel), tag, `rejected "`+tag+`": ERROR: Invalid entry: "vlan"`, rel.port1TLV())
		})
	}
}

func (r release) port1TLV() string {
	if r.aos == 6 {
		return "lldp 1/1 tlv med network-policy enable"
	}
	return "lldp port 1/1/1 tlv med network-policy enable"
}

// TestFaults: the shared fault suite on both releases; OmniSwitch has no
// revert timer, so the saved (working and certified) configuration stays
// untouched until the change is verified.
func TestFaults(t *testing.T) {
	for _, rel := range releases {
		t.Run(rel.name, func(t *testing.T) { applytest.Faults(t, faultLab(rel)) })
	}
}

func faultLab(rel release) func(t *testing.T) applytest.FaultLab {
	return func(t *testing.T) applytest.FaultLab {
		l := newLab(t, rel)
		return applytest.FaultLab{Lab: l.Lab, Driver: ale_aos.Driver{}, Faults: l.dev.Faults,
			Startup: func() string { return l.dev.StartupConfig() + l.dev.CertifiedConfig() }, Changes: voiceChanges(rel.phones()...)}
	}
}
