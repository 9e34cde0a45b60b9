package lldp

import (
	"encoding/hex"
	"strconv"
)

// Location formats of the LLDP-MED Location Identification TLV.
const (
	LocationCoordinate = 1 // RFC 3825 LCI, 16 bytes
	LocationCivic      = 2 // RFC 4776 civic address
	LocationELIN       = 3 // emergency location identification number
)

// LocationInfo is a Location Identification TLV made readable.
type LocationInfo struct {
	// Format is "coordinate", "civic", "elin" or "format<N>".
	Format string `json:"format"`
	// Civic fields, for the civic format.
	What    int         `json:"what,omitempty"`
	Country string      `json:"country,omitempty"`
	Civic   []CivicPart `json:"civic,omitempty"`
	// ELIN is the number, for the ELIN format.
	ELIN string `json:"elin,omitempty"`
	// Raw is the location data in hex, for coordinates and for civic data
	// that does not parse.
	Raw string `json:"raw,omitempty"`
}

// CivicPart is one civic address element (CAtype from RFC 4776: 1 state,
// 3 city, 6 street, 19 house number, 26 room...).
type CivicPart struct {
	Type  int    `json:"type"`
	Value string `json:"value"`
}

// Info renders the location. Civic data layout (RFC 4776 section 3.1 as
// LLDP-MED carries it):
//
//	1 byte: LCI length
//	1 byte: what (0 DHCP server, 1 network element, 2 client)
//	2 bytes: country code
//	then elements: 1 byte type, 1 byte length, value
//
// Elements are read to the end of the TLV (some switches put a wrong LCI
// length, as Wireshark also tolerates); one running past the end leaves the
// civic address as Raw.
func (l Location) Info() LocationInfo {
	switch l.Format {
	case LocationCoordinate:
		return LocationInfo{Format: "coordinate", Raw: hex.EncodeToString(l.Data)}
	case LocationELIN:
		return LocationInfo{Format: "elin", ELIN: text(l.Data)}
	case LocationCivic:
		d := l.Data
		if len(d) < 4 {
			return LocationInfo{Format: "civic", Raw: hex.EncodeToString(d)}
		}
		info := LocationInfo{Format: "civic", What: int(d[1]), Country: text(d[2:4])}
		for p := d[4:]; len(p) > 0; {
			if len(p) < 2 || len(p) < 2+int(p[1]) {
				return LocationInfo{Format: "civic", Raw: hex.EncodeToString(d)}
			}
			info.Civic = append(info.Civic, CivicPart{Type: int(p[0]), Value: text(p[2 : 2+int(p[1])])})
			p = p[2+int(p[1]):]
		}
		return info
	}
	return LocationInfo{Format: "format" + strconv.Itoa(int(l.Format)), Raw: hex.EncodeToString(l.Data)}
}
