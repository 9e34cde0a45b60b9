package tui

import (
	"context"
	"time"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/lldp"
	"github.com/voxlan/voxlan/probe"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

// JackOptions say how the Here screen examines the technician's jack.
type JackOptions struct {
	// Interface is the laptop's wired interface; "" = no jack.
	Interface string
	// Wait bounds the LLDP/CDP listening (it stops at the answer).
	Wait time.Duration
	// Targets are hosts to measure and try the profile's openings
	// towards; Resolve are names to look up through the offered DNS.
	Targets []string
	Resolve []string
	Profile string
	// Open opens the raw port (capture.Open when nil).
	Open func(ifname string, etherTypes ...uint16) (capture.Port, error)
}

// JackDeps returns the Here screen's listening (acting as a phone, as
// `voxlan here --probe`) and probing (as `voxlan probe`: the profile's
// ports, DNS names and thresholds) on the interface.
func JackDeps(o JackOptions) (common.HereFunc, common.ProbeFunc, error) {
	prof, err := profile.Load(o.Profile)
	if err != nil {
		return nil, nil, err
	}
	open := o.Open
	if open == nil {
		open = capture.Open
	}
	wait := o.Wait
	if wait <= 0 {
		wait = 5 * time.Second
	}
	here := func(ctx context.Context, heard func(snapshot.Neighbor)) (*snapshot.Here, error) {
		port, err := open(o.Interface, lldp.CaptureEtherTypes...)
		if err != nil {
			// capture's error says what gives the right on this OS.
			return nil, err
		}
		defer port.Close()
		return lldp.Here(ctx, port, o.Interface, lldp.HereOptions{Probe: true, Wait: wait, StopOnAnswer: true,
			OnEvent: func(ev lldp.HereEvent) {
				if !ev.VoiceKnown {
					heard(ev.Neighbor)
				}
			}})
	}
	run := func(ctx context.Context, h *snapshot.Here, found func(snapshot.Probe)) (*snapshot.Probe, error) {
		vlan, _ := probe.VoiceVLANFrom(h)
		res, err := probe.Run(ctx, probe.Options{
			Interface: o.Interface, VoiceVLAN: vlan,
			DNSNames: probe.DNSNames(prof, o.Resolve), Targets: o.Targets, Ports: probe.TCPOpenings(prof),
			Thresholds: probe.ThresholdsOf(prof),
			Open:       open, TagsHidden: capture.TagsHidden,
			OnResult: func(part probe.Partial) { found(probePart(o.Interface, part)) },
		})
		if err != nil {
			return nil, err
		}
		return res.Probe, nil
	}
	return here, run, nil
}

// probePart is one finished check as the Here screen takes it: a probe
// holding that result only.
func probePart(iface string, part probe.Partial) snapshot.Probe {
	p := snapshot.Probe{Interface: iface, Ports: part.Ports}
	if part.DHCP != nil {
		p.DHCP = []snapshot.DHCPVLAN{*part.DHCP}
	}
	if part.DNS != nil {
		p.DNS = []snapshot.DNSLookup{*part.DNS}
	}
	if part.Transport != nil {
		p.Transport = []snapshot.TransportTest{*part.Transport}
	}
	if part.Skipped != "" {
		p.Skipped = []string{part.Skipped}
	}
	return p
}
