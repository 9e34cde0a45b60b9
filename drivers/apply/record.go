package apply

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Schemas of the documents `voxlan plan -o json` and `voxlan apply -o json`
// write. The report reads the apply record through these types.
const (
	PlanSchema   = "voxlan.plan/v1"
	RecordSchema = "voxlan.apply/v1"
)

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
