package lldp

import (
	"encoding/hex"
	"net"
	"net/netip"
	"strconv"
	"unicode/utf8"

	"github.com/voxlan/voxlan/snapshot"
)

// capabilityWords are the snapshot's words for LLDP capability bits 0-10.
var capabilityWords = [...]string{"other", "repeater", "bridge", "wlanAccessPoint", "router",
	"telephone", "docsisCableDevice", "station", "cVlan", "sVlan", "twoPortMacRelay"}

// CapabilityWords turns an LLDP capability bitmap into the snapshot's words.
func CapabilityWords(bits uint16) []string {
	out := []string{}
	for i, w := range capabilityWords {
		if bits&(1<<i) != 0 {
			out = append(out, w)
		}
	}
	return out
}

// CDPCapabilityWords maps CDP capability bits onto the snapshot's words:
// a CDP switch or transparent bridge is a "bridge", a phone a "telephone".
func CDPCapabilityWords(bits uint32) []string {
	out := []string{}
	add := func(w string) {
		for _, have := range out {
			if have == w {
				return
			}
		}
		out = append(out, w)
	}
	for _, c := range []struct {
		bit  uint32
		word string
	}{
		{CDPCapRepeater, "repeater"}, {CDPCapTransBridge, "bridge"}, {CDPCapSwitch, "bridge"},
		{CDPCapRouter, "router"}, {CDPCapPhone, "telephone"}, {CDPCapTwoPortMACRelay, "twoPortMacRelay"},
		{CDPCapHost, "host"}, {CDPCapIGMP, "igmp"}, {CDPCapSourceRouteBr, "sourceRouteBridge"},
		{CDPCapRemotelyManaged | 0x200 | ^uint32(0x7ff), "other"},
	} {
		if bits&c.bit != 0 {
			add(c.word)
		}
	}
	return out
}

// ChassisIDString renders a chassis ID the way lldpd does: MAC addresses as
// aa:bb:cc:dd:ee:ff, network addresses as IPs, printable text as is, other
// bytes as colon-separated hex.
func (c ChassisID) String() string {
	return idString(uint8(c.Subtype) == uint8(ChassisIDMACAddress), uint8(c.Subtype) == uint8(ChassisIDNetworkAddress), c.ID)
}

// String renders a port ID like ChassisID.String.
func (p PortID) String() string {
	return idString(p.Subtype == PortIDMACAddress, p.Subtype == PortIDNetworkAddress, p.ID)
}

func idString(isMAC, isAddr bool, id []byte) string {
	switch {
	case isMAC && len(id) == 6:
		return net.HardwareAddr(id).String()
	case isAddr && len(id) >= 1:
		if a, ok := ianaAddr(id[0], id[1:]); ok {
			return a
		}
	}
	return text(id)
}

// ianaAddr renders an address of IANA family 1 (IPv4), 2 (IPv6) or 6
// (IEEE 802 MAC).
func ianaAddr(family uint8, a []byte) (string, bool) {
	switch {
	case family == 1 && len(a) == 4:
		return netip.AddrFrom4([4]byte(a)).String(), true
	case family == 2 && len(a) == 16:
		return netip.AddrFrom16([16]byte(a)).String(), true
	case family == 6 && len(a) == 6:
		return net.HardwareAddr(a).String(), true
	}
	return "", false
}

// text returns printable UTF-8 as a string (trailing NULs dropped, as some
// switches send C strings) and anything else as colon-separated hex.
func text(b []byte) string {
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	if utf8.Valid(b) {
		printable := true
		for _, r := range string(b) {
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
				printable = false
				break
			}
		}
		if printable {
			return string(b)
		}
	}
	if len(b) == 0 {
		return ""
	}
	out := make([]byte, 0, 3*len(b))
	for i, c := range b {
		if i > 0 {
			out = append(out, ':')
		}
		out = hex.AppendEncode(out, []byte{c})
	}
	return string(out)
}

