// Package inventory is the `voxlan inventory` verb (check a sites.yaml) and
// the glue the audit and discover verbs share to turn an inventory site into
// SNMP targets with their credentials resolved.
package inventory

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/snmp"
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
or {prompt: true}. Secrets are never written in it.`,
	}
	cmd.AddCommand(newCmdCheck(f, runF))
	return cmd
}

func newCmdCheck(f *cmdutil.Factory, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: f.IO, Resolver: NewResolver(f)}
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

// NewResolver is the credential resolver of a real run: the factory's
// environment, the OS keyring, owner-only files, and a no-echo prompt when
// stdin is a terminal.
func NewResolver(f *cmdutil.Factory) *inventory.Resolver {
	var prompt func(context.Context, string) (string, error)
	if f.IO.InTTY {
		if file, ok := f.IO.In.(*os.File); ok {
			prompt = func(_ context.Context, label string) (string, error) {
				fmt.Fprintf(f.IO.ErrOut, "%s: ", label)
				b, err := term.ReadPassword(int(file.Fd()))
				fmt.Fprintln(f.IO.ErrOut)
				return string(b), err
			}
		}
	}
	return inventory.NewResolver(f.Getenv, prompt)
}

// Load reads the inventory a verb is given with --inventory. Its mistakes
// are usage errors (exit 2) that send the user to 'voxlan inventory check',
// which lists every mistake with its line, not just the first.
func Load(path string) (*inventory.Inventory, error) {
	inv, err := inventory.Load(path)
	if err != nil {
		return nil, cmdutil.UsageError("%v\nRun 'voxlan inventory check %s' after fixing.", err, path)
	}
	return inv, nil
}

// Sites returns the inventory's sites, or the one named (error naming the
// valid ones otherwise).
func Sites(inv *inventory.Inventory, name string) ([]*inventory.Site, error) {
	if name != "" {
		s, err := inv.Site(name)
		if err != nil {
			return nil, cmdutil.UsageError("%v", err)
		}
		return []*inventory.Site{s}, nil
	}
	out := make([]*inventory.Site, len(inv.Sites))
	for i := range inv.Sites {
		out[i] = &inv.Sites[i]
	}
	return out, nil
}

// Targets turns a site's switches into SNMP targets, credentials resolved.
// A switch without SNMP settings uses the discovery defaults (v2c, community
// from VOXLAN_SNMP_COMMUNITY or "public").
func Targets(ctx context.Context, r *inventory.Resolver, s *inventory.Site) ([]snmp.Target, error) {
	out := make([]snmp.Target, 0, len(s.Switches))
	for i := range s.Switches {
		sw := &s.Switches[i]
		c, err := r.SNMPCredentials(ctx, s, sw)
		if err != nil {
			return nil, cmdutil.UsageError("%v", err)
		}
		t := snmp.Target{Address: sw.Host}
		if c != nil {
			t.Credentials = &snmp.Credentials{Version: c.Version, Community: c.Community, User: c.User,
				AuthProto: c.AuthProto, AuthPass: c.AuthPass, PrivProto: c.PrivProto, PrivPass: c.PrivPass, Context: c.Context}
		}
		if err := snmp.ValidateTarget(t, snmp.Credentials{Version: "2c"}); err != nil {
			return nil, cmdutil.UsageError("site %s: %v", s.Name, err)
		}
		out = append(out, t)
	}
	return out, nil
}

// SiteNames lists the names, for messages.
func SiteNames(sites []*inventory.Site) string {
	names := make([]string, len(sites))
	for i, s := range sites {
		names[i] = s.Name
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}
