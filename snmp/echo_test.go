package snmp

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gosnmp/gosnmp"
)

// echoServer answers every UDP packet on loopback with the packet itself,
// as an echo service (or a reflecting middlebox) would.
func echoServer(t *testing.T) string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 65536)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			_, _ = pc.WriteTo(buf[:n], from)
		}
	}()
	return pc.LocalAddr().String()
}

// TestEchoResponderIsNotASwitch: an endpoint that echoes our own requests
// back is an error in the snapshot's errors, never a switch of 0 ports.
func TestEchoResponderIsNotASwitch(t *testing.T) {
	addr := echoServer(t)
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	snap := Discover(ctx, "lab", []Target{{Address: addr}}, Options{Timeout: 500 * time.Millisecond})
	if len(snap.Switches) != 0 {
		t.Fatalf("got %d switch(es) from an echo responder: %+v", len(snap.Switches), snap.Switches)
	}
	if len(snap.Errors) != 1 || !strings.Contains(snap.Errors[0].Message, "not an SNMP response") {
		t.Fatalf("errors %+v, want one saying the answer is not an SNMP response", snap.Errors)
	}
}

func TestCheckResponse(t *testing.T) {
	for _, tc := range []struct {
		pdu  gosnmp.PDUType
		want error
	}{
		{gosnmp.GetResponse, nil},
		{gosnmp.GetRequest, ErrNotSNMPResponse},
		{gosnmp.GetBulkRequest, ErrNotSNMPResponse},
		{gosnmp.Report, ErrNotSNMPResponse},
	} {
		_, err := checkResponse(&gosnmp.SnmpPacket{PDUType: tc.pdu}, nil)
		if !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
			t.Errorf("%v: got %v, want %v", tc.pdu, err, tc.want)
		}
	}
}
