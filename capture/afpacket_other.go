//go:build !linux

package capture

import (
	"fmt"
	"runtime"
)

// Open fails on systems other than Linux: live capture is not implemented
// there yet. Reading pcap files with OpenFile works everywhere.
func Open(ifname string, etherTypes ...uint16) (Port, error) {
	return nil, fmt.Errorf("%w (this is %s; capture a pcap with tcpdump/Wireshark and run `voxlan decode FILE`)", ErrNotSupported, runtime.GOOS)
}
