package common

import (
	"context"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/diff"
	"github.com/voxlan/voxlan/snapshot"
)

// Progress is one step of reading one switch, as the discovery reports it.
type Progress struct {
	// Stage is the step being read ("system", "interfaces", "lldp"...).
	Stage string
	// Rows is how many values were read from the switch so far.
	Rows int
	// Done is set on the last event of the switch; Err is its first error.
	Done bool
	Err  error
}

// DiscoverFunc reads one switch. It calls progress serially, honours ctx and
// returns what was read; a switch that never answered comes back with only
// Target and Errors set.
type DiscoverFunc func(ctx context.Context, target string, progress func(Progress)) snapshot.Switch

// SinceFunc records an audit in the history and compares it with the
// site's previous audit: nil, nil when there is none.
type SinceFunc func(ctx context.Context, res *audit.Result, snap *snapshot.Snapshot) (*diff.Diff, error)

// AuditFunc judges a site snapshot.
type AuditFunc func(ctx context.Context, snap *snapshot.Snapshot) (*audit.Result, error)

// HereFunc listens at the technician's jack (LLDP/CDP, with the phone
// probe). It calls heard serially with each neighbour as it is first heard,
// then returns everything heard.
type HereFunc func(ctx context.Context, heard func(snapshot.Neighbor)) (*snapshot.Here, error)

// ProbeFunc runs the field checks at the jack (DHCP per VLAN, DNS, gateway,
// transport quality). here is what was heard, for the voice VLAN to probe.
// It calls found serially with each check as it finishes: a Probe holding
// only that result (one DHCP VLAN, one DNS lookup, one transport test, the
// ports, or one skipped reason), then returns the whole probe, judged.
type ProbeFunc func(ctx context.Context, here *snapshot.Here, found func(snapshot.Probe)) (*snapshot.Probe, error)

// RenderFunc turns one switch's vendor-neutral changes into the lines its OS
// takes, shown as a diff before anything is sent. It may read the switch
// (show commands only).
type RenderFunc func(ctx context.Context, sw snapshot.Switch, changes []audit.Change) (diff string, err error)

// ApplyEvent is one step of applying a plan to a switch.
type ApplyEvent struct {
	// Step is "backup", "send", "verify", "rollback", "save" or "done".
	Step string
	// Port is the port the step concerns, "" for the whole switch.
	Port    string
	Message string
}

// PortOutcome is the state one port was left in by an apply.
type PortOutcome struct {
	Port string
	// State is "applied", "rolledBack", "unchanged" or "unknown".
	State   string
	Message string
}

// ApplyResult is the outcome of applying a plan to one switch.
type ApplyResult struct {
	Ports []PortOutcome
	// RolledBack is set when a failure made the apply restore the backup.
	RolledBack bool
	// Backup is where the running config was saved before sending.
	Backup string
	Err    error
}

// ApplyFunc pushes one switch's changes: backup, send, verify, roll back on
// failure. It calls progress serially.
type ApplyFunc func(ctx context.Context, sw snapshot.Switch, changes []audit.Change, progress func(ApplyEvent)) ApplyResult

// Jack names the switch port the technician's laptop sits on, when it is
// known without listening (the demo site declares one).
type Jack struct {
	// Switch is the switch's target or its sysName.
	Switch string
	Port   string
}

// Is reports whether sw is the jack's switch.
func (j *Jack) Is(sw snapshot.Switch) bool {
	return j != nil && (sw.Target == j.Switch || (sw.SysName != "" && sw.SysName == j.Switch))
}

// Deps is everything the screens need from outside: the site to read and the
// functions that do IO. A nil function means that part is not available in
// this build or this mode; the screen says so instead of showing anything
// made up.
type Deps struct {
	// Context bounds all the work the screens start; the caller cancels it
	// when the UI ends so no discovery or apply outlives it.
	Context context.Context
	Site    string
	// Targets are the switches to discover (host[:port]).
	Targets []string
	// Prepare, when set, runs first (in a tea.Cmd, with the UI already
	// drawn) and returns the targets to discover instead of Targets: the
	// demo starts its simulated site there.
	Prepare  func(ctx context.Context) ([]string, error)
	Discover DiscoverFunc
	// Stages are the discovery steps in order, to draw progress bars; when
	// empty the bar only fills at the end.
	Stages []string
	// Concurrency bounds how many switches are read at once (default 16).
	Concurrency int
	// Snapshot is a site already read (offline replay); with it no
	// discovery runs.
	Snapshot *snapshot.Snapshot
	Audit    AuditFunc
	// Since, when set, records each audit and compares it with the site's
	// previous one, for the Findings screen's new and fixed marks.
	Since SinceFunc
	Here  HereFunc
	Probe ProbeFunc
	// Interfaces and JackOn find the jack when Here is not given: the
	// Here screen lists the wired interfaces with a link, uses the only
	// one or lets the technician pick, and listens and probes through
	// what JackOn returns for it.
	Interfaces InterfacesFunc
	JackOn     JackOnFunc
	// TagsNote, when set, is said on the Here screen while a jack is
	// examined: this OS hides 802.1Q tags from capture, and what voxlan
	// does instead.
	TagsNote string
	Jack     *Jack
	Render   RenderFunc
	Apply    ApplyFunc
	Now      func() time.Time
}

// Ctx returns d.Context, or context.Background when unset.
func (d *Deps) Ctx() context.Context {
	if d.Context != nil {
		return d.Context
	}
	return context.Background()
}

// Clock returns d.Now, or time.Now when unset.
func (d *Deps) Clock() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}
