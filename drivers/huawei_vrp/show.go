package huawei_vrp

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
)

// PortVLAN is one row of `display port vlan`.
type PortVLAN struct {
	Interface string `json:"interface"`
	LinkType  string `json:"linkType"`
	PVID      int    `json:"pvid"`
	// VLANs is the "Trunk VLAN List" as printed ("1", "250-255"); empty
	// for an access port ("-").
	VLANs []string `json:"vlans"`
}

// ParsePortVLAN reads `display port vlan`: Port, Link Type, PVID and a VLAN
// list that continues on lines of its own.
func ParsePortVLAN(out string) ([]PortVLAN, error) {
	res := []PortVLAN{}
	seen := false
	for _, line := range drivers.SplitLines(out) {
		trim := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trim, "Port") && strings.Contains(trim, "Link Type"):
			seen = true
			continue
		case !seen || trim == "" || strings.HasPrefix(trim, "---"):
			continue
		}
		f := strings.Fields(trim)
		if line[0] == ' ' {
			if len(res) == 0 {
				return nil, fmt.Errorf("huawei_vrp: display port vlan: continuation line %q before any port", trim)
			}
			res[len(res)-1].VLANs = append(res[len(res)-1].VLANs, f...)
			continue
		}
		if len(f) < 3 {
			return nil, fmt.Errorf("huawei_vrp: display port vlan: bad row %q", trim)
		}
		pvid, err := strconv.Atoi(f[2])
		if err != nil || pvid < 0 || pvid > 4094 {
			return nil, fmt.Errorf("huawei_vrp: display port vlan: bad PVID in %q", trim)
		}
		pv := PortVLAN{Interface: f[0], LinkType: f[1], PVID: pvid, VLANs: []string{}}
		if len(f) > 3 && f[3] != "-" {
			pv.VLANs = append(pv.VLANs, f[3:]...)
		}
		res = append(res, pv)
	}
	if !seen && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("huawei_vrp: display port vlan: no \"Port Link Type PVID\" header; is this the right command's output?")
	}
	return res, nil
}

// neighborsLine: "GigabitEthernet0/0/1 has 1 neighbor(s):" (releases
// also write "has 1 neighbors:" and "has 0 neighbors").
var neighborsLine = regexp.MustCompile(`^(\S+) has \d+ neighbor(?:s|\(s\))?:?$`)

