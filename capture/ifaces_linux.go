package capture

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// sysClassNet is where Linux describes each network interface.
const sysClassNet = "/sys/class/net"

func listInterfaces() ([]Interface, error) {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil, err
	}
	return linuxInterfaces(ifaces, sysClassNet), nil
}

// linuxInterfaces classifies ifaces from what sysClassNet says of each: a
// wired port is ARPHRD_ETHER (type 1), backed by a device (veth, bridges,
// tun/tap, bonds and other virtual links have none) and not wireless;
// carrier is the carrier attribute (unreadable while the link is down).
func linuxInterfaces(ifaces []net.Interface, sysClassNet string) []Interface {
	out := make([]Interface, 0, len(ifaces))
	for _, ifc := range ifaces {
		dir := filepath.Join(sysClassNet, ifc.Name)
		it := Interface{Name: ifc.Name, MAC: ifc.HardwareAddr, Up: ifc.Flags&net.FlagUp != 0, Carrier: sysValue(dir, "carrier") == "1"}
		switch {
		case ifc.Flags&net.FlagLoopback != 0:
			it.Kind = KindLoopback
		case exists(filepath.Join(dir, "wireless")) || exists(filepath.Join(dir, "phy80211")):
			it.Kind = KindWireless
		case !exists(filepath.Join(dir, "device")):
			it.Kind = KindVirtual
		case sysValue(dir, "type") != "1":
			it.Kind = KindOther
		default:
			it.Kind = KindWired
		}
		if speed, err := strconv.Atoi(sysValue(dir, "speed")); err == nil && speed > 0 {
			it.SpeedMbps = speed
		}
		out = append(out, it)
	}
	return out
}

// sysValue reads one sysfs attribute; "" when it cannot be read (speed
// and carrier fail to read on a link that is down).
func sysValue(dir, name string) string {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
