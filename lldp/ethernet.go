package lldp

import (
	"encoding/binary"
	"fmt"
)

// EtherTypeLLC marks LLC carried in an Ethernet II frame (IEEE 802.1AC
// "LLC encapsulation", 0x8870). Cisco sends CDP in 802.3 length frames;
// some stacks (scapy's Ether()/LLC) use this instead, and Wireshark reads both.
const EtherTypeLLC = 0x8870

// EtherType802_2 asks a capture for IEEE 802.3 frames whose type field is a
// length (LLC/SNAP: CDP), as Linux's ETH_P_802_2 pseudo-type does; the
// decoders keep their own constants rather than borrow the capture
// package's (capture.EtherType802_2 has the same value).
const EtherType802_2 uint16 = 0x0004

// CaptureEtherTypes are the EtherTypes to capture for LLDP and CDP (see
// capture.Open).
var CaptureEtherTypes = []uint16{EtherType, EtherType802_2, EtherTypeLLC}

// Protocol names the discovery protocol of a decoded frame.
type Protocol uint8

// Protocols.
const (
	ProtocolNone Protocol = iota
	ProtocolLLDP
	ProtocolCDP
)

func (p Protocol) String() string {
	switch p {
	case ProtocolLLDP:
		return "lldp"
	case ProtocolCDP:
		return "cdp"
	}
	return "none"
}

// Packet holds the last discovery frame decoded into it; reuse one Packet
// for a stream of frames and decoding does not allocate.
type Packet struct {
	Protocol Protocol
	// Source is the Ethernet source address.
	Source [6]byte
	LLDP   LLDPDU
	CDP    CDP
}

// DecodeEthernet decodes an untagged Ethernet frame (destination MAC first,
// 802.1Q tag already removed, as capture.Frame hands it over). It returns an
// error wrapping ErrNotDiscovery for frames that are neither LLDP
// (EtherType 0x88cc) nor CDP (802.3 length, LLC/SNAP Cisco 0x2000), and one
// wrapping ErrInvalidFrame for broken ones. It never panics: should a
// decoder bug panic on some frame, the error wraps ErrDecoderFault and
// ErrInvalidFrame, so no frame on the wire can end a capture loop.
func (p *Packet) DecodeEthernet(data []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			p.Protocol = ProtocolNone
			err = fmt.Errorf("%w (%w): %v; please report it with the capture", ErrInvalidFrame, ErrDecoderFault, r)
		}
	}()
	p.Protocol = ProtocolNone
	if len(data) < 14 {
		return ErrNotDiscovery
	}
	copy(p.Source[:], data[6:12])
	t := binary.BigEndian.Uint16(data[12:])
	switch {
	case t == EtherType:
		if err := p.LLDP.UnmarshalBinary(data[14:]); err != nil {
			return err
		}
		p.Protocol = ProtocolLLDP
		return nil
	case t < 0x0600 || t == EtherTypeLLC:
		if len(data) < 22 || [8]byte(data[14:22]) != cdpSNAP {
			return ErrNotDiscovery
		}
		// An 802.3 length covers LLC/SNAP and the PDU; anything after it
		// is Ethernet padding. With EtherType 0x8870 the PDU runs to the
		// end of the frame.
		end := len(data)
		if t < 0x0600 {
			n := int(t)
			if n < 8 || 14+n > len(data) {
				return invalid("802.3 length %d with %d bytes of frame after the header", n, len(data)-14)
			}
			end = 14 + n
		}
		if err := p.CDP.UnmarshalBinary(data[22:end]); err != nil {
			return err
		}
		p.Protocol = ProtocolCDP
		return nil
	}
	return ErrNotDiscovery
}

// AppendLLDPFrame appends an Ethernet frame carrying d from src to the LLDP
// nearest-bridge address.
func AppendLLDPFrame(b []byte, src [6]byte, d *LLDPDU) ([]byte, error) {
	b = append(b, MulticastAddr[:]...)
	b = append(b, src[:]...)
	b = binary.BigEndian.AppendUint16(b, EtherType)
	return d.AppendBinary(b)
}

// AppendCDPFrame appends an 802.3 frame with LLC/SNAP carrying c from src to
// the CDP multicast address.
func AppendCDPFrame(b []byte, src [6]byte, c *CDP) ([]byte, error) {
	start := len(b)
	b = append(b, CDPMulticastAddr[:]...)
	b = append(b, src[:]...)
	b = append(b, 0, 0)
	b = append(b, cdpSNAP[:]...)
	b, err := c.AppendBinary(b)
	if err != nil {
		return nil, err
	}
	n := len(b) - start - 14
	if n > 1500 {
		return nil, invalid("CDP frame payload of %d bytes exceeds 1500", n)
	}
	binary.BigEndian.PutUint16(b[start+12:], uint16(n))
	return b, nil
}
