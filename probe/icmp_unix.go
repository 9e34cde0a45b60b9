//go:build linux || darwin

package probe

import (
	"errors"
	"fmt"
	"net"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// listenICMP opens a raw ICMP socket, or else an unprivileged ping socket
// (SOCK_DGRAM/IPPROTO_ICMP: open to every user on macOS, to the groups in
// net.ipv4.ping_group_range on Linux), and asks for receive timestamps.
func listenICMP() (*icmpConn, error) {
	var c *icmpConn
	if pc, err := net.ListenPacket("ip4:icmp", "0.0.0.0"); err == nil {
		c = &icmpConn{pc: pc, privileged: true}
	} else if !errors.Is(err, os.ErrPermission) {
		return nil, fmt.Errorf("probe: icmp socket: %w", err)
	} else {
		fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM, unix.IPPROTO_ICMP)
		if err != nil {
			return nil, ErrNoICMP
		}
		unix.CloseOnExec(fd)
		if err := unix.Bind(fd, &unix.SockaddrInet4{}); err != nil {
			unix.Close(fd)
			return nil, ErrNoICMP
		}
		f := os.NewFile(uintptr(fd), "icmp-ping")
		pc, err := net.FilePacketConn(f)
		f.Close() // FilePacketConn holds its own duplicate
		if err != nil {
			return nil, fmt.Errorf("probe: ping socket: %w", err)
		}
		c = &icmpConn{pc: pc}
	}
	sc, ok := c.pc.(syscall.Conn)
	if !ok {
		c.pc.Close()
		return nil, errors.New("probe: icmp socket has no file descriptor")
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		c.pc.Close()
		return nil, err
	}
	var serr error
	if err := rc.Control(func(fd uintptr) {
		serr = unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, soRxTimestamp, 1)
	}); err != nil || serr != nil {
		c.pc.Close()
		return nil, fmt.Errorf("probe: receive timestamps: %w", errors.Join(err, serr))
	}
	return c, nil
}

// ReadFrom reads one ICMP message (without IPv4 header) and the time the
// kernel received it (now, when the kernel gave none).
func (c *icmpConn) ReadFrom(b, oob []byte) (int, net.Addr, time.Time, error) {
	var (
		n, oobn int
		from    net.Addr
		err     error
	)
	switch pc := c.pc.(type) {
	case *net.IPConn:
		var a *net.IPAddr
		n, oobn, _, a, err = pc.ReadMsgIP(b, oob)
		from = a
		// Unlike ReadFrom, ReadMsgIP keeps the IPv4 header of a raw socket.
		if err == nil {
			n = stripIPv4Header(b, n)
		}
	case *net.UDPConn:
		var a *net.UDPAddr
		n, oobn, _, a, err = pc.ReadMsgUDP(b, oob)
		from = a
		// macOS hands a ping socket's answers over with their IPv4 header.
		if err == nil {
			n = stripIPv4Header(b, n)
		}
	default:
		n, from, err = c.pc.ReadFrom(b)
	}
	at := time.Now()
	if err != nil {
		return 0, nil, at, err
	}
	if msgs, perr := unix.ParseSocketControlMessage(oob[:oobn]); perr == nil {
		for _, m := range msgs {
			if t, ok := rxTimestamp(m); ok {
				at = t
			}
		}
	}
	return n, from, at, nil
}

// stripIPv4Header moves the ICMP message in b[:n] to the front when an
// IPv4 header leads it, and returns its length. An ICMP message never
// starts with 0x4_ (no ICMP type 64-79 is an echo reply), so a message
// without header is left alone.
func stripIPv4Header(b []byte, n int) int {
	if n >= 20 && b[0]>>4 == 4 {
		if ihl := int(b[0]&0x0f) * 4; ihl >= 20 && ihl <= n {
			return copy(b, b[ihl:n])
		}
	}
	return n
}
