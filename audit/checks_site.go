package audit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/voxlan/voxlan/sizing"
	"github.com/voxlan/voxlan/snapshot"
)

func (a *auditor) checkSite() {
	phones := 0
	for _, v := range a.ports {
		phones += v.phones()
	}
	if a.voiceOption() && a.voiceVLAN == 0 {
		a.add(Finding{Requirement: ReqL8, Check: "voice-vlan", Status: StatusFail,
			Message: Text{
				FR: "Ingénierie VLAN voix déclarée mais aucun VLAN voix n'est vu ni déclaré : déclarer voiceVlan pour le site dans l'inventaire.",
				EN: "Voice VLAN engineering declared but no voice VLAN is seen or declared: declare the site's voiceVlan in the inventory.",
			},
			Evidence: []Evidence{ev("engineering", string(a.res.Engineering)+" ("+a.res.EngineeringSource+")")}})
	}
	if phones == 0 {
		a.add(Finding{Requirement: ReqL9, Check: "phones-seen", Status: StatusWarn,
			Message: Text{
				FR: "Aucun téléphone identifié sur le site (pas encore branchés, ou LLDP/CDP coupé) : les contrôles des ports de téléphone n'ont porté que sur les ports d'accès libres.",
				EN: "No phone identified on the site (not plugged in yet, or LLDP/CDP off): phone-port checks only covered the free access ports.",
			},
			Evidence: []Evidence{ev("ports", itoa(len(a.ports)))}})
	}
	if a.res.Engineering == EngineeringStandard && a.res.EngineeringSource == "inventory" {
		var seen []int
		for i := range a.snap.Switches {
			for _, id := range switchVoiceVLANs(&a.snap.Switches[i]) {
				if !slices.Contains(seen, id) {
					seen = append(seen, id)
				}
			}
		}
		if len(seen) > 0 {
			a.add(Finding{Requirement: ReqL9, Check: "engineering", Status: StatusWarn,
				Message: Text{
					FR: fmt.Sprintf("Site déclaré sans VLAN voix, mais les switchs donnent le VLAN voix %s : les téléphones iront dedans. Déclarer engineering: voiceVlan ou retirer ce VLAN voix.", strings.Join(ints(seen), ",")),
					EN: fmt.Sprintf("Site declared without a voice VLAN, but the switches hand out voice VLAN %s: phones will move to it. Declare engineering: voiceVlan or remove that voice VLAN.", strings.Join(ints(seen), ",")),
				},
				Evidence: []Evidence{ev("voiceVlans", ints(seen)...)}})
		}
	}
	a.checkJack()
	a.add(Finding{Requirement: ReqL10, Check: "labels", Status: StatusManual,
		Message: Text{
			FR: "À vérifier sur place : câblage catégorie 5e recommandé, cordons homogènes, chaque prise étiquetée.",
			EN: "Check on site: category 5e cabling recommended, matching patch cords, every outlet labelled.",
		}})
	a.checkProbeItems()
	a.checkWAN()
}

