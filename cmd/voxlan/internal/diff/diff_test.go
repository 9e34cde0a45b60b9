package diff

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	"github.com/voxlan/voxlan/diff"
	"github.com/voxlan/voxlan/history"
	"github.com/voxlan/voxlan/snapshot"
)

var t0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// result is an audit of hq taken at t with one finding per (id, status).
func result(t time.Time, findings ...string) *audit.Result {
	r := &audit.Result{Schema: audit.Schema, Site: "hq", Profile: "wte", Engineering: audit.EngineeringStandard, TakenAt: t}
	for i := 0; i < len(findings); i += 2 {
		parts := strings.Split(findings[i], "/")
		f := audit.Finding{ID: findings[i], Requirement: parts[0], Check: parts[1], Status: audit.Status(findings[i+1]),
			Message: audit.Text{EN: "message of " + findings[i] + " | <b>", FR: "message de " + findings[i]}}
		if len(parts) > 2 {
			f.Switch = parts[2]
		}
		if len(parts) > 3 {
			f.Port = parts[3]
		}
		r.Findings = append(r.Findings, f)
		r.Ports = append(r.Ports, audit.PortRole{Switch: "sw1", Port: "1", Role: audit.RolePhone})
	}
	r.Verdict = audit.VerdictOf(r.Findings)
	r.Normalize()
	return r
}

func writeResult(t *testing.T, dir, name string, r *audit.Result) string {
	t.Helper()
	var buf bytes.Buffer
	if err := audit.Encode(&buf, r); err != nil {
		t.Fatal(err)
	}
	return cmdtest.WriteFile(t, dir, name, buf.String())
}

func opts(streams *cmdutil.IOStreams, historyFile, old, new string) *DiffOptions {
	return &DiffOptions{IO: streams, Getenv: func(string) string { return "" }, History: historyFile, Old: old, New: new, Lang: "en", Output: "json"}
}

func TestNewCmdDiffFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"a.json"}, "accepts 2 arg(s)"},
		{[]string{"a.json", "b.json", "-o", "xml"}, `unknown output format "xml"`},
		{[]string{"a.json", "b.json", "--lang", "de"}, `--lang "de"`},
		{[]string{"-", "-"}, "only one of OLD and NEW"},
	} {
		streams, _, _ := cmdtest.Streams()
		cmd := NewCmdDiff(&cmdutil.Factory{IO: streams, Getenv: func(string) string { return "" }}, func(*DiffOptions) error { return nil })
		if err := cmdtest.Run(cmd, tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: err = %v, want %q", tc.args, err, tc.want)
		}
	}
	streams, _, _ := cmdtest.Streams()
	var got *DiffOptions
	cmd := NewCmdDiff(&cmdutil.Factory{IO: streams, Getenv: func(string) string { return "" }}, func(o *DiffOptions) error { got = o; return nil })
	if err := cmdtest.Run(cmd, "hq@previous", "hq@latest", "--history", "h.db", "-o", "md", "--lang", "fr"); err != nil {
		t.Fatal(err)
	}
	if got.Old != "hq@previous" || got.New != "hq@latest" || got.History != "h.db" || got.Output != "md" || got.Lang != "fr" {
		t.Errorf("options = %+v", got)
	}
}

