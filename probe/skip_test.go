package probe

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/snapshot"
)

// TestSkipCodes: each check that does not run gets a stable code beside
// its English line, in the same order, so a report can translate it.
func TestSkipCodes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := Run(ctx, Options{
		// No such interface and no name to resolve: neither the host's
		// default route nor its resolvers are used.
		Interface:      "vxnone0",
		LearnVoiceVLAN: true,
		Ports:          []PortSpec{{Port: 443, Opening: "HTTPS"}},
		Open: func(string, ...uint16) (capture.Port, error) {
			return nil, capture.ErrPermission
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	p := res.Probe
	var codes []string
	for _, s := range p.Skips {
		codes = append(codes, s.Code)
		if !slices.Contains(snapshot.ProbeSkipCodes, s.Code) {
			t.Errorf("code %q is not in snapshot.ProbeSkipCodes", s.Code)
		}
	}
	want := []string{snapshot.ProbeSkipPortsNoTarget, snapshot.ProbeSkipDHCPNoRawAccess, snapshot.ProbeSkipLLDPNoRawAccess, snapshot.ProbeSkipDNSNoNames}
	if !slices.Equal(codes, want) {
		t.Errorf("codes %q, want %q", codes, want)
	}
	if len(p.Skipped) != len(p.Skips) {
		t.Fatalf("%d lines for %d codes: %q", len(p.Skipped), len(p.Skips), p.Skipped)
	}
	for i, prefix := range []string{"ports: ", "dhcp: ", "lldp/cdp: ", "dns: "} {
		if len(p.Skipped[i]) < len(prefix) || p.Skipped[i][:len(prefix)] != prefix {
			t.Errorf("line %d %q does not match code %q", i, p.Skipped[i], p.Skips[i].Code)
		}
	}
}
