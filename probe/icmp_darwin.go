package probe

import (
	"encoding/binary"
	"errors"
	"time"

	"golang.org/x/sys/unix"
)

// ErrNoICMP: neither a raw ICMP socket (root) nor the unprivileged ping
// socket macOS gives every user could be opened.
var ErrNoICMP = errors.New("probe: no ICMP echo socket could be opened (macOS allows them without sudo; is a sandbox or security tool blocking voxlan?)")

// soRxTimestamp asks for microsecond receive times (struct timeval), the
// finest macOS gives on ordinary sockets.
const soRxTimestamp = unix.SO_TIMESTAMP

// rxTimestamp reads an SCM_TIMESTAMP control message: struct timeval is
// tv_sec int64 then tv_usec int32 on 64-bit macOS.
func rxTimestamp(m unix.SocketControlMessage) (time.Time, bool) {
	if m.Header.Level != unix.SOL_SOCKET || m.Header.Type != unix.SCM_TIMESTAMP || len(m.Data) < 12 {
		return time.Time{}, false
	}
	sec := int64(binary.NativeEndian.Uint64(m.Data[0:]))
	usec := int64(int32(binary.NativeEndian.Uint32(m.Data[8:])))
	return time.Unix(sec, usec*1000), true
}
