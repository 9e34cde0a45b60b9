package snmprec_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/lab/snmprec"
	"github.com/voxlan/voxlan/lab/snmprec/snmprectest"
)

func TestParseTypes(t *testing.T) {
	in := strings.Join([]string{
		"# comment",
		"",
		"1.3.6.1.2.1.1.1.0|4|Cisco IOS  ",
		"1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.9.1.516",
		"1.3.6.1.2.1.1.3.0|67|697202257",
		"1.3.6.1.2.1.2.2.1.3.1|2|-6",
		"1.3.6.1.2.1.2.2.1.6.1|4x|0011Aa22bB33",
		"1.3.6.1.2.1.4.20.1.1.10.0.0.1|64|10.0.0.1",
		"1.3.6.1.2.1.4.20.1.1.10.0.0.2|64x|0a000002",
		"1.3.6.1.2.1.2.2.1.10.1|65|4294967295",
		"1.3.6.1.2.1.2.2.1.5.1|66|1000000000",
		"1.3.6.1.2.1.31.1.1.1.6.1|70|18446744073709551615",
		"1.3.6.1.2.1.5.0|5|",
		"1.3.6.1.2.1.6.0|68x|9f780441200000",
		"1.3.6.1.2.1.7.0|4e|a\\nb\\x00\\\\",
		"1.3.6.1.2.1.8.0|128|",
		"1.3.6.1.2.1.8.1|129|",
		"1.3.6.1.2.1.8.2|130|",
	}, "\n")
	rec, err := snmprec.Parse("t.snmprec", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if rec.Name != "t" {
		t.Errorf("Name = %q, want t", rec.Name)
	}
	get := func(oid string) snmprec.Record {
		t.Helper()
		o, err := snmprec.ParseOID(oid)
		if err != nil {
			t.Fatal(err)
		}
		r, ok := rec.Get(o)
		if !ok {
			t.Fatalf("no record %s", oid)
		}
		return r
	}
	if r := get("1.3.6.1.2.1.1.1.0"); r.Type != snmprec.OctetString || string(r.Bytes) != "Cisco IOS" || r.Line != 3 {
		t.Errorf("sysDescr = %v %q line %d, want OCTET STRING %q line 3 (trailing blanks trimmed like snmpsim)", r.Type, r.Bytes, r.Line, "Cisco IOS")
	}
	if r := get("1.3.6.1.2.1.1.2.0"); r.OIDValue.String() != "1.3.6.1.4.1.9.1.516" {
		t.Errorf("sysObjectID = %v", r.OIDValue)
	}
	if r := get("1.3.6.1.2.1.2.2.1.3.1"); r.Int != -6 {
		t.Errorf("INTEGER = %d, want -6", r.Int)
	}
	if r := get("1.3.6.1.2.1.2.2.1.6.1"); !bytes.Equal(r.Bytes, []byte{0, 0x11, 0xaa, 0x22, 0xbb, 0x33}) {
		t.Errorf("4x = % x", r.Bytes)
	}
	for _, oid := range []string{"1.3.6.1.2.1.4.20.1.1.10.0.0.1", "1.3.6.1.2.1.4.20.1.1.10.0.0.2"} {
		r := get(oid)
		if r.Type != snmprec.IPAddress || len(r.Bytes) != 4 || r.Bytes[0] != 10 || r.Bytes[3] != oid[len(oid)-1]-'0' {
			t.Errorf("%s = %v % x", oid, r.Type, r.Bytes)
		}
	}
	if r := get("1.3.6.1.2.1.2.2.1.10.1"); r.Uint != 4294967295 || r.Type != snmprec.Counter32 {
		t.Errorf("Counter32 = %d", r.Uint)
	}
	if r := get("1.3.6.1.2.1.31.1.1.1.6.1"); r.Uint != 18446744073709551615 {
		t.Errorf("Counter64 = %d", r.Uint)
	}
	if r := get("1.3.6.1.2.1.6.0"); r.Type != snmprec.Opaque || len(r.Bytes) != 7 {
		t.Errorf("Opaque = %v % x", r.Type, r.Bytes)
	}
	if r := get("1.3.6.1.2.1.7.0"); string(r.Bytes) != "a\nb\x00\\" {
		t.Errorf("4e = %q", r.Bytes)
	}
	for oid, want := range map[string]snmprec.Type{"1.3.6.1.2.1.5.0": snmprec.Null, "1.3.6.1.2.1.8.0": snmprec.NoSuchObject,
		"1.3.6.1.2.1.8.1": snmprec.NoSuchInstance, "1.3.6.1.2.1.8.2": snmprec.EndOfMibView} {
		if r := get(oid); r.Type != want {
			t.Errorf("%s type = %v, want %v", oid, r.Type, want)
		}
	}
	if len(rec.Records) != 16 || len(rec.Warnings) != 0 {
		t.Errorf("got %d records %d warnings, want 16 and 0", len(rec.Records), len(rec.Warnings))
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		want       error
		msg        string
	}{
		{"no bars", "1.3.6.1", snmprec.ErrSyntax, "OID|TAG|VALUE"},
		{"one bar", "1.3.6.1|4", snmprec.ErrSyntax, "OID|TAG|VALUE"},
		{"empty tag", "1.3.6.1||x", snmprec.ErrSyntax, "OID|TAG|VALUE"},
		{"letters in OID", "1.3.six|4|x", snmprec.ErrOID, "not a digit"},
		{"empty arc", "1.3..6|4|x", snmprec.ErrOID, "empty arc"},
		{"one arc", "1|4|x", snmprec.ErrOID, "two arcs"},
		{"first arc 3", "3.1|4|x", snmprec.ErrOID, "BER"},
		{"arc overflow", "1.3.4294967296|4|x", snmprec.ErrOID, "4294967295"},
		{"unknown tag", "1.3.6|99|x", snmprec.ErrTag, "99"},
		{"text tag", "1.3.6|str|x", snmprec.ErrTag, "str"},
		{"hex integer", "1.3.6|2x|00", snmprec.ErrTag, "cannot be x-encoded"},
		{"integer too big", "1.3.6|2|2147483648", snmprec.ErrValue, "32-bit signed"},
		{"integer text", "1.3.6|2|up", snmprec.ErrValue, "32-bit signed"},
		{"negative counter", "1.3.6|65|-1", snmprec.ErrValue, "unsigned"},
		{"counter64 overflow", "1.3.6|70|18446744073709551616", snmprec.ErrValue, "64-bit"},
		{"odd hex", "1.3.6|4x|abc", snmprec.ErrValue, "odd number"},
		{"bad hex", "1.3.6|4x|zz", snmprec.ErrValue, "hex digit"},
		{"bad escape", `1.3.6|4e|a\q`, snmprec.ErrValue, `\q`},
		{"short \\x", `1.3.6|4e|a\x4`, snmprec.ErrValue, "two hex digits"},
		{"ip text", "1.3.6|64|10.0.0", snmprec.ErrValue, "IPv4"},
		{"ip hex 5 bytes", "1.3.6|64x|0a00000001", snmprec.ErrValue, "4 bytes"},
		{"oid value", "1.3.6|6|1.3.x", snmprec.ErrValue, "digit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := "# header\n1.3.6.1.2.1.1.1.0|4|ok\n" + tc.line + "\n"
			_, err := snmprec.Parse("bad.snmprec", []byte(in))
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			var pe *snmprec.ParseError
			if !errors.As(err, &pe) || pe.Line != 3 || pe.File != "bad.snmprec" {
				t.Errorf("got %#v, want line 3 of bad.snmprec", err)
			}
			if !strings.Contains(err.Error(), "bad.snmprec:3:") || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got %q, want it to name bad.snmprec:3 and %q", err, tc.msg)
			}
		})
	}
}

