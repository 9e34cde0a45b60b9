package readcap

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// endless is an input that never ends, as /dev/zero.
type endless struct{}

func (endless) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestReadAll(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    io.Reader
		max  int64
		want string
		err  error
	}{
		{"under", strings.NewReader("abc"), 4, "abc", nil},
		{"exactly", strings.NewReader("abcd"), 4, "abcd", nil},
		{"over", strings.NewReader("abcde"), 4, "", ErrTooLarge},
		{"endless", endless{}, 1 << 20, "", ErrTooLarge},
	} {
		got, err := ReadAll(tc.r, tc.max)
		if !errors.Is(err, tc.err) || (tc.err == nil && err != nil) || string(got) != tc.want {
			t.Errorf("%s: got %q, %v; want %q, %v", tc.name, got, err, tc.want, tc.err)
		}
	}
}

func TestReadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, []byte("0123456789"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(path, 9); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "more than 9 bytes") {
		t.Errorf("got %v, want too large", err)
	}
	if b, err := ReadFile(path, 10); err != nil || string(b) != "0123456789" {
		t.Errorf("got %q, %v", b, err)
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "missing"), 10); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing: got %v", err)
	}
	if Size(16<<20) != "16 MiB" || Size(64<<10) != "64 KiB" {
		t.Errorf("Size: %s %s", Size(16<<20), Size(64<<10))
	}
}
