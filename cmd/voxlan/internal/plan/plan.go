// Package plan is the `voxlan plan` verb: per switch, the lines voxlan
// would send and the diff of the sections they change. Nothing is sent:
// only show commands run.
package plan

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/drivers/all"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/snmp"
)

// Schema of the JSON output.
const Schema = apply.PlanSchema

// PlanOptions are the verb's dependencies and flag values.
type PlanOptions struct {
	IO *cmdutil.IOStreams
	sites.Source
	Output  string
	OutFile string
}

// NewCmdPlan builds the command. runF replaces planRun in tests.
func NewCmdPlan(f *cmdutil.Factory, runF func(*PlanOptions) error) *cobra.Command {
	opts := &PlanOptions{IO: f.IO}
	opts.Getenv = f.Getenv
	opts.Discover = snmp.Discover
	cmd := &cobra.Command{
		Use:   "plan (--inventory FILE [--snapshot FILE] | --audit FILE) [--site NAME] [flags]",
		Short: "Show, per switch, the CLI lines that would fix the audit, as a diff; sends nothing",
		Long: `Read each switch's running configuration and LLDP neighbours over SSH (show
commands only) and print, per switch, the lines 'voxlan apply' would send and
the before/after diff of the interface and VLAN sections they touch.

Uplinks (LLDP bridge/router neighbour, trunk with many VLANs) and ports given
with --protect-port are refused with the reason.

Changes come from auditing the inventory's site (--site, needed when it has
several): it is discovered over SNMP with the inventory's settings, then
judged against its profile and declarations, as voxlan audit --inventory
does. --snapshot audits a saved snapshot (voxlan discover -o json) instead;
--audit takes an audit result (voxlan audit -o json) as it is.

Switches are reached as the inventory says (ssh.port, ssh.user,
ssh.password reference); without an inventory, the VOXLAN_SSH_USER /
VOXLAN_SSH_PASSWORD environment variables are used. Each switch's driver is
--platform when it names one, else (auto) the inventory's ssh.platform,
else the OS SNMP discovery identified, else what its show version says over
SSH.

Exit codes: 0 every switch planned, 3 some or every switch could not be
planned (each listed with why), 2 bad flags or input files, 130
interrupted.`,
		Example: `  voxlan plan --inventory sites.yaml --site hq
  voxlan plan --audit audit.json --inventory sites.yaml
  VOXLAN_SSH_USER=admin VOXLAN_SSH_PASSWORD=... voxlan plan --audit audit.json --platform cisco_ios`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := opts.Source.Check(opts.Output); err != nil {
				return err
			}
			opts.Resolver = sites.NewResolver(f)
			reg, err := all.New()
			if err != nil {
				return err
			}
			opts.Registry = reg
			if opts.Output == "" {
				opts.Output = "table"
				if !f.IO.OutTTY {
					opts.Output = "json"
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return planRun(c.Context(), opts)
		},
	}
	sites.AddSourceFlags(cmd, &opts.Source, f.Getenv)
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "output format: table or json (default table on a terminal, json otherwise)")
	cmd.Flags().StringVar(&opts.OutFile, "out", "", "write the output to `FILE` instead of stdout")
	return cmd
}

func planRun(ctx context.Context, opts *PlanOptions) (err error) {
	if opts.AskHostKey == nil && opts.IO.InTTY {
		opts.AskHostKey = sites.AskHostKey(opts.IO)
	}
	if opts.Progress == nil {
		opts.Progress = opts.IO.ErrOut
	}
	_, targets, err := opts.Source.Load(ctx)
	if err != nil {
		return err
	}
	res := &apply.PlanDocument{Schema: Schema, Switches: []*apply.SwitchPlan{}, Errors: []apply.SwitchError{}}
	for _, t := range targets {
		if t.Err != nil {
			res.Errors = append(res.Errors, apply.SwitchError{Switch: t.Switch, Error: t.Err.Error()})
			continue
		}
		fmt.Fprintf(opts.IO.ErrOut, "plan: reading %s\n", t.Describe())
		p, err := opts.Source.PlanOne(ctx, t)
		if err != nil {
			res.Errors = append(res.Errors, apply.SwitchError{Switch: t.Switch, Error: err.Error()})
			continue
		}
		res.Switches = append(res.Switches, p)
	}
	w, closeOut, err := cmdutil.OpenOutput(opts.OutFile, opts.IO)
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	defer cmdutil.CloseOutput(&err, closeOut, "plan")
	if opts.Output == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
	} else {
		for _, p := range res.Switches {
			apply.WritePlan(w, p)
		}
		for _, e := range res.Errors {
			fmt.Fprintf(w, "%s: NOT PLANNED: %s\n", e.Switch, e.Error)
		}
	}
	if len(res.Errors) > 0 {
		// Some or every switch could not be planned: partial, as for
		// every command whose targets could not all be read.
		return cmdutil.Silent(cmdutil.ExitPartial)
	}
	return nil
}
