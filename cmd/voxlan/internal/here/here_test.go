package here

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	"github.com/voxlan/voxlan/lldp"
	"github.com/voxlan/voxlan/snapshot"
)

func TestNewCmdHere(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		wantErr   string
		wantProbe bool
		wantWait  time.Duration
		wantOut   string
	}{
		{name: "defaults", args: []string{"--iface", "eth0"}, wantProbe: true, wantWait: 10 * time.Second},
		{name: "no probe", args: []string{"-i", "eth0", "--no-probe", "--wait", "65s", "-o", "json"}, wantWait: 65 * time.Second, wantOut: "json"},
		{name: "probe=false", args: []string{"-i", "eth0", "--probe=false"}, wantWait: 10 * time.Second},
		{name: "no iface: found at run", args: nil, wantProbe: true, wantWait: 10 * time.Second},
		{name: "bad wait", args: []string{"-i", "eth0", "--wait", "0s"}, wantErr: "--wait"},
		{name: "bad output", args: []string{"-i", "eth0", "-o", "yaml"}, wantErr: `-o "yaml"`},
		{name: "stray arg", args: []string{"-i", "eth0", "extra"}, wantErr: "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *HereOptions
			streams, _, _ := cmdtest.Streams()
			cmd := NewCmdHere(&cmdutil.Factory{IO: streams, Now: time.Now}, func(o *HereOptions) error { got = o; return nil })
			if cmdtest.WantErr(t, cmdtest.Run(cmd, tt.args...), tt.wantErr) {
				return
			}
			if got.Probe != tt.wantProbe || got.Wait != tt.wantWait || got.Output != tt.wantOut {
				t.Errorf("probe %v wait %v output %q, want %v %v %q", got.Probe, got.Wait, got.Output, tt.wantProbe, tt.wantWait, tt.wantOut)
			}
		})
	}
}

// replayPort plays frames from captures as if they arrived on the wire,
// then waits for the context like a quiet link; it records what is sent.
type replayPort struct {
	frames []capture.Frame
	mu     sync.Mutex
	sent   [][]byte
}

func newReplayPort(t *testing.T, files ...string) *replayPort {
	p := &replayPort{frames: cmdtest.ReadFrames(t, files...)}
	for i := range p.frames {
		p.frames[i].Time = time.Time{} // "now", when read
	}
	return p
}

func (p *replayPort) ReadFrame(ctx context.Context) (capture.Frame, error) {
	p.mu.Lock()
	if len(p.sent) > 0 && len(p.frames) > 0 { // answer only once probed, if probing
		f := p.frames[0]
		p.frames = p.frames[1:]
		p.mu.Unlock()
		return f, nil
	}
	p.mu.Unlock()
	<-ctx.Done()
	return capture.Frame{}, ctx.Err()
}

func (p *replayPort) WriteFrame(b []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sent = append(p.sent, append([]byte(nil), b...))
	return nil
}
func (p *replayPort) HardwareAddr() net.HardwareAddr { return net.HardwareAddr{2, 0, 0, 0, 0, 1} }
func (p *replayPort) Close() error                   { return nil }

func runHere(t *testing.T, port capture.Port, opts HereOptions) (string, string, error) {
	var out, errOut bytes.Buffer
	opts.IO = &cmdutil.IOStreams{Out: &out, ErrOut: &errOut, ErrTTY: true}
	opts.Now = time.Now
	opts.Open = func(string, ...uint16) (capture.Port, error) { return port, nil }
	err := hereRun(context.Background(), &opts)
	return out.String(), errOut.String(), err
}

