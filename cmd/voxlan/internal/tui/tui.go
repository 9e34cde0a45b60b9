// Package tui is the `voxlan tui` verb, and the jack finding `voxlan`
// alone adds before opening the terminal UI (the wiring both share with
// `voxlan demo` is tuiwire's).
package tui

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/tuiwire"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
	"github.com/voxlan/voxlan/tui/common"
)

// TUIOptions are the verb's dependencies and flag values.
type TUIOptions struct {
	IO     *cmdutil.IOStreams
	Getenv func(string) string
	// Open runs the UI; tuiwire.Open unless a test injects one.
	Open func(ctx context.Context, io *cmdutil.IOStreams, deps *common.Deps) error
	// Interfaces lists the wired interfaces with a link, for the Here
	// screen to find the jack without --iface (HostJacks of the factory's
	// listing unless a test injects a list; nil: no search).
	Interfaces common.InterfacesFunc

	Targets      []string
	SnapshotFile string
	Inventory    string
	Site         string
	Profile      string
	// Drivers: how the Plan screen reaches switches over SSH.
	Drivers tuiwire.DriverOptions
	// Jack: the laptop's interface to listen and probe on (--iface).
	Jack        JackOptions
	Timeout     time.Duration
	Retries     int
	Concurrency int
	// History records each audit the UI makes, and the Findings screen
	// marks what is new and fixed since the site's previous one;
	// NoHistory does neither.
	History   string
	NoHistory bool
}

