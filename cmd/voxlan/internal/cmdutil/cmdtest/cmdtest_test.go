package cmdtest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
)

// recorder stands for the test: Errorf records the failure, Fatalf also
// ends the goroutine, as testing.T does.
type recorder struct{ failure string }

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) { r.failure = fmt.Sprintf(format, args...) }

func (r *recorder) Fatalf(format string, args ...any) {
	r.failure = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// failureOf runs f in its own goroutine, so that Fatalf can end it, and
// returns the failure it recorded ("" for none).
func failureOf(f func(TB)) string {
	r := &recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return r.failure
}

// checkFailure compares what a helper reported with what the row wants: a
// failure containing want, or none when want is "". It returns whether the
// row ends there (the helper failed).
func checkFailure(t *testing.T, failure, want string) (ended bool) {
	t.Helper()
	switch {
	case want == "" && failure != "":
		t.Errorf("failed with %q, want a pass", failure)
	case want != "" && !strings.Contains(failure, want):
		t.Errorf("failure %q, want one containing %q", failure, want)
	}
	return failure != "" || want != ""
}

func TestWantErr(t *testing.T) {
	usage := cmdutil.UsageError("--lang %q: use en or fr", "de")
	other := errors.New(`unknown command "extra" for "voxlan demo"`)
	tests := []struct {
		name         string
		check        func(TB, error, string) bool
		err          error
		want         string
		wantExpected bool
		wantFailure  string // "" when the check must pass
	}{
		{name: "no error wanted, none", check: WantErr},
		{name: "no error wanted, one", check: WantErr, err: other, wantFailure: "unexpected error"},
		{name: "error wanted, none", check: WantErr, want: "--lang", wantExpected: true, wantFailure: "no error"},
		{name: "error wanted, matches", check: WantErr, err: other, want: "unknown command", wantExpected: true},
		{name: "error wanted, other text", check: WantErr, err: other, want: "--lang", wantExpected: true, wantFailure: "want one containing"},
		{name: "usage wanted, usage", check: WantUsageErr, err: usage, want: `--lang "de"`, wantExpected: true},
		{name: "usage wanted, other code", check: WantUsageErr, err: other, want: "unknown command", wantExpected: true, wantFailure: "want a usage error"},
		{name: "usage wanted, other text", check: WantUsageErr, err: usage, want: "--site", wantExpected: true, wantFailure: "want one containing"},
		{name: "usage check, no error wanted", check: WantUsageErr, err: usage, wantFailure: "unexpected error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var expected bool
			failure := failureOf(func(t TB) { expected = tt.check(t, tt.err, tt.want) })
			// After a failure the row has ended: nothing is returned.
			if !checkFailure(t, failure, tt.wantFailure) && expected != tt.wantExpected {
				t.Errorf("returned %v, want %v", expected, tt.wantExpected)
			}
		})
	}
}

func TestRun(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantArgs []string
		wantErr  string
	}{
		{name: "no arguments", args: nil, wantArgs: []string{}},
		{name: "flags and arguments", args: []string{"-o", "json", "a.pcap"}, wantArgs: []string{"a.pcap"}},
		{name: "unknown flag", args: []string{"--nope"}, wantErr: "unknown flag: --nope"},
	}
	// As after `go test -update`: a flag of the test binary that none of
	// the commands knows.
	testArgs := os.Args
	os.Args = []string{testArgs[0], "-update"}
	defer func() { os.Args = testArgs }()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			cmd := &cobra.Command{Use: "x", RunE: func(_ *cobra.Command, args []string) error { got = args; return nil }}
			cmd.Flags().StringP("output", "o", "", "")
			// Cobra prints its usage and the error on a bad command line:
			// Run must keep them off the streams the command was given.
			var printed bytes.Buffer
			cmd.SetOut(&printed)
			cmd.SetErr(&printed)
			err := Run(cmd, tt.args...)
			if printed.Len() != 0 {
				t.Errorf("cobra printed %q", printed.String())
			}
			if WantErr(t, err, tt.wantErr) {
				return
			}
			if !slices.Equal(got, tt.wantArgs) {
				t.Errorf("args %q, want %q", got, tt.wantArgs)
			}
		})
	}
}

func TestStreams(t *testing.T) {
	streams, stdout, stderr := Streams()
	fmt.Fprint(streams.Out, "data")
	fmt.Fprint(streams.ErrOut, "progress")
	if stdout.String() != "data" || stderr.String() != "progress" {
		t.Errorf("stdout %q stderr %q, want each stream in its own buffer", stdout, stderr)
	}
	if n, _ := streams.In.Read(make([]byte, 1)); n != 0 || streams.OutTTY || streams.ErrTTY || streams.InTTY {
		t.Errorf("want empty stdin and no terminal: %+v", streams)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name        string
		dir, file   string
		text        string
		wantFailure string
	}{
		{name: "new file", dir: dir, file: "sites.yaml", text: "sites: []\n"},
		{name: "empty file", dir: dir, file: "empty.json", text: ""},
		{name: "replaces", dir: dir, file: "sites.yaml", text: "sites:\n  - name: hq\n"},
		{name: "missing directory", dir: filepath.Join(dir, "nope"), file: "x.yaml", wantFailure: "no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var path string
			failure := failureOf(func(t TB) { path = WriteFile(t, tt.dir, tt.file, tt.text) })
			if checkFailure(t, failure, tt.wantFailure) {
				return
			}
			if path != filepath.Join(tt.dir, tt.file) {
				t.Errorf("path %q, want %q", path, filepath.Join(tt.dir, tt.file))
			}
			if got, err := os.ReadFile(path); err != nil || string(got) != tt.text {
				t.Errorf("file holds %q (%v), want %q", got, err, tt.text)
			}
		})
	}
}

