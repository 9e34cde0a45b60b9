package plan

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/voxlan/voxlan/drivers/cisco_ios"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/plan/plantest"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/drivers/all"
	"github.com/voxlan/voxlan/inventory"
)

func testIO() (*cmdutil.IOStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}, &out, &errOut
}

func TestPlanSendsNothing(t *testing.T) {
	l := plantest.NewLab(t, "Gi1/0/1", "Gi1/0/2", "Te1/1/1")
	before := l.Dev.RunningConfig()
	io, out, errOut := testIO()
	opts := &PlanOptions{IO: io, Source: source(t, l), Output: "json"}
	if err := planRun(t.Context(), opts); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if after := l.Dev.RunningConfig(); after != before {
		t.Fatal("plan changed the switch")
	}
	var res struct {
		Schema   string
		Switches []struct {
			Switch  string
			Lines   []string
			Refused []struct{ Port, Reason string }
			Diff    []struct {
				Title string
				Lines []string
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.Schema != Schema || len(res.Switches) != 1 {
		t.Fatalf("got %s", out)
	}
	sw := res.Switches[0]
	if !strings.Contains(strings.Join(sw.Lines, "\n"), "interface GigabitEthernet1/0/2\nswitchport voice vlan 20\nnetwork-policy 1") {
		t.Errorf("lines: %q", sw.Lines)
	}
	if len(sw.Refused) != 1 || sw.Refused[0].Port != "Te1/1/1" {
		t.Errorf("refused: %+v, want the uplink", sw.Refused)
	}
	if strings.Contains(out.String()+errOut.String(), l.Password) {
		t.Error("password printed")
	}
	// Table form for people shows the diff.
	io, out, _ = testIO()
	opts = &PlanOptions{IO: io, Source: source(t, l), Output: "table"}
	if err := planRun(t.Context(), opts); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"== 127.0.0.1 (cisco_ios)", "interface GigabitEthernet1/0/1", "+ switchport voice vlan 20", "refused Te1/1/1: uplink"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

// TestPlanNeedsSource refuses, before any packet, what cannot name the
// changes: nothing at all, a snapshot without an inventory, an inventory
// of several sites without --site.
func TestPlanNeedsSource(t *testing.T) {
	inv := filepath.Join(t.TempDir(), "sites.yaml")
	if err := os.WriteFile(inv, []byte("sites:\n  - name: hq\n    switches:\n      - host: 198.18.0.2\n  - name: branch\n    switches:\n      - host: 198.18.0.3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	io, _, _ := testIO()
	discover := func(context.Context, string, []snmp.Target, snmp.Options) *snapshot.Snapshot {
		t.Fatal("discovered before the input was checked")
		return nil
	}
	err := planRun(t.Context(), &PlanOptions{IO: io, Source: sites.Source{InventoryFile: inv, Discover: discover}})
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "--site") || !strings.Contains(err.Error(), "branch, hq") {
		t.Errorf("got %v", err)
	}
	err = planRun(t.Context(), &PlanOptions{IO: io, Source: sites.Source{SnapshotFile: "site.json"}})
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "--snapshot needs --inventory") {
		t.Errorf("got %v", err)
	}
	err = planRun(t.Context(), &PlanOptions{IO: io, Source: sites.Source{}})
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "--inventory") {
		t.Errorf("got %v", err)
	}
}

// TestPlanFromSnapshot audits a snapshot against the inventory's site (its
// voice VLAN, engineering and profile) and plans the result.
func TestPlanFromSnapshot(t *testing.T) {
	l := plantest.NewLab(t)
	l.Dev.AddPhone("Gi1/0/2")
	outs := map[string]string{}
	d := cisco_ios.Driver{}
	sh := l.Dev.NewShell()
	sh.Exec("configure terminal")
	sh.Exec("lldp run")
	sh.Exec("end")
	for _, c := range d.Commands() {
		outs[c], _ = l.Dev.NewShell().Exec(c)
	}
	sw := snapshot.Switch{Target: "127.0.0.1"}
	if err := d.Fill(&sw, outs); err != nil {
		t.Fatal(err)
	}
	snap := snapshot.New("lab")
	snap.Switches = append(snap.Switches, sw)
	dir := t.TempDir()
	sf := filepath.Join(dir, "site.json")
	f, err := os.Create(sf)
	if err != nil {
		t.Fatal(err)
	}
	if err := snapshot.Encode(f, snap); err != nil {
		t.Fatal(err)
	}
	f.Close()
	inv := filepath.Join(dir, "sites.yaml")
	yaml := fmt.Sprintf(`sites:
  - name: lab
    profile: generic
    engineering: voiceVlan
    users: 10
    dataVlan: 10
    voiceVlan: 20
    ssh:
      platform: cisco_ios
      port: %d
      user: admin
      password: {env: LAB_SSH_PASSWORD}
    switches:
      - host: 127.0.0.1
`, l.Port)
	if err := os.WriteFile(inv, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"LAB_SSH_PASSWORD": l.Password, "HOME": l.Env["HOME"]}
	src := source(t, l)
	src.AuditFile, src.SnapshotFile, src.InventoryFile, src.Platform, src.SSHPort = "", sf, inv, "", 0
	src.Getenv = func(k string) string { return env[k] }
	src.Resolver = inventory.NewResolver(src.Getenv, nil)
	io, out, errOut := testIO()
	if err := planRun(t.Context(), &PlanOptions{IO: io, Source: src, Output: "table"}); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	for _, want := range []string{"interface GigabitEthernet1/0/2", "+ switchport voice vlan 20", "vlan 20"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("plan lacks %q:\n%s", want, out)
		}
	}
}

func TestPlanNoCredentials(t *testing.T) {
	l := plantest.NewLab(t, "Gi1/0/1")
	delete(l.Env, sites.EnvPassword)
	io, _, _ := testIO()
	err := planRun(t.Context(), &PlanOptions{IO: io, Source: source(t, l), Output: "json"})
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), sites.EnvPassword) {
		t.Errorf("got %v", err)
	}
}

