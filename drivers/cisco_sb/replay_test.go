package cisco_sb_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/voxlan/voxlan/drivers/cisco_sb"
	vssh "github.com/voxlan/voxlan/drivers/ssh"
)

var record = flag.Bool("record", false, "re-record testdata/session.txt against the emulator")

var replayLines = []string{"interface gi5", "switchport mode general", "switchport voice vlan 20", "exit"}

// TestReplaySession replays a recorded SB session (the emulator's side,
// from scrapligo's channel log) through scrapligo's file transport with the
// driver's embedded platform: on-open (terminal datadump, width), a show
// command the parsers read, then configuration lines where SB rejects the
// IOS spelling of a voice VLAN. -record records it again.
func TestReplaySession(t *testing.T) {
	rec := filepath.Join("testdata", "session.txt")
	if *record {
		l := newSBLab(t)
		var log bytes.Buffer
		o := l.Opts
		o.ChannelLog = &log
		s, err := vssh.Open(t.Context(), o)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Command(t.Context(), "show vlan"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Configure(t.Context(), replayLines, 4); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if err := os.WriteFile(rec, log.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	r, err := vssh.Open(ctx, vssh.Options{Addr: "replay:22", User: "admin", Attrs: cisco_sb.Driver{}.Attrs(), ReplayFile: rec, Timeout: 15 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	out, err := r.Command(ctx, "show vlan")
	if err != nil {
		t.Fatal(err)
	}
	vl, err := cisco_sb.ParseVLANs(out)
	if err != nil || len(vl) != 3 || vl[1].ID != 10 || vl[1].Name != "DATA" {
		t.Fatalf("replayed show vlan: %+v %v", vl, err)
	}
	res, err := r.Configure(ctx, replayLines, 4)
	// The batch went in one write; SB answered all four lines.
	if err != nil || len(res) != 4 {
		t.Fatalf("replayed configure: %+v %v", res, err)
	}
	if res[0].Error != "" || res[1].Error != "" || res[2].Error != "% Unrecognized command" || res[3].Error != "" {
		t.Errorf("replayed replies: %+v", res)
	}
}
