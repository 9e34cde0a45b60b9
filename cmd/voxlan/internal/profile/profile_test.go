package profile

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	"github.com/voxlan/voxlan/profile"
)

func run(t *testing.T, opts *ProfileOptions) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	opts.IO = &cmdutil.IOStreams{Out: &out, ErrOut: &errOut}
	err := profileRun(context.Background(), opts)
	return out.String(), errOut.String(), err
}

func TestList(t *testing.T) {
	out, _, err := run(t, &ProfileOptions{Action: "list"})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "wte\tstandard,voiceVlan\t") {
		t.Errorf("piped list: %q", out)
	}
	out, _, _ = run(t, &ProfileOptions{Action: "list", Output: "json"})
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 3 || rows[1]["name"] != "mitel" {
		t.Errorf("json list: %v %v", rows, err)
	}
}

func TestShowThenCheckEditedCopy(t *testing.T) {
	out, _, err := run(t, &ProfileOptions{Action: "show", Name: "wte", Output: "yaml"})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := profile.BuiltinYAML("wte")
	if out != string(want) {
		t.Error("show does not print the built-in text")
	}
	dir := t.TempDir()
	good := cmdtest.WriteFile(t, dir, "my.yaml", strings.Replace(out, "name: wte", "name: my-wte", 1))
	if out, _, err := run(t, &ProfileOptions{Action: "check", Name: good}); err != nil || !strings.Contains(out, `valid profile "my-wte"`) {
		t.Errorf("good copy: %q %v", out, err)
	}
	bad := cmdtest.WriteFile(t, dir, "bad.yaml", strings.Replace(out, "maxLossPercent: 1", "maxLoss: 1", 1))
	_, errOut, err := run(t, &ProfileOptions{Action: "check", Name: bad})
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(errOut, bad+`:48:3: unknown key "maxLoss"; did you mean "maxLossPercent"?`) {
		t.Errorf("bad copy: %q %v", errOut, err)
	}
	out, _, err = run(t, &ProfileOptions{Action: "show", Name: good, Output: "json"})
	if err != nil || !strings.Contains(out, `"name": "my-wte"`) {
		t.Errorf("show file as json: %v %.200s", err, out)
	}
}
