package report

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/sizing"
	"github.com/voxlan/voxlan/snapshot"
)

// RequirementIDs is the order of the requirements table.
var RequirementIDs = []string{
	audit.ReqL1, audit.ReqL2, audit.ReqL3, audit.ReqL4, audit.ReqL5,
	audit.ReqL6, audit.ReqL7, audit.ReqL8, audit.ReqL9, audit.ReqL10,
	audit.ReqD1, audit.ReqD2, audit.ReqD3, audit.ReqD4, audit.ReqD5,
	audit.ReqT, audit.ReqW, audit.ReqF,
}

// voiceVLANOnly are the requirements the standard engineering (no voice
// VLAN) does not ask for (docs/requirements.md, "Two LAN engineerings").
var voiceVLANOnly = []string{
	audit.ReqL1, audit.ReqL3, audit.ReqL4, audit.ReqL5, audit.ReqL6, audit.ReqL8, audit.ReqD2,
}

// ManualItems are the checks no software can make (STAS 2.5.4, 2.5.1,
// 2.5.3, 2.4), in the order a technician walks the site.
var ManualItems = []ManualItem{
	{Key: "labels", Requirement: audit.ReqL10},
	{Key: "patchCords", Requirement: audit.ReqL10},
	{Key: "cat5e", Requirement: audit.ReqL10},
	{Key: "powerNoPoE", Requirement: audit.ReqL2},
	{Key: "softphones", Requirement: audit.ReqL9},
	{Key: "cscan", Requirement: audit.ReqT},
}

// phoneWatts is what one class 2 phone takes from the PSE budget (802.3af
// class 2: 7 W at the PSE); the headroom in phones counts those.
const phoneWatts = 7.0

// ErrNoResult is returned when an Input has no audit result.
var ErrNoResult = errors.New("report: no audit result given")

// Build turns one site's inputs into a Document.
func Build(in Input) (*Document, error) {
	r := in.Result
	if r == nil {
		return nil, ErrNoResult
	}
	if in.Snapshot != nil && in.Snapshot.Site != "" && r.Site != "" && in.Snapshot.Site != r.Site {
		return nil, fmt.Errorf("report: snapshot of site %q does not belong to the audit of site %q; give the snapshot the audit was made from", in.Snapshot.Site, r.Site)
	}
	// One time zone throughout: the audit may have been saved elsewhere
	// (in UTC) and is shown in the zone the report is written in.
	zone := in.Meta.Zone
	if zone == nil {
		zone = in.Meta.GeneratedAt.Location()
	}
	d := &Document{
		Site: r.Site, Address: in.Meta.Address, RunBy: in.Meta.RunBy,
		Profile: r.Profile, Engineering: r.Engineering, EngineeringSource: r.EngineeringSource,
		Verdict: r.Verdict, TakenAt: r.TakenAt.In(zone), GeneratedAt: in.Meta.GeneratedAt.In(zone),
		Counts: r.Counts(), Plan: in.Plan, Applied: in.Applied, PlanCLI: in.PlanCLI, Since: in.Since,
		PlanFile: in.Meta.PlanFile, AppliedFile: in.Meta.AppliedFile,
		Firewall: in.Firewall, Manual: ManualItems, Result: r,
	}
	if d.Plan == nil {
		d.Plan = audit.BuildPlan(r)
	}
	if in.Snapshot != nil {
		d.Probe = in.Snapshot.Probe
	}
	d.Requirements = requirementRows(r)
	d.Switches = switchPages(r, in.Snapshot)
	for _, f := range r.Findings {
		if f.Switch == "" {
			d.SiteFindings = append(d.SiteFindings, f)
		}
	}
	sortFindings(d.SiteFindings)
	if r.Sizing != nil {
		d.Sizing = sizingView(r.Sizing)
	}
	return d, nil
}

func requirementRows(r *audit.Result) []RequirementRow {
	rows := make([]RequirementRow, 0, len(RequirementIDs))
	for _, id := range RequirementIDs {
		row := RequirementRow{ID: id, Findings: map[audit.Status]int{}}
		for i := range r.Findings {
			f := &r.Findings[i]
			if f.Requirement != id {
				continue
			}
			row.Findings[f.Status]++
			if row.Worst == nil || f.Status.Severity() > row.Worst.Status.Severity() {
				row.Worst = f
			}
		}
		switch {
		case row.Worst != nil:
			row.Status = row.Worst.Status
		case r.Engineering != audit.EngineeringVoiceVLAN && slices.Contains(voiceVLANOnly, id):
			row.Status = StatusNotApplicable
		default:
			// Nothing judged it: never shown as a pass.
			row.Status = audit.StatusUnknown
		}
		rows = append(rows, row)
	}
	return rows
}

