package snmp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"
	"sync"
	"syscall"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/snapshot"
)

// Stage names, as they appear in snapshot errors and progress events.
const (
	stageConnect    = "connect"
	stageSystem     = "system"
	stageInterfaces = "interfaces"
	stageEthernet   = "ethernet"
	stageEntity     = "entity"
	stageBridge     = "bridge"
	stageVLANs      = "vlans"
	stageFDB        = "fdb"
	stageLLDP       = "lldp"
	stageMED        = "lldp-med"
	stageCDP        = "cdp"
	stagePoE        = "poe"
	stageCisco      = "cisco-vlans"
	stageVoice      = "voice-vlan"
)

// systemOIDs are read by one Get, which also proves the agent answers.
var systemOIDs = []string{oidSysDescr, oidSysObjectID, oidSysUpTime, oidSysContact, oidSysName,
	oidSysLocation, oidLldpLocChassisIDSubtype, oidLldpLocChassisID}

// reader reads one switch.
type reader struct {
	target   Target
	opts     Options
	n, total int
	progress func(Event)
}

func (r *reader) credentials() Credentials {
	if r.target.Credentials != nil {
		return *r.target.Credentials
	}
	return r.opts.Credentials
}

func (r *reader) fail(sw *snapshot.Switch, stage, msg string) {
	sw.Errors = append(sw.Errors, snapshot.Error{Target: r.target.Address, Stage: stage, Message: msg})
}

func (r *reader) event(stage string, rows int64, done bool, err error) {
	r.progress(Event{Target: r.target.Address, N: r.n, Total: r.total, Stage: stage, Rows: int(rows), Done: done, Err: err})
}

func (r *reader) read(ctx context.Context) snapshot.Switch {
	sw := snapshot.Switch{Target: r.target.Address, Source: snapshot.SourceSNMP}
	creds := r.credentials()
	host, port, err := splitAddress(r.target.Address)
	if err != nil {
		r.fail(&sw, stageConnect, err.Error())
		r.event("done", 0, true, err)
		return sw
	}
	params, err := creds.params()
	if err != nil {
		r.fail(&sw, stageConnect, err.Error())
		r.event("done", 0, true, err)
		return sw
	}
	r.event(stageSystem, 0, false, nil)
	first, hangUp, err := dial(ctx, r.opts.Transport, host, port, params, r.opts.Timeout, r.opts.Retries)
	if err != nil {
		r.fail(&sw, stageConnect, cleanError(err, creds))
		r.event("done", 0, true, err)
		return sw
	}
	defer hangUp()
	sys, err := getScalars(first, systemOIDs)
	if err == nil && len(sys) == 0 {
		// Every object of the mandatory system group answered with
		// nothing: whatever answers is not reporting a switch.
		err = fmt.Errorf("%w: none of the system group (sysDescr, sysObjectID, sysName) came back", ErrNotSNMPResponse)
	}
	if err != nil {
		msg := cleanError(err, creds)
		switch {
		case v3Message(err) != "":
			msg = v3Message(err)
			err = fmt.Errorf("%w: %s", ErrUnreachable, msg)
		case isTimeout(err):
			msg = unreachableMessage(r.opts.Retries+1, params.v3 != nil)
			err = fmt.Errorf("%w: %s", ErrUnreachable, msg)
		case errors.Is(err, syscall.ECONNREFUSED):
			msg = "port unreachable: no SNMP agent listens there; check address and port"
			err = fmt.Errorf("%w: %s", ErrUnreachable, msg)
		}
		r.fail(&sw, stageConnect, msg)
		r.event("done", 0, true, err)
		return sw
	}
	if oids := vendorScalarOIDs(sys); len(oids) > 0 {
		// Vendor scalars (version, serial) by a second Get; an agent that
		// refuses them loses only those.
		if more, err := getScalars(first, oids); err == nil {
			for k, v := range more {
				sys[k] = v
			}
		}
	}

	w := &walker{maxReps: r.opts.MaxRepetitions, maxRows: maxRowsPerWalk, maxTotal: maxRowsPerSwitch}
	w.onRows = func(total int64) { r.event("walk", total, false, nil) }
	sessions := make(chan *gosnmp.GoSNMP, walksPerSwitch)
	sessions <- first
	for range walksPerSwitch - 1 {
		g, hangUp, err := dial(ctx, r.opts.Transport, host, port, params, r.opts.Timeout, r.opts.Retries)
		if err != nil {
			break // fewer sessions only make the walks slower
		}
		defer hangUp()
		sessions <- g
	}

	d := &data{cols: make(map[string][]varbind, len(fullPlan)), target: r.target.Address}
	var mu sync.Mutex
	var wg sync.WaitGroup
	// Columns not walked because the agent went silent or the discovery
	// was cancelled: one error per stage and cause instead of one per column.
	type skipKey struct{ stage, cause string }
	skipped := map[skipKey][]string{}
	for _, group := range walkGroups(fullPlan) {
		g := <-sessions
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { sessions <- g }()
			oids := make([]string, len(group))
			for i, c := range group {
				oids[i] = c.oid
			}
			r.event(group[0].stage, w.rows.Load(), false, nil)
			rows, errs := w.walkColumns(ctx, g, oids)
			mu.Lock()
			defer mu.Unlock()
			for i, c := range group {
				d.cols[c.oid] = rows[i]
				switch {
				case errors.Is(errs[i], errSilent):
					k := skipKey{c.stage, errSilent.Error()}
					skipped[k] = append(skipped[k], c.name)
					continue
				case errs[i] != nil && ctx.Err() != nil:
					k := skipKey{c.stage, "discovery " + ctxReason(ctx)}
					skipped[k] = append(skipped[k], c.name)
					continue
				}
				if err := errs[i]; err != nil {
					msg := cleanError(err, creds)
					if isTimeout(err) {
						msg = fmt.Sprintf("walk stopped after %d rows: %s", len(rows[i]), unreachableMessage(r.opts.Retries+1, params.v3 != nil))
					}
					d.errorf(c.stage, "%s: %s", c.name, msg)
				}
			}
		}()
	}
	wg.Wait()
	for _, c := range fullPlan { // in plan order
		for k, names := range skipped {
			if k.stage == c.stage {
				d.errorf(k.stage, "%s not read: %s", strings.Join(names, ", "), k.cause)
				delete(skipped, k)
			}
		}
	}
	assemble(&sw, sys, d)
	r.event("done", w.rows.Load(), true, firstError(sw.Errors))
	return sw
}

