package clisim

import (
	"fmt"
	"net"
	"slices"
	"strings"

	"github.com/voxlan/voxlan/snapshot"
)

// iosLongNames are the IOS interface types by their short prefix, so a
// snapshot's "Fa3/0/1" is configured as "interface FastEthernet3/0/1".
var iosLongNames = []struct{ short, long string }{
	{"Fa", "FastEthernet"},
	{"Gi", "GigabitEthernet"},
	{"Te", "TenGigabitEthernet"},
	{"Tw", "TwoGigabitEthernet"},
	{"Fi", "FiveGigabitEthernet"},
	{"Twe", "TwentyFiveGigE"},
	{"Fo", "FortyGigabitEthernet"},
	{"Hu", "HundredGigE"},
}

// NewIOSFromSwitch returns an IOS emulator whose configuration is the one a
// discovered switch shows: its hostname, its VLANs (named as read, plus
// every VLAN a port uses), and one interface per Ethernet port with the
// port's mode, access or native VLAN, trunk list, voice VLAN, PoE and LLDP
// neighbours. A demo then shows the same switch over SNMP and over the
// CLI. Virtual, VLAN and aggregate interfaces are left out: the drivers
// change access ports only.
func NewIOSFromSwitch(sw snapshot.Switch) *IOS {
	mgmt := sw.Target
	if h, _, err := net.SplitHostPort(sw.Target); err == nil {
		mgmt = h
	}
	d := &IOS{Hostname: sw.SysName, Version: "15.2(7)E8", vlans: map[int]string{1: "default"},
		profiles: map[int]*IOSProfile{}, mgmtIP: mgmt, Faults: &Faults{}}
	if d.Hostname == "" {
		d.Hostname = "Switch"
	}
	for _, v := range sw.VLANs {
		if v.ID >= 1 && v.ID <= 4094 && v.Name != "" {
			d.vlans[v.ID] = v.Name
		}
	}
	use := func(id int) {
		if _, ok := d.vlans[id]; !ok && id > 1 && id <= 4094 {
			d.vlans[id] = fmt.Sprintf("VLAN%04d", id)
		}
	}
	for _, p := range sw.Ports {
		if p.Type != "ethernetCsmacd" {
			continue
		}
		long, short, ok := iosName(p)
		if !ok {
			continue
		}
		ip := &IOSPort{Name: long, Short: short, Description: p.Alias, Mode: p.Mode, VoiceVLAN: p.VoiceVLAN,
			Shutdown: !p.AdminUp, PoE: p.PoE != nil || sw.PoE.PortsNotRead}
		if p.PoE.Off() {
			ip.PoENever = true
		}
		switch p.Mode {
		case "trunk":
			ip.NativeVLAN = p.PVID
			if len(p.TaggedVLANs) > 0 {
				ip.Allowed = slices.Clone(p.TaggedVLANs)
			}
		case "hybrid":
			// IOS has no hybrid mode: an access port with a voice VLAN
			// is what the MIB reads as hybrid.
			ip.Mode = "access"
			ip.AccessVLAN = p.PVID
		default:
			ip.AccessVLAN = p.PVID
		}
		switch p.LLDPAdmin {
		case "disabled":
			ip.LLDPTxOff, ip.LLDPRxOff = true, true
		case "rxOnly":
			ip.LLDPTxOff = true
		case "txOnly":
			ip.LLDPRxOff = true
		}
		for _, n := range p.Neighbors {
			ip.Neighbor = seedNeighbor(n)
			break
		}
		use(ip.AccessVLAN)
		use(ip.NativeVLAN)
		use(ip.VoiceVLAN)
		for _, v := range ip.Allowed {
			use(v)
		}
		if ip.Neighbor != nil {
			d.lldpRun = true
		}
		d.ports = append(d.ports, ip)
	}
	d.saved = d.runningConfig()
	return d
}

// iosName is a port's long and short IOS names, from its ifName ("Gi1/0/1")
// or ifDescr ("GigabitEthernet1/0/1").
func iosName(p snapshot.Port) (long, short string, ok bool) {
	for _, n := range []string{p.Name, p.Descr} {
		typ := strings.TrimRight(n, "0123456789/.")
		num := n[len(typ):]
		if typ == "" || num == "" || strings.ContainsAny(typ, " /") {
			continue
		}
		for _, ln := range iosLongNames {
			if strings.EqualFold(typ, ln.long) || strings.EqualFold(typ, ln.short) {
				return ln.long + num, ln.short + num, true
			}
		}
	}
	return "", "", false
}

func seedNeighbor(n snapshot.Neighbor) *Neighbor {
	caps := make([]string, 0, len(n.Capabilities))
	phone := false
	for _, c := range n.Capabilities {
		switch strings.ToLower(c) {
		case "bridge":
			caps = append(caps, "B")
		case "router":
			caps = append(caps, "R")
		case "telephone":
			caps = append(caps, "T")
			phone = true
		case "wlanaccesspoint":
			caps = append(caps, "W")
		case "station":
			caps = append(caps, "S")
		}
	}
	return &Neighbor{SysName: n.SysName, ChassisID: n.ChassisID, PortID: n.PortID, PortDescr: n.PortDescr,
		SysDescr: n.SysDescr, Caps: strings.Join(caps, ","), Phone: phone && n.MED != nil}
}
