package snmp

import (
	"encoding/hex"
	"fmt"
	"slices"
)

// maxPortListBytes bounds a PortList: 1024 octets is 8192 bridge ports,
// four times the largest chassis. Longer lists are refused as absurd.
const maxPortListBytes = 1024

// ParsePortList decodes a Q-BRIDGE PortList: each octet holds eight bridge
// ports, the most significant bit first, so bit 7 of octet 0 is port 1 and
// bit 0 of octet 1 is port 16. It returns the set ports in increasing order.
func ParsePortList(b []byte) ([]int, error) {
	if ports, ok := portNumberText(b); ok {
		return ports, nil
	}
	if len(b) > maxPortListBytes {
		return nil, fmt.Errorf("port list of %d octets (more than %d): refused", len(b), maxPortListBytes)
	}
	var ports []int
	for i, octet := range b {
		for bit := 0; bit < 8; bit++ {
			if octet&(0x80>>bit) != 0 {
				ports = append(ports, i*8+bit+1)
			}
		}
	}
	return ports, nil
}

// vlanBitmap decodes a Cisco VTP VLAN bitmap whose first bit is VLAN base
// (vlanTrunkPortVlansEnabled: base 0; the 2k, 3k and 4k columns: 1024,
// 2048, 3072), most significant bit first.
func vlanBitmap(b []byte, base int) []int {
	if len(b) > 128 {
		b = b[:128]
	}
	var out []int
	for i, octet := range b {
		for bit := 0; bit < 8; bit++ {
			if octet&(0x80>>bit) != 0 {
				if v := base + i*8 + bit; v >= 1 && v <= 4094 {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// RecoverHexArtefact undoes a recording artefact seen in LibreNMS's
// snmprec files: an OCTET STRING longer than 16 bytes that net-snmp printed
// as a "Hex-STRING:" was stored as its first 16 real bytes, a newline, and
// the ASCII text of the rest of the hex dump ("00 20 0A \n...", wrapped every
// 16 bytes). snmpsim serves that literally. The rule: when byte 16 is '\n'
// and everything after it is hex pairs separated by single spaces or
// newlines, the value is bytes[:16] + hex-decode(rest). ok is false (and b
// is returned unchanged) when the value does not have that shape; real
// agents never send it.
func RecoverHexArtefact(b []byte) (out []byte, ok bool) {
	if len(b) < 19 || b[16] != '\n' {
		return b, false
	}
	rest := b[17:]
	digits := make([]byte, 0, len(rest))
	for i := 0; i < len(rest); {
		if i+1 >= len(rest) || !isHex(rest[i]) || !isHex(rest[i+1]) {
			return b, false
		}
		digits = append(digits, rest[i], rest[i+1])
		i += 2
		if i < len(rest) {
			if rest[i] != ' ' && rest[i] != '\n' {
				return b, false
			}
			i++
			// net-snmp ends each wrapped line with a space before the newline.
			if i < len(rest) && rest[i] == '\n' && rest[i-1] == ' ' {
				i++
			}
		}
	}
	decoded := make([]byte, hex.DecodedLen(len(digits)))
	if _, err := hex.Decode(decoded, digits); err != nil {
		return b, false
	}
	return append(append(make([]byte, 0, 16+len(decoded)), b[:16]...), decoded...), true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// portNumberText reads the other PortList artefact of LibreNMS recordings
// (seen for Junos): the ports as decimal text, "490,491,500". A real agent
// sends a bitmap; a bitmap made only of digits and commas would set bits in
// a pattern no switch uses (0x2c, 0x30-0x39 in every octet), so reading such
// a value as text is safe. Numbers must be 1..65535; the result is sorted.
func portNumberText(b []byte) ([]int, bool) {
	if len(b) == 0 || b[0] < '0' || b[0] > '9' {
		return nil, false
	}
	var out []int
	n := 0
	digits := 0
	for i := 0; i <= len(b); i++ {
		if i == len(b) || b[i] == ',' {
			if digits == 0 || n < 1 || n > 65535 {
				return nil, false
			}
			out = append(out, n)
			n, digits = 0, 0
			continue
		}
		c := b[i]
		if c < '0' || c > '9' || digits >= 5 {
			return nil, false
		}
		n = n*10 + int(c-'0')
		digits++
	}
	// A lone short number ("12") is as likely a real two-octet bitmap.
	if len(out) < 2 && len(b) < 3 {
		return nil, false
	}
	slices.Sort(out)
	return slices.Compact(out), true
}
