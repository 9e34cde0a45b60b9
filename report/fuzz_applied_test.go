package report

import (
	"bytes"
	"errors"
	"os"
	"testing"
)

// FuzzDecodeApplied feeds DecodeApplied arbitrary bytes, seeded with the
// demo apply record (what voxlan apply -o json writes). A record it refuses
// must wrap ErrAppliedSchema; one it accepts must build into the demo
// report and render as Markdown and HTML without error or panic.
func FuzzDecodeApplied(f *testing.F) {
	seed, err := os.ReadFile("testdata/demo-applied.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"schema":"` + AppliedSchema + `","switches":[{"ports":[{}],"refused":[{}],"mismatches":[{}]}],"errors":[{}]}`))
	f.Add([]byte(`{"schema":"` + AppliedSchema + `","switches":null}`))
	f.Add([]byte(`{"schema":"voxlan.applied/v0"}`))
	in := demoFromFiles(f)
	c, err := LoadCatalog(English)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := DecodeApplied(data)
		if err != nil {
			if !errors.Is(err, ErrAppliedSchema) {
				t.Fatalf("DecodeApplied error %v does not wrap ErrAppliedSchema", err)
			}
			return
		}
		in := in
		in.Applied = a
		d, err := Build(in)
		if err != nil {
			t.Fatalf("Build with an accepted apply record: %v", err)
		}
		for _, format := range []Format{FormatMarkdown, FormatHTML} {
			var buf bytes.Buffer
			if err := Render(&buf, format, c, []*Document{d}, testOpts); err != nil {
				t.Fatalf("Render %s with an accepted apply record: %v", format, err)
			}
		}
	})
}
