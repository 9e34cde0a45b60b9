// Package profile is the `voxlan profile` verb: list the built-in profiles,
// show one as YAML (to copy and edit), and check an edited copy.
package profile

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/profile"
)

// ProfileOptions are the verb's dependencies and flag values.
type ProfileOptions struct {
	IO *cmdutil.IOStreams
	// Action is "list", "show" or "check".
	Action string
	Name   string
	Output string
}

// NewCmdProfile builds `voxlan profile list|show|check`.
func NewCmdProfile(f *cmdutil.Factory, runF func(*ProfileOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "profile",
		Short: "List, show and check audit profiles",
		Long: `A profile holds what a site is audited against: voice VLAN handling, PoE,
speed and duplex, LLDP-MED priority and DSCP, DHCP, transport thresholds,
WAN sizing assumptions, firewall openings, phone identification.

Built in: wte (the operator STAS), mitel (the Mitel deployment report),
generic. To adapt one, copy it, edit it and pass the file to --profile:
  voxlan profile show wte > my.yaml
  voxlan profile check my.yaml
  voxlan audit --snapshot site.json --profile my.yaml

Exit codes: 0 done, 2 bad flags or an unknown subcommand.`,
		Example: `  voxlan profile list
  voxlan profile show wte > my.yaml
  voxlan profile check my.yaml`,
	}
	run := func(opts *ProfileOptions) func(*cobra.Command, []string) error {
		return func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				opts.Name = args[0]
			}
			switch opts.Output {
			case "", "table", "json", "yaml":
			default:
				return cmdutil.UsageError("unknown output format %q; use table or json", opts.Output)
			}
			if runF != nil {
				return runF(opts)
			}
			return profileRun(cmd.Context(), opts)
		}
	}
	list := &ProfileOptions{IO: f.IO, Action: "list"}
	listCmd := &cobra.Command{Use: "list", Short: "List the built-in profiles", Args: cobra.NoArgs, RunE: run(list),
		Long:    "List the built-in profiles with what each is for.\n\nExit codes: 0 done, 2 bad flags.",
		Example: "  voxlan profile list\n  voxlan profile list -o json"}
	listCmd.Flags().StringVarP(&list.Output, "output", "o", "", "output format: table or json")
	show := &ProfileOptions{IO: f.IO, Action: "show"}
	showCmd := &cobra.Command{Use: "show NAME|FILE", Short: "Print a profile as YAML (built-in text, comments kept) or JSON", Args: cobra.ExactArgs(1), RunE: run(show),
		Long:    "Print a built-in profile (its YAML with the comments, the reference for every key) or a profile file.\n\nExit codes: 0 done, 2 bad flags, an unknown profile or a file with mistakes.",
		Example: "  voxlan profile show wte > my.yaml\n  voxlan profile show mitel -o json"}
	showCmd.Flags().StringVarP(&show.Output, "output", "o", "yaml", "output format: yaml or json")
	check := &ProfileOptions{IO: f.IO, Action: "check"}
	checkCmd := &cobra.Command{Use: "check FILE", Short: "Validate an edited profile; every mistake with file:line:column", Args: cobra.ExactArgs(1), RunE: run(check),
		Long:    "Validate an edited profile: unknown keys (with \"did you mean\"), missing keys, wrong types and out-of-range values, each as file:line:column.\n\nExit codes: 0 valid, 2 mistakes found (or bad flags).",
		Example: "  voxlan profile check my.yaml"}
	cmd.AddCommand(listCmd, showCmd, checkCmd)
	return cmd
}

func profileRun(_ context.Context, opts *ProfileOptions) error {
	out := opts.IO.Out
	switch opts.Action {
	case "list":
		var ps []*profile.Profile
		for _, n := range profile.Names() {
			p, err := profile.Builtin(n)
			if err != nil {
				return err
			}
			ps = append(ps, p)
		}
		if opts.Output == "json" {
			type row struct {
				Name         string   `json:"name"`
				Title        string   `json:"title"`
				Source       string   `json:"source"`
				Engineerings []string `json:"engineerings"`
			}
			rows := make([]row, len(ps))
			for i, p := range ps {
				rows[i] = row{p.Name, p.Title.EN, p.Source, p.Engineerings}
			}
			enc := json.NewEncoder(out)
			enc.SetIndent("", "  ")
			return enc.Encode(rows)
		}
		if !opts.IO.OutTTY {
			for _, p := range ps {
				fmt.Fprintf(out, "%s\t%s\t%s\t%s\n", p.Name, strings.Join(p.Engineerings, ","), p.Title.EN, p.Source)
			}
			return nil
		}
		tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tENGINEERINGS\tTITLE\tSOURCE")
		for _, p := range ps {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", p.Name, strings.Join(p.Engineerings, ","), p.Title.EN, p.Source)
		}
		return tw.Flush()
	case "show":
		p, err := profile.Load(opts.Name)
		if err != nil {
			return cmdutil.UsageError("%v", err)
		}
		if opts.Output == "json" {
			enc := json.NewEncoder(out)
			enc.SetIndent("", "  ")
			return enc.Encode(p)
		}
		if data, err := profile.BuiltinYAML(opts.Name); err == nil {
			_, err = out.Write(data)
			return err
		}
		return cmdutil.UsageError("show prints built-in profiles as YAML; for a file use -o json, or just open it")
	case "check":
		p, err := profile.Load(opts.Name)
		if err != nil {
			fmt.Fprintln(opts.IO.ErrOut, err)
			return cmdutil.Silent(cmdutil.ExitUsage)
		}
		fmt.Fprintf(out, "%s: valid profile %q\n", opts.Name, p.Name)
		return nil
	}
	return fmt.Errorf("profile: unknown action %q", opts.Action)
}
