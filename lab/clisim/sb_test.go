package clisim

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/drivers/cisco_sb"
)

func TestSBModesAndErrors(t *testing.T) {
	d := NewSB("sw1", 10, "198.18.1.2")
	sh := d.NewShell()
	if sh.Prompt() != "sw1#" {
		t.Fatalf("prompt %q", sh.Prompt())
	}
	run(t, sh, "conf t")
	if sh.Prompt() != "sw1(config)#" {
		t.Fatalf("prompt %q after conf t", sh.Prompt())
	}
	out := run(t, sh,
		"interface gi5",                 // 0
		"switchport voice vlan 20",      // 1: IOS syntax
		"switchport general pvid 5000",  // 2
		"switchport general pvid",       // 3
		"switchport",                    // 4
		"e",                             // 5: exit or end
		"switchport general pvid 30",    // 6: VLAN 30 does not exist
		"lldp med network-policy add 1", // 7: no such policy
		"sw mo gen",                     // 8: abbreviations
	)
	if sh.Prompt() != "sw1(config-if)#" {
		t.Errorf("prompt %q in interface mode", sh.Prompt())
	}
	want := map[int]string{0: "", 1: "% Unrecognized command", 2: "% bad parameter value", 3: "% missing mandatory parameter",
		4: "% Incomplete command", 5: "% Ambiguous command", 6: "% bad parameter value", 7: "% bad parameter value", 8: ""}
	for i, w := range want {
		if (w == "" && out[i] != "") || !strings.Contains(out[i], w) {
			t.Errorf("line %d: got %q, want %q", i, out[i], w)
		}
	}
	if p, _ := d.Port("gi5"); p.Mode != "general" || p.PVID != 0 {
		t.Errorf("gi5 %+v", p)
	}
	run(t, sh, "exit")
	if sh.Prompt() != "sw1(config)#" {
		t.Errorf("prompt %q after exit", sh.Prompt())
	}
	run(t, sh, "vlan database")
	if sh.Prompt() != "sw1(config-vlan)#" {
		t.Errorf("prompt %q in vlan database", sh.Prompt())
	}
	if out := run(t, sh, "no vlan 1", "vlan 30-31", "end"); out[0] != "% bad parameter value\n" || out[1] != "" {
		t.Errorf("vlan database: %q", out)
	}
	if sh.Prompt() != "sw1#" {
		t.Errorf("prompt %q after end", sh.Prompt())
	}
	if out := run(t, sh, "disable", "configure terminal"); out[1] != "% Unrecognized command\n" {
		t.Errorf("configure from user EXEC: %q", out[1])
	}
}

