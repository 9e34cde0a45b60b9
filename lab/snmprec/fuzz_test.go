package snmprec_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/voxlan/voxlan/lab/snmprec"
)

// FuzzParse: any input either parses into sorted, unique records or fails
// with a ParseError; it never panics. Seeds are lines of real recordings.
func FuzzParse(f *testing.F) {
	data, err := os.ReadFile("testdata/excerpt.snmprec")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	for _, line := range bytes.Split(data, []byte{'\n'}) {
		f.Add(line)
	}
	f.Add([]byte("1.3.6|4e|\\x4"))
	f.Add([]byte("1.3.6|2:numeric|x\n1.3.6|4|a\n1.3.6|4|b"))
	f.Fuzz(func(t *testing.T, in []byte) {
		rec, err := snmprec.Parse("fuzz.snmprec", in)
		if err != nil {
			if _, ok := err.(*snmprec.ParseError); !ok {
				t.Fatalf("error %T is not a ParseError: %v", err, err)
			}
			return
		}
		for i := 1; i < len(rec.Records); i++ {
			if rec.Records[i-1].OID.Compare(rec.Records[i].OID) >= 0 {
				t.Fatalf("records %d and %d out of order: %s, %s", i-1, i, rec.Records[i-1].OID, rec.Records[i].OID)
			}
		}
		for _, r := range rec.Records {
			back, err := snmprec.ParseOID(r.OID.String())
			if err != nil || !back.Equal(r.OID) {
				t.Fatalf("OID %s does not round-trip: %v", r.OID, err)
			}
		}
	})
}
