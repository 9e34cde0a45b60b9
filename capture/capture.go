// Package capture reads and writes raw Ethernet frames, all without cgo so a
// static binary runs on any laptop: live through an AF_PACKET socket on
// Linux, Npcap's wpcap.dll on Windows and /dev/bpf* on macOS, or from
// pcap/pcapng files in pure Go. Interfaces lists the laptop's interfaces,
// classified the OS's way, and PickJack finds the one on the wall jack.
//
// Frames are handed over untagged: the Linux kernel strips a received
// 802.1Q tag into PACKET_AUXDATA, so a live Port reports the tag in
// Frame.VLAN/Priority/Tagged, and the file reader does the same with tags
// that pcap files keep inline. Both sources look alike to decoders. Windows
// and macOS drivers usually hide tags from capture (TagsHidden).
package capture

import (
	"context"
	"encoding/binary"
	"errors"
	"net"
	"time"
)

// Frame is one Ethernet frame.
type Frame struct {
	// Data is the frame as on the wire without its outer 802.1Q tag
	// (destination MAC first; no FCS).
	Data []byte
	// VLAN is the VLAN ID of the removed tag, valid when Tagged.
	VLAN uint16
	// Priority is the tag's PCP (802.1p), valid when Tagged.
	Priority uint8
	// Tagged says the frame carried an 802.1Q (or 802.1ad) tag.
	Tagged bool
	// Time is when the frame was captured.
	Time time.Time
	// Length is the frame's length on the wire (tag excluded); more than
	// len(Data) when the capture cut it (pcap snaplen).
	Length int
}

// Reader yields frames one by one.
type Reader interface {
	// ReadFrame returns the next frame. It honours ctx's deadline and
	// cancellation (returning ctx.Err()), and returns io.EOF at the end of a
	// file. Frame.Data belongs to the caller.
	ReadFrame(ctx context.Context) (Frame, error)
	Close() error
}

// Port is a live interface: it reads like a Reader and sends frames.
type Port interface {
	Reader
	// WriteFrame sends frame as-is (destination MAC first): an inline 802.1Q
	// tag in it goes out on the wire unchanged.
	WriteFrame(frame []byte) error
	// HardwareAddr is the interface's MAC address.
	HardwareAddr() net.HardwareAddr
}

// MulticastJoiner is implemented by ports that can ask the interface to pass
// a link-layer multicast group up (LLDP's 01:80:c2:00:00:0e, CDP's
// 01:00:0c:cc:cc:cc), so frames to it arrive even on NICs that filter.
type MulticastJoiner interface {
	JoinMulticast(addr net.HardwareAddr) error
}

// EtherType802_2 selects IEEE 802.3 frames whose type field is a length
// (LLC/SNAP: CDP, STP) when given to Open; the value is Linux's ETH_P_802_2.
const EtherType802_2 uint16 = 0x0004

var (
	// ErrPermission: this user may not send and receive raw frames;
	// PermissionHint (per OS) says what gives the right.
	ErrPermission = errors.New("capture: " + PermissionHint)
	// ErrNotSupported: live capture is not implemented on this OS.
	ErrNotSupported = errors.New("capture: live capture is supported on Linux, Windows and macOS")
	// ErrFileFormat: the file is neither pcap nor pcapng, or its link type
	// is not Ethernet.
	ErrFileFormat = errors.New("capture: not an Ethernet pcap or pcapng file")
)

// TagsHiddenNote says plainly, when why (TagsHidden, per OS) is not
// empty, that 802.1Q tags are hidden from capture and what voxlan does
// instead; "" where tags are seen.
func TagsHiddenNote(why string) string {
	if why == "" {
		return ""
	}
	return "802.1Q tags are hidden from capture here (" + why + "): the voice VLAN is learnt from LLDP-MED/CDP, which arrive untagged, and frames the switch tags in the voice VLAN are not seen"
}

// EtherType returns the frame's type field after any inline 802.1Q/802.1ad
// tags, or EtherType802_2 for a length field. It returns 0 for a frame too
// short to have one.
func EtherType(data []byte) uint16 {
	off := 12
	for {
		if len(data) < off+2 {
			return 0
		}
		t := binary.BigEndian.Uint16(data[off:])
		switch {
		case t == 0x8100 || t == 0x88a8:
			off += 4
		case t < 0x0600:
			return EtherType802_2
		default:
			return t
		}
	}
}

// matches says whether data passes the etherType filter (empty = all).
func matches(etherTypes []uint16, data []byte) bool {
	if len(etherTypes) == 0 {
		return true
	}
	t := EtherType(data)
	for _, want := range etherTypes {
		if t == want {
			return true
		}
	}
	return false
}

// untag moves an inline outer 802.1Q/802.1ad tag out of data into f, in
// place: the 12 address bytes move 4 bytes right and Data starts 4 bytes
// later, so no copy of the payload is made.
func untag(f *Frame) {
	d := f.Data
	if len(d) < 18 {
		return
	}
	t := binary.BigEndian.Uint16(d[12:])
	if t != 0x8100 && t != 0x88a8 {
		return
	}
	tci := binary.BigEndian.Uint16(d[14:])
	copy(d[4:16], d[0:12])
	f.Data = d[4:]
	f.VLAN = tci & 0x0fff
	f.Priority = uint8(tci >> 13)
	f.Tagged = true
}
