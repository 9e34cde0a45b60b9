//go:build linux

package here

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/lldplab"
	"github.com/voxlan/voxlan/lab/netns"
)

// TestHereRunLLDPD runs the verb against lldpd as an LLDP-MED access switch
// in a namespace: the table shows the voice VLAN with tagging, priority and
// DSCP, the data VLAN policy's signalling twin and the PoE offer.
func TestHereRunLLDPD(t *testing.T) {
	labtest.RequireRoot(t)
	labtest.RequireTools(t, "lldpd", "lldpcli", "ip")
	sw, laptop := netns.ForTest(t, "hsw"), netns.ForTest(t, "hlap")
	swDev, lapDev := netns.UniqueName("swp"), netns.UniqueName("eth")
	if err := netns.Veth(sw, swDev, laptop, lapDev); err != nil {
		t.Fatal(err)
	}
	lldplab.StartLLDPD(t, sw, swDev, lldplab.SwitchConfig("SW1", 30), "-M", "4")
	// Let lldpd's start-up frames pass: the answer must come from the probe.
	time.Sleep(time.Second)
	var out, errOut bytes.Buffer
	opts := &HereOptions{
		IO: &cmdutil.IOStreams{Out: &out, ErrOut: &errOut, ErrTTY: true}, Now: time.Now,
		Open: func(ifname string, types ...uint16) (port capture.Port, err error) {
			err = lldplab.Do(laptop, func() error { port, err = capture.Open(ifname, types...); return err })
			return port, err
		},
		Interface: lapDev, Probe: true, Wait: 2 * time.Second, Output: "table",
	}
	if err := hereRun(context.Background(), opts); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	// Column widths depend on the longest label: compare words only.
	table := strings.Join(strings.Fields(out.String()), " ")
	for _, want := range []string{
		"(lldp, probe sent)", "Switch SW1", "Policy voice", "VLAN 20 tagged, priority 5, DSCP 46",
		"Policy voiceSignaling", "VLAN 20 tagged, priority 3, DSCP 24",
		"LLDP-MED class networkConnectivity", "offered class 3, type 2, allocated 15.4 W, LLDP-MED 15.4 W, priority high",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
	if !strings.Contains(errOut.String(), "SW1, port ") || !strings.Contains(errOut.String(), "voice VLAN 20 tagged priority 5 DSCP 46 (LLDP-MED)") {
		t.Errorf("no answer line on stderr:\n%s", errOut.String())
	}
	if strings.Contains(out.String(), "WARNING") {
		t.Errorf("one switch reported as several:\n%s", out.String())
	}
	t.Logf("stderr:\n%s", errOut.String())
}
