package snmp

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// displayString turns an OCTET STRING meant as text into a string: trailing
// NULs (padding some agents send) are dropped and bytes that are not UTF-8
// become U+FFFD, so a snapshot never carries invalid text.
func displayString(b []byte) string {
	b = trimNUL(b)
	if utf8.Valid(b) {
		return strings.TrimSpace(string(b))
	}
	return strings.TrimSpace(strings.ToValidUTF8(string(b), "\uFFFD"))
}

func trimNUL(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	return b
}

// formatMAC formats 6 bytes as lower-case colon-separated hex; ok is false
// for any other length.
func formatMAC(b []byte) (string, bool) {
	if len(b) != 6 {
		return "", false
	}
	return fmt.Sprintf("%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5]), true
}

// printable reports whether b reads as text (what a DisplayString holds),
// so identifiers that may be text or binary are shown the right way.
func printable(b []byte) bool {
	b = trimNUL(b)
	if len(b) == 0 || !utf8.Valid(b) {
		return false
	}
	for _, r := range string(b) {
		if r < 0x20 && r != '\t' || r == 0x7f {
			return false
		}
	}
	return true
}

// hexString formats binary data as colon-separated hex.
func hexString(b []byte) string {
	parts := make([]string, len(b))
	for i, c := range b {
		parts[i] = fmt.Sprintf("%02x", c)
	}
	return strings.Join(parts, ":")
}

// textOrHex shows an identifier that is usually text but sometimes binary
// (CDP device ids of NICs are their MAC): text as text, six octets as a
// MAC address, other binary as hex.
func textOrHex(b []byte) string {
	if printable(b) {
		return displayString(b)
	}
	if mac, ok := formatMAC(b); ok {
		return mac
	}
	return hexString(b)
}
