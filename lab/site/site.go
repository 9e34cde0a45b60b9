// Package site is voxlan's built-in demo site: five real switch recordings
// (embedded, see recordings/README.md) served by lab/snmpagent on loopback
// UDP (or, with Options.Transport "tcp", TCP) ports, so `voxlan demo` and
// the benchmarks run the real discovery with no network and no device.
package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"embed"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/voxlan/voxlan/lab/snmpagent"
	"github.com/voxlan/voxlan/lab/snmprec"
	"github.com/voxlan/voxlan/lab/sshlab"
	"github.com/voxlan/voxlan/snmp"
)

//go:embed recordings/*.snmprec.gz
var recordings embed.FS

// Device is one switch of the site: the name it answers as sysName and the
// recording it serves.
type Device struct {
	Name      string
	Recording string
	// Platform is the driver key of its OS (snapshot.Switch.OS).
	Platform string
}

// Devices are the demo site's switches, in the order they are served.
var Devices = []Device{
	{Name: "sw-core-3750", Recording: "snmpsim-data_cisco_16_switch", Platform: "cisco_ios"},
	{Name: "sw-floor1-2960x", Recording: "ios_2960x", Platform: "cisco_ios"},
	{Name: "sw-floor2-sg350x", Recording: "ciscosb_sg350x-24p", Platform: "cisco_sb"},
	{Name: "sw-floor3-procurve", Recording: "procurve", Platform: "aruba_aoss"},
	{Name: "sw-floor4-6200f", Recording: "arubaos-cx_10.07", Platform: "aruba_aoscx"},
}

// DefaultCommunity is the site's SNMPv2c community.
const DefaultCommunity = "voxlan-demo"

// Options tune the simulated site.
type Options struct {
	// Delay is added to every packet each way (WAN latency).
	Delay time.Duration
	// DropRate and Seed make the site lose requests, repeatably.
	DropRate float64
	Seed     uint64
	// Community is the v2c community of every switch; DefaultCommunity
	// when empty.
	Community string
	// Copies serves the site this many times over (0 or 1 = once), on more
	// ports, for scale tests: copy k of a switch is named Name-k. The
	// recordings are parsed once and shared.
	Copies int
	// SSH also serves each switch's CLI over SSH (ssh.go): an emulator
	// seeded from the switch's own recording, where voxlan has one for its
	// platform. Each switch then answers on its own loopback address
	// (127.0.0.N), as switches of a site have their own.
	SSH bool
	// Transport is the switches' SNMP transport: "udp" (default when
	// empty) or "tcp" (RFC 3430), see snmpagent.Options.Transport.
	Transport string
}

// Switch is one running simulated switch.
type Switch struct {
	Name      string
	Recording string
	Platform  string
	// Address is the loopback host:port it answers on.
	Address string
	// SSH is its CLI emulator when Options.SSH and voxlan emulates its
	// platform; nil otherwise, with NoSSH saying why.
	SSH   *SSHEndpoint
	NoSSH string
}

// Site is the running demo site.
type Site struct {
	group     *snmpagent.Group
	switches  []Switch
	community string
	servers   []*sshlab.Server
}

// Start serves the site on free loopback ports until ctx ends or Close.
func Start(ctx context.Context, opts Options) (*Site, error) {
	if opts.Community == "" {
		opts.Community = DefaultCommunity
	}
	copies := max(opts.Copies, 1)
	if opts.SSH && copies*len(Devices) > maxLoopbackHosts {
		return nil, fmt.Errorf("site: at most %d switches with SSH, one loopback address each", maxLoopbackHosts)
	}
	var eps []snmpagent.Endpoint
	var switches []Switch
	for k := range copies {
		for _, d := range Devices {
			name := d.Name
			if copies > 1 {
				name = fmt.Sprintf("%s-%d", d.Name, k+1)
			}
			rec, err := Recording(d.Recording)
			if err != nil {
				return nil, err
			}
			addr := "127.0.0.1:0"
			if opts.SSH {
				addr = fmt.Sprintf("127.0.0.%d:0", len(eps)+1)
			}
			eps = append(eps, snmpagent.Endpoint{Addr: addr, Recording: rec, Community: opts.Community,
				Overrides: []snmprec.Record{{OID: sysName, Type: snmprec.OctetString, Bytes: []byte(name)}}})
			switches = append(switches, Switch{Name: name, Recording: d.Recording, Platform: d.Platform})
		}
	}
	g, err := snmpagent.ServeMany(ctx, eps, snmpagent.Options{Delay: opts.Delay, DropRate: opts.DropRate, Seed: opts.Seed, Transport: opts.Transport})
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	for i, addr := range g.Addrs() {
		switches[i].Address = addr
	}
	s := &Site{group: g, switches: switches, community: opts.Community}
	if opts.SSH {
		if err := s.startSSH(ctx); err != nil {
			_ = s.Close()
			return nil, err
		}
	}
	return s, nil
}

// Switches returns the running switches, in Devices order (copy by copy).
func (s *Site) Switches() []Switch { return append([]Switch(nil), s.switches...) }

// Community is the site's v2c community.
func (s *Site) Community() string { return s.community }

// Targets are the switches as discovery targets, with the site's
// credentials.
func (s *Site) Targets() []snmp.Target {
	creds := &snmp.Credentials{Version: "2c", Community: s.community}
	out := make([]snmp.Target, len(s.switches))
	for i, sw := range s.switches {
		out[i] = snmp.Target{Address: sw.Address, Credentials: creds}
	}
	return out
}

// Close stops every switch.
func (s *Site) Close() error {
	for _, srv := range s.servers {
		_ = srv.Close()
	}
	return s.group.Close()
}

// parsed caches the embedded recordings: each is decompressed and parsed
// once per process and then shared read-only by every switch serving it.
var (
	parsedMu sync.Mutex
	parsed   = map[string]*snmprec.Recording{}
)

// sysName is answered with the switch's name instead of the recorded one.
var sysName = snmprec.OID{1, 3, 6, 1, 2, 1, 1, 5, 0}

// Recording returns an embedded recording by its file name without
// .snmprec (Device.Recording), parsed once per process. Callers must not
// modify it.
func Recording(file string) (*snmprec.Recording, error) {
	parsedMu.Lock()
	defer parsedMu.Unlock()
	if rec, ok := parsed[file]; ok {
		return rec, nil
	}
	rec, err := load(file)
	if err != nil {
		return nil, err
	}
	parsed[file] = rec
	return rec, nil
}

func load(file string) (*snmprec.Recording, error) {
	data, err := RawRecording(file)
	if err != nil {
		return nil, err
	}
	return snmprec.Parse(file+".snmprec", data)
}

// RawRecording returns the .snmprec text of an embedded recording, as
// snmpsim would read it.
func RawRecording(file string) ([]byte, error) {
	gz, err := recordings.ReadFile("recordings/" + file + ".snmprec.gz")
	if err != nil {
		return nil, fmt.Errorf("site: no embedded recording %q", file)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("site: %s: %w", file, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("site: %s: %w", file, err)
	}
	return data, nil
}
