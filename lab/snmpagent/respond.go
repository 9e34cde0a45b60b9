package snmpagent

import (
	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/lab/snmprec"
)

// maxMessage is the largest answer sent: the UDP payload limit less some
// margin. A GetBulk answer above it is trimmed; a Get answer gets tooBig.
const maxMessage = 65000

// respond decodes one datagram and returns the encoded answer, or nil when
// a real agent would stay silent: undecodable packet, wrong community,
// SNMPv3, GetBulk over SNMPv1, or a PDU that is not a request.
func (s *server) respond(pkt []byte) (out []byte) {
	// gosnmp's decoder was written for a client reading answers; an agent
	// reads whatever arrives, so a panic on a hostile datagram is turned
	// into silence rather than a dead lab. FuzzRespond checks that none
	// happens.
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	return s.respondNoRecover(pkt)
}

func (s *server) respondNoRecover(pkt []byte) []byte {
	version, ok := peekVersion(pkt)
	if !ok {
		return nil
	}
	if version == gosnmp.Version3 {
		return s.respondV3(pkt)
	}
	if version != gosnmp.Version1 && version != gosnmp.Version2c {
		return nil
	}
	dec := gosnmp.GoSNMP{Version: version}
	req, err := dec.SnmpDecodePacket(pkt)
	if err != nil || req.Community != s.community {
		return nil
	}
	resp := &gosnmp.SnmpPacket{Version: version, Community: req.Community, PDUType: gosnmp.GetResponse, RequestID: req.RequestID}
	if !s.dispatch(req, resp, version == gosnmp.Version1) {
		return nil
	}
	return s.marshal(req, resp, nil)
}

// dispatch fills resp for an accepted request; false means no answer
// (not a request PDU, or GetBulk over SNMPv1).
func (s *server) dispatch(req, resp *gosnmp.SnmpPacket, v1 bool) bool {
	if s.opts.OnRequest != nil {
		r := Request{Endpoint: s.index, PDUType: req.PDUType, OIDs: make([]string, len(req.Variables)),
			NonRepeaters: int(req.NonRepeaters), MaxRepetitions: int(req.MaxRepetitions)}
		for i, vb := range req.Variables {
			r.OIDs[i] = vb.Name
		}
		s.opts.OnRequest(r)
	}
	switch req.PDUType {
	case gosnmp.GetRequest:
		s.get(req, resp, v1)
	case gosnmp.GetNextRequest:
		s.getNext(req, resp, v1)
	case gosnmp.GetBulkRequest:
		if v1 {
			return false
		}
		s.getBulk(req, resp)
	case gosnmp.SetRequest:
		// The recordings are read-only, like snmpsim without a writecache.
		resp.Variables = req.Variables
		resp.Error, resp.ErrorIndex = gosnmp.NotWritable, 1
		if v1 {
			resp.Error = gosnmp.NoSuchName
		}
	default:
		return false
	}
	return true
}

// marshal encodes resp, trimming a GetBulk answer (or answering tooBig)
// when it would not fit in a datagram. prepare, when set, runs before each
// encoding (a fresh v3 privacy salt).
func (s *server) marshal(req, resp *gosnmp.SnmpPacket, prepare func() error) []byte {
	enc := func() ([]byte, error) {
		if prepare != nil {
			if err := prepare(); err != nil {
				return nil, err
			}
		}
		return resp.MarshalMsg()
	}
	b, err := enc()
	for err == nil && len(b) > maxMessage && req.PDUType == gosnmp.GetBulkRequest && len(resp.Variables) > 1 {
		resp.Variables = resp.Variables[:len(resp.Variables)/2]
		b, err = enc()
	}
	if err == nil && len(b) > maxMessage {
		resp.Variables, resp.Error, resp.ErrorIndex = req.Variables, gosnmp.TooBig, 0
		b, err = enc()
	}
	if err != nil {
		return nil
	}
	return b
}

// peekVersion reads the version field of an SNMP message: SEQUENCE, then
// INTEGER. gosnmp's decoder needs to know it beforehand for SNMPv3.
func peekVersion(pkt []byte) (gosnmp.SnmpVersion, bool) {
	if len(pkt) < 2 || pkt[0] != 0x30 {
		return 0, false
	}
	i := 2
	if pkt[1]&0x80 != 0 {
		i += int(pkt[1] & 0x7f)
	}
	if i+3 > len(pkt) || pkt[i] != 0x02 || pkt[i+1] != 1 {
		return 0, false
	}
	return gosnmp.SnmpVersion(pkt[i+2]), true
}

func (s *server) get(req, resp *gosnmp.SnmpPacket, v1 bool) {
	resp.Variables = make([]gosnmp.SnmpPDU, len(req.Variables))
	for i, vb := range req.Variables {
		oid, ok := parseRequestOID(vb.Name)
		var p gosnmp.SnmpPDU
		if ok {
			p = s.get1(vb.Name, oid)
		} else {
			p = gosnmp.SnmpPDU{Name: vb.Name, Type: gosnmp.NoSuchInstance}
		}
		if v1 && (isException(p.Type) || p.Type == gosnmp.Counter64) {
			v1Error(req, resp, i)
			return
		}
		resp.Variables[i] = p
	}
}

