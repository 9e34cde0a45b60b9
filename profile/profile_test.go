package profile

import (
	"errors"
	"github.com/voxlan/voxlan/internal/readcap"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestBuiltinsLoad(t *testing.T) {
	for _, name := range Names() {
		p, err := Builtin(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p.Name != name {
			t.Errorf("%s: got name %q", name, p.Name)
		}
	}
	wte, _ := Builtin("wte")
	if wte.Transport.MaxLatencyMs != 150 || wte.Transport.MaxJitterMs != 40 || wte.Transport.MaxLossPercent != 1 {
		t.Errorf("wte transport: got %+v, want 150/40/1", wte.Transport)
	}
	if wte.Engineerings[0] != EngineeringStandard {
		t.Errorf("wte default engineering: got %q, want standard", wte.Engineerings[0])
	}
	mitel, _ := Builtin("mitel")
	if mitel.LLDPMED.Voice != (PolicyValues{Priority: 6, DSCP: 46}) || *mitel.LLDPMED.VoiceSignaling != (PolicyValues{Priority: 6, DSCP: 40}) {
		t.Errorf("mitel QoS: got %+v %+v", mitel.LLDPMED.Voice, mitel.LLDPMED.VoiceSignaling)
	}
}

func TestLoadByNameOrPath(t *testing.T) {
	if _, err := Load("nope"); err == nil || !strings.Contains(err.Error(), "wte, mitel, generic") {
		t.Errorf("unknown name: got %v", err)
	}
	if _, err := Load("/does/not/exist.yaml"); err == nil {
		t.Error("missing file: got no error")
	}
}

// TestEditedCopyErrors edits the wte profile the way a user would and checks
// the exact error each mistake gives.
func TestEditedCopyErrors(t *testing.T) {
	base, err := BuiltinYAML("wte")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		old, new string
		want     string
	}{
		{"unknown key with suggestion", "  maxJitterMs: 40", "  maxJiterMs: 40",
			`my.yaml:47:3: unknown key "maxJiterMs"; did you mean "maxJitterMs"? (valid keys: maxJitterMs, maxLatencyMs, maxLossPercent)`},
		{"missing required key", "  maxJitterMs: 40\n", "",
			`my.yaml:46:3: "maxJitterMs" is missing here; add a line "maxJitterMs: ..."`},
		{"wrong type", "  minSpeedMbps: 100", "  minSpeedMbps: fast",
			`my.yaml:30:17: "minSpeedMbps" must be a whole number, not "fast"`},
		{"not an Ethernet speed", "  minSpeedMbps: 100", "  minSpeedMbps: 150",
			`my.yaml:30:3: minSpeedMbps 150 is not an Ethernet speed; write 10, 100, 1000, 2500, 5000 or 10000`},
		{"DSCP out of range", "{priority: 5, dscp: 46}", "{priority: 5, dscp: 64}",
			`my.yaml:37:24: DSCP 64 is outside 0-63 (EF is 46)`},
		{"bad engineering", "engineerings: [standard, voiceVlan]", "engineerings: [standard, vlan]",
			`my.yaml:14:26: engineering "vlan" is not standard or voiceVlan`},
		{"bad port range", `ports: ["8934", "5062"]`, `ports: ["8934", "6000-5000"]`,
			`my.yaml:57:59: port range "6000-5000" must be within 1-65535, low end first`},
		{"duplicate key", "  blocking: 0.01\n", "  blocking: 0.01\n  blocking: 0.02\n",
			`my.yaml:53:3: "blocking" is written twice; keep one`},
		{"syntax", "poe:\n", "poe:\n bad\n",
			`my.yaml:23:1: not valid YAML: mapping values are not allowed in this context`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edited := strings.Replace(string(base), tc.old, tc.new, 1)
			if edited == string(base) {
				t.Fatalf("edit %q not applied", tc.old)
			}
			_, err := Parse("my.yaml", []byte(edited))
			if err == nil {
				t.Fatal("got no error")
			}
			if err.Error() != tc.want {
				t.Errorf("got  %s\nwant %s", err, tc.want)
			}
		})
	}
}

