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
}
