package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/lab/snmpsim"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

// cascadeSnapshot is one PoE switch with a phone on Gi1/0/2 and a second
// phone cascaded behind the one on Gi1/0/3.
func cascadeSnapshot(site string) *snapshot.Snapshot {
	phone := func(idx int, name string, macs ...string) snapshot.Port {
		p := snapshot.Port{IfIndex: idx, Name: name, Type: "ethernetCsmacd", AdminUp: true, OperUp: true, SpeedMbps: 100, Duplex: "full",
			PVID: 10, PoE: &snapshot.PortPoE{AdminEnabled: true, Detection: "deliveringPower", Class: 2}, Counters: &snapshot.Counters{}}
		for _, m := range macs {
			p.MACs = append(p.MACs, snapshot.MAC{MAC: m, VLAN: 10})
		}
		return p
	}
	s := snapshot.New(site)
	s.TakenAt = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	s.Switches = []snapshot.Switch{{
		Target: "198.18.0.2", SysName: "sw1", SysObjectID: "1.3.6.1.4.1.9.1.1", VLANs: []snapshot.VLAN{{ID: 1}, {ID: 10}},
		PoE: snapshot.PoE{Supported: true, PSEs: []snapshot.PSE{{Index: 1, PowerW: 370, ConsumptionW: 14, Status: "on"}}},
		Ports: []snapshot.Port{
			phone(2, "Gi1/0/2", "80:5e:c0:00:00:01"),
			phone(3, "Gi1/0/3", "80:5e:c0:00:00:02", "00:04:f2:00:00:03"),
		},
	}}
	s.Normalize()
	return s
}

func writeSnap(t *testing.T, s *snapshot.Snapshot) string {
	t.Helper()
	var buf bytes.Buffer
	if err := snapshot.Encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	path := cmdtest.WriteFile(t, t.TempDir(), "snap.json", buf.String())
	return path
}

func testOpts(out, errOut *bytes.Buffer) *AuditOptions {
	return &AuditOptions{
		IO:     &cmdutil.IOStreams{In: strings.NewReader(""), Out: out, ErrOut: errOut},
		Getenv: func(string) string { return "" }, Resolver: &inventory.Resolver{Getenv: func(string) string { return "" }},
		Lang: "en", Timeout: time.Second, Retries: 0, Concurrency: 4, Parallel: 2,
	}
}

func TestNewCmdAuditFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "give --snapshot FILE or --inventory FILE"},
		{[]string{"--snapshot", "s.json", "--site", "hq"}, "--site needs --inventory"},
		{[]string{"--snapshot", "s.json", "-o", "xml"}, `unknown output format "xml"`},
		{[]string{"--snapshot", "s.json", "--engineering", "vlan"}, `--engineering "vlan"`},
		{[]string{"--snapshot", "s.json", "--lang", "de"}, `--lang "de"`},
		{[]string{"--inventory", "i.yaml", "--parallel", "0"}, "--parallel must be"},
		{[]string{"--snapshot", "s.json", "--snapshots", "d"}, "--snapshots is for discovery"},
		{[]string{"--inventory", "i.yaml", "--site", "hq", "-o", "jsonl"}, ""},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			streams, _, _ := cmdtest.Streams()
			var got *AuditOptions
			cmd := NewCmdAudit(&cmdutil.Factory{IO: streams, Getenv: func(string) string { return "" }}, func(o *AuditOptions) error { got = o; return nil })
			if cmdtest.WantUsageErr(t, cmdtest.Run(cmd, tc.args...), tc.want) {
				return
			}
			if got.Site != "hq" || got.Output != "jsonl" {
				t.Errorf("got %+v", got)
			}
		})
	}
}

