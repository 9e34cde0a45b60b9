// Package lldp decodes and encodes the link-layer discovery protocols a
// phone meets at the wall jack: LLDP (IEEE 802.1AB) with its IEEE 802.1,
// IEEE 802.3 and LLDP-MED (ANSI/TIA-1057) TLVs, and Cisco's CDP v1/v2. It
// also builds the frames a phone sends to make the switch answer at once.
//
// The decoders are pure and strict: every read is length-checked, bad input
// returns an error wrapping ErrInvalidFrame and never panics. They reuse the
// receiver's memory, so decoding frame after frame into the same value does
// not allocate.
//
// gopacket/gopacket's layers.LinkLayerDiscovery and layers.CiscoDiscovery
// decode the common fields right (TestGopacketAgrees checks them on every
// real capture), but they allocate for every TLV, so a decoder built on them
// cannot run allocation-free; they keep only one LLDP-MED network policy per
// LLDPDU (switches send voice and voice-signaling); they have no CDP encoder
// (voxlan must send a VoIP VLAN query), do not verify the CDP checksum and
// cannot read CDP in EtherType 0x8870 frames. So this package has its own
// wire code, checked against tshark and tcpdump on real captures (see the
// tests), and uses gopacket at the edge: pcap/pcapng reading in package
// capture, and as a second reference decoder in the tests.
package lldp

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// EtherType is LLDP's EtherType.
const EtherType = 0x88cc

// MulticastAddr is the nearest-bridge group address LLDPDUs are sent to
// (01:80:c2:00:00:0e).
var MulticastAddr = [6]byte{0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e}

var (
	// ErrInvalidFrame: a frame or PDU breaks the protocol's rules: a TLV
	// runs past the end, a length is wrong for its type, a mandatory TLV is
	// missing or out of order, or a value is out of range. The wrapping
	// error names the TLV.
	ErrInvalidFrame = errors.New("lldp: invalid frame")
	// ErrNotDiscovery: the Ethernet frame is neither LLDP nor CDP.
	ErrNotDiscovery = errors.New("lldp: not an LLDP or CDP frame")
	// ErrDecoderFault: decoding the frame hit a bug in this package (a
	// panic, recovered by DecodeEthernet). It also wraps ErrInvalidFrame,
	// so a capture loop skips the frame like any broken one; the fuzz
	// targets fail on it.
	ErrDecoderFault = errors.New("lldp: decoder fault")
)

func invalid(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidFrame, fmt.Sprintf(format, a...))
}

// TLVType is an LLDP TLV type (7 bits).
type TLVType uint8

// LLDP TLV types (IEEE 802.1AB-2016 table 8-1).
const (
	TLVEnd               TLVType = 0
	TLVChassisID         TLVType = 1
	TLVPortID            TLVType = 2
	TLVTTL               TLVType = 3
	TLVPortDescription   TLVType = 4
	TLVSystemName        TLVType = 5
	TLVSystemDescription TLVType = 6
	TLVCapabilities      TLVType = 7
	TLVManagementAddress TLVType = 8
	TLVOrgSpecific       TLVType = 127

	// TLVTypeMax and TLVLengthMax are the limits of the 7-bit type and
	// 9-bit length fields.
	TLVTypeMax   = 127
	TLVLengthMax = 511
)

// TLV is one raw LLDP TLV. On the wire:
//
//	7 bits: type
//	9 bits: length of value in octets
//	N bytes: value
type TLV struct {
	Type  TLVType
	Value []byte
}

// OrgTLV is a raw organizationally specific TLV (type 127) this package does
// not decode: OUI, subtype, information string.
type OrgTLV struct {
	OUI     [3]byte
	Subtype uint8
	Info    []byte
}

// ChassisIDSubtype says what a chassis ID is (IEEE 802.1AB 8.5.2.2).
type ChassisIDSubtype uint8

// Chassis ID subtypes.
const (
	ChassisIDChassisComponent ChassisIDSubtype = 1
	ChassisIDInterfaceAlias   ChassisIDSubtype = 2
	ChassisIDPortComponent    ChassisIDSubtype = 3
	ChassisIDMACAddress       ChassisIDSubtype = 4
	ChassisIDNetworkAddress   ChassisIDSubtype = 5
	ChassisIDInterfaceName    ChassisIDSubtype = 6
	ChassisIDLocal            ChassisIDSubtype = 7
)

// PortIDSubtype says what a port ID is (IEEE 802.1AB 8.5.3.2).
type PortIDSubtype uint8

