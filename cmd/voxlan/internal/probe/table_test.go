package probe

import (
	"bytes"
	"os"
	"testing"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	fieldprobe "github.com/voxlan/voxlan/probe"
	"github.com/voxlan/voxlan/snapshot"
)

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
	cmdtest.Golden(t, "testdata/rogue-pbx.table", got.Bytes())
}
