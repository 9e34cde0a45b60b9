package probe

import (
	"context"
	"net"
	"runtime"
	"slices"
	"strings"
	"sync"
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
	for _, i := range []int{1, 2} {
		if p.Skips[i].Args["os"] != runtime.GOOS {
			t.Errorf("%s: args %v, want the OS the probe ran on for the report to word the remedy", p.Skips[i].Code, p.Skips[i].Args)
		}
	}
	for i, prefix := range []string{"ports: ", "dhcp: ", "lldp/cdp: ", "dns: "} {
		if len(p.Skipped[i]) < len(prefix) || p.Skipped[i][:len(prefix)] != prefix {
			t.Errorf("line %d %q does not match code %q", i, p.Skipped[i], p.Skips[i].Code)
		}
	}
}

// silentPort sends into the void and hears nothing: a jack with no DHCP
// server. It keeps the frames sent.
type silentPort struct {
	mu   sync.Mutex
	sent [][]byte
}

func (p *silentPort) ReadFrame(ctx context.Context) (capture.Frame, error) {
	<-ctx.Done()
	return capture.Frame{}, ctx.Err()
}
func (p *silentPort) WriteFrame(b []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sent = append(p.sent, append([]byte(nil), b...))
	return nil
}
func (p *silentPort) HardwareAddr() net.HardwareAddr { return net.HardwareAddr{2, 0, 0x5e, 0, 0, 2} }
func (p *silentPort) Close() error                   { return nil }

// TestTagsHiddenSkipsVoiceDHCP: where the OS hides 802.1Q tags from
// capture, the voice VLAN's tagged OFFERs could never be heard, so its
// DHCP is not probed (nor judged absent, D2) and the skip says why; the
// data VLAN is probed untagged as everywhere.
func TestTagsHiddenSkipsVoiceDHCP(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	port := &silentPort{}
	res, err := Run(ctx, Options{
		Interface: "vxnone0", VoiceVLAN: 20, DHCPWait: 100 * time.Millisecond, DHCPMaxWait: 200 * time.Millisecond,
		TagsHidden: "Windows network drivers remove 802.1Q tags before Npcap sees a frame",
		Open:       func(string, ...uint16) (capture.Port, error) { return port, nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	p := res.Probe
	if len(p.DHCP) != 1 || p.DHCP[0].Role != snapshot.RoleData {
		t.Errorf("DHCP probed %+v, want the data VLAN only", p.DHCP)
	}
	i := slices.IndexFunc(p.Skips, func(s snapshot.ProbeSkip) bool { return s.Code == snapshot.ProbeSkipVoiceTagsHidden })
	if i < 0 || p.Skips[i].Args["vlan"] != "20" || !strings.Contains(p.Skipped[i], "VLAN 20 not probed: Windows network drivers remove 802.1Q tags") {
		t.Fatalf("skips %+v %q", p.Skips, p.Skipped)
	}
	for _, f := range p.Findings {
		if f.Requirement == "D2" {
			t.Errorf("the voice VLAN was judged though not probed: %+v", f)
		}
	}
	port.mu.Lock()
	defer port.mu.Unlock()
	if len(port.sent) == 0 {
		t.Fatal("no DISCOVER sent in the data VLAN")
	}
	for _, f := range port.sent {
		if capture.EtherType(f) != 0x0800 || f[12] == 0x81 {
			t.Errorf("sent a tagged or non-IPv4 frame: % x", f[:16])
		}
	}
}
