package clisim

import (
	"net"
	"slices"
	"strings"

	"github.com/voxlan/voxlan/snapshot"
)

// sbLongNames are the SB interface types by their short prefix.
var sbLongNames = []struct{ short, long string }{
	{"gi", "GigabitEthernet"},
	{"te", "TenGigabitEthernet"},
	{"fa", "FastEthernet"},
}

// NewSBFromSwitch returns a Cisco SB emulator configured as a discovered
// switch: hostname, VLANs (the one flagged voice becomes the global voice
// VLAN), and per Ethernet port ("gi1/0/1" on a stack) access mode in its
// PVID, or general mode with its PVID untagged and its tagged VLANs when it
// carries some, its PoE and LLDP neighbour.
func NewSBFromSwitch(sw snapshot.Switch) *SB {
	mgmt := sw.Target
	if h, _, err := net.SplitHostPort(sw.Target); err == nil {
		mgmt = h
	}
	d := &SB{Hostname: sw.SysName, Version: "3.0.0.61", vlans: map[int]string{1: ""},
		policies: map[int]*SBPolicy{}, mgmtIP: mgmt, Faults: &Faults{}}
	if d.Hostname == "" {
		d.Hostname = "switch"
	}
	for _, v := range sw.VLANs {
		if v.ID > 1 && v.ID <= 4094 {
			d.vlans[v.ID] = v.Name
			if v.Voice {
				d.voiceVLAN = v.ID
			}
		}
	}
	use := func(id int) {
		if _, ok := d.vlans[id]; !ok && id > 1 && id <= 4094 {
			d.vlans[id] = ""
		}
	}
	for _, p := range sw.Ports {
		if p.Type != "ethernetCsmacd" {
			continue
		}
		long, short, ok := sbName(p.Name)
		if !ok {
			continue
		}
		sp := &SBPort{Name: long, Short: short, Description: p.Alias, Shutdown: !p.AdminUp, PoE: p.PoE != nil || sw.PoE.PortsNotRead}
		if p.PoE.Off() {
			sp.PoENever = true
		}
		switch p.LLDPAdmin {
		case "disabled":
			sp.LLDPTxOff, sp.LLDPRxOff = true, true
		case "rxOnly":
			sp.LLDPTxOff = true
		case "txOnly":
			sp.LLDPRxOff = true
		}
		for _, n := range p.Neighbors {
			sp.Neighbor = seedNeighbor(n)
			break
		}
		pvid := max(p.PVID, 1)
		use(pvid)
		var tagged []int
		for _, id := range p.TaggedVLANs {
			if id != pvid && id >= 1 && id <= 4094 {
				tagged = append(tagged, id)
				use(id)
			}
		}
		if len(tagged) == 0 {
			sp.Mode, sp.AccessVLAN = "access", pvid
		} else {
			slices.Sort(tagged)
			sp.Mode, sp.PVID, sp.GeneralUntagged, sp.GeneralTagged = "general", pvid, []int{pvid}, tagged
		}
		d.ports = append(d.ports, sp)
	}
	d.saved = d.runningConfig()
	return d
}

// sbName is a port's long and short SB names from its ifName ("gi1/0/1").
func sbName(name string) (long, short string, ok bool) {
	n := strings.ToLower(name)
	for _, ln := range sbLongNames {
		if rest, found := strings.CutPrefix(n, ln.short); found && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return ln.long + rest, ln.short + rest, true
		}
	}
	return "", "", false
}
