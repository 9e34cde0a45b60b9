package lldp

import (
	"encoding/binary"
	"errors"
	"testing"
)

// The seeds and the structure-aware targets below exist because a byte-level
// fuzzer seeded only with well-formed captures never produced an 802.3 Power
// via MDI TLV of length 11, which read past its value: every TLV this package
// knows is now seeded at every length it can have, and the TLV-sequence
// targets build framing that is always consistent so the mutations land in
// the values.

// checkLLDPDU: never panic, errors wrap ErrInvalidFrame, and whatever decodes
// must encode and decode again to the same values.
func checkLLDPDU(t *testing.T, b []byte) {
	var d LLDPDU
	if err := d.UnmarshalBinary(b); err != nil {
		if !errors.Is(err, ErrInvalidFrame) {
			t.Fatalf("error %v does not wrap ErrInvalidFrame", err)
		}
		return
	}
	enc, err := d.MarshalBinary()
	if err != nil {
		t.Fatalf("decoded LLDPDU does not encode: %v", err)
	}
	var d2 LLDPDU
	if err := d2.UnmarshalBinary(enc); err != nil {
		t.Fatalf("re-encoded LLDPDU does not decode: %v\\n%x", err, enc)
	}
	if a, b := recordJSON(t, d2.record()), recordJSON(t, d.record()); a != b {
		t.Fatalf("round trip changed the LLDPDU:\\n got %s\\nwant %s", a, b)
	}
}

// checkCDP is checkLLDPDU for CDP; the encoder's checksum must verify.
func checkCDP(t *testing.T, b []byte) {
	var c CDP
	if err := c.UnmarshalBinary(b); err != nil {
		if !errors.Is(err, ErrInvalidFrame) {
			t.Fatalf("error %v does not wrap ErrInvalidFrame", err)
		}
		return
	}
	enc, err := c.MarshalBinary()
	if err != nil {
		t.Fatalf("decoded CDP does not encode: %v", err)
	}
	var c2 CDP
	if err := c2.UnmarshalBinary(enc); err != nil {
		t.Fatalf("re-encoded CDP does not decode: %v", err)
	}
	if !c2.ChecksumOK {
		t.Fatalf("encoder wrote a wrong checksum: %x", enc)
	}
	r1, r2 := c.record(), c2.record()
	r1.ChecksumOK, r2.ChecksumOK = nil, nil
	if a, b := recordJSON(t, r2), recordJSON(t, r1); a != b {
		t.Fatalf("round trip changed the CDP PDU:\\n got %s\\nwant %s", a, b)
	}
}

// lldpKind is one TLV the decoder distinguishes: a basic type, or an
// organizationally specific TLV by OUI and subtype.
type lldpKind struct {
	t   TLVType
	oui [3]byte
	sub uint8
}

// lldpKinds lists every TLV type the decoder handles, plus a reserved type
// and an unknown OUI and subtype (kept raw).
var lldpKinds = func() []lldpKind {
	var k []lldpKind
	for t := TLVChassisID; t <= TLVManagementAddress; t++ {
		k = append(k, lldpKind{t: t})
	}
	k = append(k, lldpKind{t: 9})
	for _, sub := range []uint8{1, 2, 3, 7, 99} {
		k = append(k, lldpKind{t: TLVOrgSpecific, oui: OUIDot1, sub: sub})
	}
	for _, sub := range []uint8{1, 2, 3, 4, 99} {
		k = append(k, lldpKind{t: TLVOrgSpecific, oui: OUIDot3, sub: sub})
	}
	for sub := uint8(1); sub <= 12; sub++ {
		k = append(k, lldpKind{t: TLVOrgSpecific, oui: OUIMED, sub: sub})
	}
	return append(k, lldpKind{t: TLVOrgSpecific, oui: [3]byte{0x00, 0x01, 0x42}, sub: 1})
}()

// lldpTLVMax is the largest LLDP TLV value (9-bit length).
const lldpTLVMax = 511

// appendLLDPTLV appends a TLV of kind k whose value is n bytes long in all
// (organizational TLVs: OUI and subtype included, n >= 4), filled from fill
// and then with a pattern.
func appendLLDPTLV(b []byte, k lldpKind, n int, fill []byte) []byte {
	b = binary.BigEndian.AppendUint16(b, uint16(k.t)<<9|uint16(n))
	v := make([]byte, n)
	i := 0
	if k.t == TLVOrgSpecific {
		i = copy(v, append(k.oui[:], k.sub))
	}
	i += copy(v[i:], fill)
	for ; i < n; i++ {
		v[i] = byte(i*7 + n)
	}
	return append(b, v...)
}

