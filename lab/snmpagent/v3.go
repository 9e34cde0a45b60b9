package snmpagent

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gosnmp/gosnmp"
)

// V3User is the one SNMPv3 USM user an endpoint accepts.
type V3User struct {
	Name string
	// AuthProto is MD5, SHA, SHA224, SHA256, SHA384 or SHA512; empty means
	// noAuthNoPriv.
	AuthProto, AuthPass string
	// PrivProto is DES, AES, AES192, AES256, AES192C or AES256C; empty
	// means no privacy.
	PrivProto, PrivPass string
}

// What gosnmp has and lacks for an agent: it decodes, authenticates and
// decrypts an incoming v3 message (GoSNMP.UnmarshalTrap, written for trap
// receivers) and encodes, encrypts and signs an outgoing one
// (SnmpPacket.MarshalMsg). The agent's own USM duties are written here:
// answering engine discovery with a usmStatsUnknownEngineIDs Report,
// picking the user, and reading the message header first to do both.
// Simplifications, compared with RFC 3414: there is no time-window check
// (engine boots is 1, time is seconds since start), and a request for an
// unknown user, with a bad digest or at the wrong security level is dropped
// instead of answered with a Report.

var usmStatsUnknownEngineIDs = ".1.3.6.1.6.3.15.1.1.4.0"

// usmEngine is an endpoint's SNMPv3 state.
type usmEngine struct {
	user     V3User
	engineID string
	level    gosnmp.SnmpV3MsgFlags
	// template holds the user's keys, localized to engineID once.
	template *gosnmp.UsmSecurityParameters
	started  time.Time
	unknown  atomic.Uint32
}

func newUSMEngine(u *V3User, index int) (*usmEngine, error) {
	if u == nil {
		return nil, nil
	}
	if u.Name == "" {
		return nil, errors.New("snmpagent: SNMPv3 user has no name")
	}
	auth, err := authProtocol(u.AuthProto)
	if err != nil {
		return nil, err
	}
	priv, err := privProtocol(u.PrivProto)
	if err != nil {
		return nil, err
	}
	if priv != gosnmp.NoPriv && auth == gosnmp.NoAuth {
		return nil, errors.New("snmpagent: SNMPv3 privacy needs authentication")
	}
	// An RFC 3411 engine ID: enterprise 8072 (net-snmp, as lab agents
	// commonly use), format 4 (text), unique per endpoint.
	engineID := string([]byte{0x80, 0x00, 0x1f, 0x88, 0x04}) + fmt.Sprintf("voxlan-lab-%d", index)
	e := &usmEngine{user: *u, engineID: engineID, started: time.Now(), level: gosnmp.NoAuthNoPriv}
	if auth != gosnmp.NoAuth {
		e.level = gosnmp.AuthNoPriv
	}
	if priv != gosnmp.NoPriv {
		e.level = gosnmp.AuthPriv
	}
	e.template = &gosnmp.UsmSecurityParameters{
		UserName: u.Name, AuthoritativeEngineID: engineID, AuthoritativeEngineBoots: 1,
		AuthenticationProtocol: auth, AuthenticationPassphrase: u.AuthPass,
		PrivacyProtocol: priv, PrivacyPassphrase: u.PrivPass,
	}
	if err := e.template.InitSecurityKeys(); err != nil {
		return nil, fmt.Errorf("snmpagent: SNMPv3 keys for %s: %w", u.Name, err)
	}
	return e, nil
}

func authProtocol(s string) (gosnmp.SnmpV3AuthProtocol, error) {
	switch strings.ToUpper(s) {
	case "":
		return gosnmp.NoAuth, nil
	case "MD5":
		return gosnmp.MD5, nil
	case "SHA":
		return gosnmp.SHA, nil
	case "SHA224":
		return gosnmp.SHA224, nil
	case "SHA256":
		return gosnmp.SHA256, nil
	case "SHA384":
		return gosnmp.SHA384, nil
	case "SHA512":
		return gosnmp.SHA512, nil
	}
	return 0, fmt.Errorf("snmpagent: unknown SNMPv3 auth protocol %q", s)
}