func TestAuditSnapshotJSONAndExitCode(t *testing.T) {
	var out, errOut bytes.Buffer
	opts := testOpts(&out, &errOut)
	opts.SnapshotFile = writeSnap(t, cascadeSnapshot("hq"))
	opts.Output = "json"
	err := auditRun(context.Background(), opts)
	if code := cmdutil.CodeFor(err); err == nil || code != 1 {
		t.Fatalf("exit: got %v (code %d), want 1", err, cmdutil.CodeFor(err))
	}
	r, derr := audit.Decode(&out)
	if derr != nil {
		t.Fatal(derr)
	}
	if r.Verdict != audit.VerdictFail || r.Profile != "wte" || r.Site != "hq" {
		t.Errorf("got verdict %s profile %s site %s", r.Verdict, r.Profile, r.Site)
	}
	found := false
	for _, f := range r.Findings {
		if f.ID == "L7/cascade/198.18.0.2/Gi1/0/3" && f.Status == audit.StatusFail {
			found = true
		}
	}
	if !found {
		t.Error("cascade on Gi1/0/3 not reported")
	}
}

func TestAuditBadInputIsUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	opts := testOpts(&out, &errOut)
	bad := cmdtest.WriteFile(t, t.TempDir(), "bad.json", `{"schema":"voxlan.snapshot/v0"}`)
	opts.SnapshotFile = bad
	err := auditRun(context.Background(), opts)
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "voxlan.snapshot/v1") {
		t.Errorf("got %v", err)
	}
	opts.SnapshotFile = writeSnap(t, cascadeSnapshot("hq"))
	opts.Profile = "nope"
	if err := auditRun(context.Background(), opts); cmdutil.CodeFor(err) != cmdutil.ExitUsage {
		t.Errorf("bad profile: got %v", err)
	}
	if out.Len() != 0 {
		t.Errorf("output written on bad input: %q", out.String())
	}
}

func TestAuditTableTTYAndPiped(t *testing.T) {
	var out, errOut bytes.Buffer
	opts := testOpts(&out, &errOut)
	opts.SnapshotFile = writeSnap(t, cascadeSnapshot("hq"))
	opts.IO.OutTTY = true
	opts.Lang = "fr"
	_ = auditRun(context.Background(), opts)
	got := out.String()
	for _, want := range []string{"site hq  profile wte  engineering standard (inferred)  verdict FAIL", "switch 198.18.0.2", "Cascade : 2 téléphones"} {
		if !strings.Contains(got, want) {
			t.Errorf("TTY table lacks %q:\n%s", want, got)
		}
	}
	// The worst group comes first: the switch with the cascade before the
	// site (manual items only).
	if strings.Index(got, "switch 198.18.0.2") > strings.Index(got, "\nsite hq") {
		t.Errorf("worst group not first:\n%s", got)
	}
	out.Reset()
	opts.IO.OutTTY = false
	opts.Output = "table"
	opts.Lang = "en"
	_ = auditRun(context.Background(), opts)
	first := strings.SplitN(out.String(), "\n", 2)[0]
	if first != "hq\t198.18.0.2\tGi1/0/3\tL7\tfail\tL7/cascade/198.18.0.2/Gi1/0/3\tCascade: 2 phones behind one access port. One phone per outlet; a PC behind the phone is fine." {
		t.Errorf("piped first line: got %q", first)
	}
}

