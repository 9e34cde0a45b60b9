// Package audit judges a snapshot against a profile: it gives every port a
// role, every requirement a finding with its evidence, and a vendor-neutral
// change plan the drivers render per vendor.
//
// The package is pure: a snapshot and a profile in, a Result out. No sockets,
// no clock; the time in a Result is the snapshot's own.
package audit

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/voxlan/voxlan/sizing"
)

// Schema is the value of the "schema" field of an audit result.
const Schema = "voxlan.audit/v1"

// ErrSchema is returned (wrapped) when a document is not an audit result this
// version of voxlan reads.
var ErrSchema = errors.New("audit: unsupported schema")

// Engineering is which of the two STAS LAN engineerings a site is judged
// against (STAS 2.5.2 and 2.5.3).
type Engineering string

const (
	// EngineeringStandard: no voice VLAN, voice rides the data VLAN.
	EngineeringStandard Engineering = "standard"
	// EngineeringVoiceVLAN: the optional voice VLAN handed out by LLDP-MED.
	EngineeringVoiceVLAN Engineering = "voiceVlan"
)

// Verdict is the outcome of a whole audit.
type Verdict string

const (
	// VerdictPass: every checkable requirement is met (warnings and manual
	// items may remain).
	VerdictPass Verdict = "pass"
	// VerdictFail: at least one finding failed.
	VerdictFail Verdict = "fail"
	// VerdictIncomplete: nothing failed, but data was missing (a switch
	// unreachable, a table not read), so a pass cannot be claimed.
	VerdictIncomplete Verdict = "incomplete"
)

// Status is the outcome of one finding.
type Status string

const (
	StatusPass Status = "pass"
	StatusFail Status = "fail"
	StatusWarn Status = "warn"
	// StatusManual: software cannot check it; a person must (cabling labels).
	StatusManual Status = "manual"
	// StatusUnknown: the data needed was missing. Never read as a pass.
	StatusUnknown Status = "unknown"
)

// Severity orders statuses from worst (highest) to best, for sorting.
func (s Status) Severity() int {
	switch s {
	case StatusFail:
		return 4
	case StatusUnknown:
		return 3
	case StatusWarn:
		return 2
	case StatusManual:
		return 1
	}
	return 0
}

// Requirement ids, as in docs/requirements.md.
const (
	ReqL1  = "L1"  // managed switches
	ReqL2  = "L2"  // PoE 802.3af
	ReqL3  = "L3"  // 802.1Q
	ReqL4  = "L4"  // hybrid ports
	ReqL5  = "L5"  // LLDP hands out the voice VLAN
	ReqL6  = "L6"  // data VLAN untagged for first boot
	ReqL7  = "L7"  // no cascade, no unmanaged switch
	ReqL8  = "L8"  // voice VLAN site-wide
	ReqL9  = "L9"  // only hardphones in the voice VLAN
	ReqL10 = "L10" // cabling: speed, duplex, errors, labels
	ReqD1  = "D1"
	ReqD2  = "D2"
	ReqD3  = "D3"
	ReqD4  = "D4"
	ReqD5  = "D5"
	ReqT   = "T" // transport quality
	ReqW   = "W" // WAN sizing
	ReqF   = "F" // firewall openings
)

// Text is a message in both languages the reports use.
type Text struct {
	FR string `json:"fr"`
	EN string `json:"en"`
}

// Evidence is one observed value behind a finding or a role, such as
// {"key": "speedMbps", "values": ["10"]}.
type Evidence struct {
	Key    string   `json:"key"`
	Values []string `json:"values"`
}

// Finding is the judgement of one requirement on one scope: the site, a
// switch, or a port.
type Finding struct {
	// ID is stable across runs of the same site so two audits can be
	// compared: requirement, check, switch and port, such as
	// "L7/cascade/sw1.example/Gi1/0/5". It never holds a timestamp.
	ID          string `json:"id"`
	Requirement string `json:"requirement"`
	// Check names the rule within the requirement ("cascade", "poe-off").
	Check  string `json:"check"`
	Status Status `json:"status"`
	// Switch is the switch's target ("" for a site-wide finding).
	Switch string `json:"switch,omitempty"`
	// Port is the port's ifName ("" for a switch- or site-wide finding).
	Port     string     `json:"port,omitempty"`
	Message  Text       `json:"message"`
	Evidence []Evidence `json:"evidence"`
	// Fix is what would make the finding pass, as vendor-neutral changes.
	// Empty when nothing can be changed by software.
	Fix []Change `json:"fix"`
}

