package cisco_ios

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
)

// LLDPNeighbor is one record of `show lldp neighbors detail`.
type LLDPNeighbor struct {
	LocalInterface string `json:"localInterface"`
	ChassisID      string `json:"chassisId"`
	PortID         string `json:"portId"`
	PortDescr      string `json:"portDescr"`
	SysName        string `json:"sysName"`
	SysDescr       string `json:"sysDescr"`
	// Capabilities are the enabled capability letters: B, R, T, W, S, C...
	Capabilities []string          `json:"capabilities"`
	MgmtAddress  string            `json:"mgmtAddress"`
	VLAN         int               `json:"vlan"`
	DeviceType   string            `json:"deviceType,omitempty"`
	Model        string            `json:"model,omitempty"`
	Manufacturer string            `json:"manufacturer,omitempty"`
	Policies     []snapshot.Policy `json:"policies,omitempty"`
}

var policyLine = regexp.MustCompile(`^Network Policy\(([^)]+)\): VLAN (\d+), (tagged|untagged), Layer-2 priority: (\d+), DSCP: (\d+)`)

// ParseLLDPDetail reads `show lldp neighbors detail`.
func ParseLLDPDetail(out string) ([]LLDPNeighbor, error) {
	var res []LLDPNeighbor
	var cur *LLDPNeighbor
	inDescr, inMgmt := false, false
	for _, raw := range drivers.SplitLines(out) {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "----") {
			cur, inDescr, inMgmt = nil, false, false
			continue
		}
		key, val, hasColon := strings.Cut(line, ":")
		val = strings.TrimSpace(val)
		if cur == nil {
			if key != "Local Intf" && key != "Chassis id" {
				continue
			}
			res = append(res, LLDPNeighbor{Capabilities: []string{}})
			cur = &res[len(res)-1]
		}
		if inDescr {
			if line == "" {
				if cur.SysDescr != "" {
					inDescr = false
				}
				continue
			}
			if !strings.HasPrefix(line, "Time remaining") {
				if cur.SysDescr != "" {
					cur.SysDescr += " "
				}
				cur.SysDescr += line
				continue
			}
			inDescr = false
		}
		if inMgmt && key == "IP" && cur.MgmtAddress == "" {
			cur.MgmtAddress = val
			continue
		}
		if m := policyLine.FindStringSubmatch(line); m != nil {
			vlan, _ := strconv.Atoi(m[2])
			prio, _ := strconv.Atoi(m[4])
			dscp, _ := strconv.Atoi(m[5])
			app := map[string]string{"Voice": "voice", "Voice Signal": "voiceSignaling", "Guest Voice": "guestVoice",
				"Guest Voice Signal": "guestVoiceSignaling", "Softphone Voice": "softphoneVoice",
				"Video Conferencing": "videoConferencing", "Streaming Video": "streamingVideo",
				"Video Signal": "videoSignaling"}[m[1]]
			if app == "" {
				app = m[1]
			}
			cur.Policies = append(cur.Policies, snapshot.Policy{Application: app, VLAN: vlan, Tagged: m[3] == "tagged", Priority: prio, DSCP: dscp})
			continue
		}
		if !hasColon {
			if strings.HasPrefix(line, "System Name - not advertised") {
				cur.SysName = ""
			}
			continue
		}
		inMgmt = false
		switch key {
		case "Local Intf":
			cur.LocalInterface = val
		case "Chassis id":
			cur.ChassisID = val
		case "Port id":
			cur.PortID = val
		case "Port Description":
			cur.PortDescr = val
		case "System Name":
			cur.SysName = val
		case "System Description":
			inDescr = true
		case "Enabled Capabilities":
			for _, c := range strings.Split(val, ",") {
				if c = strings.TrimSpace(c); c != "" && c != "not advertised" {
					cur.Capabilities = append(cur.Capabilities, c)
				}
			}
		case "Management Addresses":
			inMgmt = true
		case "Vlan ID":
			if n, err := strconv.Atoi(val); err == nil {
				cur.VLAN = n
			}
		case "Device type":
			cur.DeviceType = val
		case "Model":
			cur.Model = val
		case "Manufacturer":
			cur.Manufacturer = val
		}
	}
	if len(res) == 0 && strings.TrimSpace(out) != "" && !strings.Contains(out, "Total entries displayed: 0") {
		return nil, fmt.Errorf("cisco_ios: show lldp neighbors detail: no neighbour record; is this the right command's output?")
	}
	return res, nil
}

// capabilityWords maps IOS capability letters to snapshot words.
var capabilityWords = map[string]string{"O": "other", "P": "repeater", "B": "bridge", "W": "wlanAccessPoint",
	"R": "router", "T": "telephone", "C": "docsisCableDevice", "S": "station"}

// Snapshot converts the record to a snapshot neighbour.
func (n LLDPNeighbor) Snapshot() snapshot.Neighbor {
	sn := snapshot.Neighbor{Protocol: snapshot.ProtocolLLDP, ChassisID: n.ChassisID, PortID: n.PortID,
		PortDescr: n.PortDescr, SysName: n.SysName, SysDescr: n.SysDescr, MgmtAddress: n.MgmtAddress,
		NativeVLAN: n.VLAN, Capabilities: []string{}, Platform: n.Model}
	for _, c := range n.Capabilities {
		if w, ok := capabilityWords[c]; ok {
			sn.Capabilities = append(sn.Capabilities, w)
		}
	}
	if n.DeviceType != "" || len(n.Policies) > 0 {
		class := map[string]string{"Endpoint Class I": "endpointClass1", "Endpoint Class II": "endpointClass2",
			"Endpoint Class III": "endpointClass3", "Network connectivity": "networkConnectivity"}[n.DeviceType]
		if class == "" {
			class = "notDefined"
		}
		sn.MED = &snapshot.MED{DeviceClass: class, Policies: n.Policies, Manufacturer: n.Manufacturer, Model: n.Model}
		if sn.MED.Policies == nil {
			sn.MED.Policies = []snapshot.Policy{}
		}
	}
	return sn
}
