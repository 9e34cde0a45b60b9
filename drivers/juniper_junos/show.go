package juniper_junos

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
)

// VLANRow is one VLAN of ELS `show vlans`.
type VLANRow struct {
	Instance string `json:"instance"`
	Name     string `json:"name"`
	// Tag is the 802.1Q id, 0 when the VLAN has none ("NA").
	Tag int `json:"tag"`
	// Interfaces are the member units as printed ("ge-0/0/3.0", "ae0.0*":
	// the star marks an active one).
	Interfaces []string `json:"interfaces"`
}

// ParseVLANs reads ELS `show vlans`: "Routing instance  VLAN name  Tag
// Interfaces", one row per VLAN with its member units on the row and on
// the indented lines below it. The trailing "{master:0}" of a switch that
// can join a Virtual Chassis is ignored.
func ParseVLANs(out string) ([]VLANRow, error) {
	res := []VLANRow{}
	seen := false
	for _, line := range drivers.SplitLines(out) {
		f := strings.Fields(line)
		switch {
		case len(f) >= 4 && f[0] == "Routing" && f[1] == "instance" && f[2] == "VLAN":
			seen = true
			continue
		case !seen || len(f) == 0 || strings.HasPrefix(f[0], "{"):
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			if len(res) == 0 {
				return nil, fmt.Errorf("juniper_junos: show vlans: member line %q before any VLAN", strings.TrimSpace(line))
			}
			res[len(res)-1].Interfaces = append(res[len(res)-1].Interfaces, strings.TrimSuffix(f[0], ","))
			continue
		}
		if len(f) < 3 {
			return nil, fmt.Errorf("juniper_junos: show vlans: bad row %q", strings.TrimSpace(line))
		}
		r := VLANRow{Instance: f[0], Name: f[1], Interfaces: []string{}}
		if f[2] != "NA" {
			tag, err := strconv.Atoi(f[2])
			if err != nil || tag < 1 || tag > 4094 {
				return nil, fmt.Errorf("juniper_junos: show vlans: bad tag in %q", strings.TrimSpace(line))
			}
			r.Tag = tag
		}
		for _, i := range f[3:] {
			r.Interfaces = append(r.Interfaces, strings.TrimSuffix(i, ","))
		}
		res = append(res, r)
	}
	if !seen && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("juniper_junos: show vlans: no \"Routing instance VLAN name Tag\" header; is this an ELS switch's output?")
	}
	return res, nil
}

// SwitchingPort is one logical interface of `show ethernet-switching
// interface` with the VLANs it is a member of.
type SwitchingPort struct {
	Interface string `json:"interface"`
	// State is "up" or "down".
	State   string          `json:"state"`
	Members []SwitchingVLAN `json:"members"`
}

// SwitchingVLAN is one VLAN membership of a logical interface.
type SwitchingVLAN struct {
	VLAN string `json:"vlan"`
	// Tag is the VLAN id, 0 when the output gives none.
	Tag int `json:"tag"`
	// Tagging is "tagged", "untagged" or "" when not printed.
	Tagging string `json:"tagging"`
	// Blocking is the pre-ELS blocking column ("unblocked", "blocked by
	// STP") or the ELS STP state ("Forwarding", "Discarding").
	Blocking string `json:"blocking"`
}

// ParseSwitchingInterfaces reads `show ethernet-switching interface` in
// both layouts: pre-ELS ("Interface State VLAN members Tag Tagging
// Blocking", the VLANs after the first on indented lines) and ELS
// ("Logical interface / Vlan members / TAG / MAC limit / ... / STP state /
// Logical interface flags / Tagging", the unit on a line of its own and one
// indented line per VLAN; a DN flag marks the unit down).
func ParseSwitchingInterfaces(out string) ([]SwitchingPort, error) {
	res := []SwitchingPort{}
	layout := ""
	for _, line := range drivers.SplitLines(out) {
		f := strings.Fields(line)
		switch {
		case len(f) >= 4 && f[0] == "Interface" && f[1] == "State" && f[2] == "VLAN":
			layout = "classic"
			continue
		case len(f) >= 3 && f[0] == "Logical" && (f[1] == "Vlan" || f[1] == "VLAN"):
			layout = "els"
			continue
		case layout == "" || len(f) == 0 || strings.HasPrefix(f[0], "{") || (layout == "els" && f[0] == "interface"):
			continue
		}
		indented := line[0] == ' ' || line[0] == '\t'
		if !indented {
			p := SwitchingPort{Interface: f[0], State: "up", Members: []SwitchingVLAN{}}
			if layout == "classic" {
				if len(f) < 3 {
					return nil, fmt.Errorf("juniper_junos: show ethernet-switching interface: bad row %q", strings.TrimSpace(line))
				}
				p.State = f[1]
				p.Members = append(p.Members, classicMember(f[2:]))
			} else {
				for _, w := range f[1:] {
					if w == "DN" {
						p.State = "down"
					}
				}
			}
			res = append(res, p)
			continue
		}
		if len(res) == 0 {
			return nil, fmt.Errorf("juniper_junos: show ethernet-switching interface: VLAN line %q before any interface", strings.TrimSpace(line))
		}
		last := &res[len(res)-1]
		if layout == "classic" {
			last.Members = append(last.Members, classicMember(f))
		} else {
			last.Members = append(last.Members, elsMember(f))
		}
	}
	if layout == "" && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("juniper_junos: show ethernet-switching interface: no \"Interface State VLAN\" or \"Logical Vlan\" header; is this the right command's output?")
	}
	return res, nil
}