// TestHereRunReplay: a ProCurve's LLDP-MED answer and a Catalyst's CDP
// voice VLAN reply arrive after the probe. The table names both, the JSON
// is a snapshot with the here block, the probe sent the LLDP-MED frame, the
// CDP query and, at the end, the TTL=0 frame.
func TestHereRunReplay(t *testing.T) {
	files := []string{"testdata/assimilation_lldpmed_civicloc.pcap", "testdata/assimilation_cdp_v2_voice.pcap"}
	port := newReplayPort(t, files...)
	out, errOut, err := runHere(t, port, HereOptions{Interface: "eth0", Probe: true, Wait: 300 * time.Millisecond, Output: "table"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Voice VLAN known after", "(lldp, probe sent)",
		"ProCurve Switch 2600-8-PWR", "Policy voice", "VLAN 50 tagged, priority 6, DSCP 46",
		"LLDP-MED 6.5 W", "100 Mb/s full duplex (100BaseTXFD)",
		"myswitch", "Voice VLAN (CDP)", "10", "cisco WS-C2950-12",
		"WARNING", "several neighbours",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "ProCurve Switch 2600-8-PWR, port 1, voice VLAN 50 tagged priority 6 DSCP 46 (LLDP-MED), PoE offered LLDP-MED 6.5 W, priority low") {
		t.Errorf("progress on stderr = %q", errOut)
	}
	if len(port.sent) != 3 {
		t.Fatalf("sent %d frames, want LLDP-MED, CDP, shutdown", len(port.sent))
	}
	var p lldp.Packet
	for i, want := range []string{"lldp ttl 120", "cdp", "lldp ttl 0"} {
		if err := p.DecodeEthernet(port.sent[i]); err != nil {
			t.Fatalf("sent frame %d: %v", i+1, err)
		}
		got := p.Protocol.String()
		if p.Protocol == lldp.ProtocolLLDP {
			got += fmt.Sprintf(" ttl %d", p.LLDP.TTL)
		}
		if got != want {
			t.Errorf("sent frame %d = %s, want %s", i+1, got, want)
		}
	}

	// JSON: a snapshot with the here block.
	port = newReplayPort(t, files...)
	out, _, err = runHere(t, port, HereOptions{Interface: "eth0", Probe: true, Wait: 300 * time.Millisecond, Output: "json", Site: "lab"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := snapshot.Decode(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	h := s.Here
	if s.Site != "lab" || h == nil || h.Interface != "eth0" || len(h.Neighbors) != 2 || len(h.Details) != 2 || !h.Probe.Sent || !h.SeveralNeighbors {
		t.Fatalf("snapshot here = %+v", h)
	}
	if pol := h.Neighbors[0].MED.Policies; len(pol) != 1 || pol[0] != (snapshot.Policy{Application: "voice", VLAN: 50, Tagged: true, Priority: 6, DSCP: 46}) {
		t.Errorf("policies = %+v", pol)
	}
	if h.Neighbors[1].VoiceVLAN != 10 || h.Details[1].VoiceVLAN != 10 {
		t.Errorf("CDP voice VLAN = %d / %d, want 10", h.Neighbors[1].VoiceVLAN, h.Details[1].VoiceVLAN)
	}
}

// TestHereRunSilentLink: nothing heard is exit code 3 with a hint.
func TestHereRunSilentLink(t *testing.T) {
	port := &replayPort{}
	out, errOut, err := runHere(t, port, HereOptions{Interface: "eth0", Wait: 100 * time.Millisecond, Output: "json"})
	var ee *cmdutil.ExitError
	if !errors.As(err, &ee) || ee.Code != cmdutil.ExitPartial {
		t.Fatalf("err = %v, want exit %d", err, cmdutil.ExitPartial)
	}
	if !strings.Contains(errOut, "no LLDP or CDP neighbour on eth0") || !strings.Contains(out, `"here"`) {
		t.Errorf("stdout %q stderr %q", out, errOut)
	}
	if len(port.sent) != 0 {
		t.Errorf("sent %d frames without --probe", len(port.sent))
	}
}

func TestHereRunPermission(t *testing.T) {
	opts := &HereOptions{Interface: "eth0", Wait: time.Second, IO: &cmdutil.IOStreams{Out: io.Discard, ErrOut: io.Discard}, Now: time.Now,
		Open: func(string, ...uint16) (capture.Port, error) {
			return nil, fmt.Errorf("%w: opening eth0: operation not permitted", capture.ErrPermission)
		}}
	err := hereRun(context.Background(), opts)
	if !errors.Is(err, capture.ErrPermission) || !strings.Contains(err.Error(), "CAP_NET_RAW") {
		t.Errorf("err = %v, want the permission error naming CAP_NET_RAW", err)
	}
}

// TestHereFindsJack: without --iface, here listens on the only wired
// interface with carrier, by the name the OS shows, and says so; where the
// OS hides 802.1Q tags it says that too, and what it falls back to. No
// such interface is a usage error naming what was seen.
func TestHereFindsJack(t *testing.T) {
	laptop := []capture.Interface{
		{Name: "Wi-Fi", Kind: capture.KindWireless, Up: true, Carrier: true},
		{Name: "vEthernet (Default Switch)", Kind: capture.KindVirtual, Up: true, Carrier: true},
		{Name: "Ethernet 2", Kind: capture.KindWired, Up: true, Carrier: true, SpeedMbps: 1000},
	}
	var opened string
	var errOut bytes.Buffer
	opts := &HereOptions{Wait: 100 * time.Millisecond, Output: "json", Now: time.Now,
		IO:         &cmdutil.IOStreams{Out: io.Discard, ErrOut: &errOut, ErrTTY: true},
		Interfaces: func() ([]capture.Interface, error) { return laptop, nil },
		TagsHidden: "Windows network drivers remove 802.1Q tags before Npcap sees a frame",
		Open: func(name string, _ ...uint16) (capture.Port, error) {
			opened = name
			return &replayPort{}, nil
		}}
	err := hereRun(context.Background(), opts)
	var ee *cmdutil.ExitError
	if !errors.As(err, &ee) || ee.Code != cmdutil.ExitPartial || opened != "Ethernet 2" {
		t.Fatalf("err %v, opened %q; want a silent Ethernet 2", err, opened)
	}
	for _, want := range []string{
		"on Ethernet 2 (the only wired interface with carrier)",
		"here: 802.1Q tags are hidden from capture here (Windows network drivers remove 802.1Q tags before Npcap sees a frame): the voice VLAN is learnt from LLDP-MED/CDP",
	} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut.String())
		}
	}

	opened = ""
	opts.Interface, opts.Interfaces = "", func() ([]capture.Interface, error) { return laptop[:2], nil }
	err = hereRun(context.Background(), opts)
	if !errors.As(err, &ee) || ee.Code != cmdutil.ExitUsage || opened != "" ||
		!strings.Contains(err.Error(), `no wired interface with carrier: plug the laptop into the jack, or give --iface NAME; seen: Wi-Fi (Wi-Fi), "vEthernet (Default Switch)" (virtual)`) {
		t.Errorf("no jack: %v (opened %q)", err, opened)
	}
	opts.Interfaces = nil
	if err := hereRun(context.Background(), opts); !errors.As(err, &ee) || ee.Code != cmdutil.ExitUsage || !strings.Contains(err.Error(), "--iface is required") {
		t.Errorf("no listing: %v", err)
	}
}
