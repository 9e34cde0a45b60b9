package inventory

import (
	"bytes"
	"context"
	"path/filepath"
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

func TestTargets(t *testing.T) {
	inv, err := inventory.Parse("s.yaml", []byte("sites:\n  - name: hq\n    snmp: {version: 3, user: u, authProto: SHA, authPass: {env: A}, privProto: AES, privPass: {env: P}}\n    switches:\n      - host: 198.18.0.2:1161\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := &inventory.Resolver{Getenv: func(k string) string { return map[string]string{"A": "authpass1", "P": "privpass1"}[k] }}
	ts, err := Targets(context.Background(), r, &inv.Sites[0])
	if err != nil {
		t.Fatal(err)
	}
	c := ts[0].Credentials
	if ts[0].Address != "198.18.0.2:1161" || c.Version != "3" || c.User != "u" || c.AuthPass != "authpass1" || c.PrivProto != "AES" {
		t.Errorf("got %+v %+v", ts[0], c)
	}
	if _, err := Sites(inv, "paris"); cmdutil.CodeFor(err) != cmdutil.ExitUsage {
		t.Errorf("unknown site: %v", err)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := cmdtest.WriteFile(t, dir, "sites.yaml", "sites:\n  - name: hq\n    switches:\n      - host: 198.18.0.2\n")
	secret := cmdtest.WriteFile(t, dir, "secret.yaml", "sites:\n  - name: hq\n    snmp: {community: public}\n    switches:\n      - host: 198.18.0.2\n")
	tests := []struct {
		name      string
		path      string
		wantSites int
		wantErr   []string // each must be in the message; nil for success
		notInErr  string
	}{
		{name: "valid", path: good, wantSites: 1},
		{name: "missing file", path: filepath.Join(dir, "nope.yaml"),
			wantErr: []string{"nope.yaml", "Run 'voxlan inventory check " + filepath.Join(dir, "nope.yaml") + "' after fixing."}},
		{name: "secret in clear", path: secret,
			wantErr: []string{secret + ":3:23:", "Run 'voxlan inventory check " + secret + "' after fixing."}, notInErr: "public"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv, err := Load(tt.path)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
				if len(inv.Sites) != tt.wantSites {
					t.Errorf("%d sites, want %d", len(inv.Sites), tt.wantSites)
				}
				return
			}
			if inv != nil || cmdutil.CodeFor(err) != cmdutil.ExitUsage {
				t.Fatalf("inv = %v, err = %v; want a usage error", inv, err)
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("err = %q, want %q in it", err, want)
				}
			}
			if tt.notInErr != "" && strings.Contains(err.Error(), tt.notInErr) {
				t.Errorf("err = %q shows %q", err, tt.notInErr)
			}
		})
	}
}
