// Package probe runs the field checks from the technician's jack: DHCP in
// the untagged data VLAN and the tagged voice VLAN (raw frames, no kernel
// VLAN interface needed), DNS through the servers DHCP hands out, latency,
// jitter and loss to the gateway and to targets the user names, and TCP
// connects to the firewall openings a profile lists. Results fill the
// snapshot's Probe section; Judge turns them into findings.
//
// The checks overlap to keep the whole jack check short: DNS and the
// gateway measurement start the moment the data VLAN's first OFFER arrives,
// while the DHCP window stays open for late (ping-checking) and rogue
// servers, and LLDP/CDP (package lldp, acting as a phone) tells the voice
// VLAN while the data DISCOVER is already out.
package probe

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/lldp"
	"github.com/voxlan/voxlan/snapshot"
)

// Options drive one probe. Zero values take the defaults noted.
type Options struct {
	// Interface is the laptop's wired interface.
	Interface string
	// VoiceVLAN is the voice VLAN to probe DHCP in; 0 learns it from
	// LLDP-MED/CDP when LearnVoiceVLAN is set, else probes the data VLAN
	// only (standard engineering).
	VoiceVLAN uint16
	// LearnVoiceVLAN acts as a phone on the jack (lldp.Here) for at most
	// HereWait (default 3 s) and probes the VLAN the switch announces.
	LearnVoiceVLAN bool
	HereWait       time.Duration
	// VoicePriority is the PCP of the voice DISCOVER's tag (default 5).
	VoicePriority uint8
	// DHCP window (see DHCPConfig) and --full.
	DHCPWait    time.Duration
	DHCPMaxWait time.Duration
	Full        bool
	// DNSNames are resolved through every DNS server the OFFERs name.
	DNSNames   []string
	DNSTimeout time.Duration
	// Targets are hosts the user named: measured like the gateway, and the
	// only hosts Ports are tried against. Never a default public target.
	Targets []string
	Ports   []PortSpec
	// ConnectTimeout bounds each TCP connect (default 2 s).
	ConnectTimeout time.Duration
	Echo           EchoConfig
	// Thresholds judge transport quality (WTEThresholds when zero).
	Thresholds Thresholds
	// Open opens a raw port (capture.Open when nil).
	Open func(ifname string, etherTypes ...uint16) (capture.Port, error)
	// TagsHidden, when not empty, says why Open's ports do not see 802.1Q
	// tags (capture.TagsHidden on Windows and macOS): the voice VLAN's
	// tagged OFFERs would go unheard, so DHCP there is skipped and said
	// so instead of judged absent.
	TagsHidden string
	// Log, when set, hears progress lines as things happen.
	Log func(elapsed time.Duration, msg string)
	// OnResult, when set, hears each check as it finishes (see Partial);
	// never two calls at once.
	OnResult func(Partial)
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Result is what one run saw: the jack (when LLDP/CDP ran) and the probe.
type Result struct {
	Here  *snapshot.Here
	Probe *snapshot.Probe
}

const etherTypeIPv4 = 0x0800

// Run runs every check Options asks for and returns what it saw. The error
// is for failures that stop everything (no such interface); checks that
// could not run are in Probe.Skipped and Probe.Errors.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.Interface == "" {
		return nil, errors.New("probe: no interface given")
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	if opts.Open == nil {
		opts.Open = capture.Open
	}
	if opts.Thresholds == (Thresholds{}) {
		opts.Thresholds = WTEThresholds
	}
	if opts.VoicePriority == 0 {
		opts.VoicePriority = 5
	}
	if opts.HereWait <= 0 {
		opts.HereWait = 3 * time.Second
	}
	opts.OnResult = serialized(opts.OnResult)
	start := now()
	r := &run{opts: opts, start: time.Now(), res: &Result{Probe: &snapshot.Probe{Interface: opts.Interface, StartedAt: start.UTC()}}}
	p := r.res.Probe

	targets, bad := parseTargets(opts.Targets)
	for _, b := range bad {
		r.errorf("targets", "%s", b)
	}
	// User targets do not depend on DHCP: start at once.
	for _, t := range targets {
		r.echo(ctx, t, "target")
	}
	if len(opts.Ports) > 0 {
		if len(targets) == 0 {
			r.skip(snapshot.ProbeSkipPortsNoTarget, nil, "ports: no target named (--target); voxlan tries openings only towards hosts you name")
		} else {
			r.wg.Add(1)
			go func() {
				defer r.wg.Done()
				var hosts []string
				for _, t := range targets {
					hosts = append(hosts, t.String())
				}
				res := CheckPorts(ctx, hosts, opts.Ports, opts.ConnectTimeout)
				r.mu.Lock()
				p.Ports = res
				r.mu.Unlock()
				r.report(Partial{Ports: res})
			}()
		}
	}

	dataPort, err := opts.Open(opts.Interface, etherTypeIPv4)
	switch {
	case errors.Is(err, capture.ErrPermission):
		// The report words the hint for the OS the probe ran on.
		onOS := map[string]string{"os": runtime.GOOS}
		r.skip(snapshot.ProbeSkipDHCPNoRawAccess, onOS, "dhcp: not probed: "+capture.PermissionHint)
		if opts.LearnVoiceVLAN && opts.VoiceVLAN == 0 {
			r.skip(snapshot.ProbeSkipLLDPNoRawAccess, onOS, "lldp/cdp: not heard: "+capture.PermissionHint)
		}
		r.systemFallback(ctx)
	case err != nil:
		r.wg.Wait()
		return nil, fmt.Errorf("probe: %w", err)
	default:
		p.RawAccess = true
		defer dataPort.Close()
		r.dhcp(ctx, dataPort)
	}
	r.wg.Wait()
	if len(opts.DNSNames) == 0 {
		r.skip(snapshot.ProbeSkipDNSNoNames, nil, "dns: no names to resolve (the profile lists none; add --resolve NAME)")
	}
	p.Findings = Judge(p)
	p.DurationSeconds = round2(time.Since(r.start).Seconds())
	return r.res, nil
}

