package sites

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"golang.org/x/term"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/snmp"
)

// NewResolver is the credential resolver of a real run: the factory's
// environment, the OS keyring, owner-only files, and a no-echo prompt when
// stdin is a terminal.
func NewResolver(f *cmdutil.Factory) *inventory.Resolver {
	var prompt func(context.Context, string) (string, error)
	if f.IO.InTTY {
		if file, ok := f.IO.In.(*os.File); ok {
			prompt = func(_ context.Context, label string) (string, error) {
				fmt.Fprintf(f.IO.ErrOut, "%s: ", label)
				b, err := term.ReadPassword(int(file.Fd()))
				fmt.Fprintln(f.IO.ErrOut)
				return string(b), err
			}
		}
	}
	return inventory.NewResolver(f.Getenv, prompt)
}

// LoadInventory reads the inventory a verb is given with --inventory. Its
// mistakes are usage errors (exit 2) that send the user to 'voxlan
// inventory check', which lists every mistake with its line, not just the
// first.
func LoadInventory(path string) (*inventory.Inventory, error) {
	inv, err := inventory.Load(path)
	if err != nil {
		return nil, cmdutil.UsageError("%v\nRun 'voxlan inventory check %s' after fixing.", err, path)
	}
	return inv, nil
}

// SelectSites returns the inventory's sites, or the one named (error
// naming the valid ones otherwise).
func SelectSites(inv *inventory.Inventory, name string) ([]*inventory.Site, error) {
	if name != "" {
		s, err := inv.Site(name)
		if err != nil {
			return nil, cmdutil.UsageError("%v", err)
		}
		return []*inventory.Site{s}, nil
	}
	out := make([]*inventory.Site, len(inv.Sites))
	for i := range inv.Sites {
		out[i] = &inv.Sites[i]
	}
	return out, nil
}

// SNMPTargets turns a site's switches into SNMP targets, credentials
// resolved. A switch without SNMP settings uses the discovery defaults
// (v2c, community from VOXLAN_SNMP_COMMUNITY or "public").
func SNMPTargets(ctx context.Context, r *inventory.Resolver, s *inventory.Site) ([]snmp.Target, error) {
	out := make([]snmp.Target, 0, len(s.Switches))
	for i := range s.Switches {
		sw := &s.Switches[i]
		if r == nil {
			return nil, fmt.Errorf("sites: site %s: no credential resolver to read its switches", s.Name)
		}
		c, err := r.SNMPCredentials(ctx, s, sw)
		if err != nil {
			return nil, cmdutil.UsageError("%v", err)
		}
		t := snmp.Target{Address: sw.Host}
		if c != nil {
			t.Credentials = &snmp.Credentials{Version: c.Version, Community: c.Community, User: c.User,
				AuthProto: c.AuthProto, AuthPass: c.AuthPass, PrivProto: c.PrivProto, PrivPass: c.PrivPass, Context: c.Context}
		}
		if err := snmp.ValidateTarget(t, snmp.Credentials{Version: "2c"}); err != nil {
			return nil, cmdutil.UsageError("site %s: %v", s.Name, err)
		}
		out = append(out, t)
	}
	return out, nil
}

// SiteNames lists the names, for messages.
func SiteNames(sites []*inventory.Site) string {
	names := make([]string, len(sites))
	for i, s := range sites {
		names[i] = s.Name
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}
