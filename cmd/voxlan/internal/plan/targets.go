package plan

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/apply"
	vssh "github.com/voxlan/voxlan/drivers/ssh"
	"github.com/voxlan/voxlan/inventory"
)

// Environment variables for credentials when no inventory names them.
const (
	EnvUser     = "VOXLAN_SSH_USER"
	EnvPassword = "VOXLAN_SSH_PASSWORD"
)

// Source is where plan and apply get their changes and switches: shared
// by both verbs.
type Source struct {
	AuditFile     string
	InventoryFile string
	Site          string
	// Platform and SSHPort apply to switches the inventory does not
	// describe (or when there is no inventory).
	Platform string
	SSHPort  int
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
}

// Load reads the audit result and the inventory into targets, resolving
// credentials. Errors never include a secret.
func Load(ctx context.Context, s *Source) ([]*Target, error) {
	if s.AuditFile == "" {
		if s.InventoryFile != "" {
			return nil, cmdutil.UsageError("--inventory tells how to reach the switches; the changes come from an audit: run\n  voxlan audit --inventory %s -o json --out audit.json\nthen add --audit audit.json", s.InventoryFile)
		}
		return nil, cmdutil.UsageError("give --audit FILE (voxlan audit -o json)")
	}
	f, err := os.Open(s.AuditFile)
	if err != nil {
		return nil, cmdutil.UsageError("%v", err)
	}
	defer f.Close()
	res, err := audit.Decode(f)
	if err != nil {
		return nil, cmdutil.UsageError("%s: %v", s.AuditFile, err)
	}
	plan := audit.BuildPlan(res)
	var site *inventory.Site
	if s.InventoryFile != "" {
		inv, err := inventory.Load(s.InventoryFile)
		if err != nil {
			return nil, cmdutil.UsageError("%v", err)
		}
		name := s.Site
		if name == "" {
			name = res.Site
		}
		if site, err = inv.Site(name); err != nil {
			return nil, cmdutil.UsageError("%v", err)
		}
	}
	var out []*Target
	for _, sp := range plan.Switches {
		t, err := s.target(ctx, site, sp)
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

func (s *Source) target(ctx context.Context, site *inventory.Site, sp audit.SwitchPlan) (*Target, error) {
	host := hostOf(sp.Switch)
	platform, port, user := s.Platform, s.SSHPort, ""
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
	if platform == "" {
		return nil, cmdutil.UsageError("%s: no SSH platform: set ssh.platform in the inventory or --platform (one of %s)", sp.Switch, strings.Join(s.Registry.Names(), ", "))
	}
	d, err := s.Registry.Lookup(platform)
	if err != nil {
		return nil, cmdutil.UsageError("%s: %v", sp.Switch, err)
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
	return fmt.Sprintf("%s (%s, %s@%s)", t.Switch, t.Driver.Name(), t.User, t.Addr)
}
