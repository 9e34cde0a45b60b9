package capture

import (
	"fmt"
	"strings"
	"time"
)

// capturedFrame makes a Frame of one captured packet (Npcap on Windows, a
// BPF record on macOS): data is the captured bytes, wireLen the length on
// the wire and at the capture timestamp. The tag, when the NIC left it
// inline, moves out as AF_PACKET's auxdata does; Length counts without it.
// data becomes the frame's: libpcap's buffers are copied before this.
func capturedFrame(data []byte, wireLen int, at time.Time) Frame {
	f := Frame{Data: data, Length: max(wireLen, len(data)), Time: at}
	before := len(f.Data)
	untag(&f)
	f.Length -= before - len(f.Data)
	return f
}

// pcapFilter is the libpcap filter expression for etherTypes (empty: all
// frames), accepting tagged frames too so that the Go filter can look past
// the tag; EtherType802_2 is an 802.3 length field (CDP's LLC/SNAP).
func pcapFilter(etherTypes []uint16) string {
	if len(etherTypes) == 0 {
		return ""
	}
	terms := []string{"ether proto 0x8100", "ether proto 0x88a8"}
	for _, t := range etherTypes {
		if t == EtherType802_2 {
			terms = append(terms, "ether[12:2] < 0x0600")
			continue
		}
		terms = append(terms, fmt.Sprintf("ether proto 0x%04x", t))
	}
	return strings.Join(terms, " or ")
}
