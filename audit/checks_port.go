package audit

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/snapshot"
)

// portCheck is one rule run on the ports of a switch. A port that passes
// adds no finding; a switch whose ports all pass gets one pass finding
// saying how many were checked, so a pass is never silent.
type portCheck struct {
	req, check string
	passFR     string
	passEN     string
	checked    int
	bad        int
}

func (a *auditor) checkPorts(sw *snapshot.Switch, views []*portView) {
	cascade := &portCheck{req: ReqL7, check: "cascade", passFR: "Aucune cascade de téléphones ni switch non administrable derrière les ports d'accès.", passEN: "No phone cascade and no unmanaged switch behind the access ports."}
	poe := &portCheck{req: ReqL2, check: "poe-port", passFR: "PoE délivré sur les ports des téléphones.", passEN: "PoE delivered on the phone ports."}
	cabling := &portCheck{req: ReqL10, check: "link", passFR: "Débit et duplex conformes sur les ports des téléphones.", passEN: "Speed and duplex right on the phone ports."}
	errs := &portCheck{req: ReqL10, check: "fcs", passFR: "Pas d'erreur FCS sur les ports des téléphones.", passEN: "No FCS errors on the phone ports."}
	checks := []*portCheck{cascade, poe, cabling, errs}
	var hybrid, lldp, placement *portCheck
	if a.voiceOption() {
		hybrid = &portCheck{req: ReqL4, check: "hybrid", passFR: "Ports des téléphones hybrides : VLAN data non taggué, VLAN voix taggué.", passEN: "Phone ports hybrid: data untagged, voice tagged."}
		lldp = &portCheck{req: ReqL5, check: "lldp-med", passFR: "LLDP-MED donne le VLAN voix aux téléphones.", passEN: "LLDP-MED hands the voice VLAN to the phones."}
		placement = &portCheck{req: ReqL9, check: "vlan-placement", passFR: "Téléphones dans le VLAN voix, PC dans le VLAN data.", passEN: "Phones in the voice VLAN, PCs in the data VLAN."}
		checks = append(checks, hybrid, lldp, placement)
	}
	var sparePoE, spareVoice []*portView
	fdbMissing := hasStage(sw, "fdb", "bridge")
	for _, v := range views {
		switch v.role {
		case RoleUnknown:
			if v.maybeHub {
				cascade.checked++
				cascade.bad++
				f := a.portFinding(v, StatusUnknown,
					fmt.Sprintf("%d adresses MAC derrière ce port et LLDP/CDP non lu : hub, switch non administrable ou liaison montante ? Vérifier sur place.", distinctMACs(v.otherMACs)),
					fmt.Sprintf("%d MAC addresses behind this port and LLDP/CDP not read: hub, unmanaged switch or uplink? Check on site.", distinctMACs(v.otherMACs)))
				f.Requirement, f.Check = ReqL7, "unmanaged-switch"
				a.add(*f)
			}
			continue
		case RoleUplink, RoleAccessPoint:
			continue
		case RoleUnmanagedSwitch:
			cascade.checked++
			cascade.bad++
			a.unmanagedFinding(v)
			continue
		}
		cascade.checked++
		if v.phones() >= 2 {
			cascade.bad++
			a.cascadeFinding(v)
		}
		if v.role == RolePC || v.role == RoleEmpty {
			if sw.PoE.Supported && v.port.PoE.Off() {
				sparePoE = append(sparePoE, v)
			}
			if a.voiceOption() && a.voiceVLAN > 0 && !a.voiceDelivered(v.port) && v.port.PVID != a.voiceVLAN {
				spareVoice = append(spareVoice, v)
			}
			if v.role == RolePC {
				a.pcChecks(v, placement)
			}
			continue
		}
		// Phone ports.
		a.runCheck(poe, a.poePort(v))
		a.runCheck(cabling, a.linkCheck(v))
		a.runCheck(errs, a.fcsCheck(v))
		if a.voiceOption() {
			a.runCheck(hybrid, a.hybridCheck(v))
			a.runCheck(lldp, a.lldpCheck(v))
			a.runCheck(placement, a.placementCheck(v))
		}
	}
	if fdbMissing {
		// Without the MAC table cascades and hubs cannot be seen.
		a.add(Finding{Requirement: ReqL7, Check: "cascade", Switch: sw.Target, Status: StatusUnknown,
			Message:  Text{FR: "Table MAC non lue : cascades et concentrateurs invisibles.", EN: "MAC table not read: cascades and hubs cannot be seen."},
			Evidence: []Evidence{ev("accessPorts", itoa(cascade.checked))}})
		cascade.checked = 0
	}
	a.spareFindings(sw, sparePoE, spareVoice)
	for _, c := range checks {
		if c == nil || c.checked == 0 || c.bad > 0 {
			continue
		}
		a.add(Finding{Requirement: c.req, Check: c.check, Switch: sw.Target, Status: StatusPass,
			Message:  Text{FR: c.passFR, EN: c.passEN},
			Evidence: []Evidence{ev("portsChecked", itoa(c.checked))}})
	}
}

