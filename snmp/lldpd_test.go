//go:build linux

package snmp_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/lldplab"
	"github.com/voxlan/voxlan/lab/netns"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

// TestLLDPMEDFromLiveAgent reads LLDP-MED from a real agent: net-snmp's
// snmpd (AgentX master) with lldpd exporting its live LLDP-MIB, in a
// namespace "sw" whose port swp1 faces a second lldpd acting as a phone
// (MED class III) in namespace "ph" (lab.md 4b). It checks the policies the
// switch advertises (lldpXMedLocMediaPolicyTable) and those the phone sent
// (lldpXMedRem*), and that the neighbour lands on swp1 through
// lldpLocPortTable and IF-MIB.
func TestLLDPMEDFromLiveAgent(t *testing.T) {
	labtest.RequireRoot(t)
	labtest.RequireTools(t, "snmpd", "lldpd", "lldpcli")
	sw := netns.ForTest(t, "vxsnsw")
	ph := netns.ForTest(t, "vxsnph")
	if err := netns.Veth(sw, "swp1", ph, "eth0"); err != nil {
		t.Fatal(err)
	}
	if err := sw.AddAddr("swp1", "198.18.61.1/24"); err != nil {
		t.Fatal(err)
	}
	if err := ph.AddAddr("eth0", "198.18.61.2/24"); err != nil {
		t.Fatal(err)
	}

	// snmpd in sw, on sw's own loopback, AgentX socket where lldpd's
	// unprivileged child can reach it.
	dir, err := os.MkdirTemp("", "vxsnmpd")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "agentx.sock")
	conf := filepath.Join(dir, "snmpd.conf")
	if err := os.WriteFile(conf, []byte(fmt.Sprintf(`agentaddress udp:127.0.0.1:1161
master agentx
agentXSocket %s
agentXPerms 0666 0777
rocommunity public 127.0.0.1
sysName SW1-snmpd
`, sock)), 0o644); err != nil {
		t.Fatal(err)
	}
	snmpd := sw.Command(context.Background(), "snmpd", "-f", "-Lf", filepath.Join(dir, "snmpd.log"), "-C", "-c", conf)
	if err := sw.Start(snmpd); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; {
		if _, err := os.Stat(sock); err == nil {
			break
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "snmpd.log"))
			t.Fatalf("snmpd made no AgentX socket; log:\n%s", log)
		}
		time.Sleep(50 * time.Millisecond)
	}

	lldplab.StartLLDPD(t, sw, "swp1", lldplab.SwitchConfig("SW1", 5), "-M", "4", "-x", "-X", sock)
	lldplab.StartLLDPD(t, ph, "eth0", `configure system hostname phone-1
configure lldp tx-interval 1
configure med policy application voice tagged vlan 20 priority voice dscp 46
`, "-M", "3")

	var got snapshot.Switch
	var swp1 *snapshot.Port
	var phone *snapshot.Neighbor
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		err := lldplab.Do(sw, func() error {
			got = snmp.DiscoverSwitch(context.Background(), snmp.Target{Address: "127.0.0.1:1161"}, snmp.Options{
				Timeout: 2 * time.Second, Retries: 1})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		swp1, phone = nil, nil
		for i := range got.Ports {
			if got.Ports[i].Name != "swp1" {
				continue
			}
			swp1 = &got.Ports[i]
			for j := range swp1.Neighbors {
				if n := &swp1.Neighbors[j]; n.SysName == "phone-1" && n.MED != nil && len(n.MED.Policies) > 0 {
					phone = n
				}
			}
		}
		if phone != nil && len(swp1.MEDPolicies) > 0 {
			break
		}
	}
	if swp1 == nil || phone == nil {
		t.Fatalf("no phone-1 with LLDP-MED on swp1 after 30 s; switch %q, errors %v", got.SysName, got.Errors)
	}
	voice := snapshot.Policy{Application: "voice", VLAN: 20, Tagged: true, Priority: 5, DSCP: 46}
	if phone.MED.DeviceClass != "endpointClass3" || phone.MED.Policies[0] != voice {
		t.Errorf("phone MED = %+v, want endpointClass3 with %+v", *phone.MED, voice)
	}
	if swp1.MEDPolicies[0] != voice || len(swp1.MEDPolicies) != 2 || swp1.MEDPolicies[1].Application != "voiceSignaling" ||
		swp1.MEDPolicies[1].VLAN != 20 || swp1.MEDPolicies[1].DSCP != 24 {
		t.Errorf("swp1 advertises %+v, want voice %+v and voiceSignaling VLAN 20 DSCP 24", swp1.MEDPolicies, voice)
	}
	if swp1.VoiceVLAN != 20 {
		t.Errorf("swp1 voice VLAN %d, want 20 (its LLDP-MED voice policy)", swp1.VoiceVLAN)
	}
	// lldpd leaves lldpPortConfigTable out: no admin status to read.
	if swp1.LLDPAdmin != "" {
		t.Errorf("swp1 LLDP admin %q from an agent without lldpPortConfigTable", swp1.LLDPAdmin)
	}
	if len(got.ChassisID) != 17 || len(phone.ChassisID) != 17 || phone.PortID == "" || len(got.Errors) != 0 {
		t.Errorf("chassis %q, phone chassis %q port %q, errors %v", got.ChassisID, phone.ChassisID, phone.PortID, got.Errors)
	}
}