// Port ID subtypes.
const (
	PortIDInterfaceAlias PortIDSubtype = 1
	PortIDPortComponent  PortIDSubtype = 2
	PortIDMACAddress     PortIDSubtype = 3
	PortIDNetworkAddress PortIDSubtype = 4
	PortIDInterfaceName  PortIDSubtype = 5
	PortIDAgentCircuitID PortIDSubtype = 6
	PortIDLocal          PortIDSubtype = 7
)

// ChassisID identifies the sending system. For the network-address subtype
// ID starts with the IANA address family octet (1 IPv4, 2 IPv6).
type ChassisID struct {
	Subtype ChassisIDSubtype
	ID      []byte
}

// PortID identifies the sending port; same encoding rules as ChassisID.
type PortID struct {
	Subtype PortIDSubtype
	ID      []byte
}

// Capability bits of the System Capabilities TLV (IEEE 802.1AB 8.5.8).
const (
	CapOther           uint16 = 1 << 0
	CapRepeater        uint16 = 1 << 1
	CapBridge          uint16 = 1 << 2
	CapWLANAccessPoint uint16 = 1 << 3
	CapRouter          uint16 = 1 << 4
	CapTelephone       uint16 = 1 << 5
	CapDOCSIS          uint16 = 1 << 6
	CapStation         uint16 = 1 << 7
	CapCVLAN           uint16 = 1 << 8
	CapSVLAN           uint16 = 1 << 9
	CapTwoPortMACRelay uint16 = 1 << 10
)

// Capabilities is the System Capabilities TLV.
type Capabilities struct {
	Present bool
	System  uint16
	Enabled uint16
}

// ManagementAddress is one Management Address TLV (IEEE 802.1AB 8.5.9).
type ManagementAddress struct {
	// Family is the IANA address family (1 IPv4, 2 IPv6, 6 IEEE 802 MAC).
	Family  uint8
	Address []byte
	// InterfaceSubtype: 1 unknown, 2 ifIndex, 3 system port number.
	InterfaceSubtype uint8
	Interface        uint32
	OID              []byte
}

// LLDPDU is one decoded LLDP data unit. Byte-slice fields point into the
// LLDPDU's own copy of the input; they stay valid until the next
// UnmarshalBinary into the same value.
type LLDPDU struct {
	ChassisID           ChassisID
	PortID              PortID
	TTL                 uint16
	PortDescription     []byte
	SystemName          []byte
	SystemDescription   []byte
	Capabilities        Capabilities
	ManagementAddresses []ManagementAddress
	Dot1                Dot1
	Dot3                Dot3
	MED                 MED
	// Unknown holds organizationally specific TLVs this package does not
	// decode, in frame order, so reports can still show them.
	Unknown []OrgTLV
	// Reserved holds TLVs of reserved types 9-126, in frame order.
	Reserved []TLV

	buf []byte
}

// Reset empties d, keeping its memory for reuse.
func (d *LLDPDU) Reset() {
	buf, mgmt, unk, res := d.buf[:0], d.ManagementAddresses[:0], d.Unknown[:0], d.Reserved[:0]
	ppvid, vnames := d.Dot1.PPVIDs[:0], d.Dot1.VLANNames[:0]
	pol, loc := d.MED.Policies[:0], d.MED.Locations[:0]
	*d = LLDPDU{buf: buf, ManagementAddresses: mgmt, Unknown: unk, Reserved: res}
	d.Dot1.PPVIDs, d.Dot1.VLANNames = ppvid, vnames
	d.MED.Policies, d.MED.Locations = pol, loc
}

