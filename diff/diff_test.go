package diff

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
)

func finding(id string, st audit.Status) audit.Finding {
	parts := strings.Split(id, "/")
	f := audit.Finding{ID: id, Requirement: parts[0], Check: parts[1], Status: st}
	if len(parts) > 2 {
		f.Switch = parts[2]
	}
	if len(parts) > 3 {
		f.Port = strings.Join(parts[3:], "/")
	}
	return f
}

func res(at time.Time, fs ...audit.Finding) *audit.Result {
	r := &audit.Result{Schema: audit.Schema, Site: "hq", Profile: "wte", Engineering: audit.EngineeringStandard, TakenAt: at, Findings: fs}
	r.Verdict = audit.VerdictOf(fs)
	r.Normalize()
	return r
}

func TestCompareFindings(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	old := res(t0,
		finding("L2/poe-port/sw1/Gi1/0/1", audit.StatusFail),  // passes now: fixed
		finding("L10/link/sw1/Gi1/0/2", audit.StatusFail),     // gone, sw1 read: fixed
		finding("L2/poe-budget/sw1", audit.StatusUnknown),     // passes now: fixed
		finding("L7/cascade/sw1/Gi1/0/3", audit.StatusFail),   // still fails: unchanged
		finding("L10/labels", audit.StatusManual),             // manual both: unchanged
		finding("L8/voice-vlan/sw1", audit.StatusPass),        // passes both: counted
		finding("L5/lldp-med/sw1/Gi1/0/4", audit.StatusFail),  // warns now: changed
		finding("L10/fcs/sw1/Gi1/0/5", audit.StatusWarn),      // fails now: changed, a new failure
		finding("L2/poe-spare/sw1", audit.StatusPass),         // warns now: new
		finding("L9/vlan-placement/sw1", audit.StatusUnknown), // fails now: new
		finding("L7/cascade/sw2/Gi0/7", audit.StatusFail),     // gone, sw2 unreachable now: unverified
		finding("L7/cascade/sw3/1", audit.StatusWarn),         // gone with sw3: unverified
		finding("L2/poe-port/sw4/3", audit.StatusFail),        // gone, sw4 read in part: unverified
		finding("L1/managed/sw1", audit.StatusPass),           // passes both
		finding("L3/dot1q/sw1", audit.StatusPass),             // unknown now: changed
	)
	new := res(t0.Add(24*time.Hour),
		finding("L2/poe-port/sw1/Gi1/0/1", audit.StatusPass),
		finding("L2/poe-budget/sw1", audit.StatusPass),
		finding("L7/cascade/sw1/Gi1/0/3", audit.StatusFail),
		finding("L10/labels", audit.StatusManual),
		finding("L8/voice-vlan/sw1", audit.StatusPass),
		finding("L5/lldp-med/sw1/Gi1/0/4", audit.StatusWarn),
		finding("L10/fcs/sw1/Gi1/0/5", audit.StatusFail),
		finding("L2/poe-spare/sw1", audit.StatusWarn),
		finding("L9/vlan-placement/sw1", audit.StatusFail),
		finding("L1/reachable/sw2", audit.StatusUnknown),
		finding("L1/partial-poe/sw4", audit.StatusUnknown),
		finding("L1/managed/sw1", audit.StatusPass),
		finding("L3/dot1q/sw1", audit.StatusUnknown),
		finding("L10/link/sw1", audit.StatusPass),           // absent, passes: nothing to say
		finding("L7/cascade/sw1/Gi1/0/9", audit.StatusFail), // absent before: new
	)
	d := Compare(Audit{Ref: "hq@1", ID: 1, Result: old}, Audit{Ref: "hq@2", ID: 2, Result: new})

	check := func(name string, got, want []string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	check("fixed", d.Fixed, []string{"L2/poe-port/sw1/Gi1/0/1", "L2/poe-budget/sw1", "L10/link/sw1/Gi1/0/2"})
	check("new", d.New, []string{"L2/poe-spare/sw1", "L9/vlan-placement/sw1", "L7/cascade/sw1/Gi1/0/9"})
	check("unchanged", d.Unchanged, []string{"L7/cascade/sw1/Gi1/0/3", "L10/labels"})
	check("unverified", d.Unverified, []string{"L7/cascade/sw2/Gi0/7", "L7/cascade/sw3/1", "L2/poe-port/sw4/3"})
	var changed []string
	for _, c := range d.Changed {
		changed = append(changed, c.ID+":"+c.From+">"+c.To)
	}
	check("changed", changed, []string{"L5/lldp-med/sw1/Gi1/0/4:fail>warn", "L10/fcs/sw1/Gi1/0/5:warn>fail",
		"L1/reachable/sw2:absent>unknown", "L1/partial-poe/sw4:absent>unknown", "L3/dot1q/sw1:pass>unknown"})
	check("new failures", d.NewFailures(), []string{"L9/vlan-placement/sw1", "L7/cascade/sw1/Gi1/0/9", "L10/fcs/sw1/Gi1/0/5"})
	if !d.Worse() {
		t.Error("Worse() = false, want true")
	}
	want := Summary{Fixed: 3, New: 3, NewFail: 3, Unchanged: 2, Changed: 5, Unverified: 3, Passing: 2, Ports: 1}
	if d.Summary != want {
		t.Errorf("summary = %+v, want %+v", d.Summary, want)
	}
	// No snapshots: the switches are those the findings name; sw3 is no
	// longer audited.
	if d.SnapshotsCompared || len(d.Ports) != 1 || d.Ports[0].Switch != "sw3" || d.Ports[0].Change != PortRemoved {
		t.Errorf("ports = %+v (snapshots compared %v), want sw3 removed", d.Ports, d.SnapshotsCompared)
	}
	if o, n := d.Finding("L7/cascade/sw2/Gi0/7"); o == nil || n != nil {
		t.Errorf("Finding(gone) = %v, %v; want the old one only", o, n)
	}
	if d.OldAudit.Ref != "hq@1" || d.NewAudit.ID != 2 || d.NewAudit.Verdict != "fail" || d.Site != "hq" {
		t.Errorf("sides = %+v / %+v", d.OldAudit, d.NewAudit)
	}
}

func TestCompareNothingWorse(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	old := res(t0, finding("L2/poe-port/sw1/Gi1/0/1", audit.StatusFail), finding("L10/labels", audit.StatusManual),
		finding("L5/lldp-med/sw1/Gi1/0/4", audit.StatusFail))
	new := res(t0, finding("L2/poe-port/sw1/Gi1/0/1", audit.StatusPass), finding("L10/labels", audit.StatusManual),
		finding("L5/lldp-med/sw1/Gi1/0/4", audit.StatusWarn))
	d := Compare(Audit{Ref: "a.json", Result: old}, Audit{Ref: "b.json", Result: new})
	if d.Worse() || len(d.NewFailures()) != 0 {
		t.Errorf("Worse() = %v, new failures %v; want nothing worse (a fix, a fail now a warning)", d.Worse(), d.NewFailures())
	}
	// The same audit on both sides: nothing moves.
	same := Compare(Audit{Result: old}, Audit{Result: old})
	if same.Worse() || len(same.Fixed)+len(same.New)+len(same.Changed)+len(same.Unverified) != 0 || len(same.Unchanged) != 3 {
		t.Errorf("an audit against itself = %+v", same.Summary)
	}
}

// TestJSONShape checks the voxlan.diff/v1 keys and that lists are never null.
func TestJSONShape(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	d := Compare(Audit{Ref: "hq@1", Result: res(t0)}, Audit{Ref: "hq@2", Result: res(t0)})
	var buf bytes.Buffer
	if err := Encode(&buf, d); err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema", "site", "oldAudit", "newAudit", "fixed", "new", "unchanged", "changed", "unverified", "ports", "snapshotsCompared", "summary"} {
		v, ok := m[k]
		if !ok {
			t.Errorf("key %q missing", k)
		} else if string(v) == "null" {
			t.Errorf("key %q is null", k)
		}
	}
	if string(m["schema"]) != `"voxlan.diff/v1"` {
		t.Errorf("schema = %s", m["schema"])
	}
}
