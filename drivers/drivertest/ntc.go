package drivertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// NTCPairs returns the .raw files under testdata/ntc/dir with the records
// of their .yml (ntc-templates' expected parse), and fails the test when
// there are none.
func NTCPairs(t testing.TB, dir string) map[string][]map[string]any {
	t.Helper()
	raws, err := filepath.Glob(filepath.Join("testdata", "ntc", dir, "*.raw"))
	if err != nil || len(raws) == 0 {
		t.Fatalf("no samples in testdata/ntc/%s: %v", dir, err)
	}
	out := map[string][]map[string]any{}
	for _, raw := range raws {
		y, err := os.ReadFile(strings.TrimSuffix(raw, ".raw") + ".yml")
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Parsed []map[string]any `yaml:"parsed_sample"`
		}
		if err := yaml.Unmarshal(y, &doc); err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		out[raw] = doc.Parsed
	}
	return out
}

// ReadFile returns a test file's text.
func ReadFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Str is an ntc record's value as a trimmed string ("" when absent).
func Str(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

// Strs is an ntc record's list value.
func Strs(v any) []string {
	var out []string
	l, _ := v.([]any)
	for _, x := range l {
		out = append(out, Str(x))
	}
	return out
}

// SeedFiles adds to f the text of every file matching the globs, and every
// prefix of each (cut at each byte, up to 64 KiB of seeds per file), so a
// decoder is tried on outputs cut short at every length.
func SeedFiles(f *testing.F, globs ...string) {
	f.Helper()
	n := 0
	for _, g := range globs {
		files, err := filepath.Glob(g)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(string(b))
			step := max(1, len(b)/64)
			for i := 0; i < len(b); i += step {
				f.Add(string(b[:i]))
			}
			n++
		}
	}
	if n == 0 {
		f.Fatalf("no seed files match %q", globs)
	}
}

// CLIDir copies each file of files (source path -> file name) into a fresh
// directory, as a site owner would send saved show outputs for
// `voxlan discover --from-cli`, and returns it.
func CLIDir(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for src, name := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(ReadFile(t, src)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Check reports a field of a parsed record that differs from the expected
// value (an ntc-templates oracle), naming where: got before want.
func Check(t testing.TB, where, field, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s %s: got %q, want %q", where, field, got, want)
	}
}
