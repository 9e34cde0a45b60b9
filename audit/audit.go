package audit

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/sizing"
	"github.com/voxlan/voxlan/snapshot"
)

// Site is what the inventory declares about a site; the zero value declares
// nothing and lets the audit infer what it can.
type Site struct {
	// Name overrides the snapshot's site name when set.
	Name string
	// Engineering is the declared LAN engineering; "" = infer it.
	Engineering Engineering
	// Users is the number of users, for WAN sizing; 0 = not declared.
	Users int
	// WAN is the declared access; nil = not declared.
	WAN *sizing.WAN
	// InternetVia is the site whose access carries this one's traffic
	// (multi-site VPN): W is judged there, not here.
	InternetVia string
	// CarriedUsers are the users of the sites whose traffic goes through
	// this site's access (CarriedSites): sized on top of Users.
	CarriedUsers int
	CarriedSites []string
	// DataVLAN and VoiceVLAN are the expected VLAN ids; 0 = not declared.
	DataVLAN  int
	VoiceVLAN int
}

// auditor carries one audit's state. It is never shared.
type auditor struct {
	snap       *snapshot.Snapshot
	prof       *profile.Profile
	site       Site
	res        *Result
	platforms  []string
	vendors    map[string]bool
	allVendors bool

	ports []*portView
	// bySwitch indexes ports per switch, in snapshot order.
	bySwitch map[*snapshot.Switch][]*portView
	// unreadable switches are skipped by per-switch checks (one unknown
	// finding says why).
	unreadable map[*snapshot.Switch]bool
	// duplicate marks the second and later switches with a target already
	// seen in the snapshot.
	duplicate map[*snapshot.Switch]bool
	// lldpHeard caches whether any port of a switch has a neighbour.
	lldpHeard map[*snapshot.Switch]bool

	voiceVLAN       int // the site's voice VLAN, 0 = none known
	voiceVLANSource string
	dataVLAN        int // the site's data VLAN, 0 = unknown
	dataVLANSource  string
}

// Run audits one site's snapshot against a profile. It never fails: what
// cannot be judged becomes a finding with status unknown.
func Run(snap *snapshot.Snapshot, prof *profile.Profile, site Site) *Result {
	a := &auditor{
		snap: snap, prof: prof, site: site,
		vendors:    map[string]bool{},
		bySwitch:   map[*snapshot.Switch][]*portView{},
		unreadable: map[*snapshot.Switch]bool{},
		lldpHeard:  map[*snapshot.Switch]bool{},
		duplicate:  map[*snapshot.Switch]bool{},
	}
	name := site.Name
	if name == "" {
		name = snap.Site
	}
	a.res = &Result{
		Schema: Schema, Site: name, Profile: prof.Name, TakenAt: snap.TakenAt,
		Findings: []Finding{}, Ports: []PortRole{},
	}
	for _, p := range prof.Phones.Platforms {
		a.platforms = append(a.platforms, strings.ToLower(p))
	}
	for _, v := range prof.Phones.Vendors {
		if v == "all" {
			a.allVendors = true
		}
		a.vendors[v] = true
	}

	a.classifyAll()
	a.decideEngineering()
	a.decideVLANs()

	a.checkDiscovery()
	for i := range snap.Switches {
		sw := &snap.Switches[i]
		if a.unreadable[sw] {
			continue
		}
		a.checkSwitch(sw)
	}
	a.checkSite()
	a.checkSomethingJudged()
	a.res.Verdict = VerdictOf(a.res.Findings)
	return a.res
}

func (a *auditor) voiceOption() bool { return a.res.Engineering == EngineeringVoiceVLAN }

func (a *auditor) classifyAll() {
	n := 0
	for i := range a.snap.Switches {
		n += len(a.snap.Switches[i].Ports)
	}
	a.ports = make([]*portView, 0, n)
	a.res.Ports = make([]PortRole, 0, n)
	views := make([]portView, 0, n)
	targets := map[string]bool{}
	for i := range a.snap.Switches {
		sw := &a.snap.Switches[i]
		if targets[sw.Target] {
			// Findings and changes are keyed by target: a second switch
			// with the same one cannot be told apart, so it is set aside.
			a.unreadable[sw] = true
			a.duplicate[sw] = true
			continue
		}
		targets[sw.Target] = true
		if switchUnreadable(sw) {
			a.unreadable[sw] = true
			continue
		}
		for j := range sw.Ports {
			p := &sw.Ports[j]
			ok, lag := physicalPort(p)
			if !ok || ManagementPort(p) {
				continue
			}
			views = append(views, portView{sw: sw, port: p})
			v := &views[len(views)-1]
			a.classify(v, lag)
			a.ports = append(a.ports, v)
			a.bySwitch[sw] = append(a.bySwitch[sw], v)
			a.res.Ports = append(a.res.Ports, PortRole{
				Switch: sw.Target, Port: portName(p), Role: v.role, Evidence: v.evidence, Phones: v.phones(),
			})
		}
	}
}

// switchUnreadable: nothing but errors came back (no system data, no ports).
func switchUnreadable(sw *snapshot.Switch) bool {
	return len(sw.Ports) == 0 && sw.SysObjectID == "" && sw.SysName == "" && len(sw.Errors) > 0
}

