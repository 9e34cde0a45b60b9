package cisco_sb_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/apply/applytest"
	"github.com/voxlan/voxlan/drivers/cisco_sb"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// sbLab is the SB emulator behind the in-process SSH server on loopback,
// reached through drivers/ssh with the driver's own scrapligo platform.
type sbLab struct {
	*drivertest.Lab
	dev *clisim.SB
}

func newSBLab(t testing.TB) *sbLab {
	t.Helper()
	dev := clisim.NewSB("sw1", 10, "198.18.1.2")
	for _, p := range []string{"gi1", "gi2", "gi3"} {
		dev.AddPhone(p)
	}
	return &sbLab{Lab: drivertest.NewLab(t, dev, "admin", cisco_sb.Driver{}.Attrs()), dev: dev}
}

var (
	voice        = drivertest.Voice
	voiceChanges = drivertest.VoiceChanges
)

func (l *sbLab) run(t *testing.T, changes []audit.Change, o apply.Options) (*apply.SwitchPlan, *apply.Report, string) {
	t.Helper()
	return applytest.Run(t, l.Lab, cisco_sb.Driver{}, changes, o)
}

func TestApplyVoiceOnPhonePorts(t *testing.T) {
	l := newSBLab(t)
	// gi28 is the uplink (trunk, LLDP bridge/router neighbour): refused.
	p, r, _ := l.run(t, voiceChanges("gi1", "GigabitEthernet2", "gi3", "gi28"), apply.Options{Save: true})
	if r.Outcome != apply.OutcomeSaved || r.Failure != "" {
		t.Fatalf("outcome %q failure %q mismatches %v sent %+v", r.Outcome, r.Failure, r.Mismatches, r.Sent)
	}
	if len(p.Refused) != 1 || p.Refused[0].Port != "gi28" || !strings.Contains(p.Refused[0].Reason, "core1") {
		t.Errorf("refused %+v", p.Refused)
	}
	for _, name := range []string{"gi1", "gi2", "gi3"} {
		port, _ := l.dev.Port(name)
		if port.Mode != "general" || port.PVID != 10 || len(port.GeneralTagged) != 1 || port.GeneralTagged[0] != 20 || len(port.Policies) != 1 {
			t.Errorf("%s: %+v", name, port)
		}
	}
	if l.dev.VoiceVLAN() != 20 {
		t.Errorf("voice vlan id %d", l.dev.VoiceVLAN())
	}
	if up, _ := l.dev.Port("gi28"); up.Mode != "trunk" || len(up.GeneralTagged) != 0 {
		t.Errorf("uplink changed: %+v", up)
	}
	if len(r.Ports) != 3 || r.Ports[0].Status != apply.PortAsPlanned || r.Ports[2].Status != apply.PortAsPlanned {
		t.Errorf("ports %+v", r.Ports)
	}
	if l.dev.StartupConfig() != l.dev.RunningConfig() {
		t.Error("--save did not write the startup configuration")
	}
	if r.Sessions != 1 {
		t.Errorf("%d sessions", r.Sessions)
	}
	t.Logf("%d lines, %d round trips", len(p.Lines), r.RoundTrips)
}

