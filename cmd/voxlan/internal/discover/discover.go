// Package discover is the `voxlan discover` verb: read switches over SNMP
// into one snapshot, written as JSON or shown as a per-port table.
package discover

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/snaptable"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

// Environment variables that carry SNMP secrets (never flags: flags show in
// process lists and shell history).
const (
	EnvCommunity = "VOXLAN_SNMP_COMMUNITY"
	EnvAuthPass  = "VOXLAN_SNMP_AUTH_PASS"
	EnvPrivPass  = "VOXLAN_SNMP_PRIV_PASS"
)

// DiscoverOptions are the verb's dependencies and flag values.
type DiscoverOptions struct {
	IO     *cmdutil.IOStreams
	Getenv func(string) string
	Now    func() time.Time
	// ReadSecret reads a secret without echo; nil when stdin is no terminal.
	ReadSecret func(prompt string) (string, error)
	// Discover runs the discovery; snmp.Discover unless a test injects one.
	Discover func(ctx context.Context, site string, targets []snmp.Target, opts snmp.Options) *snapshot.Snapshot

	Targets []string
	// InventoryFile, when set, replaces Targets: every site of the
	// inventory (or Site, when given) is discovered into its own snapshot.
	InventoryFile string
	siteGiven     bool
	Resolver      *inventory.Resolver

	Output  string // "table" or "json"; empty = table on a terminal, json otherwise
	OutFile string
	Site    string

	// Community is the v2c community once resolved (tests set it); the
	// command line never carries it: CommunityFlag may only be "-" (ask
	// on the terminal), CommunityFile names a file holding it.
	Community     string
	CommunityFlag string
	CommunityFile string
	SNMPVersion   string
	User          string
	AuthProto     string
	PrivProto     string
	Context       string
	Timeout       time.Duration
	Retries       int
	Concurrency   int
	// Transport is the SNMP transport, "udp" (default) or "tcp".
	Transport string
	// FromCLI is a directory of saved show outputs read with the Platform
	// driver instead of SNMP.
	FromCLI  string
	Platform string
}

// NewCmdDiscover builds the command. runF replaces discoverRun in tests of
// flag parsing.
func NewCmdDiscover(f *cmdutil.Factory, runF func(*DiscoverOptions) error) *cobra.Command {
	opts := &DiscoverOptions{IO: f.IO, Getenv: f.Getenv, Discover: snmp.Discover, Resolver: sites.NewResolver(f)}
	if f.IO.InTTY {
		if file, ok := f.IO.In.(*os.File); ok {
			opts.ReadSecret = func(prompt string) (string, error) {
				fmt.Fprint(f.IO.ErrOut, prompt)
				b, err := term.ReadPassword(int(file.Fd()))
				fmt.Fprintln(f.IO.ErrOut)
				return string(b), err
			}
		}
	}
	cmd := &cobra.Command{
		Use:   "discover [flags] TARGET...",
		Short: "Read switches over SNMP into a snapshot",
		Long: `Read each TARGET (host or host:port, default port 161) over SNMP v2c or v3
and write what was found: ports, VLANs, voice VLAN, PoE, LLDP/CDP neighbours.

Secrets come from the environment, a file, the terminal or the inventory,
never from the command line (ps and shell history would show them):
  VOXLAN_SNMP_COMMUNITY   v2c community (default "public"); or
                          --community-file FILE (first line, owner-only file),
                          --community - (asked without echo)
  VOXLAN_SNMP_AUTH_PASS   v3 authentication passphrase
  VOXLAN_SNMP_PRIV_PASS   v3 privacy passphrase
On a terminal, missing v3 passphrases are asked for without echo.

Exit codes: 0 every target read, 3 some failed (the snapshot is still
written, failures listed in its errors), 2 bad flags or targets.`,
		Example: `  voxlan discover 10.1.1.2 10.1.1.3
  VOXLAN_SNMP_COMMUNITY=s3cret voxlan discover -o json --out site.json 10.1.1.2
  VOXLAN_SNMP_AUTH_PASS=... VOXLAN_SNMP_PRIV_PASS=... voxlan discover --snmp-version 3 \
    --user audit --auth-proto SHA --priv-proto AES 10.1.1.2
  voxlan discover --snmp-transport tcp 10.1.1.9   # an agent listening on TCP (RFC 3430)`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Targets = args
			opts.siteGiven = cmd.Flags().Changed("site")
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return discoverRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Output, "output", "o", "", "output format: table or json (default table on a terminal, json otherwise)")
	fl.StringVar(&opts.OutFile, "out", "", "write the output to `FILE` instead of stdout")
	fl.StringVar(&opts.Site, "site", "default", "site name recorded in the snapshot; with --inventory, the only site to discover")
	fl.StringVar(&opts.InventoryFile, "inventory", "", "discover the switches of the sites.yaml `FILE`: one snapshot per site (--out DIR for several)")
	fl.StringVar(&opts.CommunityFlag, "community", "", "\"-\" asks for the SNMP v2c community on the terminal; a value here is refused (default $"+EnvCommunity+", else \"public\")")
	fl.StringVar(&opts.CommunityFile, "community-file", "", "read the SNMP v2c community from the first line of `FILE` (readable by you only)")
	fl.StringVar(&opts.SNMPVersion, "snmp-version", "2c", "SNMP version: 2c or 3")
	fl.StringVar(&opts.User, "user", "", "SNMPv3 user name")
	fl.StringVar(&opts.AuthProto, "auth-proto", "", "SNMPv3 authentication: MD5, SHA, SHA224, SHA256, SHA384, SHA512")
	fl.StringVar(&opts.PrivProto, "priv-proto", "", "SNMPv3 privacy: DES, AES, AES192, AES256")
	fl.StringVar(&opts.Context, "context", "", "SNMPv3 context name")
	fl.DurationVar(&opts.Timeout, "timeout", snmp.DefaultTimeout, "time to wait for each answer")
	fl.IntVar(&opts.Retries, "retries", snmp.DefaultRetries, "retries after a request got no answer")
	fl.IntVar(&opts.Concurrency, "concurrency", snmp.DefaultConcurrency, "switches read at once")
	fl.StringVar(&opts.Transport, "snmp-transport", snmp.TransportUDP, "SNMP transport: udp, what switches speak, or tcp (RFC 3430), for agents that listen on TCP such as net-snmp's snmpd with a tcp: address")
	fl.StringVar(&opts.FromCLI, "from-cli", "", "build the snapshot from saved show outputs in `DIR` (one file per command, spaces as underscores) instead of SNMP")
	fl.StringVar(&opts.Platform, "platform", "", "with --from-cli: the driver reading the outputs (cisco_ios, cisco_sb, aruba_aoss...)")
	return cmd
}

