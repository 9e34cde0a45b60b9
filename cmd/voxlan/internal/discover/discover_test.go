package discover

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	"github.com/voxlan/voxlan/lab/snmpsim"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestNewCmdDiscoverFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		wantErr string
		check   func(t *testing.T, o *DiscoverOptions)
	}{
		{name: "defaults", args: []string{"10.0.0.1"}, check: func(t *testing.T, o *DiscoverOptions) {
			if o.SNMPVersion != "2c" || o.Timeout != snmp.DefaultTimeout || o.Retries != snmp.DefaultRetries || o.Output != "" || o.Transport != "udp" {
				t.Errorf("got %+v", o)
			}
		}},
		{name: "v3", args: []string{"--snmp-version", "3", "--user", "audit", "--auth-proto", "SHA", "--priv-proto", "AES", "-o", "json", "h:1161"},
			check: func(t *testing.T, o *DiscoverOptions) {
				if o.User != "audit" || o.AuthProto != "SHA" || o.PrivProto != "AES" || o.Output != "json" || o.Targets[0] != "h:1161" {
					t.Errorf("got %+v", o)
				}
			}},
		{name: "no target", args: nil, wantErr: "no target given"},
		{name: "bad output", args: []string{"-o", "yaml", "h"}, wantErr: `unknown output format "yaml"`},
		{name: "bad version", args: []string{"--snmp-version", "1", "h"}, wantErr: "not supported"},
		{name: "v3 without user", args: []string{"--snmp-version", "3", "h"}, wantErr: "needs --user"},
		{name: "user without v3", args: []string{"--user", "u", "h"}, wantErr: "need --snmp-version 3"},
		{name: "tcp", args: []string{"--snmp-transport", "tcp", "h"}, check: func(t *testing.T, o *DiscoverOptions) {
			if o.Transport != "tcp" {
				t.Errorf("got %+v", o)
			}
		}},
		{name: "bad transport", args: []string{"--snmp-transport", "sctp", "h"}, wantErr: `--snmp-transport "sctp" unknown`},
		{name: "bad concurrency", args: []string{"--concurrency", "0", "h"}, wantErr: "--concurrency"},
		{name: "community on the command line", args: []string{"--community", "S3cretComm", "h"},
			wantErr: "--community takes no value on the command line"},
		{name: "community asked", args: []string{"--community", "-", "h"}, check: func(t *testing.T, o *DiscoverOptions) {
			if o.CommunityFlag != "-" || o.Community != "" {
				t.Errorf("got %+v", o)
			}
		}},
		{name: "community file", args: []string{"--community-file", "/x/comm", "h"}, check: func(t *testing.T, o *DiscoverOptions) {
			if o.CommunityFile != "/x/comm" {
				t.Errorf("got %+v", o)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, _, _ := cmdtest.Streams()
			var got *DiscoverOptions
			cmd := NewCmdDiscover(&cmdutil.Factory{IO: io, Getenv: env(tt.env)}, func(o *DiscoverOptions) error {
				got = o
				return nil
			})
			if cmdtest.WantUsageErr(t, cmdtest.Run(cmd, tt.args...), tt.wantErr) {
				return
			}
			tt.check(t, got)
		})
	}
}

// fakeDiscover stands in for snmp.Discover where only the command's own
// behaviour is under test; the real discovery is tested against snmpsim.
func fakeDiscover(snap *snapshot.Snapshot, gotOpts *snmp.Options) func(context.Context, string, []snmp.Target, snmp.Options) *snapshot.Snapshot {
	return func(_ context.Context, site string, _ []snmp.Target, o snmp.Options) *snapshot.Snapshot {
		*gotOpts = o
		snap.Site = site
		return snap
	}
}

func TestCredentialsFromEnvironment(t *testing.T) {
	io, _, _ := cmdtest.Streams()
	var got snmp.Options
	o := &DiscoverOptions{IO: io, Targets: []string{"h"}, SNMPVersion: "3", User: "audit", AuthProto: "SHA", PrivProto: "AES",
		Timeout: time.Second, Concurrency: 1,
		Getenv:   env(map[string]string{EnvAuthPass: "auth-secret", EnvPrivPass: "priv-secret"}),
		Discover: fakeDiscover(snapshot.New(""), &got)}
	if err := discoverRun(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	c := got.Credentials
	if c.Version != "3" || c.User != "audit" || c.AuthPass != "auth-secret" || c.PrivPass != "priv-secret" {
		t.Fatalf("credentials = %+v", c)
	}

	o.Getenv = env(nil)
	err := discoverRun(context.Background(), o)
	if err == nil || cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), EnvAuthPass) {
		t.Fatalf("without passphrase and terminal: %v, want a usage error naming %s", err, EnvAuthPass)
	}

	o.SNMPVersion, o.User, o.AuthProto, o.PrivProto = "2c", "", "", ""
	o.Getenv = env(map[string]string{EnvCommunity: "from-env"})
	if err := discoverRun(context.Background(), o); err != nil || got.Credentials.Community != "from-env" {
		t.Fatalf("community = %q, %v; want from-env", got.Credentials.Community, err)
	}
	o.Community = "from-flag"
	if err := discoverRun(context.Background(), o); err != nil || got.Credentials.Community != "from-flag" {
		t.Fatalf("community = %q, %v; want from-flag", got.Credentials.Community, err)
	}
}

