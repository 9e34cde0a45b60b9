//go:build linux

package vlantap_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/netns"
	"github.com/voxlan/voxlan/lab/vlantap"
)

// Two namespaces joined by one veth, a VLAN 20 sub-interface on each end:
// ping must cross, and tcpdump on the parent (a real decoder) must see the
// frames tagged with VID 20 and PCP 5.
func TestPingAcrossTaggedLink(t *testing.T) {
	labtest.RequireRoot(t)
	labtest.RequireTools(t, "ip", "ping", "tcpdump")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	a, b := netns.ForTest(t, "vta"), netns.ForTest(t, "vtb")
	pa, pb := netns.UniqueName("pa"), netns.UniqueName("pb")
	if err := netns.Veth(a, pa, b, pb); err != nil {
		t.Fatal(err)
	}
	taps := map[*netns.NS]vlantap.Config{
		a: {Parent: pa, VLAN: 20, Priority: 5, Name: pa + "v", CIDR: "198.18.20.1/24"},
		b: {Parent: pb, VLAN: 20, Priority: 5, Name: pb + "v", CIDR: "198.18.20.2/24"},
	}
	var started []*vlantap.Tap
	for ns, cfg := range taps {
		err := vlantap.InNetns(ns.Name, func() error {
			tp, err := vlantap.Start(ctx, cfg)
			if err == nil {
				started = append(started, tp)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		for _, tp := range started {
			if err := tp.Close(); err != nil {
				t.Errorf("close: %v", err)
			}
		}
	})

	dump := b.Command(ctx, "tcpdump", "-i", pb, "-nn", "-e", "-c", "2", "-l", "vlan 20 and icmp")
	var out strings.Builder
	dump.Stdout = &out
	if err := b.Start(dump); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond) // tcpdump attaches its filter
	if got, err := a.Run(ctx, "ping", "-c", "3", "-i", "0.2", "-W", "2", "198.18.20.2"); err != nil {
		t.Fatalf("ping over the tagged link: %v\n%s", err, got)
	}
	done := make(chan error, 1)
	go func() { done <- dump.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("tcpdump saw fewer than 2 tagged ICMP frames")
	}
	if !strings.Contains(out.String(), "vlan 20, p 5") {
		t.Errorf("tcpdump on the parent did not show VID 20 PCP 5:\n%s", out.String())
	}
	for _, tp := range started {
		to, from := tp.Counts()
		if to == 0 || from == 0 {
			t.Errorf("frames moved: toParent %d fromParent %d, want both > 0", to, from)
		}
	}
}