// passed is what a port check returns when the port meets the rule. It is
// only compared, never changed.
var passed = &Finding{Status: StatusPass}

// runCheck counts a port's outcome and adds its finding unless it passed.
func (a *auditor) runCheck(c *portCheck, f *Finding) {
	if c == nil || f == nil {
		return
	}
	c.checked++
	if f.Status == StatusPass {
		return
	}
	c.bad++
	if f.Requirement == "" {
		f.Requirement = c.req
	}
	f.Check = c.check
	a.add(*f)
}

func (a *auditor) portFinding(v *portView, status Status, fr, en string, evidence ...Evidence) *Finding {
	return &Finding{Status: status, Switch: v.sw.Target, Port: portName(v.port),
		Message: Text{FR: fr, EN: en}, Evidence: append([]Evidence{ev("role", string(v.role))}, evidence...)}
}

func (a *auditor) cascadeFinding(v *portView) {
	f := a.portFinding(v, StatusFail,
		fmt.Sprintf("Cascade : %d téléphones derrière un même port d'accès. Un seul téléphone par prise ; un PC derrière le téléphone est admis.", v.phones()),
		fmt.Sprintf("Cascade: %d phones behind one access port. One phone per outlet; a PC behind the phone is fine.", v.phones()),
		ev("phones", v.phoneIDs...))
	f.Requirement, f.Check = ReqL7, "cascade"
	a.add(*f)
}

func (a *auditor) unmanagedFinding(v *portView) {
	n := distinctMACs(v.otherMACs)
	f := a.portFinding(v, StatusFail,
		fmt.Sprintf("Switch non administrable ou hub derrière ce port : %d adresses MAC, aucun voisin LLDP/CDP switch. Le VLAN voix ne passera pas ; brancher les téléphones directement.", n+len(v.phoneIDs)),
		fmt.Sprintf("Unmanaged switch or hub behind this port: %d MAC addresses, no LLDP/CDP switch neighbour. The voice VLAN will not get through; plug phones in directly.", n+len(v.phoneIDs)),
		ev("macs", itoa(n+len(v.phoneIDs))), ev("phones", itoa(v.phones())))
	f.Requirement, f.Check = ReqL7, "unmanaged-switch"
	a.add(*f)
}

