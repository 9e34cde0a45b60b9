// Package inventory is the `voxlan inventory` verb: check a sites.yaml.
// Turning an inventory into sites to read and judge is package sites'.
package inventory

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/inventory"
)

// CheckOptions are the dependencies and flags of `voxlan inventory check`.
type CheckOptions struct {
	IO       *cmdutil.IOStreams
	Resolver *inventory.Resolver
	File     string
	// Secrets also resolves every credential reference (values never shown).
	Secrets bool
}

// NewCmdInventory builds `voxlan inventory` and its subcommands.
func NewCmdInventory(f *cmdutil.Factory, runF func(*CheckOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "inventory",
		Short: "Check a sites.yaml inventory",
		Long: `An inventory (sites.yaml) lists the sites, their switches and where the
credentials come from: {env: VAR}, {keyring: NAME}, {file: PATH} (owner-only)
or {prompt: true}. Secrets are never written in it.

Exit codes: 0 done, 2 bad flags or an unknown subcommand.`,
		Example: `  voxlan inventory check sites.yaml`,
	}
	cmd.AddCommand(newCmdCheck(f, runF))
	return cmd
}

func newCmdCheck(f *cmdutil.Factory, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: f.IO, Resolver: sites.NewResolver(f)}
	cmd := &cobra.Command{
		Use:   "check FILE",
		Short: "Report every mistake in an inventory with file:line:column",
		Long: `Check FILE: unknown keys, wrong types, secrets written in clear, bad
addresses, VLANs and SNMP settings, each reported as file:line:column with
what to write instead. --secrets also resolves every credential reference
(environment, keyring, owner-only file; never prompts) without showing them.

Exit codes: 0 valid, 2 mistakes found.`,
		Example: `  voxlan inventory check sites.yaml
  VOXLAN_HQ_COMMUNITY=... voxlan inventory check --secrets sites.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return checkRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Secrets, "secrets", false, "also resolve every credential reference (never prompts)")
	return cmd
}

func checkRun(ctx context.Context, opts *CheckOptions) error {
	inv, err := inventory.Load(opts.File)
	if err != nil {
		fmt.Fprintln(opts.IO.ErrOut, err)
		return cmdutil.Silent(cmdutil.ExitUsage)
	}
	switches := 0
	for _, s := range inv.Sites {
		switches += len(s.Switches)
	}
	if opts.Secrets {
		r := *opts.Resolver
		r.Prompt = nil
		var problems []string
		for i := range inv.Sites {
			s := &inv.Sites[i]
			for j := range s.Switches {
				if _, err := (&r).SNMPCredentials(ctx, s, &s.Switches[j]); err != nil && !strings.Contains(err.Error(), "no terminal") {
					problems = append(problems, err.Error())
				}
			}
		}
		if len(problems) > 0 {
			for _, p := range problems {
				fmt.Fprintln(opts.IO.ErrOut, "voxlan: "+p)
			}
			return cmdutil.Silent(cmdutil.ExitUsage)
		}
	}
	fmt.Fprintf(opts.IO.Out, "%s: valid: %d site(s), %d switch(es)\n", opts.File, len(inv.Sites), switches)
	return nil
}
