package cisco_ios

import (
	"fmt"
	"math"
	"strings"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
)

// Parse implements drivers.Driver.
func (d Driver) Parse(command, output string) (any, error) {
	switch drivers.NormalizeCommand(command) {
	case cmdSwitchport:
		return ParseSwitchport(output)
	case cmdVLAN, "show vlan":
		return ParseVLANs(output)
	case cmdPower:
		return ParsePowerInline(output)
	case cmdLLDP:
		return ParseLLDPDetail(output)
	case cmdCDP:
		return ParseCDPDetail(output)
	case cmdRunning:
		return d.ParseConfig(output)
	case cmdVersion:
		return map[string]bool{"ios": isIOS(output)}, nil
	}
	return nil, fmt.Errorf("%w: cisco_ios has no parser for %q; known: %q", errUnsupported(), command, Driver{}.Commands())
}

// Fill implements drivers.Driver: ports get mode, VLANs, voice VLAN, PoE
// and LLDP neighbours from the show outputs present in outputs.
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
	if out, ok := get(cmdVLAN, "show vlan"); ok {
		vl, err := ParseVLANs(out)
		if err != nil {
			return err
		}
		for _, v := range vl {
			if v.ID >= 1002 && v.ID <= 1005 {
				continue
			}
			sw.VLANs = append(sw.VLANs, snapshot.VLAN{ID: v.ID, Name: v.Name})
		}
	}
	if out, ok := get(cmdSwitchport); ok {
		sps, err := ParseSwitchport(out)
		if err != nil {
			return err
		}
		for _, sp := range sps {
			p := port(sp.Interface)
			mode := sp.OperMode
			if strings.HasPrefix(mode, "down") || mode == "" {
				mode = sp.AdminMode
			}
			switch {
			case strings.Contains(mode, "trunk"):
				p.Mode, p.PVID = "trunk", sp.NativeVLAN
				p.UntaggedVLANs = []int{sp.NativeVLAN}
				p.TaggedVLANs = nil
				for _, v := range sp.TrunkVLANs {
					if v != sp.NativeVLAN {
						p.TaggedVLANs = append(p.TaggedVLANs, v)
					}
				}
			case strings.Contains(mode, "access") || strings.Contains(mode, "dynamic"):
				p.Mode, p.PVID = "access", sp.AccessVLAN
				p.UntaggedVLANs = []int{sp.AccessVLAN}
				p.TaggedVLANs = nil
				if sp.VoiceVLAN > 0 {
					p.Mode = "hybrid"
					p.TaggedVLANs = []int{sp.VoiceVLAN}
				}
			}
			p.VoiceVLAN = sp.VoiceVLAN
		}
	}
	if out, ok := get(cmdPower); ok {
		pi, err := ParsePowerInline(out)
		if err != nil {
			return err
		}
		for i, m := range pi.Modules {
			sw.PoE.Supported = true
			sw.PoE.PSEs = append(sw.PoE.PSEs, snapshot.PSE{Index: i + 1, PowerW: m.AvailableW, ConsumptionW: m.UsedW, Status: "on"})
		}
		for _, pp := range pi.Ports {
			sw.PoE.Supported = true
			p := port(pp.Interface)
			det := map[string]string{"on": "deliveringPower", "off": "searching", "faulty": "fault", "power-deny": "otherFault"}[pp.Oper]
			if pp.Admin == "off" || pp.Admin == "never" {
				det = "disabled"
			}
			if det == "" {
				det = "otherFault"
			}
			p.PoE = &snapshot.PortPoE{AdminEnabled: pp.Admin != "off" && pp.Admin != "never", Detection: det,
				Class: pp.Class, PowerMw: int(math.Round(pp.PowerW * 1000)), MaxPowerMw: int(math.Round(pp.MaxW * 1000))}
		}
	}
	if out, ok := get(cmdLLDP); ok {
		ns, err := ParseLLDPDetail(out)
		if err != nil {
			return err
		}
		for _, n := range ns {
			if n.LocalInterface == "" {
				continue
			}
			p := port(n.LocalInterface)
			p.Neighbors = append(p.Neighbors, n.Snapshot())
		}
	}
	if out, ok := get(cmdCDP); ok {
		ns, err := ParseCDPDetail(out)
		if err != nil {
			return err
		}
		for _, n := range ns {
			if n.LocalInterface == "" {
				continue
			}
			p := port(n.LocalInterface)
			p.Neighbors = append(p.Neighbors, n.Snapshot())
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
			if strings.HasPrefix(name, "Po") {
				p.Type = "ieee8023adLag"
			}
			p.AdminUp = !pc.Shutdown
			if pc.LLDPTxOff || pc.LLDPRxOff || !cfg.LLDP {
				p.LLDPAdmin = drivers.LLDPAdmin(cfg.LLDP && !pc.LLDPTxOff, cfg.LLDP && !pc.LLDPRxOff)
			} else {
				p.LLDPAdmin = "txAndRx"
			}
			if pc.MED != nil {
				p.MEDPolicies = drivers.MEDPolicies(pc.MED)
			}
		}
	}
	return nil
}

// ObserveCommand implements drivers.Observer.
func (Driver) ObserveCommand() string { return cmdSwitchport }

// Observe implements drivers.Observer: mode, untagged and voice VLAN as
// `show interfaces switchport` reports them.
func (Driver) Observe(output string) (map[string]*drivers.Port, error) {
	sps, err := ParseSwitchport(output)
	if err != nil {
		return nil, err
	}
	out := map[string]*drivers.Port{}
	for _, sp := range sps {
		p := &drivers.Port{Name: ShortName(sp.Interface), VoiceVLAN: sp.VoiceVLAN, DataVLAN: sp.AccessVLAN}
		switch {
		case sp.AdminMode == "static access":
			p.Mode = drivers.ModeAccess
		case sp.AdminMode == "trunk":
			p.Mode, p.DataVLAN = drivers.ModeTrunk, sp.NativeVLAN
		}
		out[p.Name] = p
	}
	return out, nil
}
