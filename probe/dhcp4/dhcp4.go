// Package dhcp4 encodes and decodes DHCPv4 messages (RFC 2131, options RFC
// 2132): the DISCOVER, REQUEST and RELEASE a probing client sends, and the
// OFFER, ACK and NAK servers answer. It is pure: bytes in, values out, no
// sockets.
//
// Decoding is strict: every length is checked before it is read, option
// lengths must fit, and the magic cookie must be there. Values are copied out
// of the input buffer.
package dhcp4

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"net/netip"
)

// Op codes (BOOTP).
const (
	OpRequest uint8 = 1
	OpReply   uint8 = 2
)

// MessageType is option 53.
type MessageType uint8

// Message types (RFC 2132 9.6).
const (
	Discover MessageType = 1
	Offer    MessageType = 2
	Request  MessageType = 3
	Decline  MessageType = 4
	Ack      MessageType = 5
	Nak      MessageType = 6
	Release  MessageType = 7
	Inform   MessageType = 8
)

func (t MessageType) String() string {
	names := [...]string{"", "DISCOVER", "OFFER", "REQUEST", "DECLINE", "ACK", "NAK", "RELEASE", "INFORM"}
	if int(t) < len(names) && t != 0 {
		return names[t]
	}
	return fmt.Sprintf("type-%d", uint8(t))
}

// Option codes voxlan reads or writes.
const (
	OptPad             uint8 = 0
	OptSubnetMask      uint8 = 1
	OptRouter          uint8 = 3
	OptDNS             uint8 = 6
	OptHostName        uint8 = 12
	OptDomainName      uint8 = 15
	OptNTP             uint8 = 42
	OptVendorSpecific  uint8 = 43
	OptRequestedIP     uint8 = 50
	OptLeaseTime       uint8 = 51
	OptMessageType     uint8 = 53
	OptServerID        uint8 = 54
	OptParamRequest    uint8 = 55
	OptMaxMessageSize  uint8 = 57
	OptRenewalTime     uint8 = 58
	OptRebindingTime   uint8 = 59
	OptVendorClass     uint8 = 60
	OptClientID        uint8 = 61
	OptTFTPServerName  uint8 = 66
	OptBootfileName    uint8 = 67
	OptTFTPServersCisc uint8 = 150
	OptEnd             uint8 = 255
)

// fixedLen is the BOOTP header before the magic cookie.
const fixedLen = 236

// MinLen is the shortest valid message: header, cookie and an End option.
const MinLen = fixedLen + 4 + 1

var magicCookie = [4]byte{99, 130, 83, 99}

var (
	// ErrInvalidMessage: the bytes are not a well-formed DHCPv4 message. The
	// wrapped text says which check failed.
	ErrInvalidMessage = errors.New("dhcp4: invalid message")
)

func invalid(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidMessage, fmt.Sprintf(format, a...))
}

// Option is one TLV option, its data copied out of the packet.
type Option struct {
	Code uint8
	Data []byte
}

// Message is one DHCPv4 message. Options keep their order on the wire;
// repeated codes are concatenated on decode (RFC 3396 long options).
type Message struct {
	Op     uint8
	HType  uint8
	HLen   uint8
	Hops   uint8
	XID    uint32
	Secs   uint16
	Flags  uint16
	CIAddr netip.Addr
	YIAddr netip.Addr
	SIAddr netip.Addr
	GIAddr netip.Addr
	// CHAddr is the client hardware address (HLen bytes of the 16-byte field).
	CHAddr  net.HardwareAddr
	SName   string
	File    string
	Options []Option
}

// FlagBroadcast asks servers to broadcast their reply (the client has no
// address yet, and some stacks cannot receive unicast before configuration).
const FlagBroadcast uint16 = 0x8000

// MarshalBinary encodes m, padding to the 300-byte BOOTP minimum that some
// relays and servers still expect.
func (m *Message) MarshalBinary() ([]byte, error) {
	if len(m.CHAddr) > 16 {
		return nil, fmt.Errorf("dhcp4: chaddr of %d bytes is longer than 16", len(m.CHAddr))
	}
	if len(m.SName) > 63 || len(m.File) > 127 {
		return nil, errors.New("dhcp4: sname or file too long")
	}
	b := make([]byte, fixedLen, 300)
	b[0], b[1], b[2], b[3] = m.Op, m.HType, m.HLen, m.Hops
	binary.BigEndian.PutUint32(b[4:], m.XID)
	binary.BigEndian.PutUint16(b[8:], m.Secs)
	binary.BigEndian.PutUint16(b[10:], m.Flags)
	for i, a := range []netip.Addr{m.CIAddr, m.YIAddr, m.SIAddr, m.GIAddr} {
		if a.IsValid() {
			if !a.Is4() {
				return nil, fmt.Errorf("dhcp4: address %s is not IPv4", a)
			}
			v := a.As4()
			copy(b[12+4*i:], v[:])
		}
	}
	copy(b[28:44], m.CHAddr)
	copy(b[44:108], m.SName)
	copy(b[108:236], m.File)
	b = append(b, magicCookie[:]...)
	for _, o := range m.Options {
		if o.Code == OptPad || o.Code == OptEnd {
			continue
		}
		// Split data longer than 255 bytes across repeated options (RFC 3396).
		d := o.Data
		for {
			n := min(len(d), 255)
			b = append(b, o.Code, byte(n))
			b = append(b, d[:n]...)
			d = d[n:]
			if len(d) == 0 {
				break
			}
		}
	}
	b = append(b, OptEnd)
	for len(b) < 300 {
		b = append(b, OptPad)
	}
	return b, nil
}

