package drivers

import (
	"strings"

	"github.com/voxlan/voxlan/snapshot"
)

// Neighbor is one LLDP neighbour as an OS's show command lists it, for the
// drivers whose outputs hold no more than this (AOS-CX, Comware, VRP...).
type Neighbor struct {
	LocalPort    string   `json:"localPort"`
	ChassisID    string   `json:"chassisId"`
	PortID       string   `json:"portId"`
	PortDescr    string   `json:"portDescr"`
	SysName      string   `json:"sysName"`
	SysDescr     string   `json:"sysDescr,omitempty"`
	MgmtAddress  string   `json:"mgmtAddress,omitempty"`
	PVID         int      `json:"pvid,omitempty"`
	Capabilities []string `json:"capabilities"`
}

// capabilityWords maps the capability names OSes print, lower-cased with
// spaces and dashes removed, to the snapshot's words.
var capabilityWords = map[string]string{"bridge": "bridge", "router": "router", "telephone": "telephone",
	"wlan": "wlanAccessPoint", "wlanaccesspoint": "wlanAccessPoint", "accesspoint": "wlanAccessPoint",
	"station": "station", "stationonly": "station", "repeater": "repeater", "other": "other",
	"docsiscabledevice": "docsisCableDevice", "docsis": "docsisCableDevice", "cvlan": "cVlan", "svlan": "sVlan",
	"customerbridge": "cVlan", "servicebridge": "sVlan", "tpmr": "twoPortMacRelay", "twoportmacrelay": "twoPortMacRelay"}

// CapabilityWords reads a capability list ("Bridge, Router", "bridge
// telephone", "B,T" is not one) into snapshot words, dropping unknown ones.
func CapabilityWords(list string) []string {
	out := []string{}
	for _, c := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		k := strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(c))
		if w, ok := capabilityWords[k]; ok {
			out = append(out, w)
		}
	}
	return out
}

// Snapshot converts the record to a snapshot LLDP neighbour.
func (n Neighbor) Snapshot() snapshot.Neighbor {
	caps := n.Capabilities
	if caps == nil {
		caps = []string{}
	}
	return snapshot.Neighbor{Protocol: snapshot.ProtocolLLDP, ChassisID: n.ChassisID, PortID: n.PortID,
		PortDescr: n.PortDescr, SysName: n.SysName, SysDescr: n.SysDescr, MgmtAddress: n.MgmtAddress,
		NativeVLAN: n.PVID, Capabilities: caps}
}
