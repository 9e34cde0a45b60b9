package snmp

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/snapshot"
)

// Vendor VLAN tables read where Q-BRIDGE lacks names or membership.
const (
	// TPLINK-DOT1Q-VLAN-MIB vlanConfigTable (index VLAN id): name, and
	// member ports as text ("1/0/1-4,1/0/9").
	oidTPLinkVlanName     = "1.3.6.1.4.1.11863.6.14.1.2.1.1.2"
	oidTPLinkVlanTagged   = "1.3.6.1.4.1.11863.6.14.1.2.1.1.3"
	oidTPLinkVlanUntagged = "1.3.6.1.4.1.11863.6.14.1.2.1.1.4"
	// JUNIPER-L2ALD-MIB jnxL2aldVlanTable (index internal VLAN id): name,
	// 802.1Q tag and FDB id. Junos names VLANs only here.
	oidJnxVlanName  = "1.3.6.1.4.1.2636.3.48.1.3.1.1.2"
	oidJnxVlanTag   = "1.3.6.1.4.1.2636.3.48.1.3.1.1.3"
	oidJnxVlanFdbID = "1.3.6.1.4.1.2636.3.48.1.3.1.1.5"
)

var vendorPlan = []column{
	{stageVLANs, "tplinkVlanName", oidTPLinkVlanName},
	{stageVLANs, "tplinkVlanTagPortMember", oidTPLinkVlanTagged},
	{stageVLANs, "tplinkVlanUntagPortMember", oidTPLinkVlanUntagged},
	{stageVLANs, "jnxL2aldVlanName", oidJnxVlanName},
	{stageVLANs, "jnxL2aldVlanTag", oidJnxVlanTag},
	{stageVLANs, "jnxL2aldVlanFdbId", oidJnxVlanFdbID},
}

// readJuniperVLANs names VLANs from jnxL2aldVlanTable and maps FDB ids to
// VLAN tags for dot1qTpFdbTable.
func readJuniperVLANs(sw *snapshot.Switch, d *data, fdbToVLAN map[int]int) {
	names := d.strings(stageVLANs, oidJnxVlanName)
	tags := d.ints(stageVLANs, oidJnxVlanTag)
	fdb := d.ints(stageVLANs, oidJnxVlanFdbID)
	if len(tags) == 0 {
		return
	}
	byTag := map[int]string{}
	for idx, tag := range tags {
		if !validVLAN(tag) {
			continue
		}
		byTag[int(tag)] = names[idx]
		if f, ok := fdb[idx]; ok && f > 0 && f <= maxIndex {
			fdbToVLAN[int(f)] = int(tag)
		}
	}
	for i := range sw.VLANs {
		if n, ok := byTag[sw.VLANs[i].ID]; ok && sw.VLANs[i].Name == "" {
			sw.VLANs[i].Name = n
		}
	}
}

var reTPLinkPort = regexp.MustCompile(`^(\d+/\d+/)(\d+)(?:-(\d+))?$`)

// parseTPLinkPorts reads a JetStream member list such as "1/0/1-4,1/0/9"
// into port names ("1/0/1", ...). Ranges are bounded to 512 ports.
func parseTPLinkPorts(s string) ([]string, bool) {
	var out []string
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	for _, item := range strings.Split(s, ",") {
		m := reTPLinkPort.FindStringSubmatch(strings.TrimSpace(item))
		if m == nil {
			return nil, false
		}
		from, err1 := strconv.Atoi(m[2])
		to := from
		var err2 error
		if m[3] != "" {
			to, err2 = strconv.Atoi(m[3])
		}
		if err1 != nil || err2 != nil || to < from || to-from > 512 || len(out) > 4096 {
			return nil, false
		}
		for n := from; n <= to; n++ {
			out = append(out, m[1]+strconv.Itoa(n))
		}
	}
	return out, true
}

var reTPLinkIfName = regexp.MustCompile(`(\d+/\d+/\d+)`)

// readTPLinkVLANs fills VLANs and membership from JetStream's own VLAN
// table when Q-BRIDGE gave none. Ports are matched by the unit/slot/port
// in their ifDescr ("gigabitEthernet 1/0/3 : copper").
func readTPLinkVLANs(sw *snapshot.Switch, d *data, ports *portSet) {
	names := d.strings(stageVLANs, oidTPLinkVlanName)
	if len(names) == 0 || len(sw.VLANs) > 0 {
		return
	}
	byPortName := map[string]*snapshot.Port{}
	for _, p := range ports.sorted() {
		for _, s := range []string{p.Name, p.Descr} {
			if m := reTPLinkIfName.FindString(s); m != "" && byPortName[m] == nil {
				byPortName[m] = p
			}
		}
	}
	tagged := d.strings(stageVLANs, oidTPLinkVlanTagged)
	untagged := d.strings(stageVLANs, oidTPLinkVlanUntagged)
	var ids []int
	bad := 0
	for idx := range names {
		id, ok := intIndex(idx)
		if !ok || !validVLAN(int64(id)) {
			bad++
			continue
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		k := strconv.Itoa(id)
		sw.VLANs = append(sw.VLANs, snapshot.VLAN{ID: id, Name: names[k]})
		for _, list := range []struct {
			text     string
			untagged bool
		}{{tagged[k], false}, {untagged[k], true}} {
			members, ok := parseTPLinkPorts(list.text)
			if !ok {
				bad++
				continue
			}
			for _, m := range members {
				p := byPortName[m]
				if p == nil {
					bad++
					continue
				}
				if list.untagged {
					p.UntaggedVLANs = append(p.UntaggedVLANs, id)
				} else {
					p.TaggedVLANs = append(p.TaggedVLANs, id)
				}
			}
		}
	}
	if bad > 0 {
		d.errorf(stageVLANs, "%d TP-Link VLAN rows or members could not be read; left out", bad)
	}
}
