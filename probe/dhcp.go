package probe

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"time"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/probe/dhcp4"
	"github.com/voxlan/voxlan/snapshot"
)

// FramePort is what the DHCP probe needs of a raw port; capture.Port
// satisfies it, and tests can replay frames through it.
type FramePort interface {
	ReadFrame(ctx context.Context) (capture.Frame, error)
	WriteFrame(frame []byte) error
	HardwareAddr() net.HardwareAddr
}

// VLANSpec is one VLAN to probe.
type VLANSpec struct {
	Role string // snapshot.RoleData or snapshot.RoleVoice
	// VLAN is the tag to send with; 0 sends untagged.
	VLAN uint16
	// Priority is the PCP of the tag (phones use 5).
	Priority uint8
}

// DHCPConfig drives one DHCP probe over a port.
type DHCPConfig struct {
	VLANs []VLANSpec
	// Wait is how long OFFERs are collected after the DISCOVER. Servers
	// that ping-check the address first (dnsmasq's default, many routers)
	// answer about 3 s late, so it defaults to DefaultDHCPWait.
	Wait time.Duration
	// MaxWait extends the window while a VLAN still has no OFFER: one
	// server serving both VLANs ping-checks them one after the other, so
	// the second OFFER comes about 6 s late. Default Wait + 4 s.
	MaxWait time.Duration
	// Retransmit sends the DISCOVER again this long after the first when
	// no OFFER came yet (0: no retransmission).
	Retransmit time.Duration
	// Full also requests the first server's offer, checks the ACK and
	// releases the lease.
	Full bool
	// FirstOffer, when set, is called (once per VLAN, from the collecting
	// goroutine) as soon as that VLAN's first OFFER arrives, so DNS and
	// latency checks can start while the window stays open for late and
	// rogue servers.
	FirstOffer func(role string, offer snapshot.DHCPOffer)
}

// DefaultDHCPWait covers a server that ping-checks (about 3 s) with margin.
const DefaultDHCPWait = 4500 * time.Millisecond

// ackWait bounds the REQUEST/ACK exchange of --full.
const ackWait = 3 * time.Second

type vlanRun struct {
	spec    VLANSpec
	xid     uint32
	sentAt  time.Time
	result  snapshot.DHCPVLAN
	servers map[string]bool // serverID|MAC already recorded
	raw     []*dhcp4.Packet // OFFERs, same order as result.Offers
	tag     *dhcp4.Tag
}