func TestAuditInventoryDiscoversEachSite(t *testing.T) {
	dir := t.TempDir()
	inv := cmdtest.WriteFile(t, dir, "sites.yaml", `sites:
  - name: hq
    users: 100
    wan: {access: adsl, downKbps: 8000, upKbps: 800}
    snmp: {community: {env: HQ_COMM}}
    switches:
      - host: 198.18.0.2
  - name: lyon
    switches:
      - host: 198.18.1.2
`)
	var out, errOut bytes.Buffer
	opts := testOpts(&out, &errOut)
	opts.Resolver = &inventory.Resolver{Getenv: func(k string) string { return map[string]string{"HQ_COMM": "c0mm"}[k] }}
	opts.InventoryFile = inv
	opts.Output = "jsonl"
	opts.SnapshotsDir = filepath.Join(dir, "snaps")
	var asked []string
	var mu sync.Mutex
	opts.Discover = func(ctx context.Context, site string, targets []snmp.Target, o snmp.Options) *snapshot.Snapshot {
		mu.Lock()
		defer mu.Unlock()
		for _, tg := range targets {
			c := "(default)"
			if tg.Credentials != nil {
				c = tg.Credentials.Community
			}
			asked = append(asked, site+" "+tg.Address+" "+c)
		}
		if site == "lyon" {
			s := snapshot.New(site)
			s.Errors = []snapshot.Error{{Target: "198.18.1.2", Stage: "connect", Message: "timeout after 1 try"}}
			return s
		}
		return cascadeSnapshot(site)
	}
	err := auditRun(context.Background(), opts)
	if cmdutil.CodeFor(err) != 1 {
		t.Errorf("exit: got %v, want 1 (hq fails)", err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d JSON lines, want 2", len(lines))
	}
	var hq, lyon audit.Result
	json.Unmarshal([]byte(lines[0]), &hq)
	json.Unmarshal([]byte(lines[1]), &lyon)
	if hq.Site != "hq" || hq.Verdict != audit.VerdictFail || hq.Sizing == nil || hq.Sizing.Channels != 27 {
		t.Errorf("hq: %s %s %+v", hq.Site, hq.Verdict, hq.Sizing)
	}
	if lyon.Site != "lyon" || lyon.Verdict != audit.VerdictIncomplete {
		t.Errorf("lyon: %s %s", lyon.Site, lyon.Verdict)
	}
	if strings.Contains(strings.Join(asked, ","), "c0mm") == false || len(asked) != 2 {
		t.Errorf("targets: %v", asked)
	}
	if !strings.Contains(errOut.String(), "site hq: fail") || !strings.Contains(errOut.String(), "site lyon: incomplete") {
		t.Errorf("progress: %q", errOut.String())
	}
	if strings.Contains(out.String()+errOut.String(), "c0mm") {
		t.Error("the community leaked into the output")
	}
	if _, err := os.Stat(filepath.Join(dir, "snaps", "hq.json")); err != nil {
		t.Errorf("snapshot not kept: %v", err)
	}
	// Only lyon: incomplete is exit 3.
	out.Reset()
	opts.Site = "lyon"
	opts.SnapshotsDir = ""
	if err := auditRun(context.Background(), opts); cmdutil.CodeFor(err) != 3 {
		t.Errorf("lyon alone: got %v, want exit 3", err)
	}
}

func TestAuditSnapshotWithInventoryFacts(t *testing.T) {
	inv := cmdtest.WriteFile(t, t.TempDir(), "sites.yaml", "sites:\n  - name: hq\n    profile: mitel\n    engineering: voiceVlan\n    voiceVlan: 20\n    switches:\n      - host: 198.18.0.2\n")
	var out, errOut bytes.Buffer
	opts := testOpts(&out, &errOut)
	opts.SnapshotFile = writeSnap(t, cascadeSnapshot("hq"))
	opts.InventoryFile = inv
	opts.Output = "json"
	_ = auditRun(context.Background(), opts)
	r, err := audit.Decode(&out)
	if err != nil {
		t.Fatal(err)
	}
	if r.Profile != "mitel" || r.Engineering != audit.EngineeringVoiceVLAN || r.EngineeringSource != "inventory" {
		t.Errorf("got profile %s engineering %s (%s)", r.Profile, r.Engineering, r.EngineeringSource)
	}
}

// TestAuditInventoryAgainstSnmpsim runs the inventory path end to end with
// the real snmpsimd: credentials from the inventory's env reference,
// discovery, audit, exit code.
func TestAuditInventoryAgainstSnmpsim(t *testing.T) {
	s := snmpsim.StartForTest(t, "../../../../testdata/snmprec",
		snmpsim.Options{Files: []string{"procurve.snmprec", "snmpsim-data_cisco_16_switch.snmprec"}})
	inv := cmdtest.WriteFile(t, t.TempDir(), "sites.yaml", `sites:
  - name: hq
    users: 20
    wan: {access: sdsl, downKbps: 2048, upKbps: 2048}
    switches:
      - host: `+s.Addr+`
        snmp: {community: {env: C1}}
      - host: localhost:`+strconv.Itoa(s.Port)+`
        name: second
        snmp: {community: {env: C2}}
`)
	var out, errOut bytes.Buffer
	opts := testOpts(&out, &errOut)
	getenv := func(k string) string {
		return map[string]string{"C1": "procurve", "C2": "snmpsim-data_cisco_16_switch"}[k]
	}
	opts.Resolver = &inventory.Resolver{Getenv: getenv}
	opts.Discover = snmp.Discover
	opts.InventoryFile = inv
	opts.Output = "json"
	opts.Timeout, opts.Retries = 5*time.Second, 1
	err := auditRun(context.Background(), opts)
	r, derr := audit.Decode(&out)
	if derr != nil {
		t.Fatalf("%v (%v); stderr %s", derr, err, errOut.String())
	}
	// The procurve gives its PoE budget but not its ports' PoE over SNMP (incomplete). 20 users need 9
	// channels (Erlang B, checked against an independent recurrence) and
	// SDSL 2M carries 10: within the xDSL limit, so W only warns (no video).
	if r.Verdict != audit.VerdictIncomplete || cmdutil.CodeFor(err) != 3 {
		t.Errorf("verdict %s, exit %v", r.Verdict, err)
	}
	switches := map[string]bool{}
	for _, p := range r.Ports {
		switches[p.Switch] = true
	}
	if len(switches) != 2 {
		t.Errorf("ports from %v, want both switches", switches)
	}
	if r.Sizing == nil || r.Sizing.Channels != 9 || r.Sizing.WANMaxChannels != 10 {
		t.Errorf("sizing: %+v", r.Sizing)
	}
	found := false
	for _, f := range r.Findings {
		if f.ID == "W/sizing" && f.Status == audit.StatusWarn {
			found = true // low-speed xDSL: within limits, no video
		}
	}
	if !found {
		t.Errorf("no W warning for SDSL 2M")
	}
}

// TestAuditFlagRangeNamesTheFlag: a value out of range is a usage error that
// names the flag and the value given, so the user knows which one to fix.
func TestAuditFlagRangeNamesTheFlag(t *testing.T) {
	for _, tt := range []struct {
		name string
		set  func(*AuditOptions)
		want string
	}{
		{"timeout", func(o *AuditOptions) { o.Timeout = 0 }, "--timeout must be positive (e.g. 2s), got 0s"},
		{"retries", func(o *AuditOptions) { o.Retries = -1 }, "--retries must be 0 (no retry) or more, got -1"},
		{"concurrency", func(o *AuditOptions) { o.Concurrency = 0 }, "--concurrency must be 1 or more, got 0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			opts := testOpts(&out, &errOut)
			opts.SnapshotFile = writeSnap(t, cascadeSnapshot("hq"))
			tt.set(opts)
			err := opts.validate()
			if cmdutil.CodeFor(err) != cmdutil.ExitUsage || err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v (exit %d), want usage error %q", err, cmdutil.CodeFor(err), tt.want)
			}
		})
	}
}

// TestWriteSnapshotUnwritableDir: --snapshots naming something that is not a
// writable directory says which flag and what to give instead.
func TestWriteSnapshotUnwritableDir(t *testing.T) {
	notDir := cmdtest.WriteFile(t, t.TempDir(), "file", "x")
	err := writeSnapshot(notDir, cascadeSnapshot("hq"))
	if err == nil || !strings.Contains(err.Error(), "--snapshots") || !strings.Contains(err.Error(), "give a directory you can write") {
		t.Errorf("got %v, want an error naming --snapshots and what to do", err)
	}
}
