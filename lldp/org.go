package lldp

import (
	"encoding/binary"
)

// Organizationally unique identifiers of the TLV sets this package decodes.
var (
	OUIDot1 = [3]byte{0x00, 0x80, 0xc2} // IEEE 802.1
	OUIDot3 = [3]byte{0x00, 0x12, 0x0f} // IEEE 802.3
	OUIMED  = [3]byte{0x00, 0x12, 0xbb} // TIA TR-41 (LLDP-MED)
)

// Dot1 holds the IEEE 802.1 TLVs (IEEE 802.1Q annex D).
type Dot1 struct {
	// PVID is the port VLAN ID, 0 = not sent (or sent as 0: no PVID).
	PVID            uint16
	PVIDPresent     bool
	PPVIDs          []PPVID
	VLANNames       []VLANName
	LinkAggregation LinkAggregation
}

// PPVID is one Port And Protocol VLAN ID TLV.
type PPVID struct {
	// Flags: bit 1 supported, bit 2 enabled.
	Flags uint8
	ID    uint16
}

// VLANName is one VLAN Name TLV.
type VLANName struct {
	ID   uint16
	Name []byte
}

// LinkAggregation is the Link Aggregation TLV (802.1AX, or the deprecated
// 802.3 subtype 3 with the same layout).
type LinkAggregation struct {
	Present bool
	// Status: bit 0 capable, bit 1 enabled (802.1AX adds port type bits 2-3).
	Status uint8
	PortID uint32
}

// Dot3 holds the IEEE 802.3 TLVs (IEEE 802.3 clause 79).
type Dot3 struct {
	MACPHY MACPHY
	Power  PowerViaMDI
	// LinkAggregation is the deprecated 802.3 subtype 3.
	LinkAggregation LinkAggregation
	// MaxFrameSize is 0 when not sent.
	MaxFrameSize uint16
}

// MACPHY is the MAC/PHY Configuration/Status TLV.
type MACPHY struct {
	Present bool
	// Autoneg: bit 0 supported, bit 1 enabled.
	Autoneg uint8
	// Advertised is the PMD auto-negotiation advertised capability bitmap.
	Advertised uint16
	// MAUType is the operational MAU type (IANA-MAU-MIB dot3MauType).
	MAUType uint16
}

// AutonegSupported and AutonegEnabled read MACPHY.Autoneg.
func (m MACPHY) AutonegSupported() bool { return m.Autoneg&1 != 0 }
func (m MACPHY) AutonegEnabled() bool   { return m.Autoneg&2 != 0 }

// PowerViaMDI is the Power via MDI TLV (3 bytes; 8 with the 802.3at fields;
// more with the 802.3bt extension, kept raw in Extension).
type PowerViaMDI struct {
	Present bool
	// Support: bit 0 port class PSE, bit 1 PSE MDI power supported, bit 2
	// PSE MDI power enabled, bit 3 PSE pairs control ability.
	Support uint8
	// PowerPair: 1 signal, 2 spare.
	PowerPair uint8
	// Class is the raw power class field: 1-5 mean class 0-4.
	Class uint8
	// Dot3at says the 802.3at fields below were sent.
	Dot3at bool
	// TypeSourcePriority: bits 7-6 power type (bit 7: 0 type 2, 1 type 1;
	// bit 6: 0 PSE, 1 PD), bits 5-4 power source, bits 1-0 priority
	// (1 critical, 2 high, 3 low).
	TypeSourcePriority uint8
	// Requested and Allocated are in 0.1 W.
	Requested uint16
	Allocated uint16
	Extension []byte
}

// PSE says the port is a power sourcing equipment port.
func (p PowerViaMDI) PSE() bool { return p.Support&1 != 0 }

// Supported and Enabled read the PSE MDI power bits.
func (p PowerViaMDI) Supported() bool { return p.Support&2 != 0 }
func (p PowerViaMDI) Enabled() bool   { return p.Support&4 != 0 }

// PowerClass is the 802.3af class 0-4, or -1 when the field is 0 (unknown).
func (p PowerViaMDI) PowerClass() int { return int(p.Class) - 1 }

