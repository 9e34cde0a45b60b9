package snmp

import (
	"encoding/binary"
	"net/netip"
	"strconv"

	"github.com/voxlan/voxlan/snapshot"
)

// cdpCapabilityNames maps cdpCacheCapabilities bits (CDP capability TLV,
// least significant bit first) to the words LLDP uses, plus CDP's own.
var cdpCapabilityNames = []struct {
	bit  uint32
	name string
}{
	{0x01, "router"},
	{0x02, "bridge"}, // transparent bridge
	{0x04, "sourceRouteBridge"},
	{0x08, "bridge"}, // switch
	{0x10, "host"},
	{0x20, "igmp"},
	{0x40, "repeater"},
	{0x80, "telephone"},
}

// cdpDefinedBits are the capability bits CDP defines (0x001..0x200).
const cdpDefinedBits = 0x3ff

// CDPCapabilities turns cdpCacheCapabilities into words. The MIB says four
// octets, bit 0 = router; HP ProCurve answers the number as hex text
// ("8" = switch, "9" = router and switch), which is read when the value is
// 1-8 hex digits and, taken as octets, would set bits CDP does not define.
func CDPCapabilities(b []byte) []string {
	out := []string{}
	var v uint32
	switch {
	case len(b) == 4 && binary.BigEndian.Uint32(b)&^cdpDefinedBits == 0:
		v = binary.BigEndian.Uint32(b)
	case len(b) >= 1 && len(b) <= 8:
		n, err := strconv.ParseUint(string(b), 16, 32)
		if err != nil {
			return out
		}
		v = uint32(n)
	default:
		return out
	}
	for _, c := range cdpCapabilityNames {
		if v&c.bit != 0 && (len(out) == 0 || out[len(out)-1] != c.name) {
			out = append(out, c.name)
		}
	}
	return out
}

// readCDP attaches CDP neighbours (cdpCacheTable, index ifIndex.deviceIndex).
func readCDP(d *data, ports *portSet) {
	addrType := d.ints(stageCDP, oidCdpCacheAddressType)
	addr := d.bytes(stageCDP, oidCdpCacheAddress)
	version := d.strings(stageCDP, oidCdpCacheVersion)
	deviceID := map[string]string{}
	for k, b := range d.bytes(stageCDP, oidCdpCacheDeviceID) {
		deviceID[k] = textOrHex(b)
	}
	devPort := d.strings(stageCDP, oidCdpCacheDevicePort)
	platform := d.strings(stageCDP, oidCdpCachePlatform)
	caps := d.bytes(stageCDP, oidCdpCacheCapabilities)
	native := d.ints(stageCDP, oidCdpCacheNativeVLAN)
	voice := d.ints(stageCDP, oidCdpCacheVoiceVLAN)
	bad := 0
	for _, vb := range d.rows(oidCdpCacheDeviceID) {
		a, ok := arcs(vb.index)
		if !ok || len(a) != 2 {
			bad++
			continue
		}
		p := ports.get(int(a[0]))
		if p == nil {
			bad++
			continue
		}
		k := vb.index
		n := snapshot.Neighbor{
			Protocol:     snapshot.ProtocolCDP,
			ChassisID:    deviceID[k],
			PortID:       devPort[k],
			SysName:      deviceID[k],
			SysDescr:     version[k],
			Platform:     platform[k],
			Capabilities: CDPCapabilities(caps[k]),
		}
		// cdpCacheAddressType 1 = ip: four octets.
		if b := addr[k]; addrType[k] == 1 && len(b) == 4 {
			if a := netip.AddrFrom4([4]byte(b)); !a.IsUnspecified() {
				n.MgmtAddress = a.String()
			}
		}
		if v := native[k]; validVLAN(v) {
			n.NativeVLAN = int(v)
		}
		if v := voice[k]; validVLAN(v) {
			n.VoiceVLAN = int(v)
		}
		p.Neighbors = append(p.Neighbors, n)
	}
	if bad > 0 {
		d.errorf(stageCDP, "%d cdpCacheTable rows with an invalid index or unknown ifIndex were left out", bad)
	}
}