func (a *auditor) poePort(v *portView) *Finding {
	p := v.port
	switch {
	case !v.sw.PoE.Supported:
		return nil // the switch-level finding says it
	case p.PoE == nil:
		if hasStage(v.sw, "poe") || v.sw.PoE.PortsNotRead {
			return a.portFinding(v, StatusUnknown, "PoE du port non lu : le vérifier en CLI ("+poeCommand(v.sw.OS)+").",
				"Port PoE not read: check it with the CLI ("+poeCommand(v.sw.OS)+").")
		}
		return a.portFinding(v, StatusFail, "Port sans PoE : le téléphone doit avoir un bloc secteur ou changer de port.", "Port without PoE: the phone needs a power brick or another port.")
	case p.PoE.Off():
		f := a.portFinding(v, StatusFail, "PoE désactivé sur le port d'un téléphone.", "PoE disabled on a phone port.",
			ev("poeAdmin", "disabled"), ev("detection", p.PoE.Detection))
		f.Fix = []Change{{Kind: ChangeEnablePoE, Switch: v.sw.Target, Port: portName(p)}}
		return f
	case p.PoE.Detection == "fault" || p.PoE.Detection == "otherFault":
		return a.portFinding(v, StatusFail, "PoE en défaut sur le port (court-circuit, surcharge ou câble) : vérifier le câble et la classe du poste.",
			"PoE fault on the port (short, overload or cabling): check the cable and the phone's class.", ev("detection", p.PoE.Detection))
	case p.PoE.Delivering():
		return passed
	case !p.PoE.AdminKnown() || !p.PoE.DetectionKnown():
		// A vendor table gave the power drawn (none) but not whether the
		// port is enabled or searching: unknown, never "off".
		return a.portFinding(v, StatusUnknown, "PoE du port non lu (activation ou détection) : le vérifier en CLI ("+poeCommand(v.sw.OS)+").",
			"Port PoE not read (enabled or detecting): check it with the CLI ("+poeCommand(v.sw.OS)+").", ev("poeUnread", p.PoE.Unread...))
	}
	return a.portFinding(v, StatusWarn, "PoE activé mais le téléphone n'est pas alimenté par le port (bloc secteur ?).",
		"PoE enabled but the phone is not powered by the port (power brick?).", ev("detection", p.PoE.Detection))
}

func (a *auditor) linkCheck(v *portView) *Finding {
	p := v.port
	min := a.prof.Ports.MinSpeedMbps
	ok := p.OperUp && p.SpeedMbps >= min && (!a.prof.Ports.FullDuplex ||
		(p.Duplex == snapshot.DuplexFull && (p.Counters == nil || p.Counters.LateCollisions == 0)))
	if ok {
		return passed
	}
	evs := []Evidence{ev("speedMbps", itoa(p.SpeedMbps)), ev("duplex", p.Duplex)}
	switch {
	case !p.OperUp:
		return a.portFinding(v, StatusWarn, "Lien du téléphone tombé au moment de la lecture.", "The phone's link was down when read.", evs...)
	case p.SpeedMbps == 0:
		return a.portFinding(v, StatusUnknown, "Débit du port inconnu.", "Port speed unknown.", evs...)
	case p.SpeedMbps < min:
		return a.portFinding(v, StatusFail,
			fmt.Sprintf("Lien à %d Mb/s, moins de %d Mb/s : câblage catégorie 5 au moins, cordons à vérifier.", p.SpeedMbps, min),
			fmt.Sprintf("Link at %d Mb/s, below %d Mb/s: category 5 cabling at least, check the patch cords.", p.SpeedMbps, min), evs...)
	case a.prof.Ports.FullDuplex && p.Duplex == snapshot.DuplexHalf:
		return a.portFinding(v, StatusFail, "Lien en half duplex : négociation ou câblage défaillant.", "Link in half duplex: failed negotiation or cabling.", evs...)
	case a.prof.Ports.FullDuplex && p.Counters != nil && p.Counters.LateCollisions > 0:
		return a.portFinding(v, StatusFail, "Collisions tardives sur un lien full duplex : désaccord de duplex.", "Late collisions on a full-duplex link: duplex mismatch.",
			append(evs, ev("lateCollisions", strconv.FormatUint(p.Counters.LateCollisions, 10)))...)
	case a.prof.Ports.FullDuplex && p.Duplex != snapshot.DuplexFull:
		return a.portFinding(v, StatusUnknown, "Duplex du port inconnu.", "Port duplex unknown.", evs...)
	}
	return passed
}

