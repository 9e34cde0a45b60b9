package audit

import (
	"fmt"
	"strings"
)

// VerdictOf is the verdict of a set of findings, the one rule every
// consumer (CLI, terminal UI, report) judges a site by: any fail is a fail;
// else any unknown is incomplete, since data was missing and a pass cannot
// be claimed; else a pass.
func VerdictOf(findings []Finding) Verdict {
	unknown := false
	for _, f := range findings {
		switch f.Status {
		case StatusFail:
			return VerdictFail
		case StatusUnknown:
			unknown = true
		}
	}
	if unknown {
		return VerdictIncomplete
	}
	return VerdictPass
}

// IncompleteReason says why r cannot pass, in English: the site-wide
// findings left unknown first (nothing read, no access port judged), then
// how many others were. It is "" unless r's verdict is incomplete.
func (r *Result) IncompleteReason() string {
	if r.Verdict != VerdictIncomplete {
		return ""
	}
	var site, other []Finding
	for _, f := range r.Findings {
		if f.Status != StatusUnknown {
			continue
		}
		if f.Switch == "" {
			site = append(site, f)
		} else {
			other = append(other, f)
		}
	}
	var parts []string
	for _, f := range site {
		parts = append(parts, f.Message.EN)
	}
	switch {
	case len(other) == 1:
		parts = append(parts, fmt.Sprintf("%s: %s", other[0].ID, other[0].Message.EN))
	case len(other) > 1:
		parts = append(parts, fmt.Sprintf("%d findings could not be judged (data missing), the first %s: %s", len(other), other[0].ID, other[0].Message.EN))
	}
	return strings.Join(parts, " ")
}

// checkSomethingJudged refuses to let a site pass on nothing: a snapshot
// with no switch read, or switches read without a single access port
// (every port an uplink, or none listed), gives a site-wide unknown
// finding saying so, so the verdict is incomplete, never pass.
func (a *auditor) checkSomethingJudged() {
	read := 0
	for i := range a.snap.Switches {
		if !a.unreadable[&a.snap.Switches[i]] {
			read++
		}
	}
	if read == 0 {
		msg := Text{
			FR: "Aucun switch n'a été lu : rien n'est jugé, le site ne peut pas être déclaré conforme. Relancer la découverte (voxlan discover) vers des switchs joignables.",
			EN: "No switch was read: nothing is judged, so the site cannot pass. Discover it again (voxlan discover) with switches that answer.",
		}
		if len(a.snap.Switches) == 0 && len(a.snap.Errors) == 0 {
			msg = Text{
				FR: "L'instantané ne contient aucun switch : rien n'est jugé, le site ne peut pas être déclaré conforme. Donner l'instantané d'une découverte (voxlan discover -o json).",
				EN: "The snapshot holds no switch: nothing is judged, so the site cannot pass. Give the snapshot of a discovery (voxlan discover -o json).",
			}
		}
		a.add(Finding{Requirement: ReqL1, Check: "nothing-read", Status: StatusUnknown, Message: msg,
			Evidence: []Evidence{ev("switches", itoa(len(a.snap.Switches))), ev("errors", itoa(len(a.snap.Errors)))}})
		return
	}
	for _, v := range a.ports {
		if v.role != RoleUplink {
			return
		}
	}
	a.add(Finding{Requirement: ReqL1, Check: "no-access-port", Status: StatusUnknown,
		Message: Text{
			FR: "Aucun port d'accès n'a été jugé (aucun port lu, ou seulement des liens montants) : les ports des téléphones ne sont pas vérifiés, le site ne peut pas être déclaré conforme.",
			EN: "No access port was judged (no port read, or only uplinks): the phones' ports are not checked, so the site cannot pass.",
		},
		Evidence: []Evidence{ev("switches", itoa(read)), ev("ports", itoa(len(a.ports)))}})
}
