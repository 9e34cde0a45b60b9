package audit

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/snapshot"
)

// checkDiscovery turns what could not be read into unknown findings: a
// target that did not answer is a switch the audit cannot vouch for.
func (a *auditor) checkDiscovery() {
	seen := map[string]bool{}
	for _, e := range a.snap.Errors {
		if seen[e.Target] {
			// One finding per target: its id must be unique.
			a.appendEvidence("L1/discovery/"+e.Target, ev("error", e.Stage+": "+e.Message))
			continue
		}
		seen[e.Target] = true
		a.add(Finding{Requirement: ReqL1, Check: "discovery", Status: StatusUnknown, Switch: e.Target,
			Message: Text{
				FR: "Cible non lue (" + e.Stage + ") : ses ports ne sont pas audités. " + e.Message,
				EN: "Target not read (" + e.Stage + "): its ports are not audited. " + e.Message,
			},
			Evidence: []Evidence{ev("stage", e.Stage), ev("error", e.Message)},
		})
	}
	for i := range a.snap.Switches {
		sw := &a.snap.Switches[i]
		if a.duplicate[sw] {
			if !seen["duplicate "+sw.Target] {
				seen["duplicate "+sw.Target] = true
				a.add(Finding{Requirement: ReqL1, Check: "duplicate", Status: StatusUnknown, Switch: sw.Target,
					Message: Text{
						FR: "Cette cible figure plusieurs fois dans l'instantané : seule la première est auditée. Corriger l'inventaire.",
						EN: "This target appears more than once in the snapshot: only the first is audited. Fix the inventory.",
					}})
			}
			continue
		}
		if a.unreadable[sw] {
			msgs := make([]string, 0, len(sw.Errors))
			for _, e := range sw.Errors {
				msgs = append(msgs, e.Stage+": "+e.Message)
			}
			a.add(Finding{Requirement: ReqL1, Check: "reachable", Status: StatusUnknown, Switch: sw.Target,
				Message: Text{
					FR: "Switch injoignable : rien n'a pu être lu, aucune exigence n'est vérifiée sur lui.",
					EN: "Switch unreachable: nothing could be read, no requirement is checked on it.",
				},
				Evidence: []Evidence{ev("errors", msgs...)},
			})
			continue
		}
		if a.voiceOption() {
			a.add(Finding{Requirement: ReqL1, Check: "managed", Status: StatusPass, Switch: sw.Target,
				Message: Text{
					FR: "Switch administrable : lu par " + strings.ToUpper(sourceOf(sw)) + ".",
					EN: "Managed switch: read through " + strings.ToUpper(sourceOf(sw)) + ".",
				},
				Evidence: []Evidence{ev("source", sourceOf(sw)), ev("sysObjectID", sw.SysObjectID), ev("model", sw.Model), ev("os", sw.OS)},
			})
		}
		// Partial reads: one finding per stage (its id must be unique), with
		// every message of that stage.
		var stages []string
		msgs := map[string][]string{}
		for _, e := range sw.Errors {
			if _, ok := msgs[e.Stage]; !ok {
				stages = append(stages, e.Stage)
			}
			msgs[e.Stage] = append(msgs[e.Stage], e.Message)
		}
		for _, stage := range stages {
			m := msgs[stage]
			a.add(Finding{Requirement: ReqL1, Check: "partial-" + stage, Status: StatusUnknown, Switch: sw.Target,
				Message: Text{
					FR: "Lecture incomplète (" + stage + ") : les vérifications qui en dépendent sont inconnues. " + strings.Join(m, " ; "),
					EN: "Incomplete read (" + stage + "): the checks that need it are unknown. " + strings.Join(m, "; "),
				},
				Evidence: []Evidence{ev("stage", stage), ev("error", m...)},
			})
		}
	}
}

func sourceOf(sw *snapshot.Switch) string {
	if sw.Source == "" {
		return snapshot.SourceSNMP
	}
	return sw.Source
}

func (a *auditor) checkSwitch(sw *snapshot.Switch) {
	views := a.bySwitch[sw]
	a.checkPoESupport(sw, views)
	a.checkPoEBudget(sw, views)
	if a.voiceOption() {
		a.check8021Q(sw)
		a.checkSwitchVoiceVLAN(sw)
	}
	a.checkPorts(sw, views)
}

// countRoles counts ports of each role on a switch.
func countRoles(views []*portView) map[Role]int {
	m := map[Role]int{}
	for _, v := range views {
		m[v.role]++
	}
	return m
}

