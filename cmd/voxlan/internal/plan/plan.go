// Package plan is the `voxlan plan` verb: per switch, the lines voxlan
// would send and the diff of the sections they change. Nothing is sent:
// only show commands run.
package plan

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	invcmd "github.com/voxlan/voxlan/cmd/voxlan/internal/inventory"
	"github.com/voxlan/voxlan/drivers/all"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/snmp"
)

// Schema of the JSON output.
const Schema = "voxlan.plan/v1"

// PlanOptions are the verb's dependencies and flag values.
type PlanOptions struct {
	IO *cmdutil.IOStreams
	Source
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
SSH.`,
		Example: `  voxlan plan --inventory sites.yaml --site hq
  voxlan plan --audit audit.json --inventory sites.yaml
  VOXLAN_SSH_USER=admin VOXLAN_SSH_PASSWORD=... voxlan plan --audit audit.json --platform cisco_ios`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := opts.Source.check(opts.Output); err != nil {
				return err
			}
			opts.Resolver = invcmd.NewResolver(f)
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
	AddSourceFlags(cmd, &opts.Source, f.Getenv)
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "output format: table or json (default table on a terminal, json otherwise)")
	cmd.Flags().StringVar(&opts.OutFile, "out", "", "write the output to `FILE` instead of stdout")
	return cmd
}

// AddSourceFlags adds the flags plan and apply share.
func AddSourceFlags(cmd *cobra.Command, s *Source, getenv func(string) string) {
	fl := cmd.Flags()
	fl.StringVar(&s.AuditFile, "audit", "", "audit result `FILE` (voxlan audit -o json) holding the changes")
	fl.StringVar(&s.InventoryFile, "inventory", "", "inventory `FILE` telling how to reach each switch over SSH")
	fl.StringVar(&s.SnapshotFile, "snapshot", "", "with --inventory: audit this snapshot `FILE` (voxlan discover -o json) for the changes")
	fl.StringVar(&s.Site, "site", "", "site `NAME` in the inventory (default: the audit's site)")
	fl.StringVar(&s.Platform, "platform", PlatformAuto, "driver of every switch (cisco_ios...), or auto: the inventory's, else the discovered OS, else show version's")
	fl.IntVar(&s.SSHPort, "ssh-port", 22, "SSH port for switches the inventory does not describe")
	fl.StringArrayVar(&s.Protect, "protect-port", nil, "never touch this port (`[SWITCH=]PORT`, e.g. the management port); repeatable")
	fl.StringVar(&s.KnownHosts, "known-hosts", DefaultKnownHosts(getenv), "known_hosts `FILE` checked for every switch")
	fl.BoolVar(&s.AcceptNewKey, "accept-new-hostkey", false, "trust a switch's host key on first contact without asking (a changed key is always refused)")
	fl.DurationVar(&s.Timeout, "timeout", 30*time.Second, "time to wait for each reply of a switch")
}

func (s *Source) check(output string) error {
	switch output {
	case "", "table", "json":
	default:
		return cmdutil.UsageError("unknown output format %q; use table or json", output)
	}
	if s.Timeout <= 0 {
		return cmdutil.UsageError("--timeout must be positive")
	}
	return nil
}

// Result is the JSON document of the verb.
type Result struct {
	Schema   string              `json:"schema"`
	Switches []*apply.SwitchPlan `json:"switches"`
	Errors   []SwitchError       `json:"errors"`
}

// SwitchError is a switch that could not be planned.
type SwitchError struct {
	Switch string `json:"switch"`
	Error  string `json:"error"`
}

func planRun(ctx context.Context, opts *PlanOptions) error {
	if opts.AskHostKey == nil && opts.IO.InTTY {
		opts.AskHostKey = AskHostKey(opts.IO)
	}
	if opts.Progress == nil {
		opts.Progress = opts.IO.ErrOut
	}
	targets, err := Load(ctx, &opts.Source)
	if err != nil {
		return err
	}
	res := &Result{Schema: Schema, Switches: []*apply.SwitchPlan{}, Errors: []SwitchError{}}
	for _, t := range targets {
		if t.Err != nil {
			res.Errors = append(res.Errors, SwitchError{Switch: t.Switch, Error: t.Err.Error()})
			continue
		}
		fmt.Fprintf(opts.IO.ErrOut, "plan: reading %s\n", t.Describe())
		p, err := PlanOne(ctx, &opts.Source, t)
		if err != nil {
			res.Errors = append(res.Errors, SwitchError{Switch: t.Switch, Error: err.Error()})
			continue
		}
		res.Switches = append(res.Switches, p)
	}
	w := opts.IO.Out
	if opts.OutFile != "" {
		f, err := os.OpenFile(opts.OutFile, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if opts.Output == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
	} else {
		for _, p := range res.Switches {
			WritePlan(w, p)
		}
		for _, e := range res.Errors {
			fmt.Fprintf(w, "%s: NOT PLANNED: %s\n", e.Switch, e.Error)
		}
	}
	if len(res.Errors) > 0 {
		return cmdutil.Silent(cmdutil.ExitPartial)
	}
	return nil
}

// PlanOne reads one switch (show commands only) and plans its changes.
func PlanOne(ctx context.Context, s *Source, t *Target) (*apply.SwitchPlan, error) {
	sess, err := s.Dial(t)(ctx, s.Timeout)
	if err != nil {
		return nil, err
	}
	defer sess.Close()
	return apply.Plan(ctx, sess, t.Driver, t.Switch, t.Changes, t.Guard)
}

// WritePlan prints one switch's plan for people.
func WritePlan(w io.Writer, p *apply.SwitchPlan) {
	fmt.Fprintf(w, "== %s (%s): %d line(s), port(s) %s\n", p.Switch, p.Platform, len(p.Lines), strings.Join(p.Ports, " "))
	for _, r := range p.Refused {
		fmt.Fprintf(w, "   refused %s: %s (%d change(s) dropped)\n", r.Port, r.Reason, r.Changes)
	}
	for _, d := range p.Diff {
		fmt.Fprintf(w, "   %s\n", d.Title)
		for _, l := range d.Lines {
			fmt.Fprintf(w, "   %s\n", l)
		}
	}
	if len(p.Lines) > 0 {
		fmt.Fprintf(w, "   lines to send:\n")
		for _, l := range p.Lines {
			fmt.Fprintf(w, "     %s\n", l)
		}
	} else {
		fmt.Fprintf(w, "   nothing to send\n")
	}
}

// AskHostKey asks on the terminal whether to trust a new host key.
func AskHostKey(io *cmdutil.IOStreams) func(addr, fp string) bool {
	return func(addr, fp string) bool {
		fmt.Fprintf(io.ErrOut, "The switch %s is not in known_hosts. Its host key is\n  %s\nTrust it (check it with the switch's owner)? [y/N] ", addr, fp)
		var answer string
		_, _ = fmt.Fscanln(io.In, &answer)
		return strings.EqualFold(strings.TrimSpace(answer), "y") || strings.EqualFold(strings.TrimSpace(answer), "yes")
	}
}
