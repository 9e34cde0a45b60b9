package snmprec

import (
	"errors"
	"strconv"
	"strings"
)

// OID is a numeric object identifier.
type OID []uint32

// ParseOID parses a dotted OID such as "1.3.6.1.2.1.1.1.0"; a leading dot
// is accepted. It refuses what BER cannot encode (fewer than two arcs, a
// first arc above 2, a second arc above 39 under arcs 0 and 1).
func ParseOID(s string) (OID, error) { return parseOID([]byte(s)) }

func parseOID(b []byte) (OID, error) {
	if len(b) > 0 && b[0] == '.' {
		b = b[1:]
	}
	if len(b) == 0 {
		return nil, errors.New("empty")
	}
	oid := make(OID, 0, 16)
	var n uint64
	digits := 0
	for i := 0; i <= len(b); i++ {
		if i == len(b) || b[i] == '.' {
			if digits == 0 {
				return nil, errors.New("empty arc")
			}
			oid = append(oid, uint32(n))
			n, digits = 0, 0
			continue
		}
		c := b[i]
		if c < '0' || c > '9' {
			return nil, errors.New("not a digit or dot")
		}
		n = n*10 + uint64(c-'0')
		digits++
		if n > 1<<32-1 {
			return nil, errors.New("arc above 4294967295")
		}
	}
	if len(oid) < 2 {
		return nil, errors.New("fewer than two arcs")
	}
	if oid[0] > 2 || (oid[0] < 2 && oid[1] > 39) {
		return nil, errors.New("first two arcs cannot be BER-encoded")
	}
	if len(oid) > 128 {
		return nil, errors.New("more than 128 arcs")
	}
	return oid[:len(oid):len(oid)], nil
}

// Compare orders OIDs numerically, arc by arc; a prefix sorts first.
func (o OID) Compare(p OID) int {
	n := min(len(o), len(p))
	for i := range n {
		if o[i] != p[i] {
			if o[i] < p[i] {
				return -1
			}
			return 1
		}
	}
	return len(o) - len(p)
}

// Equal reports whether o and p are the same OID.
func (o OID) Equal(p OID) bool { return o.Compare(p) == 0 }

// HasPrefix reports whether o is p or lies under p.
func (o OID) HasPrefix(p OID) bool {
	if len(o) < len(p) {
		return false
	}
	for i := range p {
		if o[i] != p[i] {
			return false
		}
	}
	return true
}

// String formats o dotted, without a leading dot.
func (o OID) String() string {
	var sb strings.Builder
	sb.Grow(len(o) * 4)
	for i, arc := range o {
		if i > 0 {
			sb.WriteByte('.')
		}
		sb.WriteString(strconv.FormatUint(uint64(arc), 10))
	}
	return sb.String()
}

// Search returns the index of the first record whose OID is >= oid (len
// when none is), by binary search over the sorted records.
func (r *Recording) Search(oid OID) int {
	lo, hi := 0, len(r.Records)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if r.Records[mid].OID.Compare(oid) < 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Get returns the record with exactly this OID.
func (r *Recording) Get(oid OID) (Record, bool) {
	i := r.Search(oid)
	if i < len(r.Records) && r.Records[i].OID.Equal(oid) {
		return r.Records[i], true
	}
	return Record{}, false
}

// Next returns the index of the first record strictly after oid in
// lexicographic order (GetNext), or len(Records) at the end of the MIB view.
func (r *Recording) Next(oid OID) int {
	i := r.Search(oid)
	if i < len(r.Records) && r.Records[i].OID.Equal(oid) {
		i++
	}
	return i
}