// TestDiffExitCodes: 0 when nothing got worse, 1 when something new
// fails, 4 when something got worse without failing, 2 for bad input.
func TestDiffExitCodes(t *testing.T) {
	dir := t.TempDir()
	old := writeResult(t, dir, "old.json", result(t0, "L2/poe-port/sw1/1", "fail", "L5/lldp-med/sw1/2", "warn", "L10/labels", "manual"))
	fixed := writeResult(t, dir, "fixed.json", result(t0.Add(time.Hour), "L2/poe-port/sw1/1", "pass", "L5/lldp-med/sw1/2", "warn", "L10/labels", "manual"))
	newFail := writeResult(t, dir, "newfail.json", result(t0.Add(time.Hour), "L2/poe-port/sw1/1", "pass", "L7/cascade/sw1/3", "fail"))
	warnToFail := writeResult(t, dir, "warnfail.json", result(t0.Add(time.Hour), "L5/lldp-med/sw1/2", "fail"))
	newWarn := writeResult(t, dir, "newwarn.json", result(t0.Add(time.Hour), "L2/poe-spare/sw1", "warn"))
	for _, tc := range []struct {
		name, old, new string
		code           int
		say            string
	}{
		{name: "fixed only", old: old, new: fixed, code: 0},
		{name: "a new failure", old: old, new: newFail, code: 1},
		{name: "a warning now failing", old: old, new: warnToFail, code: 1},
		{name: "a new warning", old: old, new: newWarn, code: 4},
		{name: "same file", old: old, new: old, code: 0},
		{name: "missing file", old: old, new: filepath.Join(dir, "nope.json"), code: 2, say: "no such file, and not a history reference"},
		{name: "not an audit", old: old, new: cmdtest.WriteFile(t, dir, "x.json", `{"schema":"voxlan.snapshot/v1"}`), code: 2, say: `unsupported schema "voxlan.snapshot/v1"`},
		{name: "reference without a history", old: old, new: "hq@latest", code: 2, say: "nothing was recorded yet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			streams, stdout, _ := cmdtest.Streams()
			err := diffRun(context.Background(), opts(streams, filepath.Join(dir, "history.db"), tc.old, tc.new))
			if got := cmdutil.CodeFor(err); (err == nil && tc.code != 0) || (err != nil && got != tc.code) {
				t.Fatalf("exit %d (%v), want %d", got, err, tc.code)
			}
			if tc.say != "" && (err == nil || !strings.Contains(err.Error(), tc.say)) {
				t.Errorf("err = %v, want it to say %q", err, tc.say)
			}
			if tc.code != 2 {
				if _, err := diffDecode(stdout.Bytes()); err != nil {
					t.Errorf("stdout is not a diff: %v", err)
				}
			}
		})
	}
}

func diffDecode(data []byte) (*diff.Diff, error) {
	var d diff.Diff
	err := json.Unmarshal(data, &d)
	return &d, err
}

// TestDiffHistoryReferences compares two recorded audits by reference,
// with their snapshots: the port's PoE change is reported.
func TestDiffHistoryReferences(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "history.db")
	s, err := history.Open(ctx, path, history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	snap := func(at time.Time, poeOn bool) *snapshot.Snapshot {
		sn := snapshot.New("hq")
		sn.TakenAt = at
		sn.Switches = []snapshot.Switch{{Target: "sw1", Ports: []snapshot.Port{{IfIndex: 1, Name: "1", OperUp: true, SpeedMbps: 100, Duplex: "full",
			PoE: &snapshot.PortPoE{AdminEnabled: poeOn, Detection: map[bool]string{true: "deliveringPower", false: "disabled"}[poeOn]}}}}}
		sn.Normalize()
		return sn
	}
	for _, a := range []struct {
		r  *audit.Result
		sn *snapshot.Snapshot
	}{
		{result(t0, "L2/poe-port/sw1/1", "fail"), snap(t0, false)},
		{result(t0.Add(time.Hour), "L2/poe-port/sw1/1", "pass"), snap(t0.Add(time.Hour), true)},
	} {
		if _, err := s.RecordAudit(ctx, a.r, a.sn, history.SourceAudit); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	streams, stdout, _ := cmdtest.Streams()
	if err := diffRun(ctx, opts(streams, path, "hq@previous", "hq@latest")); err != nil {
		t.Fatalf("exit %d: %v", cmdutil.CodeFor(err), err)
	}
	d, err := diffDecode(stdout.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if d.Schema != diff.Schema || d.OldAudit.Ref != "hq@previous" || d.OldAudit.ID != 1 || d.NewAudit.ID != 2 || !d.SnapshotsCompared {
		t.Errorf("diff head = %+v / %+v (snapshots %v)", d.OldAudit, d.NewAudit, d.SnapshotsCompared)
	}
	if !slices.Equal(d.Fixed, []string{"L2/poe-port/sw1/1"}) {
		t.Errorf("fixed = %q", d.Fixed)
	}
	if len(d.Ports) != 1 || len(d.Ports[0].Fields) != 1 || d.Ports[0].Fields[0] != (diff.FieldChange{Field: "poe", From: "disabled", To: "deliveringPower"}) {
		t.Errorf("ports = %+v, want port 1's PoE from disabled to deliveringPower", d.Ports)
	}
	// By id and by number, the same audits.
	streams, stdout2, _ := cmdtest.Streams()
	if err := diffRun(ctx, opts(streams, path, "1", "hq@2")); err != nil {
		t.Fatal(err)
	}
	if d2, _ := diffDecode(stdout2.Bytes()); !slices.Equal(d2.Fixed, d.Fixed) || d2.NewAudit.ID != 2 {
		t.Errorf("diff 1 hq@2 = %+v, want the same as hq@previous hq@latest", d2)
	}
	streams, _, _ = cmdtest.Streams()
	err = diffRun(ctx, opts(streams, path, "hq@previous", "paris@latest"))
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), `no audit of site "paris"`) || !strings.Contains(err.Error(), `"hq"`) {
		t.Errorf("unknown site: %v, want exit 2 naming the sites there are", err)
	}
}

