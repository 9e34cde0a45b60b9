// Package diff compares two audits of a site: which findings were fixed,
// which are new, which remain, which changed status, and what changed on
// the ports (role, VLANs, PoE, speed) between the two snapshots.
//
// The package is pure: two audits (and their snapshots when known) in, a
// Diff out; the command line, the report and the terminal UI all compare
// through Compare, so they agree.
package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
)

// Schema is the value of the "schema" field of a diff.
const Schema = "voxlan.diff/v1"

// Audit is one side of the comparison.
type Audit struct {
	// Ref is how the audit was named: a history reference (hq@3), or the
	// audit JSON file's path.
	Ref string
	// ID is the history id; 0 for a file.
	ID       int64
	Result   *audit.Result
	Snapshot *snapshot.Snapshot // nil when not known (an audit JSON file)
}

// Side describes one audit in the JSON.
type Side struct {
	Ref         string    `json:"ref"`
	ID          int64     `json:"id,omitempty"`
	Site        string    `json:"site"`
	TakenAt     time.Time `json:"takenAt"`
	Profile     string    `json:"profile"`
	Engineering string    `json:"engineering"`
	Verdict     string    `json:"verdict"`
}

// StatusChange is a finding whose status moved without being fixed or
// new: fail to warn, warn to fail, pass to unknown...; "absent" when the
// finding was not in one of the audits.
type StatusChange struct {
	ID   string `json:"id"`
	From string `json:"from"`
	To   string `json:"to"`
}

// Absent stands for a finding one audit does not have.
const Absent = "absent"

// Diff is the comparison of two audits of a site.
type Diff struct {
	Schema string `json:"schema"`
	Site   string `json:"site"`
	// OldAudit and NewAudit are the two audits compared. (The lists below
	// use "new" for new findings, so the audits cannot be "old"/"new".)
	OldAudit Side `json:"oldAudit"`
	NewAudit Side `json:"newAudit"`
	// Fixed: failed, warned or unknown before; passes now, or is gone from
	// a switch that was read in full.
	Fixed []string `json:"fixed"`
	// New: fails or warns now, and neither failed nor warned before.
	New []string `json:"new"`
	// Unchanged: same status in both audits, and not a pass (what remains
	// to do). Findings passing in both are only counted (Summary.Passing).
	Unchanged []string `json:"unchanged"`
	// Changed: any other status move (fail to warn, warn to fail, pass or
	// absent to unknown...).
	Changed []StatusChange `json:"changed"`
	// Unverified: failed, warned or unknown before and gone now, but its
	// switch was not read in full by the new audit (unreachable, a stage
	// read in part, or no longer audited): nothing read is never a fix.
	Unverified []string `json:"unverified"`
	// Ports are the ports whose role, link, speed, duplex, VLANs or PoE
	// changed, and the switches and ports that appeared or disappeared.
	Ports []PortChange `json:"ports"`
	// SnapshotsCompared is false when a snapshot was missing (an audit JSON
	// file): Ports then only compares the roles the audits gave.
	SnapshotsCompared bool    `json:"snapshotsCompared"`
	Summary           Summary `json:"summary"`

	oldFindings, newFindings map[string]*audit.Finding
}

// Summary counts each list, and the findings passing in both audits.
type Summary struct {
	Fixed      int `json:"fixed"`
	New        int `json:"new"`
	NewFail    int `json:"newFail"`
	Unchanged  int `json:"unchanged"`
	Changed    int `json:"changed"`
	Unverified int `json:"unverified"`
	Passing    int `json:"passing"`
	Ports      int `json:"ports"`
}

// Finding returns the finding id in the old and new audit (nil where it is
// absent), for messages and evidence.
func (d *Diff) Finding(id string) (old, new *audit.Finding) {
	return d.oldFindings[id], d.newFindings[id]
}

// Worse reports whether anything got worse: a new finding, a finding that
// now fails or is unknown having been better, or a fix that cannot be
// verified.
func (d *Diff) Worse() bool {
	if len(d.New) > 0 || len(d.Unverified) > 0 {
		return true
	}
	for _, c := range d.Changed {
		if rank(c.To) > rank(c.From) {
			return true
		}
	}
	return false
}

// NewFailures lists the findings that fail now and did not fail before:
// the new findings that fail, and those that went from warn to fail.
func (d *Diff) NewFailures() []string {
	var out []string
	for _, id := range d.New {
		if f := d.newFindings[id]; f != nil && f.Status == audit.StatusFail {
			out = append(out, id)
		}
	}
	for _, c := range d.Changed {
		if c.To == string(audit.StatusFail) {
			out = append(out, c.ID)
		}
	}
	return out
}

// rank orders statuses for "worse": absent and pass are best, then manual,
// warn, unknown, fail (audit.Status.Severity).
func rank(s string) int {
	if s == Absent {
		return 0
	}
	return audit.Status(s).Severity()
}

// Encode writes d as indented JSON.
func Encode(w io.Writer, d *Diff) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return fmt.Errorf("diff: encode: %w", err)
	}
	return nil
}

func side(a Audit) Side {
	r := a.Result
	return Side{Ref: a.Ref, ID: a.ID, Site: r.Site, TakenAt: r.TakenAt, Profile: r.Profile,
		Engineering: string(r.Engineering), Verdict: string(r.Verdict)}
}
