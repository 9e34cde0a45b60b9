package ale_aos

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
)

// plusColumns returns [start, end) of each column of a table's rule line
// ("-----+-----+------"); end is the start of the next column, the last
// runs to the end of the line.
func plusColumns(rule string) [][2]int {
	var cols [][2]int
	start := 0
	for i := 0; i <= len(rule); i++ {
		if i == len(rule) || rule[i] == '+' {
			cols = append(cols, [2]int{start, i})
			start = i + 1
		}
	}
	for k := 0; k+1 < len(cols); k++ {
		cols[k][1] = cols[k+1][0]
	}
	if n := len(cols); n > 0 {
		cols[n-1][1] = -1
	}
	return cols
}

// cell is column c of line, trimmed ("" when the line is shorter).
func cell(line string, c [2]int) string {
	if c[0] >= len(line) {
		return ""
	}
	end := c[1]
	if end < 0 || end > len(line) {
		end = len(line)
	}
	return strings.TrimSpace(line[c[0]:end])
}

// isRule: a table's rule line, dashes cut by +.
func isRule(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "---") && strings.Contains(t, "+") && strings.Trim(t, "-+") == ""
}

// VLAN is one row of `show vlan`.
type VLAN struct {
	ID    int    `json:"id"`
	Type  string `json:"type"`
	Admin string `json:"admin"`
	Oper  string `json:"oper"`
	Name  string `json:"name"`
}

// ParseVLAN reads `show vlan`: AOS 6's "vlan type admin oper 1x1 flat auth
// ip tag lrn name" and AOS 8's "vlan type admin oper ip mtu name" tables,
// cut at the rule line's + marks; the name is the last column.
func ParseVLAN(out string) ([]VLAN, error) {
	res := []VLAN{}
	var cols [][2]int
	for _, line := range drivers.SplitLines(out) {
		if isRule(line) {
			cols = plusColumns(line)
			continue
		}
		if len(cols) < 5 || strings.TrimSpace(line) == "" {
			continue
		}
		id, err := strconv.Atoi(cell(line, cols[0]))
		if err != nil || id < 1 || id > 4094 {
			return nil, fmt.Errorf("ale_aos: show vlan: bad row %q", strings.TrimSpace(line))
		}
		res = append(res, VLAN{ID: id, Type: cell(line, cols[1]), Admin: cell(line, cols[2]), Oper: cell(line, cols[3]),
			Name: cell(line, cols[len(cols)-1])})
	}
	if cols == nil && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("ale_aos: show vlan: no \"-----+-----\" rule line; is this the right command's output?")
	}
	return res, nil
}

// Membership is one row of `show vlan port` (AOS 6) or `show vlan members`
// (AOS 8): Type is default/untagged, qtagged/tagged, mobile, dynamic...
type Membership struct {
	VLAN   int    `json:"vlan"`
	Port   string `json:"port"`
	Type   string `json:"type"`
	Status string `json:"status"`
}

