package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cli"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	democmd "github.com/voxlan/voxlan/cmd/voxlan/internal/demo"
	tuicmd "github.com/voxlan/voxlan/cmd/voxlan/internal/tui"
	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/lab/snmpagent"
	"github.com/voxlan/voxlan/lab/snmprec"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
	ui "github.com/voxlan/voxlan/tui"
	"github.com/voxlan/voxlan/tui/common"
	"github.com/voxlan/voxlan/tui/findings"
)

// recordingsDir holds the real recordings kept in the repository.
const recordingsDir = "../../../../testdata/snmprec"

// TestSameVerdictEverywhere is the promise that a site gets one verdict:
// for every recording in the repository and the demo site, each profile,
// with and without a declared voice VLAN, `voxlan audit -o json`,
// `voxlan report -o json`, the terminal UI's Findings screen and its Site
// header give the same verdict, the same finding ids and statuses and the
// same counts, and the Findings screen's fix never says anything Plan will
// not do.
func TestSameVerdictEverywhere(t *testing.T) {
	dir := t.TempDir()
	snaps := discoverRecordings(t, dir)
	for _, name := range slices.Sorted(maps.Keys(snaps)) {
		for _, prof := range []string{"wte", "mitel", "generic"} {
			for _, declared := range []bool{false, true} {
				label := "inferred"
				if declared {
					label = "voiceVlan-declared"
				}
				t.Run(name+"/"+prof+"/"+label, func(t *testing.T) {
					args := []string{"--snapshot", snaps[name]}
					tuiOpts := &tuicmd.TUIOptions{SnapshotFile: snaps[name], Profile: prof}
					if declared {
						inv := writeInventory(t, dir, name, prof)
						args = append(args, "--inventory", inv)
						tuiOpts.Inventory, tuiOpts.Profile = inv, ""
					} else {
						args = append(args, "--profile", prof)
					}
					cliRes, code := runVerb(t, append([]string{"audit", "-o", "json"}, args...))
					if want := map[audit.Verdict]int{audit.VerdictPass: 0, audit.VerdictFail: 1, audit.VerdictIncomplete: 3}[cliRes.Verdict]; code != want {
						t.Errorf("voxlan audit: exit %d for a %s verdict, want %d", code, cliRes.Verdict, want)
					}
					repRes, code := runVerb(t, append([]string{"report", "-o", "json"}, args...))
					if code != 0 {
						t.Errorf("voxlan report: exit %d", code)
					}
					shown, header, fm := openUI(t, tuiOpts)
					want := idsAndStatuses(cliRes.Findings)
					for what, got := range map[string]*audit.Result{"report -o json": repRes} {
						if got.Verdict != cliRes.Verdict || !reflect.DeepEqual(idsAndStatuses(got.Findings), want) {
							t.Errorf("%s: verdict %s, %d findings; audit -o json: %s, %d", what, got.Verdict, len(got.Findings), cliRes.Verdict, len(cliRes.Findings))
						}
					}
					if got := idsAndStatuses(shown); !reflect.DeepEqual(got, want) {
						t.Errorf("Findings screen: %d findings, audit -o json %d; first difference %s", len(got), len(want), firstDiff(got, want))
					}
					c := cliRes.Counts()
					wantHeader := fmt.Sprintf("%s (%d fail, %d warn", cliRes.Verdict, c[audit.StatusFail], c[audit.StatusWarn])
					if n := c[audit.StatusUnknown]; n > 0 {
						wantHeader += fmt.Sprintf(", %d unknown", n)
					}
					if !strings.Contains(header, wantHeader+")") {
						t.Errorf("Site header %q, want it to say %q)", header, wantHeader)
					}
					checkFixText(t, fm, cliRes, shown)
				})
			}
		}
	}
}

