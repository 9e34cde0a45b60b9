package lldp

import (
	"encoding/hex"
	"strconv"

	"github.com/voxlan/voxlan/snapshot"
)

// Record is what `voxlan decode` prints for one discovery frame: the
// snapshot's neighbour fields plus the wire details a technician asks about
// (port VLAN, voice VLAN, TTL, speed/duplex, power).
type Record struct {
	// Frame is the 1-based frame number in the capture.
	Frame int `json:"frame"`
	snapshot.Neighbor
	ChassisIDSubtype int `json:"chassisIdSubtype,omitempty"`
	PortIDSubtype    int `json:"portIdSubtype,omitempty"`
	// PortVLAN is the 802.1 port VLAN ID or the CDP native VLAN.
	PortVLAN int `json:"portVlan,omitempty"`
	// VoiceVLAN is the CDP VoIP VLAN reply.
	VoiceVLAN int `json:"voiceVlan,omitempty"`
	// VoiceVLANQuery is the VLAN in a CDP VoIP VLAN query (a phone asking).
	VoiceVLANQuery *int `json:"voiceVlanQuery,omitempty"`
	TTL            int  `json:"ttl"`
	// Tag is the 802.1Q tag the frame itself arrived with.
	Tag *Tag `json:"vlanTag,omitempty"`
	// MAU, MAUType, SpeedMbps, Duplex come from the 802.3 MAC/PHY TLV, or
	// Duplex from CDP's duplex TLV.
	MAU       string   `json:"mau,omitempty"`
	MAUType   int      `json:"mauType,omitempty"`
	SpeedMbps int      `json:"speedMbps,omitempty"`
	Duplex    string   `json:"duplex,omitempty"`
	Autoneg   *Autoneg `json:"autoneg,omitempty"`
	// MaxFrameSize is the 802.3 maximum frame size or the CDP MTU.
	MaxFrameSize int    `json:"maxFrameSize,omitempty"`
	Power        *Power `json:"power,omitempty"`
	// Locations are the LLDP-MED Location Identification TLVs.
	Locations []LocationInfo `json:"locations,omitempty"`
	// CDP extras.
	CDPVersion   int    `json:"cdpVersion,omitempty"`
	ChecksumOK   *bool  `json:"checksumOk,omitempty"`
	VTPDomain    string `json:"vtpDomain,omitempty"`
	TrustBitmap  *int   `json:"trustBitmap,omitempty"`
	UntrustedCoS *int   `json:"untrustedCos,omitempty"`
	// Unknown lists TLVs kept raw, as "oui/subtype:hex" (LLDP organizational),
	// "type:hex" (LLDP reserved, CDP).
	Unknown []string `json:"unknownTlvs,omitempty"`
}

// Tag is an 802.1Q tag.
type Tag struct {
	VLAN     int `json:"vlan"`
	Priority int `json:"priority"`
}

// Autoneg is the MAC/PHY TLV's auto-negotiation state.
type Autoneg struct {
	Supported  bool `json:"supported"`
	Enabled    bool `json:"enabled"`
	Advertised int  `json:"advertised"`
}

// Power gathers what a neighbour said about PoE, from whichever TLVs it
// sent: 802.3 Power via MDI, LLDP-MED Extended Power, CDP power.
type Power struct {
	// 802.3 Power via MDI.
	PortClass   string `json:"portClass,omitempty"` // "pse" or "pd"
	Supported   *bool  `json:"supported,omitempty"`
	Enabled     *bool  `json:"enabled,omitempty"`
	PairControl *bool  `json:"pairControl,omitempty"`
	PowerPair   int    `json:"powerPair,omitempty"`
	// Class is the 802.3af class 0-4 (nil when unknown).
	Class      *int    `json:"class,omitempty"`
	PowerType  int     `json:"powerType,omitempty"` // 802.3at Type 1 or 2
	Source     string  `json:"source,omitempty"`
	Priority   string  `json:"priority,omitempty"`
	RequestedW float64 `json:"requestedW,omitempty"`
	AllocatedW float64 `json:"allocatedW,omitempty"`
	// LLDP-MED Extended Power-via-MDI.
	MEDDevice   string  `json:"medDevice,omitempty"` // "pse" or "pd"
	MEDSource   string  `json:"medSource,omitempty"`
	MEDPriority string  `json:"medPriority,omitempty"`
	MEDValueW   float64 `json:"medValueW,omitempty"`
	// CDP.
	ConsumptionMW int `json:"consumptionMw,omitempty"`
	AvailableMW   int `json:"availableMw,omitempty"`
	RequestedMW   int `json:"requestedMw,omitempty"`
}

var priorityWords = [...]string{"unknown", "critical", "high", "low"}

// Record describes the last decoded frame; frame is its 1-based number and
// tag the 802.1Q tag it arrived with (nil when untagged).
func (p *Packet) Record(frame int, tag *Tag) Record {
	var r Record
	switch p.Protocol {
	case ProtocolLLDP:
		r = p.LLDP.record()
	case ProtocolCDP:
		r = p.CDP.record()
	default:
		return Record{Frame: frame}
	}
	r.Frame, r.Tag = frame, tag
	return r
}

