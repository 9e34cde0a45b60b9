package hp_comware

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
)

// VLANEntry is one VLAN of `display vlan all`.
type VLANEntry struct {
	ID             int      `json:"id"`
	Type           string   `json:"type"`
	RouteInterface string   `json:"routeInterface"`
	IPv4Address    string   `json:"ipv4Address,omitempty"`
	IPv4Mask       string   `json:"ipv4Mask,omitempty"`
	Description    string   `json:"description"`
	Name           string   `json:"name"`
	Tagged         []string `json:"tagged"`
	Untagged       []string `json:"untagged"`
}

// key normalizes a "Key: value" key: lower case, single spaces ("Tagged
// Ports" and "Tagged   ports" are one key across releases).
func key(k string) string { return strings.Join(strings.Fields(strings.ToLower(k)), " ") }

// ParseVLANAll reads `display vlan all`: one block per VLAN, "Key: value"
// lines, and the tagged and untagged port lists on the lines after their
// key ("None" when empty).
func ParseVLANAll(out string) ([]VLANEntry, error) {
	res := []VLANEntry{}
	var cur *VLANEntry
	var list *[]string
	for _, line := range drivers.SplitLines(out) {
		trim := strings.TrimSpace(line)
		if trim == "" {
			list = nil
			continue
		}
		k, v, ok := strings.Cut(trim, ":")
		if !ok || strings.HasPrefix(line, "    ") {
			if list != nil {
				*list = append(*list, strings.Fields(trim)...)
			}
			continue
		}
		v = strings.TrimSpace(v)
		switch key(k) {
		case "vlan id":
			id, err := strconv.Atoi(v)
			if err != nil || id < 1 || id > 4094 {
				return nil, fmt.Errorf("hp_comware: display vlan all: bad VLAN ID %q", v)
			}
			res = append(res, VLANEntry{ID: id, Tagged: []string{}, Untagged: []string{}})
			cur, list = &res[len(res)-1], nil
			continue
		}
		if cur == nil {
			continue
		}
		list = nil
		switch key(k) {
		case "vlan type":
			cur.Type = v
		case "route interface":
			cur.RouteInterface = v
		case "ipv4 address", "ip address":
			cur.IPv4Address = v
		case "ipv4 subnet mask", "subnet mask":
			cur.IPv4Mask = v
		case "description":
			cur.Description = v
		case "name":
			cur.Name = v
		case "tagged ports", "untagged ports":
			list = &cur.Tagged
			if key(k) == "untagged ports" {
				list = &cur.Untagged
			}
			if !strings.EqualFold(v, "none") {
				*list = append(*list, strings.Fields(v)...)
			}
		}
	}
	if len(res) == 0 && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("hp_comware: display vlan all: no \"VLAN ID:\" block; is this the right command's output?")
	}
	return res, nil
}

// PortStatus is one row of `display interface brief`, from its route-mode
// or bridge-mode table.
type PortStatus struct {
	Interface   string `json:"interface"`
	Link        string `json:"link"`
	Protocol    string `json:"protocol,omitempty"`
	MainIP      string `json:"mainIp,omitempty"`
	Speed       string `json:"speed,omitempty"`
	Duplex      string `json:"duplex,omitempty"`
	Type        string `json:"type,omitempty"`
	PVID        string `json:"pvid,omitempty"`
	Description string `json:"description"`
}

// columns returns the start of each of words in a header line, in order,
// or nil when one is missing.
func columns(header string, words ...string) []int {
	var cols []int
	from := 0
	for _, w := range words {
		i := strings.Index(header[from:], w)
		if i < 0 {
			return nil
		}
		cols = append(cols, from+i)
		from += i + len(w)
	}
	return cols
}

// cell is the text of column i of line (cols from columns): values may run
// past the next column's header start by a little, so a cell ends at the
// next space-preceded column start.
func cell(line string, cols []int, i int) string {
	if cols[i] >= len(line) {
		return ""
	}
	start := cols[i]
	for start > 0 && line[start-1] != ' ' {
		start-- // a value wider than its header to the left
	}
	end := len(line)
	if i+1 < len(cols) && cols[i+1] < end {
		end = cols[i+1]
		for end < len(line) && line[end-1] != ' ' {
			end++ // a value running into the next column
		}
	}
	if i == len(cols)-1 {
		return strings.TrimSpace(line[start:])
	}
	return strings.TrimSpace(line[start:end])
}