// checkFixText: what the Findings screen says of a fix is what Plan
// changes for it (audit.BuildPlan, which leaves uplinks alone).
func checkFixText(t *testing.T, fm *findings.Model, res *audit.Result, shown []audit.Finding) {
	t.Helper()
	planned := map[string]bool{}
	related := map[[2]string]int{}
	for _, sp := range audit.BuildPlan(res).Switches {
		for _, c := range sp.Changes {
			planned[common.ChangeWords(c)+"@"+c.Switch] = true
			related[[2]string{sp.Switch, strings.SplitN(c.Reason, "/", 2)[0]}]++
		}
	}
	for _, f := range shown {
		lines := fm.FixLines(f, true)
		text := strings.Join(lines, "\n")
		switch {
		case f.Status == audit.StatusPass:
			if len(lines) != 0 {
				t.Errorf("%s passes but shows a fix: %s", f.ID, text)
			}
		case strings.Contains(text, "nothing software can change"):
			if n := related[[2]string{f.Switch, f.Requirement}]; f.Switch != "" && n > 0 {
				t.Errorf("%s: says nothing software can change, Plan has %d %s change(s) on %s", f.ID, n, f.Requirement, f.Switch)
			}
		case strings.HasPrefix(text, "Fix: no change of its own"):
			if related[[2]string{f.Switch, f.Requirement}] == 0 {
				t.Errorf("%s: %s, but Plan has none", f.ID, text)
			}
		case strings.HasPrefix(text, "Fix: none planned"):
		default:
			for _, l := range lines[1:] {
				if !planned[strings.TrimSpace(l)+"@"+f.Switch] {
					t.Errorf("%s: shows %q, which Plan does not change on %s", f.ID, strings.TrimSpace(l), f.Switch)
				}
			}
		}
	}
}

func idsAndStatuses(fs []audit.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.ID + " " + string(f.Status)
	}
	slices.Sort(out)
	return out
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("%q vs %q", a[i], b[i])
		}
	}
	return "in length"
}

// runVerb runs voxlan with args as the binary would, and decodes the audit
// result it prints.
func runVerb(t *testing.T, args []string) (*audit.Result, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	f := &cmdutil.Factory{IO: &cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Now: time.Now, Getenv: func(string) string { return "" }}
	code := cli.Run(t.Context(), f, args)
	r, err := audit.DecodeBytes(out.Bytes())
	if err != nil {
		t.Fatalf("voxlan %s: exit %d, %v\n%s", strings.Join(args, " "), code, err, errOut.String())
	}
	return r, code
}

// openUI builds the UI as `voxlan tui` does on opts and runs it without a
// terminal until the site is read and judged: the Findings screen's
// findings (no filter), the Site header and the Findings model.
func openUI(t *testing.T, opts *tuicmd.TUIOptions) ([]audit.Finding, string, *findings.Model) {
	t.Helper()
	opts.IO = &cmdutil.IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
	opts.Getenv = func(string) string { return "" }
	opts.Drivers.BackupDir = t.TempDir()
	deps, err := tuicmd.NewDeps(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	deps.Context = t.Context()
	m := ui.New(deps)
	settle(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 240, Height: 60} })
	settle(t, m, m.Init())
	fm := m.Screen(common.ScreenFindings).(*findings.Model)
	header := ""
	for _, l := range strings.Split(ansi.Strip(m.Screen(common.ScreenSite).View()), "\n") {
		if strings.Contains(l, "Site ") {
			header = l
			break
		}
	}
	return fm.Shown(), header, fm
}

