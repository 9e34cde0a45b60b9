package audit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/voxlan/voxlan/snapshot"
)

// judgeFromProbe turns a manual DHCP/DNS/transport/firewall item into a
// judgement when the snapshot carries a probe run from a jack: the probe's
// own findings for the requirement fail or warn it; a check that ran and
// found nothing passes it; a check that did not run stays manual, saying
// why.
func (a *auditor) judgeFromProbe(f *Finding) {
	pr := a.snap.Probe
	var mine []snapshot.ProbeFinding
	for _, pf := range pr.Findings {
		if pf.Requirement == f.Requirement {
			mine = append(mine, pf)
		}
	}
	ran, evidence := probeRan(pr, f.Requirement)
	f.Evidence = append(f.Evidence, evidence...)
	if len(mine) > 0 {
		f.Status = StatusWarn
		var msgs []string
		for _, pf := range mine {
			if pf.Severity == snapshot.SeverityFail {
				f.Status = StatusFail
			}
			msgs = append(msgs, pf.Subject+": "+pf.Message)
		}
		f.Evidence = append(f.Evidence, ev("probeFindings", msgs...))
		f.Message = Text{
			FR: "Sonde depuis la prise : " + strings.Join(msgs, " ; "),
			EN: "Probe from the jack: " + strings.Join(msgs, "; "),
		}
		return
	}
	if ran {
		f.Status = StatusPass
		f.Message = Text{FR: "Vérifié par la sonde depuis la prise : " + f.Message.FR, EN: "Checked by the probe from the jack: " + f.Message.EN}
		return
	}
	var why []string
	for _, s := range pr.Skipped {
		if strings.HasPrefix(s, probeStage(f.Requirement)+":") {
			why = append(why, s)
		}
	}
	if len(why) > 0 {
		f.Evidence = append(f.Evidence, ev("probeSkipped", why...))
	}
}

// probeStage is the probe's name for the check behind a requirement, as in
// its Skipped lines ("dhcp: needs root or CAP_NET_RAW").
func probeStage(req string) string {
	switch req {
	case ReqD1, ReqD2, ReqD4:
		return "dhcp"
	case ReqD5:
		return "dns"
	case ReqT:
		return "transport"
	case ReqF:
		return "ports"
	}
	return ""
}

// probeRan says whether the probe gathered the data a requirement needs,
// with that data as evidence.
func probeRan(pr *snapshot.Probe, req string) (bool, []Evidence) {
	switch req {
	case ReqD1, ReqD2, ReqD4:
		role := snapshot.RoleData
		if req == ReqD2 {
			role = snapshot.RoleVoice
		}
		var out []string
		ran := false
		for _, d := range pr.DHCP {
			if req != ReqD4 && d.Role != role {
				continue
			}
			ran = true
			for _, o := range d.Offers {
				out = append(out, fmt.Sprintf("vlan %d: server %s offers %s (%s)", d.VLAN, o.ServerID, o.Address, o.Network))
			}
		}
		if len(out) == 0 {
			out = []string{}
		}
		return ran, []Evidence{ev("dhcpOffers", out...)}
	case ReqD5:
		var out []string
		for _, d := range pr.DNS {
			state := "ok"
			if !d.OK {
				state = "failed " + d.Rcode + d.Error
			}
			out = append(out, fmt.Sprintf("%s via %s: %s", d.Name, d.Server, state))
		}
		return len(pr.DNS) > 0 && slices.ContainsFunc(pr.DNS, func(d snapshot.DNSLookup) bool { return d.OK }), []Evidence{ev("dns", out...)}
	case ReqT:
		var out []string
		for _, t := range pr.Transport {
			out = append(out, fmt.Sprintf("%s: one-way %.1f ms, jitter %.1f ms, loss %.1f %%", t.Target, t.OneWayMs, t.JitterMs, t.LossPercent))
		}
		return len(pr.Transport) > 0, []Evidence{ev("transport", out...)}
	case ReqF:
		var out []string
		for _, p := range pr.Ports {
			out = append(out, fmt.Sprintf("%s tcp %d: %s", p.Target, p.Port, p.State))
		}
		return len(pr.Ports) > 0, []Evidence{ev("tcpPorts", out...)}
	}
	return false, nil
}
