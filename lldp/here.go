package lldp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/snapshot"
)

// HereOptions configure Here.
type HereOptions struct {
	// Probe sends the phone frames (LLDP-MED endpoint, CDP VoIP VLAN query)
	// first, and a TTL=0 LLDPDU for the fake phone at the end.
	Probe bool
	// Wait is how long to listen in all.
	Wait time.Duration
	// StopOnAnswer ends as soon as a voice VLAN is known.
	StopOnAnswer bool
	// Now is the clock (time.Now when nil); Rand feeds the phone's chassis
	// ID (crypto/rand when nil).
	Now  func() time.Time
	Rand io.Reader
	// OnEvent, when set, hears each new neighbour and the moment the voice
	// VLAN becomes known, as it happens.
	OnEvent func(HereEvent)
	// OnBroken, when set, hears each LLDP or CDP frame that could not be
	// decoded (err wraps ErrInvalidFrame) and was skipped, with its
	// Ethernet source address.
	OnBroken func(elapsed time.Duration, source string, err error)
}

// HereEvent reports progress while Here listens.
type HereEvent struct {
	Elapsed  time.Duration
	Neighbor snapshot.Neighbor
	Detail   snapshot.HereNeighbor
	// VoiceKnown is set on the event of the frame that told the voice VLAN.
	VoiceKnown bool
}

// Here listens on port for LLDP and CDP neighbours (optionally acting as a
// phone first) until opts.Wait has passed or ctx ends, and returns what was
// heard. opts.Wait must be positive. iface names the interface in the
// result. Frames are decoded with DecodeEthernet; broken ones are counted
// in BrokenFrames, reported through OnBroken and skipped, whatever they hold. A
// neighbour's TTL=0 LLDPDU (it is leaving) only updates its TTL to 0.
func Here(ctx context.Context, port capture.Port, iface string, opts HereOptions) (*snapshot.Here, error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	start := now()
	ctx, cancel := context.WithTimeout(ctx, opts.Wait)
	defer cancel()
	if j, ok := port.(capture.MulticastJoiner); ok {
		for _, a := range [][6]byte{MulticastAddr, CDPMulticastAddr} {
			if err := j.JoinMulticast(net.HardwareAddr(a[:])); err != nil {
				return nil, err
			}
		}
	}
	h := &snapshot.Here{Interface: iface, Neighbors: []snapshot.Neighbor{}}
	var phone Phone
	if opts.Probe {
		var err error
		phone, err = NewPhone(opts.Rand, [6]byte(padMAC(port.HardwareAddr())), "voxlan")
		if err != nil {
			return nil, err
		}
		lf, cf, err := phone.Frames()
		if err != nil {
			return nil, err
		}
		if err := port.WriteFrame(lf); err != nil {
			return nil, fmt.Errorf("lldp: sending the LLDP-MED phone frame: %w", err)
		}
		if err := port.WriteFrame(cf); err != nil {
			return nil, fmt.Errorf("lldp: sending the CDP phone frame: %w", err)
		}
		h.Probe.Sent = true
		defer func() {
			// Forget the fake phone so the switch does not keep a stale
			// MED neighbour (and a later run gets fast start again).
			if sf, err := phone.ShutdownFrame(); err == nil {
				_ = port.WriteFrame(sf)
			}
		}()
	}
	type key struct {
		proto           Protocol
		chassis, portID string
	}
	index := map[key]int{}
	var pkt Packet
	for {
		f, err := port.ReadFrame(ctx)
		if err != nil {
			if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
				break
			}
			return h, err
		}
		if err := pkt.DecodeEthernet(f.Data); err != nil {
			if !errors.Is(err, ErrNotDiscovery) {
				h.BrokenFrames++
				if opts.OnBroken != nil {
					opts.OnBroken(now().Sub(start), net.HardwareAddr(pkt.Source[:]).String(), err)
				}
			}
			continue
		}
		if opts.Probe && pkt.Source == phone.Port {
			continue
		}
		elapsed := f.Time.Sub(start)
		if f.Time.IsZero() {
			elapsed = now().Sub(start)
		}
		var tag *Tag
		if f.Tagged {
			tag = &Tag{VLAN: int(f.VLAN), Priority: int(f.Priority)}
		}
		rec := pkt.Record(0, tag)
		k := key{pkt.Protocol, rec.ChassisID, rec.PortID}
		i, seen := index[k]
		if !seen && pkt.Protocol == ProtocolLLDP && pkt.LLDP.TTL == 0 {
			continue // a neighbour saying goodbye that was never heard
		}
		if !seen {
			i = len(h.Neighbors)
			index[k] = i
			h.Neighbors = append(h.Neighbors, snapshot.Neighbor{})
			h.Details = append(h.Details, snapshot.HereNeighbor{FirstSeconds: elapsed.Seconds()})
		}
		h.Neighbors[i] = rec.Neighbor
		d := detail(&rec, h.Details[i])
		h.Details[i] = d
		h.HeardAt = f.Time
		if f.Time.IsZero() {
			h.HeardAt = now()
		}
		voice := h.Probe.AnswerSeconds == 0 && tellsVoiceVLAN(&pkt)
		if voice {
			h.Probe.AnswerSeconds = max(elapsed.Seconds(), 1e-6)
			h.Probe.AnswerProtocol = pkt.Protocol.String()
		}
		if opts.OnEvent != nil && (!seen || voice) {
			opts.OnEvent(HereEvent{Elapsed: elapsed, Neighbor: rec.Neighbor, Detail: d, VoiceKnown: voice})
		}
		if voice && opts.StopOnAnswer {
			break
		}
	}
	h.ListenedSeconds = now().Sub(start).Seconds()
	h.SeveralNeighbors = countDevices(h) > 1
	return h, nil
}

