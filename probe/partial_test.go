package probe

import (
	"context"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/snapshot"
)

// TestOnResultReportsEachCheck: a run without raw access (DHCP skipped),
// measuring and trying one opening on loopback. Each finished check comes
// through OnResult once, one call at a time, before Run returns, and says
// the same as the final result.
func TestOnResultReportsEachCheck(t *testing.T) {
	port := acceptingPort(t)

	var parts []Partial
	var inFlight, overlapped atomic.Int32
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := Run(ctx, Options{
		// No such interface: the host's default route and resolvers are
		// not used (no route through it, no name to resolve).
		Interface: "vxnone0",
		Targets:   []string{"127.0.0.1"},
		Ports:     []PortSpec{{Port: port, Opening: "lab"}},
		Echo:      EchoConfig{Count: 3, Interval: 5 * time.Millisecond, Timeout: 300 * time.Millisecond},
		Open: func(string, ...uint16) (capture.Port, error) {
			return nil, capture.ErrPermission
		},
		OnResult: func(p Partial) {
			if inFlight.Add(1) > 1 {
				overlapped.Add(1)
			}
			time.Sleep(time.Millisecond) // widen the window a concurrent call would need
			parts = append(parts, p)
			inFlight.Add(-1)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if overlapped.Load() != 0 {
		t.Errorf("OnResult was called concurrently %d times", overlapped.Load())
	}
	var transport []snapshot.TransportTest
	var ports []snapshot.PortTest
	var skipped []string
	for _, p := range parts {
		set := 0
		if p.DHCP != nil || p.DNS != nil {
			t.Errorf("a DHCP or DNS result without raw access or names: %+v", p)
		}
		if p.Transport != nil {
			transport = append(transport, *p.Transport)
			set++
		}
		if p.Ports != nil {
			ports = append(ports, p.Ports...)
			set++
		}
		if p.Skipped != "" {
			skipped = append(skipped, p.Skipped)
			set++
		}
		if set != 1 {
			t.Errorf("partial with %d fields set, want 1: %+v", set, p)
		}
	}
	pr := res.Probe
	if len(transport) != 1 || transport[0].Role != "target" || !reflect.DeepEqual(transport, pr.Transport) {
		t.Errorf("transport partials %+v, final %+v", transport, pr.Transport)
	}
	if len(ports) != 1 || ports[0].State != snapshot.PortOpen || !reflect.DeepEqual(ports, pr.Ports) {
		t.Errorf("ports partials %+v, final %+v", ports, pr.Ports)
	}
	if len(skipped) < 2 || !reflect.DeepEqual(skipped, pr.Skipped) {
		t.Errorf("skipped partials %q, final %q (want the DHCP and DNS reasons)", skipped, pr.Skipped)
	}
}
