package dell_os10

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
)

// VLANEntry is one VLAN of `show vlan`.
type VLANEntry struct {
	ID          int    `json:"id"`
	Status      string `json:"status"`
	Description string `json:"description"`
	// Access and Tagged are the member ports ("ethernet1/1/2",
	// "port-channel128"), untagged (Q "A") and tagged (Q "T").
	Access []string `json:"access"`
	Tagged []string `json:"tagged"`
}

// ParseVLANs reads `show vlan`: a header "NUM Status Description Q Ports"
// whose words give the columns (descriptions may be empty or hold
// spaces), a code column before NUM ("*" the default VLAN), and
// continuation lines holding another Q and port list of the row above.
func ParseVLANs(out string) ([]VLANEntry, error) {
	res := []VLANEntry{}
	var cols []int
	for _, line := range drivers.SplitLines(out) {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "NUM") && strings.Contains(trim, "Status") && strings.Contains(trim, "Ports") {
			cols = nil
			for _, w := range []string{"NUM", "Status", "Description", "Q ", "Ports"} {
				cols = append(cols, strings.Index(line, w))
			}
			if cols[1] < cols[0] || cols[2] < cols[1] || cols[3] < cols[2] || cols[4] < cols[3] {
				return nil, fmt.Errorf("dell_os10: show vlan: header %q out of order", trim)
			}
			continue
		}
		if cols == nil || trim == "" {
			continue
		}
		cell := func(i int) string { return drivers.Cell(line, cols, i) }
		q := cell(3)
		ports, err := expandPorts(cell(4))
		if err != nil {
			return nil, fmt.Errorf("dell_os10: show vlan: %q: %w", trim, err)
		}
		if strings.TrimSpace(line[:min(len(line), cols[3])]) == "" {
			// A continuation line: more ports of the VLAN above.
			if len(res) == 0 {
				return nil, fmt.Errorf("dell_os10: show vlan: continuation line %q before any VLAN", trim)
			}
			addMembers(&res[len(res)-1], q, ports)
			continue
		}
		id, err := strconv.Atoi(cell(0))
		if err != nil || id < 1 || id > 4094 {
			return nil, fmt.Errorf("dell_os10: show vlan: bad row %q", trim)
		}
		e := VLANEntry{ID: id, Status: cell(1), Description: cell(2), Access: []string{}, Tagged: []string{}}
		addMembers(&e, q, ports)
		res = append(res, e)
	}
	if cols == nil && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("dell_os10: show vlan: no \"NUM Status Description Q Ports\" header; is this the right command's output?")
	}
	return res, nil
}

func addMembers(e *VLANEntry, q string, ports []string) {
	if q == "T" {
		e.Tagged = append(e.Tagged, ports...)
	} else {
		e.Access = append(e.Access, ports...)
	}
}

// expandPorts reads a `show vlan` port list: "Eth1/1/2,1/1/9-1/1/12"
// (ranges of the last number), "Po128", "Eth1/1/1:1".
func expandPorts(s string) ([]string, error) {
	var out []string
	kind := ""
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		switch {
		case strings.HasPrefix(part, "Eth"):
			kind, part = "ethernet", strings.TrimPrefix(part, "Eth")
		case strings.HasPrefix(part, "Po"):
			kind, part = "port-channel", strings.TrimPrefix(part, "Po")
		case strings.HasPrefix(part, "Vx"), strings.HasPrefix(part, "Vl"):
			kind, part = "", ""
		}
		if kind == "" || part == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(part, "-")
		if !isRange {
			out = append(out, kind+lo)
			continue
		}
		i, j := strings.LastIndexByte(lo, '/'), strings.LastIndexByte(hi, '/')
		a, err1 := strconv.Atoi(lo[i+1:])
		b, err2 := strconv.Atoi(hi[j+1:])
		if err1 != nil || err2 != nil || b < a || b-a > 1024 || lo[:i+1] != hi[:j+1] {
			return nil, fmt.Errorf("bad port range %q", part)
		}
		for n := a; n <= b; n++ {
			out = append(out, kind+lo[:i+1]+strconv.Itoa(n))
		}
	}
	return out, nil
}

// StatusEntry is one row of `show interface status`.
type StatusEntry struct {
	Port        string `json:"port"`
	Description string `json:"description"`
	Status      string `json:"status"`
	Speed       string `json:"speed"`
	Duplex      string `json:"duplex"`
	// Mode is "A" (access), "T" (trunk) or "" (routed, port-channel
	// member); VLAN the untagged VLAN; Tagged the tagged ones.
	Mode   string `json:"mode"`
	VLAN   int    `json:"vlan,omitempty"`
	Tagged []int  `json:"tagged"`
}

