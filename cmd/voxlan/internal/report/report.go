// Package report is the `voxlan report` verb: the pre-activation report of
// one or several sites, from saved audit results (and the snapshots they
// judged) or from snapshots audited on the spot.
package report

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	dapply "github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/internal/readcap"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/report"
	"github.com/voxlan/voxlan/snmp"
)

// ReportOptions are the verb's dependencies and flag values.
type ReportOptions struct {
	IO      *cmdutil.IOStreams
	Now     func() time.Time
	Getenv  func(string) string
	Version string

	// Resolver reads the inventory's credential references; Discover reads
	// a site's switches (snmp.Discover unless a test injects one).
	Resolver *inventory.Resolver
	Discover sites.Discoverer

	InventoryFile string
	AuditFiles    []string
	SnapshotFiles []string
	AppliedFile   string
	PlanFile      string
	Profile       string
	Site          string
	Output        string
	Lang          string
	OutPath       string
	RunBy         string
	Address       string
	// Since is the audit the "Since the last audit" section compares with
	// (a history reference or an audit file); by default the site's
	// previous audit in the History database, unless NoHistory.
	Since     string
	History   string
	NoHistory bool
}

// NewCmdReport builds the command. runF replaces reportRun in tests of flag
// parsing.
func NewCmdReport(f *cmdutil.Factory, runF func(*ReportOptions) error) *cobra.Command {
	opts := &ReportOptions{IO: f.IO, Now: f.Now, Getenv: f.Getenv, Resolver: sites.NewResolver(f), Discover: snmp.Discover}
	cmd := &cobra.Command{
		Use:   "report (--audit FILE... [--snapshot FILE...] | --snapshot FILE... | --inventory FILE [--site S]) -o FORMAT [flags]",
		Short: "Write the pre-activation report of a site (HTML, PDF, Markdown, CSV, JSON)",
		Long: `Write the report an integrator hands over before IP phones go live: the
verdict, every requirement with its evidence, the switches and their port
maps, the findings and fixes, the change plan (and what was applied), the
jack probe, the WAN sizing, the firewall openings and the items to check on
site, in French or English.

--audit takes saved audit results (voxlan audit -o json). Give the snapshots
they were made from with --snapshot to draw the switches and port maps; a
snapshot is matched to its audit by site name. --snapshot alone audits each
snapshot with --profile first. --inventory discovers each site (or --site)
over SNMP, audits it with the site's profile and declarations (users, WAN,
VLANs), then reports; with --snapshot it takes those declarations for the
snapshots instead of discovering. SNMP secrets come from the inventory's
references, or $VOXLAN_SNMP_COMMUNITY for switches without SNMP settings.

--applied (voxlan apply -o json) adds what was changed and verified;
--plan (voxlan plan -o json) appends each switch's exact CLI lines, the
first 40 per switch, naming the file for the rest. Dates are shown in $TZ
(by its name) or the system's zone.

One document per site. Several sites give one HTML or PDF file with a
contents page, or, when --out is a directory, one file per site. CSV writes
the findings, and with --out FILE.csv the ports as well in FILE-ports.csv.

Exit codes: 0 written, 2 bad flags or input files, 1 could not write.`,
		Example: `  voxlan report --audit hq.audit.json --snapshot hq.json -o pdf --lang fr --out hq.pdf
  voxlan report --snapshot hq.json --profile wte -o html --out hq.html
  voxlan report --inventory sites.yaml --site hq -o pdf --lang en --out hq.pdf
  voxlan report --audit a.json --audit b.json -o html --out reports/
  voxlan report --audit hq.audit.json -o csv --out hq.csv     # hq.csv and hq-ports.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.validate(); err != nil {
				return err
			}
			opts.Version = cmd.Root().Version
			if runF != nil {
				return runF(opts)
			}
			return reportRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.InventoryFile, "inventory", "", "sites `FILE` (sites.yaml): discover and audit each site, then report")
	fl.StringArrayVar(&opts.AuditFiles, "audit", nil, "audit result `FILE` (voxlan audit -o json); repeat for several sites")
	fl.StringArrayVar(&opts.SnapshotFiles, "snapshot", nil, "snapshot `FILE` the audit judged, or to audit when no --audit is given; repeatable")
	fl.StringVar(&opts.AppliedFile, "applied", "", "`FILE` written by voxlan apply -o json: what was changed and verified, and the backup's name")
	fl.StringVar(&opts.PlanFile, "plan", "", "`FILE` written by voxlan plan -o json: each switch's exact CLI lines, in an appendix (capped per switch)")
	fl.StringVar(&opts.Profile, "profile", "", "profile `NAME` or file for --snapshot audits and the firewall list (default: the audit's own, else wte)")
	fl.StringVar(&opts.Site, "site", "", "report only this site")
	fl.StringVarP(&opts.Output, "output", "o", "html", "format: html, pdf, md, csv or json")
	fl.StringVar(&opts.Lang, "lang", "fr", "language: fr or en")
	fl.StringVar(&opts.OutPath, "out", "", "write to `PATH` (a file, or an existing directory for one file per site) instead of stdout")
	fl.StringVar(&opts.RunBy, "by", "", "who ran the audit, shown on the cover (default $USER)")
	fl.StringVar(&opts.Address, "address", "", "the site's postal address, shown on the cover (one site only)")
	fl.StringVar(&opts.Since, "since", "", "compare with this audit in \"Since the last audit\": `REF` (SITE@N, an id...) or an audit FILE (default: the site's previous audit in the history)")
	cmdutil.AddHistoryFlag(fl, &opts.History)
	fl.BoolVar(&opts.NoHistory, "no-history", false, "no \"Since the last audit\" section from the history")
	return cmd
}

func (o *ReportOptions) validate() error {
	if len(o.AuditFiles) == 0 && len(o.SnapshotFiles) == 0 && o.InventoryFile == "" {
		return cmdutil.UsageError("give --audit FILE (a saved audit result), --snapshot FILE (audited here) or --inventory FILE (discovered and audited here)")
	}
	if o.InventoryFile != "" && len(o.AuditFiles) > 0 {
		return cmdutil.UsageError("--inventory audits the sites itself; give it without --audit")
	}
	if _, err := report.ParseFormat(o.Output); err != nil {
		return cmdutil.UsageError("-o %q: use one of html, pdf, md, csv, json", o.Output)
	}
	if _, err := report.ParseLang(o.Lang); err != nil {
		return cmdutil.UsageError("--lang %q: use fr or en", o.Lang)
	}
	return nil
}

func reportRun(ctx context.Context, opts *ReportOptions) error {
	format, _ := report.ParseFormat(opts.Output)
	lang, _ := report.ParseLang(opts.Lang)
	cat, err := report.LoadCatalog(lang)
	if err != nil {
		return err
	}
	inputs, err := opts.inputs(ctx)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	docs := make([]*report.Document, 0, len(inputs))
	for _, in := range inputs {
		d, err := report.Build(in)
		if err != nil {
			return cmdutil.UsageError("%v", err)
		}
		docs = append(docs, d)
	}
	return opts.write(format, cat, docs)
}

// inputs loads the sites (audits read, snapshots judged, inventory sites
// discovered and judged) as every command does.
func (o *ReportOptions) inputs(ctx context.Context) ([]report.Input, error) {
	all, err := sites.Load(ctx, sites.Request{InventoryFile: o.InventoryFile, Site: o.Site, SnapshotFiles: o.SnapshotFiles,
		AuditFiles: o.AuditFiles, Profile: o.Profile, Stdin: o.IO.In, Resolver: o.Resolver})
	if err != nil {
		return nil, err
	}
	if o.InventoryFile != "" && len(o.SnapshotFiles) == 0 {
		if err := o.discover(ctx, all); err != nil {
			return nil, err
		}
	}
	applied, err := o.applied()
	if err != nil {
		return nil, err
	}
	planCLI, err := o.planCLI()
	if err != nil {
		return nil, err
	}
	runBy := o.RunBy
	if runBy == "" {
		runBy = o.Getenv("USER")
	}
	var inputs []report.Input
	for _, s := range all {
		in := report.Input{Result: s.Result, Snapshot: s.Snapshot,
			Meta: report.Meta{RunBy: runBy, GeneratedAt: o.Now(), Zone: reportZone(o.Getenv)}}
		if applied != nil {
			in.Meta.AppliedFile = filepath.Base(o.AppliedFile)
		}
		if planCLI != nil {
			in.Meta.PlanFile = filepath.Base(o.PlanFile)
		}
		if s.Profile != nil {
			in.Firewall = report.FirewallFromProfile(s.Profile)
		} else {
			fmt.Fprintf(o.IO.ErrOut, "voxlan report: profile %q is not built in; give --profile FILE to list its firewall openings\n", s.Result.Profile)
		}
		inputs = append(inputs, in)
	}
	if o.Address != "" {
		if len(inputs) > 1 {
			return nil, cmdutil.UsageError("--address is for one site; %d sites given (use --site)", len(inputs))
		}
		inputs[0].Meta.Address = o.Address
	}
	if applied != nil {
		if len(inputs) > 1 {
			return nil, cmdutil.UsageError("--applied belongs to one site; %d sites given (use --site)", len(inputs))
		}
		inputs[0].Applied = applied
	}
	if planCLI != nil {
		if len(inputs) > 1 {
			return nil, cmdutil.UsageError("--plan belongs to one site; %d sites given (use --site)", len(inputs))
		}
		inputs[0].PlanCLI = planCLI
	}
	if err := o.since(ctx, inputs); err != nil {
		return nil, err
	}
	return inputs, nil
}

// discover reads every site of the inventory (or --site) over SNMP, one
// site after the other, and judges it with the site's declarations.
func (o *ReportOptions) discover(ctx context.Context, all []*sites.Site) error {
	defaults := snmp.Credentials{Version: "2c", Community: o.Getenv(sites.EnvCommunity)}
	for _, s := range all {
		fmt.Fprintf(o.IO.ErrOut, "voxlan report: site %s: discovering %d switch(es)\n", s.Name, len(s.Targets))
		if err := s.Discover(ctx, o.Discover, snmp.Options{Credentials: defaults, Retries: snmp.DefaultRetries}); err != nil {
			return err
		}
		fmt.Fprintf(o.IO.ErrOut, "voxlan report: %s\n", sites.Summary(s.Result))
	}
	return nil
}

func (o *ReportOptions) planCLI() (*dapply.PlanDocument, error) {
	if o.PlanFile == "" {
		return nil, nil
	}
	data, err := readcap.ReadFile(o.PlanFile, cmdutil.MaxInputBytes)
	if err != nil {
		return nil, cmdutil.UsageError("--plan: %v", err)
	}
	p, err := dapply.DecodePlanDocument(data)
	if err != nil {
		return nil, cmdutil.UsageError("--plan %s: %v", o.PlanFile, err)
	}
	return p, nil
}

func (o *ReportOptions) applied() (*dapply.Record, error) {
	if o.AppliedFile == "" {
		return nil, nil
	}
	data, err := readcap.ReadFile(o.AppliedFile, cmdutil.MaxInputBytes)
	if err != nil {
		return nil, cmdutil.UsageError("--applied: %v", err)
	}
	a, err := dapply.DecodeRecord(data)
	if err != nil {
		return nil, cmdutil.UsageError("--applied %s: %v", o.AppliedFile, err)
	}
	return a, nil
}

// write sends the documents to stdout, a file, or one file per site in a
// directory.
func (o *ReportOptions) write(format report.Format, cat *report.Catalog, docs []*report.Document) error {
	ropts := report.Options{Version: o.Version}
	if o.OutPath != "" {
		if st, err := os.Stat(o.OutPath); err == nil && st.IsDir() {
			for _, d := range docs {
				path := filepath.Join(o.OutPath, fileName(d.Site)+format.Ext())
				if err := o.writeFile(path, format, cat, []*report.Document{d}, ropts); err != nil {
					return err
				}
			}
			return nil
		}
		return o.writeFile(o.OutPath, format, cat, docs, ropts)
	}
	if format == report.FormatJSON && len(docs) > 1 {
		// An array of results: still one JSON document on stdout.
		return report.Render(o.IO.Out, format, cat, docs, ropts)
	}
	if format == report.FormatPDF && o.IO.OutTTY {
		return cmdutil.UsageError("a PDF on a terminal would be unreadable; give --out FILE.pdf or redirect stdout")
	}
	if format == report.FormatCSV {
		fmt.Fprintln(o.IO.ErrOut, "voxlan report: stdout holds the findings; give --out FILE.csv for the ports table too")
	}
	return report.Render(o.IO.Out, format, cat, docs, ropts)
}

// writeFile writes to a temporary file renamed into place, so a failed run
// never leaves half a report where the last good one was.
func (o *ReportOptions) writeFile(path string, format report.Format, cat *report.Catalog, docs []*report.Document, ropts report.Options) error {
	if err := cmdutil.WriteFile(path, o.IO, func(w io.Writer) error { return report.Render(w, format, cat, docs, ropts) }); err != nil {
		return err
	}
	fmt.Fprintf(o.IO.ErrOut, "voxlan report: wrote %s\n", path)
	if format != report.FormatCSV {
		return nil
	}
	ports := strings.TrimSuffix(path, filepath.Ext(path)) + "-ports.csv"
	if err := cmdutil.WriteFile(ports, o.IO, func(w io.Writer) error { return report.RenderPortsCSV(w, cat, docs) }); err != nil {
		return err
	}
	fmt.Fprintf(o.IO.ErrOut, "voxlan report: wrote %s\n", ports)
	return nil
}

// fileName makes a site name safe as a file name, keeping letters of any
// script ("Agence Lyon Part-Dieu" -> "Agence_Lyon_Part-Dieu").
func fileName(site string) string {
	var b strings.Builder
	for _, r := range site {
		switch {
		case r == '/' || r == '\\' || r == ':' || r == 0 || r < ' ' || r == ' ':
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	name := strings.Trim(b.String(), "._")
	if name == "" {
		return "site"
	}
	return name
}

// reportZone is the time zone of every date in the report: $TZ by its
// name ("Europe/Paris") when the system knows it, else the system's own.
func reportZone(getenv func(string) string) *time.Location {
	if tz := strings.TrimPrefix(getenv("TZ"), ":"); tz != "" {
		if loc, err := time.LoadLocation(tz); err == nil {
			return loc
		}
	}
	return time.Local
}
