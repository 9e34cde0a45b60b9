package tui

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/sizing"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
	"github.com/voxlan/voxlan/tui/common"
)

// inventoryDeps reads a site of an inventory: its switches as targets, each
// with its own SNMP credentials (resolved now, before the UI takes the
// terminal, so a prompt reference can ask), and the audit its profile and
// declarations call for.
func (o *TUIOptions) inventoryDeps(ctx context.Context) (*common.Deps, error) {
	inv, err := inventory.Load(o.Inventory)
	if err != nil {
		return nil, cmdutil.UsageError("%v", err)
	}
	s, err := pickSite(inv, o.Site)
	if err != nil {
		return nil, err
	}
	prof, err := inv.ProfileOf(s)
	if err != nil {
		return nil, cmdutil.UsageError("%v", err)
	}
	resolver := inventory.NewResolver(o.Getenv, o.prompt())
	creds := map[string]*snmp.Credentials{}
	var targets []string
	for i := range s.Switches {
		sw := &s.Switches[i]
		c, err := resolver.SNMPCredentials(ctx, s, sw)
		if err != nil {
			return nil, err
		}
		if c != nil {
			creds[sw.Host] = &snmp.Credentials{Version: c.Version, Community: c.Community, User: c.User,
				AuthProto: c.AuthProto, AuthPass: c.AuthPass, PrivProto: c.PrivProto, PrivPass: c.PrivPass, Context: c.Context}
		}
		targets = append(targets, sw.Host)
	}
	declared := declaredSite(s)
	opts := snmp.Options{Credentials: snmp.Credentials{Version: "2c", Community: snmp.DefaultCommunity},
		Timeout: o.Timeout, Retries: o.Retries}
	discover := Discoverer(opts)
	return &common.Deps{
		Site:        s.Name,
		Targets:     targets,
		Concurrency: o.Concurrency,
		Now:         time.Now,
		Stages:      DiscoveryStages,
		Discover: func(ctx context.Context, target string, progress func(common.Progress)) snapshot.Switch {
			if c := creds[target]; c != nil {
				o := opts
				o.Credentials = *c
				return Discoverer(o)(ctx, target, progress)
			}
			return discover(ctx, target, progress)
		},
		Audit: func(_ context.Context, snap *snapshot.Snapshot) (*audit.Result, error) {
			return audit.Run(snap, prof, declared), nil
		},
	}, nil
}

// declaredSite is what an inventory's site declares to the audit.
func declaredSite(s *inventory.Site) audit.Site {
	declared := audit.Site{Name: s.Name, Engineering: audit.Engineering(s.Engineering), Users: s.Users,
		DataVLAN: s.DataVLAN, VoiceVLAN: s.VoiceVLAN}
	if s.WAN != nil {
		declared.WAN = &sizing.WAN{Access: s.WAN.Access, UpKbps: s.WAN.UpKbps, DownKbps: s.WAN.DownKbps}
	}
	return declared
}

func pickSite(inv *inventory.Inventory, name string) (*inventory.Site, error) {
	if name != "" {
		s, err := inv.Site(name)
		if err != nil {
			return nil, cmdutil.UsageError("%v", err)
		}
		return s, nil
	}
	if len(inv.Sites) == 1 {
		return &inv.Sites[0], nil
	}
	names := make([]string, len(inv.Sites))
	for i, s := range inv.Sites {
		names[i] = s.Name
	}
	return nil, cmdutil.UsageError("inventory %s has %d sites; choose one with --site (%s)", inv.File, len(names), strings.Join(names, ", "))
}

// prompt asks for a secret on the terminal without echo, before the UI
// starts; nil when stdin is no terminal.
func (o *TUIOptions) prompt() func(context.Context, string) (string, error) {
	f, ok := o.IO.In.(*os.File)
	if !o.IO.InTTY || !ok {
		return nil
	}
	return func(_ context.Context, label string) (string, error) {
		fmt.Fprintf(o.IO.ErrOut, "%s: ", label)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(o.IO.ErrOut)
		return string(b), err
	}
}
