package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/ale_aos"
	"github.com/voxlan/voxlan/drivers/dell_os10"
	"github.com/voxlan/voxlan/drivers/juniper_junos"
	vssh "github.com/voxlan/voxlan/drivers/ssh"
	"github.com/voxlan/voxlan/lab/clisim"
	"github.com/voxlan/voxlan/lab/sshlab"
	"github.com/voxlan/voxlan/snapshot"
)

// labCLIs are the emulated switches lab-cli serves, by platform: a device
// with IP phones on its first three ports and one phone port configured,
// and its driver.
var labCLIs = map[string]func() (sshlab.Device, drivers.Driver){
	"dell_os10": func() (sshlab.Device, drivers.Driver) {
		d := clisim.NewOS10("os10-leaf-1", 10, "198.18.1.2")
		for _, p := range []string{"ethernet1/1/1", "ethernet1/1/2", "ethernet1/1/3"} {
			d.AddPhone(p)
		}
		// Port 48 is a phone port already: voice VLAN 20 and policy 1.
		sh := d.NewShell()
		for _, l := range []string{"configure terminal", "interface vlan20", "description VOICE", "exit",
			"lldp med network-policy 1 app voice vlan 20 vlan-type tag priority 5 dscp 46",
			"interface ethernet1/1/48", "switchport mode trunk", "switchport trunk allowed vlan 20",
			"lldp med network-policy add 1", "end"} {
			sh.Exec(l)
		}
		return d, dell_os10.Driver{}
	},
	"juniper_junos": func() (sshlab.Device, drivers.Driver) {
		d := clisim.NewJunos("ex2300-1", 10, "198.18.1.2")
		for _, p := range []string{"ge-0/0/0", "ge-0/0/1", "ge-0/0/2"} {
			d.AddPhone(p)
		}
		// ge-0/0/2 is a phone port already.
		d.Exec("configure", "set vlans VOICE vlan-id 20", "set switch-options voip interface ge-0/0/2.0 vlan VOICE",
			"set switch-options voip interface ge-0/0/2.0 forwarding-class expedited-forwarding", "commit")
		return d, juniper_junos.Driver{}
	},
	"ale_aos":   omniLab(8),
	"ale_aos:6": omniLab(6),
}

// omniLab is an Alcatel-Lucent OmniSwitch of AOS release 6 or 8 with IP
// phones on ports 1-4, port 4's set up by hand (voice VLAN 20 tagged,
// network policy 1 bound, its TLV on).
func omniLab(release int) func() (sshlab.Device, drivers.Driver) {
	return func() (sshlab.Device, drivers.Driver) {
		d := clisim.NewOmniSwitch(release, "os-acc1", 10, "198.18.1.2")
		prefix, lldp, tag := "1/1/", "lldp port 1/1/4", "vlan 20 members port 1/1/4 tagged"
		if release == 6 {
			prefix, lldp, tag = "1/", "lldp 1/4", "vlan 20 802.1q 1/4"
		}
		for _, p := range []string{"1", "2", "3", "4"} {
			d.AddPhone(prefix + p)
		}
		sh := d.NewShell()
		for _, l := range []string{`vlan 20 name "VOICE"`, "lldp network-policy 1 application voice vlan 20 l2-priority 5 dscp 46",
			tag, lldp + " med network-policy 1", lldp + " tlv med network-policy enable"} {
			sh.Exec(l)
		}
		return d, ale_aos.Driver{}
	}
}

// labCLI serves the emulated switch of PLATFORM over SSH on loopback for
// the rest of the script (a second lab-cli rewrites the files, the first
// switch keeps running) and writes what a site owner would have:
// $WORK/127.0.0.1/ the switch's show outputs, one file per command of the
// driver (for voxlan discover --from-cli), $WORK/sites.yaml an inventory
// of site "lab" whose one switch is 127.0.0.1 (data VLAN 10, voice VLAN
// 20), $WORK/known_hosts its host key; LAB_SSH_PASSWORD holds the
// password the inventory refers to.
func labCLI(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 || labCLIs[args[0]] == nil {
		ts.Fatalf("usage: lab-cli PLATFORM (dell_os10, juniper_junos, ale_aos, ale_aos:6 for OmniSwitch AOS 6)")
	}
	dev, d := labCLIs[args[0]]()
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	password := "pw" + hex.EncodeToString(b)
	srv, err := sshlab.Listen("127.0.0.1:0", "admin", password, dev)
	if err != nil {
		ts.Fatalf("lab-cli: %v", err)
	}
	ts.Defer(func() { srv.Close() })
	work := ts.Getenv("WORK")
	kh := filepath.Join(work, "known_hosts")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := vssh.CheckHostKey(ctx, srv.Addr(), kh, vssh.HostKeyPolicy{AcceptNew: true}, 5*time.Second); err != nil {
		ts.Fatalf("lab-cli: %v", err)
	}
	dir := filepath.Join(work, "127.0.0.1")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		ts.Fatalf("%v", err)
	}
	cmds := d.Commands()
	if nd, ok := d.(drivers.NeighborDetailer); ok {
		// The per-port neighbour details the list lacks, as the owner
		// would be asked to save them (slashes cannot be in a file name).
		var sw snapshot.Switch
		list, _ := dev.NewShell().Exec(d.Attrs().NeighborCommand)
		if err := d.Fill(&sw, map[string]string{d.Attrs().NeighborCommand: list}); err != nil {
			ts.Fatalf("lab-cli: %v", err)
		}
		for _, p := range sw.Ports {
			if len(p.Neighbors) > 0 {
				cmds = append(cmds, nd.NeighborDetailCommand(p.Name))
			}
		}
	}
	for _, c := range cmds {
		out, _ := dev.NewShell().Exec(c)
		if slices.ContainsFunc(d.Attrs().ErrorMarkers, func(m string) bool { return strings.Contains(out, m) }) {
			continue // a command of another release of the OS (OmniSwitch 6's show vlan port on 8)
		}
		name := strings.NewReplacer(" ", "_", "/", "_", "|", "").Replace(c)
		if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(out), 0o600); err != nil {
			ts.Fatalf("%v", err)
		}
	}
	_, port, _ := strings.Cut(srv.Addr(), ":")
	inv := fmt.Sprintf(`sites:
  - name: lab
    profile: generic
    engineering: voiceVlan
    users: 10
    dataVlan: 10
    voiceVlan: 20
    ssh:
      platform: %s
      port: %s
      user: admin
      password: {env: LAB_SSH_PASSWORD}
    switches:
      - host: 127.0.0.1
`, d.Name(), port)
	if err := os.WriteFile(filepath.Join(work, "sites.yaml"), []byte(inv), 0o600); err != nil {
		ts.Fatalf("%v", err)
	}
	ts.Setenv("LAB_SSH_PASSWORD", password)
}
