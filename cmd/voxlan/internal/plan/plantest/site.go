package plantest

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/site"
)

// Site is the demo site (lab/site) with its CLI emulators: every switch
// answers SNMP from its recording and SSH from an emulator seeded with the
// same recording, on its own loopback address.
type Site struct {
	*site.Site
	// InventoryFile is the site's sites.yaml (site name "demo"); secrets
	// are references Getenv resolves.
	InventoryFile string
	// KnownHosts trusts every switch's host key.
	KnownHosts string
	Home       string
}

// platformLine is an inventory's ssh.platform line.
var platformLine = regexp.MustCompile(`(?m)^\s+platform: \S+\n`)

// NewSite starts the demo site until the test ends. withPlatform false
// leaves ssh.platform out of the inventory, so the verbs find each OS.
func NewSite(t *testing.T, withPlatform bool) *Site {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	s, err := site.Start(ctx, site.Options{SSH: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	dir := t.TempDir()
	doc := s.Inventory("demo")
	if !withPlatform {
		doc = platformLine.ReplaceAll(doc, nil)
	}
	out := &Site{Site: s, InventoryFile: filepath.Join(dir, "sites.yaml"), KnownHosts: filepath.Join(dir, "known_hosts"), Home: dir}
	if err := os.WriteFile(out.InventoryFile, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out.KnownHosts, s.KnownHosts(), 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

// Getenv resolves the inventory's secret references; HOME is the test's.
func (s *Site) Getenv(k string) string {
	if k == "HOME" {
		return s.Home
	}
	return s.Site.Getenv(k)
}