func TestParseSortsDedupesAndSkipsVariations(t *testing.T) {
	in := "1.3.6.1.2.1.2.2.1.2.10|4|ten\n" +
		"1.3.6.1.2.1.2.2.1.2.9|4|nine\n" +
		"1.3.6.1.2.1.2.2.1.2.10|4|ten again\n" +
		"1.3.6.1.2.1.2.2.1.2|4|column\n" +
		"1.3.6.1.2.1.2.2.1.10.1|65:numeric|min=0,max=100\n" +
		".1.3.6.1.2.1.2.2.1.2.100|4|hundred"
	rec, err := snmprec.Parse("x.snmprec", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rec.Records {
		got = append(got, r.OID.String()+"="+string(r.Bytes))
	}
	want := "1.3.6.1.2.1.2.2.1.2=column 1.3.6.1.2.1.2.2.1.2.9=nine 1.3.6.1.2.1.2.2.1.2.10=ten 1.3.6.1.2.1.2.2.1.2.100=hundred"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
	if len(rec.Warnings) != 2 || rec.Warnings[0].Line != 3 || !strings.Contains(rec.Warnings[0].Message, "line 1") ||
		rec.Warnings[1].Line != 5 || !strings.Contains(rec.Warnings[1].Message, "numeric") {
		t.Errorf("warnings = %+v, want the duplicate on line 3 (first on line 1, kept) and the variation on line 5", rec.Warnings)
	}
}

func TestSearchNext(t *testing.T) {
	rec, err := snmprec.Parse("s", []byte("1.3.6.1.2|2|1\n1.3.6.1.2.1|2|2\n1.3.6.1.10|2|3\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		from string
		next int
	}{{"1.3", 0}, {"1.3.6.1.2", 1}, {"1.3.6.1.2.1", 2}, {"1.3.6.1.2.1.5", 2}, {"1.3.6.1.9.9", 2}, {"1.3.6.1.10", 3}, {"2.0", 3}} {
		o, _ := snmprec.ParseOID(tc.from)
		if got := rec.Next(o); got != tc.next {
			t.Errorf("Next(%s) = %d, want %d", tc.from, got, tc.next)
		}
	}
}

// knownDuplicates counts the OIDs recorded twice or more in the shipped
// files (ipNetToMediaPhysAddress rows with several values in procurve, a
// snmpTargetParams row with two types in the 6120XG file).
var knownDuplicates = map[string]int{"procurve": 12, "snmpsim-data_hpe-procurve-516733-b21": 1}

// TestRepositoryRecordings parses every recording the project ships: none may
// fail, every data line is a record or a duplicate warning.
func TestRepositoryRecordings(t *testing.T) {
	dir := snmprectest.Dir()
	if dir == "" {
		t.Fatal("module root not found above the working directory")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.snmprec"))
	if len(files) < 10 {
		t.Fatalf("found %d recordings in %s, want the 14 shipped", len(files), dir)
	}
	for _, f := range files {
		rec, err := snmprec.ParseFile(f)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		data, _ := os.ReadFile(f)
		lines := 0
		for _, l := range strings.Split(string(data), "\n") {
			if l = strings.TrimSpace(l); l != "" && l[0] != '#' {
				lines++
			}
		}
		if len(rec.Records)+len(rec.Warnings) != lines {
			t.Errorf("%s: %d records + %d warnings, want %d data lines", rec.Name, len(rec.Records), len(rec.Warnings), lines)
		}
		for _, w := range rec.Warnings {
			if !strings.Contains(w.Message, "duplicate OID") {
				t.Errorf("%s: unexpected warning %+v", rec.Name, w)
			}
		}
		if got, want := len(rec.Warnings), knownDuplicates[rec.Name]; got != want {
			t.Errorf("%s: %d duplicate OIDs, want %d", rec.Name, got, want)
		}
	}
}

func BenchmarkParseCisco16Switch(b *testing.B) {
	data, err := os.ReadFile(snmprectest.Path(b, "snmpsim-data_cisco_16_switch"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := snmprec.Parse("snmpsim-data_cisco_16_switch.snmprec", data); err != nil {
			b.Fatal(err)
		}
	}
}
