//go:build linux || darwin

package probe

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"sync"
	"syscall"
	"time"

	"golang.org/x/net/icmp"
	"golang.org/x/net/ipv4"
	"golang.org/x/sys/unix"

	"github.com/voxlan/voxlan/snapshot"
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

// roundTrips sends cfg.Count ICMP echo requests to target every
// cfg.Interval without waiting for answers, through a raw ICMP socket or
// else an unprivileged ping socket, and returns each request's round trip
// (0 = lost), timed by the kernel's receive timestamp. Answers are matched
// by sequence number, so late and reordered ones land right.
func roundTrips(ctx context.Context, target netip.Addr, cfg EchoConfig) ([]time.Duration, string, error) {
	conn, err := listenICMP()
	if err != nil {
		return nil, "", err
	}
	defer conn.Close()
	privileged := conn.privileged
	method := snapshot.TransportICMPPingSocket
	if privileged {
		method = snapshot.TransportICMPRaw
	}
	var dst net.Addr = &net.IPAddr{IP: target.AsSlice()}
	if !privileged {
		dst = &net.UDPAddr{IP: target.AsSlice()}
	}
	var idb [2]byte
	_, _ = rand.Read(idb[:])
	id := int(binary.BigEndian.Uint16(idb[:]))

	rtts := make([]time.Duration, cfg.Count) // 0 = lost
	sentAt := make([]time.Time, cfg.Count)
	var mu sync.Mutex
	done := make(chan struct{})
	// The reader runs until the last request's timeout (set once it is
	// sent, below): answers are matched by sequence number, so late and
	// reordered ones land right. Until then only ctx bounds it.
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetReadDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.SetReadDeadline(time.Unix(1, 0)) })
	defer stop()
	go func() {
		defer close(done)
		buf := make([]byte, 1500)
		oob := make([]byte, 128)
		got := 0
		for got < cfg.Count {
			n, from, now, err := conn.ReadFrom(buf, oob)
			if err != nil {
				return
			}
			if !sameHost(from, target) {
				continue
			}
			msg, err := icmp.ParseMessage(1, buf[:n])
			if err != nil || msg.Type != ipv4.ICMPTypeEchoReply {
				continue
			}
			echo, ok := msg.Body.(*icmp.Echo)
			// An unprivileged socket rewrites the id to its port; trust
			// the kernel's demultiplexing there.
			if !ok || (privileged && echo.ID != id) || echo.Seq < 0 || echo.Seq >= cfg.Count {
				continue
			}
			mu.Lock()
			if rtts[echo.Seq] == 0 && !sentAt[echo.Seq].IsZero() {
				rtts[echo.Seq] = max(now.Sub(sentAt[echo.Seq]), time.Nanosecond)
				got++
			}
			mu.Unlock()
		}
	}()
	payload := make([]byte, 32)
	tick := time.NewTicker(cfg.Interval)
	defer tick.Stop()
	sent := 0
	for seq := 0; seq < cfg.Count; seq++ {
		if seq > 0 {
			select {
			case <-ctx.Done():
				<-done
				return rtts[:sent], method, ctx.Err()
			case <-tick.C:
			}
		}
		b, _ := (&icmp.Message{Type: ipv4.ICMPTypeEcho, Body: &icmp.Echo{ID: id, Seq: seq, Data: payload}}).Marshal(nil)
		mu.Lock()
		sentAt[seq] = time.Now()
		mu.Unlock()
		if _, err := conn.WriteTo(b, dst); err != nil {
			_ = conn.SetReadDeadline(time.Unix(1, 0))
			<-done
			return rtts[:sent], method, errors.New(shortNetError(err))
		}
		sent++
	}
	// Counted from the last send, not from the start: a busy laptop whose
	// ticker fell behind sends the last requests late, and their answers
	// still get the whole Timeout instead of being cut off as lost.
	lastDeadline := time.Now().Add(cfg.Timeout)
	if dl, ok := ctx.Deadline(); ok && dl.Before(lastDeadline) {
		lastDeadline = dl
	}
	_ = conn.SetReadDeadline(lastDeadline)
	if ctx.Err() != nil { // cancelled meanwhile: keep the reader woken
		_ = conn.SetReadDeadline(time.Unix(1, 0))
	}
	<-done
	mu.Lock()
	defer mu.Unlock()
	return rtts[:sent], method, nil
}

// icmpConn is an ICMP echo socket whose answers carry the kernel's receive
// time where the OS gives one (as iputils ping uses): a busy laptop that
// reads an answer late must not report the network as slow. listenICMP and
// ReadFrom are per OS (icmp_*.go).
type icmpConn struct {
	pc         net.PacketConn // *net.IPConn (raw) or *net.UDPConn (ping socket)
	privileged bool
}

func (c *icmpConn) Close() error                                { return c.pc.Close() }
func (c *icmpConn) SetReadDeadline(t time.Time) error           { return c.pc.SetReadDeadline(t) }
func (c *icmpConn) WriteTo(b []byte, dst net.Addr) (int, error) { return c.pc.WriteTo(b, dst) }

func sameHost(a net.Addr, target netip.Addr) bool {
	switch v := a.(type) {
	case *net.IPAddr:
		ip, ok := netip.AddrFromSlice(v.IP)
		return ok && ip.Unmap() == target
	case *net.UDPAddr:
		ip, ok := netip.AddrFromSlice(v.IP)
		return ok && ip.Unmap() == target
	}
	return false
}
