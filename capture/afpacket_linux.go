//go:build linux

package capture

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// PermissionHint says how to get the right to raw frames on Linux.
const PermissionHint = "raw frames need root or CAP_NET_RAW (run with sudo, or: sudo setcap cap_net_raw+ep $(command -v voxlan))"

// TagsHidden is empty on Linux: the kernel hands a received frame's
// 802.1Q tag over in PACKET_AUXDATA, so tagged frames are seen with their
// VLAN.
const TagsHidden = ""

// Open opens a raw AF_PACKET socket on ifname that receives the frames whose
// EtherType (after any tag) is one of etherTypes, or every frame when none
// is given; EtherType802_2 selects 802.3 length frames (CDP). The filter runs
// in the kernel (classic BPF) and again in Go. Frames the host sends itself
// are not returned. Without root or CAP_NET_RAW the error wraps
// ErrPermission.
func Open(ifname string, etherTypes ...uint16) (Port, error) {
	ifi, err := net.InterfaceByName(ifname)
	if err != nil {
		return nil, fmt.Errorf("capture: interface %q: %w", ifname, err)
	}
	// Protocol 0 receives nothing until bind, so no unfiltered frame queues
	// up before the BPF program is attached.
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		if errors.Is(err, unix.EPERM) || errors.Is(err, unix.EACCES) {
			return nil, fmt.Errorf("%w: opening %s: %v", ErrPermission, ifname, err)
		}
		return nil, fmt.Errorf("capture: socket on %s: %w", ifname, err)
	}
	fail := func(what string, err error) (Port, error) {
		unix.Close(fd)
		return nil, fmt.Errorf("capture: %s on %s: %w", what, ifname, err)
	}
	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_AUXDATA, 1); err != nil {
		return fail("PACKET_AUXDATA", err)
	}
	if len(etherTypes) > 0 {
		prog := etherTypeFilter(etherTypes)
		if err := unix.SetsockoptSockFprog(fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER, &prog); err != nil {
			return fail("attach BPF filter", err)
		}
	}
	sll := &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: ifi.Index}
	if err := unix.Bind(fd, sll); err != nil {
		return fail("bind", err)
	}
	f := os.NewFile(uintptr(fd), "packet:"+ifname)
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("capture: %s: %w", ifname, err)
	}
	return &socket{
		file: f, conn: rc, ifi: ifi, etherTypes: append([]uint16(nil), etherTypes...),
		buf: make([]byte, 1<<16), oob: make([]byte, unix.CmsgSpace(sizeofTpacketAuxdata)),
	}, nil
}

// etherTypeFilter is etherTypeProgram as Linux's sock_fprog.
func etherTypeFilter(etherTypes []uint16) unix.SockFprog {
	prog := etherTypeProgram(etherTypes)
	insns := make([]unix.SockFilter, len(prog))
	for i, in := range prog {
		insns[i] = unix.SockFilter{Code: in.Code, Jt: in.Jt, Jf: in.Jf, K: in.K}
	}
	return unix.SockFprog{Len: uint16(len(insns)), Filter: &insns[0]}
}

type socket struct {
	file       *os.File
	conn       syscall.RawConn
	ifi        *net.Interface
	etherTypes []uint16

	mu  sync.Mutex // guards buf and oob across concurrent readers
	buf []byte
	oob []byte
}

func (s *socket) HardwareAddr() net.HardwareAddr { return s.ifi.HardwareAddr }

func (s *socket) Close() error { return s.file.Close() }

