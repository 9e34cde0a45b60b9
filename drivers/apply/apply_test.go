package apply

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/cisco_ios"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

type lab struct {
	*drivertest.Lab
	dev *clisim.IOS
}

func newLab(t *testing.T) *lab { return newLabB(t) }

func newLabB(t testing.TB) *lab {
	t.Helper()
	dev := clisim.NewIOS("SW1", 10, "198.18.1.2")
	dev.AddPhone("Gi1/0/1")
	l := &lab{Lab: drivertest.NewLab(t, dev, "admin", cisco_ios.Driver{}.Attrs()), dev: dev}
	l.Backups = filepath.Join(filepath.Dir(l.Backups), "state", "backups")
	return l
}

var (
	voice        = drivertest.Voice
	voiceChanges = drivertest.VoiceChanges
)

// run plans and applies changes, returning the plan, the report and the
// device's running configuration before anything was sent.
func (l *lab) run(t *testing.T, changes []audit.Change, g Guard, o Options) (*SwitchPlan, *Report, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	sess, err := l.Dial(ctx, l.Opts.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	d := cisco_ios.Driver{}
	p, err := Plan(ctx, sess, d, "sw1", changes, g)
	if err != nil {
		t.Fatal(err)
	}
	before := l.dev.RunningConfig()
	if o.BackupDir == "" {
		o.BackupDir = l.Backups
	}
	r, err := Apply(ctx, sess, l.Dial, p, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{r.Failure, r.Backup, strings.Join(p.Lines, "\n")} {
		if strings.Contains(s, l.Password) {
			t.Fatalf("password in report or plan: %q", s)
		}
	}
	return p, r, before
}

// assertBackupState checks the device is back to the configuration it
// had before the apply, and the report says so port by port.
func assertBackupState(t *testing.T, l *lab, r *Report, before string) {
	t.Helper()
	if r.Outcome != OutcomeRolledBack {
		t.Errorf("outcome %q (failure %q), want %q", r.Outcome, r.Failure, OutcomeRolledBack)
	}
	if after := l.dev.RunningConfig(); after != before {
		t.Errorf("device not back to the backup state:\n%s", lineDiff(before, after))
	}
	if len(r.Residual) != 0 {
		t.Errorf("residual differences reported: %v", r.Residual)
	}
	for _, pr := range r.Ports {
		if pr.Status != PortRestored {
			t.Errorf("port %s reported %q, want %q", pr.Port, pr.Status, PortRestored)
		}
	}
	if len(r.Ports) == 0 {
		t.Error("no port in the report")
	}
}

func lineDiff(a, b string) string {
	return strings.Join(diffLines(strings.Split(a, "\n"), strings.Split(b, "\n")), "\n")
}

func TestApplySuccessAndSave(t *testing.T) {
	l := newLab(t)
	p, r, _ := l.run(t, voiceChanges("Gi1/0/1", "Gi1/0/2", "GigabitEthernet1/0/3"), Guard{}, Options{Save: true})
	if r.Outcome != OutcomeSaved || r.Failure != "" {
		t.Fatalf("outcome %q failure %q mismatches %v", r.Outcome, r.Failure, r.Mismatches)
	}
	for _, name := range []string{"Gi1/0/1", "Gi1/0/2", "Gi1/0/3"} {
		port, _ := l.dev.Port(name)
		if port.VoiceVLAN != 20 || port.Profile == 0 || port.AccessVLAN != 10 {
			t.Errorf("%s: %+v", name, port)
		}
	}
	if len(r.Ports) != 3 || r.Ports[2].Status != PortAsPlanned {
		t.Errorf("ports: %+v", r.Ports)
	}
	if l.dev.StartupConfig() != l.dev.RunningConfig() {
		t.Error("--save did not write the startup configuration")
	}
	st, err := os.Stat(r.Backup)
	if err != nil || st.Mode().Perm() != 0o600 || !strings.HasPrefix(r.Backup, l.Backups) {
		t.Fatalf("backup %q: %v %v", r.Backup, st, err)
	}
	if r.Sessions != 1 {
		t.Errorf("%d sessions, want 1", r.Sessions)
	}
	// The plan's diff shows the voice VLAN line added under the interface.
	found := false
	for _, sd := range p.Diff {
		if sd.Title == "interface GigabitEthernet1/0/2" && slices.Contains(sd.Lines, "+ switchport voice vlan 20") {
			found = true
		}
	}
	if !found {
		t.Errorf("diff lacks the voice VLAN line: %+v", p.Diff)
	}
}

func TestApplyRejectedLine(t *testing.T) {
	l := newLab(t)
	l.dev.Faults.Reject = "switchport voice vlan 20"
	_, r, before := l.run(t, voiceChanges("Gi1/0/1", "Gi1/0/2"), Guard{}, Options{})
	assertBackupState(t, l, r, before)
	if !strings.Contains(r.Failure, `rejected "switchport voice vlan 20"`) || !strings.Contains(r.Failure, "% Invalid input") {
		t.Errorf("failure %q does not name the line and the switch's error", r.Failure)
	}
	// Nothing after the rejected line's batch was sent.
	if last := r.Sent[len(r.Sent)-1]; last.Error != "" && len(r.Sent) >= len(voiceChanges("Gi1/0/1", "Gi1/0/2")) {
		t.Errorf("sent past the error: %+v", r.Sent)
	}
}

func TestApplyRejectedLineStopsAtOnce(t *testing.T) {
	l := newLab(t)
	l.dev.Faults.Reject = "switchport voice vlan 20"
	_, r, before := l.run(t, voiceChanges("Gi1/0/1", "Gi1/0/2"), Guard{}, Options{Batch: 1})
	assertBackupState(t, l, r, before)
	if last := r.Sent[len(r.Sent)-1]; last.Line != "switchport voice vlan 20" || last.Error == "" {
		t.Errorf("with one line per write the last line sent should be the rejected one, got %+v", last)
	}
}

func TestApplySessionDropped(t *testing.T) {
	l := newLab(t)
	l.dev.Faults.DropAfterConfigLines = 12
	_, r, before := l.run(t, voiceChanges("Gi1/0/1", "Gi1/0/2", "Gi1/0/3"), Guard{}, Options{Batch: 4})
	assertBackupState(t, l, r, before)
	if !errors.Is(errors.New(r.Failure), drivers.ErrSessionLost) && !strings.Contains(r.Failure, "session lost") {
		t.Errorf("failure %q does not say the session was lost", r.Failure)
	}
	if r.Sessions != 2 {
		t.Errorf("%d sessions, want 2 (apply + rollback)", r.Sessions)
	}
}

func TestApplyVerifyMismatch(t *testing.T) {
	l := newLab(t)
	l.dev.Faults.Ignore = "power inline auto"
	sh := l.dev.NewShell()
	for _, c := range []string{"configure terminal", "interface Gi1/0/2", "power inline never", "end"} {
		sh.Exec(c)
	}
	_, r, before := l.run(t, voiceChanges("Gi1/0/1", "Gi1/0/2"), Guard{}, Options{})
	assertBackupState(t, l, r, before)
	if len(r.Mismatches) != 1 || r.Mismatches[0].Object != "port Gi1/0/2" || r.Mismatches[0].Field != "poe" {
		t.Errorf("mismatches %v, want the ignored PoE line on Gi1/0/2", r.Mismatches)
	}
}

func TestApplySlowDevice(t *testing.T) {
	if testing.Short() {
		t.Skip("slow device test takes ~10 s")
	}
	l := newLab(t)
	sh := l.dev.NewShell()
	for _, c := range []string{"configure terminal", "vlan 20", "exit", "interface Gi1/0/2", "power inline never", "end"} {
		sh.Exec(c)
	}
	// Slow from the change's first line on (arming the revert timer
	// before it is not what this test is about).
	l.dev.Faults.SetHooks(func(_ int, line string) {
		if strings.HasPrefix(line, "interface") {
			l.dev.Faults.SetConfigDelay(time.Second)
		}
	}, nil)
	l.dev.SetArchivePath("flash:archive")
	l.Opts.Timeout = 300 * time.Millisecond
	changes := []audit.Change{
		{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: "Gi1/0/2", VLAN: 20},
		{Kind: audit.ChangeEnablePoE, Switch: "sw1", Port: "Gi1/0/2"},
	}
	_, r, before := l.run(t, changes, Guard{}, Options{RollbackTimeout: 5 * time.Second})
	assertBackupState(t, l, r, before)
	if !strings.Contains(r.Failure, "timed out") {
		t.Errorf("failure %q does not say the switch timed out", r.Failure)
	}
}

func TestPlanRefusesUplinkAndProtected(t *testing.T) {
	l := newLab(t)
	sh := l.dev.NewShell()
	sh.Exec("configure terminal")
	sh.Exec("lldp run")
	cs := voiceChanges("Gi1/0/1", "Te1/1/1", "Gi1/0/48")
	p, r, _ := l.run(t, cs, Guard{Protect: []string{"GigabitEthernet1/0/48"}}, Options{})
	if r.Outcome != OutcomeApplied {
		t.Fatalf("outcome %q: %s", r.Outcome, r.Failure)
	}
	if len(p.Refused) != 2 || p.Refused[0].Port != "Gi1/0/48" || p.Refused[1].Port != "Te1/1/1" ||
		!strings.Contains(p.Refused[1].Reason, "core1 is a bridge/router") || !strings.Contains(p.Refused[0].Reason, "management") {
		t.Fatalf("refused %+v", p.Refused)
	}
	if !slices.Equal(p.Ports, []string{"Gi1/0/1"}) {
		t.Errorf("plan touches %v, want only the phone port Gi1/0/1 (its neighbour is bridge+telephone)", p.Ports)
	}
	for _, line := range p.Lines {
		if strings.Contains(line, "TenGigabitEthernet") || strings.Contains(line, "1/0/48") {
			t.Errorf("plan line %q touches a refused port", line)
		}
	}
	if up, _ := l.dev.Port("Te1/1/1"); up.VoiceVLAN != 0 || up.Mode != "trunk" {
		t.Errorf("uplink changed: %+v", up)
	}
}

func TestBackupNameHasNoSecret(t *testing.T) {
	n := backupName("admin:hunter2@sw1.example:22", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if strings.Contains(n, "hunter2") || strings.Contains(n, "admin") || n != "sw1.example_22-20260102T030405.000Z.cfg" {
		t.Errorf("got %q", n)
	}
}

func TestGuardTrunkRule(t *testing.T) {
	g := Guard{}
	trunkAll := &drivers.Port{Mode: drivers.ModeTrunk}
	trunkTwo := &drivers.Port{Mode: drivers.ModeTrunk, TaggedVLANs: []int{10, 20}}
	trunkMany := &drivers.Port{Mode: drivers.ModeTrunk, TaggedVLANs: []int{10, 20, 30}}
	if g.uplinkReason(trunkAll, nil) == "" || g.uplinkReason(trunkMany, nil) == "" {
		t.Error("a trunk of every VLAN or of three VLANs is not treated as an uplink")
	}
	if r := g.uplinkReason(trunkTwo, nil); r != "" {
		t.Errorf("a data+voice trunk refused: %s", r)
	}
}

func TestGuardManagementVLAN(t *testing.T) {
	l := newLab(t)
	sh := l.dev.NewShell()
	for _, c := range []string{"configure terminal", "interface Gi1/0/5", "switchport access vlan 99", "end"} {
		sh.Exec(c)
	}
	cs := append(voiceChanges("Gi1/0/4"), audit.Change{Kind: audit.ChangeSetDataVLAN, Switch: "sw1", Port: "Gi1/0/5", VLAN: 10},
		audit.Change{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: "Gi1/0/5", VLAN: 20})
	p, r, _ := l.run(t, cs, Guard{}, Options{})
	if r.Outcome != OutcomeApplied {
		t.Fatalf("outcome %q: %s", r.Outcome, r.Failure)
	}
	if len(p.Refused) != 1 || p.Refused[0].Port != "Gi1/0/5" || !strings.Contains(p.Refused[0].Reason, "management VLAN 99") || p.Refused[0].Changes != 2 {
		t.Fatalf("refused %+v, want Gi1/0/5 in the management VLAN", p.Refused)
	}
	if port, _ := l.dev.Port("Gi1/0/5"); port.AccessVLAN != 99 || port.VoiceVLAN != 0 {
		t.Errorf("Gi1/0/5 touched: %+v", port)
	}
}

// TestPlanRefusesUplinkSeenOverCDP: LLDP is off (the IOS default), CDP
// names the uplink's neighbour a router/switch, the phone a phone.
func TestPlanRefusesUplinkSeenOverCDP(t *testing.T) {
	l := newLab(t)
	sess, err := l.Dial(t.Context(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	p, err := Plan(t.Context(), sess, cisco_ios.Driver{}, "sw1", voiceChanges("Gi1/0/1", "Te1/1/1"), Guard{MaxTrunkVLANs: 4094})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Refused) != 1 || p.Refused[0].Port != "Te1/1/1" || !strings.Contains(p.Refused[0].Reason, "core1 is a bridge/router") {
		t.Fatalf("refused %+v, want the uplink by its CDP neighbour", p.Refused)
	}
	if !slices.Equal(p.Ports, []string{"Gi1/0/1"}) {
		t.Errorf("plan touches %v", p.Ports)
	}
}