// settle runs cmd and every command the messages it yields lead to,
// following batches and sequences, as the Bubble Tea runtime would.
// Replaying a snapshot starts no tick and waits on nothing outside the
// process, so every command ends: each is awaited as long as a loaded
// machine needs, and one still running after uiCommandLimit fails the
// test by name (it used to be dropped after 30 s, leaving the screens
// half-built and the comparison failing on their emptiness instead).
// Bounded.
func settle(t *testing.T, m tea.Model, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n == 10000 {
			t.Fatalf("the UI is still issuing commands after 10000: replaying a snapshot should settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		done := make(chan tea.Msg, 1)
		go func() { done <- c() }()
		var msg tea.Msg
		select {
		case msg = <-done:
		case <-time.After(uiCommandLimit):
			t.Fatalf("a UI command is still running after %s (replaying a snapshot, none waits on anything)", uiCommandLimit)
		}
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
				// A sequence: in order, each settled before the next.
				for i := range v.Len() {
					c, _ := v.Index(i).Interface().(tea.Cmd)
					settle(t, m, c)
				}
				continue
			}
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// uiCommandLimit bounds one UI command in settle: judging the demo site
// takes milliseconds on an idle machine, seconds under -race at load 20.
const uiCommandLimit = 3 * time.Minute

// writeInventory declares site name with profile prof and the voice VLAN
// engineering: voice VLAN 201, data VLAN 60, 30 users on an SDSL access.
func writeInventory(t *testing.T, dir, name, prof string) string {
	t.Helper()
	path := filepath.Join(dir, name+"-"+prof+".yaml")
	text := fmt.Sprintf("sites:\n  - name: %s\n    profile: %s\n    engineering: voiceVlan\n    voiceVlan: 201\n    dataVlan: 60\n    users: 30\n"+
		"    wan: {access: sdsl, downKbps: 4000, upKbps: 4000}\n    switches:\n      - host: 198.18.0.2\n", name, prof)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// discoverRecordings reads every recording of the repository through the
// in-process SNMP agent (one switch each) and the demo site (five), and
// saves each site's snapshot in dir: name -> file. A read that timed out
// (the agent starved on a loaded machine: what the switch would have
// answered is not what the snapshot holds) is read again, up to
// readAttempts times, so every view is compared on what the recordings
// say; the other errors a recording gives (rows it indexes wrongly) are
// its own and stay.
func discoverRecordings(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(recordingsDir)
	if err != nil {
		t.Fatalf("recordings (kept in the repository): %v", err)
	}
	var eps []snmpagent.Endpoint
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".snmprec") {
			continue
		}
		rec, err := snmprec.ParseFile(filepath.Join(recordingsDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		eps = append(eps, snmpagent.Endpoint{Addr: "127.0.0.1:0", Recording: rec})
	}
	if len(eps) == 0 {
		t.Fatal("no recording in " + recordingsDir)
	}
	g, err := snmpagent.ServeMany(t.Context(), eps, snmpagent.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	out := map[string]string{}
	save := func(snap *snapshot.Snapshot) {
		var b bytes.Buffer
		if err := snapshot.Encode(&b, snap); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, snap.Site+".json")
		if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		out[snap.Site] = path
	}
	opts := snmp.Options{Timeout: 10 * time.Second, Retries: 2}
	for i, addr := range g.Addrs() {
		name := eps[i].Recording.Name
		o := opts
		o.Credentials = snmp.Credentials{Version: "2c", Community: name}
		save(readWhole(t, name, func(ctx context.Context) *snapshot.Snapshot {
			snap := snapshot.New(name)
			snap.Switches = []snapshot.Switch{snmp.DiscoverSwitch(ctx, snmp.Target{Address: addr}, o)}
			snap.Normalize()
			return snap
		}))
	}
	demo, err := site.Start(t.Context(), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer demo.Close()
	o := opts
	o.Credentials = snmp.Credentials{Version: "2c", Community: demo.Community()}
	save(readWhole(t, democmd.DemoSite, func(ctx context.Context) *snapshot.Snapshot {
		return snmp.Discover(ctx, democmd.DemoSite, demo.Targets(), o)
	}))
	return out
}

// readAttempts bounds how often a site is read again after a timeout.
const readAttempts = 3

// readWhole runs discover until no read of the site timed out.
func readWhole(t *testing.T, name string, discover func(context.Context) *snapshot.Snapshot) *snapshot.Snapshot {
	t.Helper()
	var timedOut []string
	for range readAttempts {
		ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
		snap := discover(ctx)
		cancel()
		if timedOut = timeouts(snap); len(timedOut) == 0 {
			return snap
		}
		t.Logf("%s: read again, it timed out (%s)", name, strings.Join(timedOut, "; "))
	}
	t.Fatalf("%s: every read of %d timed out (%s): the views would be compared on what the machine dropped", name, readAttempts, strings.Join(timedOut, "; "))
	return nil
}

// timeouts lists the parts of snap that were not read in time.
func timeouts(snap *snapshot.Snapshot) []string {
	var out []string
	errs := slices.Clone(snap.Errors)
	for _, sw := range snap.Switches {
		errs = append(errs, sw.Errors...)
	}
	for _, e := range errs {
		if strings.Contains(e.Message, "timeout") || strings.Contains(e.Message, context.DeadlineExceeded.Error()) {
			out = append(out, e.Target+" "+e.Stage+": "+e.Message)
		}
	}
	return out
}
