package report

import (
	"path/filepath"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/apply"
)

// The apply record (`voxlan apply -o json`) is read as drivers/apply
// writes it (apply.Record, apply.DecodeRecord): the report shows its
// outcome, backup, failure, ports, lines sent, mismatches and refusals, and
// leaves the rest (timings, the rollback's lines).

// outcomeStatus says how an apply outcome reads in the report.
func outcomeStatus(outcome string) audit.Status {
	switch outcome {
	case apply.OutcomeApplied, apply.OutcomeSaved, apply.OutcomeNothing:
		return audit.StatusPass
	case apply.OutcomeRolledBack:
		return audit.StatusWarn // nothing changed, nothing broken
	case apply.OutcomeNotStarted:
		return audit.StatusUnknown
	}
	return audit.StatusFail
}

// portStatus: as planned is verified; restored is safe but not done.
func portStatus(status string) audit.Status {
	switch {
	case status == apply.PortAsPlanned:
		return audit.StatusPass
	case status == apply.PortRestored:
		return audit.StatusWarn
	}
	return audit.StatusFail
}

// appliedBlock is one switch of the applied section: a title, lines of
// text, and tables.
type appliedBlock struct {
	Title  string
	Status audit.Status
	Lines  []string
	Tables []infoTable
}

func appliedBlocks(c *Catalog, d *Document) []appliedBlock {
	if d.Applied == nil {
		return nil
	}
	var out []appliedBlock
	for _, sw := range d.Applied.Reports {
		b := appliedBlock{Title: d.SwitchLabel(sw.Switch), Status: outcomeStatus(sw.Outcome)}
		state := c.T("applied.notSaved")
		if sw.Saved {
			state = c.T("applied.saved")
		}
		b.Lines = append(b.Lines, c.T("applied.outcome", "outcome", c.TOr("applyOutcome."+sw.Outcome, sw.Outcome))+" — "+state)
		if sw.Backup != "" {
			b.Lines = append(b.Lines, c.T("applied.backup", "name", filepath.Base(sw.Backup)))
		}
		if sw.Failure != "" {
			b.Lines = append(b.Lines, c.T("applied.failure", "msg", sw.Failure))
		}
		if len(sw.Ports) > 0 {
			t := infoTable{Title: c.T("applied.ports"), Head: []string{c.T("col.port"), c.T("col.verified"), c.T("col.state")}, StatusCol: 1}
			for _, p := range sw.Ports {
				t.Rows = append(t.Rows, []string{p.Port, "", c.TOr("applyPort."+p.Status, p.Status) + "\n" + p.State})
				t.Statuses = append(t.Statuses, portStatus(p.Status))
			}
			b.Tables = append(b.Tables, t)
		}
		if len(sw.Sent) > 0 {
			t := infoTable{Title: c.T("applied.sent"), Head: []string{c.T("col.line"), c.T("col.status")}, StatusCol: 1}
			// Every rejected line is shown; of the accepted ones, as
			// many as the cap leaves room for.
			sent, more := capSent(sw.Sent)
			if more > 0 {
				t.Note = c.cliMore(more, d.AppliedFile)
			}
			for _, l := range sent {
				text := l.Line
				if l.Error != "" {
					text += "\n" + c.T("applied.error", "msg", l.Error)
				}
				t.Rows = append(t.Rows, []string{text, ""})
				t.Statuses = append(t.Statuses, passFail(l.Error == ""))
			}
			b.Tables = append(b.Tables, t)
		}
		var notes []string
		for _, m := range append(append([]drivers.Mismatch{}, sw.Mismatches...), sw.Residual...) {
			notes = append(notes, c.T("applied.mismatch", "object", m.Object, "field", m.Field, "want", m.Want, "got", m.Got))
		}
		for _, r := range sw.Refused {
			notes = append(notes, c.T("applied.refusal", "port", r.Port, "reason", r.Reason))
		}
		if len(notes) > 0 {
			b.Lines = append(b.Lines, strings.Join(notes, "\n"))
		}
		out = append(out, b)
	}
	for _, e := range d.Applied.Errors {
		out = append(out, appliedBlock{Title: d.SwitchLabel(e.Switch), Status: audit.StatusFail,
			Lines: []string{c.T("applied.notRun", "msg", e.Error)}})
	}
	return out
}

// capSent keeps every line the device rejected and, in order, the
// accepted lines up to cliLinesMax in all; more counts those left out.
func capSent(sent []drivers.LineResult) (kept []drivers.LineResult, more int) {
	if len(sent) <= cliLinesMax {
		return sent, 0
	}
	room := cliLinesMax
	for _, l := range sent {
		if l.Error != "" {
			room--
		}
	}
	for _, l := range sent {
		switch {
		case l.Error != "":
			kept = append(kept, l)
		case room > 0:
			kept = append(kept, l)
			room--
		default:
			more++
		}
	}
	return kept, more
}
