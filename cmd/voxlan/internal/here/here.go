// Package here is the `voxlan here` verb: which switch, port, VLANs and PoE
// are behind the technician's wall jack, learnt from LLDP/CDP (provoked by
// acting as an IP phone).
package here

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/lldp"
	"github.com/voxlan/voxlan/snapshot"
)

// HereOptions are the verb's dependencies and flag values.
type HereOptions struct {
	IO  *cmdutil.IOStreams
	Now func() time.Time
	// Open opens the interface; capture.Open unless a test injects a port.
	Open func(ifname string, etherTypes ...uint16) (capture.Port, error)
	// Interfaces finds the jack when --iface is not given.
	Interfaces cmdutil.InterfacesFunc
	// TagsHidden says why this OS hides 802.1Q tags from capture
	// (capture.TagsHidden), "" where they are seen.
	TagsHidden string

	Interface   string
	Probe       bool
	Wait        time.Duration
	UntilAnswer bool
	Output      string // "table" or "json"; empty = table on a terminal, json otherwise
	OutFile     string
	Site        string
}

// NewCmdHere builds the command; runF replaces hereRun in tests.
func NewCmdHere(f *cmdutil.Factory, runF func(*HereOptions) error) *cobra.Command {
	opts := &HereOptions{IO: f.IO, Now: f.Now, Open: capture.Open, Interfaces: f.Interfaces, TagsHidden: capture.TagsHidden}
	cmd := &cobra.Command{
		Use:   "here [--iface IF] [flags]",
		Short: "Identify the switch, port, VLANs and PoE behind this jack (LLDP/CDP)",
		Long: `Listen on IF for LLDP and CDP. With --probe (the default) voxlan first acts
as an IP phone: it sends an LLDP-MED endpoint frame (class III, voice policy
"unknown") and a CDP VoIP VLAN query, so a switch with LLDP-MED fast start
answers within milliseconds instead of at its next 30 s (LLDP) or 60 s (CDP)
interval. When it stops it sends a TTL=0 LLDPDU so the switch forgets the
fake phone.

It reports switch name and model, port, native/data VLAN, voice VLAN with
tagging, priority and DSCP, PoE offered, which protocol said what and how
long it took. It keeps listening until --wait for late or extra neighbours:
several on one jack means a hub or unmanaged switch.

Without --iface it listens on the only wired Ethernet interface with
carrier, and says which interfaces it saw when there is none or several.
Names are the ones the OS shows: "Ethernet 2" on Windows, en5 on macOS,
enp3s0 on Linux.

Needs raw frames: root or CAP_NET_RAW on Linux (sudo setcap cap_net_raw+ep
$(command -v voxlan)), sudo on macOS, Npcap on Windows (an administrator
prompt when Npcap is restricted to administrators). Where the OS hides
802.1Q tags from capture (Windows, macOS), voxlan says so: the voice VLAN
still comes from LLDP-MED/CDP, which are untagged.

-o json writes a snapshot (schema voxlan.snapshot/v1) holding only the
"here" block, so audit and report read it like any other snapshot.

Exit codes: 0 a neighbour was heard, 3 none heard, 2 bad flags, 1 failure.`,
		Example: `  sudo voxlan here
  sudo voxlan here --iface eth0
  voxlan here --iface "Ethernet 2"
  sudo voxlan here --iface eth0 --no-probe --wait 65s -o json --out jack.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if noProbe, _ := cmd.Flags().GetBool("no-probe"); noProbe {
				opts.Probe = false
			}
			if opts.Wait <= 0 {
				return cmdutil.UsageError("here: --wait %v must be positive", opts.Wait)
			}
			switch opts.Output {
			case "", "table", "json":
			default:
				return cmdutil.UsageError("here: -o %q: want table or json", opts.Output)
			}
			if runF != nil {
				return runF(opts)
			}
			return hereRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Interface, "iface", "i", "", "wired interface to listen on (default: the only one with carrier)")
	cmd.Flags().BoolVar(&opts.Probe, "probe", true, "act as an IP phone to make the switch answer at once")
	cmd.Flags().Bool("no-probe", false, "only listen (same as --probe=false)")
	cmd.Flags().DurationVar(&opts.Wait, "wait", 10*time.Second, "how long to listen in all")
	cmd.Flags().BoolVar(&opts.UntilAnswer, "until-answer", false, "stop as soon as the voice VLAN is known")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "table or json (default: table on a terminal, json otherwise)")
	cmd.Flags().StringVar(&opts.OutFile, "out", "", "write to this file instead of stdout")
	cmd.Flags().StringVar(&opts.Site, "site", "", "site name recorded in the snapshot")
	return cmd
}

func hereRun(ctx context.Context, opts *HereOptions) (err error) {
	iface, why, err := cmdutil.JackInterface("here", opts.Interface, opts.Interfaces)
	if err != nil {
		return err
	}
	opts.Interface = iface
	port, err := opts.Open(opts.Interface, lldp.CaptureEtherTypes...)
	if err != nil {
		if errors.Is(err, capture.ErrPermission) {
			return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: fmt.Errorf("here: %w", err)}
		}
		if uerr := cmdutil.UnknownInterface("here", opts.Interface); uerr != nil {
			return uerr
		}
		return fmt.Errorf("here: %w", err)
	}
	defer port.Close()
	errOut := opts.IO.ErrOut
	if opts.IO.ErrTTY {
		mode := "listening"
		if opts.Probe {
			mode = "acting as a phone (LLDP-MED + CDP), listening"
		}
		fmt.Fprintf(errOut, "%s on %s for up to %v...\n", mode, cmdutil.Chosen(opts.Interface, why), opts.Wait)
	}
	if opts.TagsHidden != "" {
		// Always said: it changes what the table can show.
		fmt.Fprintln(errOut, "here: "+capture.TagsHiddenNote(opts.TagsHidden))
	}
	h, err := lldp.Here(ctx, port, opts.Interface, lldp.HereOptions{
		Probe: opts.Probe, Wait: opts.Wait, StopOnAnswer: opts.UntilAnswer, Now: opts.Now,
		OnEvent: func(ev lldp.HereEvent) {
			if !opts.IO.ErrTTY {
				return
			}
			if ev.VoiceKnown {
				// The answer the technician waits for, at once; the full
				// table follows when --wait is over.
				fmt.Fprintf(errOut, "%10s  %s\n", seconds(ev.Elapsed.Seconds()), answerLine(ev))
			} else {
				fmt.Fprintf(errOut, "%10s  heard %s from %s port %s\n", seconds(ev.Elapsed.Seconds()), ev.Neighbor.Protocol, nameOf(ev.Neighbor), ev.Neighbor.PortID)
			}
		},
		OnBroken: func(elapsed time.Duration, source string, err error) {
			// Always said, TTY or not: a broken frame on the jack is
			// worth a capture (voxlan decode) and is not a neighbour.
			fmt.Fprintf(errOut, "%10s  skipped a broken frame from %s: %v\n", seconds(elapsed.Seconds()), source, err)
		},
	})
	if err != nil {
		return fmt.Errorf("here: %w", err)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	out, closeOut, err := cmdutil.OpenOutput(opts.OutFile, opts.IO)
	if err != nil {
		return fmt.Errorf("here: %w", err)
	}
	defer cmdutil.CloseOutput(&err, closeOut, "here")
	if cmdutil.DefaultFormat(opts.Output, opts.IO, opts.OutFile) == "json" {
		s := snapshot.New(opts.Site)
		s.TakenAt = opts.Now().UTC()
		s.Here = h
		if err := snapshot.Encode(out, s); err != nil {
			return fmt.Errorf("here: %w", err)
		}
	} else if err := writeTable(out, h); err != nil {
		return fmt.Errorf("here: %w", err)
	}
	if len(h.Neighbors) == 0 {
		fmt.Fprintf(errOut, "here: no LLDP or CDP neighbour on %s in %v; check the cable, or the switch may have LLDP/CDP off (try --wait 65s without --probe)\n", opts.Interface, opts.Wait)
		return cmdutil.Silent(cmdutil.ExitPartial)
	}
	return nil
}

// answerLine sums up the neighbour that told the voice VLAN: switch, port,
// voice and data VLANs, PoE, and which protocol said so.
func answerLine(ev lldp.HereEvent) string {
	n, d := ev.Neighbor, ev.Detail
	parts := []string{nameOf(n)}
	if n.Platform != "" {
		parts[0] += " (" + n.Platform + ")"
	}
	parts = append(parts, "port "+n.PortID)
	if n.MED != nil {
		for _, p := range n.MED.Policies {
			if p.Application == "voice" && !p.Unknown {
				tag := "untagged"
				if p.Tagged {
					tag = "tagged"
				}
				parts = append(parts, fmt.Sprintf("voice VLAN %d %s priority %d DSCP %d (LLDP-MED)", p.VLAN, tag, p.Priority, p.DSCP))
				break
			}
		}
	}
	if d.VoiceVLAN != 0 {
		parts = append(parts, fmt.Sprintf("voice VLAN %d (CDP)", d.VoiceVLAN))
	}
	if d.PortVLAN != 0 {
		parts = append(parts, fmt.Sprintf("data VLAN %d", d.PortVLAN))
	}
	if d.PoE != nil {
		parts = append(parts, "PoE "+poeText(d.PoE))
	}
	return strings.Join(parts, ", ")
}

func nameOf(n snapshot.Neighbor) string {
	if n.SysName != "" {
		return n.SysName
	}
	return n.ChassisID
}

// writeTable prints one block per neighbour, in the order heard.
func writeTable(w io.Writer, h *snapshot.Here) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if h.Probe.Sent {
		if h.Probe.AnswerSeconds > 0 {
			fmt.Fprintf(tw, "Voice VLAN known after\t%s (%s, probe sent)\n", seconds(h.Probe.AnswerSeconds), h.Probe.AnswerProtocol)
		} else {
			fmt.Fprintf(tw, "Voice VLAN\tnot announced (probe sent)\n")
		}
	} else if h.Probe.AnswerSeconds > 0 {
		fmt.Fprintf(tw, "Voice VLAN known after\t%s (%s, listening only)\n", seconds(h.Probe.AnswerSeconds), h.Probe.AnswerProtocol)
	}
	if h.SeveralNeighbors {
		fmt.Fprintf(tw, "WARNING\tseveral neighbours on this jack: a hub or unmanaged switch is in between\n")
	}
	for i, n := range h.Neighbors {
		d := h.Details[i]
		fmt.Fprintf(tw, "\n%s neighbour\t(first heard after %s, %d frames, TTL %d s)\n", strings.ToUpper(n.Protocol), seconds(d.FirstSeconds), d.Frames, d.TTL)
		row := func(k, v string) {
			if v != "" {
				fmt.Fprintf(tw, "  %s\t%s\n", k, v)
			}
		}
		row("Switch", n.SysName)
		row("Chassis", n.ChassisID)
		row("Model", n.Platform)
		row("Description", firstLine(n.SysDescr))
		row("Port", strings.TrimSpace(n.PortID+" "+paren(n.PortDescr)))
		row("Capabilities", strings.Join(n.Capabilities, ", "))
		row("Management", n.MgmtAddress)
		if d.PortVLAN != 0 {
			row("Native/data VLAN", fmt.Sprint(d.PortVLAN))
		}
		if d.VoiceVLAN != 0 {
			row("Voice VLAN (CDP)", fmt.Sprint(d.VoiceVLAN))
		}
		if n.MED != nil {
			row("LLDP-MED class", n.MED.DeviceClass)
			for _, p := range n.MED.Policies {
				tagged := "untagged"
				if p.Tagged {
					tagged = "tagged"
				}
				v := fmt.Sprintf("VLAN %d %s, priority %d, DSCP %d", p.VLAN, tagged, p.Priority, p.DSCP)
				if p.Unknown {
					v = "unknown (not configured)"
				}
				row("Policy "+p.Application, v)
			}
		}
		if d.SpeedMbps != 0 {
			row("Link", fmt.Sprintf("%d Mb/s %s duplex (%s)", d.SpeedMbps, d.Duplex, d.MAU))
		} else if d.Duplex != "" {
			row("Duplex", d.Duplex)
		}
		if d.FrameVLAN != 0 {
			row("Frames tagged", fmt.Sprintf("VLAN %d", d.FrameVLAN))
		}
		if p := d.PoE; p != nil {
			row("PoE", poeText(p))
		}
	}
	return tw.Flush()
}

func poeText(p *snapshot.HerePoE) string {
	if !p.Offered {
		return "not offered"
	}
	var parts []string
	if p.Class != nil {
		parts = append(parts, fmt.Sprintf("class %d", *p.Class))
	}
	if p.PowerType != 0 {
		parts = append(parts, fmt.Sprintf("type %d", p.PowerType))
	}
	if p.AllocatedW != 0 {
		parts = append(parts, fmt.Sprintf("allocated %.1f W", p.AllocatedW))
	}
	if p.MEDW != 0 {
		parts = append(parts, fmt.Sprintf("LLDP-MED %.1f W", p.MEDW))
	}
	if p.AvailableW != 0 {
		parts = append(parts, fmt.Sprintf("available %.1f W", p.AvailableW))
	}
	if p.Priority != "" {
		parts = append(parts, "priority "+p.Priority)
	}
	return strings.TrimSpace("offered " + strings.Join(parts, ", "))
}

// seconds shows a duration in ms below a second (fast start answers in
// about 1 ms), in s above.
func seconds(s float64) string {
	if s < 1 {
		return fmt.Sprintf("%.1f ms", s*1000)
	}
	return fmt.Sprintf("%.3f s", s)
}

func firstLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return s[:i]
	}
	return s
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}