// checkProbeItems lists what only a probe from a jack can see (DHCP, DNS,
// transport, firewall) as manual items naming the command that checks them.
func (a *auditor) checkProbeItems() {
	type item struct {
		req, check string
		fr, en     string
		evidence   []Evidence
	}
	t := a.prof.Transport
	items := []item{}
	if a.prof.DHCP.DataVLAN {
		items = append(items, item{ReqD1, "dhcp-data", "Serveur DHCP dans le VLAN data (adresse, masque, passerelle, DNS) avec assez de baux pour les téléphones en plus des PC : lancer voxlan probe depuis une prise.",
			"DHCP server in the data VLAN (address, mask, gateway, DNS) with enough free leases for the phones on top of the PCs: run voxlan probe from a jack.", nil})
	}
	if a.prof.DHCP.VoiceVLAN && a.voiceOption() {
		items = append(items, item{ReqD2, "dhcp-voice", fmt.Sprintf("Second serveur DHCP dans le VLAN voix %d, dans un autre plan d'adressage : lancer voxlan probe --voice-vlan %d.", a.voiceVLAN, a.voiceVLAN),
			fmt.Sprintf("Second DHCP server in voice VLAN %d, in another address plan: run voxlan probe --voice-vlan %d.", a.voiceVLAN, a.voiceVLAN), nil})
	}
	if a.prof.DHCP.SingleServer {
		items = append(items, item{ReqD4, "dhcp-single", "Un seul serveur DHCP doit répondre par VLAN (un DHCP d'IPBX à côté de celui du bureau donne des options incomplètes).",
			"Only one DHCP server may answer per VLAN (a PBX DHCP beside the office one gives incomplete options).", nil})
	}
	if a.prof.DHCP.PublicDNS {
		items = append(items, item{ReqD5, "dns", "Les postes doivent joindre des DNS publics qui résolvent les domaines du service.",
			"Terminals must reach public DNS servers that resolve the service's domains.", nil})
	}
	items = append(items, item{ReqT, "transport",
		fmt.Sprintf("Qualité de transport de bout en bout : latence < %g ms, gigue < %g ms, perte < %g %%.", t.MaxLatencyMs, t.MaxJitterMs, t.MaxLossPercent),
		fmt.Sprintf("End-to-end transport quality: latency < %g ms, jitter < %g ms, loss < %g %%.", t.MaxLatencyMs, t.MaxJitterMs, t.MaxLossPercent),
		[]Evidence{ev("maxLatencyMs", fmt.Sprint(t.MaxLatencyMs)), ev("maxJitterMs", fmt.Sprint(t.MaxJitterMs)), ev("maxLossPercent", fmt.Sprint(t.MaxLossPercent))}})
	var openings []string
	for _, o := range a.prof.Firewall {
		openings = append(openings, o.Name+": "+o.Protocol+" "+strings.Join(o.Ports, ","))
	}
	items = append(items, item{ReqF, "openings", "Ouvertures sortantes du pare-feu demandées par le service.",
		"Outbound firewall openings the service needs.", []Evidence{ev("openings", openings...)}})
	for _, it := range items {
		f := Finding{Requirement: it.req, Check: it.check, Status: StatusManual,
			Message: Text{FR: it.fr, EN: it.en}, Evidence: it.evidence}
		if a.snap.Probe != nil {
			a.judgeFromProbe(&f)
		}
		a.add(f)
	}
}

