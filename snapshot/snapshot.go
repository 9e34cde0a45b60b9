// Package snapshot holds what voxlan saw on a site: switches, their ports,
// VLANs, PoE and neighbours, and what was heard at the technician's jack.
//
// The snapshot is the one contract between collection (snmp, lldp, probe,
// drivers' CLI collectors) and judgement (audit, report, tui). It serialises
// to a versioned JSON document described field by field in docs/snapshot.md.
// Field names are a public contract: add fields freely, rename none.
//
// This package imports the standard library only.
package snapshot

import (
	"slices"
	"time"
)

// Schema is the value of the "schema" field this version writes and reads.
const Schema = "voxlan.snapshot/v1"

// Snapshot is everything seen on one site at one time.
type Snapshot struct {
	Schema   string    `json:"schema"`
	TakenAt  time.Time `json:"takenAt"`
	Site     string    `json:"site"`
	Switches []Switch  `json:"switches"`
	// Here is what was seen and measured at the technician's own jack
	// (LLDP/CDP heard or provoked on the laptop's port). Absent when voxlan
	// did not listen on a port.
	Here *Here `json:"here,omitempty"`
	// Probe holds the field checks run from the jack (DHCP per VLAN, DNS,
	// transport quality, firewall openings). Absent when no probe ran.
	Probe  *Probe  `json:"probe,omitempty"`
	Errors []Error `json:"errors"`
}

// Error records one thing that could not be read. What was read before the
// failure stays in the snapshot; the failure is described here.
type Error struct {
	// Target is the switch as asked (host[:port]) or the interface/probe the
	// error belongs to.
	Target string `json:"target"`
	// Stage names the step that failed: "connect", "system", "interfaces",
	// "vlans", "lldp", "poe"... so a reader knows which part is missing.
	Stage string `json:"stage"`
	// Message says what happened and what to do next. It never holds a secret.
	Message string `json:"message"`
}

func (e Error) Error() string {
	if e.Target == "" {
		return e.Stage + ": " + e.Message
	}
	return e.Target + ": " + e.Stage + ": " + e.Message
}

// Source values for Switch.Source.
const (
	SourceSNMP = "snmp"
	SourceCLI  = "cli"
)

// Switch is one managed switch (or stack) as seen through one target address.
type Switch struct {
	// Target is the address as the user gave it: host or host:port.
	Target string `json:"target"`
	// Source is how the switch was read: "snmp" or "cli" (saved show outputs).
	Source      string `json:"source,omitempty"`
	SysName     string `json:"sysName"`
	SysDescr    string `json:"sysDescr"`
	SysObjectID string `json:"sysObjectID"`
	SysLocation string `json:"sysLocation,omitempty"`
	SysContact  string `json:"sysContact,omitempty"`
	// UptimeSeconds is sysUpTime converted from hundredths of a second.
	UptimeSeconds int64 `json:"uptimeSeconds,omitempty"`
	// Vendor is a short stable key: "cisco", "hpe", "aruba", "juniper", "dell",
	// "huawei", "zyxel", "tplink", "mikrotik", "ubiquiti", "cambium"...
	Vendor string `json:"vendor"`
	// OS is the driver key of the operating system: "cisco_ios", "cisco_sb",
	// "aruba_aoss", "aruba_aoscx", "hp_comware", "juniper_junos", "dell_os9"...
	OS      string `json:"os"`
	Model   string `json:"model"`
	Version string `json:"version"`
	Serial  string `json:"serial,omitempty"`
	// ChassisID is the switch's own LLDP chassis id (lldpLocChassisId),
	// formatted as a MAC address when it is one.
	ChassisID string `json:"chassisId"`
	VLANs     []VLAN `json:"vlans"`
	PoE       PoE    `json:"poe"`
	Ports     []Port `json:"ports"`
	// Errors are the parts of this switch that could not be read.
	Errors []Error `json:"errors"`
	// Notes say how discovery read something a switch answers against the
	// MIB ("dot1qPvid indexed by ifIndex, read as such"): the data is
	// there, but a reader should know where it came from.
	Notes []string `json:"notes,omitempty"`
}

// VLAN is one VLAN known to the switch.
type VLAN struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
	// Voice is set when the switch itself marks the VLAN as its voice VLAN
	// (Aruba AOS-S "voice" flag, Cisco SB voice VLAN, Comware voice-vlan).
	Voice bool `json:"voice,omitempty"`
}

// PoE is the switch's power sourcing equipment summary.
type PoE struct {
	// Supported is true when the switch reports any PSE (POWER-ETHERNET-MIB
	// main or port table, or a vendor PoE table).
	Supported bool  `json:"supported"`
	PSEs      []PSE `json:"pses"`
	// PortsNotRead is true when the switch supplies PoE but no per-port
	// PSE table could be read (the agent or a trimmed recording gives only
	// the budget). Every port's PoE is then nil for "not read", never for
	// "no PSE on this port".
	PortsNotRead bool `json:"portsNotRead,omitempty"`
}

