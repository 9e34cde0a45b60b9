package snmp

import (
	"fmt"
	"net/netip"
)

// LLDP id subtypes that hold a MAC address.
const (
	chassisSubtypeMAC     = 4
	chassisSubtypeNetAddr = 5
	portSubtypeMAC        = 3
	portSubtypeNetAddr    = 4
)

// formatLLDPID shows a chassis or port id: a MAC address as aa:bb:..,
// a network address as an IP, text as text, anything else as hex.
func formatLLDPID(b []byte, subtype int64, macSubtype int64) string {
	if subtype == macSubtype {
		if mac, ok := formatMAC(b); ok {
			return mac
		}
	}
	if subtype == macSubtype+1 && len(b) > 1 { // networkAddress: IANA family + address
		switch {
		case b[0] == 1 && len(b) == 5:
			return netip.AddrFrom4([4]byte(b[1:])).String()
		case b[0] == 2 && len(b) == 17:
			return netip.AddrFrom16([16]byte(b[1:])).String()
		}
	}
	if printable(b) {
		return displayString(b)
	}
	if mac, ok := formatMAC(b); ok {
		return mac
	}
	return fmt.Sprint(hexString(b))
}