// checkWAN sizes the site and judges the declared access (W).
func (a *auditor) checkWAN() {
	if via := a.site.InternetVia; via != "" {
		a.add(Finding{Requirement: ReqW, Check: "sizing", Status: StatusPass,
			Message: Text{
				FR: fmt.Sprintf("Le trafic de ce site passe par l'accès Internet du site %s : ses %d utilisateurs sont comptés dans le dimensionnement de %s.", via, a.site.Users, via),
				EN: fmt.Sprintf("This site's traffic goes through the Internet access of site %s: its %d users are counted in the sizing of %s.", via, a.site.Users, via),
			},
			Evidence: []Evidence{ev("internetVia", via), ev("users", itoa(a.site.Users))}})
		return
	}
	users := a.site.Users + a.site.CarriedUsers
	if users <= 0 {
		a.add(Finding{Requirement: ReqW, Check: "sizing", Status: StatusManual,
			Message: Text{
				FR: "Nombre d'utilisateurs non déclaré : déclarer users et wan pour le site dans l'inventaire pour dimensionner l'accès.",
				EN: "Number of users not declared: declare users and wan for the site in the inventory to size the access.",
			}})
		return
	}
	s, err := sizing.Compute(sizing.Input{Users: users, ErlangPerUser: a.prof.WAN.ErlangPerUser, Blocking: a.prof.WAN.Blocking, WAN: a.site.WAN})
	if err != nil {
		a.add(Finding{Requirement: ReqW, Check: "sizing", Status: StatusUnknown,
			Message: Text{FR: "Dimensionnement impossible : " + err.Error(), EN: "Sizing failed: " + err.Error()}})
		return
	}
	a.res.Sizing = s
	evs := []Evidence{ev("users", itoa(s.Users)), ev("channels", itoa(s.Channels)), ev("voiceKbps", itoa(s.VoiceKbps)), ev("assumption", s.Assumption.EN)}
	if a.site.CarriedUsers > 0 {
		// STAS 2.3.6: a central gateway carries the voice of every site.
		evs = append(evs, ev("siteUsers", itoa(a.site.Users)), ev("carriedUsers", itoa(a.site.CarriedUsers)), ev("carriedSites", a.site.CarriedSites...))
	}
	f := Finding{Requirement: ReqW, Check: "sizing", Evidence: evs}
	switch {
	case s.WAN == nil:
		f.Status = StatusManual
		f.Message = Text{
			FR: fmt.Sprintf("%d canaux voix simultanés, %d kbit/s dans chaque sens : accès Internet non déclaré, à vérifier.", s.Channels, s.VoiceKbps),
			EN: fmt.Sprintf("%d simultaneous voice channels, %d kbit/s each way: WAN access not declared, check it.", s.Channels, s.VoiceKbps),
		}
	case s.LowSpeed && s.XDSLMaxChannels < 0:
		f.Status = StatusWarn
		f.Evidence = append(f.Evidence, ev("wan", fmt.Sprintf("%s %d/%d kbit/s", s.WAN.Access, s.WAN.DownKbps, s.WAN.UpKbps)))
		f.Message = Text{
			FR: "Accès xDSL bas débit hors du tableau de la STAS (2.3.4) : déconseillé pour la voix.",
			EN: "Low-speed xDSL access outside the STAS table (2.3.4): not recommended for voice.",
		}
	case s.WANMaxChannels < s.Channels:
		f.Status = StatusFail
		f.Evidence = append(f.Evidence, ev("wanMaxChannels", itoa(s.WANMaxChannels)), ev("wan", fmt.Sprintf("%s %d/%d kbit/s", s.WAN.Access, s.WAN.DownKbps, s.WAN.UpKbps)))
		f.Message = Text{
			FR: fmt.Sprintf("L'accès Internet n'écoule que %d canaux voix simultanés pour %d nécessaires (%d utilisateurs).", s.WANMaxChannels, s.Channels, s.Users),
			EN: fmt.Sprintf("The WAN access carries only %d simultaneous calls of the %d needed (%d users).", s.WANMaxChannels, s.Channels, s.Users),
		}
	case s.WAN.Access == sizing.AccessSatellite && !a.prof.WAN.SatelliteAllowed:
		f.Status = StatusWarn
		f.Message = Text{FR: "Accès satellite déconseillé pour la voix (latence).", EN: "Satellite access is not recommended for voice (latency)."}
	case s.LowSpeed:
		f.Status = StatusWarn
		f.Evidence = append(f.Evidence, ev("wanMaxChannels", itoa(s.WANMaxChannels)))
		f.Message = Text{
			FR: fmt.Sprintf("Accès xDSL bas débit : %d canaux voix simultanés au plus, vidéo à proscrire, usage des données à limiter pendant les appels.", s.WANMaxChannels),
			EN: fmt.Sprintf("Low-speed xDSL access: %d simultaneous calls at most, no video, keep data use low during calls.", s.WANMaxChannels),
		}
	default:
		f.Status = StatusPass
		f.Evidence = append(f.Evidence, ev("wanMaxChannels", itoa(s.WANMaxChannels)))
		f.Message = Text{
			FR: fmt.Sprintf("L'accès Internet écoule %d canaux voix simultanés pour %d nécessaires (voix seule ; ajouter vidéo et usages existants).", s.WANMaxChannels, s.Channels),
			EN: fmt.Sprintf("The WAN access carries %d simultaneous calls for %d needed (voice only; add video and existing use).", s.WANMaxChannels, s.Channels),
		}
	}
	a.add(f)
}