func (o *DiscoverOptions) validate() error {
	if o.CommunityFlag != "" && o.CommunityFlag != "-" {
		return cmdutil.UsageError("--community takes no value on the command line: ps, /proc and your shell history would show it. Set %s, use --community-file FILE (readable by you only), --community - to type it without echo, or reference it in the inventory (snmp: community: {env: NAME} | {keyring: NAME} | {file: PATH} | {prompt: true})", EnvCommunity)
	}
	if o.CommunityFlag == "-" && o.CommunityFile != "" {
		return cmdutil.UsageError("give --community - or --community-file, not both")
	}
	switch o.Output {
	case "", "table", "json":
	default:
		return cmdutil.UsageError("unknown output format %q; use table or json", o.Output)
	}
	if o.FromCLI != "" || o.Platform != "" {
		if o.FromCLI == "" || o.Platform == "" || len(o.Targets) > 0 || o.InventoryFile != "" {
			return cmdutil.UsageError("--from-cli DIR needs --platform, and no target or --inventory")
		}
		return nil
	}
	if o.InventoryFile != "" && len(o.Targets) > 0 {
		return cmdutil.UsageError("give targets or --inventory, not both")
	}
	if len(o.Targets) == 0 && o.InventoryFile == "" {
		return cmdutil.UsageError("no target given; usage: voxlan discover [flags] TARGET...")
	}
	switch o.SNMPVersion {
	case "2c", "3":
	default:
		return cmdutil.UsageError("--snmp-version %q not supported; use 2c or 3", o.SNMPVersion)
	}
	if o.SNMPVersion == "3" && o.User == "" {
		return cmdutil.UsageError("--snmp-version 3 needs --user")
	}
	if o.SNMPVersion == "2c" && (o.User != "" || o.AuthProto != "" || o.PrivProto != "") {
		return cmdutil.UsageError("--user, --auth-proto and --priv-proto need --snmp-version 3")
	}
	if o.Timeout <= 0 {
		return cmdutil.UsageError("--timeout must be positive, got %s", o.Timeout)
	}
	if o.Retries < 0 || o.Retries > 10 {
		return cmdutil.UsageError("--retries must be between 0 and 10, got %d", o.Retries)
	}
	if err := snmp.ValidateTransport(o.Transport); err != nil {
		return cmdutil.UsageError("--snmp-transport %q unknown; use udp or tcp", o.Transport)
	}
	if o.Concurrency < 1 || o.Concurrency > 1024 {
		return cmdutil.UsageError("--concurrency must be between 1 and 1024, got %d", o.Concurrency)
	}
	return nil
}