// classicMember reads "vlan300 300 untagged blocked by RTG (rtggroup)":
// the VLAN, then an optional tag, an optional tagging word and the rest as
// the blocking state.
func classicMember(f []string) SwitchingVLAN {
	m := SwitchingVLAN{VLAN: f[0]}
	rest := f[1:]
	if len(rest) > 0 {
		if tag, err := strconv.Atoi(rest[0]); err == nil && tag >= 1 && tag <= 4094 {
			m.Tag, rest = tag, rest[1:]
		}
	}
	if len(rest) > 0 && (rest[0] == "tagged" || rest[0] == "untagged") {
		m.Tagging, rest = rest[0], rest[1:]
	}
	m.Blocking = strings.Join(rest, " ")
	return m
}

// elsMember reads "DATA 10 16383 8192 Forwarding untagged": the VLAN, its
// tag, limits, the STP state and the tagging word last.
func elsMember(f []string) SwitchingVLAN {
	m := SwitchingVLAN{VLAN: f[0]}
	for i, w := range f[1:] {
		n, err := strconv.Atoi(w)
		switch {
		case i == 0 && err == nil && n >= 1 && n <= 4094:
			m.Tag = n
		case w == "tagged" || w == "untagged":
			m.Tagging = w
		case err != nil && m.Blocking == "" && len(w) > 2:
			m.Blocking = w
		}
	}
	return m
}

// ParseLLDPNeighbors reads `show lldp neighbors`: "Local Interface
// [Parent Interface] Chassis Id Port info System Name". Port info and the
// system name may hold spaces: they are cut at the header's System Name
// column when the line reaches it.
func ParseLLDPNeighbors(out string) ([]drivers.Neighbor, error) {
	res := []drivers.Neighbor{}
	nameCol, parent := -1, false
	for _, line := range drivers.SplitLines(out) {
		if strings.HasPrefix(line, "Local Interface") && strings.Contains(line, "Chassis Id") {
			nameCol = strings.Index(line, "System Name")
			parent = strings.Contains(line, "Parent Interface")
			continue
		}
		f := strings.Fields(line)
		if nameCol < 0 || len(f) == 0 || strings.HasPrefix(f[0], "{") {
			continue
		}
		need := 3
		if parent {
			need = 4
		}
		if len(f) < need {
			return nil, fmt.Errorf("juniper_junos: show lldp neighbors: bad row %q", strings.TrimSpace(line))
		}
		n := drivers.Neighbor{LocalPort: f[0], ChassisID: f[need-2], Capabilities: []string{}}
		rest := f[need-1:]
		if nameCol > 0 && len(line) > nameCol && line[nameCol-1] == ' ' && line[nameCol] != ' ' {
			// The system name starts in its column: everything before it
			// after the chassis id is the port info.
			n.SysName = strings.TrimSpace(line[nameCol:])
			before := strings.Fields(line[:nameCol])
			n.PortID = strings.Join(before[min(need-1, len(before)):], " ")
		} else {
			n.PortID = rest[0]
			n.SysName = strings.Join(rest[1:], " ")
		}
		res = append(res, n)
	}
	if nameCol < 0 && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("juniper_junos: show lldp neighbors: no \"Local Interface ... Chassis Id\" header; is this the right command's output?")
	}
	return res, nil
}

