package capture

import (
	"encoding/binary"
	"fmt"
	"time"
)

// A read from a BSD/macOS BPF device returns a buffer of records, each a
// struct bpf_hdr then the captured bytes, the next record starting at the
// next multiple of the alignment (BPF_WORDALIGN: 4 on macOS, whose
// bpf_hdr carries a 32-bit timeval32):
//
//	int32  tv_sec    (bh_tstamp)
//	int32  tv_usec
//	uint32 bh_caplen  captured bytes
//	uint32 bh_datalen length on the wire
//	uint16 bh_hdrlen  header length with padding: data starts there
const (
	bpfHdrMin   = 18
	bpfAlignMac = 4
)

// splitBPFBuffer calls fn for each record of buf, in order; data aliases
// buf. A record whose header or data would run past buf is an error (the
// rest of the buffer is not trusted).
func splitBPFBuffer(buf []byte, align int, fn func(data []byte, wireLen int, at time.Time)) error {
	for off := 0; off < len(buf); {
		if len(buf)-off < bpfHdrMin {
			return fmt.Errorf("capture: bpf record at %d: %d bytes left, shorter than its header", off, len(buf)-off)
		}
		h := buf[off:]
		sec := int32(binary.NativeEndian.Uint32(h[0:]))
		usec := int32(binary.NativeEndian.Uint32(h[4:]))
		caplen := int(binary.NativeEndian.Uint32(h[8:]))
		datalen := int(binary.NativeEndian.Uint32(h[12:]))
		hdrlen := int(binary.NativeEndian.Uint16(h[16:]))
		if hdrlen < bpfHdrMin || caplen > len(h)-hdrlen || hdrlen > len(h) {
			return fmt.Errorf("capture: bpf record at %d: header %d + %d bytes runs past the %d-byte buffer", off, hdrlen, caplen, len(buf))
		}
		fn(h[hdrlen:hdrlen+caplen], datalen, time.Unix(int64(sec), int64(usec)*1000))
		next := hdrlen + caplen
		next = (next + align - 1) &^ (align - 1)
		off += next
	}
	return nil
}
