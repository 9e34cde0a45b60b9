package snmp

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// realPortLists are PortList values from the procurve recording (with its
// hex artefact) as fuzz seeds.
func realPortLists(f *testing.F) [][]byte {
	raw, err := os.ReadFile("testdata/procurve-untagged.txt")
	if err != nil {
		f.Fatal(err)
	}
	var out [][]byte
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		_, h, _ := strings.Cut(line, " ")
		var b []byte
		for i := 0; i+1 < len(h); i += 2 {
			var v byte
			for _, c := range h[i : i+2] {
				v <<= 4
				switch {
				case c >= '0' && c <= '9':
					v |= byte(c - '0')
				case c >= 'a' && c <= 'f':
					v |= byte(c-'a') + 10
				case c >= 'A' && c <= 'F':
					v |= byte(c-'A') + 10
				}
			}
			b = append(b, v)
		}
		out = append(out, b)
	}
	return out
}

// FuzzParsePortList: any value either decodes into increasing ports within
// the bound, or is refused; never a panic.
func FuzzParsePortList(f *testing.F) {
	for _, b := range realPortLists(f) {
		f.Add(b)
		if fixed, ok := RecoverHexArtefact(b); ok {
			f.Add(fixed)
		}
	}
	f.Add([]byte("490,491,500,501,492"))
	f.Add([]byte{0x80, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		ports, err := ParsePortList(b)
		if err != nil {
			return
		}
		for i, p := range ports {
			if p < 1 || p > 65535 {
				t.Fatalf("port %d out of range", p)
			}
			if i > 0 && ports[i-1] >= p {
				t.Fatalf("ports not increasing: %v", ports)
			}
		}
	})
}

// FuzzRecoverHexArtefact: a recovered value keeps the 16 real octets and
// is never longer than the input; an unrecovered one is returned as is.
func FuzzRecoverHexArtefact(f *testing.F) {
	for _, b := range realPortLists(f) {
		f.Add(b)
	}
	f.Add([]byte("\u201cGigabitEthern\n65 74 31 2F 30 2F 31 E2 80 9D "))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, ok := RecoverHexArtefact(b)
		if !ok {
			if !bytes.Equal(got, b) {
				t.Fatal("unrecovered value changed")
			}
			return
		}
		if !bytes.Equal(got[:16], b[:16]) || len(got) >= len(b) {
			t.Fatalf("recovered % x from % x", got, b)
		}
	})
}

// FuzzParseRemIndex: any index string either parses into a key within
// bounds or is refused.
func FuzzParseRemIndex(f *testing.F) {
	for _, s := range []string{"0.44.2", "61290583.38.113", "18.3", "77", "0.5.1.1.4.192.0.2.1", "", "1..2", "4294967296.1.1"} {
		f.Add(s, 0)
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, idx string, extra int) {
		if extra < 0 || extra > 200 {
			return
		}
		k, rest, ok := ParseRemIndex(idx, extra)
		if !ok {
			return
		}
		if k.localPort < 0 || k.localPort > maxIndex || k.index < 0 || k.index > maxIndex || len(rest) != extra {
			t.Fatalf("ParseRemIndex(%q, %d) = %+v, %v", idx, extra, k, rest)
		}
	})
}

// FuzzMACIndex: six arcs under 256 give a MAC that formats back to them.
func FuzzMACIndex(f *testing.F) {
	f.Add("0.4.242.198.112.120")
	f.Add("1.0.32.26.42.235.160")
	f.Add("300.1.2.3.4.5")
	f.Fuzz(func(t *testing.T, idx string) {
		a, ok := arcs(idx)
		if !ok {
			return
		}
		mac, ok := macIndex(a)
		if !ok {
			return
		}
		if len(mac) != 17 || strings.Count(mac, ":") != 5 {
			t.Fatalf("macIndex(%v) = %q", a, mac)
		}
	})
}

// FuzzLLDPCapabilities: any value gives known words only.
func FuzzLLDPCapabilities(f *testing.F) {
	for _, s := range []string{"04 5", "28 2 4", "39 2 3 4 7", "00", "01 7"} {
		f.Add([]byte(s))
	}
	f.Add([]byte{0x28, 0x00})
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, w := range LLDPCapabilities(b) {
			known := false
			for _, n := range lldpCapabilityNames {
				known = known || n == w
			}
			if !known {
				t.Fatalf("unknown word %q", w)
			}
		}
	})
}

// FuzzCDPCapabilities: any value gives known words only, never a panic.
func FuzzCDPCapabilities(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0x29})
	f.Add([]byte("8"))
	f.Add([]byte("9"))
	f.Add([]byte("0029"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, w := range CDPCapabilities(b) {
			known := false
			for _, c := range cdpCapabilityNames {
				known = known || c.name == w
			}
			if !known {
				t.Fatalf("unknown word %q", w)
			}
		}
	})
}

// FuzzPortNumbering: the interface-name reduction never panics and, when
// it finds a numbering, the numbering is digits and slashes.
func FuzzPortNumbering(f *testing.F) {
	for _, s := range []string{"GigabitEthernet1/0/3", "gigabitEthernet 1/0/18 : fiber", "\u201cFiberEthernet1/0/18\u201d", "ge-0/0/1", "1/1/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := portNumbering(s)
		if strings.Trim(n, "0123456789/") != "" {
			t.Fatalf("portNumbering(%q) = %q", s, n)
		}
		_ = portShape(s)
	})
}