// ParseLLDPNeighborDetail reads `show lldp neighbors interface P`: "Key
// : value" lines; a "Local Interface" line starts a neighbour, "Enabled"
// under "System capabilities" gives its capabilities ("Bridge Telephone").
func ParseLLDPNeighborDetail(out string) ([]drivers.Neighbor, error) {
	res := []drivers.Neighbor{}
	var cur *drivers.Neighbor
	seen := false
	for _, line := range drivers.SplitLines(out) {
		k, v, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			continue
		}
		k, v = strings.ToLower(strings.Join(strings.Fields(k), " ")), strings.TrimSpace(v)
		switch {
		case k == "lldp neighbor information":
			seen = true
		case k == "local interface":
			seen = true
			res = append(res, drivers.Neighbor{LocalPort: v, Capabilities: []string{}})
			cur = &res[len(res)-1]
		case cur == nil:
		case k == "chassis id":
			cur.ChassisID = v
		case k == "port id":
			cur.PortID = v
		case k == "port description":
			cur.PortDescr = v
		case k == "system name":
			cur.SysName = v
		case k == "system description":
			cur.SysDescr = v
		case k == "enabled":
			cur.Capabilities = drivers.CapabilityWords(strings.Join(strings.Fields(v), ","))
		case k == "address" && cur.MgmtAddress == "":
			cur.MgmtAddress = v
		}
	}
	if !seen && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("juniper_junos: show lldp neighbors interface: no \"LLDP Neighbor Information\" or \"Local Interface :\" line; is this the right command's output?")
	}
	return res, nil
}

// NeighborDetailCommand implements drivers.NeighborDetailer: `show lldp
// neighbors` has no capabilities; the per-port form has them.
func (Driver) NeighborDetailCommand(port string) string { return cmdLLDPDetail + port }

// cmdLLDPDetail is the per-port LLDP command, the port appended.
const cmdLLDPDetail = "show lldp neighbors interface "

// PoERow is one port of `show poe interface`.
type PoERow struct {
	Interface string `json:"interface"`
	// Admin is "Enabled" or "Disabled"; Oper "ON", "OFF", "Searching"...
	Admin string `json:"admin"`
	Oper  string `json:"oper"`
	// MaxPowerW and PowerW are the port's limit and what it delivers now.
	MaxPowerW float64 `json:"maxPowerW"`
	PowerW    float64 `json:"powerW"`
	Priority  string  `json:"priority"`
	// Class is the detected class, -1 when not printed.
	Class int `json:"class"`
}

// ParsePoEInterface reads `show poe interface` ("Interface Admin status
// Oper status Max power Priority Power consumption Class", the header on
// two lines; releases differ in the columns between, so the row is read
// by kind: two words, then watt values, a priority word and the class).
func ParsePoEInterface(out string) ([]PoERow, error) {
	res := []PoERow{}
	seen := false
	for _, line := range drivers.SplitLines(out) {
		f := strings.Fields(line)
		switch {
		case len(f) >= 2 && f[0] == "Interface" && f[1] == "Admin":
			seen = true
			continue
		case !seen || len(f) == 0 || line[0] == ' ' || strings.HasPrefix(f[0], "{"):
			continue
		}
		if len(f) < 3 {
			return nil, fmt.Errorf("juniper_junos: show poe interface: bad row %q", strings.TrimSpace(line))
		}
		r := PoERow{Interface: f[0], Admin: f[1], Oper: f[2], Class: snapshot.ClassUnknown}
		watts := 0
		for _, w := range f[3:] {
			if v, ok := strings.CutSuffix(w, "W"); ok {
				x, err := strconv.ParseFloat(v, 64)
				if err != nil || x < 0 || x > 1000 || math.IsNaN(x) {
					return nil, fmt.Errorf("juniper_junos: show poe interface: bad power %q in %q", w, strings.TrimSpace(line))
				}
				if watts == 0 {
					r.MaxPowerW = x
				} else {
					r.PowerW = x
				}
				watts++
				continue
			}
			switch lw := strings.ToLower(w); lw {
			case "low", "high", "critical":
				r.Priority = lw
			default:
				if c, err := strconv.Atoi(w); err == nil && c >= 0 && c <= 8 {
					r.Class = c
				}
			}
		}
		res = append(res, r)
	}
	if !seen && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("juniper_junos: show poe interface: no \"Interface Admin\" header; is this the right command's output?")
	}
	return res, nil
}

// Version is what `show version` says of the switch.
type Version struct {
	Junos    bool   `json:"junos"`
	Hostname string `json:"hostname,omitempty"`
	Model    string `json:"model,omitempty"`
	Release  string `json:"release,omitempty"`
}

// ParseVersion reads `show version`'s "Hostname:", "Model:" and "Junos:"
// lines.
func ParseVersion(out string) Version {
	v := Version{Junos: Driver{}.IdentifyCLI(out)}
	for _, l := range drivers.SplitLines(out) {
		k, val, ok := strings.Cut(strings.TrimSpace(l), ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch k {
		case "Hostname":
			v.Hostname = val
		case "Model":
			v.Model = val
		case "Junos":
			v.Release = val
		}
	}
	return v
}

// Parse implements drivers.Driver.
func (d Driver) Parse(cmd, output string) (any, error) {
	switch command(cmd) {
	case cmdVLANs:
		return ParseVLANs(output)
	case cmdSwitching:
		return ParseSwitchingInterfaces(output)
	case cmdLLDP:
		return ParseLLDPNeighbors(output)
	case cmdPoE:
		return ParsePoEInterface(output)
	case cmdConfig:
		return d.ParseConfig(output)
	case cmdVersion:
		return ParseVersion(output), nil
	}
	if strings.HasPrefix(command(cmd), cmdLLDPDetail) {
		return ParseLLDPNeighborDetail(output)
	}
	return nil, fmt.Errorf("%w: juniper_junos has no parser for %q; known: %q", drivers.ErrUnsupported, cmd, d.Commands())
}

// physical is a logical unit's port ("ge-0/0/1.0" -> "ge-0/0/1").
func physical(unit string) string {
	name := strings.TrimSuffix(unit, "*")
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[:i]
	}
	return name
}