// ParseVLANPort reads the "vlan port type status" table.
func ParseVLANPort(out string) ([]Membership, error) {
	res := []Membership{}
	err := tableRows(out, "show vlan port", func(f []string) bool {
		if len(f) < 3 {
			return true // a wrapped or empty line
		}
		id, err := strconv.Atoi(f[0])
		if err != nil || id < 1 || id > 4094 || portNumbers(f[1]) == nil {
			return false
		}
		m := Membership{VLAN: id, Port: f[1], Type: f[2]}
		if len(f) > 3 {
			m.Status = strings.Join(f[3:], " ")
		}
		res = append(res, m)
		return true
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// tableRows calls row with the fields of each non-blank line after a
// table's rule line; row returns false for a line that is no row, which
// ends with an error naming command, as does output with no rule line.
func tableRows(out, command string, row func(f []string) bool) error {
	seen := false
	for _, line := range drivers.SplitLines(out) {
		if isRule(line) {
			seen = true
			continue
		}
		if f := strings.Fields(line); seen && len(f) > 0 && !row(f) {
			return fmt.Errorf("ale_aos: %s: bad row %q", command, strings.TrimSpace(line))
		}
	}
	if !seen && strings.TrimSpace(out) != "" {
		return fmt.Errorf("ale_aos: %s: no \"-----+-----\" rule line; is this the right command's output?", command)
	}
	return nil
}

// PortStatus is one row of `show interfaces status`: the port, its admin
// status (en/dis), auto-negotiation and the detected speed and duplex ("-"
// when the link is down).
type PortStatus struct {
	Port           string `json:"port"`
	Admin          string `json:"admin"`
	AutoNego       string `json:"autoNego"`
	DetectedSpeed  string `json:"detectedSpeed"`
	DetectedDuplex string `json:"detectedDuplex"`
}

// ParseInterfacesStatus reads `show interfaces status`: after the rule
// line, rows start with the port, admin status, auto-negotiation, detected
// speed and duplex (every empty value is printed "-").
func ParseInterfacesStatus(out string) ([]PortStatus, error) {
	res := []PortStatus{}
	err := tableRows(out, "show interfaces status", func(f []string) bool {
		if len(f) < 5 || portNumbers(f[0]) == nil {
			return false
		}
		res = append(res, PortStatus{Port: f[0], Admin: f[1], AutoNego: f[2], DetectedSpeed: f[3], DetectedDuplex: f[4]})
		return true
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// remoteHeader: "Remote LLDP Agents on Local Slot/Port 1/1:" (AOS 6),
// "Remote LLDP nearest-bridge Agents on Local Port 1/1/1:" (AOS 8).
var remoteHeader = regexp.MustCompile(`^Remote LLDP (?:[\w-]+ )?Agents on Local (?:Slot/Port|Port) (\S+):$`)

// chassisHeader: "Chassis aa:aa:aa:aa:aa:aa, Port 1025:".
var chassisHeader = regexp.MustCompile(`^Chassis (.*), Port (.*):$`)

// ParseLLDPRemote reads `show lldp remote-system`: per local port, one
// "Chassis C, Port P:" block per neighbour with "Key = value," lines; a
// system description may run on over lines of its own.
func ParseLLDPRemote(out string) ([]drivers.Neighbor, error) {
	res := []drivers.Neighbor{}
	var cur *drivers.Neighbor
	local, lastKey, seen := "", "", false
	for _, line := range drivers.SplitLines(out) {
		trim := strings.TrimSpace(line)
		if m := remoteHeader.FindStringSubmatch(trim); m != nil {
			local, cur, lastKey, seen = m[1], nil, "", true
			continue
		}
		if m := chassisHeader.FindStringSubmatch(trim); m != nil && local != "" {
			res = append(res, drivers.Neighbor{LocalPort: local, ChassisID: m[1], PortID: m[2], Capabilities: []string{}})
			cur, lastKey = &res[len(res)-1], ""
			continue
		}
		if cur == nil || trim == "" {
			continue
		}
		k, v, ok := strings.Cut(trim, " = ")
		if !ok {
			if lastKey == "system description" {
				cur.SysDescr += "\n" + strings.TrimSuffix(trim, ",")
			}
			continue
		}
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.TrimSuffix(strings.TrimSpace(v), ",")
		if v == "(null)" {
			v = ""
		}
		lastKey = k
		switch k {
		case "port description":
			cur.PortDescr = v
		case "system name":
			cur.SysName = v
		case "system description":
			cur.SysDescr = v
		case "capabilities enabled":
			cur.Capabilities = drivers.CapabilityWords(v)
		case "management ip address":
			cur.MgmtAddress = v
		case "remote port default vlan":
			if n, err := strconv.Atoi(v); err == nil && n > 0 && n <= 4094 {
				cur.PVID = n
			}
		}
	}
	if !seen && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("ale_aos: show lldp remote-system: no \"Remote LLDP ... Agents on Local Port\" line; is this the right command's output?")
	}
	return res, nil
}

// System is what `show system` says of the switch.
type System struct {
	Description string `json:"description"`
	ObjectID    string `json:"objectId"`
	Name        string `json:"name"`
	Model       string `json:"model,omitempty"`
	Version     string `json:"version,omitempty"`
	Release     int    `json:"release,omitempty"`
}

// systemDescr: the model and release in a description.
var systemDescr = regexp.MustCompile(`(OS\S+|OmniSwitch \S+) ((\d+)(?:\.\d+){2,3}\.R\d+)`)

// ParseSystem reads `show system`'s "Key: value," lines.
func ParseSystem(out string) (System, error) {
	var s System
	for _, line := range drivers.SplitLines(out) {
		k, v, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			continue
		}
		v = strings.TrimSuffix(strings.TrimSpace(v), ",")
		switch strings.TrimSpace(k) {
		case "Description":
			s.Description = v
		case "Object ID":
			s.ObjectID = v
		case "Name":
			s.Name = v
		}
	}
	if s.Description == "" {
		return s, fmt.Errorf("ale_aos: show system: no \"Description:\" line; is this the right command's output?")
	}
	if m := systemDescr.FindStringSubmatch(s.Description); m != nil {
		s.Model, s.Version = strings.TrimSuffix(m[1], ","), m[2]
		s.Release, _ = strconv.Atoi(m[3])
	}
	return s, nil
}

// releaseWord: an AOS release as `show microcode` prints it.
var releaseWord = regexp.MustCompile(`^(\d+)(?:\.\d+){2,3}\.R\d+$`)

// microcodeRelease is the release of the AOS images `show microcode`
// lists ("Uos.img 8.7.354.R01 ...", "Jbase.img 6.7.2.191.R04 ...").
func microcodeRelease(out string) (string, bool) {
	for _, line := range drivers.SplitLines(out) {
		f := strings.Fields(line)
		if len(f) >= 2 && strings.HasSuffix(f[0], ".img") && releaseWord.MatchString(f[1]) {
			return f[1], true
		}
	}
	return "", false
}

// Parse implements drivers.Driver.
func (d Driver) Parse(command, output string) (any, error) {
	switch drivers.NormalizeCommand(command) {
	case cmdVLAN:
		return ParseVLAN(output)
	case cmdVLANPort, cmdVLANMembers:
		return ParseVLANPort(output)
	case cmdStatus:
		return ParseInterfacesStatus(output)
	case cmdLLDP:
		return ParseLLDPRemote(output)
	case cmdSnapshot:
		return d.ParseConfig(output)
	case cmdSystem:
		return ParseSystem(output)
	case cmdMicrocode:
		rel, ok := microcodeRelease(output)
		return map[string]any{"omniswitch": ok, "release": rel}, nil
	}
	return nil, fmt.Errorf("%w: ale_aos has no parser for %q; known: %q", drivers.ErrUnsupported, command, d.Commands())
}

// Fill implements drivers.Driver: identity from `show system`, status from
// `show interfaces status`, VLANs from `show vlan`, membership from `show
// vlan port` / `show vlan members`, neighbours from the LLDP output and the
// configured state from the snapshot.
func (d Driver) Fill(sw *snapshot.Switch, outputs map[string]string) error {
	get := func(cmds ...string) (string, bool) { return drivers.Output(outputs, cmds...) }
	if sw.Vendor == "" {
		sw.Vendor = "alcatel"
	}
	sw.OS = Name
	port := drivers.PortFinder(sw, d.CanonicalPort)
	if out, ok := get(cmdSystem); ok {
		s, err := ParseSystem(out)
		if err != nil {
			return err
		}
		if sw.SysName == "" {
			sw.SysName = s.Name
		}
		if sw.SysDescr == "" {
			sw.SysDescr = s.Description
		}
		if sw.SysObjectID == "" {
			sw.SysObjectID = s.ObjectID
		}
		if s.Model != "" {
			sw.Model, sw.Version = s.Model, s.Version
		}
	}
	if out, ok := get(cmdStatus); ok {
		st, err := ParseInterfacesStatus(out)
		if err != nil {
			return err
		}
		for _, s := range st {
			p := port(s.Port)
			p.AdminUp, p.OperUp = s.Admin == "en", s.DetectedSpeed != "-" && s.DetectedSpeed != ""
		}
	}
	if out, ok := get(cmdVLAN); ok {
		vs, err := ParseVLAN(out)
		if err != nil {
			return err
		}
		for _, v := range vs {
			sw.VLANs = append(sw.VLANs, snapshot.VLAN{ID: v.ID, Name: v.Name})
		}
	}
	if out, ok := get(cmdVLANPort, cmdVLANMembers); ok {
		ms, err := ParseVLANPort(out)
		if err != nil {
			return err
		}
		for _, m := range ms {
			p := port(m.Port)
			switch m.Type {
			case "default", "untagged":
				p.PVID, p.UntaggedVLANs = m.VLAN, append(p.UntaggedVLANs, m.VLAN)
			case "qtagged", "tagged":
				p.TaggedVLANs = append(p.TaggedVLANs, m.VLAN)
			}
		}
	}
	if err := drivers.FillNeighbors(outputs, port, drivers.NeighborReader{Command: cmdLLDP, Parse: ParseLLDPRemote}); err != nil {
		return err
	}
	_, err := drivers.FillConfig(sw, outputs, cmdSnapshot, d.ParseConfig, port)
	return err
}