func (a *auditor) fcsCheck(v *portView) *Finding {
	c := v.port.Counters
	if c == nil {
		return a.portFinding(v, StatusUnknown, "Compteurs d'erreurs non lus.", "Error counters not read.")
	}
	n := c.FCSErrors + c.AlignmentErrors
	if n == 0 {
		return passed
	}
	evs := []Evidence{ev("fcsErrors", strconv.FormatUint(c.FCSErrors, 10)), ev("alignmentErrors", strconv.FormatUint(c.AlignmentErrors, 10))}
	switch {
	case n > a.prof.Ports.MaxFCSErrors:
		return a.portFinding(v, StatusFail,
			fmt.Sprintf("%d erreurs FCS/alignement : câble, prise ou cordon défectueux.", n),
			fmt.Sprintf("%d FCS/alignment errors: faulty cable, outlet or patch cord.", n), evs...)
	case n > 0:
		return a.portFinding(v, StatusWarn,
			fmt.Sprintf("%d erreurs FCS/alignement depuis la remise à zéro des compteurs.", n),
			fmt.Sprintf("%d FCS/alignment errors since the counters were reset.", n), evs...)
	}
	return passed
}

// voiceDelivered: the port carries the site's voice VLAN tagged.
func (a *auditor) voiceDelivered(p *snapshot.Port) bool {
	return p.VoiceVLAN == a.voiceVLAN || slices.Contains(p.TaggedVLANs, a.voiceVLAN)
}

// hybridCheck is L4 (data untagged, voice tagged) and L6 (the phone's first
// boot happens in the data VLAN, so voice must not be the untagged VLAN).
func (a *auditor) hybridCheck(v *portView) *Finding {
	p := v.port
	name := portName(p)
	evs := func() []Evidence {
		evs := []Evidence{ev("pvid", itoa(p.PVID)), ev("untaggedVlans", ints(p.UntaggedVLANs)...), ev("taggedVlans", ints(p.TaggedVLANs)...),
			ev("voiceVlan", itoa(p.VoiceVLAN)), ev("siteVoiceVlan", itoa(a.voiceVLAN)), ev("siteDataVlan", itoa(a.dataVLAN)+" ("+a.dataVLANSource+")")}
		if p.Mode != "" {
			evs = append(evs, ev("mode", p.Mode))
		}
		return evs
	}
	if a.voiceVLAN == 0 {
		return a.portFinding(v, StatusUnknown, "VLAN voix du site inconnu : déclarer voiceVlan dans l'inventaire.", "The site's voice VLAN is unknown: declare voiceVlan in the inventory.", evs()...)
	}
	var fix []Change
	var fr, en []string
	voiceUntagged := p.PVID == a.voiceVLAN || slices.Contains(p.UntaggedVLANs, a.voiceVLAN)
	if voiceUntagged {
		fr = append(fr, fmt.Sprintf("le VLAN voix %d est non taggué : le téléphone ne pourra pas démarrer dans le VLAN data (L6)", a.voiceVLAN))
		en = append(en, fmt.Sprintf("voice VLAN %d is untagged: the phone cannot first boot in the data VLAN (L6)", a.voiceVLAN))
	}
	wrongData := a.dataVLANSource == "inventory" && p.PVID > 0 && p.PVID != a.dataVLAN && !voiceUntagged
	if wrongData {
		fr = append(fr, fmt.Sprintf("VLAN non taggué %d au lieu du VLAN data %d", p.PVID, a.dataVLAN))
		en = append(en, fmt.Sprintf("untagged VLAN %d instead of data VLAN %d", p.PVID, a.dataVLAN))
	}
	if (voiceUntagged || wrongData) && a.dataVLAN > 0 {
		fix = append(fix, Change{Kind: ChangeSetDataVLAN, Switch: v.sw.Target, Port: name, VLAN: a.dataVLAN})
	}
	if !a.voiceDelivered(p) || voiceUntagged {
		fr = append(fr, fmt.Sprintf("le VLAN voix %d n'est pas taggué sur le port", a.voiceVLAN))
		en = append(en, fmt.Sprintf("voice VLAN %d is not tagged on the port", a.voiceVLAN))
		fix = append(fix,
			Change{Kind: ChangeSetPortMode, Switch: v.sw.Target, Port: name, Mode: PortModeHybrid, TaggedVLANs: []int{a.voiceVLAN}},
			Change{Kind: ChangeSetVoiceVLAN, Switch: v.sw.Target, Port: name, VLAN: a.voiceVLAN})
	}
	if len(fr) == 0 {
		return passed
	}
	f := a.portFinding(v, StatusFail,
		"Port de téléphone non hybride : "+strings.Join(fr, " ; ")+".",
		"Phone port not hybrid: "+strings.Join(en, "; ")+".", evs()...)
	if voiceUntagged {
		f.Requirement = ReqL6
	}
	f.Fix = fix
	return f
}