// PowerType is 1 or 2 (802.3at Type 1/Type 2), 0 without 802.3at fields.
func (p PowerViaMDI) PowerType() int {
	if !p.Dot3at {
		return 0
	}
	if p.TypeSourcePriority&0x80 != 0 {
		return 1
	}
	return 2
}

// MED holds the LLDP-MED TLVs (ANSI/TIA-1057).
type MED struct {
	// Capabilities is the LLDP-MED capabilities bitmap (bit 0 capabilities,
	// 1 network policy, 2 location, 3 extended power PSE, 4 extended power
	// PD, 5 inventory); CapabilitiesPresent says the TLV was sent.
	CapabilitiesPresent bool
	Capabilities        uint16
	// DeviceClass: 0 not defined, 1-3 endpoint class I-III, 4 network
	// connectivity.
	DeviceClass uint8
	Policies    []NetworkPolicy
	Locations   []Location
	Power       ExtendedPower
	// Inventory strings, nil when not sent.
	HardwareRevision []byte
	FirmwareRevision []byte
	SoftwareRevision []byte
	SerialNumber     []byte
	Manufacturer     []byte
	Model            []byte
	AssetID          []byte
}

// Present says any LLDP-MED TLV was decoded.
func (m *MED) Present() bool {
	return m.CapabilitiesPresent || len(m.Policies) > 0 || len(m.Locations) > 0 || m.Power.Present ||
		m.HardwareRevision != nil || m.FirmwareRevision != nil || m.SoftwareRevision != nil ||
		m.SerialNumber != nil || m.Manufacturer != nil || m.Model != nil || m.AssetID != nil
}

// Application types of the Network Policy TLV.
const (
	AppVoice               = 1
	AppVoiceSignaling      = 2
	AppGuestVoice          = 3
	AppGuestVoiceSignaling = 4
	AppSoftphoneVoice      = 5
	AppVideoConferencing   = 6
	AppStreamingVideo      = 7
	AppVideoSignaling      = 8
)

// NetworkPolicy is one LLDP-MED Network Policy TLV:
//
//	8 bits: application type
//	1 bit:  U (policy unknown)
//	1 bit:  T (tagged)
//	1 bit:  X (reserved)
//	12 bits: VLAN ID
//	3 bits: L2 priority
//	6 bits: DSCP
type NetworkPolicy struct {
	Application uint8
	Unknown     bool
	Tagged      bool
	Reserved    bool
	VLAN        uint16
	Priority    uint8
	DSCP        uint8
}

// Location is one LLDP-MED Location Identification TLV: format 1
// coordinate, 2 civic address, 3 ECS ELIN; Data is kept as sent.
type Location struct {
	Format uint8
	Data   []byte
}

// ExtendedPower is the LLDP-MED Extended Power-via-MDI TLV.
type ExtendedPower struct {
	Present bool
	// TypeSourcePriority: bits 7-6 power type (0 PSE, 1 PD), bits 5-4
	// source, bits 3-0 priority (1 critical, 2 high, 3 low).
	TypeSourcePriority uint8
	// Value is in 0.1 W.
	Value uint16
}

func (d *LLDPDU) decodeOrg(oui [3]byte, sub uint8, v []byte) error {
	var err error
	known := true
	switch oui {
	case OUIDot1:
		known, err = d.Dot1.decode(sub, v)
	case OUIDot3:
		known, err = d.Dot3.decode(sub, v)
	case OUIMED:
		known, err = d.MED.decode(sub, v)
	default:
		known = false
	}
	if err != nil {
		return err
	}
	if !known {
		d.Unknown = append(d.Unknown, OrgTLV{OUI: oui, Subtype: sub, Info: v})
	}
	return nil
}

func wantLen(name string, v []byte, n int) error {
	if len(v) != n {
		return invalid("%s TLV length %d, want %d", name, len(v)+4, n+4)
	}
	return nil
}

