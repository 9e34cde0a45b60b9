package tui

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/lab/site"
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

// DemoDeps returns the UI's dependencies for the built-in demo site
// (lab/site: real recordings served by the in-process SNMP agent on
// loopback). The site starts from the UI's first command, after the first
// frame is drawn, since unpacking the recordings takes a while; stop ends
// it.
func DemoDeps(profileName string, siteOpts site.Options) (deps *common.Deps, stop func(), err error) {
	auditFn, err := Auditor(profileName)
	if err != nil {
		return nil, nil, cmdutil.UsageError("%v", err)
	}
	var mu sync.Mutex
	var running *site.Site
	prepare := func(ctx context.Context) ([]string, error) {
		s, err := site.Start(ctx, siteOpts)
		if err != nil {
			return nil, fmt.Errorf("demo: starting the simulated site: %w", err)
		}
		mu.Lock()
		running = s
		mu.Unlock()
		var targets []string
		for _, sw := range s.Switches() {
			targets = append(targets, sw.Address)
		}
		return targets, nil
	}
	stop = func() {
		mu.Lock()
		defer mu.Unlock()
		if running != nil {
			_ = running.Close()
		}
	}
	deps = &common.Deps{
		Site:    DemoSite,
		Prepare: prepare,
		Discover: Discoverer(snmp.Options{
			Credentials: snmp.Credentials{Version: "2c", Community: site.DefaultCommunity},
		}),
		Stages: DiscoveryStages,
		Audit:  auditFn,
		Jack:   &common.Jack{Switch: DemoJackSwitch, Port: DemoJackPort},
		Now:    time.Now,
	}
	return deps, stop, nil
}

// RunDemo opens the UI on the demo site until the user leaves; `voxlan demo`
// calls it when its output is a terminal.
func RunDemo(ctx context.Context, io *cmdutil.IOStreams, profileName string, siteOpts site.Options) error {
	if siteOpts.Community == "" {
		siteOpts.Community = site.DefaultCommunity
	}
	deps, stop, err := DemoDeps(profileName, siteOpts)
	if err != nil {
		return err
	}
	defer stop()
	return Open(ctx, io, deps)
}
