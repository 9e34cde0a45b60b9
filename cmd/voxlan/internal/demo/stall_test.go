package demo

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/tuiwire"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/tuiwire/uitest"
	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/snmp"
	ui "github.com/voxlan/voxlan/tui"
)

// TestSwitchStopsAnswering: one switch of the demo site answers a few
// requests and then goes silent. The Site screen says it stopped answering
// while the other switches finish, the UI keeps taking keys at once, and
// when the switch's timeouts run out the screen says it was read only in
// part.
func TestSwitchStopsAnswering(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	deps, stop, err := DemoDeps(sites.DefaultProfile, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	var relay *uitest.SilencingRelay
	prepare := deps.Prepare
	deps.Prepare = func(ctx context.Context) ([]string, error) {
		targets, err := prepare(ctx)
		if err == nil {
			relay = uitest.StartSilencingRelay(t, targets[1], 6)
			targets[1] = relay.Addr()
		}
		return targets, err
	}
	deps.Context = ctx
	deps.Discover = tuiwire.Discoverer(snmp.Options{
		Credentials: snmp.Credentials{Version: "2c", Community: site.DefaultCommunity},
		Timeout:     time.Second, Retries: 2,
	})
	rec := uitest.NewRecorder(ui.New(deps))
	tm := uitest.Run(t, rec, 100, 30)

	tm.Send(tea.KeyPressMsg{Code: '2', Text: "2"})
	screen := rec.WaitFor(t, 20*time.Second, "no answer for", "sw-floor2-sg350x", "sw-floor3-procurve")
	t.Logf("while the switch is silent:\n%s", screen)

	// The UI is not frozen: keys are taken and drawn while the silent
	// switch is still being waited for (a frozen UI would only move once
	// discovery ends, many seconds later).
	tm.Send(tea.KeyPressMsg{Code: '3', Text: "3"})
	rec.WaitFor(t, 5*time.Second, "switch 1/")
	tm.Send(tea.KeyPressMsg{Code: '2', Text: "2"})
	rec.WaitFor(t, 5*time.Second, "no answer for", "1 reading")
	screen = rec.WaitFor(t, 40*time.Second, "partly read", "fail,")
	t.Logf("after the switch's timeouts:\n%s", screen)
	if relay.Forwarded.Load() <= 6 {
		t.Errorf("the relay saw %d requests; the discovery should have kept asking", relay.Forwarded.Load())
	}
}
