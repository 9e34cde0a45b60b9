package snmp

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestParsePortList(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want []int
	}{
		{"empty", nil, nil},
		{"port 1 is the top bit of octet 0", []byte{0x80}, []int{1}},
		{"port 8 is the low bit of octet 0", []byte{0x01}, []int{8}},
		{"port 9 and 16", []byte{0x00, 0x81}, []int{9, 16}},
		{"procurve VLAN 2 untagged", []byte{0, 0, 0, 0, 0x0c, 0x05, 0, 0xc0}, []int{37, 38, 46, 48, 57, 58}},
		{"decimal text artefact (Junos recording)", []byte("490,491,500,492"), []int{490, 491, 492, 500}},
		{"two digits stay a bitmap", []byte("12"), []int{3, 4, 8, 11, 12, 15}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePortList(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := ParsePortList(make([]byte, maxPortListBytes+1)); err == nil {
		t.Fatal("a port list longer than the bound was accepted")
	}
}

func TestRecoverHexArtefact(t *testing.T) {
	real16 := []byte{0, 0, 0, 0, 0x0c, 0x05, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0, 0}
	tests := []struct {
		name string
		in   []byte
		want []byte
		ok   bool
	}{
		{"one wrapped line", append(append([]byte{}, real16...), []byte("\n00 20 FF ")...), append(append([]byte{}, real16...), 0x00, 0x20, 0xff), true},
		{"two lines", append(append([]byte{}, real16...), []byte("\n00 01 \n80")...), append(append([]byte{}, real16...), 0x00, 0x01, 0x80), true},
		{"jetstream port id with quotes", []byte("\u201cGigabitEthern\n65 74 31 2F 30 2F 31 E2 80 9D "), []byte("\u201cGigabitEthernet1/0/1\u201d"), true},
		{"no newline at 16", append(append([]byte{}, real16...), 'x', '0', '0'), nil, false},
		{"not hex after newline", append(append([]byte{}, real16...), []byte("\nzz")...), nil, false},
		{"odd digit", append(append([]byte{}, real16...), []byte("\n0")...), nil, false},
		{"short", []byte("abc"), nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := RecoverHexArtefact(tt.in)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok && !bytes.Equal(got, tt.want) {
				t.Fatalf("got % x, want % x", got, tt.want)
			}
			if !ok && !bytes.Equal(got, tt.in) {
				t.Fatal("input changed though not recovered")
			}
		})
	}
}

// TestRecoverHexArtefactProcurve checks the rule against a real recording:
// every VLAN's recovered untagged list is 16 real octets plus the dump.
func TestRecoverHexArtefactProcurve(t *testing.T) {
	raw, err := os.ReadFile("testdata/procurve-untagged.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		vlan, hexValue, _ := strings.Cut(line, " ")
		b := decodeHexForTest(t, hexValue)
		got, ok := RecoverHexArtefact(b)
		if !ok {
			t.Fatalf("VLAN %s: not recovered", vlan)
		}
		// 16 real octets, then nine dumped lines of 16 octets: the 160
		// octets (1280 bridge ports) a 3810M stack sends.
		if len(got) != 160 {
			t.Fatalf("VLAN %s: recovered %d octets, want 160", vlan, len(got))
		}
		if !bytes.Equal(got[:16], b[:16]) {
			t.Fatalf("VLAN %s: the 16 real octets changed", vlan)
		}
	}
}

func decodeHexForTest(t *testing.T, s string) []byte {
	t.Helper()
	var out []byte
	for i := 0; i+1 < len(s); i += 2 {
		var b byte
		for _, c := range s[i : i+2] {
			b <<= 4
			switch {
			case c >= '0' && c <= '9':
				b |= byte(c - '0')
			case c >= 'a' && c <= 'f':
				b |= byte(c-'a') + 10
			case c >= 'A' && c <= 'F':
				b |= byte(c-'A') + 10
			default:
				t.Fatalf("bad hex %q", s[i:i+2])
			}
		}
		out = append(out, b)
	}
	return out
}

func TestVLANBitmap(t *testing.T) {
	// VLAN 0 is the top bit of the base column; VLAN 1 the next.
	if got := vlanBitmap([]byte{0xc0}, 0); !slices.Equal(got, []int{1}) {
		t.Fatalf("got %v, want [1] (VLAN 0 is not a VLAN)", got)
	}
	if got := vlanBitmap([]byte{0x80, 0x01}, 1024); !slices.Equal(got, []int{1024, 1039}) {
		t.Fatalf("got %v, want [1024 1039]", got)
	}
	if got := vlanBitmap([]byte{0x01}, 3072+4088); len(got) != 0 {
		t.Fatalf("got %v beyond VLAN 4094", got)
	}
}
