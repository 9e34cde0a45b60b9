// Package probe is the `voxlan probe` verb: the field checks from the
// technician's jack (DHCP in the data and voice VLANs, DNS, transport
// quality, firewall openings) judged against a profile.
package probe

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	fieldprobe "github.com/voxlan/voxlan/probe"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/snapshot"
)

// ProbeOptions are the verb's dependencies and flag values.
type ProbeOptions struct {
	IO  *cmdutil.IOStreams
	Now func() time.Time
	// Open opens raw ports; capture.Open unless a test injects one.
	Open func(ifname string, etherTypes ...uint16) (capture.Port, error)
	// Interfaces finds the jack when --iface is not given.
	Interfaces cmdutil.InterfacesFunc
	// TagsHidden says why this OS hides 802.1Q tags from capture
	// (capture.TagsHidden), "" where they are seen.
	TagsHidden string

	Interface string
	VoiceVLAN int
	NoLLDP    bool
	HereWait  time.Duration
	Profile   string
	Resolve   []string
	Targets   []string
	// PortList overrides the profile's TCP openings ("443,5061").
	PortList string
	Count    int
	Interval time.Duration
	DHCPWait time.Duration
	Full     bool
	Output   string // "table" or "json"; empty = table on a terminal, json otherwise
	OutFile  string
	Site     string
}

