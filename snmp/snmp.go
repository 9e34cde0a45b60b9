// Package snmp discovers switches over SNMP (v2c or v3, on gosnmp) into a
// snapshot: the system group, interfaces, VLAN membership, LLDP/CDP
// neighbours, LLDP-MED policies, PoE and forwarding tables, with the vendor
// tables that carry what the standard MIBs miss (Cisco voice VLAN, trunks,
// PoE draw; Avaya/Extreme RC-VLAN-MIB VLANs; vendor voice VLAN tables).
//
// The package is split along its seams: client.go opens sessions, walk.go
// walks subtrees (GetBulk, falling back to GetNext), plan.go lists what is
// walked, reader.go runs the walks of one switch, one file per MIB family
// turns rows into facts (interfaces, bridge, vendorvlan, rcvlan, cisco,
// voicevlan, lldp, lldpports, med, cdp, poe), vendor.go names the vendor and OS, and
// assemble.go builds the snapshot.Switch. docs/snmp.md gives the rules.
package snmp

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/voxlan/voxlan/snapshot"
)

// Credentials say how to authenticate to an agent. They never appear in
// errors, events or snapshots.
type Credentials struct {
	// Version is "2c" (the default when empty) or "3".
	Version string
	// Community is the v2c community ("public" when empty).
	Community string
	// User, AuthProto ("MD5", "SHA", "SHA224", "SHA256", "SHA384",
	// "SHA512"; empty = no authentication), AuthPass, PrivProto ("DES",
	// "AES", "AES192", "AES256", "AES192C", "AES256C"; empty = no privacy),
	// PrivPass and Context are for v3.
	User, AuthProto, AuthPass, PrivProto, PrivPass, Context string
}

// Target is one switch to read.
type Target struct {
	// Address is host[:port]; the port defaults to 161.
	Address string
	// Credentials override Options.Credentials for this target when set.
	Credentials *Credentials
}

// Options tune a discovery. Zero values take the defaults below.
type Options struct {
	Credentials Credentials
	// Timeout is per request (default 2s).
	Timeout time.Duration
	// Retries is the number of retries after the first try (0 = none;
	// DefaultRetries is what the command line uses).
	Retries int
	// MaxRepetitions is the GetBulk max-repetitions (default 25).
	MaxRepetitions int
	// Concurrency is how many switches are read at once (default 16).
	Concurrency int
	// Progress, when set, receives events; calls are serialised.
	Progress func(Event)
	// Now is the clock for Snapshot.TakenAt (time.Now when nil).
	Now func() time.Time
	// Transport is TransportUDP (the default when empty) or TransportTCP.
	// Switches speak SNMP over UDP; some agents (net-snmp's snmpd with a
	// tcp: listening address) also over TCP, RFC 3430, where a firewall
	// passes only TCP. A transport outside these fails every target at
	// its connect stage; ValidateTransport checks one first.
	Transport string
}

// Transports, as Options.Transport and --snmp-transport name them.
const (
	TransportUDP = "udp"
	TransportTCP = "tcp"
)

// Transports lists the transports in the order help and completion show.
var Transports = []string{TransportUDP, TransportTCP}

// ValidateTransport checks a transport name ("" is UDP).
func ValidateTransport(t string) error {
	switch t {
	case "", TransportUDP, TransportTCP:
		return nil
	}
	return fmt.Errorf("snmp: transport %q unknown; use udp or tcp", t)
}

// Event reports progress on one switch.
type Event struct {
	// Target is the switch's address as given.
	Target string
	// N is the switch's position (1-based) among Total.
	N, Total int
	// Stage is "system" (the first Get), a stage name ("interfaces",
	// "vlans", "lldp"...) when its walks start, "walk" for row counts
	// while walking, and "done" on the last event.
	Stage string
	// Rows is the number of varbinds read so far from this switch.
	Rows int
	// Done is set on the last event of a switch; Err holds its first error.
	Done bool
	Err  error
}

// Defaults.
const (
	DefaultTimeout        = 2 * time.Second
	DefaultRetries        = 2
	DefaultMaxRepetitions = 25
	DefaultConcurrency    = 16
	DefaultCommunity      = "public"
	// walksPerSwitch bounds the subtrees of one switch walked at once: more
	// would only queue in the agent's single-threaded SNMP task.
	walksPerSwitch = 4
	// maxRowsPerWalk bounds every walk, whatever the agent answers.
	maxRowsPerWalk = 200000
	// maxRowsPerSwitch bounds all walks of one switch together (the
	// largest recording here sends about 60,000).
	maxRowsPerSwitch = 500000
)

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Retries < 0 {
		o.Retries = 0
	}
	if o.MaxRepetitions <= 0 {
		o.MaxRepetitions = DefaultMaxRepetitions
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.Transport == "" {
		o.Transport = TransportUDP
	}
	return o
}

// Discover reads every target, in parallel, into one snapshot of site.
// Switches that answered appear in the order given, with what could not be
// read in their Errors (what was read stays). A target that could not be
// read at all (NotRead) is not a switch of the snapshot: its "connect"
// error goes to Snapshot.Errors, which the audit reports as a target not
// read.
func Discover(ctx context.Context, site string, targets []Target, opts Options) *snapshot.Snapshot {
	opts = opts.withDefaults()
	snap := snapshot.New(site)
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	snap.TakenAt = now().UTC()

	var progressMu sync.Mutex
	progress := func(ev Event) {
		if opts.Progress == nil {
			return
		}
		progressMu.Lock()
		defer progressMu.Unlock()
		opts.Progress(ev)
	}

	results := make([]snapshot.Switch, len(targets))
	sem := make(chan struct{}, opts.Concurrency)
	var wg sync.WaitGroup
	for i, t := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				results[i] = snapshot.Switch{Target: t.Address, Source: snapshot.SourceSNMP, Errors: []snapshot.Error{{
					Target: t.Address, Stage: stageConnect, Message: "cancelled before it was read"}}}
				return
			}
			defer func() { <-sem }()
			r := &reader{target: t, opts: opts, n: i + 1, total: len(targets), progress: progress}
			results[i] = r.read(ctx)
		}()
	}
	wg.Wait()
	for _, sw := range results {
		if NotRead(sw) {
			snap.Errors = append(snap.Errors, sw.Errors...)
			continue
		}
		snap.Switches = append(snap.Switches, sw)
	}
	snap.Normalize()
	return snap
}

// DiscoverSwitch reads one switch. When the switch could not be reached at
// all, the result holds only Target and the "connect" error.
func DiscoverSwitch(ctx context.Context, t Target, opts Options) snapshot.Switch {
	opts = opts.withDefaults()
	var mu sync.Mutex // the walks of one switch report from several goroutines
	r := &reader{target: t, opts: opts, n: 1, total: 1, progress: func(ev Event) {
		if opts.Progress != nil {
			mu.Lock()
			defer mu.Unlock()
			opts.Progress(ev)
		}
	}}
	return r.read(ctx)
}

// NotRead reports whether a discovered switch could not be read at all:
// the agent never answered (or the target was refused), so it holds
// nothing but its connect error.
func NotRead(sw snapshot.Switch) bool {
	for _, e := range sw.Errors {
		if e.Stage == stageConnect {
			return true
		}
	}
	return false
}
