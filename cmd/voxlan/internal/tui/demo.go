package tui

import (
	"context"
	"fmt"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/snmp"
	"github.com/voxlan/voxlan/tui/common"
)

// DemoSite is the site name the demo shows.
const DemoSite = "demo"

// DemoJackPort is the port of the demo's first switch where the demo puts
// the technician's laptop, so the Here screen has a jack to show. Nothing is
// heard on a wire: the Here screen says the jack is declared.
const DemoJackPort = "Fa3/0/3"

// DemoDeps starts the built-in demo site (lab/site: real recordings served
// by the in-process SNMP agent on loopback) and returns the UI's
// dependencies to discover it; stop ends the site.
func DemoDeps(ctx context.Context, profileName string, siteOpts site.Options) (deps *common.Deps, stop func(), err error) {
	auditFn, err := Auditor(profileName)
	if err != nil {
		return nil, nil, cmdutil.UsageError("%v", err)
	}
	s, err := site.Start(ctx, siteOpts)
	if err != nil {
		return nil, nil, fmt.Errorf("demo: %w", err)
	}
	var targets []string
	for _, sw := range s.Switches() {
		targets = append(targets, sw.Address)
	}
	deps = &common.Deps{
		Site:    DemoSite,
		Targets: targets,
		Discover: Discoverer(snmp.Options{
			Credentials: snmp.Credentials{Version: "2c", Community: s.Community()},
		}),
		Stages: DiscoveryStages,
		Audit:  auditFn,
		Now:    time.Now,
	}
	if len(targets) > 0 {
		deps.Jack = &common.Jack{Switch: targets[0], Port: DemoJackPort}
	}
	return deps, func() { _ = s.Close() }, nil
}

// RunDemo opens the UI on the demo site until the user leaves; `voxlan demo`
// calls it when its output is a terminal.
func RunDemo(ctx context.Context, io *cmdutil.IOStreams, profileName string, siteOpts site.Options) error {
	deps, stop, err := DemoDeps(ctx, profileName, siteOpts)
	if err != nil {
		return err
	}
	defer stop()
	return Open(ctx, io, deps)
}
