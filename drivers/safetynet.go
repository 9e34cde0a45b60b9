package drivers

import "time"

// SafetyNet is implemented by drivers whose OS can undo a change by itself
// when nobody confirms it in time: a revert timer armed before the first
// line of a change and confirmed only after voxlan verified the result. If
// voxlan, its laptop or the path to the switch vanishes in between (the
// change itself may cut the management path), the switch restores the
// configuration it had when the timer was armed without any help.
//
// drivers/apply runs the steps on the apply session, in this order:
//
//  1. Arm, before the first configuration line;
//  2. the change's lines (Session.Configure);
//  3. Commit, after the last line, for OSes where a change only takes
//     effect when committed under the timer (Junos `commit confirmed N`);
//  4. verification;
//  5. Confirm, once verification passed (and before `--save`);
//     on a failure instead: RevertNow (when set), then voxlan's own rollback
//     to the backup, then Confirm once the switch equals the backup so the
//     timer cannot fire later over someone else's change;
//  6. Cleanup, whenever the session is alive and the timer is no longer
//     pending (undoing a prerequisite Arm added, such as an IOS archive
//     path).
//
// Examples: Cisco IOS `configure terminal revert timer N` (needs an
// archive path) / `configure confirm` / `configure revert now`; AOS-CX
// `checkpoint auto N` / `checkpoint auto confirm`; Junos `commit confirmed N`
// / `commit`. An OS without such a timer (Cisco SB, AOS-S) does not
// implement SafetyNet: apply leaves its startup configuration untouched
// until verified, and the plan says a reload restores it.
//
// The emulators in lab/clisim implement the same commands with a timer
// whose unit the tests shorten, so tests prove the switch reverts by
// itself when voxlan disappears mid-change.
type SafetyNet interface {
	// SafetyNet returns the steps for a change planned from cur, with the
	// device set to revert after timeout (rounded up to the OS's unit). ok
	// is false when this configuration cannot have a net; why then says
	// what is missing, for the plan.
	SafetyNet(cur *Config, timeout time.Duration) (net Net, ok bool, why string)
}

// Net is the device-side safety net of one change (see SafetyNet).
type Net struct {
	Arm     []Step
	Commit  []Step
	Confirm []Step
	// RevertNow asks the device to restore the armed configuration at
	// once; empty when the OS cannot.
	RevertNow []Step
	// Cleanup undoes what Arm added only to make the timer possible.
	Cleanup []Step
	// Note says, in the plan, what the device does if voxlan vanishes
	// ("the switch restores its configuration by itself 5 minutes after
	// the first line unless voxlan confirms").
	Note string
}

// Step is one line of a safety net.
type Step struct {
	// Line is sent as it is.
	Line string
	// Expect, when set, must appear in the command's output: the proof
	// that an Arm step took effect (an OS may print an error no marker
	// catches).
	Expect string
	// Config sends it in configuration mode (Session.Configure); otherwise
	// it is a privileged EXEC command (Session.Command), which may leave
	// the session in another mode (IOS `configure terminal revert timer`
	// enters configuration mode; the next Command or Configure call finds
	// its way from there).
	Config bool
}

// NoNetNote is the plan's note for an OS without a revert timer.
const NoNetNote = "this switch OS has no revert timer: voxlan leaves the startup configuration untouched until the change is verified, so if voxlan vanishes mid-change a reload restores the configuration as it was"