func TestSBParsersReadEmulator(t *testing.T) {
	d := NewSB("sw1", 10, "198.18.1.2")
	d.AddPhone("gi3")
	sh := d.NewShell()
	out := run(t, sh, "configure terminal", "vlan database", "vlan 20", "exit", "interface vlan 20", "name VOICE", "exit",
		"voice vlan id 20", "no lldp med network-policy voice auto",
		"lldp med network-policy 1 voice vlan 20 vlan-type tagged up 5 dscp 46",
		"interface GigabitEthernet3", "switchport mode general", "switchport general allowed vlan add 10 untagged",
		"switchport general pvid 10", "switchport general allowed vlan add 20 tagged", "lldp med network-policy add 1", "exit",
		"interface gi4", "power inline never", "no lldp receive", "end")
	for i, o := range out {
		if o != "" {
			t.Errorf("line %d answered %q", i, o)
		}
	}
	drv := cisco_sb.Driver{}
	cfg, err := drv.ParseConfig(d.RunningConfig())
	if err != nil {
		t.Fatal(err)
	}
	p3 := cfg.Ports["gi3"]
	if p3 == nil || p3.Mode != "general" || p3.VoiceVLAN != 20 || p3.DataVLAN != 10 || p3.MED == nil || p3.MED.DSCP != 46 || p3.MED.Priority != 5 {
		t.Fatalf("gi3 from running-config: %+v", p3)
	}
	if !cfg.VLANs[20].Voice || cfg.VLANs[20].Name != "VOICE" || !cfg.Ports["gi4"].PoEOff || !cfg.Ports["gi4"].LLDPRxOff || len(cfg.PortOrder) != 28 {
		t.Errorf("running-config: vlans %v gi4 %+v", cfg.VLANs, cfg.Ports["gi4"])
	}
	vl, err := cisco_sb.ParseVLANs(run(t, sh, "show vlan")[0])
	if err != nil || len(vl) != 4 || vl[1].ID != 10 || vl[2].ID != 20 || vl[2].Name != "VOICE" {
		t.Fatalf("show vlan: %+v %v", vl, err)
	}
	// VLAN 10: gi1-24 untagged (gi3 in general mode), gi28 trunk.
	if !slices.Equal(vl[1].Ports, []string{"gi1-24", "gi28"}) || !slices.Equal(vl[2].Ports, []string{"gi3", "gi28"}) || vl[2].CreatedBy != "SV" {
		t.Errorf("show vlan members: %+v", vl)
	}
	sp, err := cisco_sb.ParseSwitchport(run(t, sh, "show interfaces switchport gi3")[0])
	if err != nil || len(sp) != 1 || sp[0].Mode != "general" || sp[0].PVID != 10 || !slices.Equal(sp[0].Untagged, []int{10}) || !slices.Equal(sp[0].Tagged, []int{20}) {
		t.Fatalf("switchport gi3: %+v %v", sp, err)
	}
	nb, err := cisco_sb.ParseLLDPNeighbors(run(t, sh, "show lldp neighbors")[0])
	if err != nil || len(nb) != 2 || nb[0].LocalInterface != "gi3" || nb[0].SysName != "SEP00AABBCC3" || !slices.Equal(nb[0].Capabilities, []string{"B", "T"}) ||
		nb[1].LocalInterface != "gi28" || nb[1].PortDescr != "" {
		t.Fatalf("lldp neighbors: %+v %v", nb, err)
	}
	det, err := cisco_sb.ParseLLDPDetail("gi3", run(t, sh, "show lldp neighbors gi3")[0])
	if err != nil || det == nil || det.DeviceType != "Endpoint Class III" || det.PVID != 10 || det.SysDescr == "" || !slices.Equal(det.Capabilities, []string{"B", "T"}) {
		t.Fatalf("lldp detail: %+v %v", det, err)
	}
	if got := run(t, sh, "show version")[0]; !drv.IdentifyCLI(got) {
		t.Errorf("IdentifyCLI refuses the emulator's show version %q", got)
	}
	// Long VLAN names wrap as on the real switch, and still parse.
	run(t, sh, "configure terminal", "interface vlan 10", "name Test-Long-Vlan-Name1", "end")
	vl, _ = cisco_sb.ParseVLANs(run(t, sh, "show vlan")[0])
	if vl[1].Name != "Test-Long-Vlan-Name1" {
		t.Errorf("wrapped name: %q", vl[1].Name)
	}
}

func TestSBRemovalRules(t *testing.T) {
	d := NewSB("sw1", 10, "198.18.1.2")
	sh := d.NewShell()
	out := run(t, sh, "configure terminal", "lldp med network-policy 2 voice vlan 10 vlan-type tagged up 5 dscp 46",
		"interface gi2", "lldp med network-policy add 2", "exit", "no lldp med network-policy 2",
		"lldp med network-policy 3 voice vlan 10 up 9", "voice vlan id 77")
	if out[5] != "% bad parameter value\n" || out[6] != "% bad parameter value\n" || out[7] != "% bad parameter value\n" {
		t.Errorf("got %q", out)
	}
	if p, _ := d.Port("gi2"); !slices.Equal(p.Policies, []int{2}) || d.VoiceVLAN() != 0 {
		t.Errorf("state changed by rejected lines: %+v", p)
	}
}

