package dhcp4

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/netip"
	"testing"

	"github.com/voxlan/voxlan/capture"
)

// capturedFrames reads testdata/dnsmasq-dora-vlan20.pcap: voxlan's own
// DISCOVER/REQUEST/RELEASE and dnsmasq 2.90's OFFER/ACK, untagged data VLAN
// and tagged VLAN 20, taken with tcpdump in the lab (see testdata/README.md).
func capturedFrames(t testing.TB) []capture.Frame {
	t.Helper()
	r, err := capture.OpenFile("testdata/dnsmasq-dora-vlan20.pcap")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []capture.Frame
	for {
		f, err := r.ReadFrame(context.Background()) // a copy: Next reuses its buffer
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
}

func TestParseDnsmasqCapture(t *testing.T) {
	frames := capturedFrames(t)
	want := []struct {
		typ    MessageType
		vlan   uint16
		yiaddr string
		server string
	}{
		{Discover, 0, "", ""},
		{Discover, 20, "", ""},
		{Offer, 0, "198.18.10.134", "198.18.10.1"},
		{Offer, 20, "198.18.20.134", "198.18.20.1"},
		{Request, 0, "", "198.18.10.1"},
		{Ack, 0, "198.18.10.134", "198.18.10.1"},
		{Release, 0, "", "198.18.10.1"},
		{Request, 20, "", "198.18.20.1"},
		{Ack, 20, "198.18.20.134", "198.18.20.1"},
		{Release, 20, "", "198.18.20.1"},
	}
	if len(frames) != len(want) {
		t.Fatalf("got %d frames, want %d", len(frames), len(want))
	}
	for i, w := range want {
		p, err := ParseFrame(frames[i].Data)
		if err != nil {
			t.Fatalf("frame %d: %v", i+1, err)
		}
		m := &p.Message
		if m.Type() != w.typ || frames[i].VLAN != w.vlan {
			t.Errorf("frame %d: got %s vlan %d, want %s vlan %d", i+1, m.Type(), frames[i].VLAN, w.typ, w.vlan)
		}
		if got := addrOrEmpty(m.YIAddr); got != w.yiaddr {
			t.Errorf("frame %d: yiaddr %q, want %q", i+1, got, w.yiaddr)
		}
		sid, _ := m.Addr(OptServerID)
		if got := addrOrEmpty(sid); got != w.server {
			t.Errorf("frame %d: server id %q, want %q", i+1, got, w.server)
		}
	}
	// The voice OFFER carries what a phone looks for.
	m := mustParse(t, frames[3].Data)
	if mask, _ := m.Addr(OptSubnetMask); mask.String() != "255.255.255.0" || MaskBits(mask) != 24 {
		t.Errorf("mask %v", mask)
	}
	if tftp, _ := m.Text(OptTFTPServerName); tftp != "tftp.voice.lab.test" {
		t.Errorf("option 66 %q", tftp)
	}
	if s150, ok := m.Addrs(OptTFTPServersCisc); !ok || s150[0].String() != "198.18.20.5" {
		t.Errorf("option 150 %v", s150)
	}
	if v43 := m.Option(OptVendorSpecific); !bytes.Equal(v43, []byte{1, 4, 0xc6, 0x12, 0x14, 5}) {
		t.Errorf("option 43 % x", v43)
	}
	if lease, _ := m.Uint32(OptLeaseTime); lease != 3600 {
		t.Errorf("lease %d", lease)
	}
}

func mustParse(t testing.TB, frame []byte) *Message {
	t.Helper()
	p, err := ParseFrame(frame)
	if err != nil {
		t.Fatal(err)
	}
	return &p.Message
}

func addrOrEmpty(a netip.Addr) string {
	if !a.IsValid() {
		return ""
	}
	return a.String()
}

func TestClientMessagesRoundTrip(t *testing.T) {
	mac := net.HardwareAddr{0x02, 0, 0x5e, 1, 2, 3}
	disc := NewDiscover(0xdeadbeef, mac, PhoneParams)
	frame, err := ClientFrame(mac, &Tag{VLAN: 20, Priority: 5}, disc)
	if err != nil {
		t.Fatal(err)
	}
	// The tag is inline: 12 address bytes, 0x8100, PCP 5 VID 20.
	if !bytes.Equal(frame[12:16], []byte{0x81, 0x00, 0xa0, 0x14}) {
		t.Fatalf("tag bytes % x", frame[12:16])
	}
	untagged := append(append([]byte(nil), frame[:12]...), frame[16:]...)
	got := mustParse(t, untagged)
	if got.Type() != Discover || got.XID != 0xdeadbeef || got.Flags != FlagBroadcast || got.CHAddr.String() != mac.String() {
		t.Errorf("discover round trip: %+v", got)
	}
	if !bytes.Equal(got.Option(OptParamRequest), PhoneParams) {
		t.Errorf("parameter list % x", got.Option(OptParamRequest))
	}
	// udp checksum of our frame is complete and verifies to zero.
	ip := untagged[14:]
	udp := ip[20:]
	var pseudo uint32 = 0 + 0 + 0xffff + 0xffff + 17 + uint32(len(udp))
	if c := checksum(udp, pseudo); c != 0 {
		t.Errorf("UDP checksum does not verify: %#04x", c)
	}

	offer := &Message{Op: OpReply, XID: 7, YIAddr: netip.MustParseAddr("198.18.10.9"),
		Options: []Option{{Code: OptMessageType, Data: []byte{byte(Offer)}}, {Code: OptServerID, Data: []byte{198, 18, 10, 1}}}}
	req, err := NewRequest(offer, mac, PhoneParams)
	if err != nil {
		t.Fatal(err)
	}
	if ip, _ := req.Addr(OptRequestedIP); ip.String() != "198.18.10.9" || req.XID != 7 {
		t.Errorf("request: %+v", req)
	}
	if _, err := NewRequest(&Message{Options: offer.Options[:1]}, mac, nil); err == nil {
		t.Error("NewRequest accepted an offer with no server id")
	}
	rel := NewRelease(9, mac, netip.MustParseAddr("198.18.10.9"), netip.MustParseAddr("198.18.10.1"))
	rf, err := UnicastClientFrame(mac, net.HardwareAddr{2, 2, 2, 2, 2, 2}, nil, netip.MustParseAddr("198.18.10.1"), rel)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ParseFrame(rf)
	if err != nil {
		t.Fatal(err)
	}
	if p.SrcIP.String() != "198.18.10.9" || p.DstIP.String() != "198.18.10.1" || p.Message.CIAddr.String() != "198.18.10.9" {
		t.Errorf("release: %+v", p)
	}
}

func TestLongOptionSplitAndJoin(t *testing.T) {
	long := bytes.Repeat([]byte{0xab}, 600)
	m := &Message{Op: OpReply, Options: []Option{{Code: OptMessageType, Data: []byte{2}}, {Code: OptVendorSpecific, Data: long}}}
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got Message
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Option(OptVendorSpecific), long) {
		t.Errorf("RFC 3396 option of %d bytes came back as %d", len(long), len(got.Option(OptVendorSpecific)))
	}
}

