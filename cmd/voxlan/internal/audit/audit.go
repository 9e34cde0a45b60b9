// Package audit is the `voxlan audit` verb: judge a saved snapshot, or
// discover and judge every site of an inventory, against a profile.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/history"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

// Exit codes of the audit, as its issue fixes them: 1 means the audit ran
// and at least one requirement failed (not a crash), 3 that data was
// missing so no pass can be claimed.
const (
	exitFail       = 1
	exitIncomplete = cmdutil.ExitPartial
)

// AuditOptions are the verb's dependencies and flag values.
type AuditOptions struct {
	IO       *cmdutil.IOStreams
	Getenv   func(string) string
	Resolver *inventory.Resolver
	// Discover reads a site's switches; snmp.Discover unless a test injects one.
	Discover sites.Discoverer

	SnapshotFile  string
	InventoryFile string
	Site          string
	Profile       string
	Engineering   string
	Output        string
	OutFile       string
	Lang          string
	SnapshotsDir  string
	Timeout       time.Duration
	Retries       int
	Concurrency   int
	// Parallel is how many sites are discovered at once.
	Parallel int
	// History is the history database to record into (default: the
	// state directory's); NoHistory records nothing.
	History   string
	NoHistory bool
}

// NewCmdAudit builds the command. runF replaces auditRun in tests of flag
// parsing.
func NewCmdAudit(f *cmdutil.Factory, runF func(*AuditOptions) error) *cobra.Command {
	opts := &AuditOptions{IO: f.IO, Getenv: f.Getenv, Resolver: sites.NewResolver(f), Discover: snmp.Discover}
	cmd := &cobra.Command{
		Use:   "audit (--snapshot FILE | --inventory FILE [--site NAME]) [flags]",
		Short: "Judge a site against the voice prerequisites, port by port",
		Long: `Audit a site: give every port a role (uplink, phone, phone+PC, PC, access
point, unmanaged switch, empty, unknown), judge every requirement (L1-L10,
D1-D5, T, W, F) with its evidence, and list the vendor-neutral changes that
would fix what can be fixed.

--snapshot audits a saved snapshot (voxlan discover -o json). With
--inventory as well, the site's declarations (users, WAN, VLANs,
engineering, profile) are taken from it: --site names the site, else the
snapshot's.
--inventory alone discovers every site (or --site) over SNMP first, sites in
parallel, progress on stderr.

Exit codes: 0 pass, 1 at least one requirement failed, 3 incomplete (a
switch unreachable or data missing), 2 usage or input error.`,
		Example: `  voxlan audit --snapshot site.json
  voxlan audit --snapshot site.json --profile mitel -o json
  voxlan audit --inventory sites.yaml --site hq -o jsonl
  voxlan audit --inventory sites.yaml --snapshots out/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return auditRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.SnapshotFile, "snapshot", "", "audit the saved snapshot `FILE` (- for stdin)")
	fl.StringVar(&opts.InventoryFile, "inventory", "", "sites.yaml `FILE`: discover and audit its sites")
	fl.StringVar(&opts.Site, "site", "", "only this site of the inventory")
	fl.StringVar(&opts.Profile, "profile", "", "profile: wte, mitel, generic or an edited copy's `FILE` (default: the inventory's, else wte)")
	fl.StringVar(&opts.Engineering, "engineering", "", "judge against this LAN engineering: standard or voiceVlan (default: declared, else inferred)")
	fl.StringVarP(&opts.Output, "output", "o", "", "output format: table, json or jsonl (default table on a terminal, json otherwise)")
	fl.StringVar(&opts.OutFile, "out", "", "write the output to `FILE` instead of stdout")
	fl.StringVar(&opts.Lang, "lang", "en", "language of the table's messages: en or fr")
	fl.StringVar(&opts.SnapshotsDir, "snapshots", "", "with --inventory, also write each site's snapshot to `DIR`/SITE.json")
	fl.DurationVar(&opts.Timeout, "timeout", snmp.DefaultTimeout, "SNMP: time to wait for each answer")
	fl.IntVar(&opts.Retries, "retries", snmp.DefaultRetries, "SNMP: retries after a request got no answer")
	fl.IntVar(&opts.Concurrency, "concurrency", snmp.DefaultConcurrency, "SNMP: switches read at once per site")
	fl.IntVar(&opts.Parallel, "parallel", 4, "sites discovered at once")
	cmdutil.AddHistoryFlag(fl, &opts.History)
	fl.BoolVar(&opts.NoHistory, "no-history", false, "do not record the audit in the history")
	return cmd
}

func (o *AuditOptions) validate() error {
	switch {
	case o.SnapshotFile == "" && o.InventoryFile == "":
		return cmdutil.UsageError("give --snapshot FILE or --inventory FILE")
	case o.Site != "" && o.InventoryFile == "":
		return cmdutil.UsageError("--site needs --inventory")
	case o.SnapshotsDir != "" && (o.InventoryFile == "" || o.SnapshotFile != ""):
		return cmdutil.UsageError("--snapshots is for discovery: use it with --inventory alone")
	case o.History != "" && o.NoHistory:
		return cmdutil.UsageError("--history and --no-history contradict each other: give one")
	}
	switch o.Output {
	case "", "table", "json", "jsonl":
	default:
		return cmdutil.UsageError("unknown output format %q; use table, json or jsonl", o.Output)
	}
	switch o.Lang {
	case "en", "fr":
	default:
		return cmdutil.UsageError("--lang %q: use en or fr", o.Lang)
	}
	switch o.Engineering {
	case "", string(audit.EngineeringStandard), string(audit.EngineeringVoiceVLAN):
	default:
		return cmdutil.UsageError("--engineering %q: use standard or voiceVlan", o.Engineering)
	}
	if o.Parallel < 1 || o.Parallel > 64 {
		return cmdutil.UsageError("--parallel must be between 1 and 64, got %d", o.Parallel)
	}
	switch {
	case o.Timeout <= 0:
		return cmdutil.UsageError("--timeout must be positive (e.g. 2s), got %s", o.Timeout)
	case o.Retries < 0:
		return cmdutil.UsageError("--retries must be 0 (no retry) or more, got %d", o.Retries)
	case o.Concurrency < 1:
		return cmdutil.UsageError("--concurrency must be 1 or more, got %d", o.Concurrency)
	}
	return nil
}

func auditRun(ctx context.Context, opts *AuditOptions) error {
	req := sites.Request{InventoryFile: opts.InventoryFile, Site: opts.Site, Profile: opts.Profile,
		Engineering: opts.Engineering, Stdin: opts.IO.In, Resolver: opts.Resolver}
	if opts.SnapshotFile != "" {
		req.SnapshotFiles = []string{opts.SnapshotFile}
	}
	all, err := sites.Load(ctx, req)
	if err != nil {
		return err
	}
	// The history is opened before any switch is read: a file it cannot
	// record into is said now, not after a long discovery.
	rec, err := cmdutil.OpenRecorder(ctx, opts.History, opts.NoHistory, opts.Getenv, opts.IO.ErrOut, "audit")
	if err != nil {
		return err
	}
	defer rec.Close()
	if opts.SnapshotFile == "" {
		if err := opts.discoverAll(ctx, all); err != nil {
			return err
		}
	}
	results := make([]*audit.Result, len(all))
	for i, s := range all {
		results[i] = s.Result
	}
	if err := opts.write(results); err != nil {
		return err
	}
	for i, r := range results {
		rec.Record(ctx, r, all[i].Snapshot, history.SourceAudit)
	}
	return outcome(opts.IO.ErrOut, results)
}

// discoverAll discovers and audits the sites, Parallel at a time, printing
// progress to stderr.
func (o *AuditOptions) discoverAll(ctx context.Context, all []*sites.Site) error {
	var mu sync.Mutex
	say := func(format string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(o.IO.ErrOut, format+"\n", a...)
	}
	defaults := snmp.Credentials{Version: "2c", Community: o.Getenv(sites.EnvCommunity)}
	sem := make(chan struct{}, o.Parallel)
	var wg sync.WaitGroup
	errs := make([]error, len(all))
	for i, j := range all {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				errs[i] = ctx.Err()
				return
			}
			defer func() { <-sem }()
			say("site %s: discovering %d switch(es)", j.Name, len(j.Targets))
			sopts := snmp.Options{Credentials: defaults, Timeout: o.Timeout, Retries: o.Retries, Concurrency: o.Concurrency}
			if o.IO.ErrTTY {
				sopts.Progress = func(ev snmp.Event) {
					if ev.Done {
						status := "ok"
						if ev.Err != nil {
							status = ev.Err.Error()
						}
						say("site %s: switch %d/%d %s: %s", j.Name, ev.N, ev.Total, ev.Target, status)
					}
				}
			}
			if errs[i] = j.Discover(ctx, o.Discover, sopts); errs[i] != nil {
				return
			}
			if o.SnapshotsDir != "" {
				if errs[i] = writeSnapshot(o.SnapshotsDir, j.Snapshot); errs[i] != nil {
					return
				}
			}
			say("%s", sites.Summary(j.Result))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func writeSnapshot(dir string, snap *snapshot.Snapshot) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("audit: --snapshots: %w; give a directory you can write", err)
	}
	// Atomically, as every output: a failed run keeps the previous file.
	err := cmdutil.WriteFile(filepath.Join(dir, snap.Site+".json"), nil, func(w io.Writer) error { return snapshot.Encode(w, snap) })
	if err != nil {
		return fmt.Errorf("audit: --snapshots: %w; give a directory you can write", err)
	}
	return nil
}

// write sends the results to stdout or --out.
func (o *AuditOptions) write(results []*audit.Result) (err error) {
	w, closeOut, err := cmdutil.OpenOutput(o.OutFile, o.IO)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	defer cmdutil.CloseOutput(&err, closeOut, "audit")
	switch cmdutil.DefaultFormat(o.Output, o.IO, o.OutFile) {
	case "table":
		// Aligned for a person at a terminal; tab-separated in a pipe or a --out file.
		return writeTable(w, results, o.Lang, o.IO.OutTTY && o.OutFile == "")
	case "jsonl":
		for _, r := range results {
			r.Normalize()
			line, err := json.Marshal(r)
			if err != nil {
				return fmt.Errorf("audit: %w", err)
			}
			if _, err := w.Write(append(line, '\n')); err != nil {
				return err
			}
		}
		return nil
	}
	if len(results) == 1 {
		return audit.Encode(w, results[0])
	}
	for _, r := range results {
		r.Normalize()
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(results)
}

// outcome picks the exit code: any fail is 1, else any incomplete is 3,
// each incomplete site's reason said on stderr.
func outcome(errOut io.Writer, results []*audit.Result) error {
	incomplete, failed := false, false
	for _, r := range results {
		switch r.Verdict {
		case audit.VerdictFail:
			failed = true
		case audit.VerdictIncomplete:
			incomplete = true
			fmt.Fprintf(errOut, "voxlan audit: site %q is incomplete: %s\n", r.Site, r.IncompleteReason())
		}
	}
	if failed {
		return cmdutil.Silent(exitFail)
	}
	if incomplete {
		return cmdutil.Silent(exitIncomplete)
	}
	return nil
}