func (a *auditor) checkPoESupport(sw *snapshot.Switch, views []*portView) {
	roles := countRoles(views)
	phones := roles[RolePhone] + roles[RolePhonePC]
	access := phones + roles[RolePC] + roles[RoleEmpty]
	f := Finding{Requirement: ReqL2, Check: "poe-supported", Switch: sw.Target,
		Evidence: []Evidence{ev("poeSupported", strconv.FormatBool(sw.PoE.Supported)), ev("phonePorts", itoa(phones)), ev("accessPorts", itoa(access))}}
	switch {
	case sw.PoE.Supported:
		f.Status = StatusPass
		f.Message = Text{FR: "Le switch fournit le PoE.", EN: "The switch supplies PoE."}
	case hasStage(sw, "poe"):
		f.Status = StatusUnknown
		f.Message = Text{FR: "L'état PoE n'a pas pu être lu.", EN: "The PoE state could not be read."}
	case sourceOf(sw) == snapshot.SourceSNMP:
		// No POWER-ETHERNET-MIB table is not proof of no PoE: many agents
		// (and trimmed recordings) leave it out.
		f.Status = StatusUnknown
		f.Message = Text{
			FR: "Le switch ne publie aucune source PoE en SNMP (POWER-ETHERNET-MIB) : PoE à vérifier en CLI (" + poeCommand(sw.OS) + ") ou sur la fiche du modèle " + sw.Model + ".",
			EN: "The switch publishes no PoE source over SNMP (POWER-ETHERNET-MIB): check PoE with the CLI (" + poeCommand(sw.OS) + ") or the datasheet of model " + sw.Model + ".",
		}
	case !a.prof.PoE.Required:
		f.Status = StatusWarn
		f.Message = Text{FR: "Pas de PoE : chaque téléphone aura besoin d'un bloc secteur.", EN: "No PoE: every phone will need a power brick."}
	case phones > 0:
		f.Status = StatusFail
		f.Message = Text{
			FR: fmt.Sprintf("Pas de PoE (%s) alors que %d port(s) ont un téléphone : remplacer le switch ou alimenter chaque poste par un bloc secteur.", a.prof.PoE.Standard, phones),
			EN: fmt.Sprintf("No PoE (%s) although %d port(s) have a phone: replace the switch or give every phone a power brick.", a.prof.PoE.Standard, phones),
		}
	case access > 0:
		f.Status = StatusFail
		f.Message = Text{
			FR: fmt.Sprintf("Pas de PoE (%s) sur un switch d'accès (%d ports d'accès) : les téléphones n'y seront pas alimentés.", a.prof.PoE.Standard, access),
			EN: fmt.Sprintf("No PoE (%s) on an access switch (%d access ports): phones will not be powered there.", a.prof.PoE.Standard, access),
		}
	default:
		f.Status = StatusPass
		f.Message = Text{FR: "Pas de PoE, mais aucun port d'accès : switch de distribution.", EN: "No PoE, but no access port: a distribution switch."}
	}
	a.add(f)
}

// poeCommand is the CLI command showing per-port PoE on the switch's OS
// (each vendor's command reference), IOS's for the others.
func poeCommand(os string) string {
	switch os {
	case "aruba_aoss", "aruba_aoscx":
		return "show power-over-ethernet"
	case "hp_comware":
		return "display poe interface"
	case "huawei_vrp":
		return "display poe power-state"
	}
	return "show power inline"
}

func hasStage(sw *snapshot.Switch, stages ...string) bool {
	_, ok := hasStageError(sw, stages...)
	return ok
}

