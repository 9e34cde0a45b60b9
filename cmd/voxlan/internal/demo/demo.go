// Package demo is the `voxlan demo` verb: start the built-in simulated site
// (lab/site: five real switch recordings served on loopback) and run the
// real discovery against it, so a new user sees what voxlan does with no
// switch at hand.
package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/snaptable"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/tuiwire"
	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

// DemoOptions are the verb's dependencies and flag values.
type DemoOptions struct {
	IO  *cmdutil.IOStreams
	Now func() time.Time

	Output  string // "table" (default) or "json"
	OutFile string
	// UI opens the terminal UI on the site instead of printing: on a
	// terminal when neither -o nor --out was given.
	UI bool
	// Delay is added to every SNMP packet each way, to show discovery over
	// a slow WAN link.
	Delay time.Duration
	// Transport is the SNMP transport of the simulated switches and of the
	// discovery: "udp" (default) or "tcp" (RFC 3430). The discovery is
	// the same over both.
	Transport string
}

// NewCmdDemo builds the command. runF replaces demoRun in tests of flag
// parsing.
func NewCmdDemo(f *cmdutil.Factory, runF func(*DemoOptions) error) *cobra.Command {
	opts := &DemoOptions{IO: f.IO, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Discover a built-in simulated site (no switch needed)",
		Long: `Start a simulated site on this machine's loopback (five real switch
recordings: Cisco 3750 and 2960-X, Cisco SG350X, HP ProCurve, Aruba 6200F,
served by voxlan's SNMP agent) and run the real discovery against it, as
'voxlan discover' would against a site's switches. Nothing leaves 127.0.0.1.

On a terminal it opens the terminal UI on the site (discovery progress,
port maps, findings, plan). There the switches also answer over SSH
(voxlan's CLI emulators, configured from the same recordings, on
127.0.0.N), and the site declares voice VLAN 201 and data VLAN 60, so the
Plan screen shows each switch's CLI diff and applies it (backup, send,
verify) after you type yes or the switch's name. With -o or --out, or
piped, it prints the discovery instead.

Exit codes: 0 done, 2 bad flags, 1 the simulated site could not start.`,
		Example: `  voxlan demo                # on a terminal: opens the UI on the site
  voxlan demo -o json --out demo.json
  voxlan demo --delay 10ms   # as if the switches were behind a WAN link
  voxlan demo --snmp-transport tcp -o json   # SNMP over TCP, same discovery`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch opts.Output {
			case "table", "json":
			default:
				return cmdutil.UsageError("unknown output format %q; use table or json", opts.Output)
			}
			if opts.Delay < 0 || opts.Delay > 5*time.Second {
				return cmdutil.UsageError("--delay must be between 0 and 5s, got %s", opts.Delay)
			}
			if err := snmp.ValidateTransport(opts.Transport); err != nil {
				return cmdutil.UsageError("--snmp-transport %q unknown; use udp or tcp", opts.Transport)
			}
			opts.UI = !cmd.Flags().Changed("output") && opts.OutFile == "" && tuiwire.Interactive(opts.IO)
			if runF != nil {
				return runF(opts)
			}
			return demoRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Output, "output", "o", "table", "output format: table or json")
	fl.StringVar(&opts.OutFile, "out", "", "write the output to `FILE` instead of stdout")
	fl.DurationVar(&opts.Delay, "delay", 0, "latency added to every SNMP packet each way (e.g. 10ms)")
	fl.StringVar(&opts.Transport, "snmp-transport", snmp.TransportUDP, "SNMP transport of the simulated switches and the discovery: udp or tcp")
	return cmd
}

func demoRun(ctx context.Context, opts *DemoOptions) error {
	if opts.UI {
		return RunDemo(ctx, opts.IO, sites.DefaultProfile, site.Options{Delay: opts.Delay, Transport: opts.Transport})
	}
	s, err := site.Start(ctx, site.Options{Delay: opts.Delay, Transport: opts.Transport})
	if err != nil {
		return fmt.Errorf("demo: starting the simulated site: %w", err)
	}
	defer s.Close()
	var names []string
	for _, sw := range s.Switches() {
		names = append(names, sw.Name+" "+sw.Address)
	}
	fmt.Fprintf(opts.IO.ErrOut, "voxlan demo: %d simulated switches on loopback (%s), SNMPv2c community %q over %s\n",
		len(names), strings.Join(names, ", "), s.Community(), transportName(opts.Transport))

	start := time.Now()
	snap := snmp.Discover(ctx, "demo", s.Targets(), snmp.Options{Transport: opts.Transport})
	if opts.Now != nil {
		snap.TakenAt = opts.Now().UTC()
	}
	fmt.Fprintf(opts.IO.ErrOut, "voxlan demo: discovered %d switches in %s\n", len(snap.Switches), time.Since(start).Round(time.Millisecond))
	if err := write(opts, snap); err != nil {
		return err
	}
	if len(snap.Errors) > 0 {
		for _, e := range snap.Errors {
			fmt.Fprintf(opts.IO.ErrOut, "voxlan demo: %s\n", e.Error())
		}
		return cmdutil.Silent(cmdutil.ExitPartial)
	}
	return nil
}

// transportName is the transport as the demo's banner says it.
func transportName(t string) string {
	if t == "" {
		t = snmp.TransportUDP
	}
	return strings.ToUpper(t)
}

func write(opts *DemoOptions, snap *snapshot.Snapshot) (err error) {
	w, closeOut, err := cmdutil.OpenOutput(opts.OutFile, opts.IO)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	defer cmdutil.CloseOutput(&err, closeOut, "demo")
	if opts.Output == "json" {
		return snapshot.Encode(w, snap)
	}
	return snaptable.Write(w, snap)
}
