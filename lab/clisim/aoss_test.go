package clisim

import (
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/drivers/aruba_aoss"
)

func TestAOSSModesAndErrors(t *testing.T) {
	d := NewAOSS("HP-2530-48G", 10, "198.18.1.2")
	sh := d.NewShell()
	if sh.Prompt() != "HP-2530-48G# " {
		t.Fatalf("prompt %q", sh.Prompt())
	}
	out := run(t, sh, "configure", "vlan 20", "name VOICE", "tagged 1-3", "voice", "qos dscp 46", "qos dscp 101110",
		"untaged 4", "tagged 99", "vlan", "show v", "interface 5", "no power-over-ethernet")
	wantOut := map[int]string{
		5:  "Invalid input: 46",
		7:  "Invalid input: untaged",
		8:  "Module not present for port or invalid port: 99",
		9:  "Incomplete input: vlan",
		10: "Ambiguous input: v",
	}
	for i, o := range out {
		if w, ok := wantOut[i]; ok {
			if !strings.Contains(o, w) {
				t.Errorf("line %d: got %q, want %q", i, o, w)
			}
		} else if o != "" {
			t.Errorf("line %d (%q): unexpected output %q", i, []string{"configure", "vlan 20", "name VOICE", "tagged 1-3", "voice"}[min(i, 4)], o)
		}
	}
	if sh.Prompt() != "HP-2530-48G(eth-5)# " {
		t.Errorf("prompt %q in the interface context", sh.Prompt())
	}
	run(t, sh, "vlan 20")
	if sh.Prompt() != "HP-2530-48G(vlan-20)# " {
		t.Errorf("prompt %q in the VLAN context", sh.Prompt())
	}
	run(t, sh, "exit")
	if sh.Prompt() != "HP-2530-48G(config)# " {
		t.Errorf("prompt %q after exit", sh.Prompt())
	}
	run(t, sh, "end")
	if sh.Prompt() != "HP-2530-48G# " {
		t.Errorf("prompt %q after end", sh.Prompt())
	}
	if u, tg := d.Membership("2"); u != 10 || !slices.Equal(tg, []int{20}) {
		t.Errorf("port 2: untagged %d tagged %v", u, tg)
	}
	if p, _ := d.Port("5"); !p.PoEOff {
		t.Error("PoE still on for port 5")
	}
	// Exec mode does not take configuration commands.
	if o, _ := sh.Exec("vlan 30"); !strings.Contains(o, "Invalid input: vlan") {
		t.Errorf("vlan in exec mode: %q", o)
	}
}

func TestAOSSMembershipRules(t *testing.T) {
	d := NewAOSS("SW1", 10, "198.18.1.2")
	sh := d.NewShell()
	run(t, sh, "configure", "vlan 30", "untagged 7", "tagged 8", "exit")
	if u, _ := d.Membership("7"); u != 30 {
		t.Errorf("untagged in 30 did not move port 7 out of 10: %d", u)
	}
	run(t, sh, "vlan 30", "no untagged 7")
	if u, _ := d.Membership("7"); u != 1 {
		t.Errorf("port 7 left in no VLAN: untagged %d", u)
	}
	run(t, sh, "vlan 30", "untagged 9", "exit", "no vlan 30")
	if u, tg := d.Membership("9"); u != 1 || len(tg) != 0 {
		t.Errorf("port 9 after its VLAN went: %d %v", u, tg)
	}
	if u, tg := d.Membership("8"); u != 10 || len(tg) != 0 {
		t.Errorf("port 8 after its tagged VLAN went: %d %v", u, tg)
	}
	if o := run(t, sh, "no vlan 1")[0]; !strings.Contains(o, "cannot be deleted") {
		t.Errorf("no vlan 1: %q", o)
	}
	if o := run(t, sh, "interface 50 power-over-ethernet")[0]; !strings.Contains(o, "Invalid input") {
		t.Errorf("PoE on a port without PSE: %q", o)
	}
}

// TestAOSSShowsReadByDriver cross-checks every show output with the
// driver's parsers after a voice configuration.
func TestAOSSShowsReadByDriver(t *testing.T) {
	d := NewAOSS("SW1", 10, "198.18.1.2")
	d.AddPhone("1")
	sh := d.NewShell()
	run(t, sh, "configure", "vlan 20", "name VOICE", "tagged 1-2", "voice", "qos priority 5", "qos dscp 101110", "exit",
		"lldp admin-status 3 txonly", "no lldp config 2 medTlvEnable network-policy", "no interface 4 power-over-ethernet", "end")
	show := func(c string) string {
		o, _ := sh.Exec(c)
		return o
	}
	drv := aruba_aoss.Driver{}
	cfg, err := drv.ParseConfig(show("show running-config"))
	if err != nil {
		t.Fatal(err)
	}
	p1, p2 := cfg.Ports["1"], cfg.Ports["2"]
	if p1.DataVLAN != 10 || p1.VoiceVLAN != 20 || p1.MED == nil || p1.MED.Priority != 5 || p1.MED.DSCP != 46 {
		t.Errorf("port 1 %+v med %+v", p1, p1.MED)
	}
	if p2.VoiceVLAN != 20 || p2.MED != nil {
		t.Errorf("port 2 (MED TLV off) %+v", p2)
	}
	if p3 := cfg.Ports["3"]; p3.LLDPTxOff || !p3.LLDPRxOff {
		t.Errorf("port 3 %+v", p3)
	}
	if !cfg.Ports["4"].PoEOff || cfg.Ports["49"].Mode != "trunk" || len(cfg.PortOrder) != 52 {
		t.Errorf("port 4 %+v, uplink %+v, %d ports", cfg.Ports["4"], cfg.Ports["49"], len(cfg.PortOrder))
	}
	vl, err := aruba_aoss.ParseVLANs(show("show vlans"))
	if err != nil || len(vl) != 4 || vl[2].ID != 20 || !vl[2].Voice || vl[2].Name != "VOICE" {
		t.Errorf("show vlans: %+v %v", vl, err)
	}
	br, err := aruba_aoss.ParseInterfacesBrief(show("show interfaces brief"))
	if err != nil || len(br) != 52 || !br[0].Up || br[1].Up || br[48].Mode != "10GigFD" {
		t.Errorf("show interfaces brief: %d rows %v", len(br), err)
	}
	det, err := aruba_aoss.ParseLLDPDetail(show("show lldp info remote-device detail"))
	if err != nil || len(det) != 2 || det[0].LocalPort != "1" || det[0].EndpointClass != "Class3" ||
		!slices.Contains(det[0].Capabilities, "telephone") || det[1].LocalPort != "49" || !slices.Contains(det[1].Capabilities, "router") {
		t.Errorf("lldp detail: %+v %v", det, err)
	}
	sum, err := aruba_aoss.ParseLLDPSummary(show("show lldp info remote-device"))
	if err != nil || len(sum) != 2 || sum[1].SysName != "core1" || sum[1].PortID != "Te1/0/24" {
		t.Errorf("lldp summary: %+v %v", sum, err)
	}
	poe, err := aruba_aoss.ParsePoEBrief(show("show power-over-ethernet brief"))
	if err != nil || len(poe.Ports) != 48 || poe.Ports[0].Detection != "Delivering" || poe.Ports[0].ActualW != 6.9 ||
		poe.Ports[3].Enabled || poe.UsedW != 6.9 {
		t.Errorf("poe: %+v %v", poe, err)
	}
	if !drv.IdentifyCLI(show("show version")) {
		t.Error("driver does not recognise the emulator's show version")
	}
	if v := show("show vlans 20"); !strings.Contains(v, "1                Tagged") || !strings.Contains(v, "Voice : Yes") {
		t.Errorf("show vlans 20:\n%s", v)
	}
}

// TestAOSSTerminal: the banner waits for a key, long outputs page with the
// AOS-S marker until `no page`.
func TestAOSSTerminal(t *testing.T) {
	d := NewAOSS("SW1", 10, "198.18.1.2")
	c := serveTest(t, d.NewShell())
	c.readUntil(t, "Press any key to continue\r\n")
	if _, err := c.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	c.readUntil(t, "SW1# ")
	if _, err := c.Write([]byte("show running-config\r")); err != nil {
		t.Fatal(err)
	}
	c.readUntil(t, "-- MORE --, next page: Space, next line: Enter, quit: Control-C")
	if _, err := c.Write([]byte{0x03}); err != nil {
		t.Fatal(err)
	}
	c.readUntil(t, "SW1# ")
	if _, err := c.Write([]byte("no page\rshow running-config\r")); err != nil {
		t.Fatal(err)
	}
	out := c.readUntil(t, "255.255.255.0\r\n   exit\r\n")
	if strings.Contains(out[strings.Index(out, "show running-config"):], "MORE") {
		t.Error("paged after no page")
	}
	c.readUntil(t, "SW1# ")
}
