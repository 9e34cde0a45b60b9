package audit

import (
	_ "embed"
	"strings"
	"sync"
)

// phoneOUIText is the curated list of phone vendors' OUIs; its header says
// where it comes from.
//
//go:embed phone_ouis.txt
var phoneOUIText string

// phoneOUIs maps "00:04:f2" to the vendor key. Parsed once, never changed.
var phoneOUIs = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for line := range strings.SplitSeq(phoneOUIText, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		oui, vendor, _ := strings.Cut(line, "\t")
		vendor, _, _ = strings.Cut(vendor, "\t")
		m[strings.ToLower(oui)] = vendor
	}
	return m
})

// PhoneVendors lists the vendor keys of the embedded OUI list.
func PhoneVendors() []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range phoneOUIs() {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// PhoneVendorOf returns the phone vendor key of a MAC address ("yealink"),
// or "" when its OUI is not a phone vendor's.
func PhoneVendorOf(mac string) string {
	m, ok := normalizeMAC(mac)
	if !ok {
		return ""
	}
	return phoneOUIs()[m[:8]]
}

// normalizeMAC writes a MAC as "aa:bb:cc:dd:ee:ff" from the usual forms
// (colons, dashes, Cisco dots, bare hex). ok is false when s is not a MAC.
func normalizeMAC(s string) (string, bool) {
	if len(s) == 17 && s[2] == ':' && s[5] == ':' && s[8] == ':' && s[11] == ':' && s[14] == ':' {
		if isLowerHexMAC(s) {
			return s, true
		}
	}
	var hex [12]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f':
		case c >= 'A' && c <= 'F':
			c += 'a' - 'A'
		case c == ':' || c == '-' || c == '.' || c == ' ':
			continue
		default:
			return "", false
		}
		if n == 12 {
			return "", false
		}
		hex[n] = c
		n++
	}
	if n != 12 {
		return "", false
	}
	var b strings.Builder
	b.Grow(17)
	for i := 0; i < 12; i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteByte(hex[i])
		b.WriteByte(hex[i+1])
	}
	return b.String(), true
}

func isLowerHexMAC(s string) bool {
	for i := 0; i < len(s); i++ {
		if i%3 == 2 {
			continue
		}
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