func TestGolden(t *testing.T) {
	dir := t.TempDir()
	golden := WriteFile(t, dir, "out.golden", "site hq\nport 1/0/1\n")
	tests := []struct {
		name        string
		path        string
		got         string
		update      bool
		wantFailure string
		wantFile    string // the golden file's text afterwards
	}{
		{name: "same", path: golden, got: "site hq\nport 1/0/1\n", wantFile: "site hq\nport 1/0/1\n"},
		{name: "differs", path: golden, got: "site hq\nport 1/0/2\n", wantFailure: "output differs from " + golden, wantFile: "site hq\nport 1/0/1\n"},
		{name: "missing golden", path: filepath.Join(dir, "none.golden"), got: "x", wantFailure: "no such file"},
		{name: "update rewrites", path: golden, got: "site lyon\n", update: true, wantFile: "site lyon\n"},
		{name: "update creates", path: filepath.Join(dir, "new.golden"), got: "new\n", update: true, wantFile: "new\n"},
		{name: "update into a missing directory", path: filepath.Join(dir, "nope", "x.golden"), got: "x", update: true, wantFailure: "rewriting"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := *update
			*update = tt.update
			defer func() { *update = old }()
			failure := failureOf(func(t TB) { Golden(t, tt.path, []byte(tt.got)) })
			checkFailure(t, failure, tt.wantFailure)
			if tt.wantFile != "" {
				if b, err := os.ReadFile(tt.path); err != nil || string(b) != tt.wantFile {
					t.Errorf("golden file holds %q (%v), want %q", b, err, tt.wantFile)
				}
			}
		})
	}
}

// TestReadFrames reads captures written with WritePcap, which it tests too.
func TestReadFrames(t *testing.T) {
	dir := t.TempDir()
	// Two LLDP frames (EtherType 0x88cc) and a CDP one, enough bytes each
	// for an Ethernet header.
	lldp1 := append([]byte{0x01, 0x80, 0xc2, 0, 0, 0x0e, 2, 0, 0, 0, 0, 1, 0x88, 0xcc}, bytes.Repeat([]byte{1}, 46)...)
	lldp2 := append([]byte{0x01, 0x80, 0xc2, 0, 0, 0x0e, 2, 0, 0, 0, 0, 2, 0x88, 0xcc}, bytes.Repeat([]byte{2}, 46)...)
	cdp := append([]byte{0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcc, 2, 0, 0, 0, 0, 3, 0, 46, 0xaa, 0xaa, 3, 0, 0, 0x0c, 0x20, 0}, bytes.Repeat([]byte{3}, 38)...)
	two := WritePcap(t, filepath.Join(dir, "two.pcap"), lldp1, lldp2)
	one := WritePcap(t, filepath.Join(dir, "one.pcap"), cdp)
	empty := WritePcap(t, filepath.Join(dir, "empty.pcap"))
	garbage := WriteFile(t, dir, "garbage.pcap", "not a capture at all")
	tests := []struct {
		name        string
		files       []string
		want        [][]byte
		wantFailure string
	}{
		{name: "one file", files: []string{two}, want: [][]byte{lldp1, lldp2}},
		{name: "files in order", files: []string{one, two}, want: [][]byte{cdp, lldp1, lldp2}},
		{name: "no frames", files: []string{empty}},
		{name: "missing file", files: []string{two, filepath.Join(dir, "none.pcap")}, wantFailure: "none.pcap"},
		{name: "not a capture", files: []string{garbage}, wantFailure: "garbage.pcap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var frames []capture.Frame
			failure := failureOf(func(t TB) { frames = ReadFrames(t, tt.files...) })
			if checkFailure(t, failure, tt.wantFailure) {
				return
			}
			if len(frames) != len(tt.want) {
				t.Fatalf("%d frames, want %d", len(frames), len(tt.want))
			}
			for i, f := range frames {
				if !bytes.Equal(f.Data, tt.want[i]) {
					t.Errorf("frame %d = % x, want % x", i, f.Data, tt.want[i])
				}
			}
		})
	}
}

func TestWritePcap(t *testing.T) {
	dir := t.TempDir()
	frame := append([]byte{0x01, 0x80, 0xc2, 0, 0, 0x0e, 2, 0, 0, 0, 0, 1, 0x88, 0xcc}, bytes.Repeat([]byte{1}, 46)...)
	tests := []struct {
		name        string
		path        string
		frames      [][]byte
		wantFailure string
	}{
		{name: "three frames", path: filepath.Join(dir, "three.pcap"), frames: [][]byte{frame, frame, frame}},
		{name: "header only", path: filepath.Join(dir, "empty.pcap")},
		{name: "missing directory", path: filepath.Join(dir, "nope", "x.pcap"), frames: [][]byte{frame}, wantFailure: "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			failure := failureOf(func(t TB) { WritePcap(t, tt.path, tt.frames...) })
			if checkFailure(t, failure, tt.wantFailure) {
				return
			}
			got := ReadFrames(t, tt.path)
			if len(got) != len(tt.frames) {
				t.Fatalf("read back %d frames, want %d", len(got), len(tt.frames))
			}
			for i, f := range got {
				if f.Time.Unix() != int64(i) || !bytes.Equal(f.Data, tt.frames[i]) {
					t.Errorf("frame %d at %v = % x", i, f.Time, f.Data)
				}
			}
		})
	}
}