// UnmarshalBinary decodes an LLDPDU (the Ethernet payload, starting with the
// Chassis ID TLV). It copies b, so b may be reused afterwards. Errors wrap
// ErrInvalidFrame when:
//   - a TLV header or value runs past the end of b;
//   - Chassis ID, Port ID and TTL are not the first three TLVs, or repeat;
//   - a TLV's length is out of range for its type (chassis/port ID 2-256,
//     TTL 2, strings up to 255, capabilities 4, management address 9-167,
//     organizational TLVs at least 4);
//   - an 802.1, 802.3 or LLDP-MED TLV this package decodes has a wrong length.
//
// A missing End TLV is accepted (the frame may end with padding or exactly at
// the last TLV), as lldpd and Wireshark do.
func (d *LLDPDU) UnmarshalBinary(b []byte) error {
	d.Reset()
	d.buf = append(d.buf, b...)
	b = d.buf
	for i := 0; len(b) > 0; i++ {
		if len(b) < 2 {
			return invalid("TLV header truncated after %d TLVs", i)
		}
		h := binary.BigEndian.Uint16(b)
		t, n := TLVType(h>>9), int(h&0x1ff)
		if len(b) < 2+n {
			return invalid("TLV %d (type %d) needs %d bytes, %d left", i+1, t, n, len(b)-2)
		}
		v := b[2 : 2+n : 2+n]
		b = b[2+n:]
		if i < 3 && t != TLVChassisID+TLVType(i) {
			return invalid("TLV %d is type %d; LLDPDUs start with Chassis ID, Port ID, TTL", i+1, t)
		}
		if t == TLVEnd {
			if n != 0 {
				return invalid("End TLV has length %d", n)
			}
			return nil
		}
		if err := d.decodeTLV(t, v, i); err != nil {
			return err
		}
	}
	if d.ChassisID.Subtype == 0 || d.PortID.Subtype == 0 {
		return invalid("LLDPDU ends before Chassis ID, Port ID and TTL")
	}
	return nil
}

func (d *LLDPDU) decodeTLV(t TLVType, v []byte, i int) error {
	switch t {
	case TLVChassisID, TLVPortID:
		if i != int(t)-1 {
			return invalid("repeated %s TLV", tlvName(t))
		}
		if len(v) < 2 || len(v) > 256 {
			return invalid("%s TLV length %d, want 2-256", tlvName(t), len(v))
		}
		if v[0] == 0 {
			return invalid("%s subtype 0 is reserved", tlvName(t))
		}
		if t == TLVChassisID {
			d.ChassisID = ChassisID{Subtype: ChassisIDSubtype(v[0]), ID: v[1:]}
		} else {
			d.PortID = PortID{Subtype: PortIDSubtype(v[0]), ID: v[1:]}
		}
	case TLVTTL:
		if i != 2 {
			return invalid("repeated TTL TLV")
		}
		if len(v) != 2 {
			return invalid("TTL TLV length %d, want 2", len(v))
		}
		d.TTL = binary.BigEndian.Uint16(v)
	case TLVPortDescription, TLVSystemName, TLVSystemDescription:
		if len(v) > 255 {
			return invalid("%s TLV length %d, want at most 255", tlvName(t), len(v))
		}
		switch t {
		case TLVPortDescription:
			d.PortDescription = v
		case TLVSystemName:
			d.SystemName = v
		default:
			d.SystemDescription = v
		}
	case TLVCapabilities:
		if len(v) != 4 {
			return invalid("System Capabilities TLV length %d, want 4", len(v))
		}
		d.Capabilities = Capabilities{Present: true, System: binary.BigEndian.Uint16(v), Enabled: binary.BigEndian.Uint16(v[2:])}
	case TLVManagementAddress:
		m, err := decodeManagementAddress(v)
		if err != nil {
			return err
		}
		d.ManagementAddresses = append(d.ManagementAddresses, m)
	case TLVOrgSpecific:
		if len(v) < 4 {
			return invalid("organizationally specific TLV length %d, want at least 4", len(v))
		}
		return d.decodeOrg([3]byte{v[0], v[1], v[2]}, v[3], v[4:])
	default:
		d.Reserved = append(d.Reserved, TLV{Type: t, Value: v})
	}
	return nil
}

// 1 byte: address string length (1 + address length, 2-32)
// 1 byte: address subtype (IANA family)
// N bytes: address
// 1 byte: interface numbering subtype
// 4 bytes: interface number
// 1 byte: OID string length (0-128)
// N bytes: OID
func decodeManagementAddress(v []byte) (ManagementAddress, error) {
	if len(v) < 9 || len(v) > 167 {
		return ManagementAddress{}, invalid("Management Address TLV length %d, want 9-167", len(v))
	}
	al := int(v[0])
	if al < 2 || al > 32 || len(v) < 1+al+6 {
		return ManagementAddress{}, invalid("Management Address string length %d in a %d-byte TLV", al, len(v))
	}
	m := ManagementAddress{Family: v[1], Address: v[2 : 1+al]}
	r := v[1+al:]
	m.InterfaceSubtype = r[0]
	m.Interface = binary.BigEndian.Uint32(r[1:])
	ol := int(r[5])
	if ol > 128 || len(r) != 6+ol {
		return ManagementAddress{}, invalid("Management Address OID length %d with %d bytes left", ol, len(r)-6)
	}
	if ol > 0 {
		m.OID = r[6:]
	}
	return m, nil
}

