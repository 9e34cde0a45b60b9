package snmp

import (
	"cmp"
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
//
// It keeps the PDU's type and value but not its Name: index is a substring
// of Name, and a walk of 200 switches holds about a million varbinds.
type varbind struct {
	index string
	typ   gosnmp.Asn1BER
	value any
}

// walker walks subtrees of one agent. It starts with GetBulk and switches
// every walk of the switch to GetNext once an agent shows that it mishandles
// GetBulk (no answer, genErr, or an empty answer: gosnmp issue 498 is a
// Juniper MX that times out on GetBulk but answers GetNext).
type walker struct {
	maxReps int
	maxRows int
	// maxTotal bounds the rows of all walks of the switch together (0 =
	// no bound), so a runaway agent cannot fill memory.
	maxTotal int64
	noBulk   atomic.Bool
	// bulkFailures counts GetBulk requests that failed where GetNext then
	// worked; noBulk is set at the second, so one lost packet on a lossy
	// link does not slow a whole switch down to GetNext.
	bulkFailures atomic.Int32
	// silent is set once a request got no answer at all, by GetBulk nor
	// GetNext: the agent stopped answering (ACL, overload, reboot), so the
	// walks not yet started are skipped instead of each timing out.
	silent atomic.Bool
	rows   atomic.Int64
	// onRows is told of every batch (progress).
	onRows func(total int64)
}

// errNotIncreasing is wrapped when an agent answers an OID not after the
// one asked: walking on would loop forever.
var errNotIncreasing = errors.New("agent returned an OID that does not increase")

// errTooManyRows is wrapped when a walk hits its bound.
var errTooManyRows = errors.New("table larger than the walk bound")

func (w *walker) walk(ctx context.Context, g *gosnmp.GoSNMP, root string) ([]varbind, error) {
	rows, errs := w.walkColumns(ctx, g, []string{root})
	return rows[0], errs[0]
}

// cursor is the walk of one column.
type cursor struct {
	prefix string
	// cur is the last OID read (the root at first), as the agent wrote it.
	cur    string
	out    []varbind
	done   bool
	err    error
	stalls int
}

// walkColumns walks several subtrees at once, one OID per column in each
// request (as net-snmp's table walks do): a GetBulk of n columns with r
// repetitions answers n*r varbinds, column i's in positions i, i+n, i+2n...
// Each column stops on its own: endOfMibView, noSuchObject/Instance, an OID
// outside its subtree, an OID that does not increase (the walk would
// loop), or the row bound. A response of varbinds per column is bounded by
// maxReps*4 so one request stays a few kilobytes.
func (w *walker) walkColumns(ctx context.Context, g *gosnmp.GoSNMP, roots []string) ([][]varbind, []error) {
	cs := make([]*cursor, len(roots))
	for i, root := range roots {
		root = strings.TrimPrefix(root, ".")
		c := &cursor{prefix: "." + root + ".", cur: "." + root}
		if _, err := parseOID(root); err != nil {
			c.done, c.err = true, err
		}
		cs[i] = c
	}
	budget := w.maxReps * 4
	shrink := 1
	for {
		var active []*cursor
		for _, c := range cs {
			if !c.done {
				active = append(active, c)
			}
		}
		if len(active) == 0 {
			break
		}
		if err := ctx.Err(); err != nil {
			for _, c := range active {
				c.done, c.err = true, err
			}
			break
		}
		if w.maxTotal > 0 && w.rows.Load() >= w.maxTotal {
			for _, c := range active {
				c.done, c.err = true, fmt.Errorf("%w: the switch sent more than %d rows in all", errTooManyRows, w.maxTotal)
			}
			break
		}
		reps := max(1, budget/len(active)/shrink)
		oids := make([]string, len(active))
		for i, c := range active {
			oids[i] = c.cur
		}
		vars, err := w.next(g, oids, reps)
		if errors.Is(err, errTooBig) && reps > 1 {
			shrink *= 2
			continue
		}
		if err != nil {
			for _, c := range active {
				c.done, c.err = true, err
			}
			break
		}
		if len(vars) == 0 {
			for _, c := range active {
				c.done = true
			}
			break
		}
		n := len(active)
		for i, c := range active {
			got := 0
			for k := i; k < len(vars) && !c.done; k += n {
				w.step(c, vars[k])
				got++
			}
			if got == 0 && !c.done {
				// The agent cut the response before this column.
				if c.stalls++; c.stalls > 3 {
					c.done, c.err = true, fmt.Errorf("agent answers no value for %s", c.cur)
				}
			}
		}
		total := w.rows.Add(int64(len(vars)))
		if w.onRows != nil {
			w.onRows(total)
		}
	}
	rows := make([][]varbind, len(cs))
	errs := make([]error, len(cs))
	for i, c := range cs {
		rows[i], errs[i] = c.out, c.err
	}
	return rows, errs
}

// step applies one answered varbind to its column's walk.
func (w *walker) step(c *cursor, v gosnmp.SnmpPDU) {
	switch v.Type {
	case gosnmp.EndOfMibView, gosnmp.NoSuchObject, gosnmp.NoSuchInstance:
		c.done = true
		return
	}
	if !strings.HasPrefix(v.Name, c.prefix) {
		c.done = true
		return
	}
	order, ok := compareOIDText(v.Name, c.cur)
	if !ok {
		_, err := parseOID(v.Name) // says what is wrong with it
		c.done, c.err = true, err
		return
	}
	if order <= 0 {
		c.done, c.err = true, fmt.Errorf("%w: %s after %s", errNotIncreasing, v.Name, c.cur)
		return
	}
	c.cur = v.Name
	c.out = append(c.out, varbind{index: v.Name[len(c.prefix):], typ: v.Type, value: v.Value})
	if len(c.out) >= w.maxRows {
		c.done, c.err = true, fmt.Errorf("%w (%d rows under %s)", errTooManyRows, w.maxRows, strings.TrimSuffix(c.prefix[1:], "."))
	}
}

var errTooBig = errors.New("response too big")

// errSilent is returned for walks skipped after the agent stopped answering.
var errSilent = errors.New("skipped: the agent stopped answering during the walk")

// next asks for what follows oid, by GetBulk unless the switch went over to
// GetNext. A GetBulk that fails in a way GetNext may not is retried once by
// GetNext; when that happens twice, the whole switch stays on GetNext.
func (w *walker) next(g *gosnmp.GoSNMP, oids []string, reps int) ([]gosnmp.SnmpPDU, error) {
	if w.silent.Load() {
		return nil, errSilent
	}
	if w.noBulk.Load() {
		vars, err := getNext(g, oids)
		if isTimeout(err) {
			w.silent.Store(true)
		}
		return vars, err
	}
	resp, err := checkResponse(g.GetBulk(oids, 0, uint32(reps)))
	ownValues(g, resp)
	if errors.Is(err, ErrNotSNMPResponse) {
		return nil, err
	}
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
	vars, nerr := getNext(g, oids)
	if nerr != nil {
		if isTimeout(nerr) {
			w.silent.Store(true)
		}
		if err != nil {
			return nil, err
		}
		return nil, nerr
	}
	if w.bulkFailures.Add(1) >= 2 {
		w.noBulk.Store(true)
	}
	return vars, nil
}

func getNext(g *gosnmp.GoSNMP, oids []string) ([]gosnmp.SnmpPDU, error) {
	resp, err := checkResponse(g.GetNext(oids))
	ownValues(g, resp)
	if err != nil {
		return nil, err
	}
	switch resp.Error {
	case gosnmp.NoError:
		return resp.Variables, nil
	case gosnmp.NoSuchName: // SNMPv1-style end of view
		return nil, nil
	default:
		return nil, fmt.Errorf("agent answered %v to GetNext %s", resp.Error, strings.Join(oids, " "))
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
	n := strings.Count(s, ".") + 1
	if n > maxOIDArcs {
		return nil, fmt.Errorf("OID with %d sub-identifiers (more than %d)", n, maxOIDArcs)
	}
	out := make([]uint32, 0, n)
	for part := range strings.SplitSeq(s, ".") {
		v, err := strconv.ParseUint(part, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("bad OID %q", s)
		}
		out = append(out, uint32(v))
	}
	return out, nil
}

// compareOIDText compares two dotted OIDs (leading dot optional) as
// compareOID compares them parsed, but without allocating: the walk
// compares every varbind with the one before. ok is false when a is not an
// OID parseOID accepts (b must be one).
func compareOIDText(a, b string) (order int, ok bool) {
	a, b = strings.TrimPrefix(a, "."), strings.TrimPrefix(b, ".")
	aMore, bMore := a != "", b != ""
	arcs := 0
	for aMore {
		var x string
		// After a dot comes one more arc, empty after a trailing dot
		// (which ParseUint refuses, as parseOID does).
		x, a, aMore = strings.Cut(a, ".")
		xv, err := strconv.ParseUint(x, 10, 32)
		if arcs++; err != nil || arcs > maxOIDArcs {
			return 0, false
		}
		switch {
		case order != 0:
		case !bMore:
			order = 1 // b is a prefix of a
		default:
			var y string
			y, b, bMore = strings.Cut(b, ".")
			yv, _ := strconv.ParseUint(y, 10, 32)
			order = cmp.Compare(xv, yv)
		}
	}
	if order == 0 && bMore {
		order = -1 // a is a prefix of b
	}
	return order, true
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
