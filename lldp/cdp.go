package lldp

import (
	"encoding/binary"
)

// CDPMulticastAddr is the group address CDP frames are sent to.
var CDPMulticastAddr = [6]byte{0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcc}

// cdpSNAP is the LLC/SNAP header in front of a CDP PDU: DSAP AA, SSAP AA,
// UI, OUI 00-00-0C (Cisco), protocol 0x2000.
var cdpSNAP = [8]byte{0xaa, 0xaa, 0x03, 0x00, 0x00, 0x0c, 0x20, 0x00}

// CDP TLV types (as Wireshark's packet-cdp.c names them).
const (
	CDPDeviceID        = 0x0001
	CDPAddresses       = 0x0002
	CDPPortID          = 0x0003
	CDPCapabilities    = 0x0004
	CDPSoftwareVersion = 0x0005
	CDPPlatform        = 0x0006
	CDPVTPDomain       = 0x0009
	CDPNativeVLAN      = 0x000a
	CDPDuplex          = 0x000b
	CDPVoIPVLANReply   = 0x000e
	CDPVoIPVLANQuery   = 0x000f
	CDPPower           = 0x0010
	CDPMTU             = 0x0011
	CDPTrustBitmap     = 0x0012
	CDPUntrustedCoS    = 0x0013
	CDPSystemName      = 0x0014
	CDPManagementAddrs = 0x0016
	CDPPowerRequested  = 0x0019
	CDPPowerAvailable  = 0x001a
)

// CDP capability bits.
const (
	CDPCapRouter          uint32 = 0x001
	CDPCapTransBridge     uint32 = 0x002
	CDPCapSourceRouteBr   uint32 = 0x004
	CDPCapSwitch          uint32 = 0x008
	CDPCapHost            uint32 = 0x010
	CDPCapIGMP            uint32 = 0x020
	CDPCapRepeater        uint32 = 0x040
	CDPCapPhone           uint32 = 0x080
	CDPCapRemotelyManaged uint32 = 0x100
	CDPCapTwoPortMACRelay uint32 = 0x400
)

// CDPAddress is one address record: protocol type 1 (NLPID) or 2 (802.2),
// the protocol bytes (0xcc = IPv4 for NLPID; AAAA0300000086DD = IPv6) and
// the address.
type CDPAddress struct {
	ProtocolType uint8
	Protocol     []byte
	Address      []byte
}

// IsIPv4 and IsIPv6 tell the usual protocols apart.
func (a CDPAddress) IsIPv4() bool {
	return a.ProtocolType == 1 && len(a.Protocol) == 1 && a.Protocol[0] == 0xcc && len(a.Address) == 4
}
func (a CDPAddress) IsIPv6() bool {
	return a.ProtocolType == 2 && len(a.Protocol) == 8 && binary.BigEndian.Uint16(a.Protocol[6:]) == 0x86dd && len(a.Address) == 16
}

// CDPVLANDialogue is the VoIP VLAN Reply or Query TLV: an appliance ID
// (1 = telephone) and the VLAN (Query: 0 or the phone's current VLAN).
type CDPVLANDialogue struct {
	Present bool
	ID      uint8
	VLAN    uint16
	// Extra keeps bytes past the VLAN (some phones pad the query).
	Extra []byte
}

// CDPPowerList is the Power Requested or Power Available TLV: request and
// management IDs, then power values in mW.
type CDPPowerList struct {
	Present      bool
	RequestID    uint16
	ManagementID uint16
	// Values holds up to 4 power levels in mW (the count is in N).
	Values [4]uint32
	N      int
}

// CDPTLV is a raw CDP TLV this package does not decode.
type CDPTLV struct {
	Type  uint16
	Value []byte
}