// NewCmdProbe builds the command; runF replaces probeRun in tests.
func NewCmdProbe(f *cmdutil.Factory, runF func(*ProbeOptions) error) *cobra.Command {
	opts := &ProbeOptions{IO: f.IO, Now: f.Now, Open: capture.Open, Interfaces: f.Interfaces, TagsHidden: capture.TagsHidden}
	cmd := &cobra.Command{
		Use:   "probe [--iface IF] [flags]",
		Short: "Check DHCP (data and voice VLANs), DNS, latency/jitter/loss and firewall openings from this jack",
		Long: `Run the checks a phone depends on, from the laptop's wired interface:

  DHCP   a DISCOVER untagged in the data VLAN and, in the same run, one
         tagged with the voice VLAN (--voice-vlan, or the VLAN the switch
         announces over LLDP-MED/CDP while voxlan acts as a phone). Every
         OFFER is collected for --dhcp-wait (servers that ping-check answer
         about 3 s late): server, MAC, address, plan, router, DNS, lease,
         options 43/66/150. Two servers on one VLAN (D4), no server (D1/D2)
         and a voice plan inside the data plan (D2) are findings. No lease is
         taken unless --full (REQUEST/ACK, then RELEASE).
  DNS    the profile's service names (dns.names: wte the STAS 2.6.1 hosts,
         mitel Mitel's RCS) and each --resolve name, through every DNS
         server the OFFERs name, timed (D5).
  T      --count ICMP echoes to the data VLAN's gateway and to each --target:
         one-way latency (RTT/2), jitter (mean |RTT(i)-RTT(i-1)|, RFC 3550),
         loss, judged against the profile (wte: < 150 ms, < 40 ms, < 1 %).
  F      a TCP connect to each TCP port of the profile's firewall openings,
         only towards the --target hosts you name.

Without --iface it probes from the only wired Ethernet interface with
carrier ("Ethernet 2" on Windows, en5 on macOS), and says which interfaces
it saw when there is none or several.

DHCP and LLDP need raw frames (root or CAP_NET_RAW on Linux, sudo on macOS,
Npcap on Windows); without them voxlan says so and still measures DNS (the
host's resolvers), the gateway and the targets. Latency needs no rights
where the OS allows it: a ping socket on macOS (and Linux for the groups in
net.ipv4.ping_group_range), IcmpSendEcho2 on Windows, else timed TCP
connects to port 443; the JSON's "method" says which.
Where the OS hides 802.1Q tags from capture (Windows, macOS), DHCP in the
voice VLAN is not probed and the output says so.

-o json writes a snapshot (schema voxlan.snapshot/v1) with the "probe" block
(and "here" when LLDP/CDP ran), which audit and report read.

Exit codes: 0 all checks passed, 4 findings, 3 checks skipped (no raw
access), 2 bad flags, 1 failure.`,
		Example: `  sudo voxlan probe
  sudo voxlan probe --iface eth0
  sudo voxlan probe --iface eth0 --voice-vlan 20 --resolve sip.example.net --target 192.0.2.10
  sudo voxlan probe --iface eth0 --profile mitel --full -o json --out jack-probe.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.VoiceVLAN < 0 || opts.VoiceVLAN > 4094 {
				return cmdutil.UsageError("probe: --voice-vlan %d: want 1-4094 (0 learns it from LLDP/CDP)", opts.VoiceVLAN)
			}
			if opts.Count < 1 || opts.Count > 1000 {
				return cmdutil.UsageError("probe: --count %d: want 1-1000", opts.Count)
			}
			if opts.Interval < time.Millisecond || opts.DHCPWait < time.Second {
				return cmdutil.UsageError("probe: --interval must be >= 1ms and --dhcp-wait >= 1s")
			}
			switch opts.Output {
			case "", "table", "json":
			default:
				return cmdutil.UsageError("probe: -o %q: want table or json", opts.Output)
			}
			if _, err := fieldprobe.ParsePorts(opts.PortList, "--ports"); err != nil {
				return cmdutil.UsageError("probe: --ports: %v", err)
			}
			if runF != nil {
				return runF(opts)
			}
			return probeRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Interface, "iface", "i", "", "wired interface to probe from (default: the only one with carrier)")
	fl.IntVar(&opts.VoiceVLAN, "voice-vlan", 0, "voice VLAN to probe DHCP in (0: learn it from LLDP-MED/CDP)")
	fl.BoolVar(&opts.NoLLDP, "no-lldp", false, "do not act as a phone to learn the voice VLAN")
	fl.DurationVar(&opts.HereWait, "lldp-wait", 3*time.Second, "how long to wait for the switch to announce the voice VLAN")
	fl.StringVar(&opts.Profile, "profile", "wte", "profile: "+strings.Join(profile.Names(), ", ")+", or a .yaml file")
	fl.StringArrayVar(&opts.Resolve, "resolve", nil, "name to resolve through the offered DNS servers, besides the profile's dns.names (repeatable)")
	fl.StringArrayVar(&opts.Targets, "target", nil, "IP address to measure and to try the firewall openings towards (repeatable)")
	fl.StringVar(&opts.PortList, "ports", "", "TCP ports to try instead of the profile's openings (e.g. 443,5061,8934)")
	fl.IntVar(&opts.Count, "count", 20, "ICMP echoes per target")
	fl.DurationVar(&opts.Interval, "interval", 20*time.Millisecond, "time between echoes")
	fl.DurationVar(&opts.DHCPWait, "dhcp-wait", fieldprobe.DefaultDHCPWait, "how long to collect DHCP OFFERs")
	fl.BoolVar(&opts.Full, "full", false, "also REQUEST the first offer, check the ACK, then RELEASE it")
	fl.StringVarP(&opts.Output, "output", "o", "", "table or json (default: table on a terminal, json otherwise)")
	fl.StringVar(&opts.OutFile, "out", "", "write to this file instead of stdout")
	fl.StringVar(&opts.Site, "site", "", "site name recorded in the snapshot")
	return cmd
}

func probeRun(ctx context.Context, opts *ProbeOptions) (err error) {
	prof, err := profile.Load(opts.Profile)
	if err != nil {
		return cmdutil.UsageError("probe: %v", err)
	}
	ports, _ := fieldprobe.ParsePorts(opts.PortList, "--ports")
	if opts.PortList == "" {
		ports = fieldprobe.TCPOpenings(prof)
	}
	iface, why, err := cmdutil.JackInterface("probe", opts.Interface, opts.Interfaces)
	if err != nil {
		return err
	}
	opts.Interface = iface
	errOut := opts.IO.ErrOut
	if opts.IO.ErrTTY {
		fmt.Fprintf(errOut, "probing from %s (profile %s)...\n", cmdutil.Chosen(opts.Interface, why), prof.Name)
	}
	if opts.TagsHidden != "" {
		fmt.Fprintln(errOut, "probe: "+capture.TagsHiddenNote(opts.TagsHidden))
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	res, err := fieldprobe.Run(ctx, fieldprobe.Options{
		Interface: opts.Interface, VoiceVLAN: uint16(opts.VoiceVLAN),
		LearnVoiceVLAN: !opts.NoLLDP && opts.VoiceVLAN == 0, HereWait: opts.HereWait,
		DHCPWait: opts.DHCPWait, Full: opts.Full,
		DNSNames: fieldprobe.DNSNames(prof, opts.Resolve), Targets: opts.Targets, Ports: ports,
		Echo:       fieldprobe.EchoConfig{Count: opts.Count, Interval: opts.Interval},
		Thresholds: fieldprobe.ThresholdsOf(prof),
		Open:       opts.Open, TagsHidden: opts.TagsHidden, Now: now,
		Log: func(d time.Duration, msg string) {
			if opts.IO.ErrTTY {
				fmt.Fprintf(errOut, "%7.3fs  %s\n", d.Seconds(), msg)
			}
		},
	})
	if err != nil {
		if uerr := cmdutil.UnknownInterface("probe", opts.Interface); uerr != nil {
			return uerr
		}
		return fmt.Errorf("probe: %w", err)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	out, closeOut, err := cmdutil.OpenOutput(opts.OutFile, opts.IO)
	if err != nil {
		return fmt.Errorf("probe: %w", err)
	}
	defer cmdutil.CloseOutput(&err, closeOut, "probe")
	if cmdutil.DefaultFormat(opts.Output, opts.IO, opts.OutFile) == "json" {
		s := snapshot.New(opts.Site)
		s.TakenAt = now().UTC()
		s.Here = res.Here
		s.Probe = res.Probe
		if err := snapshot.Encode(out, s); err != nil {
			return fmt.Errorf("probe: %w", err)
		}
	} else if err := writeTable(out, res, prof.Name); err != nil {
		return fmt.Errorf("probe: %w", err)
	}
	p := res.Probe
	for _, f := range p.Findings {
		if f.Severity == snapshot.SeverityFail {
			return cmdutil.Silent(cmdutil.ExitFindings)
		}
	}
	if !p.RawAccess {
		fmt.Fprintln(errOut, "probe: DHCP and LLDP were not checked: "+capture.PermissionHint)
		return cmdutil.Silent(cmdutil.ExitPartial)
	}
	return nil
}
