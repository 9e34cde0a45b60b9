//go:build linux

package lldp_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/lldplab"
	"github.com/voxlan/voxlan/lab/netns"
	"github.com/voxlan/voxlan/lldp"
	"github.com/voxlan/voxlan/snapshot"
)

// jack is a laptop namespace wired to a switch namespace by a veth pair.
type jack struct {
	sw, laptop       *netns.NS
	swDev, laptopDev string
}

func newJack(t testing.TB) jack {
	t.Helper()
	labtest.RequireRoot(t)
	j := jack{sw: netns.ForTest(t, "sw"), laptop: netns.ForTest(t, "lap"), swDev: netns.UniqueName("swp"), laptopDev: netns.UniqueName("eth")}
	if err := netns.Veth(j.sw, j.swDev, j.laptop, j.laptopDev); err != nil {
		t.Fatal(err)
	}
	return j
}

// openLaptop opens the laptop end for LLDP and CDP, as `voxlan here` does.
func (j jack) openLaptop(t testing.TB) capture.Port {
	t.Helper()
	var port capture.Port
	if err := lldplab.Do(j.laptop, func() (err error) {
		port, err = capture.Open(j.laptopDev, lldp.CaptureEtherTypes...)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { port.Close() })
	return port
}

// waitFrame returns right after a periodic frame from the switch, so that a
// measurement starting now is not helped by a frame already on its way.
func waitFrame(t testing.TB, port capture.Port, within time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), within)
	defer cancel()
	var p lldp.Packet
	for {
		f, err := port.ReadFrame(ctx)
		if err != nil {
			t.Fatalf("no frame from the switch within %v: %v", within, err)
		}
		if p.DecodeEthernet(f.Data) == nil && p.Protocol == lldp.ProtocolLLDP {
			return
		}
	}
}

func find(h *snapshot.Here, proto string) (snapshot.Neighbor, snapshot.HereNeighbor, bool) {
	for i, n := range h.Neighbors {
		if n.Protocol == proto {
			return n, h.Details[i], true
		}
	}
	return snapshot.Neighbor{}, snapshot.HereNeighbor{}, false
}

// TestHereLLDPD: lldpd as an LLDP-MED access switch (voice VLAN 20 tagged,
// priority 5, DSCP 46, PoE, CDPv2). voxlan acting as a phone gets the answer
// through fast start; lldpd itself decodes the phone's LLDP-MED and CDP
// frames; the TTL=0 frame at the end makes lldpd forget the phone.
func TestHereLLDPD(t *testing.T) {
	labtest.RequireTools(t, "lldpd", "lldpcli", "ip")
	j := newJack(t)
	const tx = 5
	sw := lldplab.StartLLDPD(t, j.sw, j.swDev, lldplab.SwitchConfig("SW1", tx), "-l", "-ccc", "-M", "4")
	port := j.openLaptop(t)
	waitFrame(t, port, 2*tx*time.Second)

	// Probe. While voxlan still listens (before its shutdown frame), ask
	// lldpd what it made of the phone frames.
	var heardBySwitch []byte
	var cliErr error
	h, err := lldp.Here(t.Context(), port, j.laptopDev, lldp.HereOptions{
		Probe: true, Wait: 3 * time.Second,
		OnEvent: func(ev lldp.HereEvent) {
			if ev.VoiceKnown {
				// lldpd has had our frames for a while (it answered them).
				time.Sleep(200 * time.Millisecond)
				heardBySwitch, cliErr = sw.CLI(context.Background(), "-f", "json", "show", "neighbors", "details", "hidden")
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("probe: voice VLAN known after %.4f s via %s", h.Probe.AnswerSeconds, h.Probe.AnswerProtocol)
	if !h.Probe.Sent || h.Probe.AnswerSeconds == 0 || h.Probe.AnswerProtocol != "lldp" {
		t.Fatalf("probe = %+v, want an LLDP answer", h.Probe)
	}
	// Fast start answers in milliseconds; without it the next LLDPDU would
	// come at the 5 s interval.
	if h.Probe.AnswerSeconds >= 1 {
		t.Errorf("answer after %.3f s: no fast start (tx-interval %d s)", h.Probe.AnswerSeconds, tx)
	}
	n, d, ok := find(h, "lldp")
	if !ok {
		t.Fatalf("no LLDP neighbour in %+v", h.Neighbors)
	}
	if n.SysName != "SW1" || n.SysDescr != "Lab access switch (lldpd)" || n.PortID == "" {
		t.Errorf("neighbour = %q %q port %q", n.SysName, n.SysDescr, n.PortID)
	}
	if strings.Join(n.Capabilities, ",") != "bridge" {
		t.Errorf("capabilities = %v, want [bridge]", n.Capabilities)
	}
	if n.MED == nil || n.MED.DeviceClass != "networkConnectivity" {
		t.Fatalf("MED = %+v, want networkConnectivity", n.MED)
	}
	wantPolicies := []snapshot.Policy{
		{Application: "voice", VLAN: 20, Tagged: true, Priority: 5, DSCP: 46},
		{Application: "voiceSignaling", VLAN: 20, Tagged: true, Priority: 3, DSCP: 24},
	}
	if fmt.Sprint(n.MED.Policies) != fmt.Sprint(wantPolicies) {
		t.Errorf("policies = %+v, want %+v", n.MED.Policies, wantPolicies)
	}
	if d.PoE == nil || !d.PoE.Offered || d.PoE.Class == nil || *d.PoE.Class != 3 || d.PoE.PowerType != 2 ||
		d.PoE.AllocatedW != 15.4 || d.PoE.RequestedW != 15.4 || d.PoE.MEDW != 15.4 || d.PoE.Priority != "high" {
		t.Errorf("PoE = %+v, want offered class 3 type 2 15.4 W high", d.PoE)
	}

	// lldpd, the reference decoder on the switch side, saw our phone.
	if cliErr != nil {
		t.Fatal(cliErr)
	}
	checkSwitchSawPhone(t, heardBySwitch)

	// After the shutdown LLDPDU lldpd forgets the LLDP phone.
	time.Sleep(300 * time.Millisecond)
	after, err := sw.CLI(t.Context(), "-f", "json", "show", "neighbors", "details", "hidden")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(after), `"via": "LLDP"`) {
		t.Errorf("lldpd still lists the LLDP phone after its shutdown frame:\n%s", after)
	}

	// Passive: right after a periodic frame, the next answer only comes at
	// the tx-interval. Let the fast-start burst (4 frames, 1 s apart) end
	// first, and use a fresh socket so none of it is queued.
	time.Sleep(3500 * time.Millisecond)
	port = j.openLaptop(t)
	waitFrame(t, port, 2*tx*time.Second)
	hp, err := lldp.Here(t.Context(), port, j.laptopDev, lldp.HereOptions{Wait: tx * 1500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("passive: voice VLAN known after %.4f s", hp.Probe.AnswerSeconds)
	if hp.Probe.Sent || hp.Probe.AnswerSeconds < 1 {
		t.Errorf("passive run = %+v, want no probe and an answer near the %d s interval", hp.Probe, tx)
	}
	// lldpd -ccc also speaks CDPv2 (device ID, port, platform; no VLANs).
	c, _, ok := find(hp, "cdp")
	if !ok || c.ChassisID != "SW1" || c.PortID != j.swDev || !strings.Contains(c.SysDescr, "Lab access switch") {
		t.Errorf("CDP neighbour = %+v (found %v), want SW1 port %s", c, ok, j.swDev)
	}
	if hp.SeveralNeighbors {
		t.Errorf("one lldpd (LLDP + CDP) counted as several neighbours")
	}
}

// checkSwitchSawPhone reads `lldpcli -f json show neighbors details` and
// wants voxlan's LLDP-MED phone (class III, unknown voice policy) and its
// CDP frame.
func checkSwitchSawPhone(t *testing.T, raw []byte) {
	t.Helper()
	var doc struct {
		LLDP struct {
			Interface json.RawMessage `json:"interface"`
		} `json:"lldp"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("lldpcli json: %v\n%s", err, raw)
	}
	// lldpcli prints one object per interface, or a list when there are
	// several neighbours: normalise to a list of {ifname: neighbour}.
	var list []map[string]json.RawMessage
	if err := json.Unmarshal(doc.LLDP.Interface, &list); err != nil {
		var one map[string]json.RawMessage
		if err := json.Unmarshal(doc.LLDP.Interface, &one); err != nil {
			t.Fatalf("lldpcli interface: %v\n%s", err, raw)
		}
		list = []map[string]json.RawMessage{one}
	}
	var sawMED, sawCDP bool
	for _, m := range list {
		for _, nb := range m {
			var n struct {
				Via     string                     `json:"via"`
				Chassis map[string]json.RawMessage `json:"chassis"`
				MED     struct {
					DeviceType string `json:"device-type"`
					Policy     struct {
						AppType string `json:"apptype"`
						Defined bool   `json:"defined"`
					} `json:"policy"`
					Inventory struct {
						Manufacturer string `json:"manufacturer"`
						Model        string `json:"model"`
					} `json:"inventory"`
				} `json:"lldp-med"`
			}
			if err := json.Unmarshal(nb, &n); err != nil {
				t.Fatalf("lldpcli neighbour: %v\n%s", err, nb)
			}
			switch n.Via {
			case "LLDP":
				sawMED = n.MED.DeviceType == "Communication Device Endpoint (Class III)" &&
					n.MED.Policy.AppType == "Voice" && !n.MED.Policy.Defined &&
					n.MED.Inventory.Manufacturer == "voxlan" && n.MED.Inventory.Model == "voxlan here"
				if !sawMED {
					t.Errorf("lldpd decoded our LLDP-MED frame as %s", nb)
				}
			case "CDPv2":
				for name := range n.Chassis {
					sawCDP = sawCDP || strings.HasPrefix(name, "SEP")
				}
				if !sawCDP {
					t.Errorf("lldpd decoded our CDP frame as %s", nb)
				}
			}
		}
	}
	if !sawMED || !sawCDP {
		t.Errorf("lldpd did not list both phone frames (LLDP-MED %v, CDP %v):\n%s", sawMED, sawCDP, raw)
	}
}

// TestHereLADVD: ladvd, a second independent implementation, sending LLDP
// and CDP from a host named "ladvd-sw".
func TestHereLADVD(t *testing.T) {
	labtest.RequireTools(t, "ladvd", "unshare", "ip")
	j := newJack(t)
	port := j.openLaptop(t)
	lldplab.StartLADVD(t, j.sw, j.swDev, "ladvd-sw")
	h, err := lldp.Here(t.Context(), port, j.laptopDev, lldp.HereOptions{Wait: 4 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	n, _, ok := find(h, "lldp")
	if !ok || n.SysName != "ladvd-sw" || n.PortID != j.swDev {
		t.Errorf("LLDP from ladvd = %+v (ok %v), want sysName ladvd-sw port %s", n, ok, j.swDev)
	}
	c, _, ok := find(h, "cdp")
	if !ok || !strings.HasPrefix(c.ChassisID, "ladvd-sw") || c.PortID != j.swDev {
		t.Errorf("CDP from ladvd = %+v (ok %v), want device ladvd-sw port %s", c, ok, j.swDev)
	}
	if h.SeveralNeighbors {
		t.Errorf("one ladvd counted as several neighbours: %+v", h.Neighbors)
	}
}

// TestHereHub: lldpd and ladvd behind a bridge that forwards LLDP (a hub or
// unmanaged switch between the jack and the network): voxlan hears two
// devices and says so.
func TestHereHub(t *testing.T) {
	labtest.RequireTools(t, "lldpd", "lldpcli", "ladvd", "unshare", "ip")
	j := newJack(t)
	a1, a2, b1, b2, br := netns.UniqueName("ha"), netns.UniqueName("hA"), netns.UniqueName("hb"), netns.UniqueName("hB"), netns.UniqueName("br")
	if err := netns.Veth(j.sw, a1, j.sw, a2); err != nil {
		t.Fatal(err)
	}
	if err := netns.Veth(j.sw, b1, j.sw, b2); err != nil {
		t.Fatal(err)
	}
	// group_fwd_mask bit 14 lets the bridge pass 01:80:c2:00:00:0e, as a
	// hub or a cheap unmanaged switch does.
	for _, args := range [][]string{
		{"link", "add", br, "type", "bridge", "group_fwd_mask", "0x4000"},
		{"link", "set", a2, "master", br}, {"link", "set", b2, "master", br}, {"link", "set", j.swDev, "master", br},
		{"link", "set", br, "up"},
	} {
		if err := j.sw.IP(args...); err != nil {
			t.Fatal(err)
		}
	}
	// Listen before the peers start: ladvd sends at start, then every 30 s.
	port := j.openLaptop(t)
	lldplab.StartLLDPD(t, j.sw, a1, lldplab.SwitchConfig("SW1", 5), "-M", "4")
	lldplab.StartLADVD(t, j.sw, b1, "ladvd-sw")
	h, err := lldp.Here(t.Context(), port, j.laptopDev, lldp.HereOptions{Probe: true, Wait: 4 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, n := range h.Neighbors {
		names[n.Protocol+":"+n.SysName+n.ChassisID] = true
	}
	t.Logf("heard %v", names)
	if !h.SeveralNeighbors {
		t.Errorf("SeveralNeighbors = false with lldpd and ladvd behind a bridge; heard %v", names)
	}
	if _, _, ok := find(h, "lldp"); !ok || h.Probe.AnswerSeconds == 0 {
		t.Errorf("no LLDP-MED answer through the bridge: %+v", h.Probe)
	}
}

// TestHereCiscoCDP: a Cisco-like CDP sender (scapy) announces native VLAN
// 10 and voice VLAN 20: voxlan learns the voice VLAN from CDP.
func TestHereCiscoCDP(t *testing.T) {
	labtest.RequireTools(t, "/usr/bin/python3", "ip")
	j := newJack(t)
	port := j.openLaptop(t)
	lldplab.SendCiscoCDP(t, j.sw, j.swDev, 3, time.Second)
	h, err := lldp.Here(t.Context(), port, j.laptopDev, lldp.HereOptions{Probe: true, Wait: 8 * time.Second, StopOnAnswer: true})
	if err != nil {
		t.Fatal(err)
	}
	c, d, ok := find(h, "cdp")
	if !ok {
		t.Fatalf("no CDP neighbour heard: %+v", h)
	}
	if h.Probe.AnswerProtocol != "cdp" || c.ChassisID != "SW1.lab.test" || c.PortID != "GigabitEthernet1/0/1" ||
		c.Platform != "cisco WS-C2960X-48FPD-L" || c.NativeVLAN != 10 || c.VoiceVLAN != 20 || c.MgmtAddress != "198.18.10.1" ||
		d.Duplex != "full" || strings.Join(c.Capabilities, ",") != "bridge,igmp" {
		t.Errorf("CDP neighbour = %+v %+v, probe %+v", c, d, h.Probe)
	}
}
