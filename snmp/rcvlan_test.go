package snmp

import (
	"bytes"
	"slices"
	"testing"
)

func TestParsePortSet(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want []int
	}{
		{"empty", nil, nil},
		{"ifIndex 0 is the top bit of octet 0", []byte{0x80}, []int{0}},
		{"ifIndex 1 is the next bit, not the top one", []byte{0x40}, []int{1}},
		{"ifIndex 15 is the low bit of octet 1", []byte{0x00, 0x01}, []int{15}},
		{"ifIndex 703 is the low bit of octet 88", append(make([]byte, 87), 0x01), []int{703}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePortSet(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := ParsePortSet(make([]byte, maxPortSetBytes+1)); err == nil {
		t.Fatal("a port set longer than the TC's 255 octets was accepted")
	}
}

// FuzzParsePortSet: a value is refused or decodes into increasing ifIndexes
// that encode back to the same octets; never a panic.
func FuzzParsePortSet(f *testing.F) {
	ers := make([]byte, 88) // rcVlanPortMembers of a 4850's uplinks, ifIndex 49 and 50
	ers[6] = 0x60
	for _, b := range [][]byte{nil, {0x80}, {0xff, 0xff}, ers, make([]byte, maxPortSetBytes), make([]byte, maxPortSetBytes+1)} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := ParsePortSet(b)
		if err != nil {
			return
		}
		back := make([]byte, len(b))
		for i, n := range got {
			if i > 0 && n <= got[i-1] || n < 0 || n >= len(b)*8 {
				t.Fatalf("ifIndexes %v out of order or range for %d octets", got, len(b))
			}
			back[n/8] |= 0x80 >> (n % 8)
		}
		if !bytes.Equal(back, b) {
			t.Fatalf("%x decoded to %v, which encodes to %x", b, got, back)
		}
	})
}
