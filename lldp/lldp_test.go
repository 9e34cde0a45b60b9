package lldp

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

// tlvHex builds an LLDP TLV header + value in hex.
func tlvHex(typ, length int, value string) string {
	h := uint16(typ)<<9 | uint16(length)
	return hex.EncodeToString([]byte{byte(h >> 8), byte(h)}) + value
}

const (
	okChassis = "0207" + "04" + "020000000001" // type 1 len 7, MAC subtype
	okPort    = "0403" + "05" + "6531"         // type 2 len 3, ifname "e1"
	okTTL     = "0602" + "0078"                // type 3 len 2, 120
	okEnd     = "0000"
)

func TestLLDPDUUnmarshalErrors(t *testing.T) {
	org := func(oui, sub, info string) string { return tlvHex(127, 4+len(info)/2, oui+sub+info) }
	tests := []struct {
		name, in, reason string
	}{
		{"empty", "", "ends before"},
		{"odd byte", "02", "header truncated"},
		{"value past end", "0207" + "04020000", "needs 7 bytes"},
		{"port first", okPort + okChassis + okTTL, "TLV 1 is type 2"},
		{"no TTL", okChassis + okPort + okEnd, "TLV 3 is type 0"},
		{"repeated chassis", okChassis + okPort + okTTL + okChassis, "repeated Chassis ID"},
		{"repeated TTL", okChassis + okPort + okTTL + okTTL, "repeated TTL"},
		{"chassis too short", "0201" + "04" + okPort + okTTL, "Chassis ID TLV length 1"},
		{"chassis subtype 0", "0202" + "0041" + okPort + okTTL, "subtype 0"},
		{"TTL length 3", okChassis + okPort + "0603" + "000078", "TTL TLV length 3"},
		{"capabilities length 3", okChassis + okPort + okTTL + tlvHex(7, 3, "000400"), "Capabilities TLV length 3"},
		{"mgmt too short", okChassis + okPort + okTTL + tlvHex(8, 8, "0501c6120a01"+"0200"), "Management Address TLV length 8"},
		{"mgmt address length lies", okChassis + okPort + okTTL + tlvHex(8, 12, "2001c6120a01"+"0200000001"+"00"), "string length 32"},
		{"mgmt OID length lies", okChassis + okPort + okTTL + tlvHex(8, 12, "0501c6120a01"+"0200000001"+"05"), "OID length 5"},
		{"org too short", okChassis + okPort + okTTL + tlvHex(127, 3, "0080c2"), "at least 4"},
		{"PVID length 3", okChassis + okPort + okTTL + org("0080c2", "01", "000a00"), "Port VLAN ID TLV length 7"},
		{"VLAN name length lies", okChassis + okPort + okTTL + org("0080c2", "03", "000a"+"05"+"6461"), "VLAN Name"},
		{"MAC/PHY length 4", okChassis + okPort + okTTL + org("00120f", "01", "03"+"6c00"+"00"), "MAC/PHY TLV length 8"},
		{"power length 5", okChassis + okPort + okTTL + org("00120f", "02", "0f0104"+"12"+"00"), "Power via MDI TLV length 9"},
		{"MED policy length 3", okChassis + okPort + okTTL + org("0012bb", "02", "01"+"4028"), "Network Policy TLV length 7"},
		{"MED inventory 33 bytes", okChassis + okPort + okTTL + org("0012bb", "0a", strings.Repeat("41", 33)), "at most 32"},
		{"End with a length", okChassis + okPort + okTTL + "0001" + "00", "End TLV has length 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := hex.DecodeString(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var d LLDPDU
			err = d.UnmarshalBinary(b)
			if !errors.Is(err, ErrInvalidFrame) || !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("err = %v, want ErrInvalidFrame mentioning %q", err, tt.reason)
			}
		})
	}
}

