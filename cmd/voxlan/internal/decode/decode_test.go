package decode

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
)

func TestNewCmdDecode(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
		want    DecodeOptions
	}{
		{name: "defaults", args: []string{"a.pcap"}, want: DecodeOptions{Files: []string{"a.pcap"}, Output: "jsonl"}},
		{name: "json array to file", args: []string{"-o", "json", "--out", "x.json", "a.pcap", "b.pcapng"},
			want: DecodeOptions{Files: []string{"a.pcap", "b.pcapng"}, Output: "json", OutFile: "x.json"}},
		{name: "no file", args: nil, wantErr: "requires at least 1 arg"},
		{name: "bad format", args: []string{"-o", "yaml", "a.pcap"}, wantErr: `-o "yaml"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, _, _ := cmdtest.Streams()
			var got *DecodeOptions
			cmd := NewCmdDecode(&cmdutil.Factory{IO: io}, func(o *DecodeOptions) error { got = o; return nil })
			if cmdtest.WantErr(t, cmdtest.Run(cmd, tt.args...), tt.wantErr) {
				return
			}
			if strings.Join(got.Files, ",") != strings.Join(tt.want.Files, ",") || got.Output != tt.want.Output || got.OutFile != tt.want.OutFile {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

// TestDecodeRunGolden decodes real captures, one of them with a broken
// frame: every good frame is printed, the broken one is reported with its
// number and reason, and the exit code says "partial".
func TestDecodeRunGolden(t *testing.T) {
	io, out, errOut := cmdtest.Streams()
	err := decodeRun(context.Background(), &DecodeOptions{IO: io, Output: "jsonl", Files: []string{
		"testdata/assimilation_lldpmed_civicloc.pcap", "testdata/assimilation_cdp_v2_voice.pcap",
		"testdata/ladvd_lldp_lldp.minimal.pcap", "testdata/ladvd_lldp_45.good.vlan.pcap",
	}})
	var ee *cmdutil.ExitError
	if !errors.As(err, &ee) || ee.Code != cmdutil.ExitPartial {
		t.Fatalf("err = %v, want exit code %d (one broken frame)", err, cmdutil.ExitPartial)
	}
	if !strings.Contains(errOut.String(), "ladvd_lldp_lldp.minimal.pcap: 1 LLDP/CDP frames, 1 broken") {
		t.Errorf("stderr = %q, want the broken-frame summary", errOut.String())
	}
	cmdtest.Golden(t, "testdata/decode.golden.jsonl", out.Bytes())
}

func TestDecodeRunJSONArray(t *testing.T) {
	io, out, _ := cmdtest.Streams()
	err := decodeRun(context.Background(), &DecodeOptions{IO: io, Output: "json", Files: []string{"testdata/assimilation_cdp_v2_voice.pcap", "testdata/assimilation_cdp_v2_voice.pcap"}})
	if err != nil {
		t.Fatal(err)
	}
	s := out.String()
	if !strings.HasPrefix(s, "[\n{") || !strings.HasSuffix(s, "}]\n") || !strings.Contains(s, `"voiceVlan":10`) || !strings.Contains(s, `"file":"testdata/assimilation_cdp_v2_voice.pcap"`) {
		t.Errorf("json output = %s", s)
	}
}

// TestDecodeRunInputErrors: a missing file or a text file is an input
// error (exit 2), named, and nothing is decoded, even of the good files.
func TestDecodeRunInputErrors(t *testing.T) {
	text := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(text, []byte("show lldp neighbors\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, file, want string }{
		{"missing", "testdata/nope.pcap", "nope.pcap"},
		{"text", text, "unknown magic"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			io, out, _ := cmdtest.Streams()
			err := decodeRun(context.Background(), &DecodeOptions{IO: io, Output: "jsonl", Files: []string{"testdata/assimilation_cdp_v2_voice.pcap", tc.file}})
			if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v (exit %d), want exit %d naming %q", err, cmdutil.CodeFor(err), cmdutil.ExitUsage, tc.want)
			}
			if out.Len() != 0 {
				t.Errorf("decoded %q despite the input error", out.String())
			}
		})
	}
}
