package cmdutil

import (
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

func TestBuildInfoFromCheckout(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/voxlan/voxlan", Version: "(devel)"},
		Settings: []debug.BuildSetting{
			{Key: "GOOS", Value: "windows"}, {Key: "GOARCH", Value: "arm64"},
			{Key: "vcs.revision", Value: "8b244a7c1d2e3f405162738495a6b7c8d9e0f1a2"},
			{Key: "vcs.time", Value: "2026-12-05T14:02:03Z"}, {Key: "vcs.modified", Value: "true"}}}
	b := buildInfoFrom(bi, "")
	if b.Version != "dev" || b.Platform != "windows/arm64" || !b.Modified {
		t.Fatalf("got %+v", b)
	}
	if got, want := b.Short(), "dev+8b244a7c1d2e.dirty"; got != want {
		t.Errorf("Short = %q, want %q", got, want)
	}
	long := b.Long()
	for _, want := range []string{"voxlan version dev\n", "revision: 8b244a7c1d2e3f405162738495a6b7c8d9e0f1a2 (with uncommitted changes)\n",
		"built from a commit of: 2026-12-05T14:02:03Z\n", "go: go1.26.8 windows/arm64\n"} {
		if !strings.Contains(long, want) {
			t.Errorf("Long lacks %q:\n%s", want, long)
		}
	}
}

// go install …@latest of an untagged commit builds from the module cache:
// no vcs.* settings, but the pseudo-version carries time and revision.
func TestBuildInfoFromPseudoVersion(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261205140203-8b244a7c1d2e"}}
	b := buildInfoFrom(bi, "")
	if b.Revision != "8b244a7c1d2e" || !b.Time.Equal(time.Date(2026, 12, 5, 14, 2, 3, 0, time.UTC)) {
		t.Fatalf("got %+v", b)
	}
	if b.Short() != "v0.0.0-20261205140203-8b244a7c1d2e" {
		t.Errorf("Short = %q", b.Short())
	}
}

func TestBuildInfoStampWins(t *testing.T) {
	bi := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}}}
	if b := buildInfoFrom(bi, "v1.2.0"); b.Short() != "v1.2.0" || b.Revision != "abc" {
		t.Fatalf("got %+v, short %q", b, b.Short())
	}
}

func TestReadBuildInfoInTest(t *testing.T) {
	b := ReadBuildInfo()
	if b.Version == "" || b.GoVersion == "" || !strings.Contains(b.Platform, "/") {
		t.Fatalf("incomplete build info: %+v", b)
	}
}
