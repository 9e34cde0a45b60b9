// Package sites is the one place the commands turn what the user gives
// (an inventory, saved snapshots, switch addresses, saved audit results)
// into sites: each with its declarations, its profile, the switches to read
// over SNMP, its snapshot and its audit. `voxlan audit`, `report`, `plan`,
// `apply`, `tui` and `demo` all load their sites here, so --snapshot with
// --inventory means the same in every command and a site is judged the same
// way wherever it is shown. ssh.go adds how each switch is reached over SSH
// and which driver speaks its OS.
//
// A consumer that records audits (history) takes Site.Result after Load, or
// after Discover for sites read over SNMP: it is the audit every command
// prints.
package sites

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/internal/readcap"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/sizing"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

// DefaultProfile judges sites for which neither --profile nor an inventory
// names one.
const DefaultProfile = "wte"

// EnvCommunity is the SNMP v2c community of switches the inventory gives
// no SNMP settings, and of TARGETs given by address.
const EnvCommunity = "VOXLAN_SNMP_COMMUNITY"

// Site is one site as a command works on it.
type Site struct {
	Name string
	// Entry is the inventory's site; nil when no inventory was given.
	Entry *inventory.Site
	// Declared is what the inventory declares to the audit (engineering,
	// users, WAN, VLANs, multi-site VPN), with --engineering applied.
	Declared audit.Site
	// Profile judges the site; nil only for a saved audit whose profile is
	// neither built in nor given with --profile.
	Profile *profile.Profile
	// Targets are the switches to read over SNMP, credentials resolved
	// (inventory or TARGETs); empty for a saved snapshot or audit.
	Targets []snmp.Target
	// Snapshot is what was read: from a file, or set by Discover. nil for
	// a saved audit given without its snapshot.
	Snapshot *snapshot.Snapshot
	// Result is the site's audit: read from a file, or judged as soon as
	// the snapshot is known (Load, Discover).
	Result *audit.Result
}

// Judge audits snap as this site: its profile and declarations. The
// terminal UI calls it again after every re-read.
func (s *Site) Judge(snap *snapshot.Snapshot) *audit.Result {
	return audit.Run(snap, s.Profile, s.Declared)
}

// Declarations maps an inventory site to what the audit needs to know of
// it: every declaration, the multi-site VPN ones included.
func Declarations(s *inventory.Site) audit.Site {
	as := audit.Site{Name: s.Name, Engineering: audit.Engineering(s.Engineering), Users: s.Users, DataVLAN: s.DataVLAN, VoiceVLAN: s.VoiceVLAN,
		InternetVia: s.InternetVia, CarriedUsers: s.CarriedUsers, CarriedSites: s.CarriedSites}
	if s.WAN != nil {
		as.WAN = &sizing.WAN{Access: s.WAN.Access, UpKbps: s.WAN.UpKbps, DownKbps: s.WAN.DownKbps}
	}
	return as
}

// Request is what the user gave a command. Which combinations a verb
// accepts is the verb's to check; Load gives each the same meaning.
type Request struct {
	// InventoryFile is --inventory: the sites' declarations, profiles and
	// switches (and, for plan/apply, how to reach them over SSH).
	InventoryFile string
	// Site is --site: the inventory's site, the one site kept among the
	// inputs, or the name shown for Addresses.
	Site string
	// SnapshotFiles are --snapshot files ("-" is Stdin), audited here.
	// With an inventory each is judged as the inventory site of its name
	// (or of --site when there is one snapshot); with several, --site
	// keeps one.
	SnapshotFiles []string
	// AuditFiles are saved audit results (voxlan audit -o json), taken as
	// they are; snapshots given too are matched to them by site name.
	AuditFiles []string
	// Addresses are switches given as TARGET (host[:port]), read with
	// SNMP v2c and the community from $VOXLAN_SNMP_COMMUNITY.
	Addresses []string
	// Profile is --profile, a built-in name or a file: it replaces every
	// site's own.
	Profile string
	// Engineering is --engineering: it replaces the declared one.
	Engineering string
	Stdin       io.Reader
	// Single, when set, says what the one site is for ("changes are made
	// to"): several sites are refused, naming them for --site, before any
	// credential is resolved.
	Single string
	// Resolver resolves the inventory's credential references; nil when
	// no switch is to be read (saved snapshots and audits only).
	Resolver *inventory.Resolver
}

