package lldp

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/snapshot"
)

func TestCountDevices(t *testing.T) {
	sw := snapshot.Neighbor{Protocol: "lldp", ChassisID: "00:11:22:33:44:55", SysName: "SW1.lab.test", MgmtAddress: "198.18.10.1"}
	tests := []struct {
		name string
		ns   []snapshot.Neighbor
		want int
	}{
		{"one switch, both protocols by name", []snapshot.Neighbor{sw, {Protocol: "cdp", ChassisID: "sw1"}}, 1},
		{"one switch, both protocols by address", []snapshot.Neighbor{sw, {Protocol: "cdp", ChassisID: "other-name", MgmtAddress: "198.18.10.1"}}, 1},
		{"switch and a phone behind a hub", []snapshot.Neighbor{sw, {Protocol: "lldp", ChassisID: "02:00:00:00:00:09", SysName: "SEP0200"}}, 2},
		{"LLDP switch and an unrelated CDP device", []snapshot.Neighbor{sw, {Protocol: "cdp", ChassisID: "R1"}}, 2},
		{"nothing", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := countDevices(&snapshot.Here{Neighbors: tt.ns}); got != tt.want {
				t.Errorf("countDevices = %d, want %d", got, tt.want)
			}
		})
	}
}

// framesPort hands out frames, then waits for the context like a quiet link.
type framesPort struct{ frames [][]byte }

func (p *framesPort) ReadFrame(ctx context.Context) (capture.Frame, error) {
	if len(p.frames) == 0 {
		<-ctx.Done()
		return capture.Frame{}, ctx.Err()
	}
	f := p.frames[0]
	p.frames = p.frames[1:]
	return capture.Frame{Data: f, Length: len(f)}, nil
}
func (p *framesPort) WriteFrame([]byte) error        { return nil }
func (p *framesPort) HardwareAddr() net.HardwareAddr { return net.HardwareAddr{2, 0, 0, 0, 0, 1} }
func (p *framesPort) Close() error                   { return nil }

// TestHereSurvivesBrokenFrames: the Power via MDI crasher of issue 14 and a
// truncated CDP frame arrive before a good LLDPDU: both are reported and
// skipped, the neighbour is still heard.
func TestHereSurvivesBrokenFrames(t *testing.T) {
	src := [6]byte{0x02, 0, 0, 0, 0, 9}
	eth := func(pdu []byte) []byte {
		b := append(append(MulticastAddr[:0:0], MulticastAddr[:]...), src[:]...)
		return append(append(b, 0x88, 0xcc), pdu...)
	}
	crasher := append(lldpHead(0, nil), 0xfe, 11, 0x00, 0x12, 0x0f, 0x02, 0x0f, 0x01, 0x05, 0x53, 0x00, 0x82, 0x01, 0, 0)
	good := LLDPDU{ChassisID: ChassisID{Subtype: ChassisIDMACAddress, ID: []byte{0, 0x11, 0x22, 0x33, 0x44, 0x55}},
		PortID: PortID{Subtype: PortIDLocal, ID: []byte("Gi1/0/7")}, TTL: 120, SystemName: []byte("sw-good")}
	goodFrame, err := AppendLLDPFrame(nil, src, &good)
	if err != nil {
		t.Fatal(err)
	}
	cdp := append(append(CDPMulticastAddr[:0:0], CDPMulticastAddr[:]...), src[:]...)
	cdp = append(append(append(cdp, 0, 15), cdpSNAP[:]...), 2, 180, 0, 0, 0, 1, 0) // TLV header cut
	port := &framesPort{frames: [][]byte{eth(crasher), cdp, make([]byte, 60), goodFrame}}
	var broken []string
	h, err := Here(t.Context(), port, "eth0", HereOptions{Wait: 200 * time.Millisecond,
		OnBroken: func(_ time.Duration, source string, err error) {
			if !errors.Is(err, ErrInvalidFrame) {
				t.Errorf("broken frame error %v does not wrap ErrInvalidFrame", err)
			}
			broken = append(broken, source)
		}})
	if err != nil {
		t.Fatal(err)
	}
	if h.BrokenFrames != 2 || len(broken) != 2 || broken[0] != "02:00:00:00:00:09" {
		t.Errorf("got %d broken frames, reported %v; want 2 from 02:00:00:00:00:09", h.BrokenFrames, broken)
	}
	if len(h.Neighbors) != 1 || h.Neighbors[0].SysName != "sw-good" {
		t.Errorf("got neighbours %+v, want sw-good only", h.Neighbors)
	}
}

// The decoders' own pseudo EtherType for 802.3 length frames is the one
// the capture opens sockets with.
func TestEtherType802_2MatchesCapture(t *testing.T) {
	if EtherType802_2 != capture.EtherType802_2 {
		t.Errorf("lldp.EtherType802_2 = %#x, capture.EtherType802_2 = %#x", EtherType802_2, capture.EtherType802_2)
	}
}