func (d *Dot1) decode(sub uint8, v []byte) (bool, error) {
	switch sub {
	case 1:
		if err := wantLen("802.1 Port VLAN ID", v, 2); err != nil {
			return true, err
		}
		if d.PVIDPresent {
			return true, invalid("repeated 802.1 Port VLAN ID TLV")
		}
		d.PVID, d.PVIDPresent = binary.BigEndian.Uint16(v), true
	case 2:
		if err := wantLen("802.1 Port And Protocol VLAN ID", v, 3); err != nil {
			return true, err
		}
		d.PPVIDs = append(d.PPVIDs, PPVID{Flags: v[0], ID: binary.BigEndian.Uint16(v[1:])})
	case 3:
		if len(v) < 3 || int(v[2]) > 32 || len(v) != 3+int(v[2]) {
			return true, invalid("802.1 VLAN Name TLV length %d does not match name length", len(v)+4)
		}
		d.VLANNames = append(d.VLANNames, VLANName{ID: binary.BigEndian.Uint16(v), Name: v[3:]})
	case 7:
		return true, decodeLinkAgg("802.1 Link Aggregation", v, &d.LinkAggregation)
	default:
		return false, nil
	}
	return true, nil
}

func decodeLinkAgg(name string, v []byte, la *LinkAggregation) error {
	if err := wantLen(name, v, 5); err != nil {
		return err
	}
	if la.Present {
		return invalid("repeated %s TLV", name)
	}
	*la = LinkAggregation{Present: true, Status: v[0], PortID: binary.BigEndian.Uint32(v[1:])}
	return nil
}

func (d *Dot1) append(w *tlvWriter) {
	if d.PVIDPresent {
		w.org(OUIDot1, 1, be16(d.PVID))
	}
	for _, p := range d.PPVIDs {
		w.org(OUIDot1, 2, []byte{p.Flags}, be16(p.ID))
	}
	for _, n := range d.VLANNames {
		if len(n.Name) > 32 {
			if w.err == nil {
				w.err = invalid("VLAN name of %d bytes, at most 32", len(n.Name))
			}
			continue
		}
		w.org(OUIDot1, 3, be16(n.ID), []byte{byte(len(n.Name))}, n.Name)
	}
	if d.LinkAggregation.Present {
		w.org(OUIDot1, 7, []byte{d.LinkAggregation.Status}, be32(d.LinkAggregation.PortID))
	}
}

func (d *Dot3) decode(sub uint8, v []byte) (bool, error) {
	switch sub {
	case 1:
		if err := wantLen("802.3 MAC/PHY", v, 5); err != nil {
			return true, err
		}
		if d.MACPHY.Present {
			return true, invalid("repeated 802.3 MAC/PHY TLV")
		}
		d.MACPHY = MACPHY{Present: true, Autoneg: v[0], Advertised: binary.BigEndian.Uint16(v[1:]), MAUType: binary.BigEndian.Uint16(v[3:])}
	case 2:
		// 3 bytes, or 8 with the 802.3at fields (type/source/priority,
		// requested and allocated power), more with 802.3bt's.
		if len(v) != 3 && len(v) < 8 {
			return true, invalid("802.3 Power via MDI TLV length %d, want 7, or 12 and more", len(v)+4)
		}
		if d.Power.Present {
			return true, invalid("repeated 802.3 Power via MDI TLV")
		}
		d.Power = PowerViaMDI{Present: true, Support: v[0], PowerPair: v[1], Class: v[2]}
		if len(v) >= 8 {
			d.Power.Dot3at = true
			d.Power.TypeSourcePriority = v[3]
			d.Power.Requested = binary.BigEndian.Uint16(v[4:])
			d.Power.Allocated = binary.BigEndian.Uint16(v[6:])
			if len(v) > 8 {
				d.Power.Extension = v[8:]
			}
		}
	case 3:
		return true, decodeLinkAgg("802.3 Link Aggregation", v, &d.LinkAggregation)
	case 4:
		if err := wantLen("802.3 Maximum Frame Size", v, 2); err != nil {
			return true, err
		}
		d.MaxFrameSize = binary.BigEndian.Uint16(v)
	default:
		return false, nil
	}
	return true, nil
}

