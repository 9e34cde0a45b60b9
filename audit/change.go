package audit

import (
	"fmt"
	"slices"
	"strings"
)

// ChangeKind names one vendor-neutral operation. The drivers render each kind
// into their own CLI.
type ChangeKind string

const (
	// ChangeCreateVLAN creates VLAN (VLAN, Name), marked as the switch's voice
	// VLAN when Voice is set (vendors that have such a flag). Port is empty.
	ChangeCreateVLAN ChangeKind = "createVlan"
	// ChangeSetVoiceVLAN sets the port's voice VLAN to VLAN (tagged, the
	// voice-VLAN feature or its vendor equivalent).
	ChangeSetVoiceVLAN ChangeKind = "setVoiceVlan"
	// ChangeSetDataVLAN makes VLAN the port's untagged (access/native) VLAN
	// and its PVID.
	ChangeSetDataVLAN ChangeKind = "setDataVlan"
	// ChangeSetPortMode sets the port's mode (Mode) and, for hybrid or trunk,
	// adds TaggedVLANs to its tagged membership. It never removes VLANs.
	ChangeSetPortMode ChangeKind = "setPortMode"
	// ChangeEnableLLDP enables LLDP transmit and receive: globally when Port
	// is empty, on the port otherwise.
	ChangeEnableLLDP ChangeKind = "enableLldp"
	// ChangeEnableMEDPolicy advertises the LLDP-MED network policy Policy on
	// the port (and enables LLDP-MED TLVs there).
	ChangeEnableMEDPolicy ChangeKind = "enableMedPolicy"
	// ChangeEnablePoE enables PoE (PSE admin) on the port.
	ChangeEnablePoE ChangeKind = "enablePoe"
)

// ChangeKinds lists every kind, in the order a plan applies them on one
// switch: VLANs exist before ports use them, LLDP runs before policies.
var ChangeKinds = []ChangeKind{
	ChangeCreateVLAN, ChangeEnableLLDP, ChangeSetPortMode, ChangeSetDataVLAN,
	ChangeSetVoiceVLAN, ChangeEnableMEDPolicy, ChangeEnablePoE,
}

func (k ChangeKind) order() int {
	if i := slices.Index(ChangeKinds, k); i >= 0 {
		return i
	}
	return len(ChangeKinds)
}

// PortMode values for ChangeSetPortMode.
type PortMode string

const (
	// PortModeHybrid: one untagged (data) VLAN plus tagged VLANs; Cisco's
	// access port with a voice VLAN is rendered as this.
	PortModeHybrid PortMode = "hybrid"
	PortModeTrunk  PortMode = "trunk"
	PortModeAccess PortMode = "access"
)

// MEDPolicy is the LLDP-MED network policy a change asks a port to advertise.
type MEDPolicy struct {
	// Application is "voice" or "voiceSignaling" (TIA-1057 names, as in
	// snapshot.Policy).
	Application string `json:"application"`
	VLAN        int    `json:"vlan"`
	Tagged      bool   `json:"tagged"`
	// Priority is the 802.1p priority 0..7.
	Priority int `json:"priority"`
	// DSCP is 0..63.
	DSCP int `json:"dscp"`
}

// Change is one vendor-neutral operation on one switch, and why.
type Change struct {
	Kind ChangeKind `json:"kind"`
	// Switch is the target of the switch (snapshot.Switch.Target).
	Switch string `json:"switch"`
	// Port is the ifName of the port; empty for switch-wide changes.
	Port string `json:"port,omitempty"`
	// VLAN is the VLAN id for createVlan, setVoiceVlan, setDataVlan.
	VLAN int `json:"vlan,omitempty"`
	// Name is the VLAN name for createVlan.
	Name string `json:"name,omitempty"`
	// Voice marks the created VLAN as the voice VLAN (createVlan).
	Voice bool `json:"voice,omitempty"`
	// Mode and TaggedVLANs are for setPortMode.
	Mode        PortMode `json:"mode,omitempty"`
	TaggedVLANs []int    `json:"taggedVlans,omitempty"`
	// Policy is for enableMedPolicy.
	Policy *MEDPolicy `json:"policy,omitempty"`
	// Reason is the id of the finding this change fixes.
	Reason string `json:"reason"`
}

// key identifies a change regardless of its reason, so a plan holds each
// operation once even when several findings ask for it.
func (c Change) key() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%s|%d|%s|%t|%s|%v", c.Kind, c.Switch, c.Port, c.VLAN, c.Name, c.Voice, c.Mode, c.TaggedVLANs)
	if c.Policy != nil {
		fmt.Fprintf(&b, "|%+v", *c.Policy)
	}
	return b.String()
}

