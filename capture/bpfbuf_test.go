package capture

import (
	"bytes"
	"encoding/binary"
	"io"
	"testing"
	"time"
)

// realFrames are the first frames of testdata/tcpdump_3560_CDP.pcap (CDP
// from a Catalyst 3560), the bytes a NIC would hand BPF or Npcap.
func realFrames(t testing.TB, n int) [][]byte {
	t.Helper()
	r, err := OpenFile("testdata/tcpdump_3560_CDP.pcap")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out [][]byte
	for len(out) < n {
		f, err := r.ReadFrame(t.Context())
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f.Data)
	}
	if len(out) == 0 {
		t.Fatal("no frame in the capture")
	}
	return out
}

// bpfRecord lays one record out as macOS's bpf_catchpacket does: the
// 18-byte bpf_hdr (timeval32, caplen, datalen, hdrlen), the data, then
// zero padding to the next 4-byte boundary.
func bpfRecord(sec, usec int32, data []byte, wireLen, hdrlen int) []byte {
	b := make([]byte, hdrlen, hdrlen+len(data)+4)
	binary.NativeEndian.PutUint32(b[0:], uint32(sec))
	binary.NativeEndian.PutUint32(b[4:], uint32(usec))
	binary.NativeEndian.PutUint32(b[8:], uint32(len(data)))
	binary.NativeEndian.PutUint32(b[12:], uint32(wireLen))
	binary.NativeEndian.PutUint16(b[16:], uint16(hdrlen))
	b = append(b, data...)
	for len(b)%bpfAlignMac != 0 {
		b = append(b, 0)
	}
	return b
}

type bpfGot struct {
	data    []byte
	wireLen int
	at      time.Time
}

func split(t *testing.T, buf []byte) ([]bpfGot, error) {
	t.Helper()
	var got []bpfGot
	err := splitBPFBuffer(buf, bpfAlignMac, func(data []byte, wireLen int, at time.Time) {
		got = append(got, bpfGot{append([]byte(nil), data...), wireLen, at})
	})
	return got, err
}

