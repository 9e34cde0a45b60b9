package sites

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

// PlatformAuto is the --platform value asking voxlan to find each switch's
// OS: the inventory's ssh.platform, else the OS SNMP discovery identified,
// else `show version` read over SSH.
const PlatformAuto = "auto"

// discover reads the site over SNMP, as voxlan audit --inventory does, and
// judges it with the site's profile and declarations.
func (s *Source) discover(ctx context.Context, site *Site) error {
	progress := s.Progress
	if progress == nil {
		progress = io.Discard
	}
	discover := s.Discover
	if discover == nil {
		discover = snmp.Discover
	}
	fmt.Fprintf(progress, "site %s: discovering %d switch(es) over SNMP\n", site.Name, len(site.Targets))
	defaults := snmp.Credentials{Version: "2c", Community: s.Getenv(EnvCommunity)}
	if err := site.Discover(ctx, discover, snmp.Options{Credentials: defaults, Retries: snmp.DefaultRetries}); err != nil {
		return err
	}
	for _, e := range site.Snapshot.Errors {
		fmt.Fprintf(progress, "site %s: %s\n", site.Name, e.Error())
	}
	fmt.Fprintln(progress, Summary(site.Result))
	return nil
}

// snapshotOS is the OS discovery identified for the switch the audit calls
// name, "" when unknown.
func snapshotOS(snap *snapshot.Snapshot, name string) string {
	if snap == nil {
		return ""
	}
	for i := range snap.Switches {
		sw := &snap.Switches[i]
		if sw.Target == name || hostOf(sw.Target) == hostOf(name) || (sw.SysName != "" && sw.SysName == name) {
			return sw.OS
		}
	}
	return ""
}

// platformFor picks a switch's driver without connecting: --platform when
// given, else the inventory's ssh.platform, else the snapshot's OS when a
// driver has that name. nil, nil means only `show version` can tell.
func (s *Source) platformFor(name, invPlatform, discoveredOS string) (drivers.Driver, error) {
	for _, p := range []string{s.Platform, invPlatform} {
		if p == "" || p == PlatformAuto {
			continue
		}
		d, err := s.Registry.Lookup(p)
		if err != nil {
			return nil, cmdutil.UsageError("%s: %v", name, err)
		}
		return d, nil
	}
	if discoveredOS != "" {
		if d, err := s.Registry.Lookup(discoveredOS); err == nil {
			return d, nil
		}
	}
	return nil, nil
}

// identify reads `show version` over SSH and asks every driver whether it
// is its OS. The prompt and paging handling of a session depend on the
// OS, so each registered platform's session is tried in turn until one
// answers.
func (s *Source) identify(ctx context.Context, t *Target, discoveredOS string) (drivers.Driver, error) {
	var firstErr error
	for _, name := range s.Registry.Names() {
		d, err := s.Registry.Lookup(name)
		if err != nil {
			return nil, err
		}
		probe := *t
		probe.Driver = d
		sess, err := s.Dial(&probe)(ctx, s.Timeout)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		out, err := sess.Command(ctx, "show version")
		_ = sess.Close()
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if found, ok := s.Registry.IdentifyCLI(out); ok {
			return found, nil
		}
		return nil, s.unknownOS(discoveredOS, "its show version names no OS voxlan drives")
	}
	return nil, s.unknownOS(discoveredOS, fmt.Sprintf("show version could not be read over SSH (%v)", firstErr))
}

// unknownOS is the refusal of a switch (reported with its name).
func (s *Source) unknownOS(discoveredOS, why string) error {
	seen := ""
	if discoveredOS != "" {
		seen = fmt.Sprintf("SNMP discovery says %q, ", discoveredOS)
	}
	return fmt.Errorf("unknown OS: %s%s; voxlan drives %s: set ssh.platform in the inventory or --platform if it is one of them",
		seen, why, strings.Join(s.Registry.Names(), ", "))
}