// sortFindings orders findings worst first, then by switch and port.
func sortFindings(fs []audit.Finding) {
	slices.SortStableFunc(fs, func(a, b audit.Finding) int {
		if c := b.Status.Severity() - a.Status.Severity(); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Switch, b.Switch); c != 0 {
			return c
		}
		if c := audit.ComparePorts(a.Port, b.Port); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

func switchPages(r *audit.Result, snap *snapshot.Snapshot) []SwitchPage {
	var pages []SwitchPage
	index := map[string]int{}
	add := func(target string) *SwitchPage {
		if i, ok := index[target]; ok {
			return &pages[i]
		}
		index[target] = len(pages)
		pages = append(pages, SwitchPage{Target: target, Name: target})
		return &pages[len(pages)-1]
	}
	if snap != nil {
		for i := range snap.Switches {
			sw := &snap.Switches[i]
			p := add(sw.Target)
			p.Seen = true
			if sw.SysName != "" {
				p.Name = sw.SysName
			}
			p.Vendor, p.Model, p.OS, p.Version, p.Serial = displayName(vendorNames, sw.Vendor), sw.Model, displayName(osNames, sw.OS), sw.Version, sw.Serial
			p.VLANs = sw.VLANs
			p.PoE = poeView(sw)
			p.Errors = sw.Errors
		}
	}
	for _, pr := range r.Ports {
		add(pr.Switch)
	}
	for _, f := range r.Findings {
		if f.Switch != "" {
			p := add(f.Switch)
			p.Findings = append(p.Findings, f)
		}
	}
	roles := map[[2]string]audit.PortRole{}
	for _, pr := range r.Ports {
		roles[[2]string{pr.Switch, pr.Port}] = pr
	}
	for i := range pages {
		for _, f := range pages[i].Findings {
			// The audit says "no PoE" only when it could tell (the
			// switch was read and has none); unknown stays not read.
			if f.Check == "poe-supported" && !pages[i].PoE.Supported && f.Status != audit.StatusUnknown {
				pages[i].PoE.Absent = true
			}
		}
		sortFindings(pages[i].Findings)
		var sw *snapshot.Switch
		if snap != nil && pages[i].Seen {
			for j := range snap.Switches {
				if snap.Switches[j].Target == pages[i].Target {
					sw = &snap.Switches[j]
					break
				}
			}
		}
		pages[i].Panel = buildPanel(pages[i].Target, sw, r.Ports, roles, pages[i].Findings)
	}
	return pages
}

func poeView(sw *snapshot.Switch) PoEView {
	v := PoEView{Supported: sw.PoE.Supported, PortsNotRead: sw.PoE.PortsNotRead}
	used := 0.0
	for _, pse := range sw.PoE.PSEs {
		v.BudgetW += pse.PowerW
		v.ConsumptionW += pse.ConsumptionW
		used += pse.UsedW()
	}
	v.HeadroomW = max(v.BudgetW-used, 0)
	v.PhonesHeadroom = int(v.HeadroomW / phoneWatts)
	for _, p := range sw.Ports {
		if p.PoE.Delivering() {
			v.PoweredPorts++
		}
	}
	return v
}

func sizingView(s *sizing.Sizing) *SizingView {
	v := &SizingView{
		Users: s.Users, ErlangPerUser: s.ErlangPerUser, Blocking: s.Blocking,
		TrafficErlang: s.TrafficErlang, Channels: s.Channels, VoiceKbps: s.VoiceKbps,
		LowSpeed: s.LowSpeed, WANMaxChannels: s.WANMaxChannels, Verdict: audit.StatusUnknown,
	}
	for _, svc := range s.Services {
		v.Services = append(v.Services, ServiceRow{Key: svc.Key, Kbps: svc.Kbps})
	}
	for _, l := range sizing.XDSLLimits {
		row := XDSLRow{Access: l.Access, MinUpKbps: l.MinUpKbps, MaxUpKbps: l.MaxUpKbps, MinDownKbps: l.MinDownKbps, MaxChannels: l.MaxChannels}
		if s.WAN != nil && s.LowSpeed && s.WAN.Access == l.Access && l.MaxChannels == s.XDSLMaxChannels {
			row.Matches = true
		}
		v.XDSL = append(v.XDSL, row)
	}
	if s.WAN != nil {
		v.Declared = true
		v.Access, v.UpKbps, v.DownKbps = s.WAN.Access, s.WAN.UpKbps, s.WAN.DownKbps
		if s.WANMaxChannels >= s.Channels {
			v.Verdict = audit.StatusPass
		} else {
			v.Verdict = audit.StatusFail
		}
	}
	return v
}
