package lldp

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/voxlan/voxlan/capture"
)

// RepeatedCapture writes a pcap of at least n frames by repeating frames in
// order, as the throughput benchmarks need.
func repeatedCapture(tb testing.TB, frames [][]byte, n int) []byte {
	var buf bytes.Buffer
	w := pcapgo.NewWriter(&buf)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		tb.Fatal(err)
	}
	for i := 0; i < n; i++ {
		f := frames[i%len(frames)]
		if err := w.WritePacket(gopacket.CaptureInfo{CaptureLength: len(f), Length: len(f)}, f); err != nil {
			tb.Fatal(err)
		}
	}
	return buf.Bytes()
}

// BenchmarkDecodeEthernet decodes the valid LLDP/CDP frames of the real
// captures, one per op, into one reused Packet: B/op and allocs/op must
// stay 0. (Broken frames allocate their error message.)
func BenchmarkDecodeEthernet(b *testing.B) {
	var frames [][]byte
	var p Packet
	for _, f := range realFrames(b) {
		if p.DecodeEthernet(f) == nil {
			frames = append(frames, f)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_ = p.DecodeEthernet(frames[i%len(frames)])
		i++
	}
}

// BenchmarkReadAndDecode is the hot path of `voxlan decode`: read a frame
// from a 100k-frame pcap (zero copy) and decode it; one frame per op.
func BenchmarkReadAndDecode(b *testing.B) {
	data := repeatedCapture(b, realFrames(b), 100_000)
	var p Packet
	var r *capture.FileReader
	reopen := func() {
		var err error
		if r, err = capture.NewFileReader(bytes.NewReader(data), "bench.pcap"); err != nil {
			b.Fatal(err)
		}
	}
	reopen()
	decoded := 0
	b.ReportAllocs()
	for b.Loop() {
		f, err := r.Next()
		if errors.Is(err, io.EOF) {
			reopen()
			f, err = r.Next()
		}
		if err != nil {
			b.Fatal(err)
		}
		if p.DecodeEthernet(f.Data) == nil {
			decoded++
		}
	}
	if decoded == 0 {
		b.Fatal("nothing decoded")
	}
}
