package snmp

import (
	"context"
	"errors"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/gosnmp/gosnmp"
)

// misbehavingAgent answers every request on loopback with what answer
// makes of it. It stands for agent bugs no real agent here reproduces on
// demand (snmpsim always answers correctly).
func misbehavingAgent(t *testing.T, answer func(req *gosnmp.SnmpPacket) []gosnmp.SnmpPDU) string {
	t.Helper()
	return misbehavingAgentStatus(t, func(req *gosnmp.SnmpPacket) ([]gosnmp.SnmpPDU, gosnmp.SNMPError) {
		return answer(req), gosnmp.NoError
	})
}

// misbehavingAgentStatus is misbehavingAgent whose answers also carry an
// error status; a nil varbind list with NoError means no answer at all.
func misbehavingAgentStatus(t *testing.T, answer func(req *gosnmp.SnmpPacket) ([]gosnmp.SnmpPDU, gosnmp.SNMPError)) string {
	t.Helper()
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		decoder := &gosnmp.GoSNMP{Version: gosnmp.Version2c}
		buf := make([]byte, 65535)
		for {
			n, from, err := c.ReadFromUDP(buf)
			if err != nil {
				return
			}
			req, err := decoder.SnmpDecodePacket(append([]byte(nil), buf[:n]...))
			if err != nil {
				continue
			}
			vars, status := answer(req)
			if vars == nil && status == gosnmp.NoError {
				continue // no answer at all
			}
			if vars == nil {
				vars = req.Variables // error answers echo the request
			}
			resp := &gosnmp.SnmpPacket{Version: gosnmp.Version2c, Community: req.Community,
				PDUType: gosnmp.GetResponse, RequestID: req.RequestID, Variables: vars, Error: status, ErrorIndex: 1}
			out, err := resp.MarshalMsg()
			if err != nil {
				t.Errorf("marshal: %v", err)
				continue
			}
			c.WriteToUDP(out, from)
		}
	}()
	t.Cleanup(func() {
		c.Close()
		wg.Wait()
	})
	return c.LocalAddr().String()
}