func tlvName(t TLVType) string {
	switch t {
	case TLVChassisID:
		return "Chassis ID"
	case TLVPortID:
		return "Port ID"
	case TLVTTL:
		return "TTL"
	case TLVPortDescription:
		return "Port Description"
	case TLVSystemName:
		return "System Name"
	case TLVSystemDescription:
		return "System Description"
	}
	return fmt.Sprintf("type %d", t)
}

// MarshalBinary encodes d as an LLDPDU (the Ethernet payload).
func (d *LLDPDU) MarshalBinary() ([]byte, error) { return d.AppendBinary(nil) }

// AppendBinary appends the encoded LLDPDU to b: Chassis ID, Port ID, TTL,
// then the optional TLVs that are set, the organizational TLVs, and End.
// It fails when a value does not fit its TLV.
func (d *LLDPDU) AppendBinary(b []byte) ([]byte, error) {
	if d.ChassisID.Subtype == 0 || len(d.ChassisID.ID) < 1 || len(d.ChassisID.ID) > 255 {
		return nil, invalid("chassis ID subtype %d with %d bytes", d.ChassisID.Subtype, len(d.ChassisID.ID))
	}
	if d.PortID.Subtype == 0 || len(d.PortID.ID) < 1 || len(d.PortID.ID) > 255 {
		return nil, invalid("port ID subtype %d with %d bytes", d.PortID.Subtype, len(d.PortID.ID))
	}
	w := tlvWriter{b: b}
	w.tlv(TLVChassisID, []byte{byte(d.ChassisID.Subtype)}, d.ChassisID.ID)
	w.tlv(TLVPortID, []byte{byte(d.PortID.Subtype)}, d.PortID.ID)
	w.tlv(TLVTTL, be16(d.TTL))
	for _, s := range []struct {
		t TLVType
		v []byte
	}{{TLVPortDescription, d.PortDescription}, {TLVSystemName, d.SystemName}, {TLVSystemDescription, d.SystemDescription}} {
		if s.v != nil {
			if len(s.v) > 255 {
				return nil, invalid("%s of %d bytes, at most 255", tlvName(s.t), len(s.v))
			}
			w.tlv(s.t, s.v)
		}
	}
	if d.Capabilities.Present {
		w.tlv(TLVCapabilities, be16(d.Capabilities.System), be16(d.Capabilities.Enabled))
	}
	for _, m := range d.ManagementAddresses {
		if len(m.Address) < 1 || len(m.Address) > 31 || len(m.OID) > 128 {
			return nil, invalid("management address of %d bytes with OID of %d", len(m.Address), len(m.OID))
		}
		w.tlv(TLVManagementAddress, []byte{byte(1 + len(m.Address)), m.Family}, m.Address,
			[]byte{m.InterfaceSubtype}, be32(m.Interface), []byte{byte(len(m.OID))}, m.OID)
	}
	for _, t := range d.Reserved {
		if t.Type < 9 || t.Type > 126 {
			return nil, invalid("reserved TLV type %d", t.Type)
		}
		w.tlv(t.Type, t.Value)
	}
	d.Dot1.append(&w)
	d.Dot3.append(&w)
	d.MED.append(&w)
	for _, o := range d.Unknown {
		w.org(o.OUI, o.Subtype, o.Info)
	}
	w.tlv(TLVEnd)
	if w.err != nil {
		return nil, w.err
	}
	return w.b, nil
}

// tlvWriter appends TLVs, remembering the first one too long to encode.
type tlvWriter struct {
	b   []byte
	err error
}

func (w *tlvWriter) tlv(t TLVType, parts ...[]byte) {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if n > TLVLengthMax {
		if w.err == nil {
			w.err = invalid("TLV type %d value of %d bytes, at most %d", t, n, TLVLengthMax)
		}
		return
	}
	w.b = binary.BigEndian.AppendUint16(w.b, uint16(t)<<9|uint16(n))
	for _, p := range parts {
		w.b = append(w.b, p...)
	}
}

func (w *tlvWriter) org(oui [3]byte, subtype uint8, parts ...[]byte) {
	w.tlv(TLVOrgSpecific, append([]byte{oui[0], oui[1], oui[2], subtype}, concat(parts)...))
}

func concat(parts [][]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func be16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }
func be32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }
