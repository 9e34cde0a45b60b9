// Package version is `voxlan version`: which voxlan this is, for bug reports
// and for the report's "made by" line.
package version

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
)

// VersionOptions are the flags of `voxlan version`.
type VersionOptions struct {
	IO     *cmdutil.IOStreams
	Output string
	Info   cmdutil.BuildInfo
}

// NewCmdVersion builds `voxlan version`; runF replaces the run in tests.
func NewCmdVersion(f *cmdutil.Factory, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print voxlan's version, revision and build",
		Long: `Print the module version, the VCS revision and the time of the commit the
binary was built from, as recorded by the Go toolchain (the same as
voxlan --version).

Exit codes: 0 done, 2 bad flags.`,
		Example: `  voxlan version
  voxlan version -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Output != "text" && opts.Output != "json" {
				return cmdutil.UsageError("-o %q: give text or json", opts.Output)
			}
			opts.Info = cmdutil.ReadBuildInfo()
			if runF != nil {
				return runF(opts)
			}
			return versionRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "text", "output `FORMAT`: text or json")
	return cmd
}

func versionRun(opts *VersionOptions) error {
	if opts.Output == "json" {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(opts.Info)
	}
	_, err := fmt.Fprint(opts.IO.Out, opts.Info.Long())
	return err
}