func TestBadTargetIsUsageError(t *testing.T) {
	io, out, _ := cmdtest.Streams()
	var got snmp.Options
	o := &DiscoverOptions{IO: io, Getenv: env(nil), Targets: []string{"host:99999"}, SNMPVersion: "2c",
		Timeout: time.Second, Concurrency: 1, Discover: fakeDiscover(snapshot.New(""), &got)}
	err := discoverRun(context.Background(), o)
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || out.Len() != 0 {
		t.Fatalf("err = %v, output %q; want usage error and no output", err, out)
	}
}

// TestDiscoverRunAgainstSnmpsim runs the verb against snmpsimd: exit codes,
// JSON that snapshot.Decode reads back, the table on a terminal, --out.
func TestDiscoverRunAgainstSnmpsim(t *testing.T) {
	s := snmpsim.StartForTest(t, "../../../../testdata/snmprec",
		snmpsim.Options{Files: []string{"procurve.snmprec", "cnmatrix.snmprec"}})

	t.Run("all read, json when piped", func(t *testing.T) {
		io, out, errOut := cmdtest.Streams()
		taken := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
		o := &DiscoverOptions{IO: io, Getenv: env(map[string]string{EnvCommunity: "procurve"}), Discover: snmp.Discover,
			Now: func() time.Time { return taken }, Targets: []string{s.Addr}, SNMPVersion: "2c", Site: "lab",
			Timeout: 5 * time.Second, Retries: 1, Concurrency: 4}
		if err := discoverRun(context.Background(), o); err != nil {
			t.Fatalf("err = %v; stderr %s", err, errOut)
		}
		snap, err := snapshot.Decode(out)
		if err != nil {
			t.Fatal(err)
		}
		if snap.Site != "lab" || !snap.TakenAt.Equal(taken) || len(snap.Switches) != 1 || snap.Switches[0].Model != "JL074A" {
			t.Fatalf("snapshot = site %q taken %s, %d switches", snap.Site, snap.TakenAt, len(snap.Switches))
		}
		if errOut.Len() != 0 {
			t.Fatalf("stderr not empty when not a terminal: %q", errOut)
		}
	})

	t.Run("table on a terminal", func(t *testing.T) {
		io, out, _ := cmdtest.Streams()
		io.OutTTY = true
		o := &DiscoverOptions{IO: io, Getenv: env(nil), Discover: snmp.Discover, Community: "procurve",
			Targets: []string{s.Addr}, SNMPVersion: "2c", Timeout: 5 * time.Second, Retries: 1, Concurrency: 4}
		if err := discoverRun(context.Background(), o); err != nil {
			t.Fatal(err)
		}
		table := out.String()
		for _, want := range []string{"aruba_aoss", "JL074A", "PORT", "Polycom SoundPoint IP 335", "[telephone]"} {
			if !strings.Contains(table, want) {
				t.Errorf("table lacks %q:\n%s", want, table)
			}
		}
	})

	t.Run("one unreachable: exit 3, snapshot still written", func(t *testing.T) {
		io, out, errOut := cmdtest.Streams()
		file := filepath.Join(t.TempDir(), "site.json")
		o := &DiscoverOptions{IO: io, Getenv: env(nil), Discover: snmp.Discover, Community: "cnmatrix", OutFile: file,
			Targets: []string{s.Addr, "127.0.0.1:9"}, SNMPVersion: "2c", Timeout: 3 * time.Second, Retries: 0, Concurrency: 4}
		err := discoverRun(context.Background(), o)
		if cmdutil.CodeFor(err) != cmdutil.ExitPartial {
			t.Fatalf("err = %v, want exit %d", err, cmdutil.ExitPartial)
		}
		if out.Len() != 0 {
			t.Fatalf("stdout used with --out: %q", out)
		}
		snap := readSnapshotFile(t, file)
		if len(snap.Switches) != 1 || len(snap.Errors) != 1 || snap.Errors[0].Target != "127.0.0.1:9" {
			t.Fatalf("got %d switches, errors %v", len(snap.Switches), snap.Errors)
		}
		if !strings.Contains(errOut.String(), "1 of 2 targets not read") {
			t.Fatalf("stderr = %q", errOut)
		}
	})

	t.Run("wrong community: exit 3", func(t *testing.T) {
		io, out, errOut := cmdtest.Streams()
		o := &DiscoverOptions{IO: io, Getenv: env(nil), Discover: snmp.Discover, Community: "wrong-community",
			Targets: []string{s.Addr}, SNMPVersion: "2c", Timeout: 300 * time.Millisecond, Retries: 1, Concurrency: 1}
		err := discoverRun(context.Background(), o)
		if cmdutil.CodeFor(err) != cmdutil.ExitPartial {
			t.Fatalf("err = %v, want exit 3", err)
		}
		if !strings.Contains(errOut.String(), "timeout after 2 tries; check address, ACL, community, or try --snmp-version 3") ||
			strings.Contains(errOut.String()+out.String(), "wrong-community") {
			t.Fatalf("stderr = %q", errOut)
		}
	})
}

