package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/apply"
)

// FuzzDecodeApplied feeds apply.DecodeRecord arbitrary bytes, seeded with the
// demo apply record (what voxlan apply -o json writes) and a copy of it
// whose every text a switch or a user could write holds markup. A record
// it refuses must wrap apply.ErrNotRecord; one it accepts must build into the
// demo report and render as Markdown and HTML without error or panic, and
// the HTML never carries a script element.
func FuzzDecodeApplied(f *testing.F) {
	seed, err := os.ReadFile("testdata/demo-applied.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add(hostileApplied(f, seed))
	f.Add([]byte(`{"schema":"` + apply.RecordSchema + `","reports":[{"ports":[{}],"refused":[{}],"mismatches":[{}]}],"errors":[{}]}`))
	f.Add([]byte(`{"schema":"` + apply.RecordSchema + `","reports":null}`))
	f.Add([]byte(`{"schema":"voxlan.applied/v0"}`))
	in := demoFromFiles(f)
	c, err := LoadCatalog(English)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := apply.DecodeRecord(data)
		if err != nil {
			if !errors.Is(err, apply.ErrNotRecord) {
				t.Fatalf("DecodeRecord error %v does not wrap ErrNotRecord", err)
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
			if format == FormatHTML && bytes.Contains(bytes.ToLower(buf.Bytes()), []byte("<script")) {
				t.Fatalf("the HTML report carries a script element from the apply record")
			}
		}
	})
}

// hostileApplied is the demo record with markup in every text field the
// report shows.
func hostileApplied(f *testing.F, seed []byte) []byte {
	a, err := apply.DecodeRecord(seed)
	if err != nil || len(a.Reports) == 0 {
		f.Fatalf("demo apply record: %v", err)
	}
	const x = `<script>alert(1)</script>`
	for _, sw := range a.Reports {
		sw.Failure, sw.Backup = x, "/tmp/"+x
		for j := range sw.Sent {
			sw.Sent[j].Line, sw.Sent[j].Error = x, x
		}
		for j := range sw.Ports {
			sw.Ports[j].State = x
		}
		sw.Refused = append(sw.Refused, apply.Refusal{Port: x, Reason: x})
		sw.Mismatches = append(sw.Mismatches, drivers.Mismatch{Object: x, Field: x, Want: x, Got: x})
	}
	a.Errors = append(a.Errors, apply.SwitchError{Switch: x, Error: x})
	data, err := json.Marshal(a)
	if err != nil {
		f.Fatal(err)
	}
	return data
}
