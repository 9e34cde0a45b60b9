package tui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

func ttyIO() *cmdutil.IOStreams {
	return &cmdutil.IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}, InTTY: true, OutTTY: true}
}

func TestNewCmdTUI(t *testing.T) {
	for _, tc := range []struct {
		name     string
		args     []string
		notTTY   bool
		wantCode int // 0: runF reached
		check    func(*TUIOptions) string
	}{
		{name: "targets", args: []string{"10.0.0.1", "10.0.0.2:1161"}, check: func(o *TUIOptions) string {
			if len(o.Targets) != 2 || o.Targets[1] != "10.0.0.2:1161" {
				return "targets not passed"
			}
			return ""
		}},
		{name: "snapshot", args: []string{"--snapshot", "s.json"}, check: func(o *TUIOptions) string {
			if o.SnapshotFile != "s.json" {
				return "snapshot not passed"
			}
			return ""
		}},
		{name: "profile default", args: nil, check: func(o *TUIOptions) string {
			if o.Profile != DefaultProfile {
				return "profile " + o.Profile
			}
			return ""
		}},
		{name: "snapshot and targets", args: []string{"--snapshot", "s.json", "10.0.0.1"}, wantCode: cmdutil.ExitUsage},
		{name: "inventory and snapshot", args: []string{"--inventory", "i.yaml", "--snapshot", "s.json"}, check: func(o *TUIOptions) string {
			if o.Inventory != "i.yaml" || o.SnapshotFile != "s.json" {
				return "a snapshot replayed with its inventory's declarations was not passed"
			}
			return ""
		}},
		{name: "inventory and targets", args: []string{"--inventory", "i.yaml", "10.0.0.1"}, wantCode: cmdutil.ExitUsage},
		{name: "inventory and profile", args: []string{"--inventory", "i.yaml", "--profile", "mitel"}, wantCode: cmdutil.ExitUsage},
		{name: "not a terminal", args: []string{"10.0.0.1"}, notTTY: true, wantCode: cmdutil.ExitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			io := ttyIO()
			if tc.notTTY {
				io.InTTY, io.OutTTY = false, false
			}
			var got *TUIOptions
			cmd := NewCmdTUI(&cmdutil.Factory{IO: io, Getenv: func(string) string { return "" }}, func(o *TUIOptions) error { got = o; return nil })
			cmd.SetArgs(tc.args)
			cmd.SetOut(io.Out)
			cmd.SetErr(io.ErrOut)
			err := cmd.Execute()
			if tc.wantCode != 0 {
				if code := cmdutil.CodeFor(err); err == nil || code != tc.wantCode {
					t.Fatalf("got error %v (code %d), want code %d", err, cmdutil.CodeFor(err), tc.wantCode)
				}
				return
			}
			if err != nil || got == nil {
				t.Fatalf("got error %v, want runF called", err)
			}
			if msg := tc.check(got); msg != "" {
				t.Error(msg)
			}
		})
	}
}

// captureOpen stands in for the terminal: it records the dependencies the
// UI would get.
func captureOpen(got **common.Deps) func(context.Context, *cmdutil.IOStreams, *common.Deps) error {
	return func(_ context.Context, _ *cmdutil.IOStreams, d *common.Deps) error {
		*got = d
		return nil
	}
}

func TestRunWithSnapshot(t *testing.T) {
	var deps *common.Deps
	opts := &TUIOptions{IO: ttyIO(), Getenv: os.Getenv, Open: captureOpen(&deps), Profile: DefaultProfile,
		SnapshotFile: "../../../../tui/testdata/demo-site.json"}
	if err := tuiRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if deps.Snapshot == nil || deps.Site != "demo" || deps.Discover != nil {
		t.Fatalf("got site %q snapshot %v discover %v, want the demo snapshot and no discovery", deps.Site, deps.Snapshot != nil, deps.Discover != nil)
	}
	res, err := deps.Audit(context.Background(), deps.Snapshot)
	if err != nil || res.Profile != "wte" || len(res.Findings) == 0 {
		t.Fatalf("audit: got %v profile %q, want findings against wte", err, res.Profile)
	}
}

func TestRunRejectsBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"schema":"voxlan.snapshot/v0"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, opts := range map[string]*TUIOptions{
		"missing snapshot":  {SnapshotFile: filepath.Join(dir, "none.json"), Profile: DefaultProfile},
		"wrong schema":      {SnapshotFile: bad, Profile: DefaultProfile},
		"unknown profile":   {Targets: []string{"127.0.0.1:1"}, Profile: "nosuch"},
		"missing inventory": {Inventory: filepath.Join(dir, "none.yaml")},
	} {
		t.Run(name, func(t *testing.T) {
			opened := false
			opts.IO, opts.Getenv = ttyIO(), os.Getenv
			opts.Open = func(context.Context, *cmdutil.IOStreams, *common.Deps) error { opened = true; return nil }
			err := tuiRun(context.Background(), opts)
			if cmdutil.CodeFor(err) != cmdutil.ExitUsage {
				t.Fatalf("got %v, want a usage error", err)
			}
			if opened {
				t.Error("the UI opened on bad input")
			}
		})
	}
}

// TestInventoryDiscovers opens a site of an inventory whose switches are the
// demo site's, the community given by reference to an environment variable,
// and reads one switch through the dependencies the UI gets.
func TestInventoryDiscovers(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := site.Start(ctx, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sws := s.Switches()
	inv := "sites:\n  - name: lab\n    users: 20\n    snmp: {community: {env: LAB_COMMUNITY}}\n    switches:\n" +
		"      - host: " + sws[0].Address + "\n      - host: " + sws[1].Address + "\n" +
		"  - name: other\n    switches:\n      - host: 198.18.0.9\n"
	path := filepath.Join(t.TempDir(), "sites.yaml")
	if err := os.WriteFile(path, []byte(inv), 0o600); err != nil {
		t.Fatal(err)
	}
	getenv := func(k string) string {
		if k == "LAB_COMMUNITY" {
			return s.Community()
		}
		return ""
	}
	var deps *common.Deps
	opts := &TUIOptions{IO: ttyIO(), Getenv: getenv, Open: captureOpen(&deps), Inventory: path}
	if err := tuiRun(ctx, opts); cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "--site") {
		t.Fatalf("two sites and no --site: got %v, want a usage error naming --site", err)
	}
	opts.Site = "lab"
	if err := tuiRun(ctx, opts); err != nil {
		t.Fatal(err)
	}
	if deps.Site != "lab" || len(deps.Targets) != 2 {
		t.Fatalf("got site %q targets %v, want lab with 2 switches", deps.Site, deps.Targets)
	}
	var stages []string
	sw := deps.Discover(ctx, deps.Targets[0], func(p common.Progress) { stages = append(stages, p.Stage) })
	if sw.SysName != sws[0].Name {
		t.Fatalf("got sysName %q (errors %v), want %q", sw.SysName, sw.Errors, sws[0].Name)
	}
	if len(stages) == 0 {
		t.Error("no progress reported")
	}
	res, err := deps.Audit(ctx, &snapshot.Snapshot{Site: "lab", Switches: []snapshot.Switch{sw}})
	if err != nil || res.Site != "lab" {
		t.Fatalf("audit: %v, site %q", err, res.Site)
	}

	// Without the variable the secret cannot be resolved: said, not guessed.
	opts.Getenv = func(string) string { return "" }
	if err := tuiRun(ctx, opts); err == nil || !strings.Contains(err.Error(), "LAB_COMMUNITY") {
		t.Fatalf("got %v, want an error naming LAB_COMMUNITY", err)
	}
}
