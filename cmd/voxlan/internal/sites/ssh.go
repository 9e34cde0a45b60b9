package sites

import (
	"context"
	"fmt"
	"github.com/spf13/cobra"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/apply"
	vssh "github.com/voxlan/voxlan/drivers/ssh"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/userdirs"
)

// Environment variables for credentials when no inventory names them.
const (
	EnvUser     = "VOXLAN_SSH_USER"
	EnvPassword = "VOXLAN_SSH_PASSWORD"
)

// Source is where plan, apply and the terminal UI's Plan screen get the
// site to change and how to reach its switches over SSH.
type Source struct {
	AuditFile string
	// SnapshotFile, with InventoryFile, is audited here (the site's profile
	// and declarations from the inventory) instead of reading an audit.
	SnapshotFile  string
	InventoryFile string
	Site          string
	// Platform, when a driver name, is every switch's driver; empty or
	// PlatformAuto finds it per switch (see platformFor and identify).
	Platform string
	// SSHPort applies to switches the inventory does not describe (or when
	// there is no inventory).
	SSHPort int
	// Protect are ports never touched, as SWITCH=PORT or PORT (every
	// switch).
	Protect      []string
	KnownHosts   string
	AcceptNewKey bool
	Timeout      time.Duration
	Getenv       func(string) string
	Resolver     *inventory.Resolver
	Registry     *drivers.Registry
	AskHostKey   func(addr, fingerprint string) bool
	// Discover reads the inventory's site when neither an audit nor a
	// snapshot is given; snmp.Discover unless a test injects one.
	Discover Discoverer
	// Progress receives discovery and identification progress (stderr).
	Progress io.Writer
}

// Target is one switch to plan for: where, how, what.
type Target struct {
	Switch  string
	Addr    string
	Driver  drivers.Driver
	User    string
	secret  string
	enable  string
	Changes []audit.Change
	Guard   apply.Guard
	// Err is why the switch cannot be planned (its OS unknown): it is
	// reported with the others' plans instead of stopping them.
	Err error
}

// Load reads the one site to change (its audit read, its snapshot judged,
// or the inventory's site discovered and judged, as Load does for every
// command) and how to reach each switch with changes. Errors never include
// a secret.
func (s *Source) Load(ctx context.Context) (*Site, []*Target, error) {
	req := Request{InventoryFile: s.InventoryFile, Site: s.Site, Resolver: s.Resolver, Single: "changes are made to"}
	switch {
	case s.AuditFile != "" && s.SnapshotFile != "":
		return nil, nil, cmdutil.UsageError("give --audit or --snapshot, not both")
	case s.AuditFile != "":
		req.AuditFiles = []string{s.AuditFile}
	case s.SnapshotFile != "" && s.InventoryFile != "":
		req.SnapshotFiles = []string{s.SnapshotFile}
	case s.SnapshotFile != "":
		return nil, nil, cmdutil.UsageError("--snapshot needs --inventory: the site's declarations and how to reach its switches")
	case s.InventoryFile == "":
		return nil, nil, cmdutil.UsageError("give --inventory FILE (discovers the site), --audit FILE (voxlan audit -o json), or --inventory FILE with --snapshot FILE")
	}
	all, err := Load(ctx, req)
	if err != nil {
		return nil, nil, err
	}
	site, err := One(all, "changes are made to")
	if err != nil {
		return nil, nil, err
	}
	if site.Result == nil {
		if err := s.discover(ctx, site); err != nil {
			return nil, nil, err
		}
	}
	targets, err := s.Targets(ctx, site)
	if err != nil {
		return nil, nil, err
	}
	return site, targets, nil
}

