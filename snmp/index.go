package snmp

import (
	"strconv"
	"strings"
)

// maxIndex bounds table indexes read from agents: ifIndex, bridge ports,
// VLAN ids and LLDP port numbers are all Integer32 1..2147483647.
const maxIndex = 1<<31 - 1

// intIndex parses a one-component index in 1..maxIndex.
func intIndex(idx string) (int, bool) {
	if idx == "" || strings.IndexByte(idx, '.') >= 0 {
		return 0, false
	}
	n, err := strconv.ParseUint(idx, 10, 32)
	if err != nil || n == 0 || n > maxIndex {
		return 0, false
	}
	return int(n), true
}

// arcs parses a multi-component index into its sub-identifiers.
func arcs(idx string) ([]uint32, bool) {
	a, err := parseOID(idx)
	if err != nil || len(a) == 0 {
		return nil, false
	}
	return a, true
}

// macIndex reads a MAC address encoded as six index arcs (dot1dTpFdbAddress
// and the MAC part of dot1qTpFdbTable's index).
func macIndex(a []uint32) (string, bool) {
	if len(a) != 6 {
		return "", false
	}
	b := make([]byte, 6)
	for i, v := range a {
		if v > 255 {
			return "", false
		}
		b[i] = byte(v)
	}
	return formatMAC(b)
}

// validVLAN reports whether n is a usable 802.1Q VLAN id.
func validVLAN(n int64) bool { return n >= 1 && n <= 4094 }
