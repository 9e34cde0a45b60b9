package snapshot

// Probe holds the field checks run from the technician's jack. The probe
// package fills it.
type Probe struct {
	// Interface is the laptop's interface the probe ran on.
	Interface string `json:"interface"`
}
