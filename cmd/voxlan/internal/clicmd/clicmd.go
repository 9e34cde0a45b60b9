// Package clicmd is the `voxlan cli` verb group: `voxlan cli parse` prints
// what a driver's parser reads from a saved show output, as JSON.
package clicmd

import (
	"context"
	"encoding/json"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/all"
	"github.com/voxlan/voxlan/internal/readcap"
)

// ParseOptions are `voxlan cli parse`'s dependencies and flags.
type ParseOptions struct {
	IO       *cmdutil.IOStreams
	Registry *drivers.Registry
	Platform string
	Command  string
	File     string
}

// NewCmdCLI builds `voxlan cli` with its `parse` subcommand.
func NewCmdCLI(f *cmdutil.Factory, runF func(*ParseOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cli",
		Short: "Work with saved switch CLI outputs",
		Long: `Work with show outputs saved from a switch's CLI: parse prints what
voxlan's parser for its OS reads from them.

Exit codes: 0 done, 2 bad flags or an unknown subcommand.`,
		Example: `  voxlan cli parse --platform cisco_ios --command "show power inline" power.txt`,
	}
	opts := &ParseOptions{IO: f.IO}
	parse := &cobra.Command{
		Use:   "parse --platform P --command \"show ...\" FILE",
		Short: "Print what voxlan's parser reads from a saved show output, as JSON",
		Long: `Print, as JSON, what the --platform driver's parser reads from FILE (- for
stdin), the output of --command saved from the switch: the same parser
plan, apply and discover --from-cli use.

Exit codes: 0 parsed, 2 bad flags, an unknown platform or command, or a
file that cannot be read, 1 the parser failed.`,
		Example: `  voxlan cli parse --platform cisco_ios --command "show interfaces switchport" sw1-switchport.txt
  voxlan cli parse --platform cisco_ios --command "show running-config" - < running.txt`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			reg, err := all.New()
			if err != nil {
				return err
			}
			opts.Registry = reg
			opts.File = args[0]
			if opts.Platform == "" || opts.Command == "" {
				return cmdutil.UsageError("--platform and --command are required (platforms: %v)", reg.Names())
			}
			if runF != nil {
				return runF(opts)
			}
			return parseRun(c.Context(), opts)
		},
	}
	parse.Flags().StringVar(&opts.Platform, "platform", "", "driver whose parser reads the output (cisco_ios...)")
	parse.Flags().StringVar(&opts.Command, "command", "", "the show command the output came from")
	cmd.AddCommand(parse)
	return cmd
}

// maxShowOutput bounds a saved show output: a 48-port switch's running
// configuration is some 20 KiB, a stack's LLDP detail a few hundred.
const maxShowOutput = 32 << 20

func parseRun(_ context.Context, opts *ParseOptions) error {
	d, err := opts.Registry.Lookup(opts.Platform)
	if err != nil {
		return cmdutil.UsageError("%v", err)
	}
	var data []byte
	if opts.File == "-" {
		data, err = readcap.ReadAll(opts.IO.In, maxShowOutput)
	} else {
		data, err = readcap.ReadFile(opts.File, maxShowOutput)
	}
	if err != nil {
		return cmdutil.UsageError("%s: %w (a show output is at most a few MiB)", opts.File, err)
	}
	v, err := d.Parse(opts.Command, string(data))
	if err != nil {
		return cmdutil.UsageError("%s: %v", opts.File, err)
	}
	enc := json.NewEncoder(opts.IO.Out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
