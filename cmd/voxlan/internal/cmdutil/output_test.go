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
		{name: "existing file is replaced", path: existing, wantFile: existing},
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
			if err := closeOut(nil); err != nil {
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
	if err := closeOut(nil); err != nil {
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
			CloseOutput(&err, func(cmdErr error) error {
				if cmdErr != tt.runErr {
					t.Errorf("closer got %v, want the command's error %v", cmdErr, tt.runErr)
				}
				closed++
				return tt.closeErr
			}, "audit")
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

// TestOpenOutputAtomic: the destination keeps its previous content until
// the command ends well; an interrupted run keeps the old file and writes
// what it had beside it as .partial; a usage error or a failed write
// leaves the old file alone; no temporary file is left behind.
func TestOpenOutputAtomic(t *testing.T) {
	const old = "the previous complete snapshot\n"
	for _, tc := range []struct {
		name        string
		interrupted bool
		cmdErr      error
		want        string
		wantPartial string
		wantSaid    string
	}{
		{name: "done", want: "new\n"},
		{name: "partial outcome is still complete", cmdErr: Silent(ExitPartial), want: "new\n"},
		{name: "interrupted", interrupted: true, want: old, wantPartial: "new\n", wantSaid: ".partial"},
		{name: "interrupted exit code", cmdErr: Silent(ExitCancelled), want: old, wantPartial: "new\n"},
		{name: "usage error", cmdErr: UsageError("bad flag"), want: old},
		{name: "failed", cmdErr: errors.New("encoding failed"), want: old, wantPartial: "new\n", wantSaid: "failed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "site.json")
			if err := os.WriteFile(path, []byte(old), 0o640); err != nil {
				t.Fatal(err)
			}
			var errOut bytes.Buffer
			w, closeOut, err := OpenOutput(path, &IOStreams{ErrOut: &errOut, Interrupted: func() bool { return tc.interrupted }})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write([]byte("new\n")); err != nil {
				t.Fatal(err)
			}
			if b, _ := os.ReadFile(path); string(b) != old {
				t.Fatalf("destination changed before the command ended: %q", b)
			}
			runErr := tc.cmdErr
			CloseOutput(&runErr, closeOut, "discover")
			if runErr != tc.cmdErr {
				t.Fatalf("err = %v, want the command's own %v", runErr, tc.cmdErr)
			}
			if b, _ := os.ReadFile(path); string(b) != tc.want {
				t.Errorf("destination holds %q, want %q", b, tc.want)
			}
			st, _ := os.Stat(path)
			if st.Mode().Perm() != 0o640 {
				t.Errorf("mode %v, want the old file's 0640", st.Mode().Perm())
			}
			b, err := os.ReadFile(path + ".partial")
			if tc.wantPartial == "" && err == nil || tc.wantPartial != "" && string(b) != tc.wantPartial {
				t.Errorf(".partial holds %q (%v), want %q", b, err, tc.wantPartial)
			}
			if !strings.Contains(errOut.String(), tc.wantSaid) {
				t.Errorf("stderr %q, want it to say %q", errOut.String(), tc.wantSaid)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), ".tmp") {
					t.Errorf("temporary file %s left behind", e.Name())
				}
			}
		})
	}
}

// TestOpenOutputSpecialFile: a device is written directly, never renamed
// over.
func TestOpenOutputSpecialFile(t *testing.T) {
	if _, err := os.Stat(os.DevNull); err != nil || os.DevNull != "/dev/null" {
		t.Skip("no /dev/null")
	}
	w, closeOut, err := OpenOutput(os.DevNull, &IOStreams{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := closeOut(nil); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(os.DevNull); err != nil || st.Mode().IsRegular() {
		t.Fatalf("%s replaced by a regular file", os.DevNull)
	}
}
