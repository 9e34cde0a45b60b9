//go:build linux

package capture_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"testing"
	"time"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/lldplab"
	"github.com/voxlan/voxlan/lab/netns"
)

// TestPortVeth sends frames between two namespaces over a veth pair: the
// receiver must get the tag the kernel moved into PACKET_AUXDATA, skip
// frames of other EtherTypes and never see what it sent itself.
func TestPortVeth(t *testing.T) {
	labtest.RequireRoot(t)
	labtest.RequireTools(t, "ip")
	a, b := netns.ForTest(t, "capa"), netns.ForTest(t, "capb")
	aDev, bDev := netns.UniqueName("ca"), netns.UniqueName("cb")
	if err := netns.Veth(a, aDev, b, bDev); err != nil {
		t.Fatal(err)
	}
	var rx, tx capture.Port
	if err := lldplab.Do(a, func() (err error) { rx, err = capture.Open(aDev, 0x88cc); return err }); err != nil {
		t.Fatal(err)
	}
	defer rx.Close()
	if err := lldplab.Do(b, func() (err error) { tx, err = capture.Open(bDev); return err }); err != nil {
		t.Fatal(err)
	}
	defer tx.Close()

	src := tx.HardwareAddr()
	lldp := func(tag string) []byte {
		h, _ := hex.DecodeString("0180c200000e" + hex.EncodeToString(src) + tag + "88cc" + "0000" + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000")
		return h
	}
	ipv4 := append(append([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, src...), make([]byte, 48)...)
	ipv4[12], ipv4[13] = 0x08, 0x00
	for _, f := range [][]byte{ipv4, lldp(""), lldp("8100a014")} {
		if err := tx.WriteFrame(f); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	got1, err := rx.ReadFrame(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got1.Tagged || !bytes.Equal(got1.Data, lldp("")) {
		t.Errorf("frame 1 = %x tagged=%v, want the untagged LLDP frame %x", got1.Data, got1.Tagged, lldp(""))
	}
	got2, err := rx.ReadFrame(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !got2.Tagged || got2.VLAN != 20 || got2.Priority != 5 || !bytes.Equal(got2.Data, lldp("")) {
		t.Errorf("frame 2 = %x tagged=%v vlan=%d prio=%d, want %x with VLAN 20 PCP 5", got2.Data, got2.Tagged, got2.VLAN, got2.Priority, lldp(""))
	}

	// Nothing else arrives (the sender's own copies are not echoed): the
	// read ends at the deadline, and a cancel wakes a blocked read.
	short, cancelShort := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancelShort()
	if f, err := rx.ReadFrame(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("extra read = %x, %v; want DeadlineExceeded", f.Data, err)
	}
	if f, err := tx.ReadFrame(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("sender read its own frame %x, %v; want DeadlineExceeded", f.Data, err)
	}
	cctx, ccancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, ccancel)
	start := time.Now()
	if _, err := rx.ReadFrame(cctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled read err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("cancel took %v to wake the read", d)
	}
}

func TestOpenUnknownInterface(t *testing.T) {
	if _, err := capture.Open("no-such-if0"); err == nil {
		t.Fatal("Open of a missing interface succeeded")
	}
}

// TestReadAfterExpiredRead: a read whose context expires must not leave
// anything behind that ends the next read early. Each round, a read times
// out after 1 ms, then a read that only a cancel ends must wait for it.
func TestReadAfterExpiredRead(t *testing.T) {
	labtest.RequireRoot(t)
	labtest.RequireTools(t, "ip")
	a, b := netns.ForTest(t, "cexa"), netns.ForTest(t, "cexb")
	aDev, bDev := netns.UniqueName("ce"), netns.UniqueName("cf")
	if err := netns.Veth(a, aDev, b, bDev); err != nil {
		t.Fatal(err)
	}
	var rx capture.Port
	if err := lldplab.Do(a, func() (err error) { rx, err = capture.Open(aDev, 0x88cc); return err }); err != nil {
		t.Fatal(err)
	}
	defer rx.Close()
	for i := range 100 {
		short, cancelShort := context.WithTimeout(context.Background(), time.Millisecond)
		if _, err := rx.ReadFrame(short); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("round %d: short read err = %v, want DeadlineExceeded", i, err)
		}
		cancelShort()
		cctx, ccancel := context.WithCancel(context.Background())
		time.AfterFunc(10*time.Millisecond, ccancel)
		if _, err := rx.ReadFrame(cctx); !errors.Is(err, context.Canceled) {
			t.Fatalf("round %d: next read err = %v, want context.Canceled (ended by the previous read's deadline)", i, err)
		}
	}
}
