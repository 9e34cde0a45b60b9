package snmp_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/snmpagent"
	"github.com/voxlan/voxlan/lab/snmprec"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

// TestDiscoverThroughPacketLoss reads a recording served by lab/snmpagent
// with 10% of requests lost (seeded, so the same ones every run): retries
// recover every loss and the switch comes out the same as without loss.
func TestDiscoverThroughPacketLoss(t *testing.T) {
	rec, err := snmprec.ParseFile(recordingsDir + "/procurve.snmprec")
	if err != nil {
		t.Fatal(err)
	}
	read := func(drop float64) (sw snmpSwitch) {
		g, err := snmpagent.Serve(context.Background(), snmpagent.Endpoint{Addr: "127.0.0.1:0", Recording: rec},
			snmpagent.Options{DropRate: drop, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close()
		got := snmp.DiscoverSwitch(context.Background(), snmp.Target{Address: g.Addrs()[0]}, snmp.Options{
			Credentials: snmp.Credentials{Community: "procurve"}, Timeout: 300 * time.Millisecond, Retries: 5})
		_, dropped := g.Stats()
		return snmpSwitch{got.Ports, got.VLANs, got.Errors, dropped}
	}
	clean := read(0)
	lossy := read(0.10)
	if len(clean.errors) != 0 || len(lossy.errors) != 0 {
		t.Fatalf("errors: clean %v, lossy %v", clean.errors, lossy.errors)
	}
	if lossy.dropped == 0 {
		t.Fatal("no request was dropped")
	}
	if !reflect.DeepEqual(clean.ports, lossy.ports) || !reflect.DeepEqual(clean.vlans, lossy.vlans) {
		t.Fatal("the switch read through loss differs from the one read without")
	}
	t.Logf("%d requests dropped, all recovered", lossy.dropped)
}

type snmpSwitch struct {
	ports   []snapshot.Port
	vlans   []snapshot.VLAN
	errors  []snapshot.Error
	dropped uint64
}
