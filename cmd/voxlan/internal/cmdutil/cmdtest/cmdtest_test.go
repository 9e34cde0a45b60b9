package cmdtest

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
)

// recorder stands for the test: Fatalf records the failure and ends the
// goroutine, as testing.T does.
type recorder struct{ failure string }

func (r *recorder) Helper() {}

func (r *recorder) Fatalf(format string, args ...any) {
	r.failure = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// check runs one check in its own goroutine so that Fatalf can end it.
func check(f func(TB, error, string) bool, err error, want string) (expected bool, failure string) {
	r := &recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		expected = f(r, err, want)
	}()
	<-done
	return expected, r.failure
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
			expected, failure := check(tt.check, tt.err, tt.want)
			if tt.wantFailure == "" && failure != "" {
				t.Errorf("failed with %q, want a pass", failure)
			}
			if tt.wantFailure != "" && !strings.Contains(failure, tt.wantFailure) {
				t.Errorf("failure %q, want one containing %q", failure, tt.wantFailure)
			}
			// After a failure the row has ended: nothing is returned.
			if failure == "" && expected != tt.wantExpected {
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
		{name: "flags and arguments", args: []string{"-o", "json", "a.pcap"}, wantArgs: []string{"a.pcap"}},
		{name: "unknown flag", args: []string{"--nope"}, wantErr: "unknown flag: --nope"},
	}
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
