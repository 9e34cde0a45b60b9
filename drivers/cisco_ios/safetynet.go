package cisco_ios

import (
	"fmt"
	"strings"
	"time"

	"github.com/voxlan/voxlan/drivers"
)

// voxlanArchivePath is where voxlan points the configuration archive when
// the switch has none: the revert timer needs somewhere to keep its copy.
const voxlanArchivePath = "flash:voxlan-rollback"

var _ drivers.SafetyNet = Driver{}

// SafetyNet implements drivers.SafetyNet with IOS's Configuration Rollback:
// `configure terminal revert timer N` copies the running configuration to
// the archive and restores it by itself after N minutes unless
// `configure confirm` comes first; `configure revert now` restores at once.
// It needs an archive path (`archive` / `path URL`): when the switch has
// none, voxlan adds one before arming and removes it once the timer is done
// with. `show archive config rollback timer` proves the timer is armed
// before the first line is sent.
func (Driver) SafetyNet(cur *drivers.Config, after time.Duration) (drivers.Net, bool, string) {
	minutes := int((after + time.Minute - 1) / time.Minute)
	minutes = min(max(minutes, 1), 120)
	var n drivers.Net
	added := archivePath(cur) == ""
	if added {
		n.Arm = []drivers.Step{{Line: "archive", Config: true}, {Line: " path " + voxlanArchivePath, Config: true}}
		n.Cleanup = []drivers.Step{{Line: "no archive", Config: true}}
	}
	n.Arm = append(n.Arm,
		drivers.Step{Line: fmt.Sprintf("configure terminal revert timer %d", minutes)},
		drivers.Step{Line: "end"},
		drivers.Step{Line: "show archive config rollback timer", Expect: "Timed Rollback"})
	n.Confirm = []drivers.Step{{Line: "configure confirm"}}
	n.RevertNow = []drivers.Step{{Line: "configure revert now"}}
	n.Note = fmt.Sprintf("IOS restores its configuration by itself %d minute(s) after voxlan's first line unless voxlan confirms it after verification (configure terminal revert timer %d)", minutes, minutes)
	if added {
		n.Note += "; voxlan adds 'archive / path " + voxlanArchivePath + "' for it and removes it afterwards"
	}
	return n, true, ""
}

// archivePath is the archive's path in cfg, "" when none.
func archivePath(cfg *drivers.Config) string {
	for _, l := range cfg.Raw["archive"] {
		if p, ok := strings.CutPrefix(strings.TrimSpace(l), "path "); ok {
			return strings.TrimSpace(p)
		}
	}
	return ""
}
