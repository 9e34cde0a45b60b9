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
	invcmd "github.com/voxlan/voxlan/cmd/voxlan/internal/inventory"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/sizing"
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

// EnvCommunity is the v2c community for switches whose inventory entry has
// no SNMP settings (the same variable as voxlan discover).
const EnvCommunity = "VOXLAN_SNMP_COMMUNITY"

// AuditOptions are the verb's dependencies and flag values.
type AuditOptions struct {
	IO       *cmdutil.IOStreams
	Getenv   func(string) string
	Resolver *inventory.Resolver
	// Discover reads a site's switches; snmp.Discover unless a test injects one.
	Discover func(ctx context.Context, site string, targets []snmp.Target, opts snmp.Options) *snapshot.Snapshot

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
}

// NewCmdAudit builds the command. runF replaces auditRun in tests of flag
// parsing.
func NewCmdAudit(f *cmdutil.Factory, runF func(*AuditOptions) error) *cobra.Command {
	opts := &AuditOptions{IO: f.IO, Getenv: f.Getenv, Resolver: invcmd.NewResolver(f), Discover: snmp.Discover}
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

// job is one site to audit: its snapshot (read or to discover) and what
// the inventory declares.
type job struct {
	name    string
	snap    *snapshot.Snapshot
	prof    *profile.Profile
	site    audit.Site
	targets []snmp.Target
}

func auditRun(ctx context.Context, opts *AuditOptions) error {
	jobs, err := opts.plan(ctx)
	if err != nil {
		return err
	}
	results := make([]*audit.Result, len(jobs))
	if opts.SnapshotFile != "" {
		for i, j := range jobs {
			results[i] = audit.Run(j.snap, j.prof, j.site)
		}
	} else if err := opts.discoverAll(ctx, jobs, results); err != nil {
		return err
	}
	if err := opts.write(results); err != nil {
		return err
	}
	return outcome(opts.IO.ErrOut, results)
}

// plan reads the inputs and builds the jobs, refusing bad input before any
// packet is sent.
func (o *AuditOptions) plan(ctx context.Context) ([]*job, error) {
	var override *profile.Profile
	if o.Profile != "" {
		p, err := profile.Load(o.Profile)
		if err != nil {
			return nil, cmdutil.UsageError("%v", err)
		}
		override = p
	}
	var inv *inventory.Inventory
	if o.InventoryFile != "" {
		var err error
		if inv, err = invcmd.Load(o.InventoryFile); err != nil {
			return nil, err
		}
	}
	if o.SnapshotFile != "" {
		snap, err := readSnapshot(o.IO.In, o.SnapshotFile)
		if err != nil {
			return nil, cmdutil.UsageError("%v", err)
		}
		j := &job{name: snap.Site, snap: snap, prof: override}
		if inv != nil {
			name := o.Site
			if name == "" {
				name = snap.Site
			}
			s, err := inv.Site(name)
			if err != nil {
				return nil, cmdutil.UsageError("%v; name it with --site", err)
			}
			if err := o.fromInventory(j, inv, s); err != nil {
				return nil, err
			}
		}
		if j.prof == nil {
			j.prof, _ = profile.Builtin("wte")
		}
		if o.Engineering != "" {
			j.site.Engineering = audit.Engineering(o.Engineering)
		}
		return []*job{j}, nil
	}
	sites, err := invcmd.Sites(inv, o.Site)
	if err != nil {
		return nil, err
	}
	var jobs []*job
	for _, s := range sites {
		j := &job{name: s.Name, prof: override}
		if err := o.fromInventory(j, inv, s); err != nil {
			return nil, err
		}
		if o.Engineering != "" {
			j.site.Engineering = audit.Engineering(o.Engineering)
		}
		if j.targets, err = invcmd.Targets(ctx, o.Resolver, s); err != nil {
			return nil, err
		}
		jobs = append(jobs, j)
	}
	return jobs, nil
}

func (o *AuditOptions) fromInventory(j *job, inv *inventory.Inventory, s *inventory.Site) error {
	j.name = s.Name
	j.site = SiteOf(s)
	if j.prof == nil {
		p, err := inv.ProfileOf(s)
		if err != nil {
			return cmdutil.UsageError("site %s: %v", s.Name, err)
		}
		j.prof = p
	}
	return nil
}

// SiteOf maps an inventory site to what the audit needs to know of it.
func SiteOf(s *inventory.Site) audit.Site {
	as := audit.Site{Name: s.Name, Engineering: audit.Engineering(s.Engineering), Users: s.Users, DataVLAN: s.DataVLAN, VoiceVLAN: s.VoiceVLAN,
		InternetVia: s.InternetVia, CarriedUsers: s.CarriedUsers, CarriedSites: s.CarriedSites}
	if s.WAN != nil {
		as.WAN = &sizing.WAN{Access: s.WAN.Access, UpKbps: s.WAN.UpKbps, DownKbps: s.WAN.DownKbps}
	}
	return as
}

func readSnapshot(stdin io.Reader, path string) (*snapshot.Snapshot, error) {
	if path == "-" {
		return snapshot.Decode(stdin)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	snap, err := snapshot.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return snap, nil
}

// discoverAll discovers and audits the sites, Parallel at a time, printing
// progress to stderr.
func (o *AuditOptions) discoverAll(ctx context.Context, jobs []*job, results []*audit.Result) error {
	var mu sync.Mutex
	say := func(format string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(o.IO.ErrOut, format+"\n", a...)
	}
	defaults := snmp.Credentials{Version: "2c", Community: o.Getenv(EnvCommunity)}
	sem := make(chan struct{}, o.Parallel)
	var wg sync.WaitGroup
	errs := make([]error, len(jobs))
	for i, j := range jobs {
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
			say("site %s: discovering %d switch(es)", j.name, len(j.targets))
			sopts := snmp.Options{Credentials: defaults, Timeout: o.Timeout, Retries: o.Retries, Concurrency: o.Concurrency}
			if o.IO.ErrTTY {
				sopts.Progress = func(ev snmp.Event) {
					if ev.Done {
						status := "ok"
						if ev.Err != nil {
							status = ev.Err.Error()
						}
						say("site %s: switch %d/%d %s: %s", j.name, ev.N, ev.Total, ev.Target, status)
					}
				}
			}
			snap := o.Discover(ctx, j.name, j.targets, sopts)
			if o.SnapshotsDir != "" {
				if err := writeSnapshot(o.SnapshotsDir, snap); err != nil {
					errs[i] = err
					return
				}
			}
			r := audit.Run(snap, j.prof, j.site)
			c := r.Counts()
			say("site %s: %s (%d fail, %d unknown, %d warn)", j.name, r.Verdict, c[audit.StatusFail], c[audit.StatusUnknown], c[audit.StatusWarn])
			results[i] = r
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
	f, err := os.Create(filepath.Join(dir, snap.Site+".json"))
	if err != nil {
		return fmt.Errorf("audit: --snapshots: %w; give a directory you can write", err)
	}
	if err := snapshot.Encode(f, snap); err != nil {
		f.Close()
		return err
	}
	return f.Close()
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
