//go:build linux

// Package vlantap is a userspace 802.1Q sub-interface for kernels built
// without CONFIG_VLAN_8021Q (this project's CI kernel has none, so `ip link
// add ... type vlan` fails). It stands in for `ip link add link PARENT name
// NAME type vlan id VID`: it creates a TAP device NAME with PARENT's MAC;
// frames the kernel sends on NAME leave PARENT with an inline 802.1Q tag, and
// frames arriving on PARENT tagged with VID are untagged and written into
// NAME. Daemons (dnsmasq, a DHCP client) then use NAME as if it were a VLAN
// interface. It is the Go port of lab.md's vlantap.py.
//
// Linux only; needs root (TAP creation, AF_PACKET).
package vlantap

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// Config describes one sub-interface.
type Config struct {
	// Parent is the interface the tagged frames travel on ("swp1").
	Parent string
	// VLAN is the VLAN id, 1..4094.
	VLAN uint16
	// Priority is the 802.1p PCP written in sent tags (0..7).
	Priority uint8
	// Name is the TAP device to create ("swp1.20"), at most 15 bytes.
	Name string
	// CIDR, when set, is added to Name (for example "198.18.20.1/24").
	CIDR string
}

// Tap is a running sub-interface. Close stops it and removes the device.
type Tap struct {
	cfg    Config
	raw    *os.File // AF_PACKET on Parent
	tap    *os.File // /dev/net/tun, TAP mode
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu  sync.Mutex
	err error
	// Counters for tests and logs.
	toParent, fromParent uint64
}

// Start creates the sub-interface in the calling thread's network namespace
// (use InNetns to pick one) and forwards frames until ctx ends or Close.
func Start(ctx context.Context, cfg Config) (*Tap, error) {
	if cfg.VLAN == 0 || cfg.VLAN > 4094 || cfg.Priority > 7 {
		return nil, fmt.Errorf("vlantap: bad vlan %d / priority %d", cfg.VLAN, cfg.Priority)
	}
	if len(cfg.Name) == 0 || len(cfg.Name) > 15 {
		return nil, fmt.Errorf("vlantap: device name %q must be 1-15 bytes", cfg.Name)
	}
	parent, err := net.InterfaceByName(cfg.Parent)
	if err != nil {
		return nil, fmt.Errorf("vlantap: parent %q: %w", cfg.Parent, err)
	}
	rawFD, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, int(htons(unix.ETH_P_ALL)))
	if err != nil {
		return nil, fmt.Errorf("vlantap: AF_PACKET socket (needs root): %w", err)
	}
	if err := unix.SetsockoptInt(rawFD, unix.SOL_PACKET, unix.PACKET_AUXDATA, 1); err != nil {
		unix.Close(rawFD)
		return nil, fmt.Errorf("vlantap: PACKET_AUXDATA: %w", err)
	}
	if err := unix.Bind(rawFD, &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: parent.Index}); err != nil {
		unix.Close(rawFD)
		return nil, fmt.Errorf("vlantap: bind %s: %w", cfg.Parent, err)
	}
	tapFD, err := openTAP(cfg.Name)
	if err != nil {
		unix.Close(rawFD)
		return nil, err
	}
	t := &Tap{cfg: cfg, raw: os.NewFile(uintptr(rawFD), "packet:"+cfg.Parent), tap: os.NewFile(uintptr(tapFD), "tap:"+cfg.Name)}
	// `ip` runs in a child process that inherits this thread's namespace.
	steps := [][]string{{"link", "set", "dev", cfg.Name, "address", parent.HardwareAddr.String(), "up"}}
	if cfg.CIDR != "" {
		steps = append(steps, []string{"addr", "add", cfg.CIDR, "dev", cfg.Name})
	}
	for _, args := range steps {
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			t.closeFiles()
			return nil, fmt.Errorf("vlantap: ip %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
		}
	}
	ctx, t.cancel = context.WithCancel(ctx)
	t.wg.Add(2)
	go t.parentToTAP(ctx)
	go t.tapToParent(ctx)
	context.AfterFunc(ctx, func() { t.closeFiles() })
	return t, nil
}