// PSE is one power source (one per stack member or PoE module).
type PSE struct {
	Index int `json:"index"`
	// PowerW is the nominal budget in watts (pethMainPsePower).
	PowerW float64 `json:"powerW"`
	// ConsumptionW is the power drawn now in watts (pethMainPseConsumptionPower).
	ConsumptionW float64 `json:"consumptionW"`
	// AllocatedW is the power the PSE has reserved for its ports in watts
	// (HP hpicfPseUsedPower), 0 when the switch does not say; it can be
	// more than what is drawn, and a new device is refused past it.
	AllocatedW float64 `json:"allocatedW,omitempty"`
	// Status is "on", "off" or "faulty" (pethMainPseOperStatus); empty
	// when not read.
	Status string `json:"status"`
}

// UsedW is what the PSE's headroom is counted from: what is drawn, or what
// it has allocated when that is more (a new device is refused past it).
func (p PSE) UsedW() float64 { return max(p.ConsumptionW, p.AllocatedW) }

// Duplex values.
const (
	DuplexFull    = "full"
	DuplexHalf    = "half"
	DuplexUnknown = "unknown"
)

// Port is one interface of the switch.
type Port struct {
	IfIndex int    `json:"ifIndex"`
	Name    string `json:"name"`
	Descr   string `json:"descr"`
	Alias   string `json:"alias"`
	// Type is the IANAifType name: "ethernetCsmacd", "ieee8023adLag",
	// "propVirtual", "l2vlan", "softwareLoopback", or "type-N" when unknown.
	Type    string `json:"type"`
	MAC     string `json:"mac,omitempty"`
	AdminUp bool   `json:"adminUp"`
	OperUp  bool   `json:"operUp"`
	// NotPresent: the switch says the interface's hardware is missing
	// (ifOperStatus notPresent, RFC 2863): a stack member or module that
	// is not there, an aggregate never set up. Such a port is listed by
	// the switch but is no port of the site.
	NotPresent bool `json:"notPresent,omitempty"`
	// SpeedMbps is the negotiated speed (ifHighSpeed, else ifSpeed/1e6).
	SpeedMbps int `json:"speedMbps"`
	// Duplex is "full", "half" or "unknown".
	Duplex string `json:"duplex"`
	// BridgePort is the dot1dBasePort number, 0 when the port is not a
	// bridge port.
	BridgePort int `json:"bridgePort,omitempty"`
	// Mode is "access", "trunk" or "hybrid" where the switch says it
	// (vendor MIB or CLI); empty when unknown.
	Mode string `json:"mode,omitempty"`
	// PVID is the VLAN given to untagged frames (dot1qPvid, or the Cisco
	// access/native VLAN). 0 when unknown.
	PVID          int   `json:"pvid"`
	UntaggedVLANs []int `json:"untaggedVlans,omitempty"`
	TaggedVLANs   []int `json:"taggedVlans,omitempty"`
	// VoiceVLAN is the voice VLAN configured on the port, 0 = none.
	VoiceVLAN int `json:"voiceVlan"`
	// PoE is nil when the port has no PSE, or when the switch's per-port
	// PoE was not read (Switch.PoE.PortsNotRead).
	PoE *PortPoE `json:"poe"`
	// LLDPAdmin is the port's LLDP admin status: "txAndRx", "txOnly",
	// "rxOnly" or "disabled"; empty when unknown.
	LLDPAdmin string `json:"lldpAdmin,omitempty"`
	// MEDPolicies are the LLDP-MED network policies the switch advertises
	// on this port (lldpXMedLocMediaPolicyTable or CLI).
	MEDPolicies []Policy   `json:"medPolicies,omitempty"`
	Counters    *Counters  `json:"counters,omitempty"`
	Neighbors   []Neighbor `json:"neighbors,omitempty"`
	MACs        []MAC      `json:"macs,omitempty"`
}

// PoE class value when the class is not reported.
const ClassUnknown = -1

// Fields of PortPoE that discovery may not have read (PortPoE.Unread).
const (
	PoEAdmin     = "admin"
	PoEDetection = "detection"
)

