package snmp

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/gosnmp/gosnmp"
)

// varbind is one walked value, with the OID suffix below the walked root as
// its table index.
type varbind struct {
	index string
	pdu   gosnmp.SnmpPDU
}

// walker walks subtrees of one agent. It starts with GetBulk and switches
// every walk of the switch to GetNext once an agent shows that it mishandles
// GetBulk (no answer, genErr, or an empty answer: gosnmp issue 498 is a
// Juniper MX that times out on GetBulk but answers GetNext).
type walker struct {
	maxReps int
	maxRows int
	noBulk  atomic.Bool
	rows    atomic.Int64
	// onRows is told of every batch (progress).
	onRows func(total int64)
}

// errNotIncreasing is wrapped when an agent answers an OID not after the
// one asked: walking on would loop forever.
var errNotIncreasing = errors.New("agent returned an OID that does not increase")

// errTooManyRows is wrapped when a walk hits its bound.
var errTooManyRows = errors.New("table larger than the walk bound")

func (w *walker) walk(ctx context.Context, g *gosnmp.GoSNMP, root string) ([]varbind, error) {
	root = strings.TrimPrefix(root, ".")
	rootOID, err := parseOID(root)
	if err != nil {
		return nil, err
	}
	prefix := "." + root + "."
	var out []varbind
	cur := "." + root
	last := rootOID
	reps := w.maxReps
	for {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		if len(out) >= w.maxRows {
			return out, fmt.Errorf("%w (%d rows under %s)", errTooManyRows, w.maxRows, root)
		}
		vars, err := w.next(g, cur, reps)
		if errors.Is(err, errTooBig) && reps > 1 {
			reps /= 2
			continue
		}
		if err != nil {
			return out, err
		}
		if len(vars) == 0 {
			return out, nil
		}
		for _, v := range vars {
			switch v.Type {
			case gosnmp.EndOfMibView, gosnmp.NoSuchObject, gosnmp.NoSuchInstance:
				return out, nil
			}
			if !strings.HasPrefix(v.Name, prefix) {
				return out, nil
			}
			oid, err := parseOID(v.Name)
			if err != nil {
				return out, err
			}
			if compareOID(oid, last) <= 0 {
				return out, fmt.Errorf("%w: %s after %s", errNotIncreasing, v.Name, cur)
			}
			last = oid
			cur = v.Name
			out = append(out, varbind{index: v.Name[len(prefix):], pdu: v})
			if len(out) >= w.maxRows {
				break
			}
		}
		total := w.rows.Add(int64(len(vars)))
		if w.onRows != nil {
			w.onRows(total)
		}
	}
}

var errTooBig = errors.New("response too big")

// next asks for what follows oid, by GetBulk unless the switch went over to
// GetNext. A GetBulk that fails in a way GetNext may not is retried once by
// GetNext; if that works, the whole switch stays on GetNext.
func (w *walker) next(g *gosnmp.GoSNMP, oid string, reps int) ([]gosnmp.SnmpPDU, error) {
	if w.noBulk.Load() {
		return getNext(g, oid)
	}
	resp, err := g.GetBulk([]string{oid}, 0, uint32(reps))
	if err == nil && resp.Error == gosnmp.TooBig {
		return nil, errTooBig
	}
	bulkBroken := (err != nil && isTimeout(err)) ||
		(err == nil && resp.Error != gosnmp.NoError && resp.Error != gosnmp.NoSuchName) ||
		(err == nil && resp.Error == gosnmp.NoError && len(resp.Variables) == 0)
	if !bulkBroken {
		if err != nil {
			return nil, err
		}
		if resp.Error == gosnmp.NoSuchName {
			return nil, nil
		}
		return resp.Variables, nil
	}
	vars, nerr := getNext(g, oid)
	if nerr != nil {
		if err != nil {
			return nil, err
		}
		return nil, nerr
	}
	w.noBulk.Store(true)
	return vars, nil
}

func getNext(g *gosnmp.GoSNMP, oid string) ([]gosnmp.SnmpPDU, error) {
	resp, err := g.GetNext([]string{oid})
	if err != nil {
		return nil, err
	}
	switch resp.Error {
	case gosnmp.NoError:
		return resp.Variables, nil
	case gosnmp.NoSuchName: // SNMPv1-style end of view
		return nil, nil
	default:
		return nil, fmt.Errorf("agent answered %v to GetNext %s", resp.Error, oid)
	}
}

// maxOIDArcs bounds OIDs read from the wire; SNMP allows 128 sub-identifiers.
const maxOIDArcs = 128

// parseOID parses a dotted OID, with or without a leading dot.
func parseOID(s string) ([]uint32, error) {
	s = strings.TrimPrefix(s, ".")
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ".")
	if len(parts) > maxOIDArcs {
		return nil, fmt.Errorf("OID with %d sub-identifiers (more than %d)", len(parts), maxOIDArcs)
	}
	out := make([]uint32, len(parts))
	for i, p := range parts {
		n, err := strconv.ParseUint(p, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("bad OID %q", s)
		}
		out[i] = uint32(n)
	}
	return out, nil
}

func compareOID(a, b []uint32) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}
