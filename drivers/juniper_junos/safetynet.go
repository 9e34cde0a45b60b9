package juniper_junos

import (
	"fmt"
	"time"

	"github.com/voxlan/voxlan/drivers"
)

var _ drivers.SafetyNet = Driver{}

// SafetyNet implements drivers.SafetyNet with Junos' confirmed commit
// (Junos CLI User Guide, "commit confirmed"): the change sits in the
// exclusive candidate until `commit confirmed N` makes it active and
// restores the previous configuration by itself after N minutes (1-65535)
// unless another `commit` confirms it. Its answer ends "commit complete";
// a refused commit ("error: configuration check-out failed") leaves the
// active configuration untouched. `rollback 1` + `commit` restores the
// configuration before the confirmed commit at once (the previous commit
// is rollback 1; the commit also ends the pending confirmation). Nothing
// is armed before the lines: until the commit, the switch runs its
// configuration as it was.
func (Driver) SafetyNet(_ *drivers.Config, after time.Duration) (drivers.Net, bool, string) {
	minutes := int((after + time.Minute - 1) / time.Minute)
	minutes = min(max(minutes, 1), 65535)
	return drivers.Net{
		Commit:    []drivers.Step{{Line: fmt.Sprintf("commit confirmed %d", minutes), Expect: "commit complete", Config: true}},
		Confirm:   []drivers.Step{{Line: "commit", Expect: "commit complete", Config: true}},
		RevertNow: []drivers.Step{{Line: "rollback 1", Expect: "load complete", Config: true}, {Line: "commit", Expect: "commit complete", Config: true}},
		Note: fmt.Sprintf("Junos stages the change in an exclusive candidate that a failure discards untouched, makes it active with commit confirmed %d and restores the previous configuration by itself %d minute(s) later unless voxlan confirms it after verification",
			minutes, minutes),
	}, true, ""
}
