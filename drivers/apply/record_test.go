package apply

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/drivers"
)

// What `voxlan apply -o json` and `voxlan plan -o json` write decodes back
// whole through the decoders the report uses; anything else is refused
// with the sentinel and the command that writes the right document.
func TestDocumentsRoundTrip(t *testing.T) {
	rec := &Record{Schema: RecordSchema, Errors: []SwitchError{{Switch: "10.0.0.9", Error: "ssh: authentication failed"}},
		Reports: []*Report{{
			Switch: "10.20.0.12", Platform: "cisco_ios", Outcome: OutcomeRolledBack, Backup: "/state/backups/sw2.cfg",
			Failure:    "line rejected",
			Sent:       []drivers.LineResult{{Line: "interface Gi1/0/5"}, {Line: "switchport voice vlan 20", Error: "% Invalid input detected"}},
			Mismatches: []drivers.Mismatch{{Object: "port Gi1/0/5", Field: "voiceVlan", Want: "20", Got: "0"}},
			Residual:   []drivers.Mismatch{},
			Ports:      []PortReport{{Port: "Gi1/0/5", Status: PortRestored, State: "access 10"}},
			Refused:    []Refusal{{Port: "Gi1/0/48", Reason: "uplink", Changes: 2}},
			Sessions:   2, RoundTrips: 7, Elapsed: 1500 * time.Millisecond, RollbackSeconds: 0.8,
		}}}
	data, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeRecord(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, rec) {
		t.Errorf("apply record decoded as\n%+v\nwant\n%+v", got.Reports[0], rec.Reports[0])
	}

	plan := &PlanDocument{Schema: PlanSchema, Errors: []SwitchError{},
		Switches: []*SwitchPlan{{Switch: "10.20.0.11", Platform: "cisco_ios", Lines: []string{"interface Gi1/0/5", " switchport voice vlan 20"},
			Diff:    []SectionDiff{{Title: "interface Gi1/0/5", Lines: []string{"+ switchport voice vlan 20"}}},
			Refused: []Refusal{}, Ports: []string{"Gi1/0/5"}}}}
	if data, err = json.Marshal(plan); err != nil {
		t.Fatal(err)
	}
	gotPlan, err := DecodePlanDocument(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotPlan, plan) {
		t.Errorf("plan decoded as %+v, want %+v", gotPlan.Switches[0], plan.Switches[0])
	}

	for _, tc := range []struct {
		data     string
		decode   func([]byte) error
		sentinel error
		names    string
	}{
		{`{"schema":"voxlan.plan/v1"}`, func(b []byte) error { _, err := DecodeRecord(b); return err }, ErrNotRecord, "voxlan apply -o json"},
		{`not json`, func(b []byte) error { _, err := DecodeRecord(b); return err }, ErrNotRecord, ""},
		{`{"schema":"voxlan.apply/v1"}`, func(b []byte) error { _, err := DecodePlanDocument(b); return err }, ErrNotPlan, "voxlan plan -o json"},
		{`[1,2]`, func(b []byte) error { _, err := DecodePlanDocument(b); return err }, ErrNotPlan, ""},
	} {
		err := tc.decode([]byte(tc.data))
		if !errors.Is(err, tc.sentinel) {
			t.Errorf("%s: error %v, want %v", tc.data, err, tc.sentinel)
			continue
		}
		if tc.names != "" && !strings.Contains(err.Error(), tc.names) {
			t.Errorf("%s: %v does not name %q", tc.data, err, tc.names)
		}
	}
}
