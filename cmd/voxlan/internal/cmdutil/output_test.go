package cmdutil

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenOutput(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "existing.json")
	if err := os.WriteFile(existing, []byte("an older and much longer output\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		path     string
		wantFile string // "" when the data must go to stdout
		wantErr  error
	}{
		{name: "no --out writes to stdout", path: ""},
		{name: "new file", path: filepath.Join(dir, "new.json"), wantFile: filepath.Join(dir, "new.json")},
		{name: "existing file is truncated", path: existing, wantFile: existing},
		{name: "missing directory", path: filepath.Join(dir, "nope", "x.json"), wantErr: fs.ErrNotExist},
		{name: "a directory", path: dir, wantErr: errors.New("is a directory")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout bytes.Buffer
			w, closeOut, err := OpenOutput(tt.path, &IOStreams{Out: &stdout})
			if tt.wantErr != nil {
				if err == nil || !(errors.Is(err, tt.wantErr) || strings.Contains(err.Error(), tt.wantErr.Error())) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if w != nil || closeOut != nil {
					t.Errorf("got a writer or close function with the error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write([]byte("data\n")); err != nil {
				t.Fatal(err)
			}
			if err := closeOut(); err != nil {
				t.Fatalf("close: %v", err)
			}
			if tt.wantFile == "" {
				if stdout.String() != "data\n" {
					t.Errorf("stdout = %q, want the data", stdout.String())
				}
				return
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout = %q, want nothing with --out", stdout.String())
			}
			got, err := os.ReadFile(tt.wantFile)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != "data\n" {
				t.Errorf("file holds %q, want only the data", got)
			}
		})
	}
}

// TestOpenOutputCloseErrorReported closes the file twice: the second close
// fails like a close that lost data, and the error must reach the caller.
func TestOpenOutputCloseErrorReported(t *testing.T) {
	_, closeOut, err := OpenOutput(filepath.Join(t.TempDir(), "x.json"), &IOStreams{})
	if err != nil {
		t.Fatal(err)
	}
	if err := closeOut(); err != nil {
		t.Fatal(err)
	}
	var runErr error
	CloseOutput(&runErr, closeOut, "demo")
	if runErr == nil || !errors.Is(runErr, os.ErrClosed) || !strings.HasPrefix(runErr.Error(), "demo: ") {
		t.Errorf("err = %v, want the close error prefixed with the verb", runErr)
	}
}

func TestCloseOutput(t *testing.T) {
	errRun := errors.New("encoding failed")
	errClose := errors.New("disk full")
	tests := []struct {
		name     string
		runErr   error
		closeErr error
		want     string // "" for no error
		wantIs   error
	}{
		{name: "both fine", want: ""},
		{name: "close fails", closeErr: errClose, want: "audit: disk full", wantIs: errClose},
		{name: "run failed first", runErr: errRun, want: "encoding failed", wantIs: errRun},
		{name: "both fail: the first error is kept", runErr: errRun, closeErr: errClose, want: "encoding failed", wantIs: errRun},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			closed := 0
			err := tt.runErr
			CloseOutput(&err, func() error { closed++; return tt.closeErr }, "audit")
			if closed != 1 {
				t.Errorf("closed %d times, want once", closed)
			}
			if tt.want == "" {
				if err != nil {
					t.Errorf("err = %v, want nil", err)
				}
				return
			}
			if err == nil || err.Error() != tt.want || !errors.Is(err, tt.wantIs) {
				t.Errorf("err = %v, want %q wrapping %v", err, tt.want, tt.wantIs)
			}
		})
	}
}

func TestDefaultFormat(t *testing.T) {
	tests := []struct {
		name    string
		flag    string
		outTTY  bool
		outFile string
		want    string
	}{
		{name: "terminal", outTTY: true, want: "table"},
		{name: "pipe", outTTY: false, want: "json"},
		{name: "terminal but --out", outTTY: true, outFile: "x.json", want: "json"},
		{name: "pipe and --out", outFile: "x.json", want: "json"},
		{name: "-o kept on a terminal", flag: "jsonl", outTTY: true, want: "jsonl"},
		{name: "-o table kept with --out", flag: "table", outFile: "x.txt", want: "table"},
		{name: "-o json kept on a terminal", flag: "json", outTTY: true, want: "json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DefaultFormat(tt.flag, &IOStreams{OutTTY: tt.outTTY}, tt.outFile); got != tt.want {
				t.Errorf("DefaultFormat(%q, tty=%v, %q) = %q, want %q", tt.flag, tt.outTTY, tt.outFile, got, tt.want)
			}
		})
	}
}
