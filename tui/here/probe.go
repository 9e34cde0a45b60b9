package here

import (
	"fmt"
	"strings"

	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

// resultCards turns a probe's results into the DHCP, DNS, gateway and
// transport cards.
func resultCards(p *snapshot.Probe) []Card {
	src := "probe on " + p.Interface
	return []Card{
		dhcpCard("DHCP data", p, snapshot.RoleData, src),
		dhcpCard("DHCP voice", p, snapshot.RoleVoice, src),
		dnsCard(p, src),
		transportCard("Gateway", p, "gateway", src),
		transportCard("Transport", p, "target", src),
	}
}

func skippedWhy(p *snapshot.Probe, word string) string {
	for _, s := range p.Skipped {
		if strings.Contains(strings.ToLower(s), word) {
			return s
		}
	}
	return ""
}

func dhcpCard(label string, p *snapshot.Probe, role, src string) Card {
	for _, v := range p.DHCP {
		if v.Role != role {
			continue
		}
		where := "untagged"
		if v.VLAN != 0 {
			where = fmt.Sprintf("VLAN %d", v.VLAN)
		}
		switch len(v.Offers) {
		case 0:
			return Card{label, common.StateFail, fmt.Sprintf("no offer in %s after %.1fs", where, v.WaitSeconds), src}
		case 1:
			o := v.Offers[0]
			val := fmt.Sprintf("%s from %s", o.Address, o.ServerID)
			if o.Network != "" {
				val = fmt.Sprintf("%s in %s from %s", o.Address, o.Network, o.ServerID)
			}
			if len(o.Routers) > 0 {
				val += ", router " + o.Routers[0]
			}
			if len(o.DNS) > 0 {
				val += ", DNS " + strings.Join(o.DNS, " ")
			}
			st := common.StatePass
			if len(o.Routers) == 0 || len(o.DNS) == 0 {
				st = common.StateWarn
				val += " (no router or DNS offered)"
			}
			return Card{label, st, val, src + ", " + where}
		}
		var servers []string
		for _, o := range v.Offers {
			servers = append(servers, o.ServerID)
		}
		return Card{label, common.StateFail, fmt.Sprintf("%d servers answer in %s: %s", len(v.Offers), where, strings.Join(servers, ", ")), src}
	}
	if why := skippedWhy(p, role); why != "" {
		return Card{label, common.StateNA, why, src}
	}
	if role == snapshot.RoleVoice {
		return Card{label, common.StateNA, "not probed: no voice VLAN known", src}
	}
	return Card{label, common.StateNA, "not probed", src}
}

func dnsCard(p *snapshot.Probe, src string) Card {
	if len(p.DNS) == 0 {
		if why := skippedWhy(p, "dns"); why != "" {
			return Card{"DNS", common.StateNA, why, src}
		}
		return Card{"DNS", common.StateNA, "no name to resolve", src}
	}
	var failed []string
	slowest := 0.0
	for _, d := range p.DNS {
		slowest = max(slowest, d.Ms)
		if !d.OK {
			msg := d.Name + " via " + d.Server
			if d.Error != "" {
				msg += ": " + d.Error
			} else if d.Rcode != "" {
				msg += ": " + d.Rcode
			}
			failed = append(failed, msg)
		}
	}
	if len(failed) > 0 {
		return Card{"DNS", common.StateFail, fmt.Sprintf("%d of %d lookups failed: %s", len(failed), len(p.DNS), failed[0]), src}
	}
	return Card{"DNS", common.StatePass, fmt.Sprintf("%d lookups answered, slowest %.0f ms", len(p.DNS), slowest), src}
}

func transportCard(label string, p *snapshot.Probe, role, src string) Card {
	var tests []snapshot.TransportTest
	for _, t := range p.Transport {
		if t.Role == role {
			tests = append(tests, t)
		}
	}
	if len(tests) == 0 {
		why := "no target named (--target)"
		if role == "gateway" {
			why = "no gateway offered by DHCP"
		}
		return Card{label, common.StateNA, why, src}
	}
	st := common.StatePass
	var parts []string
	for _, t := range tests {
		if t.Error != "" {
			st = common.StateFail
			parts = append(parts, t.Target+": "+t.Error)
			continue
		}
		if !t.Pass {
			st = common.StateFail
		}
		part := fmt.Sprintf("%s %.1f ms one way, jitter %.1f ms, loss %.0f%%", t.Target, t.OneWayMs, t.JitterMs, t.LossPercent)
		if t.Method == snapshot.TransportTCPConnect {
			part += " (timed TCP connects: no ICMP echo could be sent)"
		}
		parts = append(parts, part)
	}
	return Card{label, st, strings.Join(parts, "; "), src}
}

// addPart adds one finished check to the probe collected so far.
func addPart(p *snapshot.Probe, part snapshot.Probe) {
	if part.Interface != "" {
		p.Interface = part.Interface
	}
	p.DHCP = append(p.DHCP, part.DHCP...)
	p.DNS = append(p.DNS, part.DNS...)
	p.Transport = append(p.Transport, part.Transport...)
	p.Ports = append(p.Ports, part.Ports...)
	p.Skipped = append(p.Skipped, part.Skipped...)
	p.Errors = append(p.Errors, part.Errors...)
}

// partCards are the probe's cards while it runs: a card with a result so
// far shows it, the others stay pending. Without a voice VLAN heard the
// probe has none to try, which the voice card says at once.
func partCards(p *snapshot.Probe, voiceHeard bool) []Card {
	cards := resultCards(p)
	for i, c := range cards {
		if c.Label == "DHCP voice" && !voiceHeard {
			continue
		}
		if !reported(p, c.Label) {
			cards[i] = Card{Label: c.Label, State: common.StatePending, Value: "probing…"}
		}
	}
	return cards
}

// reported says whether the checks behind a card have said anything yet.
func reported(p *snapshot.Probe, label string) bool {
	hasRole := func(role string) bool {
		for _, v := range p.DHCP {
			if v.Role == role {
				return true
			}
		}
		return false
	}
	hasTransport := func(role string) bool {
		for _, t := range p.Transport {
			if t.Role == role {
				return true
			}
		}
		return false
	}
	switch label {
	case "DHCP data":
		return hasRole(snapshot.RoleData) || skippedWhy(p, "dhcp:") != ""
	case "DHCP voice":
		return hasRole(snapshot.RoleVoice) || skippedWhy(p, "dhcp voice") != "" || skippedWhy(p, "dhcp:") != ""
	case "DNS":
		return len(p.DNS) > 0 || skippedWhy(p, "dns") != ""
	case "Gateway":
		return hasTransport("gateway")
	case "Transport":
		return hasTransport("target")
	}
	return false
}

// voiceHeard says whether the switch told a voice VLAN on the jack (a
// tagged LLDP-MED voice policy or CDP's VoIP VLAN): the one the probe
// tries DHCP in.
func (m *Model) voiceHeard() bool {
	if m.here == nil {
		return false
	}
	for _, n := range m.here.Neighbors {
		if pol, ok := voicePolicy(n); ok && pol.Tagged && pol.VLAN > 0 {
			return true
		}
		if n.VoiceVLAN > 0 {
			return true
		}
	}
	return false
}