// ProbeDHCP sends a DISCOVER per VLAN on port at once (each with its own
// transaction id), collects every OFFER until cfg.Wait has passed, and with
// cfg.Full runs REQUEST/ACK/RELEASE against each VLAN's first server. Frames
// that are not DHCP, not replies, or for another transaction are ignored.
func ProbeDHCP(ctx context.Context, port FramePort, cfg DHCPConfig) ([]snapshot.DHCPVLAN, error) {
	if cfg.Wait <= 0 {
		cfg.Wait = DefaultDHCPWait
	}
	if cfg.MaxWait < cfg.Wait {
		cfg.MaxWait = cfg.Wait + 4*time.Second
	}
	mac := port.HardwareAddr()
	if len(mac) != 6 {
		return nil, fmt.Errorf("probe: dhcp: interface has no Ethernet address (%v)", mac)
	}
	runs := make([]*vlanRun, len(cfg.VLANs))
	byXID := map[uint32]*vlanRun{}
	for i, spec := range cfg.VLANs {
		r := &vlanRun{spec: spec, xid: newXID(byXID), servers: map[string]bool{}}
		if spec.VLAN != 0 {
			r.tag = &dhcp4.Tag{VLAN: spec.VLAN, Priority: spec.Priority}
		}
		r.result = snapshot.DHCPVLAN{Role: spec.Role, VLAN: int(spec.VLAN), ClientMAC: mac.String(),
			WaitSeconds: cfg.Wait.Seconds(), Offers: []snapshot.DHCPOffer{}}
		runs[i] = r
		byXID[r.xid] = r
	}
	discover := func(r *vlanRun) error {
		frame, err := dhcp4.ClientFrame(mac, r.tag, dhcp4.NewDiscover(r.xid, mac, dhcp4.PhoneParams))
		if err != nil {
			return err
		}
		return port.WriteFrame(frame)
	}
	start := time.Now()
	for _, r := range runs {
		r.sentAt = time.Now()
		if err := discover(r); err != nil {
			return nil, fmt.Errorf("probe: dhcp: send DISCOVER (%s): %w", describe(r.spec), err)
		}
	}
	deadline := start.Add(cfg.Wait)
	hardDeadline := start.Add(cfg.MaxWait)
	silent := func() bool {
		for _, r := range runs {
			if len(r.raw) == 0 {
				return true
			}
		}
		return false
	}
	retransmitAt := time.Time{}
	if cfg.Retransmit > 0 && cfg.Retransmit < cfg.Wait {
		retransmitAt = start.Add(cfg.Retransmit)
	}
	for {
		until := deadline
		if !retransmitAt.IsZero() && retransmitAt.Before(until) {
			until = retransmitAt
		}
		rctx, cancel := context.WithDeadline(ctx, until)
		f, err := port.ReadFrame(rctx)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return collect(runs), ctx.Err()
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				return collect(runs), fmt.Errorf("probe: dhcp: %w", err)
			}
			now := time.Now()
			if !retransmitAt.IsZero() && !now.Before(retransmitAt) {
				retransmitAt = time.Time{}
				for _, r := range runs {
					if len(r.raw) == 0 {
						_ = discover(r) // best effort: the first one went out
					}
				}
				continue
			}
			if silent() && now.Before(hardDeadline) {
				deadline = hardDeadline
				continue
			}
			break
		}
		p, r := match(f, byXID, dhcp4.Offer)
		if p == nil {
			continue
		}
		offer := offerOf(p, f, time.Since(r.sentAt))
		key := offer.ServerID + "|" + offer.ServerMAC
		if r.servers[key] {
			continue // a retransmitted DISCOVER's second answer
		}
		r.servers[key] = true
		r.result.Offers = append(r.result.Offers, offer)
		r.raw = append(r.raw, p)
		if len(r.raw) == 1 && cfg.FirstOffer != nil {
			cfg.FirstOffer(r.spec.Role, offer)
		}
		if deadline.Equal(hardDeadline) && !silent() && time.Now().After(start.Add(cfg.Wait)) {
			break // the late VLAN answered; the normal window is over
		}
	}
	for _, r := range runs {
		r.result.WaitSeconds = time.Since(start).Seconds()
	}
	if cfg.Full {
		// One exchange at a time: they share the port's single reader.
		for _, r := range runs {
			if len(r.raw) > 0 {
				r.result.Lease = &snapshot.DHCPLease{}
				fullExchange(ctx, port, mac, r)
			}
		}
	}
	return collect(runs), nil
}

func collect(runs []*vlanRun) []snapshot.DHCPVLAN {
	out := make([]snapshot.DHCPVLAN, len(runs))
	for i, r := range runs {
		out[i] = r.result
	}
	return out
}

func describe(s VLANSpec) string {
	if s.VLAN == 0 {
		return s.Role + " VLAN, untagged"
	}
	return fmt.Sprintf("%s VLAN %d", s.Role, s.VLAN)
}

// newXID draws a random transaction id not used by another VLAN of this run.
func newXID(used map[uint32]*vlanRun) uint32 {
	var b [4]byte
	for {
		_, _ = rand.Read(b[:])
		x := binary.BigEndian.Uint32(b[:])
		if _, dup := used[x]; !dup && x != 0 {
			return x
		}
	}
}

// match returns the DHCP reply of type want in f for one of our
// transactions, or nil. A reply must come in the VLAN its DISCOVER went to.
func match(f capture.Frame, byXID map[uint32]*vlanRun, want ...dhcp4.MessageType) (*dhcp4.Packet, *vlanRun) {
	p, err := dhcp4.ParseFrame(f.Data)
	if err != nil || p.Message.Op != dhcp4.OpReply {
		return nil, nil
	}
	r, ok := byXID[p.Message.XID]
	if !ok {
		return nil, nil
	}
	vlan := uint16(0)
	if f.Tagged {
		vlan = f.VLAN
	}
	if vlan != r.spec.VLAN {
		return nil, nil
	}
	for _, t := range want {
		if p.Message.Type() == t {
			return p, r
		}
	}
	return nil, nil
}

