package snapshot

import "time"

// Here is what voxlan saw at the technician's own jack: the neighbours heard
// (or provoked by an LLDP-MED phone frame) on the laptop's port. The lldp
// package fills it.
type Here struct {
	// Interface is the laptop's interface name ("eth0").
	Interface string `json:"interface"`
	// ListenedSeconds is how long voxlan listened.
	ListenedSeconds float64 `json:"listenedSeconds"`
	// Neighbors are the LLDP/CDP neighbours heard, newest frame per chassis
	// and protocol.
	Neighbors []Neighbor `json:"neighbors"`
	// HeardAt is when the last frame was heard.
	HeardAt time.Time `json:"heardAt,omitzero"`
	// Probe says whether voxlan acted as a phone and how fast the voice
	// VLAN came back.
	Probe HereProbe `json:"probe"`
	// Details has one entry per Neighbors entry, same order: timing, tag,
	// speed and PoE.
	Details []HereNeighbor `json:"details,omitempty"`
	// SeveralNeighbors is true when more than one chassis spoke on the
	// jack: a hub or an unmanaged switch sits between the wall and the
	// switch (a phone behind it may not get its voice VLAN or power).
	SeveralNeighbors bool `json:"severalNeighbors,omitempty"`
	// BrokenFrames counts LLDP/CDP frames heard that could not be decoded
	// (skipped).
	BrokenFrames int `json:"brokenFrames,omitempty"`
}

// HereProbe says whether voxlan provoked the answer and how fast it came.
type HereProbe struct {
	// Sent is true when voxlan sent an LLDP-MED endpoint frame and a CDP
	// VoIP VLAN query (acting as a phone).
	Sent bool `json:"sent"`
	// AnswerSeconds is the time from the start until a voice VLAN was known
	// (an LLDP-MED voice policy or a CDP VoIP VLAN reply); 0 = never.
	AnswerSeconds float64 `json:"answerSeconds,omitempty"`
	// AnswerProtocol is "lldp" or "cdp": who told the voice VLAN first.
	AnswerProtocol string `json:"answerProtocol,omitempty"`
}

// HereNeighbor is what one neighbour (protocol + chassis) said, beyond the
// snapshot's Neighbor fields, and when.
type HereNeighbor struct {
	Protocol  string `json:"protocol"`
	ChassisID string `json:"chassisId"`
	PortID    string `json:"portId"`
	// FirstSeconds is when its first frame arrived, since the start.
	FirstSeconds float64 `json:"firstSeconds"`
	Frames       int     `json:"frames"`
	TTL          int     `json:"ttl"`
	// FrameVLAN is the 802.1Q tag its frames arrived with, 0 = untagged.
	FrameVLAN int `json:"frameVlan,omitempty"`
	// PortVLAN is the 802.1 PVID or CDP native VLAN; VoiceVLAN the CDP
	// VoIP VLAN reply.
	PortVLAN  int      `json:"portVlan,omitempty"`
	VoiceVLAN int      `json:"voiceVlan,omitempty"`
	MAU       string   `json:"mau,omitempty"`
	SpeedMbps int      `json:"speedMbps,omitempty"`
	Duplex    string   `json:"duplex,omitempty"`
	PoE       *HerePoE `json:"poe,omitempty"`
}

// HerePoE is the power a neighbour offered at the jack.
type HerePoE struct {
	// Offered: the neighbour is a PSE with MDI power enabled (802.3), a
	// PSE in LLDP-MED extended power, or sent CDP power available.
	Offered bool `json:"offered"`
	// Class is the 802.3af class 0-4, absent when unknown.
	Class      *int    `json:"class,omitempty"`
	PowerType  int     `json:"powerType,omitempty"`
	Priority   string  `json:"priority,omitempty"`
	RequestedW float64 `json:"requestedW,omitempty"`
	AllocatedW float64 `json:"allocatedW,omitempty"`
	// MEDW is the LLDP-MED extended power value.
	MEDW float64 `json:"medW,omitempty"`
	// AvailableW is CDP's power available.
	AvailableW float64 `json:"availableW,omitempty"`
}