func source(t *testing.T, l *plantest.Lab) sites.Source {
	reg, err := all.New()
	if err != nil {
		t.Fatal(err)
	}
	getenv := func(k string) string { return l.Env[k] }
	return sites.Source{AuditFile: l.AuditFile, Platform: "cisco_ios", SSHPort: l.Port, AcceptNewKey: true,
		KnownHosts: filepath.Join(l.Env["HOME"], ".ssh", "known_hosts"), Timeout: 5 * time.Second,
		Getenv: getenv, Resolver: inventory.NewResolver(getenv, nil), Registry: reg}
}

// TestPlanFromInventory takes the platform, port, user and password
// reference from the inventory; the password is in an environment variable
// the inventory names, never in the file.
func TestPlanFromInventory(t *testing.T) {
	l := plantest.NewLab(t, "Gi1/0/1")
	inv := filepath.Join(t.TempDir(), "sites.yaml")
	yaml := fmt.Sprintf(`sites:
  - name: lab
    ssh:
      platform: cisco_ios
      port: %d
      user: admin
      password: {env: LAB_SSH_PASSWORD}
    switches:
      - host: 127.0.0.1
        name: sw1
`, l.Port)
	if err := os.WriteFile(inv, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"LAB_SSH_PASSWORD": l.Password, "HOME": l.Env["HOME"]}
	src := source(t, l)
	src.Platform, src.SSHPort, src.InventoryFile = "", 0, inv
	src.Getenv = func(k string) string { return env[k] }
	src.Resolver = inventory.NewResolver(src.Getenv, nil)
	io, out, errOut := testIO()
	if err := planRun(t.Context(), &PlanOptions{IO: io, Source: src, Output: "table"}); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if !strings.Contains(out.String(), "== 127.0.0.1 (cisco_ios)") || !strings.Contains(errOut.String(), "admin@127.0.0.1:") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}
	delete(env, "LAB_SSH_PASSWORD")
	err := planRun(t.Context(), &PlanOptions{IO: io, Source: src, Output: "table"})
	if err == nil || !strings.Contains(err.Error(), "LAB_SSH_PASSWORD") {
		t.Errorf("missing secret: got %v, want an error naming the reference", err)
	}
}
