package inventory

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	"github.com/voxlan/voxlan/inventory"
)

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	good := cmdtest.WriteFile(t, dir, "sites.yaml", "sites:\n  - name: hq\n    snmp: {community: {env: HQ_COMM}}\n    switches:\n      - host: 198.18.0.2\n      - host: 198.18.0.3\n")
	bad := cmdtest.WriteFile(t, dir, "bad.yaml", "sites:\n  - name: hq\n    snmp: {community: public}\n    switches:\n      - host: 198.18.0.2\n")
	env := map[string]string{}
	run := func(file string, secrets bool) (string, string, error) {
		var out, errOut bytes.Buffer
		opts := &CheckOptions{IO: &cmdutil.IOStreams{Out: &out, ErrOut: &errOut}, File: file, Secrets: secrets,
			Resolver: &inventory.Resolver{Getenv: func(k string) string { return env[k] }}}
		err := checkRun(context.Background(), opts)
		return out.String(), errOut.String(), err
	}
	if out, _, err := run(good, false); err != nil || out != good+": valid: 1 site(s), 2 switch(es)\n" {
		t.Errorf("good: %q %v", out, err)
	}
	_, errOut, err := run(bad, false)
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.HasPrefix(errOut, bad+":3:23: \"community\" holds a secret") || strings.Contains(errOut, "public") {
		t.Errorf("bad: %q %v", errOut, err)
	}
	_, errOut, err = run(good, true)
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(errOut, "environment variable HQ_COMM is empty or not set") {
		t.Errorf("secrets missing: %q %v", errOut, err)
	}
	env["HQ_COMM"] = "s3cret"
	out, errOut, err := run(good, true)
	if err != nil || strings.Contains(out+errOut, "s3cret") {
		t.Errorf("secrets present: %q %q %v", out, errOut, err)
	}
}