// UnmarshalBinary decodes b into m. It returns an error wrapping
// ErrInvalidMessage when b is shorter than MinLen, lacks the magic cookie, has
// an option that runs past the end, or has no End option (a truncated
// message). Overloaded sname/file (option 52) are not read.
func (m *Message) UnmarshalBinary(b []byte) error {
	if len(b) < MinLen {
		return invalid("%d bytes, need at least %d", len(b), MinLen)
	}
	if [4]byte(b[fixedLen:fixedLen+4]) != magicCookie {
		return invalid("no magic cookie (not DHCP, plain BOOTP?)")
	}
	hlen := b[2]
	if hlen > 16 {
		return invalid("hlen %d exceeds the 16-byte chaddr field", hlen)
	}
	*m = Message{
		Op: b[0], HType: b[1], HLen: hlen, Hops: b[3],
		XID:    binary.BigEndian.Uint32(b[4:]),
		Secs:   binary.BigEndian.Uint16(b[8:]),
		Flags:  binary.BigEndian.Uint16(b[10:]),
		CIAddr: addr4(b[12:16]), YIAddr: addr4(b[16:20]),
		SIAddr: addr4(b[20:24]), GIAddr: addr4(b[24:28]),
		CHAddr: append(net.HardwareAddr(nil), b[28:28+int(hlen)]...),
		SName:  cString(b[44:108]),
		File:   cString(b[108:236]),
	}
	opts := b[fixedLen+4:]
	index := map[uint8]int{}
	for i := 0; ; {
		if i >= len(opts) {
			return invalid("options end without an End option")
		}
		code := opts[i]
		if code == OptEnd {
			break
		}
		if code == OptPad {
			i++
			continue
		}
		if i+1 >= len(opts) {
			return invalid("option %d has no length byte", code)
		}
		n := int(opts[i+1])
		if i+2+n > len(opts) {
			return invalid("option %d of length %d runs past the end", code, n)
		}
		data := opts[i+2 : i+2+n]
		if k, seen := index[code]; seen {
			m.Options[k].Data = append(m.Options[k].Data, data...)
		} else {
			index[code] = len(m.Options)
			m.Options = append(m.Options, Option{Code: code, Data: append([]byte(nil), data...)})
		}
		i += 2 + n
	}
	if _, ok := index[OptMessageType]; !ok {
		return invalid("no message type option (53)")
	}
	if t := m.Option(OptMessageType); len(t) != 1 {
		return invalid("message type option of length %d, want 1", len(t))
	}
	return nil
}

func addr4(b []byte) netip.Addr {
	a := netip.AddrFrom4([4]byte(b))
	if a.IsUnspecified() {
		return netip.Addr{}
	}
	return a
}

func cString(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}

// Option returns the data of option code, or nil when absent.
func (m *Message) Option(code uint8) []byte {
	for _, o := range m.Options {
		if o.Code == code {
			return o.Data
		}
	}
	return nil
}

// Has reports whether option code is present.
func (m *Message) Has(code uint8) bool {
	for _, o := range m.Options {
		if o.Code == code {
			return true
		}
	}
	return false
}

// Type returns option 53, or 0 when absent.
func (m *Message) Type() MessageType {
	if t := m.Option(OptMessageType); len(t) == 1 {
		return MessageType(t[0])
	}
	return 0
}

// Addr returns a single-address option (server id, requested IP, mask).
// ok is false when absent or not exactly 4 bytes long.
func (m *Message) Addr(code uint8) (netip.Addr, bool) {
	d := m.Option(code)
	if len(d) != 4 {
		return netip.Addr{}, false
	}
	return netip.AddrFrom4([4]byte(d)), true
}

// Addrs returns a list-of-addresses option (routers, DNS, NTP, option 150).
// ok is false when absent, empty, or not a multiple of 4 bytes.
func (m *Message) Addrs(code uint8) ([]netip.Addr, bool) {
	d := m.Option(code)
	if len(d) == 0 || len(d)%4 != 0 {
		return nil, false
	}
	out := make([]netip.Addr, 0, len(d)/4)
	for i := 0; i < len(d); i += 4 {
		out = append(out, netip.AddrFrom4([4]byte(d[i:i+4])))
	}
	return out, true
}

// Uint32 returns a 4-byte integer option (lease, renewal, rebinding time).
func (m *Message) Uint32(code uint8) (uint32, bool) {
	d := m.Option(code)
	if len(d) != 4 {
		return 0, false
	}
	return binary.BigEndian.Uint32(d), true
}

// Text returns a text option (domain name, TFTP server name), NUL bytes
// trimmed from the end as some servers pad them.
func (m *Message) Text(code uint8) (string, bool) {
	d := m.Option(code)
	if d == nil {
		return "", false
	}
	for len(d) > 0 && d[len(d)-1] == 0 {
		d = d[:len(d)-1]
	}
	return string(d), true
}

// MaskBits returns the prefix length of a contiguous subnet mask, or -1 when
// the mask is not contiguous.
func MaskBits(mask netip.Addr) int {
	if !mask.Is4() {
		return -1
	}
	v := binary.BigEndian.Uint32(mask.AsSlice())
	ones := 0
	for v&0x80000000 != 0 {
		ones++
		v <<= 1
	}
	if v != 0 {
		return -1
	}
	return ones
}
