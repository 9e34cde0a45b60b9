package probe

import (
	"bytes"
	"flag"
	"os"
	"testing"

	fieldprobe "github.com/voxlan/voxlan/probe"
	"github.com/voxlan/voxlan/snapshot"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testdata/rogue-pbx.json is `voxlan probe --full -o json` from the lab:
// lldpd announcing voice VLAN 20, dnsmasq serving both plans and DNS, a
// PBX's dnsmasq also answering on the data VLAN, a name that does not exist
// and a closed port. The table of it is pinned in rogue-pbx.table, and the
// JSON must come back byte for byte through the snapshot codec.
func TestTableGolden(t *testing.T) {
	in, err := os.ReadFile("testdata/rogue-pbx.json")
	if err != nil {
		t.Fatal(err)
	}
	snap, err := snapshot.Decode(bytes.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := snapshot.Encode(&again, snap); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), in) {
		t.Errorf("snapshot JSON does not round-trip:\n%s", again.String())
	}
	var got bytes.Buffer
	if err := writeTable(&got, &fieldprobe.Result{Here: snap.Here, Probe: snap.Probe}, "wte"); err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/rogue-pbx.table"
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("table differs from %s (go test -update to rewrite, then review):\ngot\n%s", golden, got.String())
	}
}
