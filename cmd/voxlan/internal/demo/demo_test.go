package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/snapshot"
)

func TestDemoRunTable(t *testing.T) {
	io, out, errOut := cmdtest.Streams()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := demoRun(ctx, &DemoOptions{IO: io, Output: "table"}); err != nil {
		t.Fatalf("demoRun: %v\nstderr: %s", err, errOut)
	}
	for _, d := range site.Devices {
		if !strings.Contains(out.String(), d.Name+"  127.0.0.1:") {
			t.Errorf("table lacks a header line for %s:\n%s", d.Name, out)
		}
	}
	if !strings.Contains(errOut.String(), fmt.Sprintf("discovered %d switches", len(site.Devices))) {
		t.Errorf("stderr = %q, want the discovery summary", errOut)
	}
}

func TestDemoRunJSON(t *testing.T) {
	io, out, _ := cmdtest.Streams()
	fixed := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := demoRun(ctx, &DemoOptions{IO: io, Output: "json", Now: func() time.Time { return fixed }}); err != nil {
		t.Fatal(err)
	}
	snap, err := snapshot.Decode(out)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Site != "demo" || !snap.TakenAt.Equal(fixed) || len(snap.Switches) != len(site.Devices) {
		t.Fatalf("got site %q takenAt %v with %d switches", snap.Site, snap.TakenAt, len(snap.Switches))
	}
	for i, sw := range snap.Switches {
		if sw.SysName != site.Devices[i].Name {
			t.Errorf("switch %d = %q, want %q", i, sw.SysName, site.Devices[i].Name)
		}
	}
	// What the site is there to show: PoE ports and the phone on the
	// ProCurve (LLDP neighbour "Polycom SoundPoint IP 335").
	poePorts, phones := 0, 0
	for _, sw := range snap.Switches {
		for _, p := range sw.Ports {
			if p.PoE != nil {
				poePorts++
			}
			for _, n := range p.Neighbors {
				if strings.Contains(n.SysName, "Polycom") && slices.Contains(n.Capabilities, "telephone") {
					phones++
				}
			}
		}
	}
	if poePorts < 48 || phones != 1 {
		t.Errorf("got %d PoE ports and %d phones, want at least 48 and exactly 1", poePorts, phones)
	}
}

// TestDemoSameOverUDPAndTCP: the demo over SNMP over TCP (what the Windows
// build is compared with under Wine, whose UDP Go cannot use) prints the
// same snapshot as over UDP, but for the agents' ports.
func TestDemoSameOverUDPAndTCP(t *testing.T) {
	fixed := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	ports := regexp.MustCompile(`127\.0\.0\.1:[0-9]+`)
	out := map[string][]byte{}
	for _, transport := range []string{"udp", "tcp"} {
		io, stdout, stderr := cmdtest.Streams()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		err := demoRun(ctx, &DemoOptions{IO: io, Output: "json", Transport: transport, Now: func() time.Time { return fixed }})
		cancel()
		if err != nil {
			t.Fatalf("over %s: %v\n%s", transport, err, stderr)
		}
		if !strings.Contains(stderr.String(), "over "+strings.ToUpper(transport)) {
			t.Errorf("over %s: the banner does not say so: %s", transport, stderr)
		}
		out[transport] = ports.ReplaceAll(stdout.Bytes(), nil)
	}
	if !bytes.Equal(out["tcp"], out["udp"]) {
		t.Errorf("demo -o json over TCP differs from over UDP (%d and %d bytes)", len(out["tcp"]), len(out["udp"]))
	}
	if len(out["udp"]) < 10000 {
		t.Errorf("demo -o json is only %d bytes", len(out["udp"]))
	}
}

func TestNewCmdDemoFlags(t *testing.T) {
	for _, tc := range []struct {
		args      []string
		wantErr   bool
		wantOut   string
		wantDelay time.Duration
	}{
		{nil, false, "table", 0},
		{[]string{"-o", "json", "--delay", "10ms"}, false, "json", 10 * time.Millisecond},
		{[]string{"-o", "yaml"}, true, "", 0},
		{[]string{"--delay", "-1s"}, true, "", 0},
		{[]string{"extra"}, true, "", 0},
		{[]string{"--snmp-transport", "tcp"}, false, "table", 0},
		{[]string{"--snmp-transport", "sctp"}, true, "", 0},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			io, _, _ := cmdtest.Streams()
			var got *DemoOptions
			cmd := NewCmdDemo(&cmdutil.Factory{IO: io, Now: time.Now}, func(o *DemoOptions) error { got = o; return nil })
			err := cmdtest.Run(cmd, tc.args...)
			if tc.wantErr {
				var ee *cmdutil.ExitError
				if err == nil || (errors.As(err, &ee) && ee.Code != cmdutil.ExitUsage) {
					t.Fatalf("got %v, want a usage error", err)
				}
				return
			}
			if err != nil || got == nil || got.Output != tc.wantOut || got.Delay != tc.wantDelay {
				t.Fatalf("got %+v %v, want output %s delay %s", got, err, tc.wantOut, tc.wantDelay)
			}
		})
	}
}