// lldpHead is a valid Chassis ID, Port ID and TTL, with the one of type
// replace (1-3) left out so the caller can put its own in that place.
func lldpHead(replace TLVType, tlv []byte) []byte {
	var b []byte
	for t := TLVChassisID; t <= TLVTTL; t++ {
		switch {
		case t == replace:
			b = append(b, tlv...)
		case t == TLVTTL:
			b = append(b, 0x06, 0x02, 0x00, 0x78)
		case t == TLVChassisID:
			b = append(b, 0x02, 0x07, 0x04, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55)
		default:
			b = append(b, 0x04, 0x02, 0x07, '1')
		}
	}
	return b
}

// everyLLDPTLV returns an LLDPDU per known TLV kind and per value length,
// from 0 (4 for organizational TLVs, which the length covers) to 511.
func everyLLDPTLV() [][]byte {
	var out [][]byte
	for _, k := range lldpKinds {
		first := 0
		if k.t == TLVOrgSpecific {
			first = 4
		}
		for n := first; n <= lldpTLVMax; n++ {
			tlv := appendLLDPTLV(nil, k, n, nil)
			var b []byte
			if k.t <= TLVTTL {
				b = lldpHead(k.t, tlv)
			} else {
				b = append(lldpHead(0, nil), tlv...)
			}
			out = append(out, append(b, 0, 0))
		}
	}
	return out
}

// cdpKinds are the CDP TLV types the decoder handles, plus an unknown one.
var cdpKinds = []uint16{CDPDeviceID, CDPAddresses, CDPPortID, CDPCapabilities, CDPSoftwareVersion,
	CDPPlatform, CDPVTPDomain, CDPNativeVLAN, CDPDuplex, CDPVoIPVLANReply, CDPVoIPVLANQuery, CDPPower,
	CDPMTU, CDPTrustBitmap, CDPUntrustedCoS, CDPSystemName, CDPManagementAddrs, CDPPowerRequested,
	CDPPowerAvailable, 0x00ff}

// cdpTLVMax is the largest CDP TLV value that fits one Ethernet frame with
// the LLC/SNAP and CDP headers.
const cdpTLVMax = 1500 - 8 - 4 - 4

// appendCDPTLV appends a CDP TLV of type t with an n-byte value.
func appendCDPTLV(b []byte, t uint16, n int, fill []byte) []byte {
	b = binary.BigEndian.AppendUint16(b, t)
	b = binary.BigEndian.AppendUint16(b, uint16(n+4))
	v := make([]byte, n)
	for i := copy(v, fill); i < n; i++ {
		v[i] = byte(i*7 + n)
	}
	return append(b, v...)
}

// cdpPDU puts a version 2 header with a right checksum before tlvs.
func cdpPDU(tlvs []byte) []byte {
	b := append([]byte{2, 180, 0, 0}, tlvs...)
	binary.BigEndian.PutUint16(b[2:], cdpChecksum(b))
	return b
}

// cdpEveryLengthUpTo: every CDP value length up to it is seeded, and beyond
// it a spread up to cdpTLVMax. Past the largest structured value the
// decoder knows (a power list: 20 bytes; an address entry: 9 + 16) a length
// only makes a longer string or a longer trailing run, so every length to
// the frame's end would only slow the tests down.
const cdpEveryLengthUpTo = 300

// everyCDPTLV returns a CDP PDU per known TLV type and per value length
// from 0 to what a frame holds. Counted TLVs (addresses) announce one entry
// so lengths exercise the entry's own bounds.
func everyCDPTLV() [][]byte {
	var out [][]byte
	for _, t := range cdpKinds {
		var fill []byte
		if t == CDPAddresses || t == CDPManagementAddrs {
			fill = []byte{0, 0, 0, 1, 1, 1, 0xcc, 0, 4}
		}
		for n := 0; n <= cdpTLVMax; n++ {
			if n > cdpEveryLengthUpTo && n%97 != 0 && n != cdpTLVMax {
				continue
			}
			out = append(out, cdpPDU(appendCDPTLV(nil, t, n, fill)))
		}
	}
	return out
}

// buildLLDPFromSpec turns fuzz input into an LLDPDU whose TLV framing is
// always consistent: spec[0] bit 0 keeps the mandatory head, then each
// 3-byte record picks a TLV kind and a value length and the bytes after it
// become the value.
func buildLLDPFromSpec(spec []byte) []byte {
	var b []byte
	if len(spec) > 0 {
		if spec[0]&1 == 0 {
			b = lldpHead(0, nil)
		}
		spec = spec[1:]
	}
	for len(spec) >= 3 {
		k := lldpKinds[int(spec[0])%len(lldpKinds)]
		n := int(binary.BigEndian.Uint16(spec[1:])) % (lldpTLVMax + 1)
		if k.t == TLVOrgSpecific {
			n = max(n, 4)
		}
		spec = spec[3:]
		take := min(len(spec), max(n-4, 0))
		b = appendLLDPTLV(b, k, n, spec[:take])
		spec = spec[take:]
	}
	return append(b, 0, 0)
}

