package apply

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers/cisco_ios"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/snapshot"
)

// TestApplyAuditPlan closes the loop: the emulated switch is read into a
// snapshot by the driver's own show commands, audited with the generic
// profile, and the audit's change plan (hybrid mode with the voice VLAN
// tagged, voice VLAN, VLAN creation, spare ports) is planned and applied;
// then the switch is read and audited again.
func TestApplyAuditPlan(t *testing.T) {
	l := newLab(t)
	for _, p := range []string{"Gi1/0/2", "Gi1/0/3"} {
		l.dev.AddPhone(p)
	}
	sh := l.dev.NewShell()
	sh.Exec("configure terminal")
	sh.Exec("lldp run")
	sh.Exec("end")
	site := audit.Site{Name: "lab", Engineering: audit.EngineeringVoiceVLAN, DataVLAN: 10, VoiceVLAN: 20, Users: 10}
	prof, err := profile.Load("generic")
	if err != nil {
		t.Fatal(err)
	}
	read := func() *audit.Result {
		outs := map[string]string{}
		d := cisco_ios.Driver{}
		for _, c := range d.Commands() {
			outs[c], _ = l.dev.NewShell().Exec(c)
		}
		sw := snapshot.Switch{Target: "sw1"}
		if err := d.Fill(&sw, outs); err != nil {
			t.Fatal(err)
		}
		snap := snapshot.New("lab")
		snap.Switches = append(snap.Switches, sw)
		return audit.Run(snap, prof, site)
	}
	plan := audit.BuildPlan(read())
	changes := plan.For("sw1")
	if len(changes) == 0 {
		t.Fatal("the audit asked for no change")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	sess, err := l.Dial(ctx, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Plan(ctx, sess, cisco_ios.Driver{}, "sw1", changes, Guard{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Apply(ctx, sess, l.Dial, p, Options{BackupDir: l.Backups})
	if err != nil || r.Outcome != OutcomeApplied {
		t.Fatalf("%v: outcome %q failure %q mismatches %v", err, r.Outcome, r.Failure, r.Mismatches)
	}
	for _, ref := range p.Refused {
		if ref.Port != "Te1/1/1" && !strings.HasPrefix(ref.Port, "Vlan") {
			t.Errorf("refused %+v", ref)
		}
	}
	for _, name := range []string{"Gi1/0/1", "Gi1/0/2", "Gi1/0/3"} {
		if port, _ := l.dev.Port(name); port.VoiceVLAN != 20 || port.AccessVLAN != 10 || port.Mode != "access" {
			t.Errorf("%s after apply: %+v", name, port)
		}
	}
	// The changes the audit asked for are done: it asks for none of them
	// again on the ports the plan touched.
	for _, c := range audit.BuildPlan(read()).For("sw1") {
		if slices.Contains(p.Ports, c.Port) && (c.Kind == audit.ChangeSetVoiceVLAN || c.Kind == audit.ChangeSetPortMode) {
			t.Errorf("after apply the audit still asks for %s on %s", c.Kind, c.Port)
		}
	}
}
