package clisim

import (
	"regexp"
	"slices"
	"strconv"

	"github.com/voxlan/voxlan/snapshot"
)

// cxPortName is a port AOS-CX configures: member/slot/port.
var cxPortName = regexp.MustCompile(`^[1-9][0-9]*/[1-9][0-9]*/[1-9][0-9]*$`)

// NewAOSCXFromSwitch returns an AOS-CX emulator configured as a discovered
// switch: hostname, VLANs (name, voice flag), and per member/slot/port
// Ethernet port its access VLAN, or for a port with tagged VLANs a trunk
// (native = PVID, allowed = PVID + tagged), PoE and LLDP neighbour.
func NewAOSCXFromSwitch(sw snapshot.Switch) *AOSCX {
	st := &cxState{Hostname: sw.SysName, VLANs: map[int]*CXVLAN{1: {ID: 1, Name: "DEFAULT_VLAN_1"}}, SVIs: map[int]string{}}
	if st.Hostname == "" {
		st.Hostname = "aruba-6200f"
	}
	vlan := func(id int) {
		if st.VLANs[id] == nil {
			st.VLANs[id] = &CXVLAN{ID: id, Name: "VLAN" + strconv.Itoa(id)}
		}
	}
	for _, v := range sw.VLANs {
		if v.ID > 1 && v.ID <= 4094 {
			vlan(v.ID)
			if v.Name != "" {
				st.VLANs[v.ID].Name = v.Name
			}
			st.VLANs[v.ID].Voice = v.Voice
		}
	}
	for _, p := range sw.Ports {
		if p.Type != "ethernetCsmacd" || !cxPortName.MatchString(p.Name) {
			continue
		}
		cp := &CXPort{Name: p.Name, Descr: p.Alias, Shutdown: !p.AdminUp, PoE: p.PoE != nil || sw.PoE.PortsNotRead}
		if p.PoE.Off() {
			cp.PoEOff = true
		}
		switch p.LLDPAdmin {
		case "disabled":
			cp.LLDPTxOff, cp.LLDPRxOff = true, true
		case "rxOnly":
			cp.LLDPTxOff = true
		case "txOnly":
			cp.LLDPRxOff = true
		}
		for _, n := range p.Neighbors {
			cp.Neighbor = seedNeighbor(n)
			break
		}
		pvid := p.PVID
		if pvid < 1 || pvid > 4094 {
			pvid = 1
		}
		vlan(pvid)
		var tagged []int
		for _, id := range p.TaggedVLANs {
			if id != pvid && id >= 1 && id <= 4094 {
				vlan(id)
				tagged = append(tagged, id)
			}
		}
		if len(tagged) > 0 {
			cp.Trunk, cp.Native, cp.Allowed = true, pvid, append([]int{pvid}, tagged...)
			slices.Sort(cp.Allowed)
			cp.Allowed = slices.Compact(cp.Allowed)
		} else if pvid != 1 {
			cp.Access = pvid
		}
		st.Ports = append(st.Ports, cp)
	}
	d := &AOSCX{Release: "ML.10.07.0005", st: st, Faults: &Faults{}}
	if ver := sw.Version; ver != "" {
		d.Release = ver
	}
	d.saved = d.runningConfig()
	return d
}