// lldpCheck is L5: LLDP runs on the port and the switch hands out the voice
// VLAN in an LLDP-MED network policy with the profile's priority and DSCP.
func (a *auditor) lldpCheck(v *portView) *Finding {
	p := v.port
	name := portName(p)
	want := a.prof.LLDPMED.Voice
	policyFix := func() []Change {
		fix := []Change{{Kind: ChangeEnableMEDPolicy, Switch: v.sw.Target, Port: name,
			Policy: &MEDPolicy{Application: "voice", VLAN: a.voiceVLAN, Tagged: true, Priority: want.Priority, DSCP: want.DSCP}}}
		if sig := a.prof.LLDPMED.VoiceSignaling; sig != nil {
			fix = append(fix, Change{Kind: ChangeEnableMEDPolicy, Switch: v.sw.Target, Port: name,
				Policy: &MEDPolicy{Application: "voiceSignaling", VLAN: a.voiceVLAN, Tagged: true, Priority: sig.Priority, DSCP: sig.DSCP}})
		}
		return fix
	}
	evs := func() []Evidence {
		evs := []Evidence{ev("lldpAdmin", p.LLDPAdmin), ev("medPolicies", policyStrings(p.MEDPolicies)...)}
		return evs
	}
	if a.voiceVLAN == 0 {
		return a.portFinding(v, StatusUnknown, "VLAN voix du site inconnu.", "The site's voice VLAN is unknown.", evs()...)
	}
	if p.LLDPAdmin == "disabled" || p.LLDPAdmin == "rxOnly" {
		f := a.portFinding(v, StatusFail, "LLDP n'émet pas sur le port d'un téléphone : le VLAN voix ne lui est pas donné.",
			"LLDP does not transmit on a phone port: the phone is not given the voice VLAN.", evs()...)
		f.Fix = append([]Change{{Kind: ChangeEnableLLDP, Switch: v.sw.Target, Port: name}}, policyFix()...)
		return f
	}
	var voice *snapshot.Policy
	for i := range p.MEDPolicies {
		if p.MEDPolicies[i].Application == "voice" {
			voice = &p.MEDPolicies[i]
		}
	}
	if voice == nil {
		if !switchPublishesPolicies(v.sw) {
			if pol := neighborVoicePolicy(v); pol != nil && pol.VLAN == a.voiceVLAN && pol.Tagged {
				return passed
			}
			if hasStage(v.sw, "lldp-med", "lldp") {
				return a.portFinding(v, StatusUnknown, "Politiques LLDP-MED non lues.", "LLDP-MED policies not read.", evs()...)
			}
			return a.portFinding(v, StatusUnknown,
				"Le switch ne publie pas ses politiques LLDP-MED (SNMP) et le téléphone n'annonce pas le VLAN voix : vérifier en CLI.",
				"The switch does not publish its LLDP-MED policies (SNMP) and the phone does not report the voice VLAN: check with the CLI.", evs()...)
		}
		f := a.portFinding(v, StatusFail, "Aucune politique LLDP-MED voix sur le port : le téléphone ne reçoit pas le VLAN voix.",
			"No LLDP-MED voice policy on the port: the phone is not given the voice VLAN.", evs()...)
		f.Fix = policyFix()
		return f
	}
	switch {
	case voice.VLAN != a.voiceVLAN || !voice.Tagged:
		f := a.portFinding(v, StatusFail,
			fmt.Sprintf("La politique LLDP-MED voix donne le VLAN %d (%s) au lieu du VLAN voix %d taggué.", voice.VLAN, taggedFR(voice.Tagged), a.voiceVLAN),
			fmt.Sprintf("The LLDP-MED voice policy gives VLAN %d (tagged: %t) instead of tagged voice VLAN %d.", voice.VLAN, voice.Tagged, a.voiceVLAN), evs()...)
		f.Fix = policyFix()
		return f
	case voice.Priority != want.Priority || voice.DSCP != want.DSCP:
		f := a.portFinding(v, StatusWarn,
			fmt.Sprintf("Politique LLDP-MED voix : priorité %d DSCP %d au lieu de %d/%d.", voice.Priority, voice.DSCP, want.Priority, want.DSCP),
			fmt.Sprintf("LLDP-MED voice policy: priority %d DSCP %d instead of %d/%d.", voice.Priority, voice.DSCP, want.Priority, want.DSCP), evs()...)
		f.Fix = policyFix()
		return f
	}
	return passed
}

