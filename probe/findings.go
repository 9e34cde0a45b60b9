package probe

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/voxlan/voxlan/snapshot"
)

// Judge turns a probe's results into findings, each naming the requirement
// (requirements.md) it comes from:
//
//	D1  no OFFER in the data VLAN, or one without mask, router or DNS; a
//	    lease refused (--full)
//	D2  no OFFER in the voice VLAN, a voice plan overlapping the data plan,
//	    a voice OFFER without a router; a voice lease refused
//	D4  two or more servers answering on one VLAN
//	D5  a name no offered server resolves (warn when only some fail)
//	T   latency, jitter or loss at or over the profile's thresholds
//	F   a TCP port of the profile's openings not open towards a target
func Judge(p *snapshot.Probe) []snapshot.ProbeFinding {
	var out []snapshot.ProbeFinding
	add := func(req, sev, subject, format string, a ...any) {
		out = append(out, snapshot.ProbeFinding{Requirement: req, Severity: sev, Subject: subject, Message: fmt.Sprintf(format, a...)})
	}
	var dataNets []netip.Prefix
	for _, v := range p.DHCP {
		if v.Role == snapshot.RoleData {
			for _, o := range v.Offers {
				if pfx, err := netip.ParsePrefix(o.Network); err == nil {
					dataNets = append(dataNets, pfx)
				}
			}
		}
	}
	for _, v := range p.DHCP {
		subject := vlanSubject(v)
		req := "D1"
		if v.Role == snapshot.RoleVoice {
			req = "D2"
		}
		if len(v.Offers) == 0 {
			add(req, snapshot.SeverityFail, subject, "no DHCP server answered in the %s within %.1f s: phones get no address there", subject, v.WaitSeconds)
			continue
		}
		servers := map[string][]string{}
		var order []string
		for _, o := range v.Offers {
			if _, seen := servers[o.ServerID]; !seen {
				order = append(order, o.ServerID)
			}
			servers[o.ServerID] = append(servers[o.ServerID], o.Address+" in "+orUnknown(o.Network))
		}
		if len(order) > 1 {
			var parts []string
			for _, s := range order {
				parts = append(parts, fmt.Sprintf("%s offers %s", s, strings.Join(servers[s], ", ")))
			}
			add("D4", snapshot.SeverityFail, subject, "%d DHCP servers answer in the %s (%s): phones may get incomplete options; keep one", len(order), subject, strings.Join(parts, "; "))
		}
		for _, o := range v.Offers {
			var missing []string
			if o.SubnetMask == "" {
				missing = append(missing, "subnet mask (1)")
			}
			if len(o.Routers) == 0 {
				missing = append(missing, "router (3)")
			}
			if len(o.DNS) == 0 && v.Role == snapshot.RoleData {
				missing = append(missing, "DNS servers (6)")
			}
			if len(missing) > 0 {
				add(req, snapshot.SeverityFail, subject, "the OFFER of %s in the %s lacks %s", o.ServerID, subject, strings.Join(missing, ", "))
			}
			if v.Role == snapshot.RoleVoice {
				if pfx, err := netip.ParsePrefix(o.Network); err == nil {
					for _, dn := range dataNets {
						if dn.Overlaps(pfx) {
							add("D2", snapshot.SeverityFail, subject, "the voice plan %s (from %s) overlaps the data plan %s: the voice VLAN needs its own address plan", pfx, o.ServerID, dn)
						}
					}
				}
			}
		}
		if l := v.Lease; l != nil && !l.Granted {
			add(req, snapshot.SeverityFail, subject, "%s did not grant a lease in the %s: %s", l.ServerID, subject, l.Message)
		}
	}
	out = append(out, judgeDNS(p.DNS)...)
	for _, tr := range p.Transport {
		subject := tr.Role + " " + tr.Target
		if tr.Error != "" {
			add("T", snapshot.SeverityWarn, subject, "transport to %s not measured: %s", tr.Target, tr.Error)
			continue
		}
		if !tr.Pass {
			add("T", snapshot.SeverityFail, subject, "to %s: %s", tr.Target, strings.Join(transportFailures(tr), ", "))
		}
	}
	for _, pt := range p.Ports {
		if pt.State != snapshot.PortOpen {
			what := pt.Opening
			if what == "" {
				what = "opening"
			}
			add("F", snapshot.SeverityFail, fmt.Sprintf("%s tcp/%d", pt.Target, pt.Port), "TCP %d to %s (%s) is %s%s", pt.Port, pt.Target, what, pt.State, suffix(pt.Error))
		}
	}
	return out
}

func judgeDNS(lookups []snapshot.DNSLookup) []snapshot.ProbeFinding {
	type tally struct{ ok, failed []string }
	byName := map[string]*tally{}
	var names []string
	for _, l := range lookups {
		t := byName[l.Name]
		if t == nil {
			t = &tally{}
			byName[l.Name] = t
			names = append(names, l.Name)
		}
		if l.OK {
			t.ok = append(t.ok, l.Server)
		} else {
			t.failed = append(t.failed, l.Server+" ("+orUnknown(firstNonEmpty(l.Error, l.Rcode))+")")
		}
	}
	var out []snapshot.ProbeFinding
	for _, n := range names {
		t := byName[n]
		switch {
		case len(t.ok) == 0:
			out = append(out, snapshot.ProbeFinding{Requirement: "D5", Severity: snapshot.SeverityFail, Subject: n,
				Message: fmt.Sprintf("%s does not resolve through the offered DNS servers: %s", n, strings.Join(t.failed, ", "))})
		case len(t.failed) > 0:
			out = append(out, snapshot.ProbeFinding{Requirement: "D5", Severity: snapshot.SeverityWarn, Subject: n,
				Message: fmt.Sprintf("%s resolves through %s but not through %s", n, strings.Join(t.ok, ", "), strings.Join(t.failed, ", "))})
		}
	}
	return out
}

func transportFailures(tr snapshot.TransportTest) []string {
	var f []string
	if tr.OneWayMs >= tr.MaxOneWayMs {
		f = append(f, fmt.Sprintf("one-way latency %.1f ms >= %.0f ms", tr.OneWayMs, tr.MaxOneWayMs))
	}
	if tr.JitterMs >= tr.MaxJitterMs {
		f = append(f, fmt.Sprintf("jitter %.1f ms >= %.0f ms", tr.JitterMs, tr.MaxJitterMs))
	}
	if tr.LossPercent >= tr.MaxLossPercent {
		f = append(f, fmt.Sprintf("loss %.1f %% >= %.1f %% (%d of %d probes lost)", tr.LossPercent, tr.MaxLossPercent, tr.Sent-tr.Received, tr.Sent))
	}
	return f
}

func vlanSubject(v snapshot.DHCPVLAN) string {
	if v.VLAN == 0 {
		return "untagged " + v.Role + " VLAN"
	}
	return fmt.Sprintf("%s vlan %d", v.Role, v.VLAN)
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func firstNonEmpty(s ...string) string {
	i := slices.IndexFunc(s, func(x string) bool { return x != "" })
	if i < 0 {
		return ""
	}
	return s[i]
}

func suffix(e string) string {
	if e == "" {
		return ""
	}
	return ": " + e
}
