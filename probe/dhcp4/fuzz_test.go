package dhcp4

import (
	"bytes"
	"testing"
)

// FuzzParseFrame: any frame either fails cleanly or yields a message that
// marshals and decodes back to the same options.
func FuzzParseFrame(f *testing.F) {
	for _, fr := range capturedFrames(f) {
		f.Add(fr.Data)
	}
	f.Fuzz(func(t *testing.T, frame []byte) {
		p, err := ParseFrame(frame)
		if err != nil {
			return
		}
		roundTrip(t, &p.Message)
	})
}

// FuzzMessage feeds the DHCP payload alone.
func FuzzMessage(f *testing.F) {
	for _, fr := range capturedFrames(f) {
		if len(fr.Data) > 42 {
			f.Add(fr.Data[42:]) // Ethernet 14 + IPv4 20 + UDP 8
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var m Message
		if err := m.UnmarshalBinary(b); err != nil {
			return
		}
		roundTrip(t, &m)
	})
}

func roundTrip(t *testing.T, m *Message) {
	t.Helper()
	if m.HLen > 16 || len(m.SName) > 63 || len(m.File) > 127 {
		return // decoded fields the encoder refuses by design
	}
	b, err := m.MarshalBinary()
	if err != nil {
		// A name field without NUL fills all 64/128 bytes: MarshalBinary
		// refuses it (it needs room for the terminator).
		return
	}
	var back Message
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatalf("re-decoding our own encoding: %v", err)
	}
	if back.Type() != m.Type() || back.XID != m.XID || back.YIAddr != m.YIAddr || len(back.Options) != len(m.Options) {
		t.Fatalf("round trip changed the message: %+v -> %+v", m, back)
	}
	for i := range m.Options {
		if back.Options[i].Code != m.Options[i].Code || !bytes.Equal(back.Options[i].Data, m.Options[i].Data) {
			t.Fatalf("option %d changed: %v -> %v", i, m.Options[i], back.Options[i])
		}
	}
}
