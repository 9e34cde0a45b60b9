package snmpagent

import (
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
	s := &server{table: newTable(rec), community: "c", opts: Options{MaxVarbinds: 64}}
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
		dec := gosnmp.GoSNMP{}
		resp, err := dec.SnmpDecodePacket(out)
		if err != nil || resp.PDUType != gosnmp.GetResponse {
			t.Fatalf("answer does not decode as a response: %v", err)
		}
	})
}
