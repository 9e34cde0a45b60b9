package aruba_aoss

import (
	"os"
	"path/filepath"
	"testing"
)

// seedAll adds every sample of testdata (real ntc outputs and our configs).
func seedAll(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "ntc", "*", "*.raw"))
	more, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, p := range append(files, more...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
}

func FuzzParseVLANs(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseVLANs(s) })
}

func FuzzParseInterfacesBrief(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseInterfacesBrief(s) })
}

func FuzzParsePoEBrief(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParsePoEBrief(s) })
}

func FuzzParseLLDPSummary(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseLLDPSummary(s) })
}

func FuzzParseLLDPDetail(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseLLDPDetail(s) })
}

func FuzzPortList(f *testing.F) {
	for _, s := range []string{"1-24,A1", "1/1-1/24,Trk1", "A3-A4", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps, err := ParsePortList(s)
		if err != nil {
			return
		}
		// What AOS-S would print must read back as the same set.
		again, err := ParsePortList(FormatPortList(ps))
		if err != nil {
			t.Fatalf("%q -> %q: %v", s, FormatPortList(ps), err)
		}
		if FormatPortList(again) != FormatPortList(ps) {
			t.Fatalf("%q: %q then %q", s, FormatPortList(ps), FormatPortList(again))
		}
	})
}

// FuzzParseConfig: any text either fails cleanly or gives a configuration
// whose phone-port plan renders without a panic.
func FuzzParseConfig(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, s string) {
		d := Driver{}
		cfg, err := d.ParseConfig(s)
		if err != nil || len(cfg.PortOrder) == 0 {
			return
		}
		want, scope, err := d.Want(cfg, phoneChanges(cfg.PortOrder[0]))
		if err != nil {
			return
		}
		_, _ = d.Render(cfg, want, scope)
		_ = d.Sections(want, scope)
	})
}
