package inventory

import (
	"context"
	"errors"
	"github.com/voxlan/voxlan/internal/readcap"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadGood(t *testing.T) {
	inv, err := Load("testdata/sites.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Sites) != 2 {
		t.Fatalf("got %d sites", len(inv.Sites))
	}
	hq, err := inv.Site("hq")
	if err != nil {
		t.Fatal(err)
	}
	if hq.Users != 100 || hq.VoiceVLAN != 20 || hq.WAN.UpKbps != 100000 || hq.Switches[1].SNMP.Version != "3" {
		t.Errorf("hq: got %+v", hq)
	}
	if got := hq.SNMPOf(&hq.Switches[0]); got.Community.Env != "VOXLAN_HQ_COMMUNITY" {
		t.Errorf("site default SNMP not inherited: %+v", got)
	}
	if got := hq.SNMPOf(&hq.Switches[1]); got.User != "voxlan" {
		t.Errorf("switch SNMP does not override: %+v", got)
	}
	if _, err := inv.Site("paris"); err == nil || !strings.Contains(err.Error(), "hq, branch-lyon") {
		t.Errorf("unknown site: got %v", err)
	}
	p, err := inv.ProfileOf(&inv.Sites[1])
	if err != nil || p.Name != "wte" {
		t.Errorf("default profile: got %v %v", p, err)
	}
}

// TestBrokenFiles is the table of mistakes and the exact error each gives.
func TestBrokenFiles(t *testing.T) {
	const head = "sites:\n  - name: hq\n    switches:\n      - host: 198.18.0.2\n"
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"empty", "", "s.yaml:1:1: the file is empty"},
		{"not yaml", "sites: [\n", "s.yaml:1:1: not valid YAML: did not find expected node content"},
		{"no sites key", "site:\n  - name: hq\n",
			"s.yaml:1:1: unknown key \"site\"; did you mean \"sites\"? (valid keys: sites)"},
		{"unknown site key", head + "    userz: 4\n",
			"s.yaml:5:5: unknown key \"userz\"; did you mean \"users\"? (valid keys: dataVlan, engineering, internetVia, name, profile, snmp, ssh, switches, users, voiceVlan, wan)"},
		{"community in clear", head + "    snmp:\n      community: s3cr3t-comm\n",
			"s.yaml:6:18: \"community\" holds a secret, which is never written in the inventory in clear; write a reference instead: community: {env: VOXLAN_COMMUNITY} (or {keyring: NAME}, {file: PATH} readable only by you, {prompt: true})"},
		{"ssh password in clear", head + "    ssh:\n      password: hunter2\n",
			"s.yaml:6:17: \"password\" holds a secret, which is never written in the inventory in clear; write a reference instead: password: {env: VOXLAN_PASSWORD} (or {keyring: NAME}, {file: PATH} readable only by you, {prompt: true})"},
		{"secret under a made-up key", head + "        secret: abc\n",
			"s.yaml:5:9: unknown key \"secret\"; a secret is never written in the inventory: put it in an environment variable, the OS keyring or an owner-only file, and reference it under snmp (community, authPass, privPass) or ssh (password, enable) as {env: NAME}, {keyring: NAME}, {file: PATH} or {prompt: true}"},
		{"two sources", head + "    snmp:\n      community: {env: A, file: /x}\n",
			"s.yaml:6:7: community: give only one of env, keyring, file or prompt"},
		{"bad env name", head + "    snmp:\n      community: {env: 1A}\n",
			"s.yaml:6:7: community: env is not a variable name (letters, digits and _, not starting with a digit); give the name of the variable that holds the secret, never the secret itself"},
		{"secret where the env name goes", head + "    snmp:\n      community: {env: 's3cr3t-comm!'}\n",
			"s.yaml:6:7: community: env is not a variable name (letters, digits and _, not starting with a digit); give the name of the variable that holds the secret, never the secret itself"},
		{"no switches", "sites:\n  - name: hq\n    switches: []\n",
			"s.yaml:3:5: site \"hq\" has no switch; list at least one under \"switches:\""},
		{"missing switches", "sites:\n  - name: hq\n",
			"s.yaml:2:5: \"switches\" is missing here; add a line \"switches: ...\""},
		{"bad host", "sites:\n  - name: hq\n    switches:\n      - host: 'sw 1'\n",
			"s.yaml:4:9: host \"sw 1\" is neither an IP address nor a DNS name"},
		{"duplicate host", head + "      - host: 198.18.0.2\n",
			"s.yaml:5:9: switch 198.18.0.2 is listed twice in site \"hq\""},
		{"duplicate site", head + "  - name: hq\n    switches:\n      - host: 198.18.0.9\n",
			"s.yaml:5:5: site \"hq\" is listed twice; give each site its own name"},
		{"users not a number", head + "    users: many\n",
			"s.yaml:5:12: \"users\" must be a whole number, not \"many\""},
		{"vlan out of range", head + "    voiceVlan: 4095\n",
			"s.yaml:5:5: voiceVlan 4095 is outside 1-4094"},
		{"voice equals data", head + "    dataVlan: 10\n    voiceVlan: 10\n",
			"s.yaml:6:5: voiceVlan 10 is also the dataVlan; voice needs its own VLAN"},
		{"bad engineering", head + "    engineering: vlan\n",
			"s.yaml:5:5: engineering \"vlan\" must be standard or voiceVlan (or leave it out to infer it)"},
		{"unknown profile", head + "    profile: stas\n",
			"s.yaml:5:5: profile \"stas\" is neither built in (wte, mitel, generic) nor a .yaml file; copy one with 'voxlan profile show wte > my.yaml' and pass its path"},
		{"bad wan access", head + "    wan: {access: dsl, downKbps: 1, upKbps: 1}\n",
			"s.yaml:5:11: access \"dsl\" must be one of adsl, sdsl, vdsl, fibre, cable, satellite, other"},
		{"wan in Mbit/s string", head + "    wan: {access: adsl, downKbps: 8M, upKbps: 1}\n",
			"s.yaml:5:35: \"downKbps\" must be a whole number, not \"8M\""},
		{"snmp v3 without user", head + "    snmp: {version: 3}\n",
			"s.yaml:5:5: SNMPv3 needs a user: add \"user: NAME\""},
		{"snmp v1", head + "    snmp: {version: 1}\n",
			"s.yaml:5:12: SNMPv1 is not supported; use \"2c\" or \"3\""},
		{"v3 settings on v2c", head + "    snmp: {user: bob}\n",
			"s.yaml:5:5: user, authPass and privPass are SNMPv3 settings; add \"version: \\\"3\\\"\" or remove them"},
		{"auth without pass", head + "    snmp: {version: 3, user: u, authProto: SHA}\n",
			"s.yaml:5:5: authProto and authPass go together: give both or neither"},
		{"bad auth proto", head + "    snmp: {version: 3, user: u, authProto: SHA1, authPass: {env: A}}\n",
			"s.yaml:5:33: authProto \"SHA1\" must be one of MD5, SHA, SHA224, SHA256, SHA384, SHA512"},
		{"ssh port", head + "    ssh: {port: 70000}\n",
			"s.yaml:5:11: port 70000 must be 1-65535"},
		{"switches not a list", "sites:\n  - name: hq\n    switches: 198.18.0.2\n",
			"s.yaml:3:15: \"switches\" must be a list (lines starting with \"- \"), not \"198.18.0.2\""},
		{"internetVia unknown site", head + "    internetVia: paris\n",
			"s.yaml:5:5: internetVia \"paris\" is not a site of this inventory"},
		{"internetVia itself", head + "    internetVia: hq\n",
			"s.yaml:5:5: site \"hq\" cannot reach the Internet through itself; remove internetVia"},
		{"internetVia with a wan", head + "    internetVia: gw\n    wan: {access: fibre, downKbps: 1, upKbps: 1}\n  - name: gw\n    switches:\n      - host: 198.18.0.9\n",
			"s.yaml:5:5: a site that reaches the Internet through \"gw\" has no WAN of its own to size; remove wan or internetVia"},
		{"duplicate key", head + "    users: 3\n    users: 4\n",
			"s.yaml:6:5: \"users\" is written twice; keep one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("s.yaml", []byte(tc.yaml))
			if err == nil {
				t.Fatal("got no error")
			}
			if err.Error() != tc.want {
				t.Errorf("got  %s\nwant %s", err, tc.want)
			}
			for _, secret := range []string{"s3cr3t-comm", "hunter2", "abc"} {
				if strings.Contains(tc.yaml, secret) && strings.Contains(err.Error(), secret) {
					t.Errorf("the error repeats the secret %q", secret)
				}
			}
		})
	}
}

