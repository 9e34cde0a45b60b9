// Package cmdtest holds what the verbs' tests share: streams on buffers, a
// command run as the command line would run it, the check of a table row's
// expected error, input files written for a test, golden files, and
// captures written and read.
package cmdtest

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
)

// Streams returns streams on buffers, stdin empty and no terminal, with the
// buffers holding stdout and stderr.
func Streams() (streams *cmdutil.IOStreams, stdout, stderr *bytes.Buffer) {
	stdout, stderr = &bytes.Buffer{}, &bytes.Buffer{}
	return &cmdutil.IOStreams{In: strings.NewReader(""), Out: stdout, ErrOut: stderr}, stdout, stderr
}

// Run executes cmd with args as its command line and returns its error.
// Cobra's own usage and error printing go nowhere: the tests judge the
// error, not cobra's text.
func Run(cmd *cobra.Command, args ...string) error {
	if args == nil {
		// Cobra takes nil for "no arguments given" and parses the test
		// binary's own command line instead (go test -update, -run...).
		args = []string{}
	}
	cmd.SetArgs(args)
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	return cmd.Execute()
}

// WriteFile writes an input file of a test (an inventory, a snapshot, a
// profile) as dir/name, failing the test if it cannot, and returns its path.
func WriteFile(t TB, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatalf("writing the test's input: %v", err)
	}
	return path
}

// ReadFrames reads every frame of the captures (pcap or pcapng), in order,
// failing the test on a file it cannot read.
func ReadFrames(t TB, files ...string) []capture.Frame {
	t.Helper()
	var frames []capture.Frame
	for _, name := range files {
		r, err := capture.OpenFile(name)
		if err != nil {
			t.Fatalf("%v", err)
		}
		for {
			f, err := r.ReadFrame(context.Background())
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				r.Close()
				t.Fatalf("%s: %v", name, err)
			}
			frames = append(frames, f)
		}
		r.Close()
	}
	return frames
}

// WritePcap writes frames as an Ethernet pcap file at path, one second
// apart from the epoch, and returns path.
func WritePcap(t TB, path string, frames ...[]byte) string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatalf("%v", err)
	}
	defer f.Close()
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for i, fr := range frames {
		ci := gopacket.CaptureInfo{Timestamp: time.Unix(int64(i), 0), CaptureLength: len(fr), Length: len(fr)}
		if err := w.WritePacket(ci, fr); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return path
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Golden compares a command's output with the golden file at path. Run
// with -update, it first rewrites the file with got (review the diff
// before committing it).
func Golden(t TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("rewriting %s: %v", path, err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update to rewrite it, then review the diff):\ngot\n%s\nwant\n%s", path, got, want)
	}
}

// TB is the part of testing.TB the helpers use.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// WantErr checks a command's error against a table row: none when want is
// "", else one whose message holds want. It fails the test otherwise, and
// reports whether an error was expected, so that the row ends there:
//
//	if cmdtest.WantErr(t, err, tt.wantErr) {
//		return
//	}
func WantErr(t TB, err error, want string) bool {
	t.Helper()
	return wantErr(t, err, want, false)
}

// WantUsageErr is WantErr for rows whose error must also be a usage error
// (exit code 2): bad flags or input, nothing done.
func WantUsageErr(t TB, err error, want string) bool {
	t.Helper()
	return wantErr(t, err, want, true)
}

func wantErr(t TB, err error, want string, usage bool) bool {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case want == "":
		return false
	case err == nil:
		t.Fatalf("no error, want one containing %q", want)
	case !strings.Contains(err.Error(), want):
		t.Fatalf("error %q, want one containing %q", err, want)
	case usage && cmdutil.CodeFor(err) != cmdutil.ExitUsage:
		t.Fatalf("error %q exits %d, want a usage error (exit %d)", err, cmdutil.CodeFor(err), cmdutil.ExitUsage)
	}
	return true
}
