package capture

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

func TestEtherType(t *testing.T) {
	tests := []struct {
		name string
		hdr  string
		want uint16
	}{
		{"lldp", "0180c200000e02000000000188cc", 0x88cc},
		{"tagged lldp", "0180c200000e0200000000018100a01488cc", 0x88cc},
		{"qinq", "0180c200000e02000000000188a8000a8100001488cc", 0x88cc},
		{"cdp length", "01000ccccccc0200000000010100", EtherType802_2},
		{"short", "0180c200000e020000000001", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EtherType(unhex(t, tt.hdr)); got != tt.want {
				t.Errorf("EtherType = %#04x, want %#04x", got, tt.want)
			}
		})
	}
}

// TestFileReaderUntags writes a pcap and a pcapng with one tagged and one
// untagged frame and checks both formats yield the same untagged frames.
func TestFileReaderUntags(t *testing.T) {
	untagged := unhex(t, "0180c200000e02000000000188cc0000")
	tagged := unhex(t, "0180c200000e0200000000018100a01488cc0000")
	ts := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	ci := func(n int) gopacket.CaptureInfo {
		return gopacket.CaptureInfo{Timestamp: ts, CaptureLength: n, Length: n}
	}
	var pcap, ng bytes.Buffer
	pw := pcapgo.NewWriter(&pcap)
	if err := pw.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	nw, err := pcapgo.NewNgWriter(&ng, layers.LinkTypeEthernet)
	if err != nil {
		t.Fatal(err)
	}
	for _, fr := range [][]byte{untagged, tagged} {
		if err := pw.WritePacket(ci(len(fr)), fr); err != nil {
			t.Fatal(err)
		}
		if err := nw.WritePacket(ci(len(fr)), fr); err != nil {
			t.Fatal(err)
		}
	}
	if err := nw.Flush(); err != nil {
		t.Fatal(err)
	}
	for name, buf := range map[string][]byte{"pcap": pcap.Bytes(), "pcapng": ng.Bytes()} {
		t.Run(name, func(t *testing.T) {
			r, err := NewFileReader(bytes.NewReader(buf), name)
			if err != nil {
				t.Fatal(err)
			}
			f1, err := r.ReadFrame(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if f1.Tagged || !bytes.Equal(f1.Data, untagged) || !f1.Time.Equal(ts) {
				t.Errorf("frame 1 = %x tagged=%v time=%v, want %x untagged at %v", f1.Data, f1.Tagged, f1.Time, untagged, ts)
			}
			f2, err := r.ReadFrame(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if f1.Length != len(untagged) || f2.Length != len(untagged) {
				t.Errorf("Length = %d, %d; want %d for both (tag excluded)", f1.Length, f2.Length, len(untagged))
			}
			if !f2.Tagged || f2.VLAN != 20 || f2.Priority != 5 || !bytes.Equal(f2.Data, untagged) {
				t.Errorf("frame 2 = %x tagged=%v vlan=%d prio=%d, want %x vlan 20 prio 5", f2.Data, f2.Tagged, f2.VLAN, f2.Priority, untagged)
			}
			if r.Count != 2 {
				t.Errorf("Count = %d, want 2", r.Count)
			}
			if _, err := r.ReadFrame(context.Background()); !errors.Is(err, io.EOF) {
				t.Errorf("after last frame err = %v, want io.EOF", err)
			}
		})
	}
}

func TestFileReaderRejects(t *testing.T) {
	for name, in := range map[string][]byte{
		"empty":      nil,
		"text":       []byte("hello world, not a capture"),
		"short pcap": unhex(t, "d4c3b2a10200"),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := NewFileReader(bytes.NewReader(in), name); !errors.Is(err, ErrFileFormat) {
				t.Errorf("err = %v, want ErrFileFormat", err)
			}
		})
	}
}

func TestFileReaderTruncatedFrame(t *testing.T) {
	var pcap bytes.Buffer
	pw := pcapgo.NewWriter(&pcap)
	if err := pw.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	fr := unhex(t, "0180c200000e02000000000188cc0000")
	if err := pw.WritePacket(gopacket.CaptureInfo{CaptureLength: len(fr), Length: len(fr)}, fr); err != nil {
		t.Fatal(err)
	}
	r, err := NewFileReader(bytes.NewReader(pcap.Bytes()[:pcap.Len()-3]), "cut.pcap")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err == nil || errors.Is(err, io.EOF) {
		t.Errorf("truncated frame err = %v, want a truncation error", err)
	}
}

func TestOpenFileRealCapture(t *testing.T) {
	r, err := OpenFile("testdata/tcpdump_3560_CDP.pcap")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n := 0
	for {
		f, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if EtherType(f.Data) != EtherType802_2 {
			t.Errorf("frame %d EtherType %#04x, want 802.3 length (CDP)", r.Count, EtherType(f.Data))
		}
		n++
	}
	if n != 3 { // capinfos: 3 packets
		t.Errorf("read %d frames, want 3", n)
	}
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
