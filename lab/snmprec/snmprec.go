// Package snmprec reads snmpsim's .snmprec recordings: one `OID|TAG|VALUE`
// record per line, where TAG is the BER tag of the value in decimal (2
// INTEGER, 4 OCTET STRING, 5 NULL, 6 OBJECT IDENTIFIER, 64 IpAddress, 65
// Counter32, 66 Gauge32, 67 TimeTicks, 68 Opaque, 70 Counter64, 128/129/130
// noSuchObject/noSuchInstance/endOfMibView), optionally followed by an
// encoding letter: `x` (value in hex) or `e` (value with Python string
// escapes such as \n and \xHH).
//
// The rules follow snmpsim 0.4.5, the real peer the tests compare with: each
// line is trimmed of surrounding white space, blank lines and lines starting
// with '#' are ignored, and the value is whatever follows the second '|'.
//
// Decisions where snmpsim has no single answer:
//   - A malformed record (bad OID, unknown tag, value that does not fit its
//     type) fails the whole file with a "file:line: reason" error; a
//     recording is test data and a silently missing row would make a test lie.
//   - A record whose tag names an snmpsim variation module (`2:numeric`,
//     `4:writecache`...) is skipped and reported in Recording.Warnings: its
//     value holds the module's parameters, not data, and this package serves
//     recordings only.
//   - Records are sorted by OID numerically (files are meant to be sorted;
//     this is not trusted). When an OID appears twice the first record wins
//     and a warning names both lines: snmpsim walks (GetNext, GetBulk) return
//     the first one, and walks are what discovery does. (snmpsim's Get
//     returns the last one; procurve.snmprec has such rows.)
package snmprec

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Type is the BER tag of a value; the snmprec tag numbers are these tags.
type Type uint8

// The value types of SNMPv2-SMI and the SNMPv2 exception values.
const (
	Integer          Type = 2
	OctetString      Type = 4
	Null             Type = 5
	ObjectIdentifier Type = 6
	IPAddress        Type = 64
	Counter32        Type = 65
	Gauge32          Type = 66
	TimeTicks        Type = 67
	Opaque           Type = 68
	Counter64        Type = 70
	NoSuchObject     Type = 128
	NoSuchInstance   Type = 129
	EndOfMibView     Type = 130
)

var typeNames = map[Type]string{
	Integer: "INTEGER", OctetString: "OCTET STRING", Null: "NULL", ObjectIdentifier: "OBJECT IDENTIFIER",
	IPAddress: "IpAddress", Counter32: "Counter32", Gauge32: "Gauge32", TimeTicks: "TimeTicks",
	Opaque: "Opaque", Counter64: "Counter64", NoSuchObject: "noSuchObject",
	NoSuchInstance: "noSuchInstance", EndOfMibView: "endOfMibView",
}

