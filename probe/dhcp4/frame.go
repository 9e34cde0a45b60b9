package dhcp4

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"net/netip"
)

// UDP ports of DHCPv4.
const (
	ServerPort = 67
	ClientPort = 68
)

const (
	etherTypeIPv4  = 0x0800
	etherTypeVLAN  = 0x8100
	ipProtoUDP     = 17
	ethHeaderLen   = 14
	vlanTagLen     = 4
	ipv4MinHdrLen  = 20
	udpHeaderLen   = 8
	maxFrameLength = 1 << 16
)

var broadcastMAC = net.HardwareAddr{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}

// Tag is an 802.1Q tag written inline into a sent frame.
type Tag struct {
	VLAN     uint16 // 1..4094
	Priority uint8  // PCP 0..7
}

// ClientFrame wraps a client message into an Ethernet frame from src:
// 0.0.0.0:68 -> 255.255.255.255:67, broadcast MAC, with an inline 802.1Q tag
// when tag is non-nil. The IPv4 and UDP checksums are computed here since
// the frame bypasses the host's stack.
func ClientFrame(src net.HardwareAddr, tag *Tag, m *Message) ([]byte, error) {
	if len(src) != 6 {
		return nil, fmt.Errorf("dhcp4: source MAC %v is not 6 bytes", src)
	}
	if tag != nil && (tag.VLAN == 0 || tag.VLAN > 4094 || tag.Priority > 7) {
		return nil, fmt.Errorf("dhcp4: bad 802.1Q tag vlan %d pcp %d", tag.VLAN, tag.Priority)
	}
	payload, err := m.MarshalBinary()
	if err != nil {
		return nil, err
	}
	srcIP := netip.IPv4Unspecified()
	if m.CIAddr.IsValid() { // RELEASE comes from the leased address
		srcIP = m.CIAddr
	}
	dstIP := netip.AddrFrom4([4]byte{255, 255, 255, 255})
	return udpFrame(src, broadcastMAC, tag, srcIP, dstIP, ClientPort, ServerPort, payload), nil
}

// UnicastClientFrame is ClientFrame sent to one server (dst MAC and IP), as
// a RELEASE must be.
func UnicastClientFrame(src, dst net.HardwareAddr, tag *Tag, server netip.Addr, m *Message) ([]byte, error) {
	if len(src) != 6 || len(dst) != 6 {
		return nil, fmt.Errorf("dhcp4: MACs %v -> %v are not 6 bytes", src, dst)
	}
	if !server.Is4() || !m.CIAddr.Is4() {
		return nil, fmt.Errorf("dhcp4: unicast needs IPv4 client and server addresses")
	}
	payload, err := m.MarshalBinary()
	if err != nil {
		return nil, err
	}
	return udpFrame(src, dst, tag, m.CIAddr, server, ClientPort, ServerPort, payload), nil
}

func udpFrame(src, dst net.HardwareAddr, tag *Tag, srcIP, dstIP netip.Addr, sport, dport uint16, payload []byte) []byte {
	hdr := ethHeaderLen
	if tag != nil {
		hdr += vlanTagLen
	}
	ipLen := ipv4MinHdrLen + udpHeaderLen + len(payload)
	b := make([]byte, hdr+ipLen)
	copy(b[0:6], dst)
	copy(b[6:12], src)
	off := 12
	if tag != nil {
		binary.BigEndian.PutUint16(b[off:], etherTypeVLAN)
		binary.BigEndian.PutUint16(b[off+2:], uint16(tag.Priority)<<13|tag.VLAN)
		off += vlanTagLen
	}
	binary.BigEndian.PutUint16(b[off:], etherTypeIPv4)
	ip := b[hdr:]
	ip[0] = 0x45 // version 4, 5 words
	ip[1] = 0x10 // DSCP/TOS: low delay, as ISC dhclient marks it
	binary.BigEndian.PutUint16(ip[2:], uint16(ipLen))
	ip[8] = 64 // TTL
	ip[9] = ipProtoUDP
	s4, d4 := srcIP.As4(), dstIP.As4()
	copy(ip[12:16], s4[:])
	copy(ip[16:20], d4[:])
	binary.BigEndian.PutUint16(ip[10:], checksum(ip[:ipv4MinHdrLen], 0))
	udp := ip[ipv4MinHdrLen:]
	binary.BigEndian.PutUint16(udp[0:], sport)
	binary.BigEndian.PutUint16(udp[2:], dport)
	binary.BigEndian.PutUint16(udp[4:], uint16(udpHeaderLen+len(payload)))
	copy(udp[udpHeaderLen:], payload)
	// Pseudo-header: source, destination, zero+protocol, UDP length.
	var pseudo uint32
	pseudo += uint32(binary.BigEndian.Uint16(s4[0:])) + uint32(binary.BigEndian.Uint16(s4[2:]))
	pseudo += uint32(binary.BigEndian.Uint16(d4[0:])) + uint32(binary.BigEndian.Uint16(d4[2:]))
	pseudo += ipProtoUDP + uint32(len(udp))
	cs := checksum(udp, pseudo)
	if cs == 0 {
		cs = 0xffff // RFC 768: a computed zero is sent as all ones
	}
	binary.BigEndian.PutUint16(udp[6:], cs)
	return b
}

