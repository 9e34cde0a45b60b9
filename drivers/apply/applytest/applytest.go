// Package applytest plans and applies changes on a drivertest lab, for the
// OS drivers' apply tests.
package applytest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/drivertest"
)

// Run plans changes for switch sw1 with d and applies them with o (backups
// in l.Backups), returning the plan, the report and the device's running
// configuration before anything was sent. It fails the test on an error
// or if the lab's password shows in the plan or report.
func Run(t *testing.T, l *drivertest.Lab, d drivers.Driver, changes []audit.Change, o apply.Options) (*apply.SwitchPlan, *apply.Report, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	sess, err := l.Dial(ctx, l.Opts.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	p, err := apply.Plan(ctx, sess, d, "sw1", changes, apply.Guard{})
	if err != nil {
		t.Fatal(err)
	}
	before := l.Dev.RunningConfig()
	o.BackupDir = l.Backups
	r, err := apply.Apply(ctx, sess, l.Dial, p, o)
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

// Device is an emulated switch's configurations, as the tests read them
// back.
type Device interface {
	RunningConfig() string
	StartupConfig() string
}

// WantSaved checks what every driver's voice-port apply must end with: the
// change saved without a failure, the one port uplink refused as an
// uplink, ports ports reported as planned with the Voice policy
// (priority 5, DSCP 46) in their state, and dev's startup configuration
// changed from before to what runs. It logs the plan's size and the
// apply's round trips and time.
func WantSaved(t *testing.T, p *apply.SwitchPlan, r *apply.Report, before string, dev Device, uplink string, ports int) {
	t.Helper()
	if r.Outcome != apply.OutcomeSaved || r.Failure != "" {
		t.Fatalf("outcome %q failure %q mismatches %v\nsent %+v", r.Outcome, r.Failure, r.Mismatches, r.Sent)
	}
	if len(p.Refused) != 1 || p.Refused[0].Port != uplink || !strings.Contains(p.Refused[0].Reason, "uplink") {
		t.Errorf("refused %+v, want %s as an uplink", p.Refused, uplink)
	}
	if len(r.Ports) != ports || r.Ports[0].Status != apply.PortAsPlanned || !strings.Contains(r.Ports[0].State, "med voice vlan 20 tagged priority 5 dscp 46") {
		t.Errorf("ports %+v", r.Ports)
	}
	if dev.StartupConfig() == before || dev.StartupConfig() != dev.RunningConfig() {
		t.Error("configuration not saved")
	}
	t.Logf("%d lines, %d session(s), %d round trips, %v", len(p.Lines), r.Sessions, r.RoundTrips, r.Elapsed)
}
