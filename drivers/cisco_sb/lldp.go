package cisco_sb

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
)

// LLDPNeighbor is one neighbour of `show lldp neighbors` (the table) or
// `show lldp neighbors PORT` (the detail; more fields filled).
type LLDPNeighbor struct {
	LocalInterface string `json:"localInterface"`
	ChassisID      string `json:"chassisId"`
	PortID         string `json:"portId"`
	SysName        string `json:"sysName"`
	// Capabilities are SB's letters: B, R, W, T, D, H, r, TP, S, C, O.
	Capabilities []string `json:"capabilities"`
	TTL          int      `json:"ttl"`
	PortDescr    string   `json:"portDescr,omitempty"`
	SysDescr     string   `json:"sysDescr,omitempty"`
	MgmtAddress  string   `json:"mgmtAddress,omitempty"`
	PVID         int      `json:"pvid,omitempty"`
	// DeviceType is the LLDP-MED device type ("Network Connectivity",
	// "Endpoint Class III").
	DeviceType string `json:"deviceType,omitempty"`
}

// ParseLLDPNeighbors reads the `show lldp neighbors` table. Cells too long
// for their column wrap onto continuation lines with an empty Port column
// and are joined back.
func ParseLLDPNeighbors(out string) ([]LLDPNeighbor, error) {
	var res []LLDPNeighbor
	var t table
	capCell := ""
	flush := func() {
		if len(res) > 0 {
			res[len(res)-1].Capabilities = capLetters(capCell)
		}
		capCell = ""
	}
	for _, line := range drivers.SplitLines(out) {
		if t.cols == nil {
			if strings.Contains(line, "Port") && strings.Contains(line, "Device ID") {
				t.header = line
			} else if t.header != "" && strings.HasPrefix(line, "----") {
				t.setRule(line)
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if port := t.cell(line, "Port"); port != "" {
			flush()
			res = append(res, LLDPNeighbor{LocalInterface: port, Capabilities: []string{}})
			ttl := t.cell(line, "TTL")
			if ttl != "" {
				n, err := strconv.Atoi(ttl)
				if err != nil || n < 0 {
					return nil, fmt.Errorf("cisco_sb: show lldp neighbors: bad TTL in %q", line)
				}
				res[len(res)-1].TTL = n
			}
		} else if len(res) == 0 {
			return nil, fmt.Errorf("cisco_sb: show lldp neighbors: continuation line before any neighbour: %q", line)
		}
		n := &res[len(res)-1]
		n.ChassisID += t.cell(line, "Device ID")
		n.PortID += t.cell(line, "Port ID")
		n.SysName += t.cell(line, "System Name")
		capCell += t.cell(line, "Capabilities")
	}
	flush()
	if t.cols == nil && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("cisco_sb: show lldp neighbors: no \"Port  Device ID\" header; is this the right command's output?")
	}
	return res, nil
}

func capLetters(cell string) []string {
	out := []string{}
	for _, c := range strings.Split(cell, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// capabilityWords maps the detail's capability words and the table's
// letters to snapshot words.
var capabilityWords = map[string]string{
	"Bridge": "bridge", "Router": "router", "Wlan-Access-Point": "wlanAccessPoint", "Telephone": "telephone",
	"DOCSIS-Cable-Device": "docsisCableDevice", "Host": "station", "Station-Only": "station", "Repeater": "repeater",
	"Other": "other",
	"B":     "bridge", "R": "router", "W": "wlanAccessPoint", "T": "telephone", "D": "docsisCableDevice",
	"H": "station", "r": "repeater", "O": "other",
}

// capabilityLetter is the table letter of a detail capability word.
var capabilityLetter = map[string]string{"Bridge": "B", "Router": "R", "Wlan-Access-Point": "W", "Telephone": "T",
	"DOCSIS-Cable-Device": "D", "Host": "H", "Repeater": "r", "Other": "O"}

// ParseLLDPDetail reads `show lldp neighbors PORT` (one neighbour). port is
// the local port asked for, since the output does not repeat it.
func ParseLLDPDetail(port, out string) (*LLDPNeighbor, error) {
	n := &LLDPNeighbor{LocalInterface: port, Capabilities: []string{}}
	seen := false
	for _, raw := range drivers.SplitLines(out) {
		line := strings.TrimSpace(raw)
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch key {
		case "Device ID":
			n.ChassisID, seen = val, true
		case "Port ID":
			n.PortID = val
		case "Capabilities":
			for _, w := range strings.Split(val, ",") {
				if l, ok := capabilityLetter[strings.TrimSpace(w)]; ok {
					n.Capabilities = append(n.Capabilities, l)
				}
			}
		case "System Name":
			n.SysName = val
		case "System description":
			n.SysDescr = val
		case "Port description":
			n.PortDescr = val
		case "Management Address":
			if n.MgmtAddress == "" {
				n.MgmtAddress = val
			}
		case "Time To Live":
			n.TTL, _ = strconv.Atoi(val)
		case "802.1 PVID":
			n.PVID, _ = strconv.Atoi(val)
		case "LLDP-MED Device Type":
			n.DeviceType = val
		}
	}
	if !seen {
		if strings.TrimSpace(out) == "" {
			return nil, nil
		}
		return nil, fmt.Errorf("cisco_sb: show lldp neighbors %s: no \"Device ID:\" line; is this the right command's output?", port)
	}
	return n, nil
}

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
	if n.DeviceType != "" {
		class := map[string]string{"Endpoint Class I": "endpointClass1", "Endpoint Class II": "endpointClass2",
			"Endpoint Class III": "endpointClass3", "Network Connectivity": "networkConnectivity"}[n.DeviceType]
		if class == "" {
			class = "notDefined"
		}
		sn.MED = &snapshot.MED{DeviceClass: class, Policies: []snapshot.Policy{}}
	}
	return sn
}
