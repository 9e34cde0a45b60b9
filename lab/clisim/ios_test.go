package clisim

import (
	"strings"
	"testing"

	"github.com/voxlan/voxlan/drivers/cisco_ios"
)

// run feeds lines to a fresh shell and returns each line's output.
func run(t *testing.T, sh Shell, lines ...string) []string {
	t.Helper()
	var outs []string
	for _, l := range lines {
		out, _ := sh.Exec(l)
		outs = append(outs, out)
	}
	return outs
}

func TestIOSModesAndErrors(t *testing.T) {
	d := NewIOS("SW1", 10, "198.18.1.2")
	sh := d.NewShell()
	if sh.Prompt() != "SW1#" {
		t.Fatalf("got prompt %q", sh.Prompt())
	}
	run(t, sh, "conf t")
	if sh.Prompt() != "SW1(config)#" {
		t.Fatalf("got prompt %q after conf t", sh.Prompt())
	}
	out := run(t, sh, "int gi1/0/5", "switchport voice vlan 5000", "switchport voice", "d", "sw vo vl 20", "show vlan", "do show vlan brief")
	if sh.Prompt() != "SW1(config-if)#" {
		t.Errorf("got prompt %q in interface mode", sh.Prompt())
	}
	cases := []struct {
		i    int
		want string
	}{
		{1, "% Invalid input detected at '^' marker."},
		{2, "% Incomplete command."},
		{3, "% Ambiguous command"},
		{5, "% Invalid input detected"},
		{6, "VLAN Name"},
	}
	for _, c := range cases {
		if !strings.Contains(out[c.i], c.want) {
			t.Errorf("line %d: got %q, want %q", c.i, out[c.i], c.want)
		}
	}
	// The caret sits under the bad token, past the prompt.
	if want := strings.Repeat(" ", len("SW1(config-if)#switchport voice vlan ")) + "^"; !strings.HasPrefix(out[1], want) {
		t.Errorf("caret: got %q, want prefix %q", out[1], want)
	}
	if p, _ := d.Port("Gi1/0/5"); p.VoiceVLAN != 20 {
		t.Errorf("abbreviated command not applied: voice vlan %d", p.VoiceVLAN)
	}
	run(t, sh, "end")
	if sh.Prompt() != "SW1#" {
		t.Errorf("got prompt %q after end", sh.Prompt())
	}
	if out := run(t, sh, "disable", "configure terminal"); !strings.Contains(out[1], "Invalid input") {
		t.Errorf("configure from user EXEC: got %q", out[1])
	}
}

func TestIOSParsersReadEmulator(t *testing.T) {
	d := NewIOS("SW1", 10, "198.18.1.2")
	d.AddPhone("Gi1/0/3")
	sh := d.NewShell()
	run(t, sh, "configure terminal", "vlan 20", "name VOICE", "exit", "lldp run",
		"network-policy profile 1", "voice vlan 20 cos 5", "voice vlan 20 dscp 46", "exit",
		"interface GigabitEthernet1/0/3", "switchport voice vlan 20", "network-policy 1", "no lldp receive",
		"interface Gi1/0/4", "power inline never", "end")
	drv := cisco_ios.Driver{}
	cfg, err := drv.ParseConfig(d.RunningConfig())
	if err != nil {
		t.Fatal(err)
	}
	p3 := cfg.Ports["Gi1/0/3"]
	if p3 == nil || p3.VoiceVLAN != 20 || p3.DataVLAN != 10 || p3.MED == nil || p3.MED.DSCP != 46 || !p3.LLDPRxOff {
		t.Fatalf("Gi1/0/3 parsed from running-config: %+v", p3)
	}
	if !cfg.LLDP || cfg.VLANs[20].Name != "VOICE" || !cfg.Ports["Gi1/0/4"].PoEOff {
		t.Errorf("running-config: lldp %v vlans %v", cfg.LLDP, cfg.VLANs)
	}
	sps, err := cisco_ios.ParseSwitchport(run(t, sh, "show interfaces switchport")[0])
	if err != nil || len(sps) != 49 {
		t.Fatalf("switchport: %d ports, %v", len(sps), err)
	}
	if sps[2].Interface != "Gi1/0/3" || sps[2].VoiceVLAN != 20 || sps[2].AccessVLAN != 10 || sps[48].OperMode != "trunk" || !sps[48].TrunkAll {
		t.Errorf("switchport: got %+v / %+v", sps[2], sps[48])
	}
	vl, err := cisco_ios.ParseVLANs(run(t, sh, "show vlan brief")[0])
	if err != nil || len(vl) != 8 || vl[1].ID != 10 || len(vl[1].Ports) != 48 {
		t.Fatalf("show vlan brief: %+v %v", vl, err)
	}
	pi, err := cisco_ios.ParsePowerInline(run(t, sh, "show power inline")[0])
	if err != nil || len(pi.Ports) != 48 || pi.Ports[2].Oper != "on" || pi.Ports[2].Device != "IP Phone 8841" || pi.Ports[3].Admin != "off" {
		t.Fatalf("show power inline: %+v %v", pi, err)
	}
	cdp, err := cisco_ios.ParseCDPDetail(run(t, sh, "show cdp neighbors detail")[0])
	if err != nil || len(cdp) != 2 || cdp[0].LocalInterface != "GigabitEthernet1/0/3" || cdp[1].DeviceID != "core1" ||
		strings.Join(cdp[1].Capabilities, " ") != "Router Switch IGMP" || strings.Join(cdp[0].Capabilities, " ") != "Host Phone Two-port Mac Relay" {
		t.Fatalf("cdp: %+v %v", cdp, err)
	}
	nb, err := cisco_ios.ParseLLDPDetail(run(t, sh, "show lldp neighbors detail")[0])
	if err != nil || len(nb) != 1 || nb[0].LocalInterface != "Te1/1/1" {
		// Gi1/0/3 has LLDP receive off, so only the uplink's neighbour shows.
		t.Fatalf("lldp: %+v %v", nb, err)
	}
}

func TestIOSPaging(t *testing.T) {
	d := NewIOS("SW1", 10, "198.18.1.2")
	c := serveTest(t, d.NewShell())
	c.readUntil(t, "SW1#")
	c.Write([]byte("show running-config\n"))
	first := c.readUntil(t, "--More--")
	if n := strings.Count(first, "\r\n"); n < 20 || n > 25 {
		t.Errorf("first page has %d lines, want about 23", n)
	}
	c.Write([]byte(" "))
	c.readUntil(t, "--More--")
	c.Write([]byte("q"))
	c.readUntil(t, "SW1#")
	c.Write([]byte("terminal length 0\nshow running-config\n"))
	all := c.readUntil(t, "\r\nend\r\n")
	if strings.Contains(all, "--More--") {
		t.Error("paged with terminal length 0")
	}
	c.Write([]byte("exit\n"))
}