// Fill implements drivers.Driver: model and release from show version,
// VLANs from show vlans, each port's untagged and tagged VLANs from show
// ethernet-switching interface, neighbours from show lldp neighbors, PoE
// from show poe interface, and the configured state (voice VLAN, LLDP,
// PoE admin) from the configuration.
func (d Driver) Fill(sw *snapshot.Switch, outputs map[string]string) error {
	get := func(c string) (string, bool) {
		cmds := []string{c}
		for a, to := range aliases {
			if to == c {
				cmds = append(cmds, a)
			}
		}
		return drivers.Output(outputs, cmds...)
	}
	if sw.Vendor == "" {
		sw.Vendor = "juniper"
	}
	sw.OS = Name
	port := drivers.PortFinder(sw, func(s string) string { return s })
	if out, ok := get(cmdVersion); ok {
		v := ParseVersion(out)
		sw.Model, sw.Version = v.Model, v.Release
		if sw.SysName == "" {
			sw.SysName = v.Hostname
		}
	}
	if out, ok := get(cmdVLANs); ok {
		vs, err := ParseVLANs(out)
		if err != nil {
			return err
		}
		for _, v := range vs {
			if v.Tag == 0 {
				continue
			}
			sw.VLANs = append(sw.VLANs, snapshot.VLAN{ID: v.Tag, Name: v.Name})
		}
	}
	if out, ok := get(cmdSwitching); ok {
		ps, err := ParseSwitchingInterfaces(out)
		if err != nil {
			return err
		}
		for _, s := range ps {
			name := physical(s.Interface)
			if !isSwitchPort(name) {
				continue
			}
			p := port(name)
			p.OperUp = s.State == "up"
			p.UntaggedVLANs, p.TaggedVLANs = nil, nil
			for _, m := range s.Members {
				switch {
				case m.Tag == 0:
				case m.Tagging == "tagged":
					p.TaggedVLANs = append(p.TaggedVLANs, m.Tag)
				default:
					p.UntaggedVLANs = append(p.UntaggedVLANs, m.Tag)
					p.PVID = m.Tag
				}
			}
		}
	}
	// Per-port details first (they carry capabilities and descriptions);
	// the list adds the neighbours no detail covers.
	detailed := map[string]bool{}
	for c, out := range outputs {
		if !strings.HasPrefix(command(c), cmdLLDPDetail) {
			continue
		}
		ns, err := ParseLLDPNeighborDetail(out)
		if err != nil {
			return err
		}
		for _, n := range ns {
			p := port(n.LocalPort)
			p.Neighbors = append(p.Neighbors, n.Snapshot())
			detailed[n.LocalPort+" "+n.ChassisID] = true
		}
	}
	if out, ok := get(cmdLLDP); ok {
		ns, err := ParseLLDPNeighbors(out)
		if err != nil {
			return err
		}
		for _, n := range ns {
			if detailed[n.LocalPort+" "+n.ChassisID] {
				continue
			}
			p := port(n.LocalPort)
			p.Neighbors = append(p.Neighbors, n.Snapshot())
		}
	}
	if out, ok := get(cmdPoE); ok {
		rows, err := ParsePoEInterface(out)
		if err != nil {
			return err
		}
		for _, r := range rows {
			p := port(r.Interface)
			det := "searching"
			switch {
			case r.Admin != "Enabled":
				det = "disabled"
			case strings.EqualFold(r.Oper, "ON"):
				det = "deliveringPower"
			case strings.EqualFold(r.Oper, "Faulty"):
				det = "fault"
			}
			p.PoE = &snapshot.PortPoE{AdminEnabled: r.Admin == "Enabled", Detection: det, Class: r.Class,
				PowerMw: int(r.PowerW * 1000), MaxPowerMw: int(r.MaxPowerW * 1000), Priority: r.Priority}
			sw.PoE.Supported = true
		}
	}
	if out, ok := get(cmdConfig); ok {
		cfg, err := d.ParseConfig(out)
		if err != nil {
			return err
		}
		drivers.FillFromConfig(sw, cfg, port)
	}
	return nil
}
