package snmpagent_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/snmpagent"
	"github.com/voxlan/voxlan/lab/snmprec"
	"github.com/voxlan/voxlan/lab/snmprec/snmprectest"
)

// TestTCPAnswersAsUDP walks a recording with net-snmp, a real manager,
// over TCP (its tcp: transport, RFC 3430 framing) and over UDP: the outputs
// must be byte-identical, so the stream framing loses and adds nothing.
func TestTCPAnswersAsUDP(t *testing.T) {
	labtest.RequireTools(t, "snmpbulkwalk", "snmpget")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	rec, err := snmprec.ParseFile(snmprectest.Path(t, "ios_2960x"))
	if err != nil {
		t.Fatal(err)
	}
	addrs := map[string]string{}
	for _, transport := range []string{"udp", "tcp"} {
		g, err := snmpagent.Serve(ctx, snmpagent.Endpoint{Addr: "127.0.0.1:0", Recording: rec}, snmpagent.Options{Transport: transport})
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close()
		addrs[transport] = g.Addrs()[0]
	}
	for _, args := range [][]string{
		{"snmpbulkwalk", "-v2c", "-On", "-Cr25", ".1"},
		{"snmpget", "-v2c", "-On", ".1.3.6.1.2.1.1.5.0", ".1.3.6.1.2.1.1.1.0", ".1.3.6.1.4.1.9.9.999.0"},
	} {
		udp := netsnmp(ctx, t, args, rec.Name, "udp:"+addrs["udp"])
		tcp := netsnmp(ctx, t, args, rec.Name, "tcp:"+addrs["tcp"])
		if !bytes.Equal(tcp, udp) {
			t.Errorf("%s over TCP differs from UDP:\n%s", strings.Join(args, " "), firstDiff(tcp, udp))
		}
		if lines := bytes.Count(udp, []byte("\n")); args[0] == "snmpbulkwalk" && lines < len(rec.Records) {
			t.Errorf("walk printed %d lines for %d records", lines, len(rec.Records))
		}
	}
}

// TestTCPDropsGarbageAndServesOn sends what is not an SNMP message stream:
// the agent closes that connection without answering and goes on serving
// other ones.
func TestTCPDropsGarbageAndServesOn(t *testing.T) {
	addr := serve(t, tinyRecording(t), snmpagent.Options{Transport: "tcp"})
	for _, garbage := range [][]byte{
		[]byte("GET / HTTP/1.0\r\n\r\n"),
		{0x30, 0x80, 0x00, 0x00},             // indefinite length
		{0x30, 0x84, 0x7f, 0xff, 0xff, 0xff}, // 2 GiB
		{0x30, 0x03, 0x02, 0x01, 0x01},       // a SEQUENCE that is no message
	} {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Write(garbage); err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(garbage[:2], []byte{0x30, 0x03}) {
			// A whole message the agent ignores keeps the stream open,
			// as a wrong community does: the manager closes.
			_ = c.(*net.TCPConn).CloseWrite()
		}
		_ = c.SetReadDeadline(time.Now().Add(30 * time.Second))
		// Closed with bytes unread, the kernel may reset rather than
		// end the stream: either is a closed connection, a timeout is not.
		n, err := c.Read(make([]byte, 16))
		if n != 0 || err == nil || !(errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET)) {
			t.Errorf("after %q: read %d bytes, %v; want the connection closed", garbage, n, err)
		}
		c.Close()
	}
	c := tcpClient(t, addr)
	resp, err := c.Get([]string{".1.3.6.1.2.1.1.5.0"})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(resp.Variables[0].Value.([]byte)); got != "sw1" {
		t.Errorf("sysName after the garbage = %q, want sw1", got)
	}
	// Many requests on one connection, as a walk sends them.
	rows, err := c.BulkWalkAll(".1.3.6.1.2.1.2.2.1.2")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 100 {
		t.Errorf("bulk walk of ifDescr over TCP: %d rows, want 100", len(rows))
	}
}

// TestTCPClosesStreamsWithGroup checks that Close ends the open
// connections, not only the listener.
func TestTCPClosesStreamsWithGroup(t *testing.T) {
	g, err := snmpagent.Serve(context.Background(), snmpagent.Endpoint{Addr: "127.0.0.1:0", Recording: tinyRecording(t), Community: "lab"},
		snmpagent.Options{Transport: "tcp"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := net.DialTimeout("tcp", g.Addrs()[0], 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	done := make(chan struct{})
	go func() {
		g.Close()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("Close did not return with a connection open")
	}
	_ = c.SetReadDeadline(time.Now().Add(30 * time.Second))
	if n, err := c.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		t.Errorf("open connection after Close: read %d bytes, %v; want EOF", n, err)
	}
}

func TestUnknownTransportRefused(t *testing.T) {
	_, err := snmpagent.Serve(context.Background(), snmpagent.Endpoint{Addr: "127.0.0.1:0", Recording: tinyRecording(t)},
		snmpagent.Options{Transport: "sctp"})
	if err == nil || !strings.Contains(err.Error(), `"sctp"`) {
		t.Errorf("transport sctp: err %v, want a refusal naming it", err)
	}
}

// tcpClient is gosnmp over TCP, the transport voxlan's client uses with
// --snmp-transport tcp.
func tcpClient(t testing.TB, addr string) *gosnmp.GoSNMP {
	t.Helper()
	_, port, _ := splitHostPort(addr)
	c := &gosnmp.GoSNMP{Target: "127.0.0.1", Port: port, Transport: "tcp", Community: "lab", Version: gosnmp.Version2c,
		Timeout: 10 * time.Second, MaxOids: 60}
	if err := c.Connect(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Conn.Close() })
	return c
}