// Load turns a request into sites. Saved snapshots are audited at once;
// sites to read over SNMP come back with Targets and no snapshot (see
// Discover). Every input error is a usage error (exit 2) saying what to
// give instead.
func Load(ctx context.Context, req Request) ([]*Site, error) {
	var override *profile.Profile
	if req.Profile != "" {
		p, err := profile.Load(req.Profile)
		if err != nil {
			return nil, cmdutil.UsageError("--profile: %v", err)
		}
		override = p
	}
	var inv *inventory.Inventory
	if req.InventoryFile != "" {
		var err error
		if inv, err = LoadInventory(req.InventoryFile); err != nil {
			return nil, err
		}
	}
	l := loader{req: req, inv: inv, override: override}
	var out []*Site
	var err error
	switch {
	case len(req.AuditFiles) > 0:
		out, err = l.audits(ctx)
	case len(req.SnapshotFiles) > 0:
		out, err = l.snapshots()
	case len(req.Addresses) > 0:
		out, err = l.addresses()
	case inv != nil:
		out, err = l.inventorySites(ctx)
	default:
		return nil, cmdutil.UsageError("give --inventory FILE (discovered here), --snapshot FILE (voxlan discover -o json) or --audit FILE (voxlan audit -o json)")
	}
	if err != nil {
		return nil, err
	}
	if req.Site != "" && len(req.Addresses) == 0 {
		out = slices.DeleteFunc(out, func(s *Site) bool { return s.Name != req.Site })
		if len(out) == 0 {
			return nil, cmdutil.UsageError("no site %q among the inputs", req.Site)
		}
	}
	return out, nil
}

type loader struct {
	req      Request
	inv      *inventory.Inventory
	override *profile.Profile
}

// declare fills a site's declarations and profile from the inventory's
// entry (when there is one), then the overrides.
func (l *loader) declare(s *Site) error {
	if s.Entry != nil {
		s.Declared = Declarations(s.Entry)
		if l.override == nil {
			p, err := l.inv.ProfileOf(s.Entry)
			if err != nil {
				return cmdutil.UsageError("site %s: %v", s.Entry.Name, err)
			}
			s.Profile = p
		}
	}
	if l.override != nil {
		s.Profile = l.override
	}
	if s.Profile == nil {
		p, err := profile.Builtin(DefaultProfile)
		if err != nil {
			return err
		}
		s.Profile = p
	}
	if l.req.Engineering != "" {
		s.Declared.Engineering = audit.Engineering(l.req.Engineering)
	}
	return nil
}

// entry is the inventory's site called name, or --site's when it names
// one and one file is given (with several, each file names its own site and
// --site keeps one of them).
func (l *loader) entry(name, what string, files int) (*inventory.Site, error) {
	if l.req.Site != "" && files == 1 {
		name = l.req.Site
	}
	e, err := l.inv.Site(name)
	if err != nil {
		return nil, cmdutil.UsageError("%s: %v; name the inventory's site with --site", what, err)
	}
	return e, nil
}

func (l *loader) snapshots() ([]*Site, error) {
	var out []*Site
	seen := map[string]string{}
	for _, path := range l.req.SnapshotFiles {
		snap, err := ReadSnapshot(l.req.Stdin, path)
		if err != nil {
			return nil, err
		}
		s := &Site{Name: snap.Site, Snapshot: snap}
		if l.inv != nil {
			if s.Entry, err = l.entry(snap.Site, path, len(l.req.SnapshotFiles)); err != nil {
				return nil, err
			}
			s.Name = s.Entry.Name
		}
		if other, dup := seen[s.Name]; dup {
			return nil, cmdutil.UsageError("%s and %s are both of site %q; give one snapshot per site", other, path, s.Name)
		}
		seen[s.Name] = path
		if err := l.declare(s); err != nil {
			return nil, err
		}
		s.Result = s.Judge(snap)
		out = append(out, s)
	}
	return out, nil
}

func (l *loader) audits(ctx context.Context) ([]*Site, error) {
	snaps := map[string]*snapshot.Snapshot{}
	for _, path := range l.req.SnapshotFiles {
		snap, err := ReadSnapshot(l.req.Stdin, path)
		if err != nil {
			return nil, err
		}
		if _, dup := snaps[snap.Site]; dup {
			return nil, cmdutil.UsageError("%s: a second snapshot of site %q; give one snapshot per site", path, snap.Site)
		}
		snaps[snap.Site] = snap
	}
	var out []*Site
	for _, path := range l.req.AuditFiles {
		r, err := ReadAudit(path)
		if err != nil {
			return nil, err
		}
		s := &Site{Name: r.Site, Result: r, Snapshot: snaps[r.Site], Profile: l.override}
		delete(snaps, r.Site)
		if s.Profile == nil {
			s.Profile, _ = profile.Builtin(r.Profile)
		}
		if l.inv != nil {
			if s.Entry, err = l.entry(r.Site, path, len(l.req.AuditFiles)); err != nil {
				return nil, err
			}
			s.Declared = Declarations(s.Entry)
			if s.Targets, err = SNMPTargets(ctx, l.req.Resolver, s.Entry); err != nil {
				return nil, err
			}
		}
		out = append(out, s)
	}
	for site := range snaps {
		return nil, cmdutil.UsageError("snapshot of site %q has no audit among --audit files; give its audit, or give the snapshot without --audit to audit it here", site)
	}
	return out, nil
}