// checkJack looks at what was heard on the technician's own jack: several
// LLDP/CDP devices there (other than phones) mean a hub or unmanaged switch
// sits between the wall socket and the switch (L7).
func (a *auditor) checkJack() {
	h := a.snap.Here
	if h == nil || len(h.Neighbors) == 0 {
		return
	}
	var names []string
	chassis := map[string]bool{}
	for i := range h.Neighbors {
		n := &h.Neighbors[i]
		if kind, _ := a.classifyNeighbor(n); kind == kindPhone {
			continue
		}
		id := n.ChassisID
		if m, ok := neighborMAC(n); ok {
			id = m
		}
		if !chassis[id] {
			chassis[id] = true
			names = append(names, n.Protocol+" "+neighborName(n))
		}
	}
	f := Finding{Requirement: ReqL7, Check: "jack", Status: StatusPass,
		Message:  Text{FR: "Un seul équipement réseau entendu sur la prise du technicien.", EN: "One network device heard on the technician's jack."},
		Evidence: []Evidence{ev("interface", h.Interface), ev("heard", names...)}}
	a.checkJackPolicy(h)
	if len(names) > 1 {
		f.Status = StatusFail
		f.Message = Text{
			FR: fmt.Sprintf("%d équipements réseau entendus sur la prise %s : un hub ou un switch non administrable est entre la prise et le switch.", len(names), h.Interface),
			EN: fmt.Sprintf("%d network devices heard on jack %s: a hub or unmanaged switch sits between the socket and the switch.", len(names), h.Interface),
		}
	}
	a.add(f)
}

// checkJackPolicy is L5 seen from the wall: the LLDP-MED voice policy the
// switch advertised on the technician's jack, when the site uses a voice
// VLAN.
func (a *auditor) checkJackPolicy(h *snapshot.Here) {
	if !a.voiceOption() || a.voiceVLAN == 0 {
		return
	}
	for i := range h.Neighbors {
		n := &h.Neighbors[i]
		if kind, _ := a.classifyNeighbor(n); kind != kindInfra || n.MED == nil {
			continue
		}
		f := Finding{Requirement: ReqL5, Check: "jack-policy", Evidence: []Evidence{ev("interface", h.Interface), ev("switch", neighborName(n)), ev("policies", policyStrings(n.MED.Policies)...)}}
		var voice *snapshot.Policy
		for j := range n.MED.Policies {
			if n.MED.Policies[j].Application == "voice" {
				voice = &n.MED.Policies[j]
			}
		}
		switch {
		case voice == nil:
			f.Status = StatusFail
			f.Message = Text{FR: "Le switch n'annonce aucune politique LLDP-MED voix sur la prise du technicien.", EN: "The switch advertises no LLDP-MED voice policy on the technician's jack."}
		case voice.VLAN != a.voiceVLAN || !voice.Tagged:
			f.Status = StatusFail
			f.Message = Text{
				FR: fmt.Sprintf("Sur la prise du technicien, le switch annonce le VLAN voix %d (%s) au lieu de %d taggué.", voice.VLAN, taggedFR(voice.Tagged), a.voiceVLAN),
				EN: fmt.Sprintf("On the technician's jack the switch advertises voice VLAN %d (tagged: %t) instead of tagged %d.", voice.VLAN, voice.Tagged, a.voiceVLAN),
			}
		default:
			f.Status = StatusPass
			f.Message = Text{
				FR: fmt.Sprintf("Sur la prise du technicien, le switch annonce le VLAN voix %d taggué (priorité %d, DSCP %d).", voice.VLAN, voice.Priority, voice.DSCP),
				EN: fmt.Sprintf("On the technician's jack the switch advertises tagged voice VLAN %d (priority %d, DSCP %d).", voice.VLAN, voice.Priority, voice.DSCP),
			}
		}
		a.add(f)
		return
	}
}