func openTAP(name string) (int, error) {
	fd, err := unix.Open("/dev/net/tun", unix.O_RDWR|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
	if err != nil {
		return -1, fmt.Errorf("vlantap: /dev/net/tun: %w", err)
	}
	ifr, err := unix.NewIfreq(name)
	if err != nil {
		unix.Close(fd)
		return -1, fmt.Errorf("vlantap: %w", err)
	}
	ifr.SetUint16(unix.IFF_TAP | unix.IFF_NO_PI)
	if err := unix.IoctlIfreq(fd, unix.TUNSETIFF, ifr); err != nil {
		unix.Close(fd)
		return -1, fmt.Errorf("vlantap: TUNSETIFF %s: %w", name, err)
	}
	return fd, nil
}

// parentToTAP moves frames tagged with our VLAN from the parent into the TAP,
// untagged. The kernel has already moved the tag into PACKET_AUXDATA.
func (t *Tap) parentToTAP(ctx context.Context) {
	defer t.wg.Done()
	rc, err := t.raw.SyscallConn()
	if err != nil {
		t.fail(err)
		return
	}
	buf := make([]byte, 1<<16)
	oob := make([]byte, unix.CmsgSpace(20))
	for ctx.Err() == nil {
		var n, oobn int
		var from unix.Sockaddr
		var rerr error
		err := rc.Read(func(fd uintptr) bool {
			n, oobn, _, from, rerr = unix.Recvmsg(int(fd), buf, oob, 0)
			return rerr != unix.EAGAIN
		})
		if err != nil || rerr != nil {
			if ctx.Err() == nil {
				t.fail(errors.Join(err, rerr))
			}
			return
		}
		if sll, ok := from.(*unix.SockaddrLinklayer); ok && sll.Pkttype == unix.PACKET_OUTGOING {
			continue
		}
		frame := buf[:n]
		tci, tagged := auxTCI(oob[:oobn])
		if !tagged && n >= 18 && binary.BigEndian.Uint16(frame[12:]) == 0x8100 {
			tci, tagged = binary.BigEndian.Uint16(frame[14:]), true
			frame = append(frame[:12:12], frame[16:]...)
		}
		if !tagged || tci&0x0fff != t.cfg.VLAN {
			continue
		}
		if _, err := t.tap.Write(frame); err != nil && ctx.Err() == nil {
			// A TAP whose link is down refuses writes; keep going.
			continue
		}
		t.mu.Lock()
		t.fromParent++
		t.mu.Unlock()
	}
}

// tapToParent sends what the kernel transmits on the TAP out of the parent
// with the tag inline.
func (t *Tap) tapToParent(ctx context.Context) {
	defer t.wg.Done()
	buf := make([]byte, 1<<16)
	tag := make([]byte, 4)
	binary.BigEndian.PutUint16(tag[0:], 0x8100)
	binary.BigEndian.PutUint16(tag[2:], uint16(t.cfg.Priority)<<13|t.cfg.VLAN)
	rc, err := t.raw.SyscallConn()
	if err != nil {
		t.fail(err)
		return
	}
	out := make([]byte, 0, 1<<16+4)
	for ctx.Err() == nil {
		n, err := t.tap.Read(buf)
		if err != nil {
			if ctx.Err() == nil && !errors.Is(err, os.ErrClosed) {
				t.fail(err)
			}
			return
		}
		if n < 14 {
			continue
		}
		out = append(append(append(out[:0], buf[:12]...), tag...), buf[12:n]...)
		var werr error
		_ = rc.Write(func(fd uintptr) bool {
			werr = unix.Send(int(fd), out, 0)
			return werr != unix.EAGAIN
		})
		if werr == nil {
			t.mu.Lock()
			t.toParent++
			t.mu.Unlock()
		}
	}
}

// auxTCI reads the VLAN TCI from struct tpacket_auxdata (status u32, len
// u32, snaplen u32, mac u16, net u16, vlan_tci u16, vlan_tpid u16).
func auxTCI(oob []byte) (uint16, bool) {
	msgs, err := unix.ParseSocketControlMessage(oob)
	if err != nil {
		return 0, false
	}
	for _, m := range msgs {
		if m.Header.Level == unix.SOL_PACKET && m.Header.Type == unix.PACKET_AUXDATA && len(m.Data) >= 20 {
			if binary.NativeEndian.Uint32(m.Data[0:])&unix.TP_STATUS_VLAN_VALID != 0 {
				return binary.NativeEndian.Uint16(m.Data[16:]), true
			}
		}
	}
	return 0, false
}

func (t *Tap) fail(err error) {
	t.mu.Lock()
	if t.err == nil {
		t.err = fmt.Errorf("vlantap %s: %w", t.cfg.Name, err)
	}
	t.mu.Unlock()
}

func (t *Tap) closeFiles() {
	t.raw.Close()
	t.tap.Close() // the kernel deletes a non-persistent TAP with its last fd
}

// Counts returns frames moved TAP->parent (tagged out) and parent->TAP.
func (t *Tap) Counts() (toParent, fromParent uint64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.toParent, t.fromParent
}

// Close stops forwarding, removes the device and returns the first
// forwarding error, if any.
func (t *Tap) Close() error {
	t.cancel()
	t.closeFiles()
	t.wg.Wait()
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.err
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

// InNetns runs fn on an OS thread switched into the named network namespace
// (/run/netns/NAME), so the sockets and devices fn creates live there; they
// keep their namespace for life. The thread switches back afterwards: left
// behind, it could be the process's main thread, and `ip netns pids` would
// then count the whole test process as living in the namespace.
func InNetns(name string, fn func() error) error {
	runtime.LockOSThread()
	orig, err := unix.Open(fmt.Sprintf("/proc/self/task/%d/ns/net", unix.Gettid()), unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		runtime.UnlockOSThread()
		return fmt.Errorf("vlantap: own netns: %w", err)
	}
	defer unix.Close(orig)
	target, err := unix.Open("/run/netns/"+name, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		runtime.UnlockOSThread()
		return fmt.Errorf("vlantap: netns %s: %w", name, err)
	}
	defer unix.Close(target)
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		runtime.UnlockOSThread()
		return fmt.Errorf("vlantap: setns %s: %w", name, err)
	}
	fnErr := fn()
	if err := unix.Setns(orig, unix.CLONE_NEWNET); err != nil {
		// Stay locked: the thread dies with this goroutine instead of
		// serving others from the wrong namespace.
		return fmt.Errorf("vlantap: back from netns %s: %w", name, err)
	}
	runtime.UnlockOSThread()
	return fnErr
}
