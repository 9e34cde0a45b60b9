package probe

import (
	"encoding/binary"
	"errors"
	"time"

	"golang.org/x/sys/unix"
)

// ErrNoICMP: neither a raw ICMP socket (root/CAP_NET_RAW) nor an
// unprivileged ping socket (net.ipv4.ping_group_range) could be opened.
var ErrNoICMP = errors.New("probe: ICMP echo needs root, CAP_NET_RAW, or this group in net.ipv4.ping_group_range")

// soRxTimestamp asks for nanosecond receive times (struct timespec).
const soRxTimestamp = unix.SO_TIMESTAMPNS

// rxTimestamp reads an SCM_TIMESTAMPNS control message.
func rxTimestamp(m unix.SocketControlMessage) (time.Time, bool) {
	if m.Header.Level != unix.SOL_SOCKET || m.Header.Type != unix.SCM_TIMESTAMPNS || len(m.Data) < 16 {
		return time.Time{}, false
	}
	sec := int64(binary.NativeEndian.Uint64(m.Data[0:]))
	nsec := int64(binary.NativeEndian.Uint64(m.Data[8:]))
	return time.Unix(sec, nsec), true
}