// CDP is one CDP PDU (after the LLC/SNAP header). Byte-slice fields point
// into the value's own copy of the input, valid until the next
// UnmarshalBinary into it.
type CDP struct {
	Version  uint8
	TTL      uint8
	Checksum uint16
	// ChecksumOK says Checksum matches the PDU (computed the way Cisco
	// does, see cdpChecksum). A bad checksum is reported, not an error:
	// the values are still worth showing.
	ChecksumOK bool

	DeviceID        []byte
	Addresses       []CDPAddress
	PortID          []byte
	Capabilities    uint32
	CapsPresent     bool
	SoftwareVersion []byte
	Platform        []byte
	VTPDomain       []byte
	// NativeVLAN is 0 when not sent.
	NativeVLAN uint16
	// Duplex: -1 not sent, 0 half, 1 full.
	Duplex        int8
	VoIPVLANReply CDPVLANDialogue
	VoIPVLANQuery CDPVLANDialogue
	// PowerConsumption in mW, PowerPresent says it was sent.
	PowerConsumption uint16
	PowerPresent     bool
	MTU              uint32
	TrustBitmap      uint8
	TrustPresent     bool
	UntrustedCoS     uint8
	CoSPresent       bool
	SystemName       []byte
	MgmtAddresses    []CDPAddress
	PowerRequested   CDPPowerList
	PowerAvailable   CDPPowerList
	Unknown          []CDPTLV

	buf []byte
}

// Reset empties c, keeping its memory.
func (c *CDP) Reset() {
	buf, addrs, mgmt, unk := c.buf[:0], c.Addresses[:0], c.MgmtAddresses[:0], c.Unknown[:0]
	*c = CDP{buf: buf, Addresses: addrs, MgmtAddresses: mgmt, Unknown: unk, Duplex: -1}
}

// UnmarshalBinary decodes a CDP PDU (version, TTL, checksum, TLVs), copying
// b. Errors wrap ErrInvalidFrame when the header is short, the version is
// not 1 or 2, a TLV length is under 4 or runs past the end, or a TLV this
// package decodes has the wrong length. A wrong checksum only clears
// ChecksumOK.
func (c *CDP) UnmarshalBinary(b []byte) error {
	c.Reset()
	if len(b) < 4 {
		return invalid("CDP header needs 4 bytes, got %d", len(b))
	}
	if b[0] != 1 && b[0] != 2 {
		return invalid("CDP version %d", b[0])
	}
	c.buf = append(c.buf, b...)
	b = c.buf
	c.Version, c.TTL, c.Checksum = b[0], b[1], binary.BigEndian.Uint16(b[2:])
	c.ChecksumOK = cdpChecksum(b) == 0
	for p := b[4:]; len(p) > 0; {
		if len(p) < 4 {
			return invalid("CDP TLV header truncated (%d bytes left)", len(p))
		}
		t, n := binary.BigEndian.Uint16(p), int(binary.BigEndian.Uint16(p[2:]))
		if n < 4 || n > len(p) {
			return invalid("CDP TLV type %#04x length %d with %d bytes left", t, n, len(p))
		}
		if err := c.decodeTLV(t, p[4:n:n]); err != nil {
			return err
		}
		p = p[n:]
	}
	return nil
}

func cdpLen(t uint16, v []byte, n int) error {
	if len(v) != n {
		return invalid("CDP TLV type %#04x length %d, want %d", t, len(v)+4, n+4)
	}
	return nil
}