func (l *loader) addresses() ([]*Site, error) {
	if l.inv != nil {
		return nil, cmdutil.UsageError("give the switches as TARGETs or with --inventory, not both")
	}
	s := &Site{Name: l.req.Site}
	for _, a := range l.req.Addresses {
		t := snmp.Target{Address: a}
		if err := snmp.ValidateTarget(t, snmp.Credentials{Version: "2c"}); err != nil {
			return nil, cmdutil.UsageError("%v", err)
		}
		s.Targets = append(s.Targets, t)
	}
	if err := l.declare(s); err != nil {
		return nil, err
	}
	return []*Site{s}, nil
}

func (l *loader) inventorySites(ctx context.Context) ([]*Site, error) {
	entries, err := SelectSites(l.inv, l.req.Site)
	if err != nil {
		return nil, err
	}
	if l.req.Single != "" && len(entries) > 1 {
		return nil, cmdutil.UsageError("%s has %d sites (%s): %s one site; name it with --site", l.inv.File, len(entries), SiteNames(entries), l.req.Single)
	}
	var out []*Site
	for _, e := range entries {
		s := &Site{Name: e.Name, Entry: e}
		if err := l.declare(s); err != nil {
			return nil, err
		}
		if s.Targets, err = SNMPTargets(ctx, l.req.Resolver, e); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// One returns the only site, or a usage error naming them all for --site.
func One(sites []*Site, what string) (*Site, error) {
	if len(sites) == 1 {
		return sites[0], nil
	}
	names := make([]string, len(sites))
	for i, s := range sites {
		names[i] = s.Name
	}
	slices.Sort(names)
	return nil, cmdutil.UsageError("%d sites given (%s): %s one site; name it with --site", len(sites), strings.Join(names, ", "), what)
}

// ReadSnapshot reads a saved snapshot ("-" is stdin). Its errors are
// usage errors naming the file.
func ReadSnapshot(stdin io.Reader, path string) (*snapshot.Snapshot, error) {
	if path == "-" {
		snap, err := snapshot.Decode(stdin)
		if err != nil {
			return nil, cmdutil.UsageError("--snapshot -: %v", err)
		}
		return snap, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, cmdutil.UsageError("--snapshot: %v", err)
	}
	defer f.Close()
	snap, err := snapshot.Decode(f)
	if err != nil {
		return nil, cmdutil.UsageError("%s: %v", path, err)
	}
	return snap, nil
}

// ReadAudit reads a saved audit result. Its errors are usage errors naming
// the file.
func ReadAudit(path string) (*audit.Result, error) {
	data, err := readcap.ReadFile(path, cmdutil.MaxInputBytes)
	if err != nil {
		return nil, cmdutil.UsageError("--audit %s: %v", path, err)
	}
	r, err := audit.DecodeBytes(data)
	if err != nil {
		return nil, cmdutil.UsageError("%s: %v", path, err)
	}
	return r, nil
}

// Discoverer reads a site's switches over SNMP: snmp.Discover unless a
// test injects one.
type Discoverer func(ctx context.Context, site string, targets []snmp.Target, opts snmp.Options) *snapshot.Snapshot

// Discover reads the site's switches and judges what was read, setting
// Snapshot and Result. It returns ctx's error when interrupted.
func (s *Site) Discover(ctx context.Context, discover Discoverer, opts snmp.Options) error {
	snap := discover(ctx, s.Name, s.Targets, opts)
	if err := ctx.Err(); err != nil {
		return err
	}
	s.Snapshot = snap
	s.Result = s.Judge(snap)
	return nil
}

// Summary is the one line a command prints on stderr once a site is
// judged: verdict, counts and, when incomplete, why.
func Summary(r *audit.Result) string {
	c := r.Counts()
	line := fmt.Sprintf("site %s: %s (%d fail, %d unknown, %d warn)", r.Site, r.Verdict, c[audit.StatusFail], c[audit.StatusUnknown], c[audit.StatusWarn])
	if why := r.IncompleteReason(); why != "" {
		line += ": " + why
	}
	return line
}
