// Package report writes the pre-activation report an integrator hands over
// before IP phones go live: one document per site, from an audit result and
// the snapshot it judged, in HTML, PDF, Markdown, CSV or JSON, in French or
// English.
//
// Build turns the inputs into a Document, the same for every format and
// language; each renderer then reads the Document and a Catalog. Every word a
// reader sees comes from the catalogues in messages/; the code holds none.
package report

import (
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/diff"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/snapshot"
)

// Input is what one site's report is made from.
type Input struct {
	// Result is the audit of the site. Required.
	Result *audit.Result
	// Snapshot is what the audit judged: switch models, PoE budgets, VLANs,
	// the ports of each front panel and the jack probe. Optional: without
	// it the report shows what the result alone carries.
	Snapshot *snapshot.Snapshot
	// Plan is the change plan; nil means audit.BuildPlan(Result).
	Plan *audit.Plan
	// Applied is what an apply run changed and verified; nil when the plan
	// was not applied.
	Applied *apply.Record
	// PlanCLI is `voxlan plan -o json`: the exact CLI lines per switch,
	// shown capped in an appendix; nil when not given.
	PlanCLI *apply.PlanDocument
	// Firewall is the profile's port matrix, shown as a checklist.
	Firewall []FirewallRule
	// Since compares Result with the site's previous audit (the history,
	// or --since): the "Since the last audit" section. nil: no section.
	Since *diff.Diff
	Meta  Meta
}

// Meta is what the report says about itself.
type Meta struct {
	// Address is the site's postal address, when the inventory gives one.
	Address string
	// RunBy is who ran the audit and wrote the report.
	RunBy string
	// GeneratedAt is when the report was written.
	GeneratedAt time.Time
	// Zone is the time zone of every date in the report; nil means
	// GeneratedAt's own.
	Zone *time.Location
	// PlanFile and AppliedFile name the plan and apply files the report
	// was given (base names), so capped CLI lines say where the rest is.
	PlanFile, AppliedFile string
}

// FirewallRule is one opening the service needs, from the profile.
type FirewallRule struct {
	// Name is the profile's name for the opening ("SIP over TLS"); the
	// catalogue's "firewall.<Name>" words it in each language, and an
	// edited profile's own names are printed as they are.
	Name     string `json:"name"`
	Protocol string `json:"protocol"`
	Ports    string `json:"ports"`
}

// Status values of the requirements table: the audit's statuses plus
// "na" for a requirement the site's engineering does not ask for.
const StatusNotApplicable audit.Status = "na"

// Document is one site's report, ready to render in any format or language.
type Document struct {
	Site        string
	Address     string
	RunBy       string
	Profile     string
	Engineering audit.Engineering
	// EngineeringSource is "inventory" or "inferred".
	EngineeringSource string
	Verdict           audit.Verdict
	TakenAt           time.Time
	GeneratedAt       time.Time
	Counts            map[audit.Status]int

	Requirements []RequirementRow
	Switches     []SwitchPage
	// SiteFindings are the findings that belong to no switch, worst first.
	SiteFindings []audit.Finding
	Plan         *audit.Plan
	Applied      *apply.Record
	PlanCLI      *apply.PlanDocument
	// Since is Input's: what changed since the site's previous audit.
	Since *diff.Diff
	// PlanFile and AppliedFile are Meta's.
	PlanFile, AppliedFile string
	Probe                 *snapshot.Probe
	Sizing                *SizingView
	Firewall              []FirewallRule
	Manual                []ManualItem

	// Result is the audit as given, for the JSON output.
	Result *audit.Result
}

// RequirementRow is one line of the requirements table.
type RequirementRow struct {
	ID     string
	Status audit.Status
	// Findings counts the findings behind the status, by status.
	Findings map[audit.Status]int
	// Worst is the worst finding of the requirement (its message and
	// evidence summarise the row); nil when there is none.
	Worst *audit.Finding
}

// SwitchPage is what the report says about one switch.
type SwitchPage struct {
	Target string
	Name   string
	// Vendor and OS are written for a reader ("HPE", "AOS-S"),
	// not the snapshot's keys.
	Vendor  string
	Model   string
	OS      string
	Version string
	Serial  string
	// Seen is false when the snapshot has no such switch (only findings).
	Seen bool
	PoE  PoEView
	// VLANs are the switch's VLANs; Voice marks the voice VLAN.
	VLANs    []snapshot.VLAN
	Panel    Panel
	Findings []audit.Finding
	Errors   []snapshot.Error
}

// PoEView is a switch's power budget.
type PoEView struct {
	// Supported is true when the switch reported a PoE source. Absent is
	// true when the audit concluded the switch has no PoE; a switch that
	// is neither was not read, which is never shown as "no PoE".
	Supported    bool
	Absent       bool
	BudgetW      float64
	ConsumptionW float64
	HeadroomW    float64
	// PhonesHeadroom is how many more class-2 phones (7 W at the PSE) the
	// headroom powers.
	PhonesHeadroom int
	// PoweredPorts counts ports delivering power now.
	PoweredPorts int
	// PortsNotRead is true when the switch gave its PoE budget but not its
	// ports' PoE: PoweredPorts means nothing then.
	PortsNotRead bool
}

// ManualItem is a check a person makes on site, with a box to tick.
type ManualItem struct {
	// Key is the catalogue key suffix: "manual.<Key>".
	Key string
	// Requirement is the requirement id the item belongs to.
	Requirement string
}

// SizingView is the WAN sizing as the report shows it.
type SizingView struct {
	Users         int
	ErlangPerUser float64
	Blocking      float64
	TrafficErlang float64
	Channels      int
	VoiceKbps     int
	Services      []ServiceRow
	XDSL          []XDSLRow
	Access        string
	UpKbps        int
	DownKbps      int
	Declared      bool
	LowSpeed      bool
	// WANMaxChannels is how many calls the declared access carries, -1
	// when no access is declared or the table gives no column.
	WANMaxChannels int
	// Verdict is pass, fail or unknown (no access declared).
	Verdict audit.Status
}

// ServiceRow is one service of the bandwidth table with the total for the
// site's channels.
type ServiceRow struct {
	Key  string
	Kbps int
}

// XDSLRow is one column of the STAS low-speed table.
type XDSLRow struct {
	Access      string
	MinUpKbps   int
	MaxUpKbps   int
	MinDownKbps int
	MaxChannels int
	// Matches is true for the column the declared access falls in.
	Matches bool
}