func switchPublishesPolicies(sw *snapshot.Switch) bool {
	for i := range sw.Ports {
		if len(sw.Ports[i].MEDPolicies) > 0 {
			return true
		}
	}
	return false
}

// neighborVoicePolicy is the voice policy a phone on the port reports using.
func neighborVoicePolicy(v *portView) *snapshot.Policy {
	for _, n := range v.phoneNeigh {
		if n.MED == nil {
			continue
		}
		for i := range n.MED.Policies {
			if n.MED.Policies[i].Application == "voice" && !n.MED.Policies[i].Unknown {
				return &n.MED.Policies[i]
			}
		}
	}
	return nil
}

func policyStrings(ps []snapshot.Policy) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s vlan %d tagged=%t priority %d dscp %d", p.Application, p.VLAN, p.Tagged, p.Priority, p.DSCP))
	}
	return out
}

// placementCheck is L9 on a phone port: the phone moved to the voice VLAN
// (it is not stuck in the data VLAN), and the PC behind it did not.
func (a *auditor) placementCheck(v *portView) *Finding {
	if a.voiceVLAN == 0 || !a.voiceDelivered(v.port) {
		return nil // the hybrid check already says the port lacks voice
	}
	inVoice, inOther, known := 0, 0, 0
	for _, m := range v.phoneMACs {
		if m.VLAN == 0 {
			continue
		}
		known++
		if m.VLAN == a.voiceVLAN {
			inVoice++
		} else {
			inOther++
		}
	}
	var pcsInVoice []string
	for _, m := range v.otherMACs {
		if m.VLAN == a.voiceVLAN {
			pcsInVoice = append(pcsInVoice, m.MAC)
		}
	}
	evs := []Evidence{ev("phoneMACsInVoiceVlan", itoa(inVoice)), ev("phoneMACsElsewhere", itoa(inOther))}
	switch {
	case len(pcsInVoice) > 0:
		return a.portFinding(v, StatusFail, "Un équipement qui n'est pas un téléphone est dans le VLAN voix : seuls les téléphones IP fixes et bornes DECT y vont.",
			"A device that is not a phone sits in the voice VLAN: only hardphones and DECT bases belong there.", append(evs, ev("macsInVoiceVlan", pcsInVoice...))...)
	case known == 0:
		return a.portFinding(v, StatusUnknown, "VLAN d'apprentissage du téléphone inconnu (table MAC sans VLAN).", "The phone's VLAN is unknown (MAC table without VLANs).", evs...)
	case inVoice == 0:
		return a.portFinding(v, StatusFail,
			"Le téléphone n'est vu que dans le VLAN data : il n'a pas reçu ou pas appliqué le VLAN voix (LLDP-MED, configuration du poste).",
			"The phone is seen in the data VLAN only: it did not receive or apply the voice VLAN (LLDP-MED, phone settings).", evs...)
	}
	return passed
}

