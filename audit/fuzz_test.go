package audit

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode: Decode returns a result or an error, never panics, and what it
// accepts encodes and decodes to the same result.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("testdata/golden/*.json")
	for _, name := range files[:min(3, len(files))] {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"schema":"voxlan.audit/v1","findings":null,"ports":[{"evidence":[{"key":"k"}]}]}`))
	f.Add([]byte(`{"schema":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeBytes(data)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Encode(&buf, r); err != nil {
			t.Fatal(err)
		}
		again, err := DecodeBytes(buf.Bytes())
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		var buf2 bytes.Buffer
		if err := Encode(&buf2, again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
			t.Fatal("encode(decode(encode(x))) differs from encode(x)")
		}
	})
}
