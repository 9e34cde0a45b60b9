package snmp

import (
	"fmt"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/snapshot"
)

// data holds what was walked on one switch, by column OID, and the errors met
// while reading it. Its accessors check value types: a row of the wrong type
// is left out and recorded once per column, never guessed at.
type data struct {
	target string
	cols   map[string][]varbind
	errs   []snapshot.Error
	// badCols remembers columns already reported, so one broken column
	// gives one error, not one per row.
	badCols map[string]bool
}

func (d *data) errorf(stage, format string, a ...any) {
	d.errs = append(d.errs, snapshot.Error{Target: d.target, Stage: stage, Message: fmt.Sprintf(format, a...)})
}

func (d *data) badType(stage, oid string, vb varbind, want string) {
	if d.badCols == nil {
		d.badCols = map[string]bool{}
	}
	if d.badCols[oid] {
		return
	}
	d.badCols[oid] = true
	d.errorf(stage, "%s.%s: agent answered %v, want %s; rows of this type were left out", columnName(oid), vb.index, vb.typ, want)
}

// columnName names a column OID for messages.
func columnName(oid string) string {
	for _, c := range fullPlan {
		if c.oid == oid {
			return c.name
		}
	}
	return oid
}

// rows returns a column as walked, in OID order.
func (d *data) rows(oid string) []varbind { return d.cols[oid] }

// ints returns an integer column by index. Counter64 values above MaxInt64
// are reported as bad.
func (d *data) ints(stage, oid string) map[string]int64 {
	out := make(map[string]int64, len(d.cols[oid]))
	for _, vb := range d.cols[oid] {
		n, ok := pduInt(gosnmp.SnmpPDU{Type: vb.typ, Value: vb.value})
		if !ok {
			d.badType(stage, oid, vb, "an integer")
			continue
		}
		out[vb.index] = n
	}
	return out
}

// bytes returns an OCTET STRING column by index (copies).
func (d *data) bytes(stage, oid string) map[string][]byte {
	out := make(map[string][]byte, len(d.cols[oid]))
	for _, vb := range d.cols[oid] {
		if b, ok := d.octets(stage, oid, vb); ok {
			out[vb.index] = append([]byte(nil), b...)
		}
	}
	return out
}

// strings returns an OCTET STRING column as display text.
func (d *data) strings(stage, oid string) map[string]string {
	out := make(map[string]string, len(d.cols[oid]))
	for _, vb := range d.cols[oid] {
		if b, ok := d.octets(stage, oid, vb); ok {
			out[vb.index] = displayString(b) // a string: a copy
		}
	}
	return out
}

// octets returns one OCTET STRING value as received (not a copy), with
// the hex artefact undone, or records a row of the wrong type.
func (d *data) octets(stage, oid string, vb varbind) ([]byte, bool) {
	b, ok := vb.value.([]byte)
	if !ok || vb.typ != gosnmp.OctetString {
		d.badType(stage, oid, vb, "an OCTET STRING")
		return nil, false
	}
	if fixed, ok := RecoverHexArtefact(b); ok {
		b = fixed
	}
	return b, true
}

func pduInt(p gosnmp.SnmpPDU) (int64, bool) {
	switch p.Type {
	case gosnmp.Integer, gosnmp.Counter32, gosnmp.Gauge32, gosnmp.TimeTicks, gosnmp.Uinteger32:
	case gosnmp.Counter64:
		if v, ok := p.Value.(uint64); ok && v > 1<<63-1 {
			return 0, false
		}
	default:
		return 0, false
	}
	switch v := p.Value.(type) {
	case int:
		return int64(v), true
	case int64:
		return v, true
	case uint:
		return int64(v), true
	case uint32:
		return int64(v), true
	case uint64:
		return int64(v), true
	}
	return 0, false
}