// PortPoE is the PSE state of one port.
type PortPoE struct {
	// AdminEnabled is meaningless when Unread names "admin".
	AdminEnabled bool `json:"adminEnabled"`
	// Detection is pethPsePortDetectionStatus as a word: "disabled",
	// "searching", "deliveringPower", "fault", "test", "otherFault"; empty
	// when not read.
	Detection string `json:"detection"`
	// Class is the detected power class 0..8, ClassUnknown (-1) when unknown.
	Class int `json:"class"`
	// PowerMw is the power delivered in milliwatts (Cisco
	// cpeExtPsePortPwrConsumption, LLDP allocated power, or CLI).
	PowerMw int `json:"powerMw"`
	// MaxPowerMw is the port's configured or allocated maximum, 0 = unknown.
	MaxPowerMw int `json:"maxPowerMw,omitempty"`
	// Priority is "critical", "high" or "low" (pethPsePortPowerPriority).
	Priority string `json:"priority,omitempty"`
	// Unread names what the switch did not give for this port: "admin",
	// "detection" (a vendor table gives the power drawn but no admin
	// state). What is named is unknown: never off, never "not delivering".
	// (An unknown class is ClassUnknown.)
	Unread []string `json:"unread,omitempty"`
}

// AdminKnown reports whether the port's PoE admin state was read.
func (p *PortPoE) AdminKnown() bool {
	return p != nil && !slices.Contains(p.Unread, PoEAdmin)
}

// DetectionKnown reports whether the port's detection status was read.
func (p *PortPoE) DetectionKnown() bool {
	return p != nil && p.Detection != "" && !slices.Contains(p.Unread, PoEDetection)
}

// Delivering reports whether the port is known to power a device now.
func (p *PortPoE) Delivering() bool {
	return p.DetectionKnown() && p.Detection == "deliveringPower"
}

// Off reports whether the port's PoE is known to be disabled.
func (p *PortPoE) Off() bool {
	return p.AdminKnown() && !p.AdminEnabled
}

// Counters are the error counters that betray bad cabling (EtherLike-MIB).
type Counters struct {
	InErrors        uint64 `json:"inErrors"`
	FCSErrors       uint64 `json:"fcsErrors"`
	AlignmentErrors uint64 `json:"alignmentErrors"`
	LateCollisions  uint64 `json:"lateCollisions"`
}

// Protocol values for Neighbor.Protocol.
const (
	ProtocolLLDP = "lldp"
	ProtocolCDP  = "cdp"
)

// Neighbor is a device heard on a port through LLDP or CDP.
type Neighbor struct {
	Protocol  string `json:"protocol"`
	ChassisID string `json:"chassisId"`
	PortID    string `json:"portId"`
	PortDescr string `json:"portDescr"`
	SysName   string `json:"sysName"`
	SysDescr  string `json:"sysDescr"`
	// Platform is CDP's platform string or, for LLDP, the MED inventory model.
	Platform string `json:"platform"`
	// Capabilities are the enabled capabilities as words: "other",
	// "repeater", "bridge", "wlanAccessPoint", "router", "telephone",
	// "docsisCableDevice", "station", "cVlan", "sVlan", "twoPortMacRelay";
	// CDP adds "host", "igmp", "sourceRouteBridge".
	Capabilities []string `json:"capabilities"`
	MgmtAddress  string   `json:"mgmtAddress"`
	// NativeVLAN is the neighbour's port VLAN (CDP native VLAN or LLDP
	// 802.1 PVID TLV), 0 = not advertised.
	NativeVLAN int `json:"nativeVlan,omitempty"`
	// VoiceVLAN is CDP's VoIP VLAN reply, 0 = none.
	VoiceVLAN int  `json:"voiceVlan,omitempty"`
	MED       *MED `json:"med"`
}

// MED is what a neighbour advertised through LLDP-MED (TIA-1057).
type MED struct {
	// DeviceClass is "notDefined", "endpointClass1", "endpointClass2",
	// "endpointClass3" or "networkConnectivity".
	DeviceClass string   `json:"deviceClass"`
	Policies    []Policy `json:"policies"`
	// Inventory fields, empty when not advertised.
	Manufacturer string `json:"manufacturer,omitempty"`
	Model        string `json:"model,omitempty"`
	SoftwareRev  string `json:"softwareRev,omitempty"`
}

// Policy is one LLDP-MED network policy.
type Policy struct {
	// Application is "voice", "voiceSignaling", "guestVoice",
	// "guestVoiceSignaling", "softphoneVoice", "videoConferencing",
	// "streamingVideo" or "videoSignaling".
	Application string `json:"application"`
	// Unknown is the policy's U flag: the sender does not know the policy.
	Unknown  bool `json:"unknown,omitempty"`
	VLAN     int  `json:"vlan"`
	Tagged   bool `json:"tagged"`
	Priority int  `json:"priority"`
	DSCP     int  `json:"dscp"`
}

// MAC is one forwarding-database entry learnt on a port.
type MAC struct {
	// MAC is lower-case, colon-separated: "00:04:f2:12:34:56".
	MAC  string `json:"mac"`
	VLAN int    `json:"vlan"`
}