// restFrom is line from its n-th space-separated field on, as written.
func restFrom(line string, n int) string {
	for i := 0; i < n; i++ {
		line = strings.TrimLeft(line, " ")
		j := strings.IndexByte(line, ' ')
		if j < 0 {
			return ""
		}
		line = line[j:]
	}
	return strings.TrimSpace(line)
}

// ParseInterfaceBrief reads `display interface brief`: a route-mode table
// ("Interface Link Protocol Main IP Description", or "Primary IP") and a
// bridge-mode table ("Interface Link Speed Duplex Type PVID Description").
func ParseInterfaceBrief(out string) ([]PortStatus, error) {
	res := []PortStatus{}
	var cols []int
	bridge, seen := false, false
	for _, line := range drivers.SplitLines(out) {
		trim := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trim, "Interface") && strings.Contains(trim, "Protocol"):
			ip := "Main IP"
			if strings.Contains(trim, "Primary IP") {
				ip = "Primary IP"
			}
			cols, bridge, seen = columns(line, "Interface", "Link", "Protocol", ip, "Description"), false, true
			continue
		case strings.HasPrefix(trim, "Interface") && strings.Contains(trim, "PVID"):
			cols, bridge, seen = columns(line, "Interface", "Link", "Speed", "Duplex", "Type", "PVID", "Description"), true, true
			continue
		case trim == "" || cols == nil || strings.Contains(trim, " - ") || strings.HasPrefix(trim, "Brief information") || strings.HasPrefix(trim, "The brief"):
			continue
		}
		// Columns are split on spaces: values overrun their header
		// ("5.6.7.8  ### WAN ###"), and only the description holds spaces.
		f := strings.Fields(trim)
		want := 5
		if bridge {
			want = 7
		}
		if len(f) < 2 {
			continue
		}
		get := func(i int) string {
			if i < len(f) {
				return f[i]
			}
			return ""
		}
		descr := ""
		if len(f) >= want {
			descr = restFrom(trim, want-1)
		}
		ps := PortStatus{Interface: f[0], Link: get(1), Description: descr}
		if bridge {
			ps.Speed, ps.Duplex, ps.Type, ps.PVID = get(2), get(3), get(4), get(5)
		} else {
			ps.Protocol, ps.MainIP = get(2), get(3)
		}
		res = append(res, ps)
	}
	if !seen && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("hp_comware: display interface brief: no \"Interface Link ...\" header; is this the right command's output?")
	}
	return res, nil
}

// ParseLLDPVerbose reads `display lldp neighbor-information verbose`: one
// block per neighbour, "LLDP neighbor-information of port 1[GigabitEthernet1/0/1]:",
// then "Key : value" lines; a system description continues on lines
// indented past the colon.
func ParseLLDPVerbose(out string) ([]drivers.Neighbor, error) {
	res := []drivers.Neighbor{}
	var cur *drivers.Neighbor
	local, lastKey, seen := "", "", false
	for _, line := range drivers.SplitLines(out) {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "LLDP neighbor-information of port") {
			seen = true
			if i, j := strings.Index(trim, "["), strings.LastIndex(trim, "]"); i >= 0 && j > i {
				local, cur = trim[i+1:j], nil
			}
			continue
		}
		k, v, ok := strings.Cut(trim, ":")
		if !ok || (strings.HasPrefix(line, "      ") && lastKey == "system description") {
			if cur != nil && lastKey == "system description" && trim != "" {
				cur.SysDescr = strings.TrimSpace(cur.SysDescr + " " + trim)
			}
			continue
		}
		k, v = key(k), strings.TrimSpace(v)
		lastKey = k
		if local == "" {
			continue
		}
		if k == "lldp neighbor index" || (cur == nil && k == "chassis id") {
			res = append(res, drivers.Neighbor{LocalPort: local, Capabilities: []string{}})
			cur = &res[len(res)-1]
		}
		if cur == nil {
			continue
		}
		switch k {
		case "chassis id":
			cur.ChassisID = v
		case "port id":
			cur.PortID = v
		case "port description":
			cur.PortDescr = v
		case "system name":
			cur.SysName = v
		case "system description":
			cur.SysDescr = v
		case "system capabilities enabled":
			cur.Capabilities = drivers.CapabilityWords(v)
		case "management address":
			if cur.MgmtAddress == "" {
				cur.MgmtAddress = v
			}
		case "port vlan id(pvid)":
			if n, err := strconv.Atoi(v); err == nil && n > 0 && n <= 4094 {
				cur.PVID = n
			}
		}
	}
	if !seen && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("hp_comware: display lldp neighbor-information verbose: no \"LLDP neighbor-information of port\" block; is this the right command's output?")
	}
	return res, nil
}