// ParseLLDPNeighbor reads `display lldp neighbor`: "<port> has N
// neighbor(s):" then "Key :value" lines per neighbour; the system
// description runs on unindented lines until the next key.
func ParseLLDPNeighbor(out string) ([]drivers.Neighbor, error) {
	res := []drivers.Neighbor{}
	var cur *drivers.Neighbor
	local, lastKey, seen := "", "", false
	for _, line := range drivers.SplitLines(out) {
		trim := strings.TrimSpace(line)
		if m := neighborsLine.FindStringSubmatch(trim); m != nil {
			local, cur, seen = m[1], nil, true
			continue
		}
		k, v, ok := strings.Cut(trim, ":")
		if !ok {
			if cur != nil && lastKey == "system description" && trim != "" {
				cur.SysDescr += "\n" + trim
			}
			if trim == "" {
				lastKey = ""
			}
			continue
		}
		k, v = strings.ToLower(strings.Join(strings.Fields(k), " ")), strings.TrimSpace(v)
		if lastKey == "system description" && !strings.HasPrefix(k, "system") && cur != nil && !knownKey(k) {
			// A description line holding a colon ("Technical Support: http://...").
			cur.SysDescr += "\n" + trim
			continue
		}
		lastKey = k
		if local == "" {
			continue
		}
		if k == "neighbor index" || cur == nil {
			res = append(res, drivers.Neighbor{LocalPort: local, Capabilities: []string{}})
			cur = &res[len(res)-1]
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
		case "management address", "management address value":
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
		return nil, fmt.Errorf("huawei_vrp: display lldp neighbor: no \"<port> has N neighbor(s):\" line; is this the right command's output?")
	}
	return res, nil
}

// knownKey: the keys that end a system description (the next field).
func knownKey(k string) bool {
	for _, p := range []string{"system ", "management ", "expired time", "port ", "chassis ", "neighbor index", "auto-negotiation", "opermau", "power", "pse ", "link aggregation", "maximum frame", "vlan name", "protocol identity", "oid"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// PortStatus is one row of `display interface brief`.
type PortStatus struct {
	Interface string `json:"interface"`
	PHY       string `json:"phy"`
	Protocol  string `json:"protocol"`
	InUti     string `json:"inUti"`
	OutUti    string `json:"outUti"`
	InErrors  string `json:"inErrors"`
	OutErrors string `json:"outErrors"`
}

// ParseInterfaceBrief reads `display interface brief`'s table.
func ParseInterfaceBrief(out string) ([]PortStatus, error) {
	res := []PortStatus{}
	seen := false
	for _, line := range drivers.SplitLines(out) {
		f := strings.Fields(line)
		if len(f) > 2 && f[0] == "Interface" && f[1] == "PHY" {
			seen = true
			continue
		}
		if !seen || len(f) != 7 {
			continue
		}
		res = append(res, PortStatus{Interface: f[0], PHY: f[1], Protocol: f[2], InUti: f[3], OutUti: f[4], InErrors: f[5], OutErrors: f[6]})
	}
	if !seen && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("huawei_vrp: display interface brief: no \"Interface PHY Protocol\" header; is this the right command's output?")
	}
	return res, nil
}

// Parse implements drivers.Driver.
func (d Driver) Parse(command, output string) (any, error) {
	switch drivers.NormalizeCommand(command) {
	case cmdPortVLAN:
		return ParsePortVLAN(output)
	case cmdLLDP:
		return ParseLLDPNeighbor(output)
	case cmdBrief:
		return ParseInterfaceBrief(output)
	case cmdCurrent:
		return d.ParseConfig(output)
	case cmdVersion:
		return map[string]bool{"vrp": d.IdentifyCLI(output)}, nil
	}
	return nil, fmt.Errorf("%w: huawei_vrp has no parser for %q; known: %q", drivers.ErrUnsupported, command, d.Commands())
}

// Fill implements drivers.Driver: status from the brief, mode and PVID
// from `display port vlan`, neighbours from the LLDP output and the
// configured state from the current configuration.
func (d Driver) Fill(sw *snapshot.Switch, outputs map[string]string) error {
	get := func(cmds ...string) (string, bool) { return drivers.Output(outputs, cmds...) }
	if sw.Vendor == "" {
		sw.Vendor = "huawei"
	}
	sw.OS = Name
	port := drivers.PortFinder(sw, d.CanonicalPort)
	if out, ok := get(cmdBrief); ok {
		ps, err := ParseInterfaceBrief(out)
		if err != nil {
			return err
		}
		for _, s := range ps {
			name, _, _ := strings.Cut(s.Interface, "(")
			if !isSwitchPort(d.CanonicalPort(name)) {
				continue
			}
			p := port(name)
			p.AdminUp, p.OperUp = s.PHY != "*down", strings.HasPrefix(s.PHY, "up")
		}
	}
	if out, ok := get(cmdPortVLAN); ok {
		pv, err := ParsePortVLAN(out)
		if err != nil {
			return err
		}
		for _, r := range pv {
			p := port(r.Interface)
			p.PVID = r.PVID
			if m := map[string]string{"access": "access", "trunk": "trunk", "hybrid": "hybrid"}[r.LinkType]; m != "" {
				p.Mode = m
			}
		}
	}
	if err := drivers.FillNeighbors(outputs, port, drivers.NeighborReader{Command: cmdLLDP, Parse: ParseLLDPNeighbor}); err != nil {
		return err
	}
	_, err := drivers.FillConfig(sw, outputs, cmdCurrent, d.ParseConfig, port)
	return err
}