// TestApplyRejectedLineRollsBack: the switch rejects the policy line of the
// first port after its mode and VLAN lines went in; everything sent before
// is rolled back to the backup and the report says so port by port.
func TestApplyRejectedLineRollsBack(t *testing.T) {
	l := newSBLab(t)
	l.dev.Faults.Reject = "lldp med network-policy add 1"
	_, r, before := l.run(t, voiceChanges("gi1", "gi2"), apply.Options{Batch: 1})
	if r.Outcome != apply.OutcomeRolledBack {
		t.Fatalf("outcome %q failure %q", r.Outcome, r.Failure)
	}
	if !strings.Contains(r.Failure, `rejected "lldp med network-policy add 1"`) || !strings.Contains(r.Failure, "% bad parameter value") {
		t.Errorf("failure %q does not name the line and the switch's error", r.Failure)
	}
	if last := r.Sent[len(r.Sent)-1]; last.Line != "lldp med network-policy add 1" || last.Error == "" {
		t.Errorf("sent past the rejected line: %+v", last)
	}
	if after := l.dev.RunningConfig(); after != before {
		t.Errorf("not back to the backup:\n--- before\n%s\n--- after\n%s", before, after)
	}
	sentGeneral := false
	for _, s := range r.Sent {
		sentGeneral = sentGeneral || s.Line == "switchport general allowed vlan add 20 tagged"
	}
	if !sentGeneral {
		t.Error("the fault fired before any change reached the switch; nothing was rolled back")
	}
	if len(r.Residual) != 0 || len(r.Rollback) == 0 {
		t.Errorf("residual %v, rollback lines %d", r.Residual, len(r.Rollback))
	}
	if len(r.Ports) != 2 {
		t.Fatalf("ports %+v", r.Ports)
	}
	for _, pr := range r.Ports {
		if pr.Status != apply.PortRestored || !strings.Contains(pr.State, "mode default, data vlan 10, voice vlan 0, tagged [], poe on") {
			t.Errorf("port %s: %q %q", pr.Port, pr.Status, pr.State)
		}
	}
}

// assertRestored checks the switch holds its backup configuration again and
// the report says so for every port.
func assertRestored(t *testing.T, l *sbLab, r *apply.Report, before string) {
	t.Helper()
	if r.Outcome != apply.OutcomeRolledBack {
		t.Errorf("outcome %q (failure %q)", r.Outcome, r.Failure)
	}
	if after := l.dev.RunningConfig(); after != before {
		t.Errorf("not back to the backup:\n--- before\n%s\n--- after\n%s", before, after)
	}
	if len(r.Residual) != 0 || len(r.Ports) == 0 {
		t.Errorf("residual %v, ports %+v", r.Residual, r.Ports)
	}
	for _, pr := range r.Ports {
		if pr.Status != apply.PortRestored {
			t.Errorf("port %s: %q", pr.Port, pr.Status)
		}
	}
}

func TestApplySessionDroppedRollsBack(t *testing.T) {
	l := newSBLab(t)
	l.dev.Faults.DropAfterConfigLines = 14
	_, r, before := l.run(t, voiceChanges("gi1", "gi2", "gi3"), apply.Options{Batch: 4})
	assertRestored(t, l, r, before)
	if !strings.Contains(r.Failure, "session lost") || r.Sessions != 2 {
		t.Errorf("failure %q, %d sessions (want the loss named and a second session for the rollback)", r.Failure, r.Sessions)
	}
}

func TestApplyVerifyMismatchRollsBack(t *testing.T) {
	l := newSBLab(t)
	sh := l.dev.NewShell()
	for _, c := range []string{"configure terminal", "interface gi2", "power inline never", "end"} {
		sh.Exec(c)
	}
	l.dev.Faults.Ignore = "power inline auto"
	_, r, before := l.run(t, voiceChanges("gi1", "gi2"), apply.Options{})
	assertRestored(t, l, r, before)
	if len(r.Mismatches) != 1 || r.Mismatches[0].Object != "port gi2" || r.Mismatches[0].Field != "poe" {
		t.Errorf("mismatches %v, want the ignored PoE line on gi2", r.Mismatches)
	}
}

func TestApplySlowDeviceRollsBack(t *testing.T) {
	if testing.Short() {
		t.Skip("slow device test takes ~10 s")
	}
	l := newSBLab(t)
	sh := l.dev.NewShell()
	for _, c := range []string{"configure terminal", "vlan database", "vlan 20", "exit", "voice vlan id 20", "interface gi2",
		"switchport mode general", "power inline never", "end"} {
		sh.Exec(c)
	}
	l.dev.Faults.ConfigDelay = time.Second
	l.Opts.Timeout = 300 * time.Millisecond
	changes := []audit.Change{
		{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: "gi2", VLAN: 20},
		{Kind: audit.ChangeEnablePoE, Switch: "sw1", Port: "gi2"},
	}
	_, r, before := l.run(t, changes, apply.Options{RollbackTimeout: 5 * time.Second})
	assertRestored(t, l, r, before)
	if !strings.Contains(r.Failure, "timed out") {
		t.Errorf("failure %q does not say the switch timed out", r.Failure)
	}
}

