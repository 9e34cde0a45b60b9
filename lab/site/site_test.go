package site_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/snmp"
)

// TestDiscoverSite runs the real discovery against the site: every switch
// answers under its name, with its ports.
func TestDiscoverSite(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := site.Start(ctx, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	snap := snmp.Discover(ctx, "demo", s.Targets(), snmp.Options{Timeout: 2 * time.Second, Retries: 1})
	if len(snap.Errors) != 0 {
		t.Fatalf("discovery errors: %+v", snap.Errors)
	}
	if len(snap.Switches) != len(site.Devices) {
		t.Fatalf("got %d switches, want %d", len(snap.Switches), len(site.Devices))
	}
	for i, sw := range snap.Switches {
		if sw.SysName != site.Devices[i].Name {
			t.Errorf("switch %d sysName = %q, want %q", i, sw.SysName, site.Devices[i].Name)
		}
		if len(sw.Ports) < 10 {
			t.Errorf("%s: %d ports, want the recording's (at least 10)", sw.SysName, len(sw.Ports))
		}
	}
}

func TestCopiesShareRecordings(t *testing.T) {
	s, err := site.Start(context.Background(), site.Options{Copies: 3, Community: "c"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sws := s.Switches()
	if len(sws) != 3*len(site.Devices) || sws[len(sws)-1].Name != site.Devices[len(site.Devices)-1].Name+"-3" {
		t.Fatalf("got %d switches, last %+v", len(sws), sws[len(sws)-1])
	}
	seen := map[string]bool{}
	for _, sw := range sws {
		if seen[sw.Address] || !strings.HasPrefix(sw.Address, "127.0.0.1:") {
			t.Errorf("address %s reused or not loopback", sw.Address)
		}
		seen[sw.Address] = true
	}
	a, _ := site.Recording(site.Devices[0].Recording)
	b, _ := site.Recording(site.Devices[0].Recording)
	if a != b {
		t.Error("a recording was parsed twice")
	}
	if tg := s.Targets(); tg[0].Credentials == nil || tg[0].Credentials.Community != "c" {
		t.Errorf("targets carry %+v, want community c", tg[0].Credentials)
	}
}

// TestEmbeddedRecordingsAreExact checks the embedded copies against the
// sha256 listed in recordings/README.md (the shared originals').
func TestEmbeddedRecordingsAreExact(t *testing.T) {
	readme, err := os.ReadFile("recordings/README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range site.Devices {
		data, err := site.RawRecording(d.Recording)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if !strings.Contains(string(readme), "`"+d.Recording+".snmprec.gz` | `"+hex.EncodeToString(sum[:])+"`") {
			t.Errorf("%s: sha256 %x not the one in recordings/README.md", d.Recording, sum)
		}
	}
}
