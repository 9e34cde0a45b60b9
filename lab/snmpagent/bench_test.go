package snmpagent

import (
	"testing"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/lab/snmprec"
	"github.com/voxlan/voxlan/lab/snmprec/snmprectest"
)

// BenchmarkGetBulk measures one GetBulk answer (25 repetitions of ifDescr
// from the 3 MB recording): decode, 25 binary searches, encode.
func BenchmarkGetBulk(b *testing.B) {
	rec, err := snmprec.ParseFile(snmprectest.Path(b, "snmpsim-data_cisco_16_switch"))
	if err != nil {
		b.Fatal(err)
	}
	s := &server{table: newTable(rec), community: "c", opts: Options{MaxVarbinds: 64}}
	c := &gosnmp.GoSNMP{Community: "c", Version: gosnmp.Version2c}
	pkt, err := c.SnmpEncodePacket(gosnmp.GetBulkRequest, []gosnmp.SnmpPDU{{Name: ".1.3.6.1.2.1.2.2.1.2", Type: gosnmp.Null}}, 0, 25)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if s.respond(pkt) == nil {
			b.Fatal("no answer")
		}
	}
}