// Validate checks that a change carries the fields its kind needs, so a
// driver never renders a half-filled change.
func (c Change) Validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("audit: change %s on %s %s: %s", c.Kind, c.Switch, c.Port, fmt.Sprintf(format, a...))
	}
	if c.Switch == "" {
		return bad("no switch")
	}
	validVLAN := func(v int) bool { return v >= 1 && v <= 4094 }
	switch c.Kind {
	case ChangeCreateVLAN:
		if !validVLAN(c.VLAN) {
			return bad("VLAN %d outside 1..4094", c.VLAN)
		}
		if c.Port != "" {
			return bad("a VLAN is created switch-wide; port must be empty")
		}
	case ChangeSetVoiceVLAN, ChangeSetDataVLAN:
		if c.Port == "" {
			return bad("no port")
		}
		if !validVLAN(c.VLAN) {
			return bad("VLAN %d outside 1..4094", c.VLAN)
		}
	case ChangeSetPortMode:
		if c.Port == "" {
			return bad("no port")
		}
		switch c.Mode {
		case PortModeHybrid, PortModeTrunk, PortModeAccess:
		default:
			return bad("mode %q is not hybrid, trunk or access", c.Mode)
		}
		for _, v := range c.TaggedVLANs {
			if !validVLAN(v) {
				return bad("tagged VLAN %d outside 1..4094", v)
			}
		}
	case ChangeEnableLLDP:
	case ChangeEnableMEDPolicy:
		if c.Port == "" {
			return bad("no port")
		}
		p := c.Policy
		if p == nil {
			return bad("no policy")
		}
		if p.Application == "" {
			return bad("policy has no application")
		}
		if p.VLAN < 0 || p.VLAN > 4094 || p.Priority < 0 || p.Priority > 7 || p.DSCP < 0 || p.DSCP > 63 {
			return bad("policy out of range (VLAN %d, priority %d, DSCP %d)", p.VLAN, p.Priority, p.DSCP)
		}
	case ChangeEnablePoE:
		if c.Port == "" {
			return bad("no port")
		}
	default:
		return bad("unknown kind")
	}
	return nil
}

// SwitchPlan is the changes for one switch, in the order to apply them.
type SwitchPlan struct {
	Switch  string   `json:"switch"`
	Changes []Change `json:"changes"`
}

// Plan is every change an audit asks for, grouped per switch.
type Plan struct {
	Site     string       `json:"site"`
	Switches []SwitchPlan `json:"switches"`
}

// Len is the number of changes in the plan.
func (p *Plan) Len() int {
	n := 0
	for _, s := range p.Switches {
		n += len(s.Changes)
	}
	return n
}

// For returns the changes for one switch target, nil when there are none.
func (p *Plan) For(target string) []Change {
	for _, s := range p.Switches {
		if s.Switch == target {
			return s.Changes
		}
	}
	return nil
}

// BuildPlan collects the fixes of r's findings into a plan: one entry per
// distinct operation (the first finding asking for it is its reason), grouped
// per switch in the result's switch order, ordered by kind then port within a
// switch. Changes on a port the audit judged an uplink are dropped: the plan
// never touches an uplink.
func BuildPlan(r *Result) *Plan {
	uplinks := r.uplinks()
	plan := &Plan{Site: r.Site, Switches: []SwitchPlan{}}
	index := map[string]int{}
	seen := map[string]bool{}
	for _, f := range r.Findings {
		for _, c := range f.Fix {
			if c.onUplink(uplinks) {
				continue
			}
			k := c.key()
			if seen[k] {
				continue
			}
			seen[k] = true
			if c.Reason == "" {
				c.Reason = f.ID
			}
			i, ok := index[c.Switch]
			if !ok {
				i = len(plan.Switches)
				index[c.Switch] = i
				plan.Switches = append(plan.Switches, SwitchPlan{Switch: c.Switch})
			}
			plan.Switches[i].Changes = append(plan.Switches[i].Changes, c)
		}
	}
	for i := range plan.Switches {
		slices.SortStableFunc(plan.Switches[i].Changes, func(a, b Change) int {
			if d := a.Kind.order() - b.Kind.order(); d != 0 {
				return d
			}
			return ComparePorts(a.Port, b.Port)
		})
	}
	return plan
}

// ComparePorts orders interface names the way people read them: runs of
// digits compare as numbers, so "Gi1/0/2" sorts before "Gi1/0/10".
func ComparePorts(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) - len(nb)
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// uplinks are the ports the audit made uplinks: no plan ever touches them.
func (r *Result) uplinks() map[[2]string]bool {
	out := map[[2]string]bool{}
	for _, pr := range r.Ports {
		if pr.Role == RoleUplink {
			out[[2]string{pr.Switch, pr.Port}] = true
		}
	}
	return out
}

func (c Change) onUplink(uplinks map[[2]string]bool) bool {
	return c.Port != "" && uplinks[[2]string{c.Switch, c.Port}]
}

// PlannedFix is what the plan (BuildPlan) will change for f: its fix
// without the changes on uplinks, which no plan touches, and how many of
// those were left out. Every screen that shows a finding's fix shows this,
// so it never promises what Plan will not do.
func (r *Result) PlannedFix(f Finding) (planned []Change, onUplinks int) {
	uplinks := r.uplinks()
	for _, c := range f.Fix {
		if c.onUplink(uplinks) {
			onUplinks++
			continue
		}
		planned = append(planned, c)
	}
	return planned, onUplinks
}

// RelatedChanges are the plan's changes on f's switch for f's requirement
// that come from other findings: what Plan changes towards f when f has no
// fix of its own (an L8 "no port hands the voice VLAN out" is fixed by the
// spare ports' changes).
func (r *Result) RelatedChanges(f Finding) []Change {
	if f.Switch == "" {
		return nil
	}
	var out []Change
	for _, sp := range BuildPlan(r).Switches {
		if sp.Switch != f.Switch {
			continue
		}
		for _, c := range sp.Changes {
			if strings.HasPrefix(c.Reason, f.Requirement+"/") && c.Reason != f.ID {
				out = append(out, c)
			}
		}
	}
	return out
}