func (s *server) getNext(req, resp *gosnmp.SnmpPacket, v1 bool) {
	resp.Variables = make([]gosnmp.SnmpPDU, len(req.Variables))
	for i, vb := range req.Variables {
		p := s.nextOf(vb.Name, v1)
		// A recorded exception value cannot travel in SNMPv1 either:
		// snmpsim ends the walk there with noSuchName, and so does this.
		if v1 && isException(p.Type) {
			v1Error(req, resp, i)
			return
		}
		resp.Variables[i] = p
	}
}

// v1Error answers the whole request with noSuchName at varbind i, echoing
// the request's varbinds as RFC 1157 asks.
func v1Error(req, resp *gosnmp.SnmpPacket, i int) {
	resp.Variables = req.Variables
	resp.Error = gosnmp.NoSuchName
	resp.ErrorIndex = uint8(min(i+1, 255))
}

// nextOf is GetNext for one OID: the following record or endOfMibView.
func (s *server) nextOf(name string, v1 bool) gosnmp.SnmpPDU {
	oid, ok := parseRequestOID(name)
	if !ok {
		return gosnmp.SnmpPDU{Name: name, Type: gosnmp.EndOfMibView}
	}
	i := s.table.next(oid, v1)
	if s.overlay != nil {
		// The next record is the smaller of the recording's and the
		// overlay's; on a tie the overlay's replaces the recording's.
		if j := s.overlay.next(oid, v1); j < len(s.overlay.pdus) {
			if i == len(s.table.pdus) || s.overlay.rec.Records[j].OID.Compare(s.table.rec.Records[i].OID) <= 0 {
				return s.overlay.pdus[j]
			}
		}
	}
	if i < len(s.table.pdus) {
		return s.table.pdus[i]
	}
	return gosnmp.SnmpPDU{Name: name, Type: gosnmp.EndOfMibView}
}

// get1 is Get for one OID, the endpoint's overrides first.
func (s *server) get1(name string, oid snmprec.OID) gosnmp.SnmpPDU {
	if s.overlay != nil {
		if i := s.overlay.rec.Search(oid); i < len(s.overlay.pdus) && s.overlay.rec.Records[i].OID.Equal(oid) {
			return s.overlay.pdus[i]
		}
	}
	return s.table.get(name, oid)
}

// getBulk follows RFC 3416 4.2.3: the first N varbinds get one GetNext
// each, the other R get M successors each, interleaved. Like snmpsim
// (pysnmp), M is capped at MaxVarbinds/R and a repeater that reached the end
// keeps answering endOfMibView until the M repetitions are done; net-snmp
// prints each of them, so stopping early would change what a walk shows.
func (s *server) getBulk(req, resp *gosnmp.SnmpPacket) {
	n := min(int(req.NonRepeaters), len(req.Variables))
	r := len(req.Variables) - n
	m := int(req.MaxRepetitions)
	if r > 0 {
		m = min(m, s.opts.MaxVarbinds/r)
	}
	out := make([]gosnmp.SnmpPDU, 0, n+r*m)
	for _, vb := range req.Variables[:n] {
		out = append(out, s.nextOf(vb.Name, false))
	}
	last := make([]string, r)
	for j, vb := range req.Variables[n:] {
		last[j] = vb.Name
	}
	for range m {
		for j := range last {
			p := s.nextOf(last[j], false)
			out = append(out, p)
			last[j] = p.Name
		}
	}
	resp.Variables = out
}

func isException(t gosnmp.Asn1BER) bool {
	return t == gosnmp.NoSuchObject || t == gosnmp.NoSuchInstance || t == gosnmp.EndOfMibView
}

// parseRequestOID reads an OID as gosnmp decodes it (".1.3.6..."). Unlike
// snmprec.ParseOID it accepts any length: a manager may ask for ".1".
func parseRequestOID(name string) (snmprec.OID, bool) {
	oid := make(snmprec.OID, 0, 16)
	var n uint64
	digits := 0
	start := 0
	if len(name) > 0 && name[0] == '.' {
		start = 1
	}
	for i := start; i <= len(name); i++ {
		if i == len(name) || name[i] == '.' {
			if digits == 0 {
				if i == len(name) && len(oid) == 0 {
					return oid, true // the empty OID sorts before everything
				}
				return nil, false
			}
			oid = append(oid, uint32(n))
			n, digits = 0, 0
			continue
		}
		c := name[i]
		if c < '0' || c > '9' {
			return nil, false
		}
		n = n*10 + uint64(c-'0')
		digits++
		if n > 1<<32-1 {
			return nil, false
		}
	}
	return oid, true
}
