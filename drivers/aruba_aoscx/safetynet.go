package aruba_aoscx

import (
	"fmt"
	"time"

	"github.com/voxlan/voxlan/drivers"
)

var _ drivers.SafetyNet = Driver{}

// SafetyNet implements drivers.SafetyNet with AOS-CX's checkpoint auto
// mode (AOS-CX 10.07 Fundamentals Guide, "checkpoint auto", p.112):
// `checkpoint auto N` keeps the running configuration as a temporary
// checkpoint and restores it by itself after N minutes (1-60) unless
// `checkpoint auto confirm` comes first. Its answer, "Auto checkpoint mode
// expires in N minute(s)", proves the timer is armed before the first
// line. AOS-CX has no command to restore the checkpoint at once, so on a
// failure voxlan's own rollback does it and then confirms.
func (Driver) SafetyNet(_ *drivers.Config, after time.Duration) (drivers.Net, bool, string) {
	minutes := int((after + time.Minute - 1) / time.Minute)
	minutes = min(max(minutes, 1), 60)
	return drivers.Net{
		Arm:     []drivers.Step{{Line: fmt.Sprintf("checkpoint auto %d", minutes), Expect: "Auto checkpoint mode expires"}},
		Confirm: []drivers.Step{{Line: "checkpoint auto confirm"}},
		Note: fmt.Sprintf("AOS-CX restores its configuration by itself %d minute(s) after voxlan's first line unless voxlan confirms it after verification (checkpoint auto %d)",
			minutes, minutes),
	}, true, ""
}
