package cisco_ios

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
)

// CDPNeighbor is one record of `show cdp neighbors detail`.
type CDPNeighbor struct {
	DeviceID       string `json:"deviceId"`
	LocalInterface string `json:"localInterface"`
	PortID         string `json:"portId"`
	Platform       string `json:"platform"`
	// Capabilities as printed: "Router Switch IGMP", "Host Phone".
	Capabilities []string `json:"capabilities"`
	MgmtAddress  string   `json:"mgmtAddress"`
	Version      string   `json:"version"`
	NativeVLAN   int      `json:"nativeVlan"`
}

// ParseCDPDetail reads `show cdp neighbors detail`.
func ParseCDPDetail(out string) ([]CDPNeighbor, error) {
	var res []CDPNeighbor
	var cur *CDPNeighbor
	inVersion, inEntry := false, false
	for _, raw := range drivers.SplitLines(out) {
		line := strings.TrimSpace(raw)
		switch {
		case strings.HasPrefix(line, "-----"):
			cur, inVersion, inEntry = nil, false, false
			continue
		case strings.HasPrefix(line, "Device ID:"):
			res = append(res, CDPNeighbor{DeviceID: strings.TrimSpace(strings.TrimPrefix(line, "Device ID:")), Capabilities: []string{}})
			cur, inVersion, inEntry = &res[len(res)-1], false, false
			continue
		}
		if cur == nil {
			continue
		}
		if inVersion {
			if line != "" && cur.Version == "" {
				cur.Version = line
			}
			if line == "" || cur.Version != "" {
				inVersion = false
			}
			continue
		}
		switch {
		case strings.HasPrefix(line, "Entry address(es):"):
			inEntry = true
		case strings.HasPrefix(line, "IP address:") || strings.HasPrefix(line, "IPv4 address:"):
			if inEntry && cur.MgmtAddress == "" {
				cur.MgmtAddress = strings.TrimSpace(line[strings.Index(line, ":")+1:])
			}
		case strings.HasPrefix(line, "Platform:"):
			inEntry = false
			plat, caps, _ := strings.Cut(strings.TrimPrefix(line, "Platform:"), "Capabilities:")
			cur.Platform = strings.TrimSuffix(strings.TrimSpace(plat), ",")
			cur.Platform = strings.TrimSpace(cur.Platform)
			cur.Capabilities = append(cur.Capabilities, strings.Fields(caps)...)
		case strings.HasPrefix(line, "Interface:"):
			local, port, _ := strings.Cut(strings.TrimPrefix(line, "Interface:"), "Port ID (outgoing port):")
			cur.LocalInterface = strings.TrimSuffix(strings.TrimSpace(local), ",")
			cur.PortID = strings.TrimSpace(port)
		case strings.HasPrefix(line, "Version :") || line == "Version:":
			inVersion = true
		case strings.HasPrefix(line, "Native VLAN:"):
			cur.NativeVLAN, _ = strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "Native VLAN:")))
		case strings.HasPrefix(line, "Management address(es):"):
			inEntry = false
		}
	}
	if len(res) == 0 && strings.TrimSpace(out) != "" && !strings.Contains(out, "CDP is not enabled") && !strings.Contains(out, "Total cdp entries displayed : 0") {
		return nil, fmt.Errorf("cisco_ios: show cdp neighbors detail: no \"Device ID:\" record; is this the right command's output?")
	}
	return res, nil
}

var cdpCapabilityWords = map[string]string{"Router": "router", "Switch": "bridge", "Trans-Bridge": "bridge",
	"Source-Route-Bridge": "sourceRouteBridge", "Host": "host", "IGMP": "igmp", "Repeater": "repeater", "Phone": "telephone"}

// Snapshot converts the record to a snapshot neighbour.
func (n CDPNeighbor) Snapshot() snapshot.Neighbor {
	sn := snapshot.Neighbor{Protocol: snapshot.ProtocolCDP, ChassisID: n.DeviceID, PortID: n.PortID, SysName: n.DeviceID,
		SysDescr: n.Version, Platform: n.Platform, MgmtAddress: n.MgmtAddress, NativeVLAN: n.NativeVLAN, Capabilities: []string{}}
	for _, c := range n.Capabilities {
		if w, ok := cdpCapabilityWords[c]; ok {
			sn.Capabilities = append(sn.Capabilities, w)
		}
	}
	return sn
}
