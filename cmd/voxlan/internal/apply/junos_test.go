package apply

import (
	"strings"
	"testing"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/plan/plantest"
	dapply "github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/lab/clisim"
)

// junosLab is the Junos emulator with an audit asking for voice on two
// access ports and the uplink.
func junosLab(t *testing.T) (*plantest.Lab, *clisim.Junos) {
	dev := clisim.NewJunos("ex2300-1", 10, "198.18.1.2")
	dev.AddPhone("ge-0/0/0")
	return plantest.NewLabWith(t, dev, "ge-0/0/0", "ge-0/0/1", "ge-0/1/0"), dev
}

// TestApplyJunos: voxlan apply on a Junos switch stages the change in
// configure exclusive, commits it confirmed, verifies and confirms; the
// uplink is refused.
func TestApplyJunos(t *testing.T) {
	l, dev := junosLab(t)
	io, out, errOut := testIO()
	o := opts(t, l, io)
	o.Source.Platform = "juniper_junos"
	if err := applyRun(t.Context(), o); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	r := oneReport(t, out.Bytes())
	if r.Outcome != dapply.OutcomeApplied || len(r.Ports) != 2 || len(r.Refused) != 1 || r.Refused[0].Port != "ge-0/1/0" {
		t.Fatalf("report %+v", r)
	}
	if !strings.Contains(r.SafetyNet, "commit confirmed 5") || dev.ConfirmPending() {
		t.Errorf("net %q, confirmation pending %v", r.SafetyNet, dev.ConfirmPending())
	}
	for _, want := range []string{"set switch-options voip interface ge-0/0/0.0 vlan VOICE\n", "set switch-options voip interface ge-0/0/1.0 forwarding-class expedited-forwarding\n"} {
		if !strings.Contains(dev.RunningConfig(), want) {
			t.Errorf("committed configuration lacks %q", want)
		}
	}
	if !strings.Contains(errOut.String(), "commit confirmed 5") {
		t.Errorf("progress does not name the commit:\n%s", errOut)
	}
}

// TestApplyJunosRefusedCommit: a change Junos' commit refuses leaves the
// switch as it was, and voxlan exits non-zero saying so.
func TestApplyJunosRefusedCommit(t *testing.T) {
	l, dev := junosLab(t)
	dev.Faults.Reject = "set vlans VOICE vlan-id 20"
	before := dev.RunningConfig()
	commits := dev.Commits()
	io, out, _ := testIO()
	o := opts(t, l, io)
	o.Source.Platform = "juniper_junos"
	o.Output = "table"
	if err := applyRun(t.Context(), o); cmdutil.CodeFor(err) != cmdutil.ExitFailure {
		t.Fatalf("got %v, want exit 1", err)
	}
	if dev.RunningConfig() != before || dev.Commits() != commits {
		t.Error("the switch changed after a refused line")
	}
	for _, want := range []string{"rolled back", `rejected "set vlans VOICE vlan-id 20": syntax error.`, "restored to backup"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
