package snmp

import (
	"testing"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/snapshot"
)

// FuzzVoiceVLANRows feeds one row of any voice VLAN module (index and
// INTEGER or OCTET STRING value) beside rows from the test recordings:
// never a panic, and a port's voice VLAN is always a valid VLAN id.
func FuzzVoiceVLANRows(f *testing.F) {
	seeds := []struct {
		root, idx string
		n         int64
		b         []byte
	}{
		{"1.3.6.1.4.1.25506.2.9", "2.0", 20, nil},
		{"1.3.6.1.4.1.25506.2.9", "3.0", 0, []byte{0x40}},
		{"1.3.6.1.4.1.11.2.14.11.15.2.9", "7.1.2.3", 1, nil},
		{"1.3.6.1.4.1.9.6.1.101.48.54", "12.5.1.2.2", 100, nil},
		{"1.3.6.1.4.1.11863.6.19", "1.2.1.1.4.49155", 1, nil},
		{"1.3.6.1.4.1.43.45.1.10.2.9", "2.0", -1, nil},
	}
	for _, s := range seeds {
		f.Add(s.root, s.idx, s.n, s.b)
	}
	f.Fuzz(func(t *testing.T, root, idx string, n int64, b []byte) {
		d := &data{cols: map[string][]varbind{}}
		base := map[string][]varbind{
			"1.3.6.1.4.1.25506.2.9":       {{"2.0", gosnmp.Integer, 20}, {"7.1.2.2", gosnmp.Integer, 1}},
			"1.3.6.1.4.1.9.6.1.101.48.54": {{"7.0", gosnmp.Integer, 3}, {"9.0", gosnmp.Integer, 100}, {"12.5.1.1.1", gosnmp.Integer, 1}},
			"1.3.6.1.4.1.11863.6.19":      {{"1.1.1.0", gosnmp.Integer, 1}, {"1.1.2.0", gosnmp.Integer, 200}},
		}
		for k, v := range base {
			d.cols[k] = v
		}
		vb := varbind{index: idx, typ: gosnmp.Integer, value: int(n)}
		if b != nil {
			vb = varbind{index: idx, typ: gosnmp.OctetString, value: b}
		}
		d.cols[root] = append(d.cols[root], vb)
		ports := newPortSet([]int{1, 2, 3, 49155})
		sw := &snapshot.Switch{}
		readVoiceVLANs(sw, d, ports, bridgePorts{1: 1, 2: 2, 3: 3})
		for _, p := range ports.sorted() {
			if p.VoiceVLAN != 0 && !validVLAN(int64(p.VoiceVLAN)) {
				t.Fatalf("port %d voice VLAN %d", p.IfIndex, p.VoiceVLAN)
			}
		}
		for _, v := range sw.VLANs {
			if !validVLAN(int64(v.ID)) {
				t.Fatalf("VLAN %d", v.ID)
			}
		}
	})
}

// FuzzParseRemIndexV2 checks lldpV2RemTable index parsing on any arcs.
func FuzzParseRemIndexV2(f *testing.F) {
	for _, s := range []string{"0.501.1.1", "0.503.1.2.1.4.198.18.0.1", "0.0.1.1", "1.2.3", "4294967295.4294967295.1.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, idx string) {
		a, ok := arcs(idx)
		if !ok {
			return
		}
		k, ok := parseRemIndexV2(a)
		if ok && (k.ifIndex < 1 || k.ifIndex > maxIndex || len(a) != 4) {
			t.Fatalf("parseRemIndexV2(%q) = %+v", idx, k)
		}
	})
}