func TestSBSaveAsks(t *testing.T) {
	d := NewSB("sw1", 10, "198.18.1.2")
	sh := d.NewShell()
	run(t, sh, "configure terminal", "hostname sw2", "end", "write memory")
	if !strings.Contains(sh.Prompt(), "(Y/N)[N] ?") {
		t.Fatalf("no overwrite question: %q", sh.Prompt())
	}
	if d.StartupConfig() == d.RunningConfig() {
		t.Fatal("saved before the answer")
	}
	if out := run(t, sh, "Y")[0]; !strings.Contains(out, "Copy succeeded") || d.StartupConfig() != d.RunningConfig() {
		t.Errorf("answer Y: %q", out)
	}
	if sh.Prompt() != "sw2#" {
		t.Errorf("prompt %q", sh.Prompt())
	}
	run(t, sh, "configure terminal", "hostname sw3", "end", "write memory", "n")
	if d.StartupConfig() == d.RunningConfig() {
		t.Error("saved after answering n")
	}
}

func TestSBPaging(t *testing.T) {
	d := NewSB("sw1", 10, "198.18.1.2")
	c := serveTest(t, d.NewShell())
	c.readUntil(t, "sw1#")
	c.Write([]byte("show running-config\n"))
	first := c.readUntil(t, "More: <space>,  Quit: q or CTRL+Z, One line: <return> ")
	if n := strings.Count(first, "\r\n"); n < 20 || n > 25 {
		t.Errorf("first page has %d lines, want about 23", n)
	}
	c.Write([]byte("q"))
	c.readUntil(t, "sw1#")
	c.Write([]byte("terminal datadump\nshow running-config\n"))
	all := c.readUntil(t, "\r\nexit\r\nsw1#")
	if strings.Contains(all, "More:") {
		t.Error("paged after terminal datadump")
	}
	c.Write([]byte("exit\n"))
}

// TestSBStateFile: two sessions over one state file (as two OpenSSH
// ForceCommand processes) see one device.
func TestSBStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sb.json")
	if err := NewSB("sw1", 10, "198.18.1.2").SaveState(path); err != nil {
		t.Fatal(err)
	}
	a, err := PersistentSBShell(path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := PersistentSBShell(path)
	run(t, a, "configure terminal", "vlan database", "vlan 20", "exit", "voice vlan id 20", "interface gi2", "switchport mode general")
	if a.Prompt() != "sw1(config-if)#" {
		t.Errorf("prompt %q", a.Prompt())
	}
	out := run(t, b, "show running-config")[0]
	if !strings.Contains(out, "voice vlan id 20") || !strings.Contains(out, "interface GigabitEthernet2\n switchport mode general\n") {
		t.Errorf("second session does not see the first's changes:\n%s", out)
	}
	if _, err := LoadSB(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("no error for a missing state")
	}
}

// FuzzSBExec feeds arbitrary lines to the emulator: it never panics, and
// whatever it accepted still prints a running configuration the cisco_sb
// driver reads.
func FuzzSBExec(f *testing.F) {
	for _, s := range []string{
		"configure terminal\nvlan database\nvlan 20-22\nexit\nvoice vlan id 20\ninterface gi1\nswitchport mode general\nswitchport general allowed vlan add 20 tagged\nend",
		"conf t\nlldp med network-policy 3 voice vlan 20 vlan-type untagged up 7 dscp 63\ninterface gi2\nlldp med network-policy add 3\nno lldp transmit",
		"conf t\ninterface vlan 1\nname x y z\nexit\nno lldp run\ninterface gi28\nswitchport trunk allowed vlan remove 1-4094",
		"write memory\nY\nshow vlan\nshow lldp neighbors gi1\nshow interfaces switchport gi28",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d := NewSB("sw1", 10, "198.18.1.2")
		sh := d.NewShell()
		for i, l := range strings.Split(in, "\n") {
			if i > 200 {
				break
			}
			if _, done := sh.Exec(l); done {
				break
			}
		}
		if _, err := (cisco_sb.Driver{}).ParseConfig(d.RunningConfig()); err != nil {
			t.Fatalf("running-config after %q does not parse: %v\n%s", in, err, d.RunningConfig())
		}
	})
}
