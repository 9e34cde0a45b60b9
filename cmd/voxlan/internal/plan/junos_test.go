package plan

import (
	"strings"
	"testing"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/plan/plantest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// TestPlanJunos: voxlan plan on a Junos switch prints set statements, the
// diff in display-set form, the uplink refused, and the commit confirmed
// net; nothing is sent.
func TestPlanJunos(t *testing.T) {
	dev := clisim.NewJunos("ex2300-1", 10, "198.18.1.2")
	l := plantest.NewLabWith(t, dev, "ge-0/0/0", "ge-0/1/0")
	before, commits := dev.RunningConfig(), dev.Commits()
	io, out, errOut := testIO()
	src := source(t, l)
	src.Platform = "juniper_junos"
	if err := planRun(t.Context(), &PlanOptions{IO: io, Source: src, Output: "table"}); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	for _, want := range []string{"(juniper_junos)", "set vlans VOICE vlan-id 20", "+set switch-options voip interface ge-0/0/0.0 vlan VOICE",
		"refused ge-0/1/0: uplink: LLDP neighbour core1 is a bridge/router", "commit confirmed 5"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("plan lacks %q:\n%s", want, out)
		}
	}
	if dev.RunningConfig() != before || dev.Commits() != commits {
		t.Error("plan changed the switch")
	}
}
