package snmpagent

import (
	"bytes"
	"testing"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/lab/snmprec"
)

// FuzzRespond: any datagram gets either no answer or one that gosnmp
// decodes as a response; it never panics (the recover in respond is not
// counted on: the fuzzer reports it as a failure below).
func FuzzRespond(f *testing.F) {
	rec, err := snmprec.Parse("f", []byte("1.3.6.1.2.1.1.1.0|4|x\n1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.9\n1.3.6.1.2.1.31.1.1.1.6.1|70|5\n"))
	if err != nil {
		f.Fatal(err)
	}
	usm, err := newUSMEngine(&V3User{Name: "u", AuthProto: "SHA", AuthPass: "authpass", PrivProto: "AES", PrivPass: "privpass"}, 0)
	if err != nil {
		f.Fatal(err)
	}
	s := &server{table: newTable(rec), community: "c", opts: Options{MaxVarbinds: 64}, usm: usm}
	for _, sp := range []*gosnmp.UsmSecurityParameters{
		{}, // engine discovery
		{UserName: "u", AuthoritativeEngineID: usm.engineID, AuthoritativeEngineBoots: 1,
			AuthenticationProtocol: gosnmp.SHA, AuthenticationPassphrase: "authpass", PrivacyProtocol: gosnmp.AES, PrivacyPassphrase: "privpass"},
	} {
		flags := gosnmp.Reportable
		if sp.UserName != "" {
			flags |= gosnmp.AuthPriv
		}
		c := &gosnmp.GoSNMP{Version: gosnmp.Version3, SecurityModel: gosnmp.UserSecurityModel, MsgFlags: flags, SecurityParameters: sp}
		var vbs []gosnmp.SnmpPDU
		if sp.UserName != "" {
			vbs = []gosnmp.SnmpPDU{{Name: ".1.3.6.1.2.1.1", Type: gosnmp.Null}}
		}
		var pkt []byte
		if sp.UserName == "" {
			// SnmpEncodePacket refuses a user-less packet; a probe is one.
			probe := &gosnmp.SnmpPacket{Version: gosnmp.Version3, MsgFlags: flags, SecurityModel: gosnmp.UserSecurityModel,
				SecurityParameters: sp, PDUType: gosnmp.GetRequest, MsgID: 7, RequestID: 9, MsgMaxSize: 65507}
			pkt, err = probe.MarshalMsg()
		} else {
			if err := sp.InitSecurityKeys(); err != nil {
				f.Fatal(err)
			}
			pkt, err = c.SnmpEncodePacket(gosnmp.GetBulkRequest, vbs, 0, 5)
		}
		if err != nil {
			f.Fatal(err)
		}
		if s.respond(pkt) == nil {
			f.Fatalf("seed v3 request (user %q) got no answer", sp.UserName)
		}
		f.Add(pkt)
	}
	for _, v := range []gosnmp.SnmpVersion{gosnmp.Version1, gosnmp.Version2c} {
		c := &gosnmp.GoSNMP{Community: "c", Version: v}
		for _, typ := range []gosnmp.PDUType{gosnmp.GetRequest, gosnmp.GetNextRequest, gosnmp.GetBulkRequest, gosnmp.SetRequest} {
			pkt, err := c.SnmpEncodePacket(typ, []gosnmp.SnmpPDU{{Name: ".1.3.6.1.2.1.1", Type: gosnmp.Null}, {Name: ".1.3", Type: gosnmp.Null}}, 1, 30)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(pkt)
		}
	}
	f.Fuzz(func(t *testing.T, pkt []byte) {
		out := s.respondNoRecover(pkt)
		if out == nil {
			return
		}
		if v, _ := peekVersion(out); v == gosnmp.Version3 {
			// Encrypted or a Report: check the header is ours.
			if h, ok := parseV3Header(out); !ok || h.engineID != usm.engineID {
				t.Fatalf("v3 answer header %+v unreadable or not from this engine", h)
			}
			return
		}
		dec := gosnmp.GoSNMP{}
		resp, err := dec.SnmpDecodePacket(out)
		if err != nil || resp.PDUType != gosnmp.GetResponse {
			t.Fatalf("answer does not decode as a response: %v", err)
		}
	})
}

// FuzzReadMessage: whatever a TCP peer sends, readMessage never panics,
// and a message it returns is one whole BER SEQUENCE whose length header
// matches its size, read from the front of the stream.
func FuzzReadMessage(f *testing.F) {
	valid := []byte{0x30, 0x82, 0x00, 0x03, 0x02, 0x01, 0x01, 0x30, 0x00}
	for i := range len(valid) + 1 {
		f.Add(valid[:i]) // seeds at every length, cut mid-header and mid-body
	}
	f.Add([]byte{0x30, 0x81, 0x05, 1, 2, 3, 4, 5})
	f.Add([]byte{0x30, 0x80})
	f.Add([]byte{0x30, 0x83, 0xff, 0xff, 0xff})
	f.Add([]byte{0x04, 0x01, 0x00})
	f.Fuzz(func(t *testing.T, in []byte) {
		buf := make([]byte, 300) // small, so that the size bound is reached
		msg, err := readMessage(bytes.NewReader(in), buf)
		if err != nil {
			return
		}
		if len(msg) < 2 || msg[0] != 0x30 || !bytes.HasPrefix(in, msg) {
			t.Fatalf("message % x is not the front of the stream % x", msg, in)
		}
		header, length := 2, int(msg[1])
		if length&0x80 != 0 {
			n := length & 0x7f
			header += n
			length = 0
			for _, b := range msg[2 : 2+n] {
				length = length<<8 | int(b)
			}
		}
		if header+length != len(msg) {
			t.Fatalf("message % x: header says %d bytes of content, has %d", msg, length, len(msg)-header)
		}
	})
}