func TestProgress(t *testing.T) {
	var out bytes.Buffer
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := newProgressClock(&out, func() time.Time { return clock })
	p.event(snmp.Event{Target: "a", N: 1, Total: 2, Stage: "walk", Rows: 100})
	p.event(snmp.Event{Target: "b", N: 2, Total: 2, Stage: "walk", Rows: 50}) // within 200 ms: not drawn
	clock = clock.Add(time.Second)
	p.event(snmp.Event{Target: "b", N: 2, Total: 2, Stage: "walk", Rows: 60})
	p.event(snmp.Event{Target: "a", N: 1, Total: 2, Stage: "done", Rows: 120, Done: true})
	want := "\r\033[Kswitch 0/2 done, 100 rows read" +
		"\r\033[Kswitch 0/2 done, 160 rows read" +
		"\r\033[Kswitch 1/2 a: 120 rows, ok\n"
	if got := out.String(); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// readSnapshotFile decodes the snapshot the verb wrote to path.
func readSnapshotFile(t *testing.T, path string) *snapshot.Snapshot {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	snap, err := snapshot.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return snap
}

// TestInterruptedDiscoverKeepsPreviousSnapshot: Ctrl-C during `discover
// --out site.json` leaves the previous complete snapshot in place and the
// partial one beside it as site.json.partial, and says so.
func TestInterruptedDiscoverKeepsPreviousSnapshot(t *testing.T) {
	io, _, errOut := cmdtest.Streams()
	file := filepath.Join(t.TempDir(), "site.json")
	const previous = "{\"previous\": \"complete snapshot\"}\n"
	if err := os.WriteFile(file, []byte(previous), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	io.Interrupted = func() bool { return ctx.Err() != nil }
	var got snmp.Options
	partial := snapshot.New("")
	o := &DiscoverOptions{IO: io, Getenv: env(map[string]string{EnvCommunity: "c"}), Targets: []string{"h"}, SNMPVersion: "2c",
		Timeout: time.Second, Concurrency: 1, OutFile: file,
		Discover: func(ctx context.Context, site string, ts []snmp.Target, so snmp.Options) *snapshot.Snapshot {
			cancel() // Ctrl-C while the switches are read
			return fakeDiscover(partial, &got)(ctx, site, ts, so)
		}}
	_ = discoverRun(ctx, o)
	if b, _ := os.ReadFile(file); string(b) != previous {
		t.Errorf("site.json = %q, want the previous snapshot", b)
	}
	if b, err := os.ReadFile(file + ".partial"); err != nil || !strings.Contains(string(b), "voxlan.snapshot/v1") {
		t.Errorf("site.json.partial = %q (%v), want the partial snapshot", b, err)
	}
	if !strings.Contains(errOut.String(), "site.json.partial") {
		t.Errorf("stderr %q does not say where the partial snapshot is", errOut.String())
	}
}

// TestCommunityNeverFromTheCommandLine: the refusal names the ways that
// keep the community out of ps and shell history, and never repeats it;
// the file and the prompt work.
func TestCommunityNeverFromTheCommandLine(t *testing.T) {
	io, _, _ := cmdtest.Streams()
	cmd := NewCmdDiscover(&cmdutil.Factory{IO: io, Getenv: env(nil)}, func(*DiscoverOptions) error { return nil })
	err := cmdtest.Run(cmd, "--community", "S3cretComm", "h")
	for _, want := range []string{EnvCommunity, "--community-file", "--community -", "{keyring: NAME}"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("refusal %v does not offer %s", err, want)
		}
	}
	if err != nil && strings.Contains(err.Error(), "S3cretComm") {
		t.Errorf("refusal repeats the community: %v", err)
	}

	file := filepath.Join(t.TempDir(), "community")
	if err := os.WriteFile(file, []byte("from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var got snmp.Options
	o := &DiscoverOptions{IO: io, Getenv: env(map[string]string{EnvCommunity: "from-env"}), Targets: []string{"h"}, SNMPVersion: "2c",
		Timeout: time.Second, Concurrency: 1, CommunityFile: file, Discover: fakeDiscover(snapshot.New(""), &got)}
	if err := discoverRun(context.Background(), o); err != nil || got.Credentials.Community != "from-file" {
		t.Fatalf("community %q, %v; want from-file", got.Credentials.Community, err)
	}
	if err := os.Chmod(file, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := discoverRun(context.Background(), o); cmdutil.CodeFor(err) != cmdutil.ExitUsage || strings.Contains(err.Error(), file) {
		t.Fatalf("readable by others: %v, want a usage error not naming the path", err)
	}
	o.CommunityFile, o.CommunityFlag = "", "-"
	o.ReadSecret = func(string) (string, error) { return "typed", nil }
	if err := discoverRun(context.Background(), o); err != nil || got.Credentials.Community != "typed" {
		t.Fatalf("community %q, %v; want typed", got.Credentials.Community, err)
	}
}