// BenchmarkApply24 plans, applies and verifies voice on all 24 access ports
// of one emulated SB switch over SSH on loopback: lines pipelined 32 per
// write, and one line per round trip as the naive baseline.
func BenchmarkApply24(b *testing.B) {
	ports := make([]string, 24)
	for i := range ports {
		ports[i] = "gi" + strconv.Itoa(i+1)
	}
	changes := voiceChanges(ports...)
	for _, batch := range []int{32, 1} {
		b.Run("batch="+strconv.Itoa(batch), func(b *testing.B) {
			var sessions, trips, lines int
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				l := newSBLab(b)
				b.StartTimer()
				ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
				sess, err := l.Dial(ctx, 10*time.Second)
				if err != nil {
					b.Fatal(err)
				}
				p, err := apply.Plan(ctx, sess, cisco_sb.Driver{}, "sw1", changes, apply.Guard{})
				if err != nil {
					b.Fatal(err)
				}
				r, err := apply.Apply(ctx, sess, l.Dial, p, apply.Options{BackupDir: b.TempDir(), Batch: batch})
				cancel()
				if err != nil || r.Outcome != apply.OutcomeApplied {
					b.Fatalf("%v %s %s", err, r.Outcome, r.Failure)
				}
				b.StopTimer()
				sessions, trips, lines = r.Sessions, r.RoundTrips, len(r.Sent)
				l.Srv.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(sessions), "sessions/op")
			b.ReportMetric(float64(trips), "roundtrips/op")
			b.ReportMetric(float64(lines), "lines/op")
		})
	}
}

// TestApplyVoiceOnGeneralPortVerifies applies the change plan the audit
// writes for a phone on a port already in general mode (hybrid with the
// voice VLAN in its tagged list, and the voice VLAN): the switch reads the
// tagged voice VLAN back as the port's voice VLAN, which must verify as
// planned instead of rolling back.
func TestApplyVoiceOnGeneralPortVerifies(t *testing.T) {
	l := newSBLab(t)
	sh := l.dev.NewShell()
	for _, c := range []string{"configure terminal", "interface gi4", "switchport mode general",
		"switchport general allowed vlan add 10 untagged", "switchport general pvid 10", "end"} {
		sh.Exec(c)
	}
	changes := []audit.Change{
		{Kind: audit.ChangeCreateVLAN, Switch: "sw1", VLAN: 20, Name: "VOICE", Voice: true},
		{Kind: audit.ChangeSetPortMode, Switch: "sw1", Port: "gi4", Mode: audit.PortModeHybrid, TaggedVLANs: []int{20}},
		{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: "gi4", VLAN: 20},
	}
	cur, err := cisco_sb.Driver{}.ParseConfig(l.dev.RunningConfig())
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := cisco_sb.Driver{}.Want(cur, changes)
	if err != nil {
		t.Fatal(err)
	}
	if w := want.Ports["gi4"]; w.VoiceVLAN != 20 || len(w.TaggedVLANs) != 0 {
		t.Errorf("wanted gi4 %s: the voice VLAN belongs in VoiceVLAN, not the tagged list", drivers.PortState(w))
	}
	_, r, _ := l.run(t, changes, apply.Options{})
	if r.Outcome != apply.OutcomeApplied || r.Failure != "" || len(r.Mismatches) != 0 {
		t.Fatalf("outcome %q failure %q mismatches %v sent %+v", r.Outcome, r.Failure, r.Mismatches, r.Sent)
	}
	if len(r.Ports) != 1 || r.Ports[0].Status != apply.PortAsPlanned {
		t.Errorf("ports %+v", r.Ports)
	}
	port, _ := l.dev.Port("gi4")
	if port.Mode != "general" || port.PVID != 10 || len(port.GeneralTagged) != 1 || port.GeneralTagged[0] != 20 {
		t.Errorf("gi4: %+v", port)
	}
	if l.dev.VoiceVLAN() != 20 {
		t.Errorf("voice vlan id %d", l.dev.VoiceVLAN())
	}
}