// ParseInterfaceStatus reads `show interface status`: a header "Port
// Description Status Speed Duplex Mode Vlan Tagged-Vlans" between dashed
// rules, whose words give the columns; ports are written "Eth 1/1/1".
func ParseInterfaceStatus(out string) ([]StatusEntry, error) {
	res := []StatusEntry{}
	var cols []int
	for _, line := range drivers.SplitLines(out) {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "Port") && strings.Contains(trim, "Tagged-Vlans") {
			cols = nil
			for _, w := range []string{"Port", "Description", "Status", "Speed", "Duplex", "Mode", "Vlan", "Tagged-Vlans"} {
				cols = append(cols, strings.Index(line, w))
			}
			for i := 1; i < len(cols); i++ {
				if cols[i] <= cols[i-1] {
					return nil, fmt.Errorf("dell_os10: show interface status: header %q out of order", trim)
				}
			}
			continue
		}
		if cols == nil || trim == "" || strings.HasPrefix(trim, "---") {
			continue
		}
		cell := func(i int) string { return drivers.Cell(line, cols, i) }
		e := StatusEntry{Port: Driver{}.CanonicalPort(cell(0)), Description: cell(1), Status: cell(2), Speed: cell(3),
			Duplex: cell(4), Mode: cell(5), Tagged: []int{}}
		if e.Port == "" {
			return nil, fmt.Errorf("dell_os10: show interface status: row %q has no port", trim)
		}
		if e.Mode == "-" {
			e.Mode = ""
		}
		if v := cell(6); v != "" && v != "-" {
			id, err := vlanID(v)
			if err != nil {
				return nil, fmt.Errorf("dell_os10: show interface status: %q: %w", trim, err)
			}
			e.VLAN = id
		}
		if t := cell(7); t != "" && t != "-" {
			ids, err := drivers.ParseVLANList(t)
			if err != nil {
				return nil, fmt.Errorf("dell_os10: show interface status: %q: %w", trim, err)
			}
			e.Tagged = ids
		}
		res = append(res, e)
	}
	if cols == nil && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("dell_os10: show interface status: no \"Port Description Status ... Tagged-Vlans\" header; is this the right command's output?")
	}
	return res, nil
}

// speedMbps reads "10G", "100G", "1000M", "0", "--".
func speedMbps(s string) int {
	mult := 1
	switch {
	case strings.HasSuffix(s, "G"):
		mult, s = 1000, strings.TrimSuffix(s, "G")
	case strings.HasSuffix(s, "M"):
		s = strings.TrimSuffix(s, "M")
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 1_000_000 {
		return 0
	}
	return n * mult
}

// ParseLLDPNeighbors reads `show lldp neighbors`: a header "Loc PortID Rem
// Host Name Rem Port Id Rem Chassis Id" whose words give the columns. A
// host name may hold spaces ("Not Advertised") or be cut ("...") and a
// port id may hold spaces, so the chassis id is the row's last word and
// the port id what lies between its column and that word.
func ParseLLDPNeighbors(out string) ([]drivers.Neighbor, error) {
	res := []drivers.Neighbor{}
	var host, port int
	seen := false
	for _, line := range drivers.SplitLines(out) {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "Loc PortID") && strings.Contains(trim, "Rem Chassis Id") {
			host, port = strings.Index(line, "Rem Host Name"), strings.Index(line, "Rem Port Id")
			if host < 0 || port <= host {
				return nil, fmt.Errorf("dell_os10: show lldp neighbors: header %q out of order", trim)
			}
			seen = true
			continue
		}
		if !seen || trim == "" || strings.HasPrefix(trim, "---") || len(line) <= port {
			continue
		}
		f := strings.Fields(line)
		chassis := f[len(f)-1]
		end := strings.LastIndex(line, chassis)
		if end < port {
			continue // no chassis id column: a cut row
		}
		n := drivers.Neighbor{LocalPort: Driver{}.CanonicalPort(strings.TrimSpace(line[:host])),
			SysName: strings.TrimSpace(line[host:port]), PortID: strings.TrimSpace(line[port:end]), ChassisID: chassis,
			Capabilities: []string{}}
		if n.SysName == "Not Advertised" {
			n.SysName = ""
		}
		res = append(res, n)
	}
	if !seen && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("dell_os10: show lldp neighbors: no \"Loc PortID ... Rem Chassis Id\" header; is this the right command's output?")
	}
	return res, nil
}

