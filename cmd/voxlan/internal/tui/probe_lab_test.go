//go:build linux

package tui

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/tuiwire/uitest"
	"github.com/voxlan/voxlan/lab/dhcplab"
	"github.com/voxlan/voxlan/profile"
	ui "github.com/voxlan/voxlan/tui"
	"github.com/voxlan/voxlan/tui/common"
)

// hereChildEnv carries the jack of a Here screen run inside a lab
// namespace (hereChild).
const hereChildEnv = "VOXLAN_TUI_HERE_CHILD"

type hereChildSpec struct {
	Interface string
	Targets   []string
	Resolve   []string
}

// frameEnd separates the frames a child prints.
const frameEnd = "\n--- frame ---\n"

// hereChild runs the UI with the jack found through an injected list
// holding only the namespace's veth, and prints every distinct frame of
// the Here screen until the probe is done.
func hereChild(spec string) int {
	var s hereChildSpec
	if err := json.Unmarshal([]byte(spec), &s); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	deps := &common.Deps{Context: ctx}
	FindJack(deps, JackOptions{Wait: time.Second, Targets: s.Targets, Resolve: s.Resolve},
		func(context.Context) ([]common.WiredInterface, error) {
			return []common.WiredInterface{{Name: s.Interface}}, nil
		})
	rec := uitest.NewRecorder(ui.New(deps))
	p := tea.NewProgram(rec, tea.WithContext(ctx), tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutSignalHandler(), tea.WithWindowSize(140, 30))
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	last := ""
	for ctx.Err() == nil {
		frame := rec.Screen()
		if frame != last {
			fmt.Print(frame + frameEnd)
			last = frame
		}
		if strings.Contains(frame, "Transport") && !strings.Contains(frame, "probing…") && !strings.Contains(frame, "listening") &&
			strings.Contains(frame, "DHCP data") && !strings.Contains(frame, "after the") {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	p.Quit()
	<-done
	return 0
}

// TestHereCardsFillAsProbeChecksFinish: dnsmasq behind the jack, a target
// (the gateway) named. The screen shows the target's transport card
// passing while the DHCP window (4.5 s, for ping-checking servers) is
// still open, then every card with its result. The names resolved are
// the wte profile's and the one given, as `voxlan probe` resolves them.
func TestHereCardsFillAsProbeChecksFinish(t *testing.T) {
	s := dhcplab.NewSite(t, 0)
	prof, err := profile.Builtin(DefaultProfile)
	if err != nil {
		t.Fatal(err)
	}
	records := map[string]string{"sip.lab.test": "198.18.10.50"}
	for i, name := range prof.DNS.Names {
		records[name] = fmt.Sprintf("198.18.10.%d", 60+i)
	}
	dhcplab.Start(t, s.Switch, dhcplab.Server{
		Pools:      []dhcplab.Pool{s.DataPool()},
		DNSRecords: records,
	})
	spec, err := json.Marshal(hereChildSpec{Interface: s.LaptopDev, Targets: []string{dhcplab.DataGateway}, Resolve: []string{"sip.lab.test"}})
	if err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := s.Laptop.Command(ctx, self)
	cmd.Env = append(os.Environ(), hereChildEnv+"="+string(spec))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, stderr.String())
	}
	frames := strings.Split(strings.TrimSuffix(string(out), frameEnd), frameEnd)
	// line is a card's line: its mark, then its label.
	line := func(frame, label string) string {
		for _, l := range strings.Split(frame, "\n") {
			l = strings.TrimSpace(l)
			if _, rest, ok := strings.Cut(l, " "); ok && strings.HasPrefix(rest, label+" ") {
				return l
			}
		}
		return ""
	}
	early := -1
	for i, f := range frames {
		if strings.Contains(line(f, "Transport"), "one way") && strings.Contains(line(f, "DHCP data"), "probing…") {
			early = i
			break
		}
	}
	final := frames[len(frames)-1]
	if early < 0 {
		t.Errorf("no frame showed the transport result while DHCP was still probing; %d frames, last:\n%s", len(frames), final)
	} else {
		t.Logf("while DHCP still probing:\n%s", frames[early])
	}
	for label, want := range map[string]string{
		"DHCP data": "✓ DHCP data     198.18.10.",
		"DNS":       fmt.Sprintf("✓ DNS           %d lookups answered", len(records)),
		"Gateway":   "✓ Gateway       198.18.10.1 ",
		"Transport": "✓ Transport     198.18.10.1 ",
	} {
		if l := line(final, label); !strings.HasPrefix(l, want) {
			t.Errorf("%s: got %q, want %q...", label, l, want)
		}
	}
	if !strings.Contains(final, s.LaptopDev+" (the only wired interface with a link)") {
		t.Errorf("the screen should name the interface it found:\n%s", final)
	}
	t.Logf("done:\n%s", final)
}
