package aruba_aoscx

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
)

// VLANEntry is one row of `show vlan`.
type VLANEntry struct {
	ID     int    `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
	Reason string `json:"reason"`
	Type   string `json:"type"`
	// Interfaces are the member port lists as printed ("1/1/2-1/1/4",
	// "lag1"), tagged and untagged alike.
	Interfaces []string `json:"interfaces"`
}

// ParseVLANs reads `show vlan`: a header "VLAN Name Status Reason Type
// Interfaces" whose words give the columns (names may hold spaces), rows,
// and continuation lines that hold more interfaces of the row above.
func ParseVLANs(out string) ([]VLANEntry, error) {
	res := []VLANEntry{}
	var cols []int
	for _, line := range drivers.SplitLines(out) {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "VLAN") && strings.Contains(trim, "Name") && strings.Contains(trim, "Interfaces") {
			cols = nil
			for _, w := range []string{"VLAN", "Name", "Status", "Reason", "Type", "Interfaces"} {
				cols = append(cols, strings.Index(line, w))
			}
			continue
		}
		if cols == nil || trim == "" || strings.HasPrefix(trim, "---") {
			continue
		}
		get := func(i int) string { return drivers.Cell(line, cols, i) }
		ifaces := splitList(get(5))
		if strings.TrimSpace(line[:min(len(line), cols[5])]) == "" {
			// A continuation line: more interfaces of the row above.
			if len(res) == 0 {
				return nil, fmt.Errorf("aruba_aoscx: show vlan: continuation line %q before any VLAN", trim)
			}
			res[len(res)-1].Interfaces = append(res[len(res)-1].Interfaces, ifaces...)
			continue
		}
		id, err := strconv.Atoi(get(0))
		if err != nil || id < 1 || id > 4094 {
			return nil, fmt.Errorf("aruba_aoscx: show vlan: bad row %q", trim)
		}
		res = append(res, VLANEntry{ID: id, Name: get(1), Status: get(2), Reason: get(3), Type: get(4), Interfaces: ifaces})
	}
	if cols == nil && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("aruba_aoscx: show vlan: no \"VLAN Name Status Reason Type Interfaces\" header; is this the right command's output?")
	}
	return res, nil
}

func splitList(s string) []string {
	out := []string{}
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ParseLLDPDetail reads `show lldp neighbor-info detail`: "Key : value"
// lines, one block per local port ("Port : 1/1/1") separated by dashed
// rules. Releases differ in the names of two keys ("Neighbor Chassis-Name"
// or "Neighbor System-Name", "...-Description").
func ParseLLDPDetail(out string) ([]drivers.Neighbor, error) {
	res := []drivers.Neighbor{}
	var cur *drivers.Neighbor
	local := ""
	seen := false
	for _, raw := range drivers.SplitLines(out) {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "LLDP Neighbor Information") {
			seen = true
		}
		if strings.HasPrefix(line, "----") {
			cur = nil
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if key == "Port" {
			local, cur = val, nil
			continue
		}
		if local == "" {
			continue
		}
		// A port may have several neighbours: each starts again at its
		// chassis name or ID.
		starts := key == "Neighbor Chassis-Name" || key == "Neighbor System-Name" || key == "Neighbor Chassis-ID"
		if cur == nil || (starts && ((key == "Neighbor Chassis-ID" && cur.ChassisID != "") || (key != "Neighbor Chassis-ID" && cur.SysName != ""))) {
			if !starts {
				continue
			}
			res = append(res, drivers.Neighbor{LocalPort: local, Capabilities: []string{}})
			cur = &res[len(res)-1]
		}
		switch key {
		case "Neighbor Chassis-Name", "Neighbor System-Name":
			cur.SysName = val
		case "Neighbor Chassis-Description", "Neighbor System-Description":
			cur.SysDescr = val
		case "Neighbor Chassis-ID":
			cur.ChassisID = val
		case "Neighbor Management-Address":
			cur.MgmtAddress = val
		case "Chassis Capabilities Enabled":
			cur.Capabilities = drivers.CapabilityWords(val)
		case "Neighbor Port-ID":
			cur.PortID = val
		case "Neighbor Port-Desc":
			cur.PortDescr = val
		case "Neighbor Port VLAN ID":
			if n, err := strconv.Atoi(val); err == nil && n > 0 && n <= 4094 {
				cur.PVID = n
			}
		}
	}
	if !seen && len(res) == 0 && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("aruba_aoscx: show lldp neighbor-info detail: no \"Port :\" record; is this the right command's output?")
	}
	return res, nil
}

// Parse implements drivers.Driver.
func (d Driver) Parse(command, output string) (any, error) {
	switch normalize(command) {
	case cmdVLAN:
		return ParseVLANs(output)
	case cmdLLDPDetail:
		return ParseLLDPDetail(output)
	case cmdRunning:
		return d.ParseConfig(output)
	case cmdVersion:
		return map[string]string{"version": version(output)}, nil
	}
	return nil, fmt.Errorf("%w: aruba_aoscx has no parser for %q; known: %q", drivers.ErrUnsupported, command, d.Commands())
}

// normalize also accepts the "neighbors-info" spelling ntc-templates files
// its samples under.
func normalize(command string) string {
	return strings.Replace(drivers.NormalizeCommand(command), "neighbors-info", "neighbor-info", 1)
}

// version is the release `show version` names ("Version : ML.10.07.0005").
func version(out string) string {
	for _, l := range drivers.SplitLines(out) {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "Version" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// Fill implements drivers.Driver: VLANs from `show vlan`, neighbours from
// the LLDP detail, and ports' membership, voice VLAN, PoE and LLDP settings
// from the running configuration.
func (d Driver) Fill(sw *snapshot.Switch, outputs map[string]string) error {
	get := func(cmds ...string) (string, bool) {
		for k, v := range outputs {
			for _, c := range cmds {
				if normalize(k) == c {
					return v, true
				}
			}
		}
		return "", false
	}
	if sw.Vendor == "" {
		sw.Vendor = "aruba"
	}
	sw.OS = Name
	port := drivers.PortFinder(sw, func(name string) string { return d.CanonicalPort(name) })
	if out, ok := get(cmdVersion); ok {
		if v := version(out); v != "" {
			sw.SysDescr = "ArubaOS-CX " + v
		}
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
	if out, ok := get(cmdLLDPDetail); ok {
		ns, err := ParseLLDPDetail(out)
		if err != nil {
			return err
		}
		for _, n := range ns {
			p := port(n.LocalPort)
			p.Neighbors = append(p.Neighbors, n.Snapshot())
		}
	}
	if out, ok := get(cmdRunning); ok {
		cfg, err := d.ParseConfig(out)
		if err != nil {
			return err
		}
		drivers.FillFromConfig(sw, cfg, port)
		for _, name := range cfg.PortOrder {
			p := port(name)
			p.AdminUp = !cfg.Ports[name].Shutdown
		}
	}
	return nil
}
