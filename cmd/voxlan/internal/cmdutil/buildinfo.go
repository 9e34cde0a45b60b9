package cmdutil

import (
	"fmt"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// Stamp, when set at link time (-ldflags "-X
// github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil.Stamp=v1.2.3"), is the
// version of a release build; otherwise the module version from the build
// info is used.
var Stamp string

// BuildInfo says which voxlan this is: what `voxlan version` prints and the
// report names.
type BuildInfo struct {
	// Version is the module version: a tag (v1.2.0), a pseudo-version
	// (go install …@latest of an untagged commit) or "dev" for a build
	// from a checkout (go run, go build).
	Version string `json:"version"`
	// Revision is the VCS commit, when the build knows it.
	Revision string `json:"revision,omitempty"`
	// Modified says the checkout had uncommitted changes.
	Modified bool `json:"modified,omitempty"`
	// Time is the commit's time (Go records no separate build time, so
	// builds of one commit are alike).
	Time      time.Time `json:"time,omitzero"`
	GoVersion string    `json:"go"`
	Platform  string    `json:"platform"`
}

// pseudoVersion matches vX.Y.Z-[pre.]yyyymmddhhmmss-abcdefabcdef, which
// carries the commit's time and revision when no VCS stamp does (a build
// from the module cache).
var pseudoVersion = regexp.MustCompile(`-(?:[0-9A-Za-z.]+\.)?(\d{14})-([0-9a-f]{12})(?:\+incompatible)?$`)

// ReadBuildInfo reads the running binary's build information.
func ReadBuildInfo() BuildInfo {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return BuildInfo{Version: versionOr(Stamp, "dev"), GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	}
	return buildInfoFrom(bi, Stamp)
}

func buildInfoFrom(bi *debug.BuildInfo, stamp string) BuildInfo {
	b := BuildInfo{GoVersion: bi.GoVersion}
	goos, goarch := runtime.GOOS, runtime.GOARCH
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.time":
			if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
				b.Time = t.UTC()
			}
		case "vcs.modified":
			b.Modified = s.Value == "true"
		case "GOOS":
			goos = s.Value
		case "GOARCH":
			goarch = s.Value
		}
	}
	b.Platform = goos + "/" + goarch
	v := bi.Main.Version
	if v == "(devel)" || v == "" {
		v = "dev"
	}
	b.Version = versionOr(stamp, v)
	if m := pseudoVersion.FindStringSubmatch(bi.Main.Version); m != nil {
		if b.Revision == "" {
			b.Revision = m[2]
		}
		if b.Time.IsZero() {
			if t, err := time.Parse("20060102150405", m[1]); err == nil {
				b.Time = t.UTC()
			}
		}
	}
	return b
}

func versionOr(v, def string) string {
	if v != "" {
		return v
	}
	return def
}

// Short is the one-word version the report and `--version`'s first word
// use: the version, with the revision as build metadata when the version
// alone does not say which commit it is ("dev+8b244a7c1d2e.dirty").
func (b BuildInfo) Short() string {
	s := b.Version
	if s == "dev" && b.Revision != "" {
		s += "+" + shortRev(b.Revision)
	}
	if b.Modified {
		if strings.Contains(s, "+") {
			s += ".dirty"
		} else {
			s += "+dirty"
		}
	}
	return s
}

// Long is what `voxlan version` and `voxlan --version` print.
func (b BuildInfo) Long() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "voxlan version %s\n", b.Version)
	rev := b.Revision
	if rev == "" {
		rev = "unknown (built without VCS information)"
	} else if b.Modified {
		rev += " (with uncommitted changes)"
	}
	fmt.Fprintf(&sb, "revision: %s\n", rev)
	when := "unknown"
	if !b.Time.IsZero() {
		when = b.Time.Format(time.RFC3339)
	}
	fmt.Fprintf(&sb, "built from a commit of: %s\n", when)
	fmt.Fprintf(&sb, "go: %s %s\n", b.GoVersion, b.Platform)
	return sb.String()
}

func shortRev(r string) string {
	if len(r) > 12 {
		return r[:12]
	}
	return r
}
