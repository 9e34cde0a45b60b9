package capture

import "net"

// adapter is one network adapter as Windows describes it: the fields of
// GetAdaptersAddresses' IP_ADAPTER_ADDRESSES and GetIfEntry2Ex's
// MIB_IF_ROW2 that voxlan reads (learn.microsoft.com, iptypes.h and
// netioapi.h). It is filled on Windows only (adapters_windows.go) and
// classified here, so the rules are tested on recorded lists everywhere.
type adapter struct {
	Name        string // "Ethernet 2" (the friendly name, the ifAlias)
	Description string // "Intel(R) Ethernet Connection I219-LM"
	Device      string // \Device\NPF_{GUID}, as Npcap opens it
	MAC         net.HardwareAddr
	IfType      uint32 // IANA ifType: 6 Ethernet, 71 802.11, 24 loopback
	OperStatus  uint32 // 1 up
	// Row says the interface table answered for this adapter; the fields
	// below are read from it.
	Row            bool
	AdminStatus    uint32 // 1 up (enabled)
	MediaConnect   uint32 // MediaConnectState: 1 connected
	PhysicalMedium uint32 // NDIS_PHYSICAL_MEDIUM: 1 and 9 are Wi-Fi
	StatusFlags    uint8  // InterfaceAndOperStatusFlags, bit per BOOLEAN
	RxSpeedBps     uint64
}

// Windows' values for adapter's fields (ipifcons.h, ifdef.h, ntddndis.h).
const (
	ifTypeEthernet       = 6
	ifTypeLoopback       = 24
	ifTypeIEEE80211      = 71
	ifOperStatusUp       = 1
	ifAdminStatusUp      = 1
	mediaConnected       = 1
	physMediumWLAN       = 1 // NdisPhysicalMediumWirelessLan
	physMediumNative11   = 9 // NdisPhysicalMediumNative802_11
	flagConnectorPresent = 0x04
)

// windowsInterface classifies a: a wired port is an Ethernet adapter with
// a physical connector (ConnectorPresent, what Get-NetAdapter -Physical
// keeps: Hyper-V, VPN and VirtualBox adapters are Ethernet without one);
// carrier is the media connect state. Without a row from the interface
// table (it failed), an Ethernet adapter counts as wired and its
// operational status as carrier.
func windowsInterface(a adapter) Interface {
	it := Interface{Name: a.Name, Description: a.Description, MAC: a.MAC, Up: true, Carrier: a.OperStatus == ifOperStatusUp}
	if a.Row {
		it.Up = a.AdminStatus == ifAdminStatusUp
		it.Carrier = a.MediaConnect == mediaConnected
		if a.RxSpeedBps > 0 && a.RxSpeedBps < 1<<62 {
			it.SpeedMbps = int(a.RxSpeedBps / 1_000_000)
		}
	}
	switch {
	case a.IfType == ifTypeLoopback:
		it.Kind = KindLoopback
	case a.IfType == ifTypeIEEE80211 || a.PhysicalMedium == physMediumWLAN || a.PhysicalMedium == physMediumNative11:
		it.Kind = KindWireless
	case a.IfType != ifTypeEthernet:
		it.Kind = KindOther
	case a.Row && a.StatusFlags&flagConnectorPresent == 0:
		it.Kind = KindVirtual
	default:
		it.Kind = KindWired
	}
	return it
}