func TestUnmarshalRejects(t *testing.T) {
	good, err := NewDiscover(1, net.HardwareAddr{2, 0, 0, 0, 0, 1}, nil).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	optStart := fixedLen + 4
	mutate := func(f func(b []byte) []byte) []byte {
		return f(append([]byte(nil), good...))
	}
	cases := map[string][]byte{
		"empty":            nil,
		"header only":      good[:fixedLen],
		"no cookie":        mutate(func(b []byte) []byte { b[fixedLen] = 0; return b }),
		"hlen 17":          mutate(func(b []byte) []byte { b[2] = 17; return b }),
		"no end option":    mutate(func(b []byte) []byte { return b[:optStart+3] }), // type option only
		"option past end":  mutate(func(b []byte) []byte { return append(b[:optStart], OptMessageType, 9, 1) }),
		"no length byte":   mutate(func(b []byte) []byte { return append(b[:optStart], 0, 0, 0, 0, OptRouter) }),
		"no message type":  mutate(func(b []byte) []byte { return append(b[:optStart], OptRouter, 4, 1, 2, 3, 4, OptEnd) }),
		"type of length 2": mutate(func(b []byte) []byte { return append(b[:optStart], OptMessageType, 2, 1, 1, OptEnd) }),
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			var m Message
			err := m.UnmarshalBinary(b)
			if !errors.Is(err, ErrInvalidMessage) {
				t.Errorf("got %v, want ErrInvalidMessage", err)
			}
		})
	}
}

func TestParseFrameRejects(t *testing.T) {
	mac := net.HardwareAddr{2, 0, 0, 0, 0, 1}
	good, err := ClientFrame(mac, nil, NewDiscover(1, mac, nil))
	if err != nil {
		t.Fatal(err)
	}
	mutate := func(f func(b []byte)) []byte {
		b := append([]byte(nil), good...)
		f(b)
		return b
	}
	cases := []struct {
		name  string
		frame []byte
		want  error
	}{
		{"short", good[:10], ErrNotDHCP},
		{"arp", mutate(func(b []byte) { b[12], b[13] = 0x08, 0x06 }), ErrNotDHCP},
		{"tcp", mutate(func(b []byte) { b[14+9] = 6; fixIPChecksum(b) }), ErrNotDHCP},
		{"other port", mutate(func(b []byte) { b[14+20+3] = 53 }), ErrNotDHCP},
		{"bad ip checksum", mutate(func(b []byte) { b[14+10]++ }), ErrInvalidMessage},
		{"ip total too big", mutate(func(b []byte) { b[14+2] = 0xff; fixIPChecksum(b) }), ErrInvalidMessage},
		{"udp length too big", mutate(func(b []byte) { b[14+20+4] = 0xff }), ErrInvalidMessage},
		{"ipv6 version", mutate(func(b []byte) { b[14] = 0x65 }), ErrInvalidMessage},
		{"truncated ip", good[:14+12], ErrInvalidMessage},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseFrame(c.frame)
			if !errors.Is(err, c.want) {
				t.Errorf("got %v, want %v", err, c.want)
			}
		})
	}
}

func fixIPChecksum(b []byte) {
	ip := b[14:34]
	ip[10], ip[11] = 0, 0
	c := checksum(ip, 0)
	ip[10], ip[11] = byte(c>>8), byte(c)
}

func TestMaskBits(t *testing.T) {
	for mask, want := range map[string]int{"255.255.255.0": 24, "255.255.254.0": 23, "0.0.0.0": 0, "255.255.255.255": 32, "255.0.255.0": -1} {
		if got := MaskBits(netip.MustParseAddr(mask)); got != want {
			t.Errorf("MaskBits(%s) = %d, want %d", mask, got, want)
		}
	}
}