// countDevices counts the devices behind the neighbours. One switch that
// speaks LLDP and CDP shows up twice with different IDs (a chassis MAC and
// a host name): a CDP neighbour is the same device as an LLDP one when its
// device ID matches the LLDP system name (up to the first dot) or they share
// a management address.
func countDevices(h *snapshot.Here) int {
	short := func(s string) string {
		s = strings.ToLower(s)
		if i := strings.IndexByte(s, '.'); i > 0 {
			s = s[:i]
		}
		return s
	}
	devices := map[string]bool{}
	var lldpNeighbors []snapshot.Neighbor
	for _, n := range h.Neighbors {
		if n.Protocol == "lldp" {
			devices["lldp:"+n.ChassisID] = true
			lldpNeighbors = append(lldpNeighbors, n)
		}
	}
	for _, n := range h.Neighbors {
		if n.Protocol != "cdp" {
			continue
		}
		same := false
		for _, l := range lldpNeighbors {
			if (l.SysName != "" && short(l.SysName) == short(n.ChassisID)) || (l.MgmtAddress != "" && l.MgmtAddress == n.MgmtAddress) {
				same = true
			}
		}
		if !same {
			devices["cdp:"+n.ChassisID] = true
		}
	}
	return len(devices)
}

// tellsVoiceVLAN says the frame came from network equipment and named the
// voice VLAN: an LLDP-MED voice policy without the Unknown flag from a
// network connectivity device (or a bridge/router), or a CDP VoIP VLAN
// reply. Another phone's policy on a hub does not count.
func tellsVoiceVLAN(p *Packet) bool {
	switch p.Protocol {
	case ProtocolLLDP:
		d := &p.LLDP
		infra := d.MED.DeviceClass == 4 || d.Capabilities.Enabled&(CapBridge|CapRouter) != 0
		if !infra {
			return false
		}
		for _, pol := range d.MED.Policies {
			if pol.Application == AppVoice && !pol.Unknown {
				return true
			}
		}
	case ProtocolCDP:
		return p.CDP.VoIPVLANReply.Present
	}
	return false
}

func detail(r *Record, prev snapshot.HereNeighbor) snapshot.HereNeighbor {
	d := snapshot.HereNeighbor{
		Protocol:     r.Protocol,
		ChassisID:    r.ChassisID,
		PortID:       r.PortID,
		FirstSeconds: prev.FirstSeconds,
		Frames:       prev.Frames + 1,
		TTL:          r.TTL,
		PortVLAN:     r.PortVLAN,
		VoiceVLAN:    r.VoiceVLAN,
		MAU:          r.MAU,
		SpeedMbps:    r.SpeedMbps,
		Duplex:       r.Duplex,
	}
	if r.Tag != nil {
		d.FrameVLAN = r.Tag.VLAN
	}
	if p := r.Power; p != nil {
		poe := &snapshot.HerePoE{
			Class: p.Class, PowerType: p.PowerType, Priority: p.Priority,
			RequestedW: p.RequestedW, AllocatedW: p.AllocatedW, MEDW: p.MEDValueW,
			AvailableW: float64(p.AvailableMW) / 1000,
		}
		poe.Offered = (p.PortClass == "pse" && p.Enabled != nil && *p.Enabled) || p.MEDDevice == "pse" || p.AvailableMW > 0
		if poe.Priority == "" {
			poe.Priority = p.MEDPriority
		}
		d.PoE = poe
	}
	return d
}

func padMAC(a net.HardwareAddr) []byte {
	b := make([]byte, 6)
	copy(b, a)
	return b
}
