package tui

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/tui/common"
)

// SysClassNet is where Linux describes each network interface.
const SysClassNet = "/sys/class/net"

// errHostUnderTest keeps tests off the host's own jacks (they may only
// send frames inside namespaces they made): a test injects its list.
var errHostUnderTest = errors.New("not listing this host's interfaces under go test: inject Deps.Interfaces")

// HostInterfaces lists this laptop's wired Ethernet interfaces with a
// link, the jacks the technician may be plugged into.
func HostInterfaces(context.Context) ([]common.WiredInterface, error) {
	if testing.Testing() {
		return nil, errHostUnderTest
	}
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil, err
	}
	return WiredInterfaces(ifaces, SysClassNet), nil
}

// WiredInterfaces keeps, of ifaces, the physical Ethernet ports with a
// link: up, not loopback, ARPHRD_ETHER (type 1), backed by a device (veth,
// bridges, tun/tap, bonds and other virtual links have none), not
// wireless, carrier present. sysClassNet is read for what net does not
// say.
func WiredInterfaces(ifaces []net.Interface, sysClassNet string) []common.WiredInterface {
	var out []common.WiredInterface
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		dir := filepath.Join(sysClassNet, ifc.Name)
		if sysValue(dir, "type") != "1" || sysValue(dir, "carrier") != "1" {
			continue
		}
		if !exists(filepath.Join(dir, "device")) || exists(filepath.Join(dir, "wireless")) || exists(filepath.Join(dir, "phy80211")) {
			continue
		}
		w := common.WiredInterface{Name: ifc.Name, MAC: ifc.HardwareAddr.String()}
		if speed, err := strconv.Atoi(sysValue(dir, "speed")); err == nil && speed > 0 {
			w.SpeedMbps = speed
		}
		out = append(out, w)
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

// JackOn returns the listening and probing of o on whichever interface
// the Here screen finds or the technician picks.
func JackOn(o JackOptions) common.JackOnFunc {
	return func(iface string) (common.HereFunc, common.ProbeFunc, error) {
		o := o
		o.Interface = iface
		return JackDeps(o)
	}
}

// FindJack lets the Here screen find the jack through list when deps say
// nothing about one (no listening, no declared jack, no saved snapshot to
// replay): `voxlan` alone, or `voxlan tui` without --iface.
func FindJack(deps *common.Deps, o JackOptions, list common.InterfacesFunc) {
	if deps.Here != nil || deps.Jack != nil || deps.Snapshot != nil || deps.Interfaces != nil || list == nil {
		return
	}
	if o.Profile == "" {
		o.Profile = DefaultProfile
	}
	deps.Interfaces, deps.JackOn = list, JackOn(o)
}
