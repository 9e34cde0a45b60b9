//go:build linux

package netns

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/labtest"
)

func TestCheckAddr(t *testing.T) {
	for addr, ok := range map[string]bool{
		"198.18.10.1/24": true, "198.19.255.254": true, "169.254.1.1/16": true, "fe80::1/64": true,
		"10.0.0.1/8": false, "192.168.1.1": false, "8.8.8.8": false, "198.20.0.1": false, "garbage": false,
	} {
		if err := CheckAddr(addr); (err == nil) != ok {
			t.Errorf("CheckAddr(%q) = %v, want ok=%v", addr, err, ok)
		}
	}
}

func TestUniqueName(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		n := UniqueName("labtest-long-prefix")
		if len(n) > 15 || seen[n] {
			t.Fatalf("got %q (len %d, seen %v), want unique names of at most 15 chars", n, len(n), seen[n])
		}
		seen[n] = true
	}
}

func TestVethPing(t *testing.T) {
	labtest.RequireRoot(t)
	labtest.RequireTools(t, "ip", "ping")
	a, b := ForTest(t, "nsa"), ForTest(t, "nsb")
	if err := Veth(a, "va", b, "vb"); err != nil {
		t.Fatal(err)
	}
	if err := a.AddAddr("va", "198.18.99.1/24"); err != nil {
		t.Fatal(err)
	}
	if err := b.AddAddr("vb", "198.18.99.2/24"); err != nil {
		t.Fatal(err)
	}
	if err := a.AddAddr("va", "10.1.1.1/24"); err == nil {
		t.Fatal("got no error adding 10.1.1.1, want a refusal")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := a.Run(ctx, "ping", "-c", "2", "-i", "0.2", "-W", "2", "198.18.99.2")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "2 received") {
		t.Errorf("got %s, want 2 received", out)
	}
	// A long-running process is stopped by Delete.
	if err := b.Start(b.Command(context.Background(), "sleep", "30")); err != nil {
		t.Fatal(err)
	}
}
