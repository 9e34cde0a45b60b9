package diff

import (
	"github.com/voxlan/voxlan/audit"
)

// bad is a status that needs attention: fixed means it no longer has one.
func bad(s audit.Status) bool {
	return s == audit.StatusFail || s == audit.StatusWarn || s == audit.StatusUnknown
}

// alarming is a status that makes a finding "new" when it was not before.
func alarming(s audit.Status) bool {
	return s == audit.StatusFail || s == audit.StatusWarn
}

// Compare compares the old audit with the new one. The finding lists
// follow the new audit's order (the audit's own: worst first per switch),
// then the old audit's for findings that are gone.
func Compare(old, new Audit) *Diff {
	d := &Diff{
		Schema: Schema, Site: new.Result.Site, OldAudit: side(old), NewAudit: side(new),
		Fixed: []string{}, New: []string{}, Unchanged: []string{}, Changed: []StatusChange{}, Unverified: []string{},
		oldFindings: index(old.Result), newFindings: index(new.Result),
	}
	unread := unreadSwitches(old.Result, new.Result)
	for i := range new.Result.Findings {
		f := &new.Result.Findings[i]
		if d.newFindings[f.ID] != f {
			continue // a duplicate id: the first one counts
		}
		was, ok := d.oldFindings[f.ID]
		from := Absent
		if ok {
			from = string(was.Status)
		}
		switch {
		case ok && bad(was.Status) && f.Status == audit.StatusPass:
			d.Fixed = append(d.Fixed, f.ID)
		case alarming(f.Status) && (!ok || !alarming(was.Status)):
			d.New = append(d.New, f.ID)
		case ok && was.Status == f.Status:
			if f.Status == audit.StatusPass {
				d.Summary.Passing++
			} else {
				d.Unchanged = append(d.Unchanged, f.ID)
			}
		case !ok && f.Status == audit.StatusPass:
			// A check passing that was not there before (a port's
			// failure folded back into its switch's pass): nothing to say.
		case !ok && f.Status == audit.StatusManual:
			// A person's check appearing (a new switch's labels) is not a change of the network.
		default:
			d.Changed = append(d.Changed, StatusChange{ID: f.ID, From: from, To: string(f.Status)})
		}
	}
	for i := range old.Result.Findings {
		f := &old.Result.Findings[i]
		if d.oldFindings[f.ID] != f || d.newFindings[f.ID] != nil || !bad(f.Status) {
			continue
		}
		if f.Switch != "" && unread[f.Switch] {
			d.Unverified = append(d.Unverified, f.ID)
		} else {
			d.Fixed = append(d.Fixed, f.ID)
		}
	}
	d.Ports, d.SnapshotsCompared = comparePorts(old, new)
	d.Summary.Fixed, d.Summary.New, d.Summary.Unchanged = len(d.Fixed), len(d.New), len(d.Unchanged)
	d.Summary.Changed, d.Summary.Unverified, d.Summary.Ports = len(d.Changed), len(d.Unverified), len(d.Ports)
	d.Summary.NewFail = len(d.NewFailures())
	return d
}

func index(r *audit.Result) map[string]*audit.Finding {
	m := make(map[string]*audit.Finding, len(r.Findings))
	for i := range r.Findings {
		if _, dup := m[r.Findings[i].ID]; !dup {
			m[r.Findings[i].ID] = &r.Findings[i]
		}
	}
	return m
}

// unreadSwitches are the switches of the old audit the new one did not read
// in full: judged unreachable or read in part (an L1 unknown finding on
// it), or not audited at all any more. A finding of theirs that is gone
// proves nothing.
func unreadSwitches(old, new *audit.Result) map[string]bool {
	seen := map[string]bool{}
	partial := map[string]bool{}
	for _, f := range new.Findings {
		if f.Switch == "" {
			continue
		}
		seen[f.Switch] = true
		if f.Requirement == audit.ReqL1 && f.Status == audit.StatusUnknown {
			partial[f.Switch] = true
		}
	}
	for _, p := range new.Ports {
		seen[p.Switch] = true
	}
	out := map[string]bool{}
	for _, f := range old.Findings {
		if f.Switch != "" && (!seen[f.Switch] || partial[f.Switch]) {
			out[f.Switch] = true
		}
	}
	return out
}