// ReadFrame waits for the next matching frame until ctx ends.
func (s *socket) ReadFrame(ctx context.Context) (Frame, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return Frame{}, err
	}
	deadline, _ := ctx.Deadline()
	if err := s.file.SetReadDeadline(deadline); err != nil {
		return Frame{}, fmt.Errorf("capture: %s: %w", s.ifi.Name, err)
	}
	// A cancelled ctx wakes the blocked read by moving the deadline to the
	// past. AfterFunc runs that in its own goroutine, which may be scheduled
	// only after this read returned (ctx's deadline fires together with the
	// socket's): wait for it before releasing the lock, or it would move the
	// deadline of the next read and end that one at once.
	wakeDone := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(wakeDone)
		_ = s.file.SetReadDeadline(time.Unix(1, 0))
	})
	defer func() {
		if !stop() {
			<-wakeDone
		}
	}()
	for {
		var (
			n, oobn int
			from    unix.Sockaddr
			rerr    error
		)
		err := s.conn.Read(func(fd uintptr) bool {
			n, oobn, _, from, rerr = unix.Recvmsg(int(fd), s.buf, s.oob, unix.MSG_TRUNC)
			return rerr != unix.EAGAIN
		})
		if err != nil {
			if errors.Is(err, os.ErrDeadlineExceeded) {
				if cerr := ctx.Err(); cerr != nil {
					return Frame{}, cerr
				}
				return Frame{}, context.DeadlineExceeded
			}
			return Frame{}, fmt.Errorf("capture: read %s: %w", s.ifi.Name, err)
		}
		if rerr != nil {
			return Frame{}, fmt.Errorf("capture: read %s: %w", s.ifi.Name, rerr)
		}
		if sll, ok := from.(*unix.SockaddrLinklayer); ok && sll.Pkttype == unix.PACKET_OUTGOING {
			continue
		}
		f := Frame{Length: n, Time: time.Now()}
		if n > len(s.buf) { // MSG_TRUNC reports the real length
			n = len(s.buf)
		}
		f.Data = append([]byte(nil), s.buf[:n]...)
		readAuxdata(s.oob[:oobn], &f)
		if !f.Tagged {
			before := len(f.Data)
			untag(&f)
			f.Length -= before - len(f.Data)
		}
		if matches(s.etherTypes, f.Data) {
			return f, nil
		}
	}
}

// readAuxdata copies the VLAN tag the kernel removed (struct
// tpacket_auxdata: status, len, snaplen u32; mac, net, vlan_tci, vlan_tpid
// u16) into f.
func readAuxdata(oob []byte, f *Frame) {
	msgs, err := unix.ParseSocketControlMessage(oob)
	if err != nil {
		return
	}
	for _, m := range msgs {
		if m.Header.Level != unix.SOL_PACKET || m.Header.Type != unix.PACKET_AUXDATA || len(m.Data) < sizeofTpacketAuxdata {
			continue
		}
		status := binary.NativeEndian.Uint32(m.Data[0:])
		if status&tpStatusVLANValid == 0 {
			continue
		}
		tci := binary.NativeEndian.Uint16(m.Data[16:])
		f.VLAN = tci & 0x0fff
		f.Priority = uint8(tci >> 13)
		f.Tagged = true
	}
}

// WriteFrame sends frame on the interface unchanged.
func (s *socket) WriteFrame(frame []byte) error {
	if len(frame) < 14 {
		return fmt.Errorf("capture: write %s: frame of %d bytes is shorter than an Ethernet header", s.ifi.Name, len(frame))
	}
	to := &unix.SockaddrLinklayer{Ifindex: s.ifi.Index, Halen: 6, Protocol: htons(binary.BigEndian.Uint16(frame[12:]))}
	copy(to.Addr[:], frame[:6])
	var werr error
	err := s.conn.Write(func(fd uintptr) bool {
		werr = unix.Sendto(int(fd), frame, 0, to)
		return werr != unix.EAGAIN
	})
	if err == nil {
		err = werr
	}
	if err != nil {
		return fmt.Errorf("capture: write %s: %w", s.ifi.Name, err)
	}
	return nil
}

// JoinMulticast makes the interface accept frames sent to addr.
func (s *socket) JoinMulticast(addr net.HardwareAddr) error {
	mreq := unix.PacketMreq{Ifindex: int32(s.ifi.Index), Type: unix.PACKET_MR_MULTICAST, Alen: uint16(len(addr))}
	copy(mreq.Address[:], addr)
	var serr error
	err := s.conn.Control(func(fd uintptr) {
		serr = unix.SetsockoptPacketMreq(int(fd), unix.SOL_PACKET, unix.PACKET_ADD_MEMBERSHIP, &mreq)
	})
	if err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("capture: join %s on %s: %w", addr, s.ifi.Name, err)
	}
	return nil
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

const (
	sizeofTpacketAuxdata = 20   // struct tpacket_auxdata
	tpStatusVLANValid    = 0x10 // TP_STATUS_VLAN_VALID (linux/if_packet.h)
)