func (d *Dot3) append(w *tlvWriter) {
	if d.MACPHY.Present {
		w.org(OUIDot3, 1, []byte{d.MACPHY.Autoneg}, be16(d.MACPHY.Advertised), be16(d.MACPHY.MAUType))
	}
	if p := d.Power; p.Present {
		if p.Dot3at {
			w.org(OUIDot3, 2, []byte{p.Support, p.PowerPair, p.Class, p.TypeSourcePriority}, be16(p.Requested), be16(p.Allocated), p.Extension)
		} else {
			w.org(OUIDot3, 2, []byte{p.Support, p.PowerPair, p.Class})
		}
	}
	if d.LinkAggregation.Present {
		w.org(OUIDot3, 3, []byte{d.LinkAggregation.Status}, be32(d.LinkAggregation.PortID))
	}
	if d.MaxFrameSize != 0 {
		w.org(OUIDot3, 4, be16(d.MaxFrameSize))
	}
}

func (m *MED) decode(sub uint8, v []byte) (bool, error) {
	switch sub {
	case 1:
		if err := wantLen("LLDP-MED Capabilities", v, 3); err != nil {
			return true, err
		}
		if m.CapabilitiesPresent {
			return true, invalid("repeated LLDP-MED Capabilities TLV")
		}
		m.CapabilitiesPresent, m.Capabilities, m.DeviceClass = true, binary.BigEndian.Uint16(v), v[2]
	case 2:
		if err := wantLen("LLDP-MED Network Policy", v, 4); err != nil {
			return true, err
		}
		x := binary.BigEndian.Uint32(v)
		m.Policies = append(m.Policies, NetworkPolicy{
			Application: v[0],
			Unknown:     x&(1<<23) != 0,
			Tagged:      x&(1<<22) != 0,
			Reserved:    x&(1<<21) != 0,
			VLAN:        uint16(x>>9) & 0x0fff,
			Priority:    uint8(x>>6) & 0x7,
			DSCP:        uint8(x) & 0x3f,
		})
	case 3:
		if len(v) < 1 {
			return true, invalid("LLDP-MED Location TLV without format")
		}
		m.Locations = append(m.Locations, Location{Format: v[0], Data: v[1:]})
	case 4:
		if err := wantLen("LLDP-MED Extended Power-via-MDI", v, 3); err != nil {
			return true, err
		}
		if m.Power.Present {
			return true, invalid("repeated LLDP-MED Extended Power-via-MDI TLV")
		}
		m.Power = ExtendedPower{Present: true, TypeSourcePriority: v[0], Value: binary.BigEndian.Uint16(v[1:])}
	case 5, 6, 7, 8, 9, 10, 11:
		if len(v) > 32 {
			return true, invalid("LLDP-MED inventory TLV %d of %d bytes, at most 32", sub, len(v))
		}
		*m.inventory(sub) = v
	default:
		return false, nil
	}
	return true, nil
}

// inventory returns the field of inventory subtype 5-11.
func (m *MED) inventory(sub uint8) *[]byte {
	switch sub {
	case 5:
		return &m.HardwareRevision
	case 6:
		return &m.FirmwareRevision
	case 7:
		return &m.SoftwareRevision
	case 8:
		return &m.SerialNumber
	case 9:
		return &m.Manufacturer
	case 10:
		return &m.Model
	}
	return &m.AssetID
}

func (m *MED) append(w *tlvWriter) {
	if m.CapabilitiesPresent {
		w.org(OUIMED, 1, be16(m.Capabilities), []byte{m.DeviceClass})
	}
	for _, p := range m.Policies {
		x := uint32(p.Application)<<24 | uint32(p.VLAN&0x0fff)<<9 | uint32(p.Priority&7)<<6 | uint32(p.DSCP&0x3f)
		if p.Unknown {
			x |= 1 << 23
		}
		if p.Tagged {
			x |= 1 << 22
		}
		if p.Reserved {
			x |= 1 << 21
		}
		w.org(OUIMED, 2, be32(x))
	}
	for _, l := range m.Locations {
		w.org(OUIMED, 3, []byte{l.Format}, l.Data)
	}
	if m.Power.Present {
		w.org(OUIMED, 4, []byte{m.Power.TypeSourcePriority}, be16(m.Power.Value))
	}
	for sub := uint8(5); sub <= 11; sub++ {
		v := *m.inventory(sub)
		if v == nil {
			continue
		}
		if len(v) > 32 {
			if w.err == nil {
				w.err = invalid("LLDP-MED inventory TLV %d of %d bytes, at most 32", sub, len(v))
			}
			continue
		}
		w.org(OUIMED, sub, v)
	}
}