func privProtocol(s string) (gosnmp.SnmpV3PrivProtocol, error) {
	switch strings.ToUpper(s) {
	case "":
		return gosnmp.NoPriv, nil
	case "DES":
		return gosnmp.DES, nil
	case "AES":
		return gosnmp.AES, nil
	case "AES192":
		return gosnmp.AES192, nil
	case "AES256":
		return gosnmp.AES256, nil
	case "AES192C":
		return gosnmp.AES192C, nil
	case "AES256C":
		return gosnmp.AES256C, nil
	}
	return 0, fmt.Errorf("snmpagent: unknown SNMPv3 privacy protocol %q", s)
}

func (e *usmEngine) uptime() uint32 { return uint32(time.Since(e.started) / time.Second) }

// respondV3 answers one SNMPv3 message, or returns nil to stay silent.
func (s *server) respondV3(pkt []byte) []byte {
	e := s.usm
	if e == nil {
		return nil
	}
	h, ok := parseV3Header(pkt)
	if !ok || h.securityModel != int(gosnmp.UserSecurityModel) {
		return nil
	}
	if h.engineID != e.engineID {
		if h.flags&gosnmp.Reportable == 0 {
			return nil
		}
		return e.discoveryReport(pkt, h)
	}
	if h.user != e.user.Name || h.flags&gosnmp.AuthPriv != e.level {
		return nil
	}
	dec := gosnmp.GoSNMP{Version: gosnmp.Version3, SecurityModel: gosnmp.UserSecurityModel,
		MsgFlags: h.flags, SecurityParameters: e.template.Copy()}
	req, err := dec.UnmarshalTrap(pkt, false)
	if err != nil {
		return nil // bad digest, undecryptable or malformed
	}
	usm := e.template.Copy().(*gosnmp.UsmSecurityParameters)
	usm.AuthoritativeEngineTime = e.uptime()
	resp := &gosnmp.SnmpPacket{Version: gosnmp.Version3, MsgFlags: e.level, SecurityModel: gosnmp.UserSecurityModel,
		SecurityParameters: usm, ContextEngineID: e.engineID, ContextName: req.ContextName,
		MsgID: req.MsgID, MsgMaxSize: maxMessage, RequestID: req.RequestID, PDUType: gosnmp.GetResponse}
	if !s.dispatch(req, resp, false) {
		return nil
	}
	return s.marshal(req, resp, func() error {
		if e.level == gosnmp.AuthPriv {
			return usm.InitPacket(resp) // a fresh salt for each message
		}
		return nil
	})
}

// discoveryReport answers engine discovery (RFC 3414 4): a Report carrying
// the engine ID, boots and time, and the usmStatsUnknownEngineIDs counter.
func (e *usmEngine) discoveryReport(pkt []byte, h v3Header) []byte {
	var requestID uint32
	var contextName string
	if h.flags&gosnmp.AuthPriv == gosnmp.NoAuthNoPriv {
		dec := gosnmp.GoSNMP{Version: gosnmp.Version3, SecurityModel: gosnmp.UserSecurityModel,
			SecurityParameters: &gosnmp.UsmSecurityParameters{}}
		if req, err := dec.UnmarshalTrap(pkt, false); err == nil {
			requestID, contextName = req.RequestID, req.ContextName
		}
	}
	n := e.unknown.Add(1)
	report := &gosnmp.SnmpPacket{Version: gosnmp.Version3, MsgFlags: gosnmp.NoAuthNoPriv, SecurityModel: gosnmp.UserSecurityModel,
		SecurityParameters: &gosnmp.UsmSecurityParameters{AuthoritativeEngineID: e.engineID, AuthoritativeEngineBoots: 1,
			AuthoritativeEngineTime: e.uptime(), UserName: h.user},
		ContextEngineID: e.engineID, ContextName: contextName, MsgID: h.msgID, MsgMaxSize: maxMessage,
		RequestID: requestID, PDUType: gosnmp.Report,
		Variables: []gosnmp.SnmpPDU{{Name: usmStatsUnknownEngineIDs, Type: gosnmp.Counter32, Value: n}}}
	b, err := report.MarshalMsg()
	if err != nil {
		return nil
	}
	return b
}

