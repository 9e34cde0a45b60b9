package demo

import (
	"strings"
	"testing"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
)

// TestDemoOpensUIOnlyOnATerminal: the UI replaces the table on a terminal,
// and -o, --out or a pipe keep the printed output.
func TestDemoOpensUIOnlyOnATerminal(t *testing.T) {
	for _, tc := range []struct {
		name string
		tty  bool
		args []string
		want bool
	}{
		{"terminal", true, nil, true},
		{"terminal -o table", true, []string{"-o", "table"}, false},
		{"terminal -o json", true, []string{"-o", "json"}, false},
		{"terminal --out", true, []string{"--out", "x.json"}, false},
		{"piped", false, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			io, _, _ := cmdtest.Streams()
			io.InTTY, io.OutTTY = tc.tty, tc.tty
			var got *DemoOptions
			cmd := NewCmdDemo(&cmdutil.Factory{IO: io}, func(o *DemoOptions) error { got = o; return nil })
			if err := cmdtest.Run(cmd, tc.args...); err != nil {
				t.Fatal(err)
			}
			if got.UI != tc.want {
				t.Errorf("args %s: got UI %v, want %v", strings.Join(tc.args, " "), got.UI, tc.want)
			}
		})
	}
}