func portName(p *snapshot.Port) string {
	if p.Name != "" {
		return p.Name
	}
	if p.Descr != "" {
		return p.Descr
	}
	return "ifIndex " + strconv.Itoa(p.IfIndex)
}

// switchVoiceVLANs are the voice VLANs a switch shows: VLANs flagged voice,
// ports' voice VLANs, and tagged LLDP-MED voice policies.
func switchVoiceVLANs(sw *snapshot.Switch) []int {
	var ids []int
	add := func(id int) {
		if id > 0 && id < 4095 && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	for _, v := range sw.VLANs {
		if v.Voice {
			add(v.ID)
		}
	}
	for i := range sw.Ports {
		p := &sw.Ports[i]
		add(p.VoiceVLAN)
		for _, pol := range p.MEDPolicies {
			if pol.Application == "voice" && pol.Tagged && !pol.Unknown {
				add(pol.VLAN)
			}
		}
	}
	slices.Sort(ids)
	return ids
}

func (a *auditor) decideEngineering() {
	if a.site.Engineering != "" {
		a.res.Engineering = a.site.Engineering
		a.res.EngineeringSource = "inventory"
	} else {
		a.res.Engineering = EngineeringStandard
		a.res.EngineeringSource = "inferred"
		if a.site.VoiceVLAN > 0 {
			a.res.Engineering = EngineeringVoiceVLAN
		}
		for i := range a.snap.Switches {
			if len(switchVoiceVLANs(&a.snap.Switches[i])) > 0 {
				a.res.Engineering = EngineeringVoiceVLAN
			}
		}
	}
	if !a.prof.AllowsEngineering(string(a.res.Engineering)) {
		was := a.res.Engineering
		a.res.Engineering = Engineering(a.prof.Engineerings[0])
		a.add(Finding{Requirement: ReqL8, Check: "engineering", Status: StatusWarn,
			Message: Text{
				FR: fmt.Sprintf("Le profil %s ne prévoit pas l'ingénierie %s (%s) ; l'audit juge le site en %s.", a.prof.Name, was, a.res.EngineeringSource, a.res.Engineering),
				EN: fmt.Sprintf("Profile %s does not allow the %s engineering (%s); the site is judged as %s.", a.prof.Name, was, a.res.EngineeringSource, a.res.Engineering),
			},
			Evidence: []Evidence{{Key: "engineering", Values: []string{string(was)}}, {Key: "allowed", Values: a.prof.Engineerings}},
		})
	}
}

// decideVLANs picks the site's voice and data VLANs: declared, else the one
// most switches (voice) or access ports (data) use.
func (a *auditor) decideVLANs() {
	if a.site.VoiceVLAN > 0 {
		a.voiceVLAN, a.voiceVLANSource = a.site.VoiceVLAN, "inventory"
	} else {
		votes := map[int]int{}
		for i := range a.snap.Switches {
			for _, id := range switchVoiceVLANs(&a.snap.Switches[i]) {
				votes[id]++
			}
		}
		if id := mostVoted(votes); id > 0 {
			a.voiceVLAN, a.voiceVLANSource = id, "switches"
		}
	}
	if a.site.DataVLAN > 0 {
		a.dataVLAN, a.dataVLANSource = a.site.DataVLAN, "inventory"
		return
	}
	votes := map[int]int{}
	for _, v := range a.ports {
		switch v.role {
		case RolePhone, RolePhonePC, RolePC:
			if pv := v.port.PVID; pv > 0 && pv != a.voiceVLAN {
				votes[pv]++
			}
		}
	}
	if id := mostVoted(votes); id > 0 {
		a.dataVLAN, a.dataVLANSource = id, "access ports"
	}
}

// mostVoted returns the id with most votes, the lowest id on a tie, 0 when
// there are none.
func mostVoted(votes map[int]int) int {
	best, bestN := 0, 0
	for id, n := range votes {
		if n > bestN || (n == bestN && id < best) {
			best, bestN = id, n
		}
	}
	return best
}

// add appends a finding, giving it its stable id.
func (a *auditor) add(f Finding) {
	parts := []string{f.Requirement, f.Check}
	if f.Switch != "" {
		parts = append(parts, f.Switch)
	}
	if f.Port != "" {
		parts = append(parts, f.Port)
	}
	f.ID = strings.Join(parts, "/")
	if f.Evidence == nil {
		f.Evidence = []Evidence{}
	}
	if f.Fix == nil {
		f.Fix = []Change{}
	}
	for i := range f.Fix {
		if f.Fix[i].Reason == "" {
			f.Fix[i].Reason = f.ID
		}
	}
	a.res.Findings = append(a.res.Findings, f)
}

// hasStageError says whether a switch failed to read one of stages.
func hasStageError(sw *snapshot.Switch, stages ...string) (snapshot.Error, bool) {
	for _, e := range sw.Errors {
		if slices.Contains(stages, e.Stage) {
			return e, true
		}
	}
	return snapshot.Error{}, false
}

func ev(key string, values ...string) Evidence {
	if values == nil {
		values = []string{}
	}
	return Evidence{Key: key, Values: values}
}

func itoa(n int) string { return strconv.Itoa(n) }

func ints(ns []int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strconv.Itoa(n)
	}
	return out
}