// ctxReason says why a context ended.
func ctxReason(ctx context.Context) string {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return "deadline passed"
	}
	return "cancelled"
}

func firstError(errs []snapshot.Error) error {
	if len(errs) == 0 {
		return nil
	}
	return errs[0]
}

var errNoSuchScalar = errors.New("scalar refused")

// ErrNotSNMPResponse is wrapped by the error of an answer that is not an
// SNMP Response to what was asked: a UDP service that echoes every packet
// back, or anything else that is not an SNMP agent. Such an answer is never
// a switch.
var ErrNotSNMPResponse = errors.New("snmp: the answer is not an SNMP response")

// checkResponse refuses a packet gosnmp matched to our request by its id
// but that is not a Response PDU (an echo returns our own GetRequest).
func checkResponse(resp *gosnmp.SnmpPacket, err error) (*gosnmp.SnmpPacket, error) {
	if err != nil {
		return nil, err
	}
	if resp.PDUType != gosnmp.GetResponse {
		return nil, fmt.Errorf("%w: got a %v PDU where a Response belongs; is an SNMP agent listening there?", ErrNotSNMPResponse, resp.PDUType)
	}
	return resp, nil
}

// ownValues copies resp's octet strings out of gosnmp's receive buffer
// where gosnmp leaves them in it. Over TCP gosnmp v1.47 decodes the answer
// in place (receiveStream, unlike the UDP path, does not copy), so the
// octet strings of one answer are overwritten by the next one read on the
// session: a walk kept sysName bytes that were later a GetBulk's. Over UDP
// the bytes are already the answer's own, and copying them again would
// double the allocations of every walk.
func ownValues(g *gosnmp.GoSNMP, resp *gosnmp.SnmpPacket) {
	if resp == nil || g.Transport != TransportTCP {
		return
	}
	for i, v := range resp.Variables {
		if b, ok := v.Value.([]byte); ok {
			resp.Variables[i].Value = bytes.Clone(b)
		}
	}
}

// getScalars reads scalars with one Get; missing ones come back as
// noSuchObject and are left out.
func getScalars(g *gosnmp.GoSNMP, oids []string) (map[string]gosnmp.SnmpPDU, error) {
	resp, err := checkResponse(g.Get(oids))
	ownValues(g, resp)
	if err != nil {
		return nil, err
	}
	if resp.Error != gosnmp.NoError && len(oids) > 1 {
		// Some old agents answer noSuchName for the whole Get when one
		// object is missing: ask one by one, keeping what exists.
		out := map[string]gosnmp.SnmpPDU{}
		for _, oid := range oids {
			one, err := getScalars(g, []string{oid})
			if err != nil {
				if errors.Is(err, errNoSuchScalar) {
					continue
				}
				return nil, err
			}
			maps.Copy(out, one)
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("agent refused every object of the Get (%v)", resp.Error)
		}
		return out, nil
	}
	if resp.Error != gosnmp.NoError {
		return nil, fmt.Errorf("%w: agent answered %v to Get %s", errNoSuchScalar, resp.Error, oids[0])
	}
	out := make(map[string]gosnmp.SnmpPDU, len(resp.Variables))
	for _, v := range resp.Variables {
		switch v.Type {
		case gosnmp.NoSuchObject, gosnmp.NoSuchInstance, gosnmp.EndOfMibView, gosnmp.Null:
			continue
		}
		out[trimDot(v.Name)] = v
	}
	return out, nil
}

func trimDot(s string) string {
	if len(s) > 0 && s[0] == '.' {
		return s[1:]
	}
	return s
}