func TestLLDPDULimits(t *testing.T) {
	base := func() *LLDPDU {
		return &LLDPDU{ChassisID: ChassisID{Subtype: ChassisIDLocal, ID: []byte("c")}, PortID: PortID{Subtype: PortIDLocal, ID: []byte("p")}, TTL: 120}
	}
	tests := []struct {
		name   string
		modify func(*LLDPDU)
		ok     bool
	}{
		{"minimal", func(*LLDPDU) {}, true},
		{"system name 255", func(d *LLDPDU) { d.SystemName = bytes.Repeat([]byte("a"), 255) }, true},
		{"system name 256", func(d *LLDPDU) { d.SystemName = bytes.Repeat([]byte("a"), 256) }, false},
		{"chassis ID 255", func(d *LLDPDU) { d.ChassisID.ID = bytes.Repeat([]byte("c"), 255) }, true},
		{"chassis ID 256", func(d *LLDPDU) { d.ChassisID.ID = bytes.Repeat([]byte("c"), 256) }, false},
		{"empty chassis", func(d *LLDPDU) { d.ChassisID.ID = nil }, false},
		{"org TLV of 511", func(d *LLDPDU) { d.Unknown = []OrgTLV{{OUI: [3]byte{1, 2, 3}, Subtype: 9, Info: make([]byte, 507)}} }, true},
		{"org TLV of 512", func(d *LLDPDU) { d.Unknown = []OrgTLV{{OUI: [3]byte{1, 2, 3}, Subtype: 9, Info: make([]byte, 508)}} }, false},
		{"VLAN name 32", func(d *LLDPDU) { d.Dot1.VLANNames = []VLANName{{ID: 1, Name: make([]byte, 32)}} }, true},
		{"VLAN name 33", func(d *LLDPDU) { d.Dot1.VLANNames = []VLANName{{ID: 1, Name: make([]byte, 33)}} }, false},
		{"reserved type 126", func(d *LLDPDU) { d.Reserved = []TLV{{Type: 126, Value: []byte{1}}} }, true},
		{"reserved type 127", func(d *LLDPDU) { d.Reserved = []TLV{{Type: 127, Value: []byte{1}}} }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := base()
			tt.modify(d)
			b, err := d.MarshalBinary()
			if (err == nil) != tt.ok {
				t.Fatalf("MarshalBinary err = %v, want ok=%v", err, tt.ok)
			}
			if err != nil {
				if !errors.Is(err, ErrInvalidFrame) {
					t.Errorf("err %v does not wrap ErrInvalidFrame", err)
				}
				return
			}
			var got LLDPDU
			if err := got.UnmarshalBinary(b); err != nil {
				t.Fatalf("encoded LLDPDU does not decode: %v", err)
			}
			if a, b := recordJSON(t, got.record()), recordJSON(t, d.record()); a != b {
				t.Errorf("round trip:\n got %s\nwant %s", a, b)
			}
		})
	}
}

func TestCDPUnmarshalErrors(t *testing.T) {
	tests := []struct {
		name, in, reason string
	}{
		{"short header", "02b4", "needs 4 bytes"},
		{"version 3", "03b40000", "version 3"},
		{"TLV header cut", "02b40000" + "0001", "truncated"},
		{"TLV length 3", "02b40000" + "00010003", "length 3"},
		{"TLV past end", "02b40000" + "00010009" + "4142", "length 9"},
		{"native VLAN length 3", "02b40000" + "000a0007" + "000a00", "length 7, want 6"},
		{"address count lies", "02b40000" + "00020011" + "00000002" + "0101cc0004c6120a01", "address 2 of 2"},
		{"address bytes left over", "02b40000" + "00020012" + "00000001" + "0101cc0004c6120a01" + "00", "after its 1 addresses"},
		{"VoIP reply too short", "02b40000" + "000e0006" + "0100", "at least 7"},
		{"power available odd", "02b40000" + "001a000a" + "000000010000", "power TLV"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := hex.DecodeString(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var c CDP
			err = c.UnmarshalBinary(b)
			if !errors.Is(err, ErrInvalidFrame) || !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("err = %v, want ErrInvalidFrame mentioning %q", err, tt.reason)
			}
		})
	}
}

func TestDecodeEthernetNotDiscovery(t *testing.T) {
	for name, in := range map[string]string{
		"short":           "0180c200000e",
		"IPv4":            "ffffffffffff020000000001" + "0800" + "4500",
		"STP (LLC 42 42)": "0180c2000000020000000001" + "0026" + "424203000000",
		"SNAP not Cisco":  "01000ccccccc020000000001" + "0026" + "aaaa03000000" + "0800",
	} {
		t.Run(name, func(t *testing.T) {
			b, _ := hex.DecodeString(in)
			var p Packet
			if err := p.DecodeEthernet(b); !errors.Is(err, ErrNotDiscovery) {
				t.Errorf("err = %v, want ErrNotDiscovery", err)
			}
		})
	}
}
