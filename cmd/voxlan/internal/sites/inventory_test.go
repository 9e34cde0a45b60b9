package sites

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	"github.com/voxlan/voxlan/inventory"
)

func TestTargets(t *testing.T) {
	inv, err := inventory.Parse("s.yaml", []byte("sites:\n  - name: hq\n    snmp: {version: 3, user: u, authProto: SHA, authPass: {env: A}, privProto: AES, privPass: {env: P}}\n    switches:\n      - host: 198.18.0.2:1161\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := &inventory.Resolver{Getenv: func(k string) string { return map[string]string{"A": "authpass1", "P": "privpass1"}[k] }}
	ts, err := SNMPTargets(context.Background(), r, &inv.Sites[0])
	if err != nil {
		t.Fatal(err)
	}
	c := ts[0].Credentials
	if ts[0].Address != "198.18.0.2:1161" || c.Version != "3" || c.User != "u" || c.AuthPass != "authpass1" || c.PrivProto != "AES" {
		t.Errorf("got %+v %+v", ts[0], c)
	}
	if _, err := SelectSites(inv, "paris"); cmdutil.CodeFor(err) != cmdutil.ExitUsage {
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
			inv, err := LoadInventory(tt.path)
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
