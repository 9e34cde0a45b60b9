package probe

import (
	"errors"
	"fmt"
	"net"
	"os"
	"time"
)

// ErrNoICMP: Windows opens raw ICMP sockets to administrators only.
var ErrNoICMP = errors.New("probe: ICMP echo needs an administrator prompt on Windows (right-click the terminal, Run as administrator)")

// listenICMP opens a raw ICMP socket (administrators only on Windows).
func listenICMP() (*icmpConn, error) {
	pc, err := net.ListenPacket("ip4:icmp", "0.0.0.0")
	if err != nil {
		if errors.Is(err, os.ErrPermission) {
			return nil, ErrNoICMP
		}
		return nil, fmt.Errorf("probe: icmp socket: %w", err)
	}
	return &icmpConn{pc: pc, privileged: true}, nil
}

// ReadFrom reads one ICMP message (the IPv4 header is stripped by the net
// package) and the time it was read: Windows gives no receive timestamp on
// raw sockets.
func (c *icmpConn) ReadFrom(b, _ []byte) (int, net.Addr, time.Time, error) {
	n, from, err := c.pc.ReadFrom(b)
	return n, from, time.Now(), err
}
