package ssh

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/voxlan/voxlan/drivers/cisco_ios"
)

var update = flag.Bool("update", false, "re-record testdata/ios-session.txt against the emulator and rewrite the golden files")

// replayScript is the session recorded in testdata: a show command, then a
// batch with a line IOS rejects.
func replayScript(ctx context.Context, s *Session) (string, string, error) {
	out, err := s.Command(ctx, "show interfaces Gi1/0/2 switchport")
	if err != nil {
		return "", "", err
	}
	res, err := s.Configure(ctx, []string{"interface Gi1/0/2", "switchport voice vlan 30", "switchport voice vlan 9999", "exit"}, 4)
	if err != nil {
		return "", "", err
	}
	var b bytes.Buffer
	for _, r := range res {
		b.WriteString(r.Line + " => " + r.Error + "\n")
	}
	return out, b.String(), nil
}

// TestReplayGolden replays a recorded IOS session through scrapligo's file
// transport: what voxlan writes and what it reads back must match the
// golden files. Run with -update to re-record against the emulator.
func TestReplayGolden(t *testing.T) {
	rec := filepath.Join("testdata", "ios-session.txt")
	if *update {
		_, _, o := startIOS(t)
		var log bytes.Buffer
		o.ChannelLog = &log
		s, err := Open(t.Context(), o)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := replayScript(t.Context(), s); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if err := os.WriteFile(rec, log.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	s, err := Open(ctx, Options{Addr: "replay:22", User: "admin", Attrs: cisco_ios.Driver{}.Attrs(), ReplayFile: rec, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	out, results, err := replayScript(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	sent := bytes.Join(s.ReplayWrites(), []byte("|"))
	golden := map[string][]byte{"ios-session.out": []byte(out), "ios-session.results": []byte(results), "ios-session.in": sent}
	for name, got := range golden {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: got\n%s\nwant\n%s", name, got, want)
		}
	}
	sps, err := cisco_ios.ParseSwitchport(out)
	if err != nil || len(sps) != 1 || sps[0].Interface != "Gi1/0/2" || sps[0].AccessVLAN != 10 {
		t.Errorf("replayed output parsed as %+v (%v)", sps, err)
	}
}
