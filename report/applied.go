package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/voxlan/voxlan/audit"
)

// AppliedSchema is the schema of `voxlan apply -o json`, which the report
// reads to show what was changed and verified.
const AppliedSchema = "voxlan.apply/v1"

// ErrAppliedSchema is returned (wrapped) for a document that is not an
// apply record.
var ErrAppliedSchema = errors.New("report: not a voxlan apply record")

// Applied is the record of one `voxlan apply` run: one entry per switch.
// The field names are those of the apply command's JSON (drivers/apply
// Report); the report reads what it shows and ignores the rest (timings,
// the rollback's lines).
type Applied struct {
	Schema   string          `json:"schema"`
	Switches []AppliedSwitch `json:"reports"`
	Errors   []AppliedError  `json:"errors"`
}

// AppliedSwitch is what happened on one switch.
type AppliedSwitch struct {
	Switch   string `json:"switch"`
	Platform string `json:"platform"`
	// Outcome is "nothing to do", "applied", "applied and saved",
	// "rolled back", "ROLLBACK FAILED" or "not started".
	Outcome string `json:"outcome"`
	// Backup is the path of the configuration saved before sending; the
	// report shows its file name only.
	Backup  string `json:"backup,omitempty"`
	Failure string `json:"failure,omitempty"`
	Saved   bool   `json:"saved"`
	// Sent are the CLI lines sent, each with the device's error if it
	// rejected it.
	Sent       []AppliedLine     `json:"sent"`
	Mismatches []AppliedMismatch `json:"mismatches"`
	Residual   []AppliedMismatch `json:"residual"`
	Ports      []AppliedPort     `json:"ports"`
	Refused    []AppliedRefusal  `json:"refused"`
}

// AppliedLine is one line sent.
type AppliedLine struct {
	Line  string `json:"line"`
	Error string `json:"error,omitempty"`
}

// AppliedMismatch is a difference read back after sending.
type AppliedMismatch struct {
	Object string `json:"object"`
	Field  string `json:"field"`
	Want   string `json:"want"`
	Got    string `json:"got"`
}

// AppliedPort is a touched port's final state: Status "as planned",
// "restored to backup", "PARTIAL: ..." or "UNKNOWN: ...".
type AppliedPort struct {
	Port   string `json:"port"`
	Status string `json:"status"`
	State  string `json:"state"`
}

// AppliedRefusal is a port the apply would not touch, and why.
type AppliedRefusal struct {
	Port   string `json:"port"`
	Reason string `json:"reason"`
}

// AppliedError is a switch the apply could not even start on.
type AppliedError struct {
	Switch string `json:"switch"`
	Error  string `json:"error"`
}

// DecodeApplied reads an apply record and checks its schema.
func DecodeApplied(data []byte) (*Applied, error) {
	var a Applied
	if err := decodeDocument(data, &a, &a.Schema, AppliedSchema, ErrAppliedSchema, "voxlan apply -o json"); err != nil {
		return nil, err
	}
	return &a, nil
}

// decodeDocument reads one of voxlan's JSON documents into v and checks
// that its schema field (read into *schema) is want; errors wrap sentinel
// and name the command that writes the right document.
func decodeDocument(data []byte, v any, schema *string, want string, sentinel error, writer string) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%w: %v", sentinel, err)
	}
	if *schema != want {
		return fmt.Errorf("%w: schema %q, want %q (the JSON of %s)", sentinel, *schema, want, writer)
	}
	return nil
}

// outcomeStatus says how an apply outcome reads in the report.
func outcomeStatus(outcome string) audit.Status {
	switch outcome {
	case "applied", "applied and saved", "nothing to do":
		return audit.StatusPass
	case "rolled back":
		return audit.StatusWarn // nothing changed, nothing broken
	case "not started":
		return audit.StatusUnknown
	}
	return audit.StatusFail
}

// portStatus: as planned is verified; restored is safe but not done.
func portStatus(status string) audit.Status {
	switch {
	case status == "as planned":
		return audit.StatusPass
	case status == "restored to backup":
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
	for _, sw := range d.Applied.Switches {
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
		for _, m := range append(append([]AppliedMismatch{}, sw.Mismatches...), sw.Residual...) {
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
func capSent(sent []AppliedLine) (kept []AppliedLine, more int) {
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
