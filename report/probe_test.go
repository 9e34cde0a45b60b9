package report

import (
	"strings"
	"testing"

	"github.com/voxlan/voxlan/snapshot"
)

// skipArgs are the arguments the probe gives each skip code
// (docs/snapshot.md, ProbeSkip).
var skipArgs = map[string]map[string]string{
	snapshot.ProbeSkipVoiceNoVLAN:         {"wait": "3s"},
	snapshot.ProbeSkipVoiceTagsHidden:     {"vlan": "20"},
	snapshot.ProbeSkipDNSVoiceUnreachable: {"server": "198.18.20.1", "error": "connect: network is unreachable"},
}

// Each check the probe did not run is worded in the report's language by
// its code, its arguments in place; a line without a code (a snapshot
// written before codes) keeps the probe's English.
func TestProbeSkipsTranslated(t *testing.T) {
	p := &snapshot.Probe{}
	for _, code := range snapshot.ProbeSkipCodes {
		p.Skipped = append(p.Skipped, "english line of "+code)
		p.Skips = append(p.Skips, snapshot.ProbeSkip{Code: code, Args: skipArgs[code]})
	}
	for _, l := range Langs {
		c := loadAll(t)[l]
		tables := probeTables(c, p)
		if len(tables) != 1 || len(tables[0].Rows) != len(snapshot.ProbeSkipCodes) {
			t.Fatalf("%s: tables %+v", l, tables)
		}
		for i, row := range tables[0].Rows {
			code := snapshot.ProbeSkipCodes[i]
			if row[0] == p.Skipped[i] || placeholder.MatchString(row[0]) || strings.HasPrefix(row[0], "!") {
				t.Errorf("%s: %s worded %q", l, code, row[0])
			}
			for _, v := range skipArgs[code] {
				if !strings.Contains(row[0], v) {
					t.Errorf("%s: %s: %q lacks %q", l, code, row[0], v)
				}
			}
		}
	}
	fr := loadAll(t)[French]
	row := probeTables(fr, &snapshot.Probe{Skips: p.Skips[:1], Skipped: p.Skipped[:1]})[0].Rows[0][0]
	if !strings.Contains(row, "aucune cible donnée") {
		t.Errorf("fr: %q", row)
	}
	old := &snapshot.Probe{Skipped: []string{"dns: no names to resolve"}}
	if row := probeTables(fr, old)[0].Rows[0][0]; row != "dns: no names to resolve" {
		t.Errorf("line without a code: %q", row)
	}
	unknown := &snapshot.Probe{Skipped: []string{"future: something"}, Skips: []snapshot.ProbeSkip{{Code: "future.code"}}}
	if row := probeTables(fr, unknown)[0].Rows[0][0]; row != "future: something" {
		t.Errorf("unknown code: %q", row)
	}
}

// The missing-rights lines name each OS's remedy: root or CAP_NET_RAW on
// Linux (and for snapshots written before the OS was recorded), an
// administrator prompt with Npcap on Windows, sudo for /dev/bpf* on macOS.
func TestProbeSkipsWordedPerOS(t *testing.T) {
	for _, l := range Langs {
		c := loadAll(t)[l]
		for _, code := range []string{snapshot.ProbeSkipDHCPNoRawAccess, snapshot.ProbeSkipLLDPNoRawAccess} {
			for os, want := range map[string]string{"": "CAP_NET_RAW", "linux": "CAP_NET_RAW", "windows": "Npcap", "darwin": "/dev/bpf"} {
				sk := snapshot.ProbeSkip{Code: code}
				if os != "" {
					sk.Args = map[string]string{"os": os}
				}
				p := &snapshot.Probe{Skipped: []string{"english"}, Skips: []snapshot.ProbeSkip{sk}}
				row := probeTables(c, p)[0].Rows[0][0]
				if !strings.Contains(row, want) || (os != "linux" && os != "" && strings.Contains(row, "CAP_NET_RAW")) {
					t.Errorf("%s: %s on %q: %q, want %q in it", l, code, os, row, want)
				}
			}
		}
	}
}
