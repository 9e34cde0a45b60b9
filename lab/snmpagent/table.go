package snmpagent

import (
	"slices"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/lab/snmprec"
)

// table is a recording ready to serve: its records as gosnmp varbinds,
// built once and shared read-only by every endpoint serving the recording.
type table struct {
	rec  *snmprec.Recording
	pdus []gosnmp.SnmpPDU
}

func newTable(rec *snmprec.Recording) *table {
	t := &table{rec: rec, pdus: make([]gosnmp.SnmpPDU, len(rec.Records))}
	for i, r := range rec.Records {
		t.pdus[i] = toPDU(r)
	}
	return t
}

// toPDU converts a record into the Go types gosnmp's encoder expects for
// each BER type.
func toPDU(r snmprec.Record) gosnmp.SnmpPDU {
	p := gosnmp.SnmpPDU{Name: "." + r.OID.String(), Type: gosnmp.Asn1BER(r.Type)}
	switch r.Type {
	case snmprec.Integer:
		p.Value = int(r.Int)
	case snmprec.Counter32, snmprec.Gauge32, snmprec.TimeTicks:
		p.Value = uint32(r.Uint)
	case snmprec.Counter64:
		p.Value = r.Uint
	case snmprec.OctetString, snmprec.Opaque, snmprec.IPAddress:
		p.Value = r.Bytes
	case snmprec.ObjectIdentifier:
		p.Value = "." + r.OIDValue.String()
	}
	return p
}

// get answers a Get for one OID: the record, or noSuchInstance for a
// missing one. A net-snmp agent would say noSuchObject when not even the
// object exists; snmpsim, the peer these answers are compared with, always
// says noSuchInstance.
func (t *table) get(name string, oid snmprec.OID) gosnmp.SnmpPDU {
	i := t.rec.Search(oid)
	if i < len(t.pdus) && t.rec.Records[i].OID.Equal(oid) {
		return t.pdus[i]
	}
	return gosnmp.SnmpPDU{Name: name, Type: gosnmp.NoSuchInstance}
}

// next returns the index of the first record after oid, or len(t.pdus)
// at the end of the MIB view. For SNMPv1, which cannot carry Counter64, it
// skips Counter64 records (RFC 3584 4.2.2.1), as snmpsim does.
func (t *table) next(oid snmprec.OID, v1 bool) int {
	i := t.rec.Next(oid)
	if v1 {
		for i < len(t.pdus) && t.rec.Records[i].Type == snmprec.Counter64 {
			i++
		}
	}
	return i
}

// newOverlay builds the table of an endpoint's overrides, nil when none.
func newOverlay(recs []snmprec.Record) *table {
	if len(recs) == 0 {
		return nil
	}
	rec := &snmprec.Recording{Records: append([]snmprec.Record(nil), recs...)}
	slices.SortStableFunc(rec.Records, func(a, b snmprec.Record) int { return a.OID.Compare(b.OID) })
	// Keep the last override of an OID: the caller's latest word.
	out := rec.Records[:0]
	for _, r := range rec.Records {
		if len(out) > 0 && out[len(out)-1].OID.Equal(r.OID) {
			out[len(out)-1] = r
			continue
		}
		out = append(out, r)
	}
	rec.Records = out
	return newTable(rec)
}
