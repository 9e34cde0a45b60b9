package discover

import (
	"fmt"
	"os"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/all"
	"github.com/voxlan/voxlan/snapshot"
)

// discoverFromCLI builds the snapshot from saved show outputs (one file per
// command in DIR, named after the command with spaces as underscores) read
// by the --platform driver: for a site whose owner sends outputs instead of
// credentials.
func discoverFromCLI(opts *DiscoverOptions) error {
	reg, err := all.New()
	if err != nil {
		return err
	}
	d, err := reg.Lookup(opts.Platform)
	if err != nil {
		return cmdutil.UsageError("--platform: %v", err)
	}
	if st, err := os.Stat(opts.FromCLI); err != nil || !st.IsDir() {
		return cmdutil.UsageError("--from-cli %s: not a directory of show outputs", opts.FromCLI)
	}
	sw, err := drivers.SnapshotFromCLI(d, opts.FromCLI)
	if err != nil {
		return cmdutil.UsageError("%v", err)
	}
	snap := snapshot.New(opts.Site)
	if opts.Now != nil {
		snap.TakenAt = opts.Now()
	}
	snap.Switches = append(snap.Switches, *sw)
	for _, e := range sw.Errors {
		fmt.Fprintf(opts.IO.ErrOut, "voxlan: %s\n", e.Error())
	}
	return opts.write(snap)
}