func (d *LLDPDU) record() Record {
	r := Record{
		Neighbor:         d.Neighbor(),
		ChassisIDSubtype: int(d.ChassisID.Subtype),
		PortIDSubtype:    int(d.PortID.Subtype),
		PortVLAN:         int(d.Dot1.PVID),
		TTL:              int(d.TTL),
		MaxFrameSize:     int(d.Dot3.MaxFrameSize),
	}
	if m := d.Dot3.MACPHY; m.Present {
		r.MAUType = int(m.MAUType)
		if mau, ok := LookupMAU(m.MAUType); ok {
			r.MAU, r.SpeedMbps, r.Duplex = mau.Name, mau.SpeedMbps, mau.Duplex
		}
		r.Autoneg = &Autoneg{Supported: m.AutonegSupported(), Enabled: m.AutonegEnabled(), Advertised: int(m.Advertised)}
	}
	if pw := d.Dot3.Power; pw.Present {
		r.Power = &Power{
			PortClass:   map[bool]string{true: "pse", false: "pd"}[pw.PSE()],
			Supported:   ptr(pw.Supported()),
			Enabled:     ptr(pw.Enabled()),
			PairControl: ptr(pw.Support&8 != 0),
			PowerPair:   int(pw.PowerPair),
		}
		if c := pw.PowerClass(); c >= 0 {
			r.Power.Class = &c
		}
		if pw.Dot3at {
			r.Power.PowerType = pw.PowerType()
			r.Power.Source = dot3Source(pw.TypeSourcePriority)
			r.Power.Priority = priorityWords[pw.TypeSourcePriority&3]
			r.Power.RequestedW = float64(pw.Requested) / 10
			r.Power.AllocatedW = float64(pw.Allocated) / 10
		}
	}
	if ep := d.MED.Power; ep.Present {
		if r.Power == nil {
			r.Power = &Power{}
		}
		tsp := ep.TypeSourcePriority
		r.Power.MEDDevice = map[bool]string{true: "pd", false: "pse"}[tsp&0x40 != 0]
		r.Power.MEDSource = medSource(tsp)
		if int(tsp&0x0f) < len(priorityWords) {
			r.Power.MEDPriority = priorityWords[tsp&0x0f]
		}
		r.Power.MEDValueW = float64(ep.Value) / 10
	}
	for _, l := range d.MED.Locations {
		r.Locations = append(r.Locations, l.Info())
	}
	for _, o := range d.Unknown {
		r.Unknown = append(r.Unknown, hex.EncodeToString(o.OUI[:])+"/"+strconv.Itoa(int(o.Subtype))+":"+hex.EncodeToString(o.Info))
	}
	for _, t := range d.Reserved {
		r.Unknown = append(r.Unknown, strconv.Itoa(int(t.Type))+":"+hex.EncodeToString(t.Value))
	}
	return r
}

// dot3Source names the 802.3at power source bits (5-4), which mean
// different things for a PSE (bit 6 clear) and a PD.
func dot3Source(tsp uint8) string {
	src := (tsp >> 4) & 3
	if tsp&0x40 == 0 { // PSE
		return [...]string{"unknown", "primary", "backup", "reserved"}[src]
	}
	return [...]string{"unknown", "local", "pse", "pseAndLocal"}[src]
}

// medSource names the LLDP-MED power source bits (5-4) for a PSE or PD.
func medSource(tsp uint8) string {
	src := (tsp >> 4) & 3
	if tsp&0x40 == 0 {
		return [...]string{"unknown", "primary", "backup", "reserved"}[src]
	}
	return [...]string{"unknown", "pse", "local", "pseAndLocal"}[src]
}

func (c *CDP) record() Record {
	r := Record{
		Neighbor:     c.Neighbor(),
		PortVLAN:     int(c.NativeVLAN),
		TTL:          int(c.TTL),
		MaxFrameSize: int(c.MTU),
		CDPVersion:   int(c.Version),
		ChecksumOK:   ptr(c.ChecksumOK),
		VTPDomain:    text(c.VTPDomain),
	}
	if c.VoIPVLANReply.Present {
		r.VoiceVLAN = int(c.VoIPVLANReply.VLAN)
	}
	if c.VoIPVLANQuery.Present {
		r.VoiceVLANQuery = ptr(int(c.VoIPVLANQuery.VLAN))
	}
	switch c.Duplex {
	case 0:
		r.Duplex = "half"
	case 1:
		r.Duplex = "full"
	}
	if c.TrustPresent {
		r.TrustBitmap = ptr(int(c.TrustBitmap))
	}
	if c.CoSPresent {
		r.UntrustedCoS = ptr(int(c.UntrustedCoS))
	}
	if c.PowerPresent || c.PowerAvailable.Present || c.PowerRequested.Present {
		r.Power = &Power{ConsumptionMW: int(c.PowerConsumption)}
		// 0xffffffff is what switches send for "no limit known" (a 3560
		// does): not a figure to show.
		if c.PowerAvailable.N > 0 && c.PowerAvailable.Values[0] != 0xffffffff {
			r.Power.AvailableMW = int(c.PowerAvailable.Values[0])
		}
		if c.PowerRequested.N > 0 {
			r.Power.RequestedMW = int(c.PowerRequested.Values[0])
		}
	}
	for _, u := range c.Unknown {
		r.Unknown = append(r.Unknown, strconv.Itoa(int(u.Type))+":"+hex.EncodeToString(u.Value))
	}
	return r
}

func ptr[T any](v T) *T { return &v }
