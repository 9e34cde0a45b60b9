package aruba_aoss

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
)

// Parse implements drivers.Driver.
func (d Driver) Parse(command, output string) (any, error) {
	switch drivers.NormalizeCommand(command) {
	case cmdVLANs:
		return ParseVLANs(output)
	case cmdBrief:
		return ParseInterfacesBrief(output)
	case cmdPoE:
		return ParsePoEBrief(output)
	case cmdLLDP:
		return ParseLLDPSummary(output)
	case cmdLLDPDetail:
		return ParseLLDPDetail(output)
	case cmdRunning:
		return d.ParseConfig(output)
	case cmdVersion:
		return map[string]bool{"aoss": isAOSS(output)}, nil
	}
	return nil, fmt.Errorf("%w: aruba_aoss has no parser for %q; known: %q", drivers.ErrUnsupported, command, d.Commands())
}

// Fill implements drivers.Driver: ports get status, VLAN membership, voice
// VLAN, PoE, LLDP neighbours and the LLDP-MED policy from the outputs
// present in outputs.
func (d Driver) Fill(sw *snapshot.Switch, outputs map[string]string) error {
	get := func(cmds ...string) (string, bool) { return drivers.Output(outputs, cmds...) }
	if sw.Vendor == "" {
		sw.Vendor = "hpe"
	}
	sw.OS = Name
	port := drivers.PortFinder(sw, func(name string) string { return name })
	if out, ok := get(cmdVersion); ok {
		if l := drivers.FirstLine(out); l != "" {
			sw.SysDescr = l
		}
	}
	if out, ok := get(cmdVLANs); ok {
		vl, err := ParseVLANs(out)
		if err != nil {
			return err
		}
		for _, v := range vl {
			sw.VLANs = append(sw.VLANs, snapshot.VLAN{ID: v.ID, Name: v.Name, Voice: v.Voice})
		}
	}
	if out, ok := get(cmdBrief); ok {
		ps, err := ParseInterfacesBrief(out)
		if err != nil {
			return err
		}
		for _, s := range ps {
			p := port(s.Port)
			p.AdminUp, p.OperUp = s.Enabled, s.Up
			p.SpeedMbps = speedOf(s.Mode)
			switch {
			case strings.HasSuffix(s.Mode, "FDx") || strings.HasSuffix(s.Mode, "FD"):
				p.Duplex = snapshot.DuplexFull
			case strings.HasSuffix(s.Mode, "HDx"):
				p.Duplex = snapshot.DuplexHalf
			}
		}
	}
	if out, ok := get(cmdPoE); ok {
		pb, err := ParsePoEBrief(out)
		if err != nil {
			return err
		}
		if pb.AvailableW > 0 || len(pb.Ports) > 0 {
			sw.PoE.Supported = true
			sw.PoE.PSEs = append(sw.PoE.PSEs, snapshot.PSE{Index: 1, PowerW: pb.AvailableW, ConsumptionW: pb.UsedW, Status: "on"})
		}
		for _, pp := range pb.Ports {
			p := port(pp.Port)
			det := map[string]string{"Delivering": "deliveringPower", "Searching": "searching", "Disabled": "disabled",
				"Fault": "fault", "Other Fault": "otherFault"}[pp.Detection]
			if !pp.Enabled {
				det = "disabled"
			} else if det == "" {
				det = "otherFault"
			}
			p.PoE = &snapshot.PortPoE{AdminEnabled: pp.Enabled, Detection: det, Class: pp.Class,
				PowerMw: int(math.Round(pp.ActualW * 1000)), MaxPowerMw: int(math.Round(pp.AllocW * 1000)),
				Priority: strings.ToLower(pp.Priority)}
		}
	}
	if out, ok := get(cmdLLDPDetail); ok {
		ns, err := ParseLLDPDetail(out)
		if err != nil {
			return err
		}
		for _, n := range ns {
			if n.LocalPort != "" {
				p := port(n.LocalPort)
				p.Neighbors = append(p.Neighbors, n.Snapshot())
			}
		}
	} else if out, ok := get(cmdLLDP); ok {
		ns, err := ParseLLDPSummary(out)
		if err != nil {
			return err
		}
		for _, n := range ns {
			if n.LocalPort != "" {
				p := port(n.LocalPort)
				p.Neighbors = append(p.Neighbors, n.Snapshot())
			}
		}
	}
	if out, ok := get(cmdRunning); ok {
		cfg, err := d.ParseConfig(out)
		if err != nil {
			return err
		}
		if sw.SysName == "" {
			sw.SysName = cfg.Hostname
		}
		for _, name := range cfg.PortOrder {
			pc := cfg.Ports[name]
			p := port(name)
			p.PVID = pc.DataVLAN
			p.UntaggedVLANs = nil
			if pc.DataVLAN != 0 {
				p.UntaggedVLANs = []int{pc.DataVLAN}
			}
			p.TaggedVLANs = append([]int(nil), pc.TaggedVLANs...)
			p.VoiceVLAN = pc.VoiceVLAN
			p.Mode = pc.Mode
			if pc.VoiceVLAN != 0 {
				p.TaggedVLANs = append(p.TaggedVLANs, pc.VoiceVLAN)
				if pc.Mode == drivers.ModeAccess {
					p.Mode = "hybrid"
				}
			}
			p.LLDPAdmin = drivers.LLDPAdmin(cfg.LLDP && !pc.LLDPTxOff, cfg.LLDP && !pc.LLDPRxOff)
			if pc.MED != nil {
				p.MEDPolicies = drivers.MEDPolicies(pc.MED)
			}
		}
		// The configuration has full names (show vlans truncates them)
		// and VLANs show vlans was not given for.
		for _, id := range cfg.SortedVLANs() {
			v := cfg.VLANs[id]
			i := slices.IndexFunc(sw.VLANs, func(sv snapshot.VLAN) bool { return sv.ID == id })
			if i < 0 {
				sw.VLANs = append(sw.VLANs, snapshot.VLAN{ID: id})
				i = len(sw.VLANs) - 1
			}
			if v.Name != "" {
				sw.VLANs[i].Name = v.Name
			}
			sw.VLANs[i].Voice = v.Voice
		}
	}
	return nil
}

// speedOf reads the mode column: "1000FDx" -> 1000, "10GigFD" -> 10000.
func speedOf(mode string) int {
	var n int
	if _, err := fmt.Sscanf(mode, "%dGig", &n); err == nil && strings.Contains(mode, "Gig") {
		return n * 1000
	}
	if _, err := fmt.Sscanf(mode, "%d", &n); err == nil {
		return n
	}
	return 0
}