// run is one Run's shared state.
type run struct {
	opts  Options
	start time.Time
	res   *Result

	wg sync.WaitGroup
	mu sync.Mutex // guards res.Probe's lists and askedDNS
	// askedDNS are the DNS servers already queried.
	askedDNS map[netip.Addr]bool
	// unreachableDNS are voice servers this laptop has no route to.
	unreachableDNS map[netip.Addr]bool
}

func (r *run) log(format string, a ...any) {
	if r.opts.Log != nil {
		r.opts.Log(time.Since(r.start), fmt.Sprintf(format, a...))
	}
}

// skip records a check that did not run: msg in English (Skipped) and
// code with args (Skips) for reports in other languages.
func (r *run) skip(code string, args map[string]string, msg string) {
	r.mu.Lock()
	r.res.Probe.Skipped = append(r.res.Probe.Skipped, msg)
	r.res.Probe.Skips = append(r.res.Probe.Skips, snapshot.ProbeSkip{Code: code, Args: args})
	r.mu.Unlock()
	r.log("%s", msg)
	r.report(Partial{Skipped: msg})
}

func (r *run) errorf(stage, format string, a ...any) {
	e := snapshot.Error{Target: r.opts.Interface, Stage: stage, Message: fmt.Sprintf(format, a...)}
	r.mu.Lock()
	r.res.Probe.Errors = append(r.res.Probe.Errors, e)
	r.mu.Unlock()
	r.log("%s", e.Error())
}

// dhcp probes the data VLAN (and the voice VLAN given or learnt) on port.
func (r *run) dhcp(ctx context.Context, dataPort capture.Port) {
	opts := r.opts
	cfg := DHCPConfig{Wait: opts.DHCPWait, MaxWait: opts.DHCPMaxWait, Full: opts.Full, Retransmit: 2 * time.Second,
		FirstOffer: func(role string, o snapshot.DHCPOffer) { r.onOffer(ctx, role, o) }}
	data := VLANSpec{Role: snapshot.RoleData}
	voice := VLANSpec{Role: snapshot.RoleVoice, VLAN: opts.VoiceVLAN, Priority: opts.VoicePriority}
	var results [2][]snapshot.DHCPVLAN
	var dhcpWG sync.WaitGroup
	probeOn := func(slot int, port FramePort, specs ...VLANSpec) {
		defer dhcpWG.Done()
		c := cfg
		c.VLANs = specs
		for _, s := range specs {
			r.log("DHCP DISCOVER sent in the %s", describe(s))
		}
		res, err := ProbeDHCP(ctx, port, c)
		if err != nil {
			r.errorf("dhcp", "%v", err)
		}
		results[slot] = res
		r.reportDHCP(res)
	}
	dhcpWG.Add(1)
	switch {
	case opts.VoiceVLAN != 0 && opts.TagsHidden != "":
		go probeOn(0, dataPort, data)
		r.skipHiddenTags(opts.VoiceVLAN)
	case opts.VoiceVLAN != 0:
		go probeOn(0, dataPort, data, voice)
	case opts.LearnVoiceVLAN:
		go probeOn(0, dataPort, data)
		if vlan, prio := r.hear(ctx); vlan != 0 && opts.TagsHidden != "" {
			r.skipHiddenTags(vlan)
		} else if vlan != 0 {
			voice.VLAN, voice.Priority = vlan, prio // tag as a phone obeying the policy would
			voicePort, err := opts.Open(opts.Interface, etherTypeIPv4)
			if err != nil {
				r.errorf("dhcp", "voice VLAN %d: %v", vlan, err)
			} else {
				defer voicePort.Close()
				dhcpWG.Add(1)
				go probeOn(1, voicePort, voice)
			}
		}
	default:
		go probeOn(0, dataPort, data)
	}
	dhcpWG.Wait()
	r.mu.Lock()
	r.res.Probe.DHCP = append(results[0], results[1]...)
	r.mu.Unlock()
}