// offerOf turns an OFFER into the snapshot's words.
func offerOf(p *dhcp4.Packet, f capture.Frame, after time.Duration) snapshot.DHCPOffer {
	m := &p.Message
	o := snapshot.DHCPOffer{
		ServerMAC:   p.SrcMAC.String(),
		OptionCodes: []int{},
		AfterMs:     ms(after),
	}
	if f.Tagged {
		o.ReplyVLAN = int(f.VLAN)
	}
	if a, ok := m.Addr(dhcp4.OptServerID); ok {
		o.ServerID = a.String()
	} else {
		o.ServerID = p.SrcIP.String() // RFC 2131 makes 54 mandatory; some BOOTP relays drop it
	}
	if m.GIAddr.IsValid() {
		o.RelayAddr = m.GIAddr.String()
	}
	if m.YIAddr.IsValid() {
		o.Address = m.YIAddr.String()
	}
	if mask, ok := m.Addr(dhcp4.OptSubnetMask); ok {
		o.SubnetMask = mask.String()
		if bits := dhcp4.MaskBits(mask); bits >= 0 && m.YIAddr.IsValid() {
			if pfx, err := m.YIAddr.Prefix(bits); err == nil {
				o.Network = pfx.String()
			}
		}
	}
	o.Routers = addrStrings(m.Addrs(dhcp4.OptRouter))
	o.DNS = addrStrings(m.Addrs(dhcp4.OptDNS))
	o.NTP = addrStrings(m.Addrs(dhcp4.OptNTP))
	o.TFTPServers = addrStrings(m.Addrs(dhcp4.OptTFTPServersCisc))
	o.DomainName, _ = m.Text(dhcp4.OptDomainName)
	o.TFTPServerName, _ = m.Text(dhcp4.OptTFTPServerName)
	if v := m.Option(dhcp4.OptVendorSpecific); v != nil {
		o.VendorSpecificHex = hex.EncodeToString(v)
	}
	if lease, ok := m.Uint32(dhcp4.OptLeaseTime); ok {
		o.LeaseSeconds = int64(lease)
	}
	o.BootFile, _ = m.Text(dhcp4.OptBootfileName)
	if o.BootFile == "" {
		o.BootFile = m.File
	}
	for _, opt := range m.Options {
		o.OptionCodes = append(o.OptionCodes, int(opt.Code))
	}
	return o
}

func addrStrings(as []netip.Addr, ok bool) []string {
	if !ok {
		return nil
	}
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.String()
	}
	return out
}

// fullExchange requests r's first offer, waits for the ACK (or NAK), and
// releases what was granted.
func fullExchange(ctx context.Context, port FramePort, mac net.HardwareAddr, r *vlanRun) {
	offer := r.raw[0]
	lease := r.result.Lease
	lease.ServerID = r.result.Offers[0].ServerID
	req, err := dhcp4.NewRequest(&offer.Message, mac, dhcp4.PhoneParams)
	if err != nil {
		lease.Message = err.Error()
		return
	}
	frame, err := dhcp4.ClientFrame(mac, r.tag, req)
	if err != nil {
		lease.Message = err.Error()
		return
	}
	sent := time.Now()
	if err := port.WriteFrame(frame); err != nil {
		lease.Message = "send REQUEST: " + err.Error()
		return
	}
	byXID := map[uint32]*vlanRun{r.xid: r}
	wctx, cancel := context.WithTimeout(ctx, ackWait)
	defer cancel()
	server, _ := offer.Message.Addr(dhcp4.OptServerID)
	for {
		f, err := port.ReadFrame(wctx)
		if err != nil {
			// The time actually waited, not ackWait: a read that ends
			// early (cancel, socket error) must not pass for a silent server.
			lease.Message = fmt.Sprintf("no ACK from %s within %s", lease.ServerID, time.Since(sent).Round(time.Millisecond))
			if !errors.Is(err, context.DeadlineExceeded) {
				lease.Message += ": " + err.Error()
			}
			return
		}
		p, _ := match(f, byXID, dhcp4.Ack, dhcp4.Nak)
		if p == nil {
			continue
		}
		if sid, ok := p.Message.Addr(dhcp4.OptServerID); ok && server.IsValid() && sid != server {
			continue // another server answering our broadcast REQUEST
		}
		lease.AckMs = ms(time.Since(sent))
		if p.Message.Type() == dhcp4.Nak {
			text, _ := p.Message.Text(56) // option 56: message
			lease.Message = "NAK: " + text
			return
		}
		lease.Granted = true
		lease.Address = p.Message.YIAddr.String()
		rel := dhcp4.NewRelease(newXID(byXID), mac, p.Message.YIAddr, server)
		relFrame, err := dhcp4.UnicastClientFrame(mac, p.SrcMAC, r.tag, server, rel)
		if err == nil {
			err = port.WriteFrame(relFrame)
		}
		if err != nil {
			lease.Message = "RELEASE not sent: " + err.Error()
			return
		}
		lease.Released = true
		return
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