func (c *CDP) decodeTLV(t uint16, v []byte) error {
	var err error
	switch t {
	case CDPDeviceID:
		c.DeviceID = v
	case CDPAddresses:
		c.Addresses, err = decodeCDPAddresses(v, c.Addresses)
	case CDPPortID:
		c.PortID = v
	case CDPCapabilities:
		if err = cdpLen(t, v, 4); err == nil {
			c.Capabilities, c.CapsPresent = binary.BigEndian.Uint32(v), true
		}
	case CDPSoftwareVersion:
		c.SoftwareVersion = v
	case CDPPlatform:
		c.Platform = v
	case CDPVTPDomain:
		c.VTPDomain = v
	case CDPNativeVLAN:
		if err = cdpLen(t, v, 2); err == nil {
			c.NativeVLAN = binary.BigEndian.Uint16(v)
		}
	case CDPDuplex:
		if err = cdpLen(t, v, 1); err == nil {
			c.Duplex = int8(min(v[0], 1))
		}
	case CDPVoIPVLANReply, CDPVoIPVLANQuery:
		if len(v) < 3 {
			return invalid("CDP VoIP VLAN TLV length %d, want at least 7", len(v)+4)
		}
		d := CDPVLANDialogue{Present: true, ID: v[0], VLAN: binary.BigEndian.Uint16(v[1:])}
		if len(v) > 3 {
			d.Extra = v[3:]
		}
		if t == CDPVoIPVLANReply {
			c.VoIPVLANReply = d
		} else {
			c.VoIPVLANQuery = d
		}
	case CDPPower:
		if err = cdpLen(t, v, 2); err == nil {
			c.PowerConsumption, c.PowerPresent = binary.BigEndian.Uint16(v), true
		}
	case CDPMTU:
		if err = cdpLen(t, v, 4); err == nil {
			c.MTU = binary.BigEndian.Uint32(v)
		}
	case CDPTrustBitmap:
		if err = cdpLen(t, v, 1); err == nil {
			c.TrustBitmap, c.TrustPresent = v[0], true
		}
	case CDPUntrustedCoS:
		if err = cdpLen(t, v, 1); err == nil {
			c.UntrustedCoS, c.CoSPresent = v[0], true
		}
	case CDPSystemName:
		c.SystemName = v
	case CDPManagementAddrs:
		c.MgmtAddresses, err = decodeCDPAddresses(v, c.MgmtAddresses)
	case CDPPowerRequested, CDPPowerAvailable:
		if len(v) < 4 || (len(v)-4)%4 != 0 || len(v) > 4+4*4 {
			return invalid("CDP power TLV type %#04x length %d", t, len(v)+4)
		}
		l := CDPPowerList{Present: true, RequestID: binary.BigEndian.Uint16(v), ManagementID: binary.BigEndian.Uint16(v[2:]), N: (len(v) - 4) / 4}
		for i := range l.N {
			l.Values[i] = binary.BigEndian.Uint32(v[4+4*i:])
		}
		if t == CDPPowerRequested {
			c.PowerRequested = l
		} else {
			c.PowerAvailable = l
		}
	default:
		c.Unknown = append(c.Unknown, CDPTLV{Type: t, Value: v})
	}
	return err
}

// 4 bytes: number of addresses
// per address: 1 byte protocol type, 1 byte protocol length, protocol,
// 2 bytes address length, address
func decodeCDPAddresses(v []byte, out []CDPAddress) ([]CDPAddress, error) {
	if len(v) < 4 {
		return out, invalid("CDP address TLV without a count")
	}
	n := binary.BigEndian.Uint32(v)
	p := v[4:]
	for i := uint32(0); i < n; i++ {
		if len(p) < 2 || len(p) < 2+int(p[1])+2 {
			return out, invalid("CDP address %d of %d truncated", i+1, n)
		}
		pl := int(p[1])
		a := CDPAddress{ProtocolType: p[0], Protocol: p[2 : 2+pl]}
		al := int(binary.BigEndian.Uint16(p[2+pl:]))
		p = p[4+pl:]
		if len(p) < al {
			return out, invalid("CDP address %d of %d: %d bytes announced, %d left", i+1, n, al, len(p))
		}
		a.Address = p[:al]
		p = p[al:]
		out = append(out, a)
	}
	if len(p) != 0 {
		return out, invalid("CDP address TLV has %d bytes after its %d addresses", len(p), n)
	}
	return out, nil
}

// cdpChecksum is the Internet checksum over the PDU the way Cisco computes
// it: an odd last byte is not padded with a zero byte after it but added as
// the low byte of a 16-bit word, and one with the high bit set as a signed
// value with an off-by-one (Wireshark's packet-cdp.c documents the quirk). It returns 0 for a PDU whose checksum field is right.
func cdpChecksum(b []byte) uint16 {
	var sum uint32
	n := len(b)
	for i := 0; i+1 < n; i += 2 {
		sum += uint32(b[i])<<8 | uint32(b[i+1])
	}
	if n%2 == 1 {
		last := uint32(b[n-1])
		if last&0x80 != 0 {
			// Cisco adds the byte as a signed value and then loses a carry
			// when folding: the net effect is 0xff00 | (byte-1).
			last = 0xff00 | (last - 1)
		}
		sum += last
	}
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	return ^uint16(sum)
}

// MarshalBinary encodes the PDU with a freshly computed checksum.
func (c *CDP) MarshalBinary() ([]byte, error) { return c.AppendBinary(nil) }

