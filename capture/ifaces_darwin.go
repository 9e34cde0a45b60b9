package capture

import (
	"encoding/binary"
	"net"
	"unsafe"

	"golang.org/x/sys/unix"
)

func listInterfaces() ([]Interface, error) {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil, err
	}
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
	if err != nil {
		return nil, err
	}
	defer unix.Close(fd)
	out := make([]Interface, len(ifaces))
	for i, ifc := range ifaces {
		m, err := mediaOf(fd, ifc.Name)
		out[i] = darwinInterface(ifc, m, err == nil)
	}
	return out, nil
}

// mediaOf asks SIOCGIFMEDIA for name's media. struct ifmediareq is packed
// to 4 bytes on macOS (44 bytes, hence the request's size field):
// ifm_name[16], then ints ifm_current, ifm_mask, ifm_status, ifm_active,
// ifm_count and the pointer ifm_ulist, left nil so no list is copied out.
func mediaOf(fd int, name string) (ifMedia, error) {
	var req [48]byte
	copy(req[:unix.IFNAMSIZ-1], name)
	if err := ioctlPtr(fd, unix.SIOCGIFMEDIA, unsafe.Pointer(&req[0])); err != nil {
		return ifMedia{}, err
	}
	return ifMedia{Status: binary.NativeEndian.Uint32(req[24:]), Active: binary.NativeEndian.Uint32(req[28:])}, nil
}
