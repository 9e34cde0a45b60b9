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
	cur    string
	last   []uint32
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
		var err error
		if c.last, err = parseOID(root); err != nil {
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
	oid, err := parseOID(v.Name)
	if err != nil {
		c.done, c.err = true, err
		return
	}
	if compareOID(oid, c.last) <= 0 {
		c.done, c.err = true, fmt.Errorf("%w: %s after %s", errNotIncreasing, v.Name, c.cur)
		return
	}
	c.last, c.cur = oid, v.Name
	c.out = append(c.out, varbind{index: v.Name[len(c.prefix):], pdu: v})
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
	resp, err := g.GetBulk(oids, 0, uint32(reps))
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
	resp, err := g.GetNext(oids)
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