// skipHiddenTags says the voice VLAN's DHCP was not probed: its OFFERs
// come back tagged, and this OS hides tags from capture.
func (r *run) skipHiddenTags(vlan uint16) {
	r.skip(snapshot.ProbeSkipVoiceTagsHidden, map[string]string{"vlan": fmt.Sprint(vlan)},
		fmt.Sprintf("dhcp voice: VLAN %d not probed: %s, so its tagged OFFERs cannot be heard; probed the data VLAN only", vlan, r.opts.TagsHidden))
}

// hear acts as a phone on the jack until the switch tells the voice VLAN or
// HereWait passes, and returns that VLAN (0 when none was told).
func (r *run) hear(ctx context.Context) (uint16, uint8) {
	port, err := r.opts.Open(r.opts.Interface, lldp.EtherType, capture.EtherType802_2)
	if err != nil {
		r.errorf("lldp", "%v", err)
		return 0, 0
	}
	defer port.Close()
	r.log("acting as a phone (LLDP-MED + CDP) for up to %v", r.opts.HereWait)
	h, err := lldp.Here(ctx, port, r.opts.Interface, lldp.HereOptions{Probe: true, Wait: r.opts.HereWait, StopOnAnswer: true})
	if err != nil {
		r.errorf("lldp", "%v", err)
	}
	r.mu.Lock()
	r.res.Here = h
	r.mu.Unlock()
	vlan, prio := VoiceVLANFrom(h)
	if vlan == 0 {
		r.skip(snapshot.ProbeSkipVoiceNoVLAN, map[string]string{"wait": r.opts.HereWait.String()},
			fmt.Sprintf("dhcp voice: no voice VLAN given (--voice-vlan) nor announced by LLDP-MED/CDP within %v; probed the data VLAN only", r.opts.HereWait))
		return 0, 0
	}
	r.log("voice VLAN %d announced by the switch", vlan)
	return vlan, prio
}

// VoiceVLANFrom returns the voice VLAN (and its 802.1p priority) a switch
// told on the jack: an LLDP-MED voice policy that is known and tagged, else
// a CDP VoIP VLAN reply (priority 5, Cisco phones' default). 0 when neither
// was heard.
func VoiceVLANFrom(h *snapshot.Here) (uint16, uint8) {
	if h == nil {
		return 0, 0
	}
	for _, n := range h.Neighbors {
		if n.MED == nil || slices.Contains(n.Capabilities, "telephone") {
			continue
		}
		for _, pol := range n.MED.Policies {
			if pol.Application == "voice" && !pol.Unknown && pol.Tagged && pol.VLAN > 0 && pol.VLAN < 4095 {
				return uint16(pol.VLAN), uint8(pol.Priority)
			}
		}
	}
	for _, n := range h.Neighbors {
		if n.Protocol == snapshot.ProtocolCDP && n.VoiceVLAN > 0 && n.VoiceVLAN < 4095 {
			return uint16(n.VoiceVLAN), 5
		}
	}
	return 0, 0
}

// onOffer starts DNS and the gateway measurement for a VLAN's first OFFER.
func (r *run) onOffer(ctx context.Context, role string, o snapshot.DHCPOffer) {
	r.log("%s VLAN: OFFER %s from %s after %.0f ms", role, o.Address, o.ServerID, o.AfterMs)
	if role == snapshot.RoleData && len(o.Routers) > 0 {
		if gw, err := netip.ParseAddr(o.Routers[0]); err == nil {
			r.echo(ctx, gw, "gateway")
		}
	}
	for _, s := range o.DNS {
		if a, err := netip.ParseAddr(s); err == nil {
			r.resolveVia(ctx, a, role)
		}
	}
}