// Role is what sits behind a port.
type Role string

const (
	RoleUplink          Role = "uplink"
	RolePhone           Role = "phone"
	RolePhonePC         Role = "phonePC"
	RolePC              Role = "pc"
	RoleAccessPoint     Role = "accessPoint"
	RoleUnmanagedSwitch Role = "unmanagedSwitch"
	RoleEmpty           Role = "empty"
	RoleUnknown         Role = "unknown"
)

// PortRole is the role the audit gave one port, with the evidence behind it.
type PortRole struct {
	Switch   string     `json:"switch"`
	Port     string     `json:"port"`
	Role     Role       `json:"role"`
	Evidence []Evidence `json:"evidence"`
	// Phones is how many telephones were counted behind the port (LLDP/CDP
	// telephone neighbours or phone-vendor MACs, whichever is more).
	Phones int `json:"phones"`
}

// Result is one audit of one site.
type Result struct {
	Schema      string      `json:"schema"`
	Site        string      `json:"site"`
	Profile     string      `json:"profile"`
	Engineering Engineering `json:"engineering"`
	// EngineeringSource says why: "inventory" (declared) or "inferred"
	// (a voice VLAN seen on the site, or none).
	EngineeringSource string  `json:"engineeringSource"`
	Verdict           Verdict `json:"verdict"`
	// TakenAt is the time of the snapshot audited (not of the audit).
	TakenAt  time.Time      `json:"takenAt"`
	Findings []Finding      `json:"findings"`
	Ports    []PortRole     `json:"ports"`
	Sizing   *sizing.Sizing `json:"sizing,omitempty"`
}

// Normalize sets the lists the JSON always carries to empty instead of nil.
func (r *Result) Normalize() {
	if r.Schema == "" {
		r.Schema = Schema
	}
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	if r.Ports == nil {
		r.Ports = []PortRole{}
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Evidence == nil {
			f.Evidence = []Evidence{}
		}
		if f.Fix == nil {
			f.Fix = []Change{}
		}
		normalizeEvidence(f.Evidence)
	}
	for i := range r.Ports {
		if r.Ports[i].Evidence == nil {
			r.Ports[i].Evidence = []Evidence{}
		}
		normalizeEvidence(r.Ports[i].Evidence)
	}
}

func normalizeEvidence(ev []Evidence) {
	for i := range ev {
		if ev[i].Values == nil {
			ev[i].Values = []string{}
		}
	}
}

// Counts tallies findings by status.
func (r *Result) Counts() map[Status]int {
	m := map[Status]int{}
	for _, f := range r.Findings {
		m[f.Status]++
	}
	return m
}

// Encode writes r as indented JSON. It normalises r first.
func Encode(w io.Writer, r *Result) error {
	r.Normalize()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("audit: encode: %w", err)
	}
	return nil
}

// Decode reads one audit result and checks its schema. Unknown fields are
// accepted (a newer v1 writer may add some); an unknown schema is refused.
func Decode(r io.Reader) (*Result, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("audit: read: %w", err)
	}
	return DecodeBytes(data)
}

// DecodeBytes is Decode on a byte slice.
func DecodeBytes(data []byte) (*Result, error) {
	var head struct {
		Schema *string `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("audit: not JSON: %w", err)
	}
	switch {
	case head.Schema == nil:
		return nil, fmt.Errorf("%w: no \"schema\" field; this is not a voxlan audit result (expected %q)", ErrSchema, Schema)
	case *head.Schema == "voxlan.snapshot/v1":
		return nil, fmt.Errorf("%w %q: this is a snapshot (voxlan discover -o json), not an audit result: give it with --snapshot, which audits it", ErrSchema, *head.Schema)
	case *head.Schema != Schema:
		return nil, fmt.Errorf("%w %q: this voxlan reads %q; re-run the audit with this version", ErrSchema, *head.Schema, Schema)
	}
	var res Result
	if err := json.Unmarshal(data, &res); err != nil {
		return nil, fmt.Errorf("audit: decode: %w", err)
	}
	res.Normalize()
	return &res, nil
}