// NewCmdTUI builds the command. runF replaces tuiRun in tests of flag
// parsing.
func NewCmdTUI(f *cmdutil.Factory, runF func(*TUIOptions) error) *cobra.Command {
	opts := &TUIOptions{IO: f.IO, Getenv: f.Getenv, Open: tuiwire.Open, Interfaces: HostJacks(f.Interfaces)}
	cmd := &cobra.Command{
		Use:   "tui [flags] [TARGET...]",
		Short: "Open the terminal UI on a site",
		Long: `Open the terminal UI: the jack (Here), the site's switches with their
discovery progress (Site), a switch's front panel (Switch), what is wrong
(Findings) and the fix (Plan).

Read a site of an inventory (--inventory sites.yaml [--site NAME]: its
switches, their SNMP credentials by reference, its profile and
declarations), or the switches given as TARGET (host or host:port) over
SNMP v2c with the community from VOXLAN_SNMP_COMMUNITY (default "public"),
or replay a saved snapshot with --snapshot FILE (with --inventory, judged
with that site's declarations and profile, exactly as voxlan audit
--snapshot FILE --inventory FILE does). Running voxlan with no arguments on
a terminal opens the same UI.

The Here screen examines the jack the laptop is plugged into: it acts as
a phone (LLDP-MED and CDP) to learn the switch, port and voice VLAN, then
probes DHCP in the data and voice VLANs, DNS and the gateway (needs root or
CAP_NET_RAW). Without --iface IF it finds the jack itself: the only wired
Ethernet interface with a link, or the one you pick when there are several
(not when replaying a --snapshot).

Keys: 1-5 or tab move between screens, ? shows every key, q leaves.

Exit codes: 0 left with q, 2 bad flags or input files, or no terminal
(piped), 130 interrupted.`,
		Example: `  voxlan tui --inventory sites.yaml --site hq
  voxlan tui --snapshot hq.json --inventory sites.yaml
  VOXLAN_SNMP_COMMUNITY=... voxlan tui 10.1.1.2 10.1.1.3 --profile mitel
  sudo voxlan tui --inventory sites.yaml --iface eth0 --target 192.0.2.10`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Targets = args
			if len(args) > 0 && (opts.SnapshotFile != "" || opts.Inventory != "") {
				return cmdutil.UsageError("give TARGETs, --inventory FILE or --snapshot FILE (with --inventory for its declarations), not TARGETs with them")
			}
			if opts.Inventory != "" && c.Flags().Changed("profile") {
				return cmdutil.UsageError("--profile does not go with --inventory: the inventory names each site's profile")
			}
			if opts.History != "" && opts.NoHistory {
				return cmdutil.UsageError("--history and --no-history contradict each other: give one")
			}
			if !opts.IO.OutTTY || !opts.IO.InTTY {
				return cmdutil.UsageError("the UI needs a terminal; for scripts use voxlan discover -o json")
			}
			if runF != nil {
				return runF(opts)
			}
			return tuiRun(c.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.SnapshotFile, "snapshot", "", "open a saved snapshot `FILE` instead of discovering")
	cmd.Flags().StringVar(&opts.Inventory, "inventory", "", "read the switches of a site of inventory `FILE` (sites.yaml)")
	cmd.Flags().StringVar(&opts.Site, "site", "", "the inventory's site to open, or the name shown for TARGETs")
	cmd.Flags().StringVar(&opts.Profile, "profile", DefaultProfile, "audit profile: a built-in `NAME` (wte, mitel, generic) or a YAML file")
	cmd.Flags().StringVar(&opts.Drivers.Platform, "platform", "", "driver for switches the inventory does not describe (cisco_ios...), for the Plan screen")
	cmd.Flags().IntVar(&opts.Drivers.SSHPort, "ssh-port", 22, "SSH port for switches the inventory does not describe")
	cmd.Flags().BoolVar(&opts.Drivers.AcceptNewKey, "accept-new-hostkey", false, "trust a switch's SSH host key on first contact (a changed key is always refused)")
	cmd.Flags().StringVar(&opts.Drivers.BackupDir, "backup-dir", "", "where apply keeps backups (default: backups in voxlan's state directory: $XDG_STATE_HOME/voxlan on Linux, ~/Library/Application Support/voxlan on macOS, %LOCALAPPDATA%\\voxlan on Windows)")
	cmd.Flags().StringVar(&opts.Jack.Interface, "iface", "", "examine the jack on `IF`: act as a phone (LLDP-MED, CDP), then probe DHCP, DNS, gateway (root or CAP_NET_RAW)")
	cmd.Flags().DurationVar(&opts.Jack.Wait, "wait", 5*time.Second, "with --iface, listen for LLDP/CDP at most this long")
	cmd.Flags().StringArrayVar(&opts.Jack.Targets, "target", nil, "with --iface, a host to measure and try the profile's openings towards (repeatable)")
	cmd.Flags().StringArrayVar(&opts.Jack.Resolve, "resolve", nil, "with --iface, a name to resolve through the offered DNS (repeatable)")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", snmp.DefaultTimeout, "SNMP timeout per request")
	cmd.Flags().IntVar(&opts.Retries, "retries", snmp.DefaultRetries, "SNMP retries after the first try")
	cmd.Flags().IntVar(&opts.Concurrency, "concurrency", snmp.DefaultConcurrency, "switches read at once")
	cmdutil.AddHistoryFlag(cmd.Flags(), &opts.History)
	cmd.Flags().BoolVar(&opts.NoHistory, "no-history", false, "do not record the audits in the history (nor mark what changed since the last one)")
	return cmd
}

func tuiRun(ctx context.Context, opts *TUIOptions) error {
	deps, err := NewDeps(ctx, opts)
	if err != nil {
		return err
	}
	if opts.Jack.Profile == "" {
		opts.Jack.Profile = opts.Profile
	}
	if opts.Jack.Profile == "" {
		opts.Jack.Profile = DefaultProfile
	}
	if opts.Jack.Interface != "" {
		if deps.Here, deps.Probe, err = JackDeps(opts.Jack); err != nil {
			return cmdutil.UsageError("%v", err)
		}
		deps.TagsNote = capture.TagsHiddenNote(capture.TagsHidden)
	} else {
		FindJack(deps, opts.Jack, opts.Interfaces)
	}
	return opts.Open(ctx, opts.IO, deps)
}

// NewDeps are the screens' dependencies for the site opts name, the Plan
// screen wired to the drivers; the jack is left to tuiRun. The equivalence
// test opens the UI's models on them, as `voxlan tui` does.
func NewDeps(ctx context.Context, opts *TUIOptions) (*common.Deps, error) {
	deps, site, err := opts.deps(ctx)
	if err != nil {
		return nil, err
	}
	o := opts.Drivers
	o.Entry = func() *inventory.Site { return site.Entry }
	if deps.Audit, deps.Render, deps.Apply, err = tuiwire.Drivers(opts.Getenv, o, deps.Audit); err != nil {
		return nil, err
	}
	if err := opts.historyDeps(deps); err != nil {
		return nil, err
	}
	return deps, nil
}

// deps loads the site as every command does (package sites: the
// inventory's declarations and profile, a saved snapshot judged with them,
// or TARGETs) and wires the screens to it. With nothing given the UI opens
// on the jack alone.
func (o *TUIOptions) deps(ctx context.Context) (*common.Deps, *sites.Site, error) {
	req := sites.Request{InventoryFile: o.Inventory, Site: o.Site, Addresses: o.Targets, Stdin: o.IO.In, Single: "the terminal UI opens on",
		Resolver: sites.NewResolver(&cmdutil.Factory{IO: o.IO, Getenv: o.Getenv})}
	if o.Inventory == "" {
		req.Profile = o.Profile
	}
	if o.SnapshotFile != "" {
		req.SnapshotFiles = []string{o.SnapshotFile}
	}
	var site *sites.Site
	if req.InventoryFile == "" && len(req.SnapshotFiles) == 0 && len(req.Addresses) == 0 {
		prof, err := profile.Load(o.Profile)
		if err != nil {
			return nil, nil, cmdutil.UsageError("--profile: %v", err)
		}
		site = &sites.Site{Name: o.Site, Profile: prof}
	} else {
		all, err := sites.Load(ctx, req)
		if err != nil {
			return nil, nil, err
		}
		if site, err = sites.One(all, "the terminal UI opens on"); err != nil {
			return nil, nil, err
		}
	}
	deps := &common.Deps{Site: site.Name, Concurrency: o.Concurrency, Now: time.Now,
		Audit: func(_ context.Context, snap *snapshot.Snapshot) (*audit.Result, error) { return site.Judge(snap), nil }}
	if site.Snapshot != nil {
		deps.Snapshot = site.Snapshot
		return deps, site, nil
	}
	community := o.Getenv(sites.EnvCommunity)
	if community == "" {
		community = snmp.DefaultCommunity
	}
	opts := snmp.Options{Credentials: snmp.Credentials{Version: "2c", Community: community}, Timeout: o.Timeout, Retries: o.Retries}
	creds := map[string]*snmp.Credentials{}
	for _, t := range site.Targets {
		deps.Targets = append(deps.Targets, t.Address)
		creds[t.Address] = t.Credentials
	}
	deps.Stages = tuiwire.DiscoveryStages
	deps.Discover = func(ctx context.Context, target string, progress func(common.Progress)) snapshot.Switch {
		one := opts
		if c := creds[target]; c != nil {
			one.Credentials = *c
		}
		return tuiwire.Discoverer(one)(ctx, target, progress)
	}
	return deps, site, nil
}

// DefaultProfile is the audit profile the UI judges against unless told,
// as every command does.
const DefaultProfile = sites.DefaultProfile
