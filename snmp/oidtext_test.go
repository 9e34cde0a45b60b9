package snmp

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// compareParsed is what compareOIDText must agree with: parse both, then
// compare (sign only).
func compareParsed(a, b string) (int, bool) {
	x, err := parseOID(a)
	if err != nil {
		return 0, false
	}
	y, err := parseOID(b)
	if err != nil {
		return 0, false
	}
	return min(max(compareOID(x, y), -1), 1), true
}

func TestCompareOIDText(t *testing.T) {
	tests := []struct {
		a, b  string
		order int
		ok    bool
	}{
		{".1.3.6.1.2.1.2.2.1.2.10", ".1.3.6.1.2.1.2.2.1.2.9", 1, true},
		{".1.3.6.1.2.1.2.2.1.2.9", ".1.3.6.1.2.1.2.2.1.2.10", -1, true},
		{"1.3.6.1", ".1.3.6.1", 0, true},
		{".1.3.6.1.2", ".1.3.6.1", 1, true},
		{".1.3.6", ".1.3.6.1", -1, true},
		{".1.3.06", ".1.3.6", 0, true}, // ParseUint reads leading zeros
		{".4294967295", ".4294967294", 1, true},
		{".4294967296", ".1", 0, false},
		{".1.3.", ".1.3", 0, false},
		{".1..3", ".1.3", 0, false},
		{".1.x", ".1", 0, false},
		{".1.-2", ".1", 0, false},
		{"", "", 0, true},
		{".", ".1", -1, true},
		{".1", "", 1, true},
		{"." + strings.Repeat("1.", maxOIDArcs) + "1", ".1", 0, false},
		{"." + strings.Repeat("1.", maxOIDArcs-1) + "2", ".1", 1, true},
	}
	for _, tt := range tests {
		order, ok := compareOIDText(tt.a, tt.b)
		if order != tt.order || ok != tt.ok {
			t.Errorf("compareOIDText(%q, %q) = %d, %v; want %d, %v", tt.a, tt.b, order, ok, tt.order, tt.ok)
		}
		if wo, wok := compareParsed(tt.a, tt.b); wo != order || wok != ok {
			t.Errorf("compareOIDText(%q, %q) = %d, %v; parseOID+compareOID say %d, %v", tt.a, tt.b, order, ok, wo, wok)
		}
	}
}

// FuzzCompareOIDText checks the walk's allocation-free comparison against
// parsing both OIDs, seeded with consecutive OIDs of a real recording.
func FuzzCompareOIDText(f *testing.F) {
	file, err := os.Open("../testdata/snmprec/procurve.snmprec")
	if err != nil {
		f.Fatal(err)
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	prev := ".1.3.6.1"
	for n := 0; sc.Scan() && n < 200; n++ {
		oid, _, _ := strings.Cut(sc.Text(), "|")
		f.Add("."+oid, prev)
		prev = "." + oid
	}
	f.Add(".1.3.", ".1.3")
	f.Add(".1.3.6", "1.3.6.1")
	f.Fuzz(func(t *testing.T, a, b string) {
		if _, err := parseOID(b); err != nil {
			t.Skip("b must be an OID")
		}
		order, ok := compareOIDText(a, b)
		if wo, wok := compareParsed(a, b); wo != order || wok != ok {
			t.Fatalf("compareOIDText(%q, %q) = %d, %v; parseOID+compareOID say %d, %v", a, b, order, ok, wo, wok)
		}
	})
}