// checksum is the Internet checksum (RFC 1071) of b, starting from sum.
func checksum(b []byte, sum uint32) uint16 {
	for len(b) >= 2 {
		sum += uint32(binary.BigEndian.Uint16(b))
		b = b[2:]
	}
	if len(b) == 1 {
		sum += uint32(b[0]) << 8
	}
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	return ^uint16(sum)
}

// Packet is a DHCP message lifted out of a received frame, with the
// link- and network-layer facts a report needs.
type Packet struct {
	SrcMAC net.HardwareAddr
	DstMAC net.HardwareAddr
	SrcIP  netip.Addr
	DstIP  netip.Addr
	// SrcPort is the UDP source port (67 from a server, also from a relay).
	SrcPort uint16
	Message Message
}

// ParseFrame lifts a DHCP message out of an untagged Ethernet frame (the
// capture layer has already moved any 802.1Q tag out). It returns
// ErrNotDHCP (wrapped) for frames that are not IPv4/UDP to or from ports
// 67/68, and ErrInvalidMessage for malformed headers or DHCP payloads. The
// IPv4 header checksum is verified; the UDP checksum is not, since a frame
// captured on the sending host may carry a partial (offloaded) one.
func ParseFrame(frame []byte) (*Packet, error) {
	if len(frame) > maxFrameLength {
		return nil, invalid("frame of %d bytes", len(frame))
	}
	if len(frame) < ethHeaderLen {
		return nil, fmt.Errorf("%w: %d-byte frame", ErrNotDHCP, len(frame))
	}
	if binary.BigEndian.Uint16(frame[12:]) != etherTypeIPv4 {
		return nil, fmt.Errorf("%w: ethertype %#04x", ErrNotDHCP, binary.BigEndian.Uint16(frame[12:]))
	}
	ip := frame[ethHeaderLen:]
	if len(ip) < ipv4MinHdrLen {
		return nil, invalid("IPv4 header of %d bytes", len(ip))
	}
	if ip[0]>>4 != 4 {
		return nil, invalid("IP version %d", ip[0]>>4)
	}
	ihl := int(ip[0]&0x0f) * 4
	total := int(binary.BigEndian.Uint16(ip[2:]))
	if ihl < ipv4MinHdrLen || total < ihl || total > len(ip) {
		return nil, invalid("IPv4 header length %d / total %d / captured %d", ihl, total, len(ip))
	}
	if checksum(ip[:ihl], 0) != 0 {
		return nil, invalid("IPv4 header checksum")
	}
	if ip[9] != ipProtoUDP {
		return nil, fmt.Errorf("%w: IP protocol %d", ErrNotDHCP, ip[9])
	}
	if binary.BigEndian.Uint16(ip[6:])&0x3fff != 0 {
		return nil, fmt.Errorf("%w: IP fragment", ErrNotDHCP)
	}
	udp := ip[ihl:total]
	if len(udp) < udpHeaderLen {
		return nil, invalid("UDP header of %d bytes", len(udp))
	}
	sport, dport := binary.BigEndian.Uint16(udp[0:]), binary.BigEndian.Uint16(udp[2:])
	if !(sport == ServerPort && dport == ClientPort) && !(sport == ClientPort && dport == ServerPort) &&
		!(sport == ServerPort && dport == ServerPort) {
		return nil, fmt.Errorf("%w: UDP %d -> %d", ErrNotDHCP, sport, dport)
	}
	ulen := int(binary.BigEndian.Uint16(udp[4:]))
	if ulen < udpHeaderLen || ulen > len(udp) {
		return nil, invalid("UDP length %d with %d bytes present", ulen, len(udp))
	}
	p := &Packet{
		DstMAC:  append(net.HardwareAddr(nil), frame[0:6]...),
		SrcMAC:  append(net.HardwareAddr(nil), frame[6:12]...),
		SrcIP:   netip.AddrFrom4([4]byte(ip[12:16])),
		DstIP:   netip.AddrFrom4([4]byte(ip[16:20])),
		SrcPort: sport,
	}
	if err := p.Message.UnmarshalBinary(udp[udpHeaderLen:ulen]); err != nil {
		return nil, err
	}
	return p, nil
}

// ErrNotDHCP: the frame is some other traffic; callers skip it quietly.
var ErrNotDHCP = errors.New("dhcp4: not a DHCP frame")
