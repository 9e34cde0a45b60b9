package common

import (
	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/diff"
	"github.com/voxlan/voxlan/snapshot"
)

// ShowMsg asks the root to bring a screen forward; the root then delivers the
// message to that screen so it can select what was asked (a switch, a port).
type ShowMsg struct {
	Screen ScreenID
	// Switch is the target of the switch to select, "" to keep the current.
	Switch string
	// Port is the ifName of the port to select, "" for none.
	Port string
}

// Destination implements Addressed.
func (m ShowMsg) Destination() ScreenID { return m.Screen }

// SelectMsg is broadcast when the Site screen's cursor moves to a switch:
// the Switch screen then opens on it when the technician presses 3.
type SelectMsg struct {
	Switch string
}

// RereadMsg asks the Site screen to read one switch again and judge the
// site anew: sent after an apply, so Site, Switch and Findings show what
// the switch is now, not what it was.
type RereadMsg struct {
	Switch string
}

// Destination implements Addressed.
func (RereadMsg) Destination() ScreenID { return ScreenSite }

// ErrorMsg reports a failure the user must see. The root shows it above the
// help bar until the next key; the screens keep working.
type ErrorMsg struct{ Err error }

// SwitchMsg is broadcast when one switch has been read (or failed to be), so
// every screen can show it without waiting for the whole site.
type SwitchMsg struct {
	Switch snapshot.Switch
}

// SnapshotMsg is broadcast when the whole site has been read (or a saved
// snapshot was loaded).
type SnapshotMsg struct {
	Snapshot *snapshot.Snapshot
}

// AuditMsg is broadcast when the audit of the site snapshot is done, or
// could not run (Err set, Result nil).
type AuditMsg struct {
	Result *audit.Result
	Err    error
	// Since compares Result with the site's previous audit in the history
	// (nil: no history, or no earlier audit); SinceErr says why the
	// history could not be used.
	Since    *diff.Diff
	SinceErr error
}

// HereMsg is broadcast when the jack's neighbours have been heard.
type HereMsg struct {
	Here *snapshot.Here
	Err  error
}

// ProbeMsg is broadcast when the field probe at the jack is done.
type ProbeMsg struct {
	Probe *snapshot.Probe
	Err   error
}