// buildCDPFromSpec does the same for CDP.
func buildCDPFromSpec(spec []byte) []byte {
	var tlvs []byte
	for len(spec) >= 3 && len(tlvs) < 1500 {
		t := cdpKinds[int(spec[0])%len(cdpKinds)]
		n := int(binary.BigEndian.Uint16(spec[1:])) % (cdpTLVMax + 1)
		spec = spec[3:]
		take := min(len(spec), n)
		tlvs = appendCDPTLV(tlvs, t, n, spec[:take])
		spec = spec[take:]
	}
	return cdpPDU(tlvs)
}

// FuzzLLDPTLVSequence builds LLDPDUs TLV by TLV from the input, so mutation
// explores types, lengths and values instead of breaking the framing.
func FuzzLLDPTLVSequence(f *testing.F) {
	for i := range lldpKinds {
		for _, n := range []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 11, 12, 13, 36, 255, 256, 511} {
			f.Add([]byte{0, byte(i), byte(n >> 8), byte(n)})
		}
	}
	f.Add([]byte{1, 0, 0, 7, 4, 0, 1, 2, 3, 4, 5, 6})
	f.Fuzz(func(t *testing.T, spec []byte) {
		checkLLDPDU(t, buildLLDPFromSpec(spec))
	})
}

// FuzzCDPTLVSequence is FuzzLLDPTLVSequence for CDP.
func FuzzCDPTLVSequence(f *testing.F) {
	for i := range cdpKinds {
		for _, n := range []int{0, 1, 2, 3, 4, 5, 8, 9, 12, 20, 21, 255} {
			f.Add([]byte{byte(i), byte(n >> 8), byte(n)})
		}
	}
	f.Fuzz(func(t *testing.T, spec []byte) {
		checkCDP(t, buildCDPFromSpec(spec))
	})
}

// TestPowerViaMDILength11 is the crasher of issue 14: an 802.3 Power via MDI
// TLV of length 11 (one byte short of the 802.3at fields) panicked with
// index out of range; it is an invalid frame.
func TestPowerViaMDILength11(t *testing.T) {
	b := append(lldpHead(0, nil), 0xfe, 11, 0x00, 0x12, 0x0f, 0x02, 0x0f, 0x01, 0x05, 0x53, 0x00, 0x82, 0x01)
	b = append(b, 0, 0)
	var d LLDPDU
	err := d.UnmarshalBinary(b)
	if !errors.Is(err, ErrInvalidFrame) {
		t.Fatalf("got %v, want ErrInvalidFrame", err)
	}
}

// TestPowerViaMDILengths: 7 and 12 decode (12 with the 802.3at fields, no
// extension), 12+ keeps the rest as the 802.3bt extension.
func TestPowerViaMDILengths(t *testing.T) {
	v := []byte{0x0f, 0x01, 0x05, 0x53, 0x00, 0x82, 0x01, 0x2c, 0xaa, 0xbb}
	for _, tc := range []struct {
		n        int
		ok, at   bool
		ext      int
		alloc    uint16
		request  uint16
		wantPair uint8
	}{
		{n: 7, ok: true, wantPair: 1},
		{n: 8}, {n: 10}, {n: 11},
		{n: 12, ok: true, at: true, request: 130, alloc: 300, wantPair: 1},
		{n: 14, ok: true, at: true, ext: 2, request: 130, alloc: 300, wantPair: 1},
	} {
		b := append(lldpHead(0, nil), 0xfe, byte(tc.n), 0x00, 0x12, 0x0f, 0x02)
		b = append(append(b, v[:tc.n-4]...), 0, 0)
		var d LLDPDU
		err := d.UnmarshalBinary(b)
		if (err == nil) != tc.ok {
			t.Fatalf("length %d: got err %v, want ok=%v", tc.n, err, tc.ok)
		}
		if err != nil {
			continue
		}
		p := d.Dot3.Power
		if p.Dot3at != tc.at || len(p.Extension) != tc.ext || p.Requested != tc.request || p.Allocated != tc.alloc || p.PowerPair != tc.wantPair {
			t.Fatalf("length %d: got %+v", tc.n, p)
		}
	}
}