// AppendBinary appends the encoded PDU (version, TTL, checksum, TLVs) to b,
// computing the checksum. Version 0 is encoded as 2.
func (c *CDP) AppendBinary(b []byte) ([]byte, error) {
	start := len(b)
	v := c.Version
	if v == 0 {
		v = 2
	}
	b = append(b, v, c.TTL, 0, 0)
	w := cdpWriter{b: b}
	if c.DeviceID != nil {
		w.tlv(CDPDeviceID, c.DeviceID)
	}
	if len(c.Addresses) > 0 {
		w.addrs(CDPAddresses, c.Addresses)
	}
	if c.PortID != nil {
		w.tlv(CDPPortID, c.PortID)
	}
	if c.CapsPresent {
		w.tlv(CDPCapabilities, be32(c.Capabilities))
	}
	if c.SoftwareVersion != nil {
		w.tlv(CDPSoftwareVersion, c.SoftwareVersion)
	}
	if c.Platform != nil {
		w.tlv(CDPPlatform, c.Platform)
	}
	if c.VTPDomain != nil {
		w.tlv(CDPVTPDomain, c.VTPDomain)
	}
	if c.NativeVLAN != 0 {
		w.tlv(CDPNativeVLAN, be16(c.NativeVLAN))
	}
	if c.Duplex >= 0 {
		w.tlv(CDPDuplex, []byte{byte(c.Duplex)})
	}
	for _, d := range []struct {
		t uint16
		d CDPVLANDialogue
	}{{CDPVoIPVLANReply, c.VoIPVLANReply}, {CDPVoIPVLANQuery, c.VoIPVLANQuery}} {
		if d.d.Present {
			w.tlv(d.t, []byte{d.d.ID}, be16(d.d.VLAN), d.d.Extra)
		}
	}
	if c.PowerPresent {
		w.tlv(CDPPower, be16(c.PowerConsumption))
	}
	if c.MTU != 0 {
		w.tlv(CDPMTU, be32(c.MTU))
	}
	if c.TrustPresent {
		w.tlv(CDPTrustBitmap, []byte{c.TrustBitmap})
	}
	if c.CoSPresent {
		w.tlv(CDPUntrustedCoS, []byte{c.UntrustedCoS})
	}
	if c.SystemName != nil {
		w.tlv(CDPSystemName, c.SystemName)
	}
	if len(c.MgmtAddresses) > 0 {
		w.addrs(CDPManagementAddrs, c.MgmtAddresses)
	}
	for _, p := range []struct {
		t uint16
		l CDPPowerList
	}{{CDPPowerRequested, c.PowerRequested}, {CDPPowerAvailable, c.PowerAvailable}} {
		if !p.l.Present {
			continue
		}
		if p.l.N < 0 || p.l.N > len(p.l.Values) {
			return nil, invalid("CDP power list with %d values", p.l.N)
		}
		val := append(be16(p.l.RequestID), be16(p.l.ManagementID)...)
		for _, x := range p.l.Values[:p.l.N] {
			val = append(val, be32(x)...)
		}
		w.tlv(p.t, val)
	}
	for _, u := range c.Unknown {
		w.tlv(u.Type, u.Value)
	}
	if w.err != nil {
		return nil, w.err
	}
	b = w.b
	binary.BigEndian.PutUint16(b[start+2:], cdpChecksum(b[start:]))
	return b, nil
}

type cdpWriter struct {
	b   []byte
	err error
}

func (w *cdpWriter) tlv(t uint16, parts ...[]byte) {
	n := 4
	for _, p := range parts {
		n += len(p)
	}
	if n > 0xffff {
		if w.err == nil {
			w.err = invalid("CDP TLV type %#04x of %d bytes", t, n)
		}
		return
	}
	w.b = binary.BigEndian.AppendUint16(w.b, t)
	w.b = binary.BigEndian.AppendUint16(w.b, uint16(n))
	for _, p := range parts {
		w.b = append(w.b, p...)
	}
}

func (w *cdpWriter) addrs(t uint16, addrs []CDPAddress) {
	v := be32(uint32(len(addrs)))
	for _, a := range addrs {
		if len(a.Protocol) > 255 || len(a.Address) > 0xffff {
			if w.err == nil {
				w.err = invalid("CDP address with %d protocol bytes", len(a.Protocol))
			}
			return
		}
		v = append(v, a.ProtocolType, byte(len(a.Protocol)))
		v = append(v, a.Protocol...)
		v = append(v, be16(uint16(len(a.Address)))...)
		v = append(v, a.Address...)
	}
	w.tlv(t, v)
}
