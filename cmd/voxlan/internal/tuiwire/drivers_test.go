package tuiwire

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/plan/plantest"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/tuiwire/uitest"
	"github.com/voxlan/voxlan/snapshot"
	ui "github.com/voxlan/voxlan/tui"
	"github.com/voxlan/voxlan/tui/common"
)

// TestPlanScreenAppliesOverSSH: the Plan screen of the UI shows the diff
// the cisco_ios driver reads from an emulated IOS switch over SSH, sends
// nothing until the switch's name is typed, then applies and verifies.
func TestPlanScreenAppliesOverSSH(t *testing.T) {
	lab := plantest.NewLab(t, "Gi1/0/3")
	rec, tm := planScreen(t, lab)
	typeName(t, rec, tm, "SW1")
	screen := rec.WaitFor(t, 30*time.Second, "applied and verified on SW1", "Gi1/0/3", "applied: as planned", "backup: ")
	t.Logf("after apply:\n%s", screen)
}

// TestPlanScreenShowsRollback: the switch rejects a line; the screen says
// plainly that the backup state was restored and what each port is in.
func TestPlanScreenShowsRollback(t *testing.T) {
	lab := plantest.NewLab(t, "Gi1/0/3")
	lab.Dev.Faults.Reject = "switchport voice vlan 20"
	rec, tm := planScreen(t, lab)
	typeName(t, rec, tm, "yes")
	screen := rec.WaitFor(t, 60*time.Second, "ROLLED BACK on SW1", "the backup state was restored", "Gi1/0/3", "restored to backup")
	t.Logf("after the rejected line:\n%s", screen)
}

func typeName(t *testing.T, rec *uitest.Recorder, tm *teatest.TestModel, name string) {
	tm.Send(tea.KeyPressMsg{Code: 'a', Text: "a"})
	rec.WaitFor(t, 5*time.Second, "Type SW1 or yes")
	for _, r := range name {
		tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
}

// planScreen opens the UI on the lab's switch with the drivers wired and
// waits for its diff on the Plan screen.
func planScreen(t *testing.T, lab *plantest.Lab) (*uitest.Recorder, *teatest.TestModel) {
	t.Helper()
	f, err := os.Open(lab.AuditFile)
	if err != nil {
		t.Fatal(err)
	}
	res, err := audit.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	getenv := func(k string) string { return lab.Env[k] }
	auditFn, render, apply, err := Drivers(getenv, DriverOptions{Platform: "cisco_ios", SSHPort: lab.Port, AcceptNewKey: true,
		KnownHosts: filepath.Join(lab.Env["HOME"], "known_hosts"), BackupDir: filepath.Join(lab.Env["HOME"], "backups"), Timeout: 5 * time.Second},
		func(context.Context, *snapshot.Snapshot) (*audit.Result, error) { return res, nil })
	if err != nil {
		t.Fatal(err)
	}
	snap := &snapshot.Snapshot{Site: "lab", Switches: []snapshot.Switch{{Target: "127.0.0.1", SysName: "SW1"}}}
	rec := uitest.NewRecorder(ui.New(&common.Deps{Site: "lab", Snapshot: snap, Audit: auditFn, Render: render, Apply: apply}))
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(100, 40))
	t.Cleanup(func() { _ = tm.Quit() })

	tm.Send(tea.KeyPressMsg{Code: '5', Text: "5"})
	screen := rec.WaitFor(t, 20*time.Second, "Plan for site lab", "SW1 (", "line(s) to send (cisco_ios)", "+ switchport voice vlan 20")
	t.Logf("Plan screen:\n%s", screen)
	return rec, tm
}
