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