// TestDiffOutputs: the table for a person, tab-separated lines in a pipe,
// and Markdown with the messages kept inside their cells.
func TestDiffOutputs(t *testing.T) {
	dir := t.TempDir()
	old := writeResult(t, dir, "old.json", result(t0, "L2/poe-port/sw1/1", "fail", "L10/labels", "manual"))
	new := writeResult(t, dir, "new.json", result(t0.Add(time.Hour), "L2/poe-port/sw1/1", "pass", "L10/labels", "manual", "L7/cascade/sw1/3", "fail"))

	streams, stdout, _ := cmdtest.Streams()
	streams.OutTTY = true
	o := opts(streams, "", old, new)
	o.Output = ""
	if err := diffRun(context.Background(), o); cmdutil.CodeFor(err) != 1 {
		t.Fatalf("exit %d, want 1", cmdutil.CodeFor(err))
	}
	tty := stdout.String()
	for _, want := range []string{"site hq: " + old + " (2026-11-23 09:00, fail) → " + new, "1 fixed, 1 new (1 failing)", "NEW (1)", "FIXED (1)", "STILL TO DO (1)",
		"fail  pass  L2   sw1     1", "ports compared by role only"} {
		if !strings.Contains(tty, want) {
			t.Errorf("table lacks %q:\n%s", want, tty)
		}
	}

	streams, stdout, _ = cmdtest.Streams()
	o = opts(streams, "", old, new)
	o.Output = "table"
	_ = diffRun(context.Background(), o)
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 3 || lines[0] != "new\tL7/cascade/sw1/3\tabsent\tfail\tsw1\t3\tmessage of L7/cascade/sw1/3 | <b>" {
		t.Errorf("piped table = %q", lines)
	}

	streams, stdout, _ = cmdtest.Streams()
	o = opts(streams, "", old, new)
	o.Output, o.Lang = "md", "fr"
	_ = diffRun(context.Background(), o)
	md := stdout.String()
	for _, want := range []string{"## Nouveau (1)", "## Corrigé (1)", "| absent | fail | L7 | sw1 | 3 | message de L7/cascade/sw1/3 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	o.Lang = "en"
	stdout.Reset()
	_ = diffRun(context.Background(), o)
	if !strings.Contains(stdout.String(), `message of L7/cascade/sw1/3 \| &lt;b&gt; |`) {
		t.Errorf("markdown cell not escaped:\n%s", stdout.String())
	}
}
