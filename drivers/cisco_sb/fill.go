package cisco_sb

import (
	"fmt"
	"strings"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
)

// Parse implements drivers.Driver. "show lldp neighbors PORT" and "show
// interfaces switchport PORT" take the port as SB requires.
func (d Driver) Parse(command, output string) (any, error) {
	cmd := drivers.NormalizeCommand(command)
	switch {
	case cmd == cmdVLAN:
		return ParseVLANs(output)
	case cmd == cmdLLDP:
		return ParseLLDPNeighbors(output)
	case strings.HasPrefix(cmd, cmdLLDP+" "):
		return ParseLLDPDetail(strings.TrimPrefix(cmd, cmdLLDP+" "), output)
	case cmd == cmdSwitchport || strings.HasPrefix(cmd, cmdSwitchport+" "):
		return ParseSwitchport(output)
	case cmd == cmdRunning:
		return d.ParseConfig(output)
	case cmd == cmdVersion:
		return map[string]bool{"sb": Driver{}.IdentifyCLI(output)}, nil
	}
	return nil, fmt.Errorf("%w: cisco_sb has no parser for %q; known: %q", drivers.ErrUnsupported, command, Driver{}.Commands())
}

// Fill implements drivers.Driver: VLANs from `show vlan`, neighbours from
// `show lldp neighbors`, and port modes, VLANs, voice VLAN, PoE admin state,
// LLDP and MED policies from the running configuration (SB's switchport
// show needs one port per command).
func (d Driver) Fill(sw *snapshot.Switch, outputs map[string]string) error {
	get := func(cmds ...string) (string, bool) { return drivers.Output(outputs, cmds...) }
	if sw.Vendor == "" {
		sw.Vendor = "cisco"
	}
	sw.OS = Name
	port := drivers.PortFinder(sw, ShortName)
	if out, ok := get(cmdVersion); ok {
		sw.SysDescr = drivers.FirstLine(out)
	}
	if out, ok := get(cmdVLAN); ok {
		vl, err := ParseVLANs(out)
		if err != nil {
			return err
		}
		for _, v := range vl {
			sw.VLANs = append(sw.VLANs, snapshot.VLAN{ID: v.ID, Name: v.Name})
		}
	}
	if out, ok := get(cmdLLDP); ok {
		ns, err := ParseLLDPNeighbors(out)
		if err != nil {
			return err
		}
		for _, n := range ns {
			p := port(n.LocalInterface)
			p.Neighbors = append(p.Neighbors, n.Snapshot())
		}
	}
	for k, out := range outputs {
		cmd := drivers.NormalizeCommand(k)
		name, ok := strings.CutPrefix(cmd, cmdLLDP+" ")
		if !ok {
			continue
		}
		n, err := ParseLLDPDetail(name, out)
		if err != nil {
			return err
		}
		if n == nil {
			continue
		}
		p := port(name)
		// The detail replaces the table's shorter record of the neighbour.
		sn := n.Snapshot()
		replaced := false
		for i := range p.Neighbors {
			if p.Neighbors[i].ChassisID == sn.ChassisID || p.Neighbors[i].PortID == sn.PortID {
				p.Neighbors[i], replaced = sn, true
			}
		}
		if !replaced {
			p.Neighbors = append(p.Neighbors, sn)
		}
	}
	for k, out := range outputs {
		if cmd := drivers.NormalizeCommand(k); cmd != cmdSwitchport && !strings.HasPrefix(cmd, cmdSwitchport+" ") {
			continue
		}
		sps, err := ParseSwitchport(out)
		if err != nil {
			return err
		}
		for _, sp := range sps {
			p := port(sp.Interface)
			p.PVID, p.UntaggedVLANs, p.TaggedVLANs = sp.PVID, sp.Untagged, sp.Tagged
			p.Mode = map[string]string{"general": "hybrid", "trunk": "trunk", "access": "access"}[sp.Mode]
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
		if len(sw.VLANs) == 0 {
			for _, id := range cfg.SortedVLANs() {
				sw.VLANs = append(sw.VLANs, snapshot.VLAN{ID: id, Name: cfg.VLANs[id].Name})
			}
		}
		for _, name := range cfg.PortOrder {
			pc := cfg.Ports[name]
			p := port(name)
			p.AdminUp = !pc.Shutdown
			p.LLDPAdmin = drivers.LLDPAdmin(cfg.LLDP && !pc.LLDPTxOff, cfg.LLDP && !pc.LLDPRxOff)
			data := drivers.VLANOrDefault(pc.DataVLAN)
			p.PVID, p.UntaggedVLANs = data, []int{data}
			p.VoiceVLAN = pc.VoiceVLAN
			p.TaggedVLANs = append([]int{}, pc.TaggedVLANs...)
			if pc.VoiceVLAN != 0 {
				p.TaggedVLANs = withVoice(pc)
			}
			switch pc.Mode {
			case drivers.ModeGeneral:
				p.Mode = "hybrid"
			case drivers.ModeTrunk:
				p.Mode = "trunk"
			default:
				p.Mode = "access"
			}
			if pc.MED != nil {
				p.MEDPolicies = drivers.MEDPolicies(pc.MED)
			}
			// The configuration says only whether PoE is disabled, not
			// whether the port has a PSE: a port gets a PoE block when PoE is
			// off, or keeps the one SNMP gave it.
			if pc.PoEOff {
				if p.PoE == nil {
					p.PoE = &snapshot.PortPoE{Class: snapshot.ClassUnknown}
				}
				p.PoE.AdminEnabled, p.PoE.Detection = false, "disabled"
			} else if p.PoE != nil {
				p.PoE.AdminEnabled = true
			}
		}
	}
	return nil
}
