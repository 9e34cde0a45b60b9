package drivertest

import (
	"testing"

	"github.com/voxlan/voxlan/drivers"
)

// FuzzConfig is the body of a driver's running-configuration fuzz target:
// any text either fails cleanly or gives a configuration that renders
// nothing against itself and whose phone-port plan renders without a
// panic.
func FuzzConfig(t *testing.T, d drivers.Driver, text string) {
	cfg, err := d.ParseConfig(text)
	if err != nil {
		return
	}
	all := drivers.Scope{Ports: cfg.PortOrder, VLANs: cfg.SortedVLANs(), Global: true}
	if lines, err := d.Render(cfg, cfg.Clone(), all); err != nil || len(lines) != 0 {
		t.Fatalf("self render %q %v", lines, err)
	}
	if len(cfg.PortOrder) == 0 {
		return
	}
	want, scope, err := d.Want(cfg, VoiceChanges(cfg.PortOrder[0]))
	if err != nil {
		return
	}
	_, _ = d.Render(cfg, want, scope)
	_ = d.Sections(want, scope)
}
