package probe

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/voxlan/voxlan/snapshot"
)

// ErrNoICMP: iphlpapi.dll's ICMP echo could not be opened (it needs no
// administrator rights, so a security product is likely blocking it);
// Echo then times TCP connects instead.
var ErrNoICMP = errors.New("probe: Windows' ICMP echo (IcmpCreateFile) could not be opened")

// Windows' ICMP helper (icmpapi.h, learn.microsoft.com "IcmpSendEcho2"):
// any user may send ICMP echo through it, unlike a raw socket.
var (
	iphlpapi            = windows.NewLazySystemDLL("iphlpapi.dll")
	procIcmpCreateFile  = iphlpapi.NewProc("IcmpCreateFile")
	procIcmpCloseHandle = iphlpapi.NewProc("IcmpCloseHandle")
	procIcmpSendEcho2   = iphlpapi.NewProc("IcmpSendEcho2")
)

// maxEchoesInFlight bounds the IcmpSendEcho2 calls waiting at once (each
// holds an OS thread until its answer or timeout).
const maxEchoesInFlight = 32

// roundTrips sends cfg.Count ICMP echo requests to target every
// cfg.Interval through IcmpSendEcho2, each call waiting (in its own
// goroutine) for its answer up to cfg.Timeout, and returns each round trip
// (0 = lost) timed by the clock around the call: IcmpSendEcho2's own
// RoundTripTime counts whole milliseconds, too coarse for a LAN.
func roundTrips(ctx context.Context, target netip.Addr, cfg EchoConfig) ([]time.Duration, string, error) {
	if err := procIcmpSendEcho2.Find(); err != nil {
		return nil, "", fmt.Errorf("%w: %v", ErrNoICMP, err)
	}
	h, _, callErr := procIcmpCreateFile.Call()
	if windows.Handle(h) == windows.InvalidHandle {
		return nil, "", fmt.Errorf("%w: %v", ErrNoICMP, callErr)
	}
	defer procIcmpCloseHandle.Call(h)
	ip := target.As4()
	// IPAddr is the address as in memory, network byte order.
	dst := uintptr(*(*uint32)(unsafe.Pointer(&ip[0])))
	rtts, err := paced(ctx, cfg, maxEchoesInFlight, func() (time.Duration, bool) { return sendEcho(h, dst, cfg.Timeout) })
	return rtts, snapshot.TransportIcmpSendEcho, err
}

// echoReplySize is sizeof(ICMP_ECHO_REPLY) on 64-bit Windows: Address,
// Status, RoundTripTime (ULONG each), DataSize, Reserved (USHORT), Data
// (PVOID at 16), Options (IP_OPTION_INFORMATION, 16 bytes).
const echoReplySize = 40

// sendEcho sends one echo request with a 32-byte payload and waits for its
// answer; ok says an echo reply (IP_SUCCESS) came within timeout.
func sendEcho(h, dst uintptr, timeout time.Duration) (time.Duration, bool) {
	payload := make([]byte, 32)
	// Room for one reply, its echoed data and an IO_STATUS_BLOCK, as the
	// documentation asks.
	reply := make([]byte, echoReplySize+len(payload)+8+16)
	start := time.Now()
	n, _, _ := procIcmpSendEcho2.Call(h, 0, 0, 0, dst,
		uintptr(unsafe.Pointer(&payload[0])), uintptr(len(payload)), 0,
		uintptr(unsafe.Pointer(&reply[0])), uintptr(len(reply)), uintptr(timeout.Milliseconds()))
	took := time.Since(start)
	// ICMP_ECHO_REPLY.Status at offset 4: 0 is IP_SUCCESS.
	if n == 0 || *(*uint32)(unsafe.Pointer(&reply[4])) != 0 {
		return 0, false
	}
	return took, true
}