// resolveVia resolves every name through server once per run.
func (r *run) resolveVia(ctx context.Context, server netip.Addr, role string) {
	if len(r.opts.DNSNames) == 0 {
		return
	}
	r.mu.Lock()
	if r.askedDNS == nil {
		r.askedDNS = map[netip.Addr]bool{}
	}
	if r.askedDNS[server] {
		r.mu.Unlock()
		return
	}
	r.askedDNS[server] = true
	r.mu.Unlock()
	for _, name := range r.opts.DNSNames {
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			l := Resolve(ctx, server, name, r.opts.DNSTimeout)
			l.Role = role
			if role == snapshot.RoleVoice && !l.OK && l.Rcode == "" && unreachable(l.Error) {
				r.mu.Lock()
				first := !r.unreachableDNS[server]
				if r.unreachableDNS == nil {
					r.unreachableDNS = map[netip.Addr]bool{}
				}
				r.unreachableDNS[server] = true
				r.mu.Unlock()
				if first {
					r.skip(snapshot.ProbeSkipDNSVoiceUnreachable, map[string]string{"server": server.String(), "error": l.Error},
						fmt.Sprintf("dns: voice VLAN server %s is not reachable from this laptop (%s); check it from a phone", server, l.Error))
				}
				return
			}
			r.mu.Lock()
			r.res.Probe.DNS = append(r.res.Probe.DNS, l)
			r.mu.Unlock()
			r.report(Partial{DNS: &l})
			if l.OK {
				r.log("dns: %s via %s -> %s in %.1f ms", name, server, strings.Join(l.Addresses, ","), l.Ms)
			} else {
				r.log("dns: %s via %s failed: %s", name, server, firstNonEmpty(l.Error, l.Rcode))
			}
		}()
	}
}

func unreachable(msg string) bool {
	return strings.Contains(msg, "unreachable") || strings.Contains(msg, "no route")
}

// echo measures target in the background.
func (r *run) echo(ctx context.Context, target netip.Addr, role string) {
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		t := Echo(ctx, target, r.opts.Echo, r.opts.Thresholds)
		t.Role = role
		r.mu.Lock()
		r.res.Probe.Transport = append(r.res.Probe.Transport, t)
		r.mu.Unlock()
		r.report(Partial{Transport: &t})
		if t.Error != "" {
			r.log("%s %s: %s", role, target, t.Error)
		} else {
			r.log("%s %s: one-way %.1f ms, jitter %.1f ms, loss %.1f %% (%d probes)", role, target, t.OneWayMs, t.JitterMs, t.LossPercent, t.Sent)
		}
	}()
}

// systemFallback runs what needs no raw socket when DHCP could not: DNS
// through the host's own resolvers, latency to its default gateway.
func (r *run) systemFallback(ctx context.Context) {
	for _, s := range resolvConfServers("/etc/resolv.conf") {
		r.resolveVia(ctx, s, "system")
	}
	if gw, ok := defaultGateway("/proc/net/route", r.opts.Interface); ok {
		r.echo(ctx, gw, "gateway")
	}
}

func parseTargets(ts []string) ([]netip.Addr, []string) {
	var out []netip.Addr
	var bad []string
	for _, t := range ts {
		a, err := netip.ParseAddr(t)
		if err != nil {
			bad = append(bad, fmt.Sprintf("target %q is not an IP address; name targets by address", t))
			continue
		}
		out = append(out, a)
	}
	return out, bad
}

// resolvConfServers reads the IPv4 nameserver lines of a resolv.conf.
func resolvConfServers(path string) []netip.Addr {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []netip.Addr
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "nameserver" {
			if a, err := netip.ParseAddr(fields[1]); err == nil && a.Is4() && !a.IsLoopback() {
				out = append(out, a)
			}
		}
	}
	return out
}

// defaultGateway reads the IPv4 default route through iface from
// /proc/net/route (gateway in little-endian hex).
func defaultGateway(path, iface string) (netip.Addr, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return netip.Addr{}, false
	}
	for _, line := range strings.Split(string(data), "\n")[1:] {
		f := strings.Fields(line)
		if len(f) < 3 || f[0] != iface || f[1] != "00000000" {
			continue
		}
		var gw uint32
		if _, err := fmt.Sscanf(f[2], "%08X", &gw); err != nil || gw == 0 {
			continue
		}
		return netip.AddrFrom4([4]byte{byte(gw), byte(gw >> 8), byte(gw >> 16), byte(gw >> 24)}), true
	}
	return netip.Addr{}, false
}
