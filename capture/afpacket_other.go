//go:build !linux && !windows && !darwin

package capture

import (
	"fmt"
	"runtime"
)

// PermissionHint: there is no live capture to get the right to here.
const PermissionHint = "live capture is not available on this OS"

// TagsHidden: nothing is captured live here.
const TagsHidden = "live capture is not available on this OS"

// Open fails on systems other than Linux, Windows and macOS: live capture
// is not implemented there. Reading pcap files with OpenFile works everywhere.
func Open(ifname string, etherTypes ...uint16) (Port, error) {
	return nil, fmt.Errorf("%w (this is %s; capture a pcap with tcpdump/Wireshark and run `voxlan decode FILE`)", ErrNotSupported, runtime.GOOS)
}