// checkPoEBudget compares the PSE budget left with what the phones that are
// not powered yet would draw, and says the headroom in watts and in phones.
func (a *auditor) checkPoEBudget(sw *snapshot.Switch, views []*portView) {
	if !sw.PoE.Supported {
		return
	}
	perPhone := a.prof.PoE.ClassPowerW[a.prof.PoE.PhoneClass]
	var budget, used, drawn, allocated float64
	var faulty []string
	for _, p := range sw.PoE.PSEs {
		if p.Status == "faulty" || p.Status == "off" {
			faulty = append(faulty, fmt.Sprintf("PSE %d %s", p.Index, p.Status))
			continue
		}
		budget += p.PowerW
		drawn += p.ConsumptionW
		allocated += p.AllocatedW
		used += p.UsedW()
	}
	unpowered := 0
	for _, v := range views {
		if (v.role == RolePhone || v.role == RolePhonePC) && !delivering(v.port) {
			unpowered += v.phones()
		}
	}
	need := float64(unpowered) * perPhone
	headroom := budget - used
	headroomPhones := 0
	if perPhone > 0 && headroom > 0 {
		headroomPhones = int(math.Floor(headroom / perPhone))
	}
	f := Finding{Requirement: ReqL2, Check: "poe-budget", Switch: sw.Target,
		Evidence: []Evidence{
			ev("budgetW", fmtW(budget)), ev("consumptionW", fmtW(drawn)), ev("headroomW", fmtW(headroom)),
			ev("headroomPhones", itoa(headroomPhones)), ev("perPhoneW", fmtW(perPhone)+" (class "+itoa(a.prof.PoE.PhoneClass)+")"),
			ev("phonesNotPowered", itoa(unpowered)),
		}}
	if len(sw.PoE.PSEs) == 0 {
		// Nothing read: no "0 W" budget, drawn or headroom as evidence.
		f.Evidence = []Evidence{ev("perPhoneW", fmtW(perPhone)+" (class "+itoa(a.prof.PoE.PhoneClass)+")"), ev("phonesNotPowered", itoa(unpowered))}
	}
	if allocated > 0 {
		f.Evidence = append(f.Evidence, ev("allocatedW", fmtW(allocated)))
	}
	switch {
	case len(faulty) > 0:
		f.Status = StatusFail
		f.Evidence = append(f.Evidence, ev("pse", faulty...))
		f.Message = Text{FR: "Source PoE en défaut ou arrêtée : " + strings.Join(faulty, ", ") + ".", EN: "PoE source faulty or off: " + strings.Join(faulty, ", ") + "."}
	case len(sw.PoE.PSEs) == 0 || budget <= 0:
		f.Status = StatusUnknown
		f.Message = Text{
			FR: "Budget PoE non lu (aucun en SNMP) : marge inconnue ; le vérifier en CLI (" + poeCommand(sw.OS) + ").",
			EN: "PoE budget not read (none over SNMP): headroom unknown; check it with the CLI (" + poeCommand(sw.OS) + ").",
		}
	case headroom < need:
		f.Status = StatusFail
		f.Message = Text{
			FR: fmt.Sprintf("Budget PoE insuffisant : %s W libres pour %d téléphone(s) non alimenté(s) qui demandent %s W.", fmtWFR(headroom), unpowered, fmtWFR(need)),
			EN: fmt.Sprintf("PoE budget too small: %s W free for %d unpowered phone(s) needing %s W.", fmtW(headroom), unpowered, fmtW(need)),
		}
	case headroomPhones-unpowered < a.prof.PoE.MinHeadroomPhones:
		f.Status = StatusWarn
		f.Message = Text{
			FR: fmt.Sprintf("Marge PoE faible : %s W, soit %d téléphone(s) de classe %d de plus.", fmtWFR(headroom), headroomPhones-unpowered, a.prof.PoE.PhoneClass),
			EN: fmt.Sprintf("Little PoE headroom: %s W, i.e. %d more class %d phone(s).", fmtW(headroom), headroomPhones-unpowered, a.prof.PoE.PhoneClass),
		}
	default:
		f.Status = StatusPass
		f.Message = Text{
			FR: fmt.Sprintf("Marge PoE : %s W sur %s W, soit %d téléphone(s) de classe %d de plus.", fmtWFR(headroom), fmtWFR(budget), headroomPhones-unpowered, a.prof.PoE.PhoneClass),
			EN: fmt.Sprintf("PoE headroom: %s W of %s W, i.e. %d more class %d phone(s).", fmtW(headroom), fmtW(budget), headroomPhones-unpowered, a.prof.PoE.PhoneClass),
		}
	}
	a.add(f)
}

func delivering(p *snapshot.Port) bool { return p.PoE.Delivering() }

func fmtW(w float64) string { return strconv.FormatFloat(w, 'f', 1, 64) }

// fmtWFR is fmtW with the French decimal comma, for the French messages.
func fmtWFR(w float64) string { return strings.Replace(fmtW(w), ".", ",", 1) }

// taggedFR words an LLDP-MED policy's tagged flag in French messages.
func taggedFR(tagged bool) string {
	if tagged {
		return "taggué"
	}
	return "non taggué"
}