// TestBPFBufferAlignment: records whose header plus data is not a multiple
// of 4 are followed by padding; each next record is found after it, with
// its own timestamp and lengths.
func TestBPFBufferAlignment(t *testing.T) {
	frames := realFrames(t, 3)
	odd := append(append([]byte(nil), frames[0]...), 0xab) // 18+len+1: another remainder mod 4
	in := []struct {
		sec, usec int32
		data      []byte
		wire      int
		hdrlen    int
	}{
		{1700000000, 123456, frames[0], len(frames[0]), 18},
		{1700000000, 999999, odd, len(odd), 18},
		{1700000001, 1, frames[0][:60], len(frames[0]), 18}, // cut by the snap length
		{1700000002, 500000, frames[len(frames)-1], len(frames[len(frames)-1]), 20},
	}
	var buf []byte
	for _, r := range in {
		buf = append(buf, bpfRecord(r.sec, r.usec, r.data, r.wire, r.hdrlen)...)
	}
	got, err := split(t, buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(in) {
		t.Fatalf("%d records, want %d", len(got), len(in))
	}
	for i, r := range in {
		if !bytes.Equal(got[i].data, r.data) {
			t.Errorf("record %d: data differs (%d bytes, want %d)", i, len(got[i].data), len(r.data))
		}
		if got[i].wireLen != r.wire {
			t.Errorf("record %d: wire length %d, want %d", i, got[i].wireLen, r.wire)
		}
		if want := time.Unix(int64(r.sec), int64(r.usec)*1000); !got[i].at.Equal(want) {
			t.Errorf("record %d: time %v, want %v", i, got[i].at, want)
		}
	}
	f := capturedFrame(got[2].data, got[2].wireLen, got[2].at)
	if f.Length != len(frames[0]) || len(f.Data) != 60 {
		t.Errorf("cut record: Length %d, len(Data) %d; want %d, 60", f.Length, len(f.Data), len(frames[0]))
	}
}

// TestBPFBufferDamaged: a record running past the buffer is an error at
// every cut inside its header or data, never a panic or a frame made of the next record's bytes.
func TestBPFBufferDamaged(t *testing.T) {
	frames := realFrames(t, 1)
	rec := bpfRecord(1, 2, frames[0], len(frames[0]), 18)
	whole := append(append([]byte(nil), rec...), rec...)
	// The kernel does not pad the last record of a read: a cut anywhere
	// in the padding still holds whole records.
	used := 18 + len(frames[0])
	for cut := 1; cut < len(whole); cut++ {
		got, err := split(t, whole[:cut])
		if n := cut / len(rec); cut%len(rec) == 0 || cut%len(rec) >= used {
			if err != nil || len(got) != n+min(1, cut%len(rec)) {
				t.Errorf("cut after a record's data (%d): %d records, %v", cut, len(got), err)
			}
			continue
		}
		if err == nil {
			t.Errorf("cut at %d of %d: no error, %d records", cut, len(whole), len(got))
		}
	}
	bad := append([]byte(nil), rec...)
	binary.NativeEndian.PutUint16(bad[16:], 4) // hdrlen shorter than the header
	if _, err := split(t, bad); err == nil {
		t.Error("hdrlen 4 accepted")
	}
}

func FuzzSplitBPFBuffer(f *testing.F) {
	frames := realFrames(f, 2)
	rec := append(bpfRecord(1, 2, frames[0], len(frames[0]), 18), bpfRecord(3, 4, frames[1], len(frames[1]), 18)...)
	for n := 0; n <= len(rec); n++ {
		f.Add(rec[:n])
	}
	f.Fuzz(func(t *testing.T, buf []byte) {
		_ = splitBPFBuffer(buf, bpfAlignMac, func(data []byte, wireLen int, at time.Time) {
			if len(data) > len(buf) {
				t.Fatalf("record of %d bytes from a %d-byte buffer", len(data), len(buf))
			}
			capturedFrame(append([]byte(nil), data...), wireLen, at)
		})
	})
}

// TestNpcapHeader reads struct pcap_pkthdr as Npcap fills it on Windows
// (32-bit tv_sec and tv_usec, caplen, len; little-endian): the header of
// a 414-byte CDP frame cut at 96 bytes, 2025-12-05 17:50:56.250001 UTC.
func TestNpcapHeader(t *testing.T) {
	hdr := []byte{0x80, 0x1b, 0x33, 0x69, 0x91, 0xd0, 0x03, 0x00, 0x60, 0x00, 0x00, 0x00, 0x9e, 0x01, 0x00, 0x00}
	at, caplen, wireLen := npcapHeader(hdr)
	if want := time.Unix(0x69331b80, 250_001_000); !at.Equal(want) || caplen != 96 || wireLen != 414 {
		t.Errorf("header: %v %d %d; want %v 96 414", at, caplen, wireLen, want)
	}
	// After 2038 a 32-bit tv_sec has its top bit set: still a later time.
	late := append([]byte{0x00, 0x00, 0x00, 0x90}, hdr[4:]...)
	if at, _, _ := npcapHeader(late); at.Year() < 2038 {
		t.Errorf("tv_sec 0x90000000 read as %v", at)
	}
	if at, c, w := npcapHeader(hdr[:15]); !at.IsZero() || c != 0 || w != 0 {
		t.Errorf("short header gave %v %d %d", at, c, w)
	}
}

// TestNpcapFrame: Npcap hands a packet with its pcap header's timestamp
// (microseconds, the default precision) and wire length; a tag the NIC
// left inline moves out and does not count in Length.
func TestNpcapFrame(t *testing.T) {
	frames := realFrames(t, 1)
	at := time.Unix(1764950400, 250_001_000) // 250001 µs, as Npcap reports it
	f := capturedFrame(append([]byte(nil), frames[0]...), len(frames[0]), at)
	if !f.Time.Equal(at) || f.Length != len(frames[0]) || f.Tagged || !bytes.Equal(f.Data, frames[0]) {
		t.Errorf("untagged: %+v", f)
	}
	tagged := append(append(append([]byte(nil), frames[0][:12]...), 0x81, 0x00, 0xa0, 0x14), frames[0][12:]...)
	f = capturedFrame(tagged, len(tagged), at)
	if !f.Tagged || f.VLAN != 20 || f.Priority != 5 || f.Length != len(frames[0]) || !bytes.Equal(f.Data, frames[0]) {
		t.Errorf("tagged: VLAN %d prio %d tagged %v Length %d", f.VLAN, f.Priority, f.Tagged, f.Length)
	}
	// A snap length shorter than the frame: Length stays the wire length.
	f = capturedFrame(append([]byte(nil), frames[0][:40]...), len(frames[0]), at)
	if f.Length != len(frames[0]) || len(f.Data) != 40 {
		t.Errorf("cut: Length %d len %d", f.Length, len(f.Data))
	}
}

// TestEtherTypeProgram runs the compiled classic BPF on frames: what it
// accepts is what the Go filter accepts (or a tagged frame it looks past).
func TestEtherTypeProgram(t *testing.T) {
	frames := realFrames(t, 1) // CDP: 802.3 length field
	lldp := unhex(t, "0180c200000e02000000000188cc0000")
	ipv4 := unhex(t, "ffffffffffff0200000000010800450000")
	tagged := unhex(t, "ffffffffffff0200000000018100a0140800")
	for _, c := range []struct {
		types []uint16
		frame []byte
		want  bool
	}{
		{[]uint16{0x88cc}, lldp, true}, {[]uint16{0x88cc}, ipv4, false}, {[]uint16{0x88cc}, frames[0], false},
		{[]uint16{0x88cc, EtherType802_2}, frames[0], true}, {[]uint16{0x0800}, tagged, true}, {[]uint16{0x0800}, ipv4, true},
	} {
		if got := runBPF(etherTypeProgram(c.types), c.frame); got != c.want {
			t.Errorf("types %#x frame %x: accepted %v, want %v", c.types, c.frame[:14], got, c.want)
		}
	}
}

// runBPF interprets the few classic BPF instructions etherTypeProgram uses.
func runBPF(prog []bpfInsn, pkt []byte) bool {
	var a uint32
	for pc := 0; pc < len(prog); pc++ {
		in := prog[pc]
		switch in.Code {
		case 0x28:
			if int(in.K)+2 > len(pkt) {
				return false
			}
			a = uint32(binary.BigEndian.Uint16(pkt[in.K:]))
		case 0x15, 0x35:
			hit := a == in.K
			if in.Code == 0x35 {
				hit = a >= in.K
			}
			if hit {
				pc += int(in.Jt)
			} else {
				pc += int(in.Jf)
			}
		case 0x06:
			return in.K != 0
		default:
			panic("unknown instruction")
		}
	}
	return false
}