// pcChecks are the checks that apply to a port with a PC and no phone.
func (a *auditor) pcChecks(v *portView, placement *portCheck) {
	if placement == nil || a.voiceVLAN == 0 {
		return
	}
	var inVoice []string
	for _, m := range v.otherMACs {
		if m.VLAN == a.voiceVLAN {
			inVoice = append(inVoice, m.MAC)
		}
	}
	if len(inVoice) == 0 {
		return
	}
	a.runCheck(placement, a.portFinding(v, StatusFail,
		"Un PC est dans le VLAN voix : seuls les téléphones IP fixes et bornes DECT y vont ; les softphones restent dans le VLAN data.",
		"A PC sits in the voice VLAN: only hardphones and DECT bases belong there; softphones stay in the data VLAN.", ev("macsInVoiceVlan", inVoice...)))
}

// spareFindings group the access ports with no phone yet (PC or empty) that
// a phone could not use today: PoE off, or no voice VLAN.
func (a *auditor) spareFindings(sw *snapshot.Switch, poeOff, noVoice []*portView) {
	if len(poeOff) > 0 {
		names := make([]string, len(poeOff))
		fix := make([]Change, len(poeOff))
		for i, v := range poeOff {
			names[i] = portName(v.port)
			fix[i] = Change{Kind: ChangeEnablePoE, Switch: sw.Target, Port: names[i]}
		}
		a.add(Finding{Requirement: ReqL2, Check: "poe-spare", Switch: sw.Target, Status: StatusWarn,
			Message: Text{
				FR: fmt.Sprintf("PoE désactivé sur %d port(s) d'accès sans téléphone aujourd'hui : un téléphone branché là ne sera pas alimenté.", len(poeOff)),
				EN: fmt.Sprintf("PoE disabled on %d access port(s) without a phone today: a phone plugged there will not be powered.", len(poeOff)),
			},
			Evidence: []Evidence{ev("ports", names...)}, Fix: fix})
	}
	if len(noVoice) > 0 {
		names := make([]string, len(noVoice))
		var fix []Change
		for i, v := range noVoice {
			names[i] = portName(v.port)
			fix = append(fix,
				Change{Kind: ChangeSetPortMode, Switch: sw.Target, Port: names[i], Mode: PortModeHybrid, TaggedVLANs: []int{a.voiceVLAN}},
				Change{Kind: ChangeSetVoiceVLAN, Switch: sw.Target, Port: names[i], VLAN: a.voiceVLAN})
		}
		a.add(Finding{Requirement: ReqL8, Check: "voice-spare", Switch: sw.Target, Status: StatusWarn,
			Message: Text{
				FR: fmt.Sprintf("VLAN voix %d absent de %d port(s) d'accès sans téléphone aujourd'hui : l'activation doit couvrir tout le site.", a.voiceVLAN, len(noVoice)),
				EN: fmt.Sprintf("Voice VLAN %d missing on %d access port(s) without a phone today: activation must cover the whole site.", a.voiceVLAN, len(noVoice)),
			},
			Evidence: []Evidence{ev("ports", names...)}, Fix: fix})
	}
}
