package drivers

import (
	"slices"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
)

// Helpers the OS drivers' Fill methods share.

// NormalizeCommand is a show command as drivers key it: lower case, single
// spaces.
func NormalizeCommand(c string) string { return strings.Join(strings.Fields(strings.ToLower(c)), " ") }

// Output is the output of the first of cmds (normalized) that outputs
// holds under any spelling of the command.
func Output(outputs map[string]string, cmds ...string) (string, bool) {
	for k, v := range outputs {
		for _, c := range cmds {
			if NormalizeCommand(k) == c {
				return v, true
			}
		}
	}
	return "", false
}

// PortFinder returns a function that finds sw's port whose name has the
// same key as name, adding an Ethernet port named key(name) if there is
// none. key is the OS's canonical port name (its short form, or the name
// as it is).
func PortFinder(sw *snapshot.Switch, key func(string) string) func(name string) *snapshot.Port {
	return func(name string) *snapshot.Port {
		k := key(name)
		for i := range sw.Ports {
			if key(sw.Ports[i].Name) == k {
				return &sw.Ports[i]
			}
		}
		sw.Ports = append(sw.Ports, snapshot.Port{Name: k, Type: "ethernetCsmacd", Duplex: snapshot.DuplexUnknown})
		return &sw.Ports[len(sw.Ports)-1]
	}
}

// FirstLine is the first non-blank line of a show output, trimmed.
func FirstLine(s string) string {
	for _, l := range SplitLines(s) {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// LLDPAdmin is the snapshot's LLDP admin status for a port that transmits
// and/or receives LLDP.
func LLDPAdmin(tx, rx bool) string {
	switch {
	case tx && rx:
		return "txAndRx"
	case tx:
		return "txOnly"
	case rx:
		return "rxOnly"
	}
	return "disabled"
}

// MEDPolicies is the snapshot form of a port's configured LLDP-MED policy.
func MEDPolicies(m *audit.MEDPolicy) []snapshot.Policy {
	return []snapshot.Policy{{Application: m.Application, VLAN: m.VLAN, Tagged: m.Tagged, Priority: m.Priority, DSCP: m.DSCP}}
}

// FillFromConfig sets what a parsed running configuration says on sw's
// ports (found or added with port): PVID and untagged VLAN, tagged VLANs,
// voice VLAN (a port with one is "hybrid": data untagged, voice tagged),
// LLDP admin status and the configured LLDP-MED policy; and sw's VLANs
// gain the configuration's names and voice flags (show outputs often
// truncate names).
func FillFromConfig(sw *snapshot.Switch, cfg *Config, port func(string) *snapshot.Port) {
	if sw.SysName == "" {
		sw.SysName = cfg.Hostname
	}
	for _, name := range cfg.PortOrder {
		pc := cfg.Ports[name]
		p := port(name)
		p.PVID = VLANOrDefault(pc.DataVLAN)
		p.UntaggedVLANs = []int{p.PVID}
		p.TaggedVLANs = append([]int(nil), pc.TaggedVLANs...)
		p.VoiceVLAN = pc.VoiceVLAN
		p.Mode = pc.Mode
		if pc.Mode == ModeGeneral {
			p.Mode = "hybrid" // PVID untagged plus tagged VLANs (Comware, VRP, SB general)
		}
		if pc.VoiceVLAN != 0 {
			p.TaggedVLANs = append(p.TaggedVLANs, pc.VoiceVLAN)
			if pc.Mode == ModeAccess {
				p.Mode = "hybrid"
			}
		}
		p.LLDPAdmin = LLDPAdmin(cfg.LLDP && !pc.LLDPTxOff, cfg.LLDP && !pc.LLDPRxOff)
		p.MEDPolicies = nil
		if pc.MED != nil {
			p.MEDPolicies = MEDPolicies(pc.MED)
		}
		if pc.PoEOff && p.PoE != nil {
			p.PoE.AdminEnabled = false
		}
	}
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

// NeighborReader is a show command listing LLDP neighbours and its parser.
type NeighborReader struct {
	Command string
	Parse   func(output string) ([]Neighbor, error)
}

// FillNeighbors adds to sw's ports (found or added with port) the
// neighbours of the first reader whose command outputs holds; a neighbour
// naming no local port is left out.
func FillNeighbors(outputs map[string]string, port func(string) *snapshot.Port, readers ...NeighborReader) error {
	for _, r := range readers {
		out, ok := Output(outputs, r.Command)
		if !ok {
			continue
		}
		ns, err := r.Parse(out)
		if err != nil {
			return err
		}
		for _, n := range ns {
			if n.LocalPort != "" {
				p := port(n.LocalPort)
				p.Neighbors = append(p.Neighbors, n.Snapshot())
			}
		}
		return nil
	}
	return nil
}

// FillConfig reads the running configuration outputs holds under command
// with parse and sets it on sw's ports (FillFromConfig); nil, nil when
// outputs has no such output.
func FillConfig(sw *snapshot.Switch, outputs map[string]string, command string, parse func(string) (*Config, error), port func(string) *snapshot.Port) (*Config, error) {
	out, ok := Output(outputs, command)
	if !ok {
		return nil, nil
	}
	cfg, err := parse(out)
	if err != nil {
		return nil, err
	}
	FillFromConfig(sw, cfg, port)
	return cfg, nil
}
