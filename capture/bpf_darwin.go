package capture

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// PermissionHint says how to get the right to the BPF devices on macOS.
const PermissionHint = "raw frames need read/write access to /dev/bpf* (run with sudo, or install Wireshark's ChmodBPF to let your group use them)"

// TagsHidden says why tags are not seen on macOS: its NIC drivers usually
// remove 802.1Q tags in hardware and drop frames of VLANs no vlan
// interface joined, so a switch's tagged voice VLAN frames are usually not
// heard on the parent interface. LLDP-MED's network policy still names the
// voice VLAN.
const TagsHidden = "macOS network drivers remove 802.1Q tags before capture sees a frame"

// readPoll bounds how long one BPF read blocks (BIOCSRTIMEOUT), so a
// cancelled ctx is noticed within it.
const readPoll = 100 * time.Millisecond

// Open opens the first free /dev/bpfN on ifname ("en5"), in promiscuous
// mode (LLDP and CDP go to multicast groups NICs filter), immediate mode,
// with the EtherType filter in the kernel; sent frames are not seen back.
func Open(ifname string, etherTypes ...uint16) (Port, error) {
	ifi, err := net.InterfaceByName(ifname)
	if err != nil {
		return nil, fmt.Errorf("capture: interface %q: %w (ifconfig or networksetup -listallhardwareports name them)", ifname, err)
	}
	fd := -1
	for i := 0; i < 256 && fd < 0; i++ {
		fd, err = unix.Open(fmt.Sprintf("/dev/bpf%d", i), unix.O_RDWR|unix.O_CLOEXEC, 0)
		switch {
		case err == nil:
		case errors.Is(err, unix.EBUSY):
			fd = -1
		case errors.Is(err, unix.EACCES) || errors.Is(err, unix.EPERM):
			return nil, fmt.Errorf("%w: opening /dev/bpf%d: %v", ErrPermission, i, err)
		default:
			return nil, fmt.Errorf("capture: no free BPF device for %s: %w", ifname, err)
		}
	}
	if fd < 0 {
		return nil, fmt.Errorf("capture: every BPF device is busy (close Wireshark or other capture tools)")
	}
	fail := func(what string, err error) (Port, error) {
		unix.Close(fd)
		return nil, fmt.Errorf("capture: %s on %s: %w", what, ifname, err)
	}
	if err := unix.IoctlSetPointerInt(fd, unix.BIOCSBLEN, 1<<16); err != nil {
		return fail("BIOCSBLEN", err)
	}
	var ifr [32]byte // struct ifreq: the name, then a union
	copy(ifr[:unix.IFNAMSIZ-1], ifname)
	if err := ioctlPtr(fd, unix.BIOCSETIF, unsafe.Pointer(&ifr[0])); err != nil {
		return fail("BIOCSETIF", err)
	}
	for _, opt := range []struct {
		req  uint
		name string
	}{{unix.BIOCIMMEDIATE, "BIOCIMMEDIATE"}, {unix.BIOCSHDRCMPLT, "BIOCSHDRCMPLT"}} {
		if err := unix.IoctlSetPointerInt(fd, opt.req, 1); err != nil {
			return fail(opt.name, err)
		}
	}
	if err := unix.IoctlSetPointerInt(fd, unix.BIOCSSEESENT, 0); err != nil {
		return fail("BIOCSSEESENT", err)
	}
	if err := ioctlPtr(fd, unix.BIOCPROMISC, nil); err != nil {
		return fail("BIOCPROMISC", err)
	}
	tv := unix.NsecToTimeval(readPoll.Nanoseconds())
	if err := ioctlPtr(fd, unix.BIOCSRTIMEOUT, unsafe.Pointer(&tv)); err != nil {
		return fail("BIOCSRTIMEOUT", err)
	}
	if len(etherTypes) > 0 {
		prog := etherTypeProgram(etherTypes)
		insns := make([]unix.BpfInsn, len(prog))
		for i, in := range prog {
			insns[i] = unix.BpfInsn{Code: in.Code, Jt: in.Jt, Jf: in.Jf, K: in.K}
		}
		p := unix.BpfProgram{Len: uint32(len(insns)), Insns: &insns[0]}
		if err := ioctlPtr(fd, unix.BIOCSETF, unsafe.Pointer(&p)); err != nil {
			return fail("BIOCSETF", err)
		}
	}
	blen, err := unix.IoctlGetInt(fd, unix.BIOCGBLEN)
	if err != nil {
		return fail("BIOCGBLEN", err)
	}
	return &bpfPort{fd: fd, ifi: ifi, etherTypes: append([]uint16(nil), etherTypes...), buf: make([]byte, blen)}, nil
}

func ioctlPtr(fd int, req uint, arg unsafe.Pointer) error {
	if _, _, e := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), uintptr(req), uintptr(arg)); e != 0 {
		return e
	}
	return nil
}

type bpfPort struct {
	fd         int
	ifi        *net.Interface
	etherTypes []uint16

	mu      sync.Mutex // guards buf and pending across readers
	buf     []byte
	pending []Frame // records of the last read not handed out yet
	closed  bool
}

func (p *bpfPort) HardwareAddr() net.HardwareAddr { return p.ifi.HardwareAddr }

func (p *bpfPort) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil
	}
	p.closed = true
	return unix.Close(p.fd)
}

// ReadFrame returns the next matching frame, reading the device (each read
// returns a buffer of records, split by splitBPFBuffer) until ctx ends.
func (p *bpfPort) ReadFrame(ctx context.Context) (Frame, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		if err := ctx.Err(); err != nil {
			return Frame{}, err
		}
		if p.closed {
			return Frame{}, fmt.Errorf("capture: read %s: %w", p.ifi.Name, net.ErrClosed)
		}
		if len(p.pending) > 0 {
			f := p.pending[0]
			p.pending = p.pending[1:]
			if matches(p.etherTypes, f.Data) {
				return f, nil
			}
			continue
		}
		n, err := unix.Read(p.fd, p.buf)
		if errors.Is(err, syscall.EINTR) || (err == nil && n == 0) {
			continue // readPoll passed with nothing captured
		}
		if err != nil {
			return Frame{}, fmt.Errorf("capture: read %s: %w", p.ifi.Name, err)
		}
		if err := splitBPFBuffer(p.buf[:n], bpfAlignMac, func(data []byte, wireLen int, at time.Time) {
			p.pending = append(p.pending, capturedFrame(append([]byte(nil), data...), wireLen, at))
		}); err != nil {
			return Frame{}, err
		}
	}
}

// WriteFrame sends frame as-is (BIOCSHDRCMPLT: its source MAC is kept).
func (p *bpfPort) WriteFrame(frame []byte) error {
	if len(frame) < 14 {
		return fmt.Errorf("capture: write %s: frame of %d bytes is shorter than an Ethernet header", p.ifi.Name, len(frame))
	}
	if _, err := unix.Write(p.fd, frame); err != nil {
		return fmt.Errorf("capture: write %s: %w", p.ifi.Name, err)
	}
	return nil
}
