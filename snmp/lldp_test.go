package snmp

import (
	"slices"
	"testing"
)

func TestLLDPCapabilities(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want []string
	}{
		{"none", nil, []string{}},
		{"bridge and router", []byte{0x28, 0x00}, []string{"bridge", "router"}},
		{"telephone", []byte{0x04}, []string{"telephone"}},
		{"station", []byte{0x01, 0x00}, []string{"station"}},
		{"twoPortMacRelay is bit 10", []byte{0x00, 0x20}, []string{"twoPortMacRelay"}},
		{"LibreNMS text: telephone", []byte("04 5"), []string{"telephone"}},
		{"LibreNMS text: bridge, router", []byte("28 2 4"), []string{"bridge", "router"}},
		{"LibreNMS text: nothing", []byte("00"), []string{}},
		{"text whose bit list does not match stays raw", []byte("04 6"), []string{"bridge", "wlanAccessPoint", "twoPortMacRelay"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LLDPCapabilities(tt.in); !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCDPCapabilities(t *testing.T) {
	tests := []struct {
		in   []byte
		want []string
	}{
		{[]byte{0, 0, 0, 0x29}, []string{"router", "bridge", "igmp"}},
		{[]byte{0, 0, 0, 0x90}, []string{"host", "telephone"}},
		{[]byte{0, 0, 0, 0x0a}, []string{"bridge"}},
		{[]byte{0x29}, []string{}},                                             // one binary octet: neither form
		{[]byte("8"), []string{"bridge"}},                                      // ProCurve: hex text
		{[]byte("9"), []string{"router", "bridge"}},                            // ProCurve: hex text
		{[]byte{0x30, 0x30, 0x32, 0x39}, []string{"router", "bridge", "igmp"}}, // "0029" as text
		{[]byte("zz"), []string{}},
	}
	for _, tt := range tests {
		if got := CDPCapabilities(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("CDPCapabilities(% x) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseRemIndex(t *testing.T) {
	tests := []struct {
		idx   string
		extra int
		want  remKey
		rest  []uint32
		ok    bool
	}{
		{"0.44.2", 0, remKey{44, 2}, []uint32{}, true},
		{"61290583.38.113", 0, remKey{38, 113}, []uint32{}, true},
		{"18.3", 0, remKey{18, 3}, []uint32{}, true},    // TP-Link JetStream
		{"77", 0, remKey{0, 77}, []uint32{}, true},      // MikroTik: no local port
		{"0.5.1.1", 1, remKey{5, 1}, []uint32{1}, true}, // one extra arc
		{"1.2.3.4", 0, remKey{}, nil, false},            // four components
		{"0.99999999999.1", 0, remKey{}, nil, false},    // arc beyond 32 bits
		{"", 0, remKey{}, nil, false},
	}
	for _, tt := range tests {
		got, rest, ok := ParseRemIndex(tt.idx, tt.extra)
		if ok != tt.ok || got != tt.want || (ok && !slices.Equal(rest, tt.rest)) {
			t.Errorf("ParseRemIndex(%q, %d) = %v, %v, %v; want %v, %v, %v", tt.idx, tt.extra, got, rest, ok, tt.want, tt.rest, tt.ok)
		}
	}
}

func TestFormatLLDPID(t *testing.T) {
	tests := []struct {
		in      []byte
		subtype int64
		mac     int64
		want    string
	}{
		{[]byte{0x00, 0x04, 0xf2, 0xc6, 0x70, 0x78}, 4, chassisSubtypeMAC, "00:04:f2:c6:70:78"},
		{[]byte("1/7/18"), 5, portSubtypeMAC, "1/7/18"},
		{[]byte{1, 192, 0, 2, 7}, 5, chassisSubtypeMAC, "192.0.2.7"},
		{[]byte{0xff, 0x00, 0x01}, 7, portSubtypeMAC, "ff:00:01"},
		{[]byte{0xb8, 0xa4, 0x4f, 0x1b, 0xe2, 0x1d}, 7, portSubtypeMAC, "b8:a4:4f:1b:e2:1d"},
	}
	for _, tt := range tests {
		if got := formatLLDPID(tt.in, tt.subtype, tt.mac); got != tt.want {
			t.Errorf("formatLLDPID(% x, %d) = %q, want %q", tt.in, tt.subtype, got, tt.want)
		}
	}
}

func TestPortShape(t *testing.T) {
	same := []string{"GigabitEthernet1/0/3", "gigabitEthernet 1/0/3 : copper", "Gi1/0/3", "\u201cGigabitEthernet1/0/3\u201d"}
	for _, s := range same {
		if got := portShape(s); got != "gi1/0/3" {
			t.Errorf("portShape(%q) = %q, want gi1/0/3", s, got)
		}
	}
	if got := portNumbering("\u201cFiberEthernet1/0/18\u201d"); got != "1/0/18" {
		t.Errorf("portNumbering = %q, want 1/0/18", got)
	}
	for _, s := range []string{"Te1/0/3", "GigabitEthernet1/0/31", "3", "Vlan1"} {
		if got := portShape(s); got == "gi1/0/3" {
			t.Errorf("portShape(%q) matched gi1/0/3", s)
		}
	}
}

func TestMEDAppType(t *testing.T) {
	tests := []struct {
		arcs []uint32
		want string
		ok   bool
	}{
		{[]uint32{1}, "voice", true},          // application code
		{[]uint32{2}, "voiceSignaling", true}, // application code
		{[]uint32{1, 0x40}, "voice", true},    // BITS, bit 1
		{[]uint32{1, 0x20}, "voiceSignaling", true},
		{[]uint32{2, 0x00, 0x80}, "videoSignaling", true}, // bit 8
		{[]uint32{1, 0x80}, "", false},                    // bit 0 = unknown
		{[]uint32{1, 300}, "", false},
		{nil, "", false},
	}
	for _, tt := range tests {
		got, ok := medAppType(tt.arcs)
		if got != tt.want || ok != tt.ok {
			t.Errorf("medAppType(%v) = %q, %v; want %q, %v", tt.arcs, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseTPLinkPorts(t *testing.T) {
	got, ok := parseTPLinkPorts("1/0/1-3,1/0/9")
	if !ok || !slices.Equal(got, []string{"1/0/1", "1/0/2", "1/0/3", "1/0/9"}) {
		t.Fatalf("got %v, %v", got, ok)
	}
	for _, bad := range []string{"1/0/5-2", "1/0/1-99999", "port 1", "1/0/x"} {
		if _, ok := parseTPLinkPorts(bad); ok {
			t.Errorf("parseTPLinkPorts(%q) accepted", bad)
		}
	}
}