func (t Type) String() string {
	if n, ok := typeNames[t]; ok {
		return n
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// Record is one variable of a recording.
type Record struct {
	OID  OID
	Type Type
	// Int holds INTEGER values.
	Int int64
	// Uint holds Counter32, Gauge32, TimeTicks and Counter64 values.
	Uint uint64
	// Bytes holds OCTET STRING and Opaque values, and the 4 bytes of an
	// IpAddress.
	Bytes []byte
	// OIDValue holds OBJECT IDENTIFIER values.
	OIDValue OID
	// Line is the line of the file the record came from.
	Line int
}

// Warning is something skipped or overridden while reading a file.
type Warning struct {
	Line    int
	Message string
}

// Recording is a parsed file: its records sorted by OID, each OID once.
type Recording struct {
	// Name is the file's base name without .snmprec; snmpsim serves a
	// recording under this name as its v2c community.
	Name     string
	Records  []Record
	Warnings []Warning
}

// ParseError is a malformed line.
type ParseError struct {
	File string
	Line int
	Err  error
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("snmprec: %s:%d: %v", e.File, e.Line, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Errors callers can check with errors.Is.
var (
	// ErrSyntax: the line is not OID|TAG|VALUE.
	ErrSyntax = errors.New("record is not OID|TAG|VALUE")
	// ErrTag: the tag is not one of the types snmpsim knows.
	ErrTag = errors.New("unknown tag")
	// ErrValue: the value does not fit the tag's type.
	ErrValue = errors.New("bad value")
	// ErrOID: the OID is not numeric dotted or cannot be BER-encoded.
	ErrOID = errors.New("bad OID")
)

// ParseFile reads a .snmprec file; see Parse.
func ParseFile(path string) (*Recording, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("snmprec: %w", err)
	}
	return Parse(filepath.Base(path), data)
}

// Parse reads the contents of a .snmprec file. file names it in errors; its
// base name without .snmprec becomes Recording.Name.
func Parse(file string, data []byte) (*Recording, error) {
	rec := &Recording{Name: strings.TrimSuffix(filepath.Base(file), ".snmprec")}
	// A rough count of lines sizes the slice once; 3 MB files have ~60k.
	rec.Records = make([]Record, 0, bytes.Count(data, []byte{'\n'})+1)
	lineNo := 0
	for len(data) > 0 {
		lineNo++
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		r, skip, err := parseLine(line)
		if err != nil {
			return nil, &ParseError{File: file, Line: lineNo, Err: err}
		}
		if skip != "" {
			rec.Warnings = append(rec.Warnings, Warning{Line: lineNo, Message: skip})
			continue
		}
		r.Line = lineNo
		rec.Records = append(rec.Records, r)
	}
	rec.sortAndDedupe()
	return rec, nil
}

// sortAndDedupe sorts by OID and keeps the first record of each OID. The
// sort is stable so "first" means first in the file.
func (r *Recording) sortAndDedupe() {
	sorted := slices.IsSortedFunc(r.Records, func(a, b Record) int { return a.OID.Compare(b.OID) })
	if !sorted {
		slices.SortStableFunc(r.Records, func(a, b Record) int { return a.OID.Compare(b.OID) })
	}
	out := r.Records[:0]
	for i, rec := range r.Records {
		if i > 0 && len(out) > 0 && out[len(out)-1].OID.Equal(rec.OID) {
			prev := out[len(out)-1]
			r.Warnings = append(r.Warnings, Warning{Line: rec.Line,
				Message: fmt.Sprintf("duplicate OID %s ignored (first on line %d, which is served)", rec.OID, prev.Line)})
			continue
		}
		out = append(out, rec)
	}
	clear(r.Records[len(out):])
	r.Records = out
	slices.SortStableFunc(r.Warnings, func(a, b Warning) int { return a.Line - b.Line })
}

// parseLine parses one trimmed, non-comment line. A non-empty skip says why
// the record is skipped rather than served.
func parseLine(line []byte) (r Record, skip string, err error) {
	oidText, rest, ok := bytes.Cut(line, []byte{'|'})
	if !ok {
		return r, "", ErrSyntax
	}
	tag, value, ok := bytes.Cut(rest, []byte{'|'})
	if !ok || len(oidText) == 0 || len(tag) == 0 {
		return r, "", ErrSyntax
	}
	r.OID, err = parseOID(oidText)
	if err != nil {
		return r, "", fmt.Errorf("%w %q: %v", ErrOID, clip(oidText), err)
	}
	if i := bytes.IndexByte(tag, ':'); i >= 0 {
		return r, fmt.Sprintf("OID %s: tag %q uses snmpsim variation module %q, not served", r.OID, clip(tag), clip(tag[i+1:])), nil
	}
	encoding := byte(0)
	if last := tag[len(tag)-1]; last == 'x' || last == 'e' {
		encoding, tag = last, tag[:len(tag)-1]
	}
	n, err := strconv.ParseUint(string(tag), 10, 8)
	if err != nil {
		return r, "", fmt.Errorf("%w %q", ErrTag, clip(tag))
	}
	r.Type = Type(n)
	if _, known := typeNames[r.Type]; !known {
		return r, "", fmt.Errorf("%w %q (want 2, 4, 5, 6, 64-68, 70 or 128-130, optionally followed by x or e)", ErrTag, clip(tag))
	}
	if encoding != 0 {
		switch r.Type {
		case OctetString, Opaque, IPAddress:
		default:
			return r, "", fmt.Errorf("%w %q: %s value cannot be %c-encoded", ErrTag, clip(tag), r.Type, encoding)
		}
		value, err = decode(encoding, value)
		if err != nil {
			return r, "", fmt.Errorf("%w for %s: %v", ErrValue, r.Type, err)
		}
	}
	if err := r.setValue(value, encoding == 'x' || encoding == 'e'); err != nil {
		return r, "", fmt.Errorf("%w for %s %q: %v", ErrValue, r.Type, clip(value), err)
	}
	return r, "", nil
}

// setValue parses the (decoded) value for r.Type. binary says the value is
// raw octets (hex or escaped), which for an IpAddress means 4 bytes rather
// than dotted text.
func (r *Record) setValue(v []byte, binary bool) error {
	switch r.Type {
	case Integer:
		n, err := strconv.ParseInt(string(v), 10, 32)
		if err != nil {
			return errors.New("want a 32-bit signed integer")
		}
		r.Int = n
	case Counter32, Gauge32, TimeTicks:
		n, err := strconv.ParseUint(string(v), 10, 32)
		if err != nil {
			return errors.New("want a 32-bit unsigned integer")
		}
		r.Uint = n
	case Counter64:
		n, err := strconv.ParseUint(string(v), 10, 64)
		if err != nil {
			return errors.New("want a 64-bit unsigned integer")
		}
		r.Uint = n
	case OctetString, Opaque:
		r.Bytes = bytes.Clone(v)
		if r.Bytes == nil {
			r.Bytes = []byte{}
		}
	case IPAddress:
		if binary {
			if len(v) != 4 {
				return fmt.Errorf("want 4 bytes, got %d", len(v))
			}
			r.Bytes = bytes.Clone(v)
			return nil
		}
		ip, err := parseIPv4(v)
		if err != nil {
			return err
		}
		r.Bytes = ip
	case ObjectIdentifier:
		oid, err := parseOID(v)
		if err != nil {
			return err
		}
		r.OIDValue = oid
	case Null, NoSuchObject, NoSuchInstance, EndOfMibView:
		// The value text is ignored, as snmpsim does.
	}
	return nil
}

func parseIPv4(v []byte) ([]byte, error) {
	parts := bytes.Split(v, []byte{'.'})
	if len(parts) != 4 {
		return nil, errors.New("want a dotted IPv4 address")
	}
	ip := make([]byte, 4)
	for i, p := range parts {
		n, err := strconv.ParseUint(string(p), 10, 8)
		if err != nil {
			return nil, errors.New("want a dotted IPv4 address")
		}
		ip[i] = byte(n)
	}
	return ip, nil
}

// decode undoes the x (hex) or e (Python escapes) encoding of a value.
func decode(encoding byte, v []byte) ([]byte, error) {
	if encoding == 'x' {
		if len(v)%2 != 0 {
			return nil, fmt.Errorf("odd number of hex digits (%d)", len(v))
		}
		out := make([]byte, len(v)/2)
		for i := range out {
			hi, ok1 := unhex(v[2*i])
			lo, ok2 := unhex(v[2*i+1])
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("not a hex digit at offset %d", 2*i)
			}
			out[i] = hi<<4 | lo
		}
		return out, nil
	}
	return unescape(v)
}

// unescape evaluates the escapes snmpsim's `e` encoding allows (its
// evaluateRawString): \\ \' \" \a \b \f \n \r \t \v and \xHH.
func unescape(v []byte) ([]byte, error) {
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i >= len(v) {
			return nil, errors.New("value ends with a lone backslash")
		}
		switch v[i] {
		case '\\', '\'', '"':
			out = append(out, v[i])
		case 'a':
			out = append(out, 7)
		case 'b':
			out = append(out, 8)
		case 'f':
			out = append(out, 12)
		case 'n':
			out = append(out, 10)
		case 'r':
			out = append(out, 13)
		case 't':
			out = append(out, 9)
		case 'v':
			out = append(out, 11)
		case 'x':
			if i+2 >= len(v) {
				return nil, fmt.Errorf("\\x needs two hex digits at offset %d", i-1)
			}
			hi, ok1 := unhex(v[i+1])
			lo, ok2 := unhex(v[i+2])
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("\\x needs two hex digits at offset %d", i-1)
			}
			out = append(out, hi<<4|lo)
			i += 2
		default:
			return nil, fmt.Errorf("unknown escape \\%c at offset %d", v[i], i-1)
		}
	}
	return out, nil
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// clip shortens text quoted in an error: a hex artefact can be kilobytes.
func clip(b []byte) string {
	const max = 64
	if len(b) > max {
		return string(b[:max]) + "..."
	}
	return string(b)
}
