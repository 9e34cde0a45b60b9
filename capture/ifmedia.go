package capture

import "net"

// ifMedia is what macOS's SIOCGIFMEDIA says of an interface
// (struct ifmediareq, net/if_media.h): its media status word and the
// active media word. It is read on macOS only (ifaces_darwin.go) and
// classified here, so the rules are tested on recorded values everywhere.
type ifMedia struct {
	Status, Active uint32
}

// net/if_media.h (XNU, as FreeBSD): bits 5-7 of a media word are its type,
// bits 0-4 the subtype; the status word says whether it is valid and
// whether the link is active.
const (
	ifmAvalid    = 0x1
	ifmActive    = 0x2
	ifmTypeMask  = 0xe0
	ifmEther     = 0x20
	ifmIEEE80211 = 0x80
	ifmSubMask   = 0x1f
)

// ifmSpeedMbps are the Ethernet subtypes of copper links a laptop
// negotiates (IFM_10_T, IFM_100_TX, IFM_1000_T); others say no speed.
var ifmSpeedMbps = map[uint32]int{3: 10, 6: 100, 16: 1000}

// darwinInterface classifies ifc from its media (mediaOK false when
// SIOCGIFMEDIA failed: bridges, tunnels, loopback and other virtual
// links have no media). A wired port's media is Ethernet, and Ethernet
// media with no hardware address is virtual; carrier is a valid status
// with the active bit.
func darwinInterface(ifc net.Interface, m ifMedia, mediaOK bool) Interface {
	it := Interface{Name: ifc.Name, MAC: ifc.HardwareAddr, Up: ifc.Flags&net.FlagUp != 0}
	if mediaOK {
		it.Carrier = m.Status&ifmAvalid != 0 && m.Status&ifmActive != 0
	}
	switch {
	case ifc.Flags&net.FlagLoopback != 0:
		it.Kind = KindLoopback
	case !mediaOK || len(ifc.HardwareAddr) != 6:
		it.Kind = KindVirtual
	case m.Active&ifmTypeMask == ifmIEEE80211:
		it.Kind = KindWireless
	case m.Active&ifmTypeMask != ifmEther:
		it.Kind = KindOther
	default:
		it.Kind = KindWired
		if it.Carrier {
			it.SpeedMbps = ifmSpeedMbps[m.Active&ifmSubMask]
		}
	}
	return it
}