func TestEveryMistakeReported(t *testing.T) {
	_, err := Parse("s.yaml", []byte("sites:\n  - name: hq\n    userz: 1\n    switches:\n      - host: 'a b'\n        nam: x\n"))
	if err == nil {
		t.Fatal("no error")
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 2 {
		t.Errorf("got %d errors, want 2 (unknown keys; the host is checked after decoding):\n%s", n, err)
	}
}

func TestProfilePathRelativeToInventory(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("../profile/builtin/mitel.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "my.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	inv := filepath.Join(dir, "sites.yaml")
	if err := os.WriteFile(inv, []byte("sites:\n  - name: hq\n    profile: my.yaml\n    switches:\n      - host: 198.18.0.2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Load(inv)
	if err != nil {
		t.Fatal(err)
	}
	p, err := got.ProfileOf(&got.Sites[0])
	if err != nil || p.Name != "mitel" {
		t.Errorf("got %v %v", p, err)
	}
}

type fakeKeyring map[string]string

func (k fakeKeyring) Get(service, name string) (string, error) {
	if v, ok := k[service+"/"+name]; ok {
		return v, nil
	}
	return "", errors.New("secret not found in keyring")
}

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	open := filepath.Join(dir, "open")
	if err := os.WriteFile(good, []byte("fromfile\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(open, []byte("leaky\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &Resolver{
		Getenv:  func(k string) string { return map[string]string{"COMM": "fromenv"}[k] },
		Keyring: fakeKeyring{"voxlan/hq": "fromkeyring"},
		Prompt:  func(ctx context.Context, label string) (string, error) { return "typed", nil },
		UID:     os.Getuid(),
	}
	ctx := context.Background()
	for _, tc := range []struct {
		ref      SecretRef
		want     string
		wantErr  string
		noSecret string
	}{
		{ref: SecretRef{Env: "COMM"}, want: "fromenv"},
		{ref: SecretRef{Env: "NOPE"}, wantErr: "environment variable NOPE is empty or not set"},
		{ref: SecretRef{Keyring: "hq"}, want: "fromkeyring"},
		{ref: SecretRef{Keyring: "other"}, wantErr: "keyring: secret not found"},
		{ref: SecretRef{Prompt: true}, want: "typed"},
		{ref: SecretRef{File: good}, want: "fromfile"},
		{ref: SecretRef{File: open}, wantErr: "is readable by others (mode 0644); run: chmod 600", noSecret: "leaky"},
		{ref: SecretRef{File: filepath.Join(dir, "missing")}, wantErr: "no such file"},
	} {
		got, err := r.Resolve(ctx, &tc.ref, "snmp community of hq/sw1")
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !errors.Is(err, ErrSecret) {
				t.Errorf("%s: got %q, %v; want error %q", tc.ref.String(), got, err, tc.wantErr)
			}
			if err != nil && tc.noSecret != "" && strings.Contains(err.Error(), tc.noSecret) {
				t.Errorf("%s: error leaks the secret", tc.ref.String())
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.ref.String(), got, err, tc.want)
		}
	}
	// A file owned by someone else is refused even with mode 600.
	other := &Resolver{UID: os.Getuid() + 1}
	if _, err := other.Resolve(ctx, &SecretRef{File: good}, "x"); err == nil || !strings.Contains(err.Error(), "not to you") {
		t.Errorf("foreign owner: got %v", err)
	}
	noTTY := &Resolver{}
	if _, err := noTTY.Resolve(ctx, &SecretRef{Prompt: true}, "x"); err == nil || !strings.Contains(err.Error(), "no terminal") {
		t.Errorf("prompt without terminal: got %v", err)
	}
}

func TestSNMPCredentials(t *testing.T) {
	inv, err := Load("testdata/sites.yaml")
	if err != nil {
		t.Fatal(err)
	}
	hq, _ := inv.Site("hq")
	r := &Resolver{Getenv: func(string) string { return "c0mm" }, UID: os.Getuid()}
	c, err := r.SNMPCredentials(context.Background(), hq, &hq.Switches[0])
	if err != nil || c.Version != "2c" || c.Community != "c0mm" {
		t.Errorf("got %+v %v", c, err)
	}
	_, err = r.SNMPCredentials(context.Background(), hq, &hq.Switches[1])
	if err == nil || !strings.Contains(err.Error(), "snmp authPass of hq/198.18.0.3:1161 (file reference at testdata/sites.yaml line 26, key authPass): stat the file: no such file") {
		t.Errorf("missing file: got %v", err)
	}
	lyon, _ := inv.Site("branch-lyon")
	if c, err := r.SNMPCredentials(context.Background(), lyon, &lyon.Switches[0]); c != nil || err != nil {
		t.Errorf("no settings: got %+v %v", c, err)
	}
}

// fileInfo lets a test fake a stat result.
type fileInfo struct{ mode fs.FileMode }

func (f fileInfo) Name() string       { return "f" }
func (f fileInfo) Size() int64        { return 1 }
func (f fileInfo) Mode() fs.FileMode  { return f.mode }
func (f fileInfo) ModTime() time.Time { return time.Time{} }
func (f fileInfo) IsDir() bool        { return false }
func (f fileInfo) Sys() any           { return nil }

func TestResolveRefusesNonRegularFile(t *testing.T) {
	r := &Resolver{Stat: func(string) (fs.FileInfo, error) { return fileInfo{mode: fs.ModeNamedPipe | 0o600}, nil }}
	if _, err := r.Resolve(context.Background(), &SecretRef{File: "/p"}, "x"); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("got %v", err)
	}
}

func FuzzParse(f *testing.F) {
	data, err := os.ReadFile("testdata/sites.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("sites:\n  - name: hq\n    snmp: {community: x}\n"))
	f.Add([]byte("sites: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := Parse("fuzz.yaml", data)
		if err == nil && (inv == nil || len(inv.Sites) == 0) {
			t.Fatal("accepted an inventory without sites")
		}
	})
}

func TestInternetViaCarriesUsers(t *testing.T) {
	inv, err := Parse("s.yaml", []byte(`sites:
  - name: paris
    users: 50
    wan: {access: fibre, downKbps: 100000, upKbps: 100000}
    switches: [{host: 198.18.0.2}]
  - name: lyon
    users: 30
    internetVia: paris
    switches: [{host: 198.18.1.2}]
  - name: nice
    users: 20
    internetVia: paris
    switches: [{host: 198.18.2.2}]
`))
	if err != nil {
		t.Fatal(err)
	}
	paris, _ := inv.Site("paris")
	if paris.CarriedUsers != 50 || strings.Join(paris.CarriedSites, ",") != "lyon,nice" {
		t.Errorf("got %d users from %v", paris.CarriedUsers, paris.CarriedSites)
	}
}

// TestUnresolvedReferenceNeverEchoed: a secret pasted where a file path,
// a keyring entry or a variable name belongs must not come back in the
// error; the reference is named by its line and key.
func TestUnresolvedReferenceNeverEchoed(t *testing.T) {
	doc := `sites:
  - name: hq
    switches:
      - host: 198.18.0.2
        snmp:
          community: {file: "Sup3r-S3cret-A"}
        ssh:
          password: {keyring: "Sup3r-S3cret-B"}
          enable: {prompt: true}
`
	inv, err := Parse("sites.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	hq, _ := inv.Site("hq")
	sw := &hq.Switches[0]
	r := &Resolver{Keyring: fakeKeyring{}, UID: os.Getuid()}
	ctx := context.Background()
	for _, tc := range []struct {
		ref  *SecretRef
		want string
	}{
		{sw.SNMP.Community, "file reference at sites.yaml line 6, key community"},
		{sw.SSH.Password, "keyring reference at sites.yaml line 8, key password"},
		{sw.SSH.Enable, "prompt at sites.yaml line 9, key enable"},
	} {
		_, err := r.Resolve(ctx, tc.ref, "a secret of hq/198.18.0.2")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want it to name %q", err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "Sup3r-S3cret") {
			t.Errorf("error echoes the reference: %v", err)
		}
	}
}

// TestLoadBounded: an endless file (/dev/zero) is refused once past
// MaxFileBytes instead of exhausting memory.
func TestLoadBounded(t *testing.T) {
	_, err := Load("/dev/zero")
	if !errors.Is(err, readcap.ErrTooLarge) {
		t.Fatalf("got %v, want a too-large error", err)
	}
}