// ApplicationWords are the snapshot's names of the MED applications 1-8.
var applicationWords = [...]string{1: "voice", 2: "voiceSignaling", 3: "guestVoice", 4: "guestVoiceSignaling",
	5: "softphoneVoice", 6: "videoConferencing", 7: "streamingVideo", 8: "videoSignaling"}

// ApplicationWord names a MED application type ("voice"), or "app<N>".
func ApplicationWord(app uint8) string {
	if int(app) < len(applicationWords) && applicationWords[app] != "" {
		return applicationWords[app]
	}
	return "app" + strconv.Itoa(int(app))
}

// DeviceClassWord names a MED device class as the snapshot does.
func DeviceClassWord(class uint8) string {
	switch class {
	case 0:
		return "notDefined"
	case 1, 2, 3:
		return "endpointClass" + strconv.Itoa(int(class))
	case 4:
		return "networkConnectivity"
	}
	return "class" + strconv.Itoa(int(class))
}

// Neighbor maps the LLDPDU onto the snapshot's neighbour fields. Platform is
// the MED inventory model.
func (d *LLDPDU) Neighbor() snapshot.Neighbor {
	n := snapshot.Neighbor{
		Protocol:     "lldp",
		ChassisID:    d.ChassisID.String(),
		PortID:       d.PortID.String(),
		PortDescr:    text(d.PortDescription),
		SysName:      text(d.SystemName),
		SysDescr:     text(d.SystemDescription),
		Platform:     text(d.MED.Model),
		Capabilities: CapabilityWords(d.Capabilities.Enabled),
		NativeVLAN:   int(d.Dot1.PVID),
	}
	for _, m := range d.ManagementAddresses {
		if a, ok := ianaAddr(m.Family, m.Address); ok && (m.Family == 1 || m.Family == 2) {
			n.MgmtAddress = a
			break
		}
	}
	if d.MED.Present() {
		med := &snapshot.MED{
			DeviceClass:  DeviceClassWord(d.MED.DeviceClass),
			Policies:     []snapshot.Policy{},
			Manufacturer: text(d.MED.Manufacturer),
			Model:        text(d.MED.Model),
			SoftwareRev:  text(d.MED.SoftwareRevision),
		}
		for _, p := range d.MED.Policies {
			med.Policies = append(med.Policies, snapshot.Policy{
				Application: ApplicationWord(p.Application), Unknown: p.Unknown,
				VLAN: int(p.VLAN), Tagged: p.Tagged, Priority: int(p.Priority), DSCP: int(p.DSCP),
			})
		}
		n.MED = med
	}
	return n
}

// Neighbor maps the CDP PDU onto the snapshot's neighbour fields.
func (c *CDP) Neighbor() snapshot.Neighbor {
	n := snapshot.Neighbor{
		Protocol:     "cdp",
		ChassisID:    text(c.DeviceID),
		PortID:       text(c.PortID),
		SysName:      text(c.SystemName),
		SysDescr:     text(c.SoftwareVersion),
		Platform:     text(c.Platform),
		Capabilities: CDPCapabilityWords(c.Capabilities),
		NativeVLAN:   int(c.NativeVLAN),
	}
	if n.SysName == "" {
		// The snapshot takes CDP's Device ID as the system name when the
		// System Name TLV is absent (most IOS releases do not send it).
		n.SysName = n.ChassisID
	}
	if c.VoIPVLANReply.Present {
		n.VoiceVLAN = int(c.VoIPVLANReply.VLAN)
	}
	for _, list := range [][]CDPAddress{c.MgmtAddresses, c.Addresses} {
		for _, a := range list {
			if ip, ok := netip.AddrFromSlice(a.Address); ok && (a.IsIPv4() || a.IsIPv6()) {
				n.MgmtAddress = ip.String()
				break
			}
		}
		if n.MgmtAddress != "" {
			break
		}
	}
	return n
}