// credentials gathers the secrets from a file, the prompt or the
// environment.
func (o *DiscoverOptions) credentials() (snmp.Credentials, error) {
	c := snmp.Credentials{Version: o.SNMPVersion, Community: o.Community}
	switch {
	case c.Community != "":
	case o.CommunityFile != "":
		r := o.Resolver
		if r == nil {
			r = &inventory.Resolver{Getenv: o.Getenv, UID: os.Getuid()}
		}
		v, err := r.Resolve(context.Background(), &inventory.SecretRef{File: o.CommunityFile, Where: "--community-file"}, "snmp community")
		if err != nil {
			return c, cmdutil.UsageError("%v", err)
		}
		c.Community = v
	case o.CommunityFlag == "-":
		if o.ReadSecret == nil {
			return c, cmdutil.UsageError("--community -: no terminal to ask on; set %s or use --community-file", EnvCommunity)
		}
		v, err := o.ReadSecret("SNMP v2c community: ")
		if err != nil || v == "" {
			return c, cmdutil.UsageError("reading the community: nothing typed (%v)", err)
		}
		c.Community = v
	default:
		c.Community = o.Getenv(EnvCommunity)
	}
	if o.SNMPVersion != "3" {
		return c, nil
	}
	c.User, c.AuthProto, c.PrivProto, c.Context = o.User, o.AuthProto, o.PrivProto, o.Context
	secret := func(env, what string) (string, error) {
		if v := o.Getenv(env); v != "" {
			return v, nil
		}
		if o.ReadSecret == nil {
			return "", cmdutil.UsageError("SNMPv3 %s passphrase missing: set %s (no terminal to ask on)", what, env)
		}
		v, err := o.ReadSecret(fmt.Sprintf("SNMPv3 %s passphrase for %s: ", what, o.User))
		if err != nil {
			return "", cmdutil.UsageError("reading the %s passphrase: %v", what, err)
		}
		return v, nil
	}
	var err error
	if c.AuthProto != "" {
		if c.AuthPass, err = secret(EnvAuthPass, "auth"); err != nil {
			return c, err
		}
	}
	if c.PrivProto != "" {
		if c.PrivPass, err = secret(EnvPrivPass, "priv"); err != nil {
			return c, err
		}
	}
	return c, nil
}

// targets turns the arguments into SNMP targets, refusing bad ones before
// anything is sent.
func (o *DiscoverOptions) targets(creds snmp.Credentials) ([]snmp.Target, error) {
	out := make([]snmp.Target, 0, len(o.Targets))
	for _, a := range o.Targets {
		t := snmp.Target{Address: a}
		if err := snmp.ValidateTarget(t, creds); err != nil {
			return nil, cmdutil.UsageError("%v", err)
		}
		out = append(out, t)
	}
	return out, nil
}

func discoverRun(ctx context.Context, opts *DiscoverOptions) error {
	if opts.FromCLI != "" {
		return discoverFromCLI(opts)
	}
	if opts.InventoryFile != "" {
		return discoverInventory(ctx, opts)
	}
	creds, err := opts.credentials()
	if err != nil {
		return err
	}
	targets, err := opts.targets(creds)
	if err != nil {
		return err
	}
	sopts := snmp.Options{
		Credentials: creds,
		Timeout:     opts.Timeout,
		Retries:     opts.Retries,
		Concurrency: opts.Concurrency,
		Now:         opts.Now,
		Transport:   opts.Transport,
	}
	if opts.IO.ErrTTY {
		sopts.Progress = newProgressClock(opts.IO.ErrOut, opts.Now).event
	}
	snap := opts.Discover(ctx, opts.Site, targets, sopts)
	if err := opts.write(snap); err != nil {
		return err
	}
	return outcome(opts.IO.ErrOut, snap, len(targets))
}

// write sends the snapshot to stdout or --out in the chosen format.
func (o *DiscoverOptions) write(snap *snapshot.Snapshot) (err error) {
	w, closeOut, err := cmdutil.OpenOutput(o.OutFile, o.IO)
	if err != nil {
		return fmt.Errorf("discover: %w", err)
	}
	defer cmdutil.CloseOutput(&err, closeOut, "discover")
	if cmdutil.DefaultFormat(o.Output, o.IO, o.OutFile) == "table" {
		return snaptable.Write(w, snap)
	}
	return snapshot.Encode(w, snap)
}

// outcome tells the user what failed and picks the exit code: targets not
// read are in the snapshot's errors (snmp.Discover) or are switches holding
// only their connect error (a snapshot from elsewhere).
func outcome(errOut io.Writer, snap *snapshot.Snapshot, asked int) error {
	failed := map[string]bool{}
	for _, e := range snap.Errors {
		fmt.Fprintf(errOut, "voxlan: %s\n", e.Error())
		failed[e.Target] = true
	}
	partial := 0
	for _, sw := range snap.Switches {
		switch {
		case snmp.NotRead(sw):
			failed[sw.Target] = true
			for _, e := range sw.Errors {
				fmt.Fprintf(errOut, "voxlan: %s\n", e.Error())
			}
		case len(sw.Errors) > 0:
			partial++
		}
	}
	if len(failed) == 0 && partial == 0 {
		return nil
	}
	var parts []string
	if len(failed) > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d targets not read", len(failed), asked))
	}
	if partial > 0 {
		parts = append(parts, fmt.Sprintf("%d switches read in part (see errors in the snapshot)", partial))
	}
	fmt.Fprintf(errOut, "voxlan: %s\n", strings.Join(parts, "; "))
	return cmdutil.Silent(cmdutil.ExitPartial)
}