func dialTest(t *testing.T, addr string) *gosnmp.GoSNMP {
	t.Helper()
	host, port, err := splitAddress(addr)
	if err != nil {
		t.Fatal(err)
	}
	g, hangUp, err := dial(context.Background(), TransportUDP, host, port, sessionParams{version: gosnmp.Version2c, community: "public"}, time.Second, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(hangUp)
	return g
}

func TestWalkStopsOnNonIncreasingOID(t *testing.T) {
	// The agent answers the OID it was asked about: a walk would loop.
	addr := misbehavingAgent(t, func(req *gosnmp.SnmpPacket) []gosnmp.SnmpPDU {
		name := req.Variables[0].Name
		if name == ".1.3.6.1.2.1.2.2.1.2" {
			name += ".1"
		}
		return []gosnmp.SnmpPDU{{Name: name, Type: gosnmp.OctetString, Value: []byte("again")}}
	})
	w := &walker{maxReps: 10, maxRows: 1000}
	rows, err := w.walk(context.Background(), dialTest(t, addr), "1.3.6.1.2.1.2.2.1.2")
	if !errors.Is(err, errNotIncreasing) || len(rows) != 1 {
		t.Fatalf("got %d rows, %v; want the first row and errNotIncreasing", len(rows), err)
	}
}

func TestWalkBoundsRows(t *testing.T) {
	// An endless table: every answer is one past the OID asked.
	addr := misbehavingAgent(t, func(req *gosnmp.SnmpPacket) []gosnmp.SnmpPDU {
		var out []gosnmp.SnmpPDU
		for _, v := range req.Variables {
			out = append(out, gosnmp.SnmpPDU{Name: v.Name + ".1", Type: gosnmp.Integer, Value: 1})
		}
		return out
	})
	w := &walker{maxReps: 10, maxRows: 50}
	rows, err := w.walk(context.Background(), dialTest(t, addr), "1.3.6.1.4.1.99999")
	if !errors.Is(err, errTooManyRows) || len(rows) != 50 {
		t.Fatalf("got %d rows, %v; want 50 rows and errTooManyRows", len(rows), err)
	}
}

func TestWalkBoundsRowsPerSwitch(t *testing.T) {
	addr := misbehavingAgent(t, func(req *gosnmp.SnmpPacket) []gosnmp.SnmpPDU {
		var out []gosnmp.SnmpPDU
		for _, v := range req.Variables {
			out = append(out, gosnmp.SnmpPDU{Name: v.Name + ".1", Type: gosnmp.Integer, Value: 1})
		}
		return out
	})
	w := &walker{maxReps: 10, maxRows: 1000, maxTotal: 60}
	g := dialTest(t, addr)
	rows, errs := w.walkColumns(context.Background(), g, []string{"1.3.6.1.4.1.99999.1", "1.3.6.1.4.1.99999.2"})
	if len(rows[0])+len(rows[1]) > 60+2 || !errors.Is(errs[0], errTooManyRows) || !errors.Is(errs[1], errTooManyRows) {
		t.Fatalf("got %d+%d rows, %v", len(rows[0]), len(rows[1]), errs)
	}
}

func TestWalkFallsBackWhenBulkAnswersNothing(t *testing.T) {
	// GetBulk answered with no varbinds (an agent that mishandles it),
	// GetNext answered properly: the walk completes on GetNext.
	table := []string{".1.3.6.1.2.1.2.2.1.2.1", ".1.3.6.1.2.1.2.2.1.2.2", ".1.3.6.1.2.1.2.2.1.3.1"}
	addr := misbehavingAgent(t, func(req *gosnmp.SnmpPacket) []gosnmp.SnmpPDU {
		if req.PDUType == gosnmp.GetBulkRequest {
			return []gosnmp.SnmpPDU{}
		}
		asked, _ := parseOID(req.Variables[0].Name)
		for _, name := range table {
			oid, _ := parseOID(name)
			if compareOID(oid, asked) > 0 {
				return []gosnmp.SnmpPDU{{Name: name, Type: gosnmp.OctetString, Value: []byte("x")}}
			}
		}
		return []gosnmp.SnmpPDU{{Name: req.Variables[0].Name, Type: gosnmp.EndOfMibView}}
	})
	w := &walker{maxReps: 10, maxRows: 1000}
	rows, err := w.walk(context.Background(), dialTest(t, addr), "1.3.6.1.2.1.2.2.1.2")
	if err != nil || len(rows) != 2 || !w.noBulk.Load() {
		t.Fatalf("got %d rows, %v, noBulk %v; want 2 rows on GetNext", len(rows), err, w.noBulk.Load())
	}
}

func TestWalkTimeout(t *testing.T) {
	addr := misbehavingAgent(t, func(*gosnmp.SnmpPacket) []gosnmp.SnmpPDU { return nil })
	w := &walker{maxReps: 10, maxRows: 1000}
	start := time.Now()
	_, err := w.walk(context.Background(), dialTest(t, addr), "1.3.6.1.2.1.2.2.1.2")
	if !isTimeout(err) {
		t.Fatalf("err = %v, want a timeout", err)
	}
	// One GetBulk and one GetNext try, 1 s each.
	if d := time.Since(start); d > 6*time.Second {
		t.Fatalf("took %s", d)
	}
}

func TestWalkSkipsAfterSilence(t *testing.T) {
	addr := misbehavingAgent(t, func(*gosnmp.SnmpPacket) []gosnmp.SnmpPDU { return nil })
	w := &walker{maxReps: 10, maxRows: 1000}
	g := dialTest(t, addr)
	if _, err := w.walk(context.Background(), g, "1.3.6.1.2.1.2.2.1.2"); !isTimeout(err) {
		t.Fatalf("first walk: %v, want a timeout", err)
	}
	start := time.Now()
	_, err := w.walk(context.Background(), g, "1.3.6.1.2.1.2.2.1.3")
	if !errors.Is(err, errSilent) || time.Since(start) > 100*time.Millisecond {
		t.Fatalf("second walk: %v after %s, want errSilent at once", err, time.Since(start))
	}
}

// TestSwitchThatStopsAnswering: an agent answers the system group, then
// nothing. The switch keeps its system data, the walks end quickly, and
// the errors say which parts are missing, one per stage at most.
func TestSwitchThatStopsAnswering(t *testing.T) {
	addr := misbehavingAgent(t, func(req *gosnmp.SnmpPacket) []gosnmp.SnmpPDU {
		if req.PDUType != gosnmp.GetRequest {
			return nil
		}
		var out []gosnmp.SnmpPDU
		for _, v := range req.Variables {
			switch trimDot(v.Name) {
			case oidSysName:
				out = append(out, gosnmp.SnmpPDU{Name: v.Name, Type: gosnmp.OctetString, Value: []byte("half-dead")})
			default:
				out = append(out, gosnmp.SnmpPDU{Name: v.Name, Type: gosnmp.NoSuchObject})
			}
		}
		return out
	})
	start := time.Now()
	sw := DiscoverSwitch(context.Background(), Target{Address: addr}, Options{Timeout: time.Second})
	took := time.Since(start)
	if sw.SysName != "half-dead" || NotRead(sw) {
		t.Fatalf("got %+v, want the system group kept", sw)
	}
	if took > 8*time.Second {
		t.Fatalf("took %s", took)
	}
	stages := map[string]int{}
	for _, e := range sw.Errors {
		stages[e.Stage]++
	}
	if len(stages) < 8 || len(sw.Errors) > 60 {
		t.Fatalf("%d errors over stages %v", len(sw.Errors), stages)
	}
}

// TestOldAgentRefusingWholeGet: an agent that answers noSuchName to a Get
// naming one missing object (SNMPv1 habits) still gets its system group
// read, object by object.
func TestOldAgentRefusingWholeGet(t *testing.T) {
	addr := misbehavingAgentStatus(t, func(req *gosnmp.SnmpPacket) ([]gosnmp.SnmpPDU, gosnmp.SNMPError) {
		if req.PDUType != gosnmp.GetRequest {
			return []gosnmp.SnmpPDU{{Name: req.Variables[0].Name, Type: gosnmp.EndOfMibView}}, gosnmp.NoError
		}
		if len(req.Variables) > 1 || trimDot(req.Variables[0].Name) != oidSysName {
			return nil, gosnmp.NoSuchName
		}
		return []gosnmp.SnmpPDU{{Name: req.Variables[0].Name, Type: gosnmp.OctetString, Value: []byte("old-agent")}}, gosnmp.NoError
	})
	sw := DiscoverSwitch(context.Background(), Target{Address: addr}, Options{Timeout: time.Second})
	if sw.SysName != "old-agent" || NotRead(sw) {
		t.Fatalf("got %+v", sw)
	}
}
