//go:build linux

package tui

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	// The Here screen's probe opens sockets in goroutines of its own: a
	// lab test re-runs this binary inside the laptop's namespace.
	if spec := os.Getenv(hereChildEnv); spec != "" {
		os.Exit(hereChild(spec))
	}
	os.Exit(m.Run())
}
