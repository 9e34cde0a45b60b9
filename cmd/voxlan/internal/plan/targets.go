package plan

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/voxlan/voxlan/audit"
	auditcmd "github.com/voxlan/voxlan/cmd/voxlan/internal/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	invcmd "github.com/voxlan/voxlan/cmd/voxlan/internal/inventory"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/apply"
	vssh "github.com/voxlan/voxlan/drivers/ssh"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

// Environment variables for credentials when no inventory names them.
const (
	EnvUser     = "VOXLAN_SSH_USER"
	EnvPassword = "VOXLAN_SSH_PASSWORD"
)

// Source is where plan and apply get their changes and switches: shared
// by both verbs.
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
	Discover func(ctx context.Context, site string, targets []snmp.Target, opts snmp.Options) *snapshot.Snapshot
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

// Load reads the audit result and the inventory into targets, resolving
// credentials. Errors never include a secret.
func Load(ctx context.Context, s *Source) ([]*Target, error) {
	var res *audit.Result
	var site *inventory.Site
	var inv *inventory.Inventory
	var snap *snapshot.Snapshot
	if s.InventoryFile != "" {
		var err error
		if inv, err = invcmd.Load(s.InventoryFile); err != nil {
			return nil, err
		}
	}
	switch {
	case s.AuditFile != "" && s.SnapshotFile != "":
		return nil, cmdutil.UsageError("give --audit or --snapshot, not both")
	case s.AuditFile != "":
		f, err := os.Open(s.AuditFile)
		if err != nil {
			return nil, cmdutil.UsageError("%v", err)
		}
		defer f.Close()
		if res, err = audit.Decode(f); err != nil {
			return nil, cmdutil.UsageError("%s: %v", s.AuditFile, err)
		}
	case s.SnapshotFile != "" && inv != nil:
		var err error
		if res, site, snap, err = s.auditSnapshot(inv); err != nil {
			return nil, err
		}
	case inv != nil:
		var err error
		if res, site, snap, err = s.discoverSite(ctx, inv); err != nil {
			return nil, err
		}
	case s.SnapshotFile != "":
		return nil, cmdutil.UsageError("--snapshot needs --inventory: the site's declarations and how to reach its switches")
	default:
		return nil, cmdutil.UsageError("give --inventory FILE (discovers the site), --audit FILE (voxlan audit -o json), or --inventory FILE with --snapshot FILE")
	}
	plan := audit.BuildPlan(res)
	if inv != nil && site == nil {
		name := s.Site
		if name == "" {
			name = res.Site
		}
		var err error
		if site, err = inv.Site(name); err != nil {
			return nil, cmdutil.UsageError("%v", err)
		}
	}
	var out []*Target
	for _, sp := range plan.Switches {
		t, err := s.target(ctx, site, sp, snapshotOS(snap, sp.Switch))
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// auditSnapshot judges the snapshot against the inventory site's profile
// and declarations, as voxlan audit --snapshot --inventory does.
func (s *Source) auditSnapshot(inv *inventory.Inventory) (*audit.Result, *inventory.Site, *snapshot.Snapshot, error) {
	f, err := os.Open(s.SnapshotFile)
	if err != nil {
		return nil, nil, nil, cmdutil.UsageError("%v", err)
	}
	defer f.Close()
	snap, err := snapshot.Decode(f)
	if err != nil {
		return nil, nil, nil, cmdutil.UsageError("%s: %v", s.SnapshotFile, err)
	}
	name := s.Site
	if name == "" {
		name = snap.Site
	}
	site, err := inv.Site(name)
	if err != nil {
		return nil, nil, nil, cmdutil.UsageError("%v", err)
	}
	prof, err := inv.ProfileOf(site)
	if err != nil {
		return nil, nil, nil, cmdutil.UsageError("site %s: %v", site.Name, err)
	}
	return audit.Run(snap, prof, auditcmd.SiteOf(site)), site, snap, nil
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

// DefaultKnownHosts is ~/.ssh/known_hosts, the file OpenSSH uses, so keys
// the user already trusts are known.
func DefaultKnownHosts(getenv func(string) string) string {
	home := getenv("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	return filepath.Join(home, ".ssh", "known_hosts")
}

// Describe returns a human summary of where t is, never its secret.
func (t *Target) Describe() string {
	platform := "OS unknown"
	if t.Driver != nil {
		platform = t.Driver.Name()
	}
	return fmt.Sprintf("%s (%s, %s@%s)", t.Switch, platform, t.User, t.Addr)
}