func (a *auditor) check8021Q(sw *snapshot.Switch) {
	tagged := 0
	for i := range sw.Ports {
		if len(sw.Ports[i].TaggedVLANs) > 0 || sw.Ports[i].VoiceVLAN > 0 {
			tagged++
		}
	}
	f := Finding{Requirement: ReqL3, Check: "dot1q", Switch: sw.Target,
		Evidence: []Evidence{ev("vlans", itoa(len(sw.VLANs))), ev("portsWithTaggedVlans", itoa(tagged))}}
	switch {
	case len(sw.VLANs) > 1 || tagged > 0:
		f.Status = StatusPass
		f.Message = Text{FR: fmt.Sprintf("802.1Q en service : %d VLAN.", len(sw.VLANs)), EN: fmt.Sprintf("802.1Q in use: %d VLANs.", len(sw.VLANs))}
	case hasStage(sw, "vlans", "bridge", "cisco-vlans"):
		f.Status = StatusUnknown
		f.Message = Text{FR: "La table des VLAN n'a pas pu être lue.", EN: "The VLAN table could not be read."}
	default:
		f.Status = StatusUnknown
		f.Message = Text{
			FR: "Aucun VLAN 802.1Q vu (Q-BRIDGE-MIB vide) : le switch ne les gère pas ou ne les publie pas ; vérifier en CLI.",
			EN: "No 802.1Q VLAN seen (Q-BRIDGE-MIB empty): the switch lacks them or does not publish them; check with the CLI.",
		}
	}
	a.add(f)
}

// checkSwitchVoiceVLAN is the switch part of L8: the site's voice VLAN
// exists here, and no other voice VLAN does.
func (a *auditor) checkSwitchVoiceVLAN(sw *snapshot.Switch) {
	if a.voiceVLAN == 0 {
		return // said once for the site
	}
	here := switchVoiceVLANs(sw)
	// An unread VLAN table counts as "not defined": creating a VLAN that
	// exists changes nothing on any switch.
	defined := false
	for _, v := range sw.VLANs {
		if v.ID == a.voiceVLAN {
			defined = true
		}
	}
	f := Finding{Requirement: ReqL8, Check: "voice-vlan", Switch: sw.Target,
		Evidence: []Evidence{ev("siteVoiceVlan", itoa(a.voiceVLAN)+" ("+a.voiceVLANSource+")"), ev("voiceVlansHere", ints(here)...)}}
	create := Change{Kind: ChangeCreateVLAN, Switch: sw.Target, VLAN: a.voiceVLAN, Name: a.prof.VoiceVLAN.Name, Voice: true}
	other := slicesWithout(here, a.voiceVLAN)
	switch {
	case len(other) > 0:
		f.Status = StatusFail
		f.Message = Text{
			FR: fmt.Sprintf("VLAN voix %s ici, %d sur le site : la voix doit utiliser le même VLAN sur tout le site.", strings.Join(ints(other), ","), a.voiceVLAN),
			EN: fmt.Sprintf("Voice VLAN %s here, %d on the site: voice must use the same VLAN across the site.", strings.Join(ints(other), ","), a.voiceVLAN),
		}
		if !defined {
			f.Fix = []Change{create}
		}
	case len(here) == 0 && !defined:
		f.Status = StatusFail
		f.Message = Text{
			FR: fmt.Sprintf("Le VLAN voix %d n'existe pas sur ce switch : l'activation doit couvrir tout le site.", a.voiceVLAN),
			EN: fmt.Sprintf("Voice VLAN %d does not exist on this switch: activation must cover the whole site.", a.voiceVLAN),
		}
		f.Fix = []Change{create}
	case len(here) == 0:
		f.Status = StatusFail
		f.Message = Text{
			FR: fmt.Sprintf("Le VLAN %d existe mais aucun port ne le donne aux téléphones : l'activation doit couvrir tout le site.", a.voiceVLAN),
			EN: fmt.Sprintf("VLAN %d exists but no port hands it to phones: activation must cover the whole site.", a.voiceVLAN),
		}
	default:
		f.Status = StatusPass
		f.Message = Text{FR: fmt.Sprintf("VLAN voix %d présent.", a.voiceVLAN), EN: fmt.Sprintf("Voice VLAN %d present.", a.voiceVLAN)}
		if !defined {
			f.Status = StatusFail
			f.Message = Text{
				FR: fmt.Sprintf("Des ports utilisent le VLAN voix %d mais il n'est pas créé sur le switch.", a.voiceVLAN),
				EN: fmt.Sprintf("Ports use voice VLAN %d but it is not created on the switch.", a.voiceVLAN),
			}
			f.Fix = []Change{create}
		}
	}
	a.add(f)
}

func slicesWithout(s []int, x int) []int {
	var out []int
	for _, v := range s {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}

// appendEvidence adds evidence to the finding with id.
func (a *auditor) appendEvidence(id string, e Evidence) {
	for i := range a.res.Findings {
		if a.res.Findings[i].ID == id {
			a.res.Findings[i].Evidence = append(a.res.Findings[i].Evidence, e)
			return
		}
	}
}
