package lldp

import (
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/voxlan/voxlan/capture"
)

// realFrames returns every frame of the captures in testdata/pcap.
func realFrames(t testing.TB) [][]byte {
	t.Helper()
	files, err := filepath.Glob("testdata/pcap/*.pcap")
	if err != nil || len(files) == 0 {
		t.Fatalf("no captures in testdata/pcap: %v", err)
	}
	var out [][]byte
	for _, name := range files {
		r, err := capture.OpenFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for {
			f, err := r.ReadFrame(t.Context())
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			out = append(out, f.Data)
		}
		r.Close()
	}
	return out
}

// payloads splits the real frames into LLDP and CDP PDUs.
func payloads(t testing.TB) (lldps, cdps [][]byte) {
	for _, f := range realFrames(t) {
		switch {
		case len(f) > 14 && f[12] == 0x88 && f[13] == 0xcc:
			lldps = append(lldps, f[14:])
		case len(f) > 22 && [8]byte(f[14:22]) == cdpSNAP:
			cdps = append(cdps, f[22:])
		}
	}
	return lldps, cdps
}

func recordJSON(t *testing.T, r Record) string {
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// FuzzLLDPDU: never panic; whatever decodes must encode, and decode again
// to the same values.
func FuzzLLDPDU(f *testing.F) {
	lldps, _ := payloads(f)
	for _, p := range lldps {
		f.Add(p)
	}
	for _, p := range everyLLDPTLV() {
		f.Add(p)
	}
	f.Fuzz(checkLLDPDU)
}

// FuzzCDP: the same for CDP PDUs; the encoder's checksum must verify.
func FuzzCDP(f *testing.F) {
	_, cdps := payloads(f)
	for _, p := range cdps {
		f.Add(p)
	}
	for _, p := range everyCDPTLV() {
		f.Add(p)
	}
	f.Fuzz(checkCDP)
}

// FuzzDecodeEthernet: whole frames, reusing one Packet as decode does.
func FuzzDecodeEthernet(f *testing.F) {
	for _, fr := range realFrames(f) {
		f.Add(fr)
	}
	var p Packet
	f.Fuzz(func(t *testing.T, b []byte) {
		err := p.DecodeEthernet(b)
		if errors.Is(err, ErrDecoderFault) {
			t.Fatalf("decoder panicked: %v", err)
		}
		if err != nil && !errors.Is(err, ErrInvalidFrame) && !errors.Is(err, ErrNotDiscovery) {
			t.Fatalf("unexpected error kind: %v", err)
		}
		if err == nil {
			_ = p.Record(1, nil)
		}
	})
}

// TestReuseDoesNotLeak decodes a rich frame then a minimal one into the same
// value: nothing of the first may survive.
func TestReuseDoesNotLeak(t *testing.T) {
	lldps, _ := payloads(t)
	var reused LLDPDU
	for i, p := range lldps {
		var fresh LLDPDU
		errA, errB := reused.UnmarshalBinary(p), fresh.UnmarshalBinary(p)
		if (errA == nil) != (errB == nil) {
			t.Fatalf("frame %d: reused err %v, fresh err %v", i, errA, errB)
		}
		if errA != nil {
			continue
		}
		if a, b := recordJSON(t, reused.record()), recordJSON(t, fresh.record()); a != b {
			t.Fatalf("frame %d: reused value decodes to\n%s\nfresh to\n%s", i, a, b)
		}
		if !reflect.DeepEqual(reused.MED.Policies, fresh.MED.Policies) && len(fresh.MED.Policies) > 0 {
			t.Fatalf("frame %d: policies differ", i)
		}
	}
}