func TestParseEmpty(t *testing.T) {
	_, err := Parse("e.yaml", nil)
	if err == nil || err.Error() != "e.yaml:1:1: the file is empty" {
		t.Errorf("got %v", err)
	}
}

// FuzzParse feeds edited profiles to the loader: it must return a profile or
// an error, never panic.
func FuzzParse(f *testing.F) {
	for _, name := range Names() {
		data, err := BuiltinYAML(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("name: [\n"))
	f.Add([]byte("poe: {classPowerW: {x: 1}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("fuzz.yaml", data)
		if err == nil && p == nil {
			t.Fatal("nil profile without error")
		}
	})
}

// TestDNSNames: the built-in profiles carry the host names of their
// sources, and the loader refuses what is not a host name to resolve.
func TestDNSNames(t *testing.T) {
	for name, want := range map[string][]string{
		"wte":     {"activate.cisco.com", "webapps.cisco.com", "sudirenewal.cisco.com", "cloudupgrader.webex.com", "cscan.webex.com"},
		"mitel":   {"rcs.aastra.com"},
		"generic": nil,
	} {
		p, err := Builtin(name)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(p.DNS.Names, want) {
			t.Errorf("%s: dns.names %q, want %q", name, p.DNS.Names, want)
		}
	}
	base, err := BuiltinYAML("wte")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, new, want string }{
		{"wildcard", `"*.webex.com"`, `my.yaml:75:7: name "*.webex.com" is a wildcard; write a host under it (e.g. "www.webex.com")`},
		{"url", "https://webapps.cisco.com/x", `my.yaml:75:7: name "https://webapps.cisco.com/x" is not a host name; write only the host, without scheme, port or path`},
		{"one label", "webex", `my.yaml:75:7: name "webex" is not a fully qualified host name like activate.cisco.com`},
		{"bad label", "web_apps.cisco.com", `my.yaml:75:7: name "web_apps.cisco.com" has an invalid label "web_apps": letters, digits and inner hyphens, 1-63 characters`},
		{"duplicate", "ACTIVATE.cisco.com", `my.yaml:75:7: "ACTIVATE.cisco.com" is listed twice; keep one`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edited := strings.Replace(string(base), "    - webapps.cisco.com\n", "    - "+tc.new+"\n", 1)
			_, err := Parse("my.yaml", []byte(edited))
			if err == nil || err.Error() != tc.want {
				t.Errorf("got  %v\nwant %s", err, tc.want)
			}
		})
	}
	// A copy made before dns existed still loads, with no names.
	i := strings.Index(string(base), "\ndns:\n")
	j := strings.Index(string(base), "\nphones:\n")
	old := string(base[:i]) + string(base[j:])
	p, err := Parse("old.yaml", []byte(old))
	if err != nil || len(p.DNS.Names) != 0 {
		t.Errorf("profile without dns: %v %v", err, p)
	}
}

// TestLoadNonYAMLFileNeverEchoed: `profile: PATH` pointing at a file that
// is not a profile (a secret, a shell script) is refused without repeating
// any of its content.
func TestLoadNonYAMLFileNeverEchoed(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"community":  "S3cret-Community-Line\n",
		"script.yml": "#!/bin/sh\nexport TOKEN=S3cret-Token-Value\n",
		"list.yaml":  "- S3cret-Item\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Load(path)
		if err == nil {
			t.Fatalf("%s: loaded as a profile", name)
		}
		if strings.Contains(err.Error(), "S3cret") {
			t.Errorf("%s: error repeats the file's content: %v", name, err)
		}
	}
}

// TestLoadBounded: an endless file (/dev/zero) is refused once past
// MaxFileBytes instead of exhausting memory.
func TestLoadBounded(t *testing.T) {
	if _, err := Load("/dev/zero"); !errors.Is(err, readcap.ErrTooLarge) {
		t.Fatalf("got %v, want a too-large error", err)
	}
}
