package dhcp4

import (
	"fmt"
	"net"
	"net/netip"
)

// PhoneParams is the parameter request list voxlan sends: what an IP phone
// asks for, so servers that answer only requested options show them: mask,
// router, DNS, host name, domain, NTP, vendor-specific (43), TFTP server name
// (66), bootfile (67) and Cisco TFTP servers (150).
var PhoneParams = []uint8{
	OptSubnetMask, OptRouter, OptDNS, OptHostName, OptDomainName, OptNTP,
	OptVendorSpecific, OptTFTPServerName, OptBootfileName, OptTFTPServersCisc,
}

func clientBase(t MessageType, xid uint32, mac net.HardwareAddr) *Message {
	return &Message{
		Op: OpRequest, HType: 1, HLen: uint8(len(mac)), XID: xid,
		CHAddr: append(net.HardwareAddr(nil), mac...),
		Options: []Option{
			{Code: OptMessageType, Data: []byte{byte(t)}},
			// Client identifier: type 1 (Ethernet) + MAC, as dhclient sends.
			{Code: OptClientID, Data: append([]byte{1}, mac...)},
		},
	}
}

// NewDiscover builds a broadcast DISCOVER for mac asking for params.
func NewDiscover(xid uint32, mac net.HardwareAddr, params []uint8) *Message {
	m := clientBase(Discover, xid, mac)
	m.Flags = FlagBroadcast
	m.Options = append(m.Options,
		Option{Code: OptMaxMessageSize, Data: []byte{0x05, 0xdc}}, // 1500
		Option{Code: OptParamRequest, Data: append([]byte(nil), params...)})
	return m
}

// NewRequest builds the broadcast REQUEST (SELECTING state) that accepts
// offer: same xid, server id and requested address from the offer.
func NewRequest(offer *Message, mac net.HardwareAddr, params []uint8) (*Message, error) {
	server, ok := offer.Addr(OptServerID)
	if !ok {
		return nil, fmt.Errorf("dhcp4: offer has no server identifier")
	}
	if !offer.YIAddr.IsValid() {
		return nil, fmt.Errorf("dhcp4: offer from %s has no address", server)
	}
	m := clientBase(Request, offer.XID, mac)
	m.Flags = FlagBroadcast
	s4, y4 := server.As4(), offer.YIAddr.As4()
	m.Options = append(m.Options,
		Option{Code: OptRequestedIP, Data: y4[:]},
		Option{Code: OptServerID, Data: s4[:]},
		Option{Code: OptParamRequest, Data: append([]byte(nil), params...)})
	return m, nil
}

// NewRelease builds the RELEASE giving back addr, leased from server.
func NewRelease(xid uint32, mac net.HardwareAddr, addr, server netip.Addr) *Message {
	m := clientBase(Release, xid, mac)
	m.CIAddr = addr
	s4 := server.As4()
	m.Options = append(m.Options, Option{Code: OptServerID, Data: s4[:]})
	return m
}
