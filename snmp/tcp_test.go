package snmp_test

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/snmpagent"
	"github.com/voxlan/voxlan/lab/snmprec"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

// readOver discovers target over transport with community.
func readOver(t *testing.T, transport, addr, community string) snapshot.Switch {
	t.Helper()
	sw := snmp.DiscoverSwitch(context.Background(), snmp.Target{Address: addr}, snmp.Options{
		Credentials: snmp.Credentials{Community: community}, Timeout: 5 * time.Second, Retries: 1, Transport: transport})
	if len(sw.Errors) != 0 {
		t.Fatalf("over %s: %v", transport, sw.Errors)
	}
	sw.Target = ""
	return sw
}

// TestDiscoverOverTCPSameAsUDP reads recordings served by lab/snmpagent
// over UDP and over TCP (RFC 3430): the switches must come out the same,
// octet strings included (gosnmp decodes a TCP answer in its receive
// buffer, which the next answer overwrites: checkResponse copies).
func TestDiscoverOverTCPSameAsUDP(t *testing.T) {
	for _, name := range []string{"procurve", "ios_2960x"} {
		rec, err := snmprec.ParseFile(recordingsDir + "/" + name + ".snmprec")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]snapshot.Switch{}
		for _, transport := range snmp.Transports {
			g, err := snmpagent.Serve(context.Background(), snmpagent.Endpoint{Addr: "127.0.0.1:0", Recording: rec},
				snmpagent.Options{Transport: transport})
			if err != nil {
				t.Fatal(err)
			}
			got[transport] = readOver(t, transport, g.Addrs()[0], name)
			g.Close()
		}
		if !reflect.DeepEqual(got["tcp"], got["udp"]) {
			t.Errorf("%s: the switch read over TCP differs from the one read over UDP", name)
		}
		if len(got["tcp"].Ports) == 0 || got["tcp"].SysDescr == "" {
			t.Errorf("%s: over TCP: %d ports, sysDescr %q", name, len(got["tcp"].Ports), got["tcp"].SysDescr)
		}
	}
}

// TestDiscoverOverTCPFromNetSNMP reads net-snmp's snmpd, a real agent that
// listens on TCP and UDP at once: what comes over TCP is what comes over
// UDP (less sysUpTime, which moves between the reads).
func TestDiscoverOverTCPFromNetSNMP(t *testing.T) {
	labtest.RequireTools(t, "snmpd")
	dir := t.TempDir()
	conf := filepath.Join(dir, "snmpd.conf")
	const community, sysName = "voxlan-tcp", "voxlan-snmpd-tcp"
	if err := os.WriteFile(conf, []byte("rocommunity "+community+" 127.0.0.1\nsysName "+sysName+"\nsysLocation lab\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	addr := "127.0.0.1:" + port
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, "snmpd", "-f", "-Lf", filepath.Join(dir, "snmpd.log"), "-C", "-c", conf,
		"-p", filepath.Join(dir, "snmpd.pid"), "tcp:"+addr, "udp:"+addr)
	cmd.Env = append(os.Environ(), "SNMP_PERSISTENT_DIR="+dir, "MIBS=", "MIBDIRS=/nonexistent")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
	})
	for deadline := time.Now().Add(30 * time.Second); ; {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "snmpd.log"))
			t.Fatalf("snmpd did not listen on tcp:%s: %v\n%s", addr, err, log)
		}
		time.Sleep(100 * time.Millisecond)
	}
	tcp := readOver(t, "tcp", addr, community)
	udp := readOver(t, "udp", addr, community)
	if tcp.SysName != sysName {
		t.Errorf("sysName over TCP = %q, want %q", tcp.SysName, sysName)
	}
	tcp.UptimeSeconds, udp.UptimeSeconds = 0, 0
	if !reflect.DeepEqual(tcp, udp) {
		t.Errorf("snmpd read over TCP differs from the read over UDP:\nTCP %+v\nUDP %+v", tcp, udp)
	}
	if len(tcp.Ports) == 0 {
		t.Error("no interface of snmpd read over TCP")
	}
}

// TestUnknownTransportFailsEveryTarget: a transport outside udp and tcp
// is a connect error naming it, nothing is sent.
func TestUnknownTransportFailsEveryTarget(t *testing.T) {
	sw := snmp.DiscoverSwitch(context.Background(), snmp.Target{Address: "127.0.0.1:1"}, snmp.Options{Transport: "sctp"})
	if len(sw.Errors) != 1 || sw.Errors[0].Stage != "connect" {
		t.Fatalf("errors %v, want one connect error", sw.Errors)
	}
	if err := snmp.ValidateTransport("sctp"); err == nil {
		t.Error("ValidateTransport accepted sctp")
	}
}