// Targets are how to reach each switch of site that has changes to make:
// address, credentials and driver (--platform, the inventory's, the OS
// discovery identified, else show version over SSH).
func (s *Source) Targets(ctx context.Context, site *Site) ([]*Target, error) {
	var out []*Target
	for _, sp := range audit.BuildPlan(site.Result).Switches {
		t, err := s.target(ctx, site.Entry, sp, snapshotOS(site.Snapshot, sp.Switch))
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

func hostOf(target string) string {
	if h, _, err := net.SplitHostPort(target); err == nil {
		return h
	}
	return target
}

func (s *Source) target(ctx context.Context, site *inventory.Site, sp audit.SwitchPlan, discoveredOS string) (*Target, error) {
	host := hostOf(sp.Switch)
	platform, port, user := "", s.SSHPort, ""
	var pwRef, enRef *inventory.SecretRef
	if site != nil {
		for i := range site.Switches {
			sw := &site.Switches[i]
			if hostOf(sw.Host) != host && sw.Name != sp.Switch {
				continue
			}
			if c := site.SSHOf(sw); c != nil {
				if c.Platform != "" {
					platform = c.Platform
				}
				if c.Port != 0 {
					port = c.Port
				}
				user, pwRef, enRef = c.User, c.Password, c.Enable
			}
		}
	}
	d, err := s.platformFor(sp.Switch, platform, discoveredOS)
	if err != nil {
		return nil, err
	}
	if port == 0 {
		port = 22
	}
	t := &Target{Switch: sp.Switch, Addr: net.JoinHostPort(host, strconv.Itoa(port)), Driver: d, Changes: sp.Changes,
		Guard: apply.Guard{MgmtAddress: host}}
	if pwRef != nil {
		t.User = user
		if t.secret, err = s.Resolver.Resolve(ctx, pwRef, "ssh password of "+sp.Switch); err != nil {
			return nil, err
		}
		if t.enable, err = s.Resolver.Resolve(ctx, enRef, "enable password of "+sp.Switch); err != nil {
			return nil, err
		}
	} else {
		t.User, t.secret = s.Getenv(EnvUser), s.Getenv(EnvPassword)
		if user != "" {
			t.User = user
		}
		if t.User == "" || t.secret == "" {
			return nil, cmdutil.UsageError("%s: no SSH credentials: give ssh.user and ssh.password in the inventory, or set %s and %s", sp.Switch, EnvUser, EnvPassword)
		}
	}
	for _, p := range s.Protect {
		sw, port, scoped := strings.Cut(p, "=")
		switch {
		case !scoped:
			t.Guard.Protect = append(t.Guard.Protect, p)
		case sw == sp.Switch || hostOf(sw) == host:
			t.Guard.Protect = append(t.Guard.Protect, port)
		}
	}
	if t.Driver == nil {
		if s.Progress != nil {
			fmt.Fprintf(s.Progress, "%s: identifying its OS from show version over SSH\n", t.Switch)
		}
		if t.Driver, t.Err = s.identify(ctx, t, discoveredOS); t.Err != nil && ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	return t, nil
}

// Dial returns the dialer of a target: host key checked (and added per
// policy) once, then scrapligo sessions.
func (s *Source) Dial(t *Target) apply.Dialer {
	checked := false
	return func(ctx context.Context, timeout time.Duration) (drivers.Session, error) {
		if !checked {
			pol := vssh.HostKeyPolicy{AcceptNew: s.AcceptNewKey, Ask: s.AskHostKey}
			if err := vssh.CheckHostKey(ctx, t.Addr, s.KnownHosts, pol, s.Timeout); err != nil {
				return nil, err
			}
			checked = true
		}
		return vssh.Open(ctx, vssh.Options{Addr: t.Addr, User: t.User, Password: t.secret, Enable: t.enable,
			Attrs: t.Driver.Attrs(), KnownHosts: s.KnownHosts, Timeout: timeout})
	}
}

// DefaultKnownHosts is ~/.ssh/known_hosts (%USERPROFILE%\.ssh\known_hosts
// on Windows), the file OpenSSH uses, so keys the user already trusts are
// known. Empty when there is no home directory: every SSH verb then asks
// for --known-hosts instead of guessing.
func DefaultKnownHosts(getenv func(string) string) string {
	d, err := userdirs.Current(getenv)
	if err != nil {
		return ""
	}
	return d.KnownHosts()
}

// Describe returns a human summary of where t is, never its secret.
func (t *Target) Describe() string {
	platform := "OS unknown"
	if t.Driver != nil {
		platform = t.Driver.Name()
	}
	return fmt.Sprintf("%s (%s, %s@%s)", t.Switch, platform, t.User, t.Addr)
}

// PlanOne reads one switch (show commands only) and plans its changes.
func (s *Source) PlanOne(ctx context.Context, t *Target) (*apply.SwitchPlan, error) {
	sess, err := s.Dial(t)(ctx, s.Timeout)
	if err != nil {
		return nil, err
	}
	defer sess.Close()
	return apply.Plan(ctx, sess, t.Driver, t.Switch, t.Changes, t.Guard)
}

// AddSourceFlags adds the flags plan and apply share.
func AddSourceFlags(cmd *cobra.Command, s *Source, getenv func(string) string) {
	fl := cmd.Flags()
	fl.StringVar(&s.AuditFile, "audit", "", "audit result `FILE` (voxlan audit -o json) holding the changes")
	fl.StringVar(&s.InventoryFile, "inventory", "", "inventory `FILE` telling how to reach each switch over SSH")
	fl.StringVar(&s.SnapshotFile, "snapshot", "", "with --inventory: audit this snapshot `FILE` (voxlan discover -o json) for the changes")
	fl.StringVar(&s.Site, "site", "", "site `NAME` in the inventory (default: the audit's site)")
	fl.StringVar(&s.Platform, "platform", PlatformAuto, "driver of every switch (cisco_ios...), or auto: the inventory's, else the discovered OS, else show version's")
	fl.IntVar(&s.SSHPort, "ssh-port", 22, "SSH port for switches the inventory does not describe")
	fl.StringArrayVar(&s.Protect, "protect-port", nil, "never touch this port (`[SWITCH=]PORT`, e.g. the management port); repeatable")
	fl.StringVar(&s.KnownHosts, "known-hosts", DefaultKnownHosts(getenv), "known_hosts `FILE` checked for every switch")
	fl.BoolVar(&s.AcceptNewKey, "accept-new-hostkey", false, "trust a switch's host key on first contact without asking (a changed key is always refused)")
	fl.DurationVar(&s.Timeout, "timeout", 30*time.Second, "time to wait for each reply of a switch")
}

// Check refuses bad flag values before anything is read.
func (s *Source) Check(output string) error {
	switch output {
	case "", "table", "json":
	default:
		return cmdutil.UsageError("unknown output format %q; use table or json", output)
	}
	if s.Timeout <= 0 {
		return cmdutil.UsageError("--timeout must be positive (e.g. 30s), got %s", s.Timeout)
	}
	return nil
}

// AskHostKey asks on the terminal whether to trust a new host key.
func AskHostKey(io *cmdutil.IOStreams) func(addr, fp string) bool {
	return func(addr, fp string) bool {
		fmt.Fprintf(io.ErrOut, "The switch %s is not in known_hosts. Its host key is\n  %s\nTrust it (check it with the switch's owner)? [y/N] ", addr, fp)
		var answer string
		_, _ = fmt.Fscanln(io.In, &answer)
		return strings.EqualFold(strings.TrimSpace(answer), "y") || strings.EqualFold(strings.TrimSpace(answer), "yes")
	}
}
