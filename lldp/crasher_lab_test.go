//go:build linux

package lldp_test

import (
	"testing"
	"time"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/lab/lldplab"
	"github.com/voxlan/voxlan/lldp"
)

// TestHereSurvivesCrasherFromNamespace is issue 14's report: an 802.3 Power
// via MDI TLV of length 11, sent from the switch's namespace to the jack,
// ended `voxlan here`. Now the frame is reported and skipped, and the good
// LLDPDU after it is heard.
func TestHereSurvivesCrasherFromNamespace(t *testing.T) {
	j := newJack(t)
	port := j.openLaptop(t)
	var sw capture.Port
	if err := lldplab.Do(j.sw, func() (err error) {
		sw, err = capture.Open(j.swDev, lldp.EtherType)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sw.Close() })
	src := [6]byte{0x02, 0x00, 0x5e, 0x00, 0x14, 0x01}
	head := []byte{0x02, 0x07, 0x04, 0x02, 0x00, 0x5e, 0x00, 0x14, 0x01, 0x04, 0x02, 0x07, '1', 0x06, 0x02, 0x00, 0x78}
	crasher := append(append(append(lldp.MulticastAddr[:0:0], lldp.MulticastAddr[:]...), src[:]...), 0x88, 0xcc)
	crasher = append(append(crasher, head...), 0xfe, 11, 0x00, 0x12, 0x0f, 0x02, 0x0f, 0x01, 0x05, 0x53, 0x00, 0x82, 0x01, 0, 0)
	good := lldp.LLDPDU{ChassisID: lldp.ChassisID{Subtype: lldp.ChassisIDMACAddress, ID: src[:]},
		PortID: lldp.PortID{Subtype: lldp.PortIDLocal, ID: []byte("Gi1/0/7")}, TTL: 120, SystemName: []byte("sw-after-the-crasher")}
	goodFrame, err := lldp.AppendLLDPFrame(nil, src, &good)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(300 * time.Millisecond)
		_ = sw.WriteFrame(crasher)
		time.Sleep(50 * time.Millisecond)
		_ = sw.WriteFrame(goodFrame)
	}()
	h, err := lldp.Here(t.Context(), port, j.laptopDev, lldp.HereOptions{Wait: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if h.BrokenFrames != 1 {
		t.Errorf("broken frames %d, want the crasher counted", h.BrokenFrames)
	}
	if len(h.Neighbors) != 1 || h.Neighbors[0].SysName != "sw-after-the-crasher" {
		t.Errorf("neighbours %+v, want the LLDPDU sent after the crasher", h.Neighbors)
	}
}
