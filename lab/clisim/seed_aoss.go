package clisim

import (
	"regexp"
	"strconv"

	"github.com/voxlan/voxlan/snapshot"
)

// aossPortName is a port AOS-S configures: a number, with a module letter
// for module ports ("A1"); the out-of-band port ("oobm0") is not one.
var aossPortName = regexp.MustCompile(`^[A-Z]?[1-9][0-9]*$`)

// NewAOSSFromSwitch returns an ArubaOS-Switch emulator configured as a
// discovered switch: hostname, VLANs (name, voice flag) and, per numbered
// Ethernet port (fixed and module ports), its untagged VLAN (the PVID) and tagged VLANs, PoE and
// LLDP neighbour.
func NewAOSSFromSwitch(sw snapshot.Switch) *AOSS {
	d := &AOSS{Hostname: sw.SysName, Release: "YA.16.10.0009", vlans: map[int]*AOSSVLAN{}, Faults: &Faults{}}
	if d.Hostname == "" {
		d.Hostname = "HP-2530-48G-PoEP"
	}
	def := d.newVLAN(1)
	def.Name, def.IP = "DEFAULT_VLAN", "dhcp-bootp"
	vlan := func(id int) *AOSSVLAN {
		if v, ok := d.vlans[id]; ok {
			return v
		}
		return d.newVLAN(id)
	}
	for _, v := range sw.VLANs {
		if v.ID > 1 && v.ID <= 4094 {
			nv := vlan(v.ID)
			if v.Name != "" {
				nv.Name = v.Name
			}
			nv.Voice = v.Voice
		}
	}
	for _, p := range sw.Ports {
		if p.Type != "ethernetCsmacd" || !aossPortName.MatchString(p.Name) {
			continue
		}
		ap := &AOSSPort{Name: p.Name, Descr: p.Alias, Disabled: !p.AdminUp, PoE: p.PoE != nil || sw.PoE.PortsNotRead}
		if p.PoE.Off() {
			ap.PoEOff = true
		}
		switch p.LLDPAdmin {
		case "disabled":
			ap.LLDPTxOff, ap.LLDPRxOff = true, true
		case "rxOnly":
			ap.LLDPTxOff = true
		case "txOnly":
			ap.LLDPRxOff = true
		}
		for _, n := range p.Neighbors {
			ap.Neighbor = seedNeighbor(n)
			break
		}
		untagged := p.PVID
		if untagged < 1 || untagged > 4094 {
			untagged = 1
		}
		vlan(untagged).Untagged[ap.Name] = true
		for _, id := range p.TaggedVLANs {
			if id != untagged && id >= 1 && id <= 4094 {
				vlan(id).Tagged[ap.Name] = true
			}
		}
		d.ports = append(d.ports, ap)
	}
	d.saved = d.runningConfig()
	return d
}

// splitAOSSPort splits a port name into its module letter ("" for a fixed
// port) and number: "A3" is ("A", 3), "12" is ("", 12).
func splitAOSSPort(name string) (module string, n int, ok bool) {
	if name != "" && name[0] >= 'A' && name[0] <= 'Z' {
		module, name = name[:1], name[1:]
	}
	n, err := strconv.Atoi(name)
	if err != nil || n < 1 || name[0] == '+' {
		return "", 0, false
	}
	return module, n, true
}
