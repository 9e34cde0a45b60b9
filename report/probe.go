package report

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
)

// infoTable is a titled table every renderer draws the same way; the
// column StatusCol (-1 for none) holds a status drawn as a pill.
type infoTable struct {
	Title     string
	Head      []string
	Rows      [][]string
	Statuses  []audit.Status
	StatusCol int
	// Note follows the table (what it leaves out and where it is).
	Note string
}

// probeTables words the jack probe's results: DHCP per VLAN with every
// server seen, DNS answers, transport figures against their thresholds,
// TCP openings, and what was not measured.
func probeTables(c *Catalog, p *snapshot.Probe) []infoTable {
	var out []infoTable
	none := func(v []string) string {
		if len(v) == 0 {
			return "-"
		}
		return strings.Join(v, ", ")
	}
	if len(p.DHCP) > 0 {
		t := infoTable{Title: c.T("probe.dhcp"), Head: []string{c.T("col.vlan"), c.T("col.offers"), c.T("col.status")}, StatusCol: 2}
		for _, v := range p.DHCP {
			name := c.T("probe.vlanData")
			if v.Role == snapshot.RoleVoice || v.VLAN != 0 {
				name = c.T("probe.vlanVoice", "vlan", v.VLAN)
			}
			var offers []string
			for _, o := range v.Offers {
				offers = append(offers, c.T("probe.offer", "server", o.ServerID, "address", o.Address, "network", o.Network,
					"routers", none(o.Routers), "dns", none(o.DNS)))
			}
			if v.Lease != nil {
				if v.Lease.Granted {
					offers = append(offers, c.T("probe.lease", "address", v.Lease.Address))
				} else {
					offers = append(offers, c.T("probe.noLease", "msg", v.Lease.Message))
				}
			}
			st := audit.StatusPass
			switch {
			case len(v.Offers) == 0:
				offers = append(offers, c.T("probe.noOffer"))
				st = audit.StatusFail
			case len(v.Offers) > 1:
				st = audit.StatusFail // D4: several servers on one VLAN
			case v.Lease != nil && !v.Lease.Granted:
				st = audit.StatusFail
			}
			t.Rows = append(t.Rows, []string{name, strings.Join(offers, "\n"), ""})
			t.Statuses = append(t.Statuses, st)
		}
		out = append(out, t)
	}
	if len(p.DNS) > 0 {
		t := infoTable{Title: c.T("probe.dns"), Head: []string{c.T("col.server"), c.T("col.name"), c.T("col.result"), c.T("col.status")}, StatusCol: 3}
		for _, d := range p.DNS {
			res := c.T("probe.answer", "addresses", none(d.Addresses), "ms", c.T("unit.ms", "v", c.Num(d.Ms, 1)))
			if !d.OK {
				why := d.Error
				if why == "" {
					why = d.Rcode
				}
				res = c.T("probe.noAnswer", "error", why)
			}
			t.Rows = append(t.Rows, []string{d.Server, d.Name, res, ""})
			t.Statuses = append(t.Statuses, passFail(d.OK))
		}
		out = append(out, t)
	}
	if len(p.Transport) > 0 {
		t := infoTable{Title: c.T("probe.transport"), Head: []string{c.T("col.target"), c.T("col.oneWay"), c.T("col.jitter"), c.T("col.loss"), c.T("col.status")}, StatusCol: 4}
		ms := func(v float64) string { return c.T("unit.ms", "v", c.Num(v, 1)) }
		pct := func(v float64) string { return c.T("format.percent", "n", c.Num(v, 1)) }
		for _, tr := range p.Transport {
			target := tr.Target
			if tr.Error != "" {
				target += "\n" + tr.Error
			}
			t.Rows = append(t.Rows, []string{target,
				c.T("probe.figure", "v", ms(tr.OneWayMs), "max", ms(tr.MaxOneWayMs)) + "\n" + c.T("probe.rtt", "ms", ms(tr.RTTAvgMs)),
				c.T("probe.figure", "v", ms(tr.JitterMs), "max", ms(tr.MaxJitterMs)),
				c.T("probe.figure", "v", pct(tr.LossPercent), "max", pct(tr.MaxLossPercent)), ""})
			t.Statuses = append(t.Statuses, passFail(tr.Pass))
		}
		out = append(out, t)
	}
	if len(p.Ports) > 0 {
		t := infoTable{Title: c.T("probe.ports"), Head: []string{c.T("col.target"), c.T("col.service"), c.T("col.state"), c.T("col.status")}, StatusCol: 3}
		for _, pt := range p.Ports {
			t.Rows = append(t.Rows, []string{pt.Target + ":" + strconv.Itoa(pt.Port), c.TOr("firewall."+pt.Opening, pt.Opening), c.TOr("state."+pt.State, pt.State), ""})
			t.Statuses = append(t.Statuses, passFail(pt.State == snapshot.PortOpen))
		}
		out = append(out, t)
	}
	if len(p.Skipped) > 0 {
		t := infoTable{Title: c.T("probe.skipped"), Head: []string{c.T("probe.skipped")}, StatusCol: -1}
		for i, s := range p.Skipped {
			t.Rows = append(t.Rows, []string{skipText(c, p, i, s)})
			t.Statuses = append(t.Statuses, "")
		}
		out = append(out, t)
	}
	return out
}

// skipText words the i-th check that was not measured, line, in c's
// language by its code, for the OS the probe ran on when the code depends
// on it (skip.<code>.<os>, else skip.<code>); a snapshot without codes
// (written before them) or with a code this catalogue lacks keeps the
// probe's English line.
func skipText(c *Catalog, p *snapshot.Probe, i int, line string) string {
	if len(p.Skips) != len(p.Skipped) {
		return line
	}
	sk := p.Skips[i]
	key := "skip." + sk.Code
	if os := sk.Args["os"]; os != "" && c.Has(key+"."+os) {
		key += "." + os
	}
	if !c.Has(key) {
		return line
	}
	names := slices.Sorted(maps.Keys(sk.Args))
	args := make([]any, 0, 2*len(names))
	for _, n := range names {
		args = append(args, n, sk.Args[n])
	}
	return c.T(key, args...)
}

func passFail(ok bool) audit.Status {
	if ok {
		return audit.StatusPass
	}
	return audit.StatusFail
}
