package snapshot

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode feeds Decode arbitrary bytes, seeded with real snapshots (a
// demo site from discovery, and a Here/probe capture). Decode must never
// panic, and whatever it accepts must survive Encode: re-decoding the
// encoded form gives the same encoding again.
func FuzzDecode(f *testing.F) {
	files, err := filepath.Glob("testdata/*.json")
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed snapshots in testdata (%v)", err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"schema":"voxlan.snapshot/v1","switches":null,"here":{"neighbors":[{"med":{}}]}}`))
	f.Add([]byte(`{"schema":"voxlan.snapshot/v1","switches":[{"ports":[{"neighbors":[{}]}]}]}`))
	f.Add([]byte(`{"schema":"voxlan.snapshot/v2"}`))
	f.Add([]byte(`{"schema":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Decode(bytes.NewReader(data))
		if err != nil {
			if s != nil {
				t.Fatalf("Decode returned a snapshot with error %v", err)
			}
			return
		}
		var first bytes.Buffer
		if err := Encode(&first, s); err != nil {
			t.Fatalf("Encode of a decoded snapshot: %v", err)
		}
		again, err := Decode(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("Decode of Encode's output: %v\n%s", err, first.Bytes())
		}
		var second bytes.Buffer
		if err := Encode(&second, again); err != nil {
			t.Fatalf("second Encode: %v", err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("encoding is not stable across a round trip:\nfirst:\n%s\nsecond:\n%s", first.Bytes(), second.Bytes())
		}
	})
}