// ParseLLDPDetail reads `show lldp neighbors detail`: "Key: value" lines,
// one neighbour per block, blocks separated by dashed rules; "Local Port
// ID" names the switch's port.
func ParseLLDPDetail(out string) ([]drivers.Neighbor, error) {
	res := []drivers.Neighbor{}
	var cur drivers.Neighbor
	flush := func() {
		if cur.LocalPort != "" {
			if cur.Capabilities == nil {
				cur.Capabilities = []string{}
			}
			res = append(res, cur)
		}
		cur = drivers.Neighbor{}
	}
	seen := false
	for _, raw := range drivers.SplitLines(out) {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "----") {
			flush()
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch strings.TrimSpace(key) {
		case "Remote Chassis ID":
			seen = true
			if cur.LocalPort != "" && cur.ChassisID != "" {
				flush() // a block without its closing rule
			}
			cur.ChassisID = val
		case "Remote Port ID":
			cur.PortID = val
		case "Remote Port Description":
			cur.PortDescr = val
		case "Local Port ID":
			cur.LocalPort = Driver{}.CanonicalPort(val)
		case "Remote System Name":
			if val != "Not Advertised" {
				cur.SysName = val
			}
		case "Remote System Desc":
			if val != "Not Advertised" {
				cur.SysDescr = val
			}
		case "Remote Management Address (IPv4)":
			cur.MgmtAddress = val
		case "Enabled System Capabilities":
			cur.Capabilities = drivers.CapabilityWords(val)
		case "Remote Port Vlan ID":
			if n, err := strconv.Atoi(val); err == nil && n > 0 && n <= 4094 {
				cur.PVID = n
			}
		}
	}
	flush()
	if !seen && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("dell_os10: show lldp neighbors detail: no \"Remote Chassis ID:\" record; is this the right command's output?")
	}
	return res, nil
}

// Version is what `show version` says.
type Version struct {
	Banner  string `json:"banner"`
	Version string `json:"version"`
	Model   string `json:"model"`
}

// ParseVersion reads `show version`: the banner line ("Dell EMC
// Networking OS10 Enterprise"), "OS Version: 10.5.4.2", "System Type:
// S4148T-ON".
func ParseVersion(out string) Version {
	v := Version{Banner: drivers.FirstLine(out)}
	for _, l := range drivers.SplitLines(out) {
		k, val, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "OS Version":
			v.Version = strings.TrimSpace(val)
		case "System Type":
			v.Model = strings.TrimSpace(val)
		}
	}
	return v
}

// Parse implements drivers.Driver.
func (d Driver) Parse(command, output string) (any, error) {
	switch drivers.NormalizeCommand(command) {
	case cmdVLAN:
		return ParseVLANs(output)
	case cmdStatus:
		return ParseInterfaceStatus(output)
	case cmdLLDP:
		return ParseLLDPNeighbors(output)
	case cmdLLDPDetail:
		return ParseLLDPDetail(output)
	case cmdRunning:
		return d.ParseConfig(output)
	case cmdVersion:
		return ParseVersion(output), nil
	}
	return nil, fmt.Errorf("%w: dell_os10 has no parser for %q; known: %q", drivers.ErrUnsupported, command, d.Commands())
}

// Fill implements drivers.Driver: identity from `show version`, VLANs
// from `show vlan`, operational state from `show interface status`,
// neighbours from the LLDP tables (the detail when there is one), and
// ports' membership, voice VLAN and LLDP settings from the running
// configuration.
func (d Driver) Fill(sw *snapshot.Switch, outputs map[string]string) error {
	if sw.Vendor == "" {
		sw.Vendor = "dell"
	}
	sw.OS = Name
	port := drivers.PortFinder(sw, d.CanonicalPort)
	if out, ok := drivers.Output(outputs, cmdVersion); ok {
		v := ParseVersion(out)
		sw.Version, sw.Model = v.Version, v.Model
		if v.Banner != "" && sw.SysDescr == "" {
			sw.SysDescr = v.Banner
		}
	}
	if out, ok := drivers.Output(outputs, cmdVLAN); ok {
		vl, err := ParseVLANs(out)
		if err != nil {
			return err
		}
		for _, v := range vl {
			sw.VLANs = append(sw.VLANs, snapshot.VLAN{ID: v.ID, Name: v.Description})
		}
	}
	if out, ok := drivers.Output(outputs, cmdStatus); ok {
		st, err := ParseInterfaceStatus(out)
		if err != nil {
			return err
		}
		for _, e := range st {
			p := port(e.Port)
			p.OperUp = e.Status == "up"
			p.SpeedMbps = speedMbps(e.Speed)
			if e.Description != "" && p.Alias == "" {
				p.Alias = e.Description
			}
		}
	}
	if err := drivers.FillNeighbors(outputs, port, drivers.NeighborReader{Command: cmdLLDPDetail, Parse: ParseLLDPDetail},
		drivers.NeighborReader{Command: cmdLLDP, Parse: ParseLLDPNeighbors}); err != nil {
		return err
	}
	cfg, err := drivers.FillConfig(sw, outputs, cmdRunning, d.ParseConfig, port)
	if cfg != nil {
		for _, name := range cfg.PortOrder {
			port(name).AdminUp = !cfg.Ports[name].Shutdown
		}
	}
	return err
}
