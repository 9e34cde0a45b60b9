package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
)

// `voxlan version` and `voxlan --version` print the same build information,
// and the report names the same short version.
func TestVersionVerbAndFlagAgree(t *testing.T) {
	run := func(args ...string) string {
		t.Helper()
		streams, out, errOut := cmdtest.Streams()
		f := &cmdutil.Factory{IO: streams, Now: time.Now, Getenv: func(string) string { return "" }}
		if code := Run(context.Background(), f, args); code != cmdutil.ExitOK {
			t.Fatalf("voxlan %v: exit %d: %s", args, code, errOut)
		}
		return out.String()
	}
	verb, flag := run("version"), run("--version")
	if verb != flag {
		t.Errorf("voxlan version:\n%s\nvoxlan --version:\n%s", verb, flag)
	}
	info := cmdutil.ReadBuildInfo()
	if !strings.HasPrefix(verb, "voxlan version "+info.Version+"\n") || !strings.Contains(verb, "\nrevision: ") || !strings.Contains(verb, "\ngo: "+info.GoVersion) {
		t.Errorf("unexpected version text:\n%s", verb)
	}
	if root := NewCmdRoot(&cmdutil.Factory{IO: &cmdutil.IOStreams{}, Now: time.Now, Getenv: func(string) string { return "" }}); root.Version != info.Short() {
		t.Errorf("root Version %q, want %q (what the report prints)", root.Version, info.Short())
	}
	if js := run("version", "-o", "json"); !strings.Contains(js, `"version": "`+info.Version+`"`) {
		t.Errorf("json: %s", js)
	}
}
