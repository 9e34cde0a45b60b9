package capture

import (
	"encoding/binary"
	"time"
)

// pcapPkthdrLen is the size of struct pcap_pkthdr as Npcap's wpcap.dll
// fills it on Windows, where long is 32 bits on every architecture:
//
//	uint32 tv_sec   seconds since 1970 (a 32-bit long)
//	int32  tv_usec  microseconds (Npcap's default precision)
//	uint32 caplen   bytes captured
//	uint32 len      bytes on the wire
const pcapPkthdrLen = 16

// npcapHeader reads a struct pcap_pkthdr (little-endian, as every Windows
// target is).
func npcapHeader(b []byte) (at time.Time, caplen, wireLen int) {
	if len(b) < pcapPkthdrLen {
		return time.Time{}, 0, 0
	}
	// Read unsigned: a 32-bit tv_sec wraps in 2038 as signed, in 2106 as
	// unsigned, and no capture predates 1970.
	sec := int64(binary.LittleEndian.Uint32(b[0:]))
	usec := int64(int32(binary.LittleEndian.Uint32(b[4:])))
	return time.Unix(sec, usec*1000), int(binary.LittleEndian.Uint32(b[8:])), int(binary.LittleEndian.Uint32(b[12:]))
}
