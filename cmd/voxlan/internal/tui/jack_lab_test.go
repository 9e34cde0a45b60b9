//go:build linux

package tui

import (
	"context"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/tuiwire/uitest"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/lldplab"
	"github.com/voxlan/voxlan/lab/netns"
	ui "github.com/voxlan/voxlan/tui"
	"github.com/voxlan/voxlan/tui/common"
)

// TestHereScreenOnLLDPD: the laptop's end of a veth whose other end is
// lldpd configured as an access switch with an LLDP-MED voice policy. The
// Here screen, listening as `voxlan tui --iface` does, acts as a phone and
// shows the switch, its port and the voice VLAN lldpd hands out.
func TestHereScreenOnLLDPD(t *testing.T) {
	labtest.RequireRoot(t)
	labtest.RequireTools(t, "lldpd", "lldpcli", "ip")
	sw, laptop := netns.ForTest(t, "sw"), netns.ForTest(t, "lap")
	swDev, laptopDev := netns.UniqueName("swp"), netns.UniqueName("eth")
	if err := netns.Veth(sw, swDev, laptop, laptopDev); err != nil {
		t.Fatal(err)
	}
	lldplab.StartLLDPD(t, sw, swDev, lldplab.SwitchConfig("sw-lab", 30), "-l", "-ccc", "-M", "4")

	here, _, err := JackDeps(JackOptions{Interface: laptopDev, Wait: 5 * time.Second, Profile: DefaultProfile,
		Open: func(ifname string, etherTypes ...uint16) (port capture.Port, err error) {
			err = lldplab.Do(laptop, func() error {
				port, err = capture.Open(ifname, etherTypes...)
				return err
			})
			return port, err
		}})
	if err != nil {
		t.Fatal(err)
	}
	rec := uitest.NewRecorder(ui.New(&common.Deps{Here: here}))
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(120, 30))
	defer func() { _ = tm.Quit() }()
	screen := rec.WaitFor(t, 15*time.Second, "sw-lab port ", "("+swDev+")", "VLAN 20 tagged, priority 5, DSCP 46", "lldp heard on the wire", "acted as a phone: lldp answered")
	t.Logf("Here screen:\n%s", screen)
}

// TestHereScreenFindsTheJack: no --iface. The injected listing (never the
// host's) has one wired interface with a link, the laptop's end of a veth
// whose other end is lldpd; the Here screen takes it by itself, says so,
// and shows the switch and port lldpd announces.
func TestHereScreenFindsTheJack(t *testing.T) {
	labtest.RequireRoot(t)
	labtest.RequireTools(t, "lldpd", "lldpcli", "ip")
	sw, laptop := netns.ForTest(t, "sw"), netns.ForTest(t, "lap")
	swDev, laptopDev := netns.UniqueName("swp"), netns.UniqueName("eth")
	if err := netns.Veth(sw, swDev, laptop, laptopDev); err != nil {
		t.Fatal(err)
	}
	lldplab.StartLLDPD(t, sw, swDev, lldplab.SwitchConfig("sw-lab", 30), "-l", "-ccc", "-M", "4")

	deps := &common.Deps{}
	FindJack(deps, JackOptions{Wait: 5 * time.Second, Open: func(ifname string, etherTypes ...uint16) (port capture.Port, err error) {
		err = lldplab.Do(laptop, func() error {
			port, err = capture.Open(ifname, etherTypes...)
			return err
		})
		return port, err
	}}, func(context.Context) ([]common.WiredInterface, error) {
		return []common.WiredInterface{{Name: laptopDev}}, nil
	})
	// Listening only: the probe's sockets would live in the test's own
	// namespace, not the laptop's.
	jackOn := deps.JackOn
	deps.JackOn = func(iface string) (common.HereFunc, common.ProbeFunc, error) {
		here, _, err := jackOn(iface)
		return here, nil, err
	}
	rec := uitest.NewRecorder(ui.New(deps))
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(120, 30))
	defer func() { _ = tm.Quit() }()
	screen := rec.WaitFor(t, 15*time.Second, laptopDev+" (the only wired interface with a link), acted as a phone", "sw-lab port ", "("+swDev+")", "VLAN 20 tagged, priority 5, DSCP 46")
	t.Logf("Here screen:\n%s", screen)
}
