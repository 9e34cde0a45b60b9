package dhcp4

import (
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/voxlan/voxlan/lab/labtest"
)

// tshark, a mature decoder, must read the frames voxlan sends as what they
// claim to be, with correct IPv4 and UDP checksums and the 802.1Q tag.
func TestTsharkDecodesClientFrames(t *testing.T) {
	labtest.RequireTools(t, "tshark")
	mac := net.HardwareAddr{0x02, 0x00, 0x5e, 0x10, 0x20, 0x30}
	offer := &Message{Op: OpReply, XID: 0x01020304, YIAddr: netip.MustParseAddr("198.18.20.134"),
		Options: []Option{{Code: OptMessageType, Data: []byte{byte(Offer)}}, {Code: OptServerID, Data: []byte{198, 18, 20, 1}}}}
	req, err := NewRequest(offer, mac, PhoneParams)
	if err != nil {
		t.Fatal(err)
	}
	server := netip.MustParseAddr("198.18.20.1")
	rel := NewRelease(0x0a0b0c0d, mac, offer.YIAddr, server)
	tag := &Tag{VLAN: 20, Priority: 5}
	var frames [][]byte
	for _, build := range []func() ([]byte, error){
		func() ([]byte, error) { return ClientFrame(mac, nil, NewDiscover(0x11223344, mac, PhoneParams)) },
		func() ([]byte, error) { return ClientFrame(mac, tag, NewDiscover(0x55667788, mac, PhoneParams)) },
		func() ([]byte, error) { return ClientFrame(mac, tag, req) },
		func() ([]byte, error) {
			return UnicastClientFrame(mac, net.HardwareAddr{2, 2, 2, 2, 2, 2}, tag, server, rel)
		},
	} {
		f, err := build()
		if err != nil {
			t.Fatal(err)
		}
		frames = append(frames, f)
	}
	path := filepath.Join(t.TempDir(), "client.pcap")
	file, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := pcapgo.NewWriter(file)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	for _, f := range frames {
		ci := gopacket.CaptureInfo{Timestamp: time.Unix(0, 0), CaptureLength: len(f), Length: len(f)}
		if err := w.WritePacket(ci, f); err != nil {
			t.Fatal(err)
		}
	}
	file.Close()
	out, err := exec.Command("tshark", "-r", path, "-o", "udp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
		"-T", "fields", "-E", "separator=,", "-e", "vlan.id", "-e", "vlan.priority", "-e", "dhcp.option.dhcp",
		"-e", "dhcp.id", "-e", "ip.checksum.status", "-e", "udp.checksum.status", "-e", "dhcp.option.requested_ip_address",
		"-e", "dhcp.ip.client", "-e", "dhcp.flags.bc").Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	want := []string{
		",,1,0x11223344,1,1,,0.0.0.0,1",
		"20,5,1,0x55667788,1,1,,0.0.0.0,1",
		"20,5,3,0x01020304,1,1,198.18.20.134,0.0.0.0,1",
		"20,5,7,0x0a0b0c0d,1,1,,198.18.20.134,0",
	}
	got := strings.Split(strings.TrimSpace(string(out)), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("tshark fields (vlan, pcp, type, xid, ip csum, udp csum, requested ip, ciaddr, broadcast):\ngot\n%s\nwant\n%s",
			strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
