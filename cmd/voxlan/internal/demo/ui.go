package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/tuiwire"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
	"github.com/voxlan/voxlan/tui/common"
)

// DemoSite is the site name the demo shows.
const DemoSite = "demo"

// DemoJackSwitch and DemoJackPort are where the demo puts the technician's
// laptop, so the Here screen has a jack to show. Nothing is heard on a
// wire: the Here screen says the jack is declared.
const (
	DemoJackSwitch = "sw-core-3750"
	DemoJackPort   = "Fa3/0/3"
)

// demoSite is the running simulated site as the UI sees it: an inventory
// (written to a private temporary directory, secrets by reference only)
// that the audit takes its declarations from and the Plan screen its SSH
// endpoints from, as for a real site.
type demoSite struct {
	dir string

	mu      sync.Mutex
	running *site.Site
	// entry is the demo's site as its inventory declares it, read back as
	// `voxlan tui --inventory` reads it.
	entry    *inventory.Site
	switches map[string]site.Switch
	// noSSH is why the site runs without its CLI emulators, if it does.
	noSSH string
}

func (d *demoSite) inventoryFile() string { return filepath.Join(d.dir, "sites.yaml") }
func (d *demoSite) knownHosts() string    { return filepath.Join(d.dir, "known_hosts") }

// start serves the site and writes its inventory and known_hosts. When
// the CLI emulators cannot start (no 127.0.0.N addresses on this system),
// the site runs on SNMP alone and the Plan screen says so.
func (d *demoSite) start(ctx context.Context, opts site.Options) (*site.Site, error) {
	s, err := site.Start(ctx, opts)
	noSSH := ""
	if err != nil && opts.SSH {
		noSSH = fmt.Sprintf("the demo's switches have no SSH here (%v)", err)
		opts.SSH = false
		s, err = site.Start(ctx, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("demo: starting the simulated site: %w", err)
	}
	if !opts.SSH && noSSH == "" {
		noSSH = "the demo site was started without its CLI emulators"
	}
	entry, err := d.writeInventory(s)
	if err != nil {
		s.Close()
		return nil, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.running, d.entry, d.noSSH = s, entry, noSSH
	d.switches = map[string]site.Switch{}
	for _, sw := range s.Switches() {
		d.switches[sw.Address] = sw
	}
	return s, nil
}

// writeInventory writes the site's inventory and host keys and reads the
// inventory back as `voxlan tui --inventory` would.
func (d *demoSite) writeInventory(s *site.Site) (*inventory.Site, error) {
	if err := os.WriteFile(d.inventoryFile(), s.Inventory(DemoSite), 0o600); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if err := os.WriteFile(d.knownHosts(), s.KnownHosts(), 0o600); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	inv, err := inventory.Load(d.inventoryFile())
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	is, err := inv.Site(DemoSite)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	return is, nil
}

// inventoryEntry is the demo's inventory site once it has started.
func (d *demoSite) inventoryEntry() *inventory.Site {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.entry
}

// getenv answers the inventory's secret references from the running site.
func (d *demoSite) getenv(key string) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.running == nil {
		return ""
	}
	return d.running.Getenv(key)
}

// unreachable says why a switch of the site cannot be planned over SSH.
func (d *demoSite) unreachable(target string) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	sw, ok := d.switches[target]
	switch {
	case !ok:
		return fmt.Sprintf("%s is not a switch of the demo site", target)
	case d.noSSH != "":
		return d.noSSH
	case sw.SSH == nil:
		return sw.NoSSH
	}
	return ""
}

// audit judges the demo as `voxlan audit --inventory` judges the site its
// inventory declares (sites.Site.Judge); before the site has started
// nothing is declared.
func (d *demoSite) audit(prof *profile.Profile) common.AuditFunc {
	return func(_ context.Context, snap *snapshot.Snapshot) (*audit.Result, error) {
		s := &sites.Site{Name: DemoSite, Profile: prof}
		if e := d.inventoryEntry(); e != nil {
			s.Declared = sites.Declarations(e)
		}
		return s.Judge(snap), nil
	}
}

func (d *demoSite) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.running != nil {
		_ = d.running.Close()
		d.running = nil
	}
	_ = os.RemoveAll(d.dir)
}

// DemoDeps returns the UI's dependencies for the built-in demo site
// (lab/site: real recordings served by the in-process SNMP agent on
// loopback and, with siteOpts.SSH, CLI emulators seeded from the same
// recordings behind SSH). The site starts from the UI's first command,
// after the first frame is drawn, since unpacking the recordings takes a
// while; stop ends it and removes its inventory, host keys and backups.
func DemoDeps(profileName string, siteOpts site.Options) (deps *common.Deps, stop func(), err error) {
	d, deps, err := demoDeps(profileName, siteOpts)
	if err != nil {
		return nil, nil, err
	}
	return deps, d.close, nil
}

func demoDeps(profileName string, siteOpts site.Options) (*demoSite, *common.Deps, error) {
	prof, err := profile.Load(profileName)
	if err != nil {
		return nil, nil, cmdutil.UsageError("%v", err)
	}
	dir, err := os.MkdirTemp("", "voxlan-demo-")
	if err != nil {
		return nil, nil, fmt.Errorf("demo: %w", err)
	}
	d := &demoSite{dir: dir}
	prepare := func(ctx context.Context) ([]string, error) {
		s, err := d.start(ctx, siteOpts)
		if err != nil {
			return nil, err
		}
		var targets []string
		for _, sw := range s.Switches() {
			targets = append(targets, sw.Address)
		}
		return targets, nil
	}
	auditFn, render, apply, err := tuiwire.Drivers(d.getenv, tuiwire.DriverOptions{
		Entry: d.inventoryEntry, KnownHosts: d.knownHosts(),
		BackupDir: filepath.Join(dir, "backups"), Timeout: 10 * time.Second, Unreachable: d.unreachable,
	}, d.audit(prof))
	if err != nil {
		d.close()
		return nil, nil, err
	}
	deps := &common.Deps{
		Site:    DemoSite,
		Prepare: prepare,
		Discover: tuiwire.Discoverer(snmp.Options{
			Credentials: snmp.Credentials{Version: "2c", Community: site.DefaultCommunity},
			Transport:   siteOpts.Transport,
		}),
		Stages: tuiwire.DiscoveryStages,
		Audit:  auditFn,
		Render: render,
		Apply:  apply,
		Jack:   &common.Jack{Switch: DemoJackSwitch, Port: DemoJackPort},
		Now:    time.Now,
	}
	return d, deps, nil
}

// RunDemo opens the UI on the demo site until the user leaves; `voxlan demo`
// calls it when its output is a terminal. The site's Cisco IOS switches
// answer over SSH too, so the Plan screen can show and apply the fix.
func RunDemo(ctx context.Context, io *cmdutil.IOStreams, profileName string, siteOpts site.Options) error {
	if siteOpts.Community == "" {
		siteOpts.Community = site.DefaultCommunity
	}
	siteOpts.SSH = true
	deps, stop, err := DemoDeps(profileName, siteOpts)
	if err != nil {
		return err
	}
	defer stop()
	return tuiwire.Open(ctx, io, deps)
}
