package discover

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/snmp"
)

// discoverInventory discovers each site of the inventory (or the one named
// with --site) into its own snapshot: to stdout or --out FILE for one site,
// to --out DIR/SITE.json for several. Credentials come from the inventory's
// references; switches without SNMP settings use the flags and environment.
func discoverInventory(ctx context.Context, opts *DiscoverOptions) error {
	inv, err := sites.LoadInventory(opts.InventoryFile)
	if err != nil {
		return err
	}
	name := ""
	if opts.siteGiven {
		name = opts.Site
	}
	entries, err := sites.SelectSites(inv, name)
	if err != nil {
		return err
	}
	dir := ""
	if len(entries) > 1 {
		if opts.OutFile == "" {
			return cmdutil.UsageError("%d sites (%s): give --out DIR for one SITE.json each, or --site NAME", len(entries), sites.SiteNames(entries))
		}
		dir = opts.OutFile
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("discover: --out: %w; give a directory you can write", err)
		}
	}
	defaults, err := opts.credentials()
	if err != nil {
		return err
	}
	var worst error
	for _, s := range entries {
		targets, err := sites.SNMPTargets(ctx, opts.Resolver, s)
		if err != nil {
			return err
		}
		sopts := snmp.Options{Credentials: defaults, Timeout: opts.Timeout, Retries: opts.Retries, Concurrency: opts.Concurrency, Transport: opts.Transport}
		if opts.IO.ErrTTY {
			sopts.Progress = newProgress(opts.IO.ErrOut).event
		}
		fmt.Fprintf(opts.IO.ErrOut, "site %s: discovering %d switch(es)\n", s.Name, len(targets))
		snap := opts.Discover(ctx, s.Name, targets, sopts)
		one := *opts
		if dir != "" {
			one.OutFile = filepath.Join(dir, s.Name+".json")
			one.Output = "json"
		}
		if err := one.write(snap); err != nil {
			return err
		}
		if err := outcome(opts.IO.ErrOut, snap, len(targets)); err != nil && worst == nil {
			worst = err
		}
		if ctx.Err() != nil {
			return errors.Join(worst, ctx.Err())
		}
	}
	return worst
}
