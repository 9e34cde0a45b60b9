package capture

import "time"

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
