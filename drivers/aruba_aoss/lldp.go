package aruba_aoss

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
)

// LLDPNeighbor is one neighbour of `show lldp info remote-device [detail]`
// (the summary fills the first five fields).
type LLDPNeighbor struct {
	LocalPort    string   `json:"localPort"`
	ChassisType  string   `json:"chassisType,omitempty"`
	ChassisID    string   `json:"chassisId"`
	PortType     string   `json:"portType,omitempty"`
	PortID       string   `json:"portId"`
	PortDescr    string   `json:"portDescr"`
	SysName      string   `json:"sysName"`
	SysDescr     string   `json:"sysDescr,omitempty"`
	PVID         int      `json:"pvid,omitempty"`
	Capabilities []string `json:"capabilities"`
	MgmtAddress  string   `json:"mgmtAddress,omitempty"`
	// EndpointClass is the LLDP-MED class ("Class1".."Class3"), "" when the
	// neighbour sent no MED TLVs.
	EndpointClass string `json:"endpointClass,omitempty"`
	PoEDeviceType string `json:"poeDeviceType,omitempty"`
}

// ParseLLDPDetail reads `show lldp info remote-device detail`: "Key : value"
// records separated by a dashed rule.
func ParseLLDPDetail(out string) ([]LLDPNeighbor, error) {
	res := []LLDPNeighbor{}
	var cur *LLDPNeighbor
	for _, raw := range drivers.SplitLines(out) {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "----") {
			cur = nil
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if key == "Local Port" {
			res = append(res, LLDPNeighbor{LocalPort: val, Capabilities: []string{}})
			cur = &res[len(res)-1]
			continue
		}
		if cur == nil {
			continue
		}
		switch key {
		case "ChassisType":
			cur.ChassisType = val
		case "ChassisId":
			cur.ChassisID = val
		case "PortType":
			cur.PortType = val
		case "PortId":
			cur.PortID = val
		case "SysName":
			cur.SysName = val
		case "System Descr":
			cur.SysDescr = val
		case "PortDescr":
			cur.PortDescr = val
		case "Pvid":
			if n, err := strconv.Atoi(val); err == nil && n >= 0 && n <= 4094 {
				cur.PVID = n
			}
		case "System Capabilities Enabled":
			for _, c := range strings.Split(val, ",") {
				if c = strings.TrimSpace(c); c != "" {
					cur.Capabilities = append(cur.Capabilities, c)
				}
			}
		case "Address":
			if cur.MgmtAddress == "" {
				cur.MgmtAddress = val
			}
		case "EndpointClass":
			cur.EndpointClass = val
		case "Poe Device Type":
			if cur.PoEDeviceType == "" {
				cur.PoEDeviceType = val
			}
		}
	}
	if len(res) == 0 && strings.TrimSpace(out) != "" && !strings.Contains(out, "LLDP Remote Device") {
		return nil, fmt.Errorf("aruba_aoss: show lldp info remote-device detail: no \"Local Port\" record; is this the right command's output?")
	}
	return res, nil
}

// ParseLLDPSummary reads `show lldp info remote-device`: column positions
// come from the dashed rule, because PortId may hold spaces
// ("3c e1 a1 22 18 f0").
func ParseLLDPSummary(out string) ([]LLDPNeighbor, error) {
	res := []LLDPNeighbor{}
	var cols [][2]int
	header := false
	for _, line := range drivers.SplitLines(out) {
		trim := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trim, "LocalPort"):
			header = true
			continue
		case header && cols == nil && strings.HasPrefix(trim, "---"):
			cols = ruleColumns(line)
			continue
		}
		if cols == nil || trim == "" || !strings.Contains(line, "|") {
			continue
		}
		get := func(i int) string {
			if i >= len(cols) || cols[i][0] >= len(line) {
				return ""
			}
			end := cols[i][1]
			if i == len(cols)-1 || end > len(line) {
				end = len(line)
			}
			return strings.TrimSpace(line[cols[i][0]:end])
		}
		local, _, _ := strings.Cut(line, "|")
		// cols: LocalPort, "+", ChassisId, PortId, PortDescr, SysName.
		if len(cols) < 6 {
			return nil, fmt.Errorf("aruba_aoss: show lldp info remote-device: unexpected rule with %d columns", len(cols))
		}
		res = append(res, LLDPNeighbor{LocalPort: strings.TrimSpace(local), ChassisID: get(2), PortID: get(3),
			PortDescr: get(4), SysName: get(5), Capabilities: []string{}})
	}
	if !header && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("aruba_aoss: show lldp info remote-device: no \"LocalPort\" header; is this the right command's output?")
	}
	return res, nil
}

// ruleColumns returns [start, end) of each run of non-space characters of
// a rule line ("---- + ----"); end is the next run's start.
func ruleColumns(rule string) [][2]int {
	var cols [][2]int
	for i := 0; i < len(rule); {
		if rule[i] == ' ' {
			i++
			continue
		}
		j := i
		for j < len(rule) && rule[j] != ' ' {
			j++
		}
		cols = append(cols, [2]int{i, j})
		i = j
	}
	for k := 0; k+1 < len(cols); k++ {
		cols[k][1] = cols[k+1][0]
	}
	return cols
}

var capabilityWords = map[string]string{"bridge": "bridge", "router": "router", "telephone": "telephone",
	"wlan-access-point": "wlanAccessPoint", "station-only": "station", "repeater": "repeater", "other": "other",
	"docsis-cable-device": "docsisCableDevice"}

// Snapshot converts the record to a snapshot neighbour.
func (n LLDPNeighbor) Snapshot() snapshot.Neighbor {
	sn := snapshot.Neighbor{Protocol: snapshot.ProtocolLLDP, ChassisID: n.ChassisID, PortID: n.PortID,
		PortDescr: n.PortDescr, SysName: n.SysName, SysDescr: n.SysDescr, MgmtAddress: n.MgmtAddress,
		NativeVLAN: n.PVID, Capabilities: []string{}}
	for _, c := range n.Capabilities {
		if w, ok := capabilityWords[c]; ok {
			sn.Capabilities = append(sn.Capabilities, w)
		}
	}
	if n.EndpointClass != "" {
		class := map[string]string{"Class1": "endpointClass1", "Class2": "endpointClass2", "Class3": "endpointClass3",
			"Network Connectivity": "networkConnectivity"}[n.EndpointClass]
		if class == "" {
			class = "notDefined"
		}
		sn.MED = &snapshot.MED{DeviceClass: class, Policies: []snapshot.Policy{}}
	}
	return sn
}
