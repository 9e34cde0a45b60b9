package apply

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Schemas of the documents `voxlan plan -o json` and `voxlan apply -o json`
// write. The report reads both through these types (DecodePlanDocument,
// DecodeRecord): one definition of each document.
const (
	PlanSchema   = "voxlan.plan/v1"
	RecordSchema = "voxlan.apply/v1"
)

// Errors the decoders return (wrapped) for a document that is not JSON or
// not of their schema.
var (
	ErrNotPlan   = errors.New("not a voxlan plan document")
	ErrNotRecord = errors.New("not a voxlan apply record")
)

// DecodePlanDocument reads `voxlan plan -o json` and checks its schema.
func DecodePlanDocument(data []byte) (*PlanDocument, error) {
	var p PlanDocument
	if err := decodeDocument(data, &p, &p.Schema, PlanSchema, ErrNotPlan, "voxlan plan -o json"); err != nil {
		return nil, err
	}
	return &p, nil
}

// DecodeRecord reads `voxlan apply -o json` and checks its schema.
func DecodeRecord(data []byte) (*Record, error) {
	var r Record
	if err := decodeDocument(data, &r, &r.Schema, RecordSchema, ErrNotRecord, "voxlan apply -o json"); err != nil {
		return nil, err
	}
	return &r, nil
}

// decodeDocument reads one document into v and checks that its schema
// field (read into *schema) is want; errors wrap sentinel and name the
// command that writes the right document.
func decodeDocument(data []byte, v any, schema *string, want string, sentinel error, writer string) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%w: %v", sentinel, err)
	}
	if *schema != want {
		return fmt.Errorf("%w: schema %q, want %q (the JSON of %s)", sentinel, *schema, want, writer)
	}
	return nil
}

// PlanDocument is `voxlan plan -o json`: every switch's plan, and the
// switches that could not be planned.
type PlanDocument struct {
	Schema   string        `json:"schema"`
	Switches []*SwitchPlan `json:"switches"`
	Errors   []SwitchError `json:"errors"`
}

// Record is `voxlan apply -o json`: what happened on every switch, and the
// switches the apply could not start on.
type Record struct {
	Schema  string        `json:"schema"`
	Reports []*Report     `json:"reports"`
	Errors  []SwitchError `json:"errors"`
}

// SwitchError is a switch that could not be planned or changed, and why.
type SwitchError struct {
	Switch string `json:"switch"`
	Error  string `json:"error"`
}

// WritePlan prints one switch's plan for people: a summary line first
// (lines to send, refusals), then the diff, then the lines.
func WritePlan(w io.Writer, p *SwitchPlan) {
	fmt.Fprintf(w, "== %s (%s): %d line(s), port(s) %s\n", p.Switch, p.Platform, len(p.Lines), strings.Join(p.Ports, " "))
	for _, r := range p.Refused {
		fmt.Fprintf(w, "   refused %s: %s (%d change(s) dropped)\n", r.Port, r.Reason, r.Changes)
	}
	for _, d := range p.Diff {
		fmt.Fprintf(w, "   %s\n", d.Title)
		for _, l := range d.Lines {
			fmt.Fprintf(w, "   %s\n", l)
		}
	}
	if len(p.Lines) > 0 {
		fmt.Fprintf(w, "   lines to send:\n")
		for _, l := range p.Lines {
			fmt.Fprintf(w, "     %s\n", l)
		}
		if p.SafetyNet != "" {
			fmt.Fprintf(w, "   if voxlan vanishes mid-change: %s\n", p.SafetyNet)
		}
	} else {
		fmt.Fprintf(w, "   nothing to send\n")
	}
}

// WriteReport prints one switch's outcome for people: every touched port's
// final state, and what failed.
func WriteReport(w io.Writer, r *Report) {
	fmt.Fprintf(w, "== %s (%s): %s\n", r.Switch, r.Platform, r.Outcome)
	if r.Backup != "" {
		fmt.Fprintf(w, "   backup: %s\n", r.Backup)
	}
	if r.Failure != "" {
		fmt.Fprintf(w, "   failure: %s\n", r.Failure)
	}
	if r.RollbackSeconds > 0 {
		fmt.Fprintf(w, "   rollback took %.1f s\n", r.RollbackSeconds)
	}
	if r.Advice != "" {
		fmt.Fprintf(w, "   WHAT TO DO: %s\n", r.Advice)
	}
	for _, m := range r.Mismatches {
		fmt.Fprintf(w, "   verify: %s\n", m)
	}
	for _, m := range r.Residual {
		fmt.Fprintf(w, "   NOT RESTORED: %s\n", m)
	}
	for _, p := range r.Ports {
		fmt.Fprintf(w, "   %-12s %-22s %s\n", p.Port, p.Status, p.State)
	}
	for _, x := range r.Refused {
		fmt.Fprintf(w, "   %-12s %-22s %s\n", x.Port, "refused", x.Reason)
	}
	fmt.Fprintf(w, "   %d line(s) sent, %d SSH session(s), %d round trip(s), %s\n", len(r.Sent), r.Sessions, r.RoundTrips, r.Elapsed.Round(time.Millisecond))
}