// ParseLLDPList reads `display lldp neighbor-information list`, whose
// column order differs between releases: the header names them.
func ParseLLDPList(out string) ([]drivers.Neighbor, error) {
	res := []drivers.Neighbor{}
	var cols []int
	var order []string
	for _, line := range drivers.SplitLines(out) {
		trim := strings.TrimSpace(line)
		if strings.Contains(trim, "Local Interface") && strings.Contains(trim, "Port ID") {
			type col struct {
				name string
				at   int
			}
			var cs []col
			for _, w := range []string{"System Name", "Local Interface", "Chassis ID", "Port ID"} {
				cs = append(cs, col{w, strings.Index(line, w)})
			}
			slices.SortFunc(cs, func(a, b col) int { return a.at - b.at })
			cols, order = nil, nil
			for _, c := range cs {
				cols, order = append(cols, c.at), append(order, c.name)
			}
			continue
		}
		if cols == nil || trim == "" || cols[0] < 0 {
			continue
		}
		n := drivers.Neighbor{Capabilities: []string{}}
		for i, name := range order {
			v := cell(line, cols, i)
			switch name {
			case "System Name":
				n.SysName = v
			case "Local Interface":
				n.LocalPort = v
			case "Chassis ID":
				n.ChassisID = v
			case "Port ID":
				n.PortID = v
			}
		}
		res = append(res, n)
	}
	if cols == nil && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("hp_comware: display lldp neighbor-information list: no \"Local Interface ... Port ID\" header; is this the right command's output?")
	}
	return res, nil
}

// Parse implements drivers.Driver.
func (d Driver) Parse(command, output string) (any, error) {
	switch drivers.NormalizeCommand(command) {
	case cmdVLANAll:
		return ParseVLANAll(output)
	case cmdBrief:
		return ParseInterfaceBrief(output)
	case cmdLLDPVerbose:
		return ParseLLDPVerbose(output)
	case cmdLLDPList:
		return ParseLLDPList(output)
	case cmdCurrent:
		return d.ParseConfig(output)
	case cmdVersion:
		return map[string]bool{"comware": d.IdentifyCLI(output)}, nil
	}
	return nil, fmt.Errorf("%w: hp_comware has no parser for %q; known: %q", drivers.ErrUnsupported, command, d.Commands())
}

// Fill implements drivers.Driver: port status from the brief, VLAN names
// and membership from `display vlan all`, neighbours from the LLDP outputs,
// and the configured state from the current configuration.
func (d Driver) Fill(sw *snapshot.Switch, outputs map[string]string) error {
	get := func(cmds ...string) (string, bool) { return drivers.Output(outputs, cmds...) }
	if sw.Vendor == "" {
		sw.Vendor = "hpe"
	}
	sw.OS = Name
	port := drivers.PortFinder(sw, d.CanonicalPort)
	if out, ok := get(cmdVersion); ok {
		if l := drivers.FirstLine(out); l != "" {
			sw.SysDescr = l
		}
	}
	if out, ok := get(cmdBrief); ok {
		ps, err := ParseInterfaceBrief(out)
		if err != nil {
			return err
		}
		for _, s := range ps {
			if !isSwitchPort(d.CanonicalPort(s.Interface)) {
				continue
			}
			p := port(s.Interface)
			p.AdminUp, p.OperUp = s.Link != "ADM", s.Link == "UP"
			if pvid, err := strconv.Atoi(s.PVID); err == nil {
				p.PVID = pvid
			}
		}
	}
	if out, ok := get(cmdVLANAll); ok {
		vl, err := ParseVLANAll(out)
		if err != nil {
			return err
		}
		for _, v := range vl {
			sw.VLANs = append(sw.VLANs, snapshot.VLAN{ID: v.ID, Name: v.Name})
			for _, n := range v.Untagged {
				p := port(n)
				p.UntaggedVLANs = append(p.UntaggedVLANs, v.ID)
			}
			for _, n := range v.Tagged {
				p := port(n)
				p.TaggedVLANs = append(p.TaggedVLANs, v.ID)
			}
		}
	}
	if err := drivers.FillNeighbors(outputs, port, drivers.NeighborReader{Command: cmdLLDPVerbose, Parse: ParseLLDPVerbose},
		drivers.NeighborReader{Command: cmdLLDPList, Parse: ParseLLDPList}); err != nil {
		return err
	}
	_, err := drivers.FillConfig(sw, outputs, cmdCurrent, d.ParseConfig, port)
	return err
}
