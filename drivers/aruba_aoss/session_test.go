package aruba_aoss_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers/apply"
	vssh "github.com/voxlan/voxlan/drivers/ssh"
)

// TestSessionAndReplay: the embedded scrapligo platform gets past the
// "Press any key" banner, turns paging off and reads AOS-S error lines;
// the recorded session replays through scrapligo's file transport with the
// same results and no network.
func TestSessionAndReplay(t *testing.T) {
	l := newLab(t)
	var log bytes.Buffer
	o := l.Opts
	o.ChannelLog = &log
	s, err := vssh.Open(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	live, err := s.Command(t.Context(), "show running-config")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(live, "MORE") || !strings.Contains(live, "vlan 99") {
		t.Fatalf("running-config read paged or cut:\n%s", live)
	}
	lines := []string{"vlan 30", "tagged 5", "untagged 77"}
	liveRes, err := s.Configure(t.Context(), lines, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(liveRes) != 3 || liveRes[1].Error != "" || liveRes[2].Error != "Module not present for port or invalid port: 77" {
		t.Fatalf("configure results %+v", liveRes)
	}
	s.Close()
	if strings.Contains(log.String(), l.Password) {
		t.Fatal("password in the channel log")
	}
	rec := filepath.Join(t.TempDir(), "session.txt")
	if err := os.WriteFile(rec, log.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	r, err := vssh.Open(ctx, vssh.Options{Addr: "replay:22", User: "manager", Attrs: o.Attrs, ReplayFile: rec, Timeout: 15 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	replayed, err := r.Command(ctx, "show running-config")
	if err != nil || replayed != live {
		t.Fatalf("replayed output differs (%v)", err)
	}
	res, err := r.Configure(ctx, lines, 3)
	if err != nil || len(res) != 3 || res[2].Error != liveRes[2].Error || res[1].Error != "" {
		t.Fatalf("replayed configure: %+v %v", res, err)
	}
}

// TestApplySlowDevice: every configuration line takes 1 s, the session
// waits 300 ms per reply; apply times out, rolls back over a new session
// with a longer timeout and reports the port restored.
func TestApplySlowDevice(t *testing.T) {
	if testing.Short() {
		t.Skip("slow device test takes several seconds")
	}
	l := newLab(t)
	l.dev.Faults.ConfigDelay = time.Second
	l.Opts.Timeout = 300 * time.Millisecond
	changes := []audit.Change{
		{Kind: audit.ChangeCreateVLAN, Switch: "sw1", VLAN: 20, Name: "VOICE", Voice: true, Reason: "t"},
		{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: "3", VLAN: 20, Reason: "t"},
		{Kind: audit.ChangeEnablePoE, Switch: "sw1", Port: "3", Reason: "t"},
	}
	_, r, before := l.run(t, changes, apply.Options{RollbackTimeout: 5 * time.Second})
	if r.Outcome != apply.OutcomeRolledBack || !strings.Contains(r.Failure, "timed out") {
		t.Fatalf("outcome %q failure %q", r.Outcome, r.Failure)
	}
	if after := l.dev.RunningConfig(); after != before {
		t.Errorf("device not back to the backup state:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if len(r.Ports) != 1 || r.Ports[0].Status != apply.PortRestored || len(r.Residual) != 0 {
		t.Errorf("ports %+v residual %v", r.Ports, r.Residual)
	}
}