// v3Header is what the agent reads of an SNMPv3 message before gosnmp
// decodes it: enough to answer discovery and pick the user.
type v3Header struct {
	msgID         uint32
	flags         gosnmp.SnmpV3MsgFlags
	securityModel int
	engineID      string
	user          string
}

// parseV3Header reads
//
//	SEQUENCE { version INTEGER,
//	  msgGlobalData SEQUENCE { msgID, msgMaxSize INTEGER, msgFlags OCTET STRING, msgSecurityModel INTEGER },
//	  msgSecurityParameters OCTET STRING (SEQUENCE { engineID OCTET STRING, boots, time INTEGER, userName OCTET STRING, ... }),
//	  ... }
func parseV3Header(pkt []byte) (h v3Header, ok bool) {
	r := berReader{b: pkt}
	msg, ok := r.enter(0x30)
	if !ok {
		return h, false
	}
	if v, ok := msg.int(); !ok || v != 3 {
		return h, false
	}
	global, ok := msg.enter(0x30)
	if !ok {
		return h, false
	}
	id, ok1 := global.int()
	_, ok2 := global.int()
	flags, ok3 := global.octets()
	model, ok4 := global.int()
	if !ok1 || !ok2 || !ok3 || !ok4 || len(flags) != 1 || id < 0 {
		return h, false
	}
	secOctets, ok := msg.octets()
	if !ok {
		return h, false
	}
	sec, ok := (&berReader{b: secOctets}).enter(0x30)
	if !ok {
		return h, false
	}
	engineID, ok1 := sec.octets()
	_, ok2 = sec.int()
	_, ok3 = sec.int()
	user, ok4 := sec.octets()
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return h, false
	}
	return v3Header{msgID: uint32(id), flags: gosnmp.SnmpV3MsgFlags(flags[0]), securityModel: int(model),
		engineID: string(engineID), user: string(user)}, true
}

// berReader reads definite-length BER TLVs, checking every length.
type berReader struct{ b []byte }

// next returns the next TLV's tag and contents.
func (r *berReader) next() (tag byte, val []byte, ok bool) {
	if len(r.b) < 2 {
		return 0, nil, false
	}
	tag, l := r.b[0], int(r.b[1])
	rest := r.b[2:]
	if l&0x80 != 0 {
		n := l & 0x7f
		if n == 0 || n > 3 || len(rest) < n {
			return 0, nil, false
		}
		l = 0
		for _, c := range rest[:n] {
			l = l<<8 | int(c)
		}
		rest = rest[n:]
	}
	if l > len(rest) {
		return 0, nil, false
	}
	r.b = rest[l:]
	return tag, rest[:l], true
}

func (r *berReader) enter(tag byte) (*berReader, bool) {
	t, v, ok := r.next()
	if !ok || t != tag {
		return nil, false
	}
	return &berReader{b: v}, true
}

func (r *berReader) int() (int64, bool) {
	t, v, ok := r.next()
	if !ok || t != 0x02 || len(v) == 0 || len(v) > 8 {
		return 0, false
	}
	n := int64(int8(v[0]))
	for _, c := range v[1:] {
		n = n<<8 | int64(c)
	}
	return n, true
}

func (r *berReader) octets() ([]byte, bool) {
	t, v, ok := r.next()
	if !ok || t != 0x04 {
		return nil, false
	}
	return v, true
}
