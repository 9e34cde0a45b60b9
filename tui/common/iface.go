package common

import (
	"context"
	"errors"
)

// ErrNoJack: no wired interface has carrier. The InterfacesFunc error that
// matches it says what was seen and what to do.
var ErrNoJack = errors.New("no wired interface with carrier")

// WiredInterface is a wired Ethernet interface of the laptop with a link:
// a jack it may be plugged into.
type WiredInterface struct {
	Name string
	MAC  string
	// SpeedMbps is the negotiated speed, 0 when the kernel does not say.
	SpeedMbps int
}

// InterfacesFunc lists the laptop's wired interfaces with a link.
type InterfacesFunc func(ctx context.Context) ([]WiredInterface, error)

// JackOnFunc returns the listening and the probing on one interface.
type JackOnFunc func(iface string) (HereFunc, ProbeFunc, error)
