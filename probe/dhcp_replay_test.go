package probe

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/probe/dhcp4"
	"github.com/voxlan/voxlan/snapshot"
)

// replayPort answers the probe with dnsmasq's own recorded replies
// (probe/dhcp4/testdata), their transaction ids patched to the probe's, so
// the collector's logic runs without root or a lab.
type replayPort struct {
	t       *testing.T
	replies map[dhcp4.MessageType]map[uint16][]byte // by type, by VLAN (0 untagged)
	// extra is queued after each DISCOVER's answer: frames the probe must
	// ignore or merge.
	extra func(xid uint32, vlan uint16) []capture.Frame

	mu      sync.Mutex
	queue   []capture.Frame
	wake    chan struct{}
	written []*dhcp4.Packet
	vlans   []uint16
}

func newReplayPort(t *testing.T) *replayPort {
	r, err := capture.OpenFile("dhcp4/testdata/dnsmasq-dora-vlan20.pcap")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	p := &replayPort{t: t, replies: map[dhcp4.MessageType]map[uint16][]byte{}, wake: make(chan struct{}, 1)}
	for {
		f, err := r.ReadFrame(context.Background())
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		pk, err := dhcp4.ParseFrame(f.Data)
		if err != nil {
			t.Fatal(err)
		}
		if pk.Message.Op == dhcp4.OpReply {
			if p.replies[pk.Message.Type()] == nil {
				p.replies[pk.Message.Type()] = map[uint16][]byte{}
			}
			p.replies[pk.Message.Type()][f.VLAN] = f.Data
		}
	}
	return p
}

func (p *replayPort) HardwareAddr() net.HardwareAddr { return net.HardwareAddr{2, 0, 0x5e, 0, 0, 1} }

// withXID copies a recorded reply with xid patched in (Ethernet 14 + IPv4
// 20 + UDP 8 + 4 bytes into BOOTP).
func withXID(frame []byte, xid uint32) []byte {
	b := append([]byte(nil), frame...)
	binary.BigEndian.PutUint32(b[46:], xid)
	return b
}

func (p *replayPort) WriteFrame(frame []byte) error {
	f := capture.Frame{Data: append([]byte(nil), frame...)}
	vlan := uint16(0)
	if binary.BigEndian.Uint16(frame[12:]) == 0x8100 {
		vlan = binary.BigEndian.Uint16(frame[14:]) & 0x0fff
		f.Data = append(append([]byte(nil), frame[:12]...), frame[16:]...)
	}
	pk, err := dhcp4.ParseFrame(f.Data)
	if err != nil {
		p.t.Errorf("the probe sent a frame it cannot parse: %v", err)
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.written = append(p.written, pk)
	p.vlans = append(p.vlans, vlan)
	answer := map[dhcp4.MessageType]dhcp4.MessageType{dhcp4.Discover: dhcp4.Offer, dhcp4.Request: dhcp4.Ack}[pk.Message.Type()]
	if rec, ok := p.replies[answer][vlan]; ok {
		p.queue = append(p.queue, capture.Frame{Data: withXID(rec, pk.Message.XID), VLAN: vlan, Tagged: vlan != 0})
	}
	if p.extra != nil && pk.Message.Type() == dhcp4.Discover {
		p.queue = append(p.queue, p.extra(pk.Message.XID, vlan)...)
	}
	select {
	case p.wake <- struct{}{}:
	default:
	}
	return nil
}

func (p *replayPort) ReadFrame(ctx context.Context) (capture.Frame, error) {
	for {
		p.mu.Lock()
		if len(p.queue) > 0 {
			f := p.queue[0]
			p.queue = p.queue[1:]
			p.mu.Unlock()
			return f, nil
		}
		p.mu.Unlock()
		select {
		case <-ctx.Done():
			return capture.Frame{}, ctx.Err()
		case <-p.wake:
		}
	}
}

func TestProbeDHCPReplay(t *testing.T) {
	port := newReplayPort(t)
	port.extra = func(xid uint32, vlan uint16) []capture.Frame {
		offer := port.replies[dhcp4.Offer][vlan]
		other := uint16(20)
		if vlan == 20 {
			other = 0
		}
		return []capture.Frame{
			{Data: []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 0x08, 0x06, 0, 1}},  // ARP
			{Data: withXID(offer, xid)[:100], VLAN: vlan, Tagged: vlan != 0},                        // truncated
			{Data: withXID(offer, xid), VLAN: vlan, Tagged: vlan != 0},                              // same server again
			{Data: withXID(port.replies[dhcp4.Offer][other], xid), VLAN: other, Tagged: other != 0}, // wrong VLAN
			{Data: withXID(offer, xid+1), VLAN: vlan, Tagged: vlan != 0},                            // someone else's
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var firsts []string
	got, err := ProbeDHCP(ctx, port, DHCPConfig{
		VLANs: []VLANSpec{{Role: snapshot.RoleData}, {Role: snapshot.RoleVoice, VLAN: 20, Priority: 5}},
		Wait:  300 * time.Millisecond, Full: true,
		FirstOffer: func(role string, _ snapshot.DHCPOffer) { firsts = append(firsts, role) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || len(got[0].Offers) != 1 || len(got[1].Offers) != 1 {
		t.Fatalf("offers: %+v", got)
	}
	if o := got[1].Offers[0]; o.ServerID != "198.18.20.1" || o.ReplyVLAN != 20 || o.TFTPServerName != "tftp.voice.lab.test" || o.Network != "198.18.20.0/24" {
		t.Errorf("voice offer %+v", o)
	}
	for _, v := range got {
		if l := v.Lease; l == nil || !l.Granted || !l.Released || l.Address != v.Offers[0].Address {
			t.Errorf("%s lease %+v", v.Role, v.Lease)
		}
	}
	if len(firsts) != 2 {
		t.Errorf("FirstOffer calls %v", firsts)
	}
	// What went out: 2 DISCOVERs (untagged, VLAN 20), then per VLAN a
	// REQUEST and a unicast RELEASE in the same VLAN.
	var sent []string
	for i, pk := range port.written {
		sent = append(sent, pk.Message.Type().String()+"@"+strconv.Itoa(int(port.vlans[i])))
	}
	want := "DISCOVER@0 DISCOVER@20 REQUEST@0 RELEASE@0 REQUEST@20 RELEASE@20"
	if joined := strings.Join(sent, " "); joined != want {
		t.Errorf("sent %s, want %s", joined, want)
	}
}
