package clisim

import (
	"strings"
	"testing"

	"github.com/voxlan/voxlan/snapshot"
)

// seedSwitch is a small discovered switch: an access port with a voice
// VLAN, a trunk, a port with no mode read, a VLAN interface and a module
// port, with names as each OS's ifName gives them.
func seedSwitch(names [4]string) snapshot.Switch {
	return snapshot.Switch{Target: "198.18.0.9:161", SysName: "sw-test",
		VLANs: []snapshot.VLAN{{ID: 1, Name: "default"}, {ID: 20, Name: "VOICE", Voice: true}, {ID: 30, Name: "DATA"}},
		Ports: []snapshot.Port{
			{Name: names[0], Type: "ethernetCsmacd", AdminUp: true, Mode: "access", PVID: 30, VoiceVLAN: 20,
				PoE: &snapshot.PortPoE{AdminEnabled: true}, LLDPAdmin: "rxOnly",
				Neighbors: []snapshot.Neighbor{{SysName: "SEP001122334455", Capabilities: []string{"bridge", "telephone"}, MED: &snapshot.MED{}}}},
			{Name: names[1], Type: "ethernetCsmacd", AdminUp: true, Mode: "trunk", PVID: 1, TaggedVLANs: []int{20, 30, 40}},
			{Name: names[2], Type: "ethernetCsmacd", AdminUp: false, PVID: 30},
			{Name: "Vlan30", Type: "propVirtual"},
			{Name: names[3], Type: "ethernetCsmacd", AdminUp: true, PVID: 1},
		}}
}

func TestNewIOSFromSwitch(t *testing.T) {
	d := NewIOSFromSwitch(seedSwitch([4]string{"Gi1/0/1", "Te1/1/1", "Fa0/3", "Gi1/0/2"}))
	p, ok := d.Port("GigabitEthernet1/0/1")
	if !ok || p.Mode != "access" || p.AccessVLAN != 30 || p.VoiceVLAN != 20 || !p.PoE || !p.LLDPTxOff || p.LLDPRxOff ||
		p.Neighbor == nil || !p.Neighbor.Phone || p.Neighbor.Caps != "B,T" {
		t.Errorf("Gi1/0/1 = %+v (neighbour %+v)", p, p.Neighbor)
	}
	if p, _ := d.Port("Te1/1/1"); p.Mode != "trunk" || intList(p.Allowed) != "20,30,40" {
		t.Errorf("Te1/1/1 = %+v", p)
	}
	if p, _ := d.Port("Fa0/3"); p.Name != "FastEthernet0/3" || p.Mode != "" || p.AccessVLAN != 30 || !p.Shutdown {
		t.Errorf("Fa0/3 = %+v", p)
	}
	if _, ok := d.Port("Vlan30"); ok {
		t.Error("a VLAN interface became a switch port")
	}
	rc := d.RunningConfig()
	for _, want := range []string{"hostname sw-test\n", "vlan 20\n name VOICE\n", "vlan 40\n name VLAN0040\n", "lldp run\n",
		"interface GigabitEthernet1/0/1\n switchport access vlan 30\n switchport mode access\n switchport voice vlan 20\n"} {
		if !strings.Contains(rc, want) {
			t.Errorf("running-config lacks %q:\n%s", want, rc)
		}
	}
	if d.StartupConfig() != d.runningConfig() {
		t.Error("the seeded configuration is not the saved one")
	}
}

func TestNewAOSSFromSwitch(t *testing.T) {
	d := NewAOSSFromSwitch(seedSwitch([4]string{"1", "2", "3", "A1"}))
	if u, tg := d.Membership("1"); u != 30 || len(tg) != 0 {
		t.Errorf("port 1: untagged %d tagged %v", u, tg)
	}
	if u, tg := d.Membership("2"); u != 1 || len(tg) != 3 {
		t.Errorf("port 2: untagged %d tagged %v", u, tg)
	}
	if u, _ := d.Membership("A1"); u != 1 {
		t.Errorf("module port A1: untagged %d", u)
	}
	if !d.vlans[20].Voice {
		t.Error("VLAN 20 lost its voice flag")
	}
	if ports, bad := d.portList("1-3,A1"); bad != "" || len(ports) != 4 {
		t.Errorf("port list 1-3,A1: %d ports, %q", len(ports), bad)
	}
	if _, bad := d.portList("A1-B2"); bad == "" {
		t.Error("a range across modules was accepted")
	}
	if got := aossPortList([]string{"A2", "3", "1", "2", "A1", "5"}); got != "1-3,5,A1-A2" {
		t.Errorf("port list = %q", got)
	}
}

func TestNewSBFromSwitch(t *testing.T) {
	d := NewSBFromSwitch(seedSwitch([4]string{"gi1/0/1", "te1/0/1", "gi1/0/3", "fa1/0/4"}))
	if p, ok := d.Port("gi1/0/1"); !ok || p.Name != "GigabitEthernet1/0/1" || p.Mode != "access" || p.AccessVLAN != 30 {
		t.Errorf("gi1/0/1 = %+v", p)
	}
	if p, _ := d.Port("te1/0/1"); p.Mode != "general" || p.PVID != 1 || intList(p.GeneralTagged) != "20,30,40" {
		t.Errorf("te1/0/1 = %+v", p)
	}
	if d.VoiceVLAN() != 20 {
		t.Errorf("voice VLAN %d, want the one flagged voice (20)", d.VoiceVLAN())
	}
}

func TestNewAOSCXFromSwitch(t *testing.T) {
	d := NewAOSCXFromSwitch(seedSwitch([4]string{"1/1/1", "1/1/2", "1/1/3", "1/1/4"}))
	if p, ok := d.Port("1/1/1"); !ok || p.Trunk || p.Access != 30 || !p.PoE || !p.LLDPTxOff || p.Neighbor == nil || !p.Neighbor.Phone {
		t.Errorf("1/1/1 = %+v", p)
	}
	if p, _ := d.Port("1/1/2"); !p.Trunk || p.Native != 1 || intList(p.Allowed) != "1,20,30,40" {
		t.Errorf("1/1/2 = %+v", p)
	}
	if p, _ := d.Port("1/1/3"); !p.Shutdown || p.Access != 30 {
		t.Errorf("1/1/3 = %+v", p)
	}
	if _, ok := d.Port("Vlan30"); ok {
		t.Error("a VLAN interface became a switch port")
	}
	if !strings.Contains(d.RunningConfig(), "vlan 20\n    name VOICE\n    voice\n") || d.StartupConfig() != d.RunningConfig() {
		t.Errorf("running-config:\n%s", d.RunningConfig())
	}
}
