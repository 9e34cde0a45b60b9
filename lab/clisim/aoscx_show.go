package clisim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Show outputs of the AOS-CX emulator: `show vlan` and `show lldp
// neighbor-info detail` in the layout of the real samples in
// drivers/aruba_aoscx/testdata/ntc (ntc-templates), `show running-config`
// in the form of the AOS-CX 10.07 Fundamentals Guide examples. All are read
// back by drivers/aruba_aoscx in the tests.

func (d *AOSCX) runningConfig() string {
	st := d.st
	var b strings.Builder
	b.WriteString("Current configuration:\n!\n!Version ArubaOS-CX " + d.Release + "\n!export-password: default\n")
	fmt.Fprintf(&b, "hostname %s\n", st.Hostname)
	b.WriteString("!\n!\n!\nssh server vrf default\n")
	if st.LLDPOff {
		b.WriteString("no lldp\n")
	}
	// VLANs without settings share one line ("vlan 1,99"), as AOS-CX
	// writes them.
	var bare []int
	flush := func() {
		if len(bare) > 0 {
			fmt.Fprintf(&b, "vlan %s\n", intList(bare))
			bare = nil
		}
	}
	for _, id := range sortedKeys(st.VLANs) {
		v := st.VLANs[id]
		named := v.Name != "" && v.Name != "VLAN"+strconv.Itoa(id) && id != 1
		if !named && !v.Voice {
			bare = append(bare, id)
			continue
		}
		flush()
		fmt.Fprintf(&b, "vlan %d\n", id)
		if named {
			fmt.Fprintf(&b, "    name %s\n", v.Name)
		}
		if v.Voice {
			b.WriteString("    voice\n")
		}
	}
	flush()
	b.WriteString("spanning-tree\ninterface mgmt\n    no shutdown\n    ip dhcp\n")
	for _, p := range st.Ports {
		fmt.Fprintf(&b, "interface %s\n", p.Name)
		if p.Shutdown {
			b.WriteString("    shutdown\n")
		} else {
			b.WriteString("    no shutdown\n")
		}
		if p.Descr != "" {
			fmt.Fprintf(&b, "    description %s\n", p.Descr)
		}
		if p.PoEOff {
			b.WriteString("    no power-over-ethernet\n")
		}
		if p.Routed {
			b.WriteString("    routing\n")
		} else {
			b.WriteString("    no routing\n")
		}
		switch {
		case p.Trunk:
			native := p.Native
			if native == 0 {
				native = 1
			}
			tag := ""
			if p.NativeTag {
				tag = " tag"
			}
			fmt.Fprintf(&b, "    vlan trunk native %d%s\n", native, tag)
			if p.AllowedAll {
				b.WriteString("    vlan trunk allowed all\n")
			} else if len(p.Allowed) > 0 {
				fmt.Fprintf(&b, "    vlan trunk allowed %s\n", intList(p.Allowed))
			}
		case p.Access != 0 && !p.Routed:
			fmt.Fprintf(&b, "    vlan access %d\n", p.Access)
		}
		if p.LLDPTxOff {
			b.WriteString("    no lldp transmit\n")
		}
		if p.LLDPRxOff {
			b.WriteString("    no lldp receive\n")
		}
		if p.MEDOff {
			b.WriteString("    no lldp med network-policy\n")
		}
	}
	for _, id := range sortedKeys(st.SVIs) {
		fmt.Fprintf(&b, "interface vlan %d\n    ip address %s\n", id, st.SVIs[id])
	}
	b.WriteString("!\n!\n!\n!\n!\nhttps-server vrf default\n")
	return b.String()
}

func (d *AOSCX) showVersion() string {
	return "-----------------------------------------------------------------------------\n" +
		"ArubaOS-CX\n(c) Copyright 2017-2022 Hewlett Packard Enterprise Development LP\n" +
		"-----------------------------------------------------------------------------\n" +
		"Version      : " + d.Release + "\nBuild Date   : 2022-06-21 17:41:56 UTC\n" +
		"Build ID     : ArubaOS-CX:" + d.Release + ":6bb4c9a5ab9a:202206211741\n" +
		"Build SHA    : 6bb4c9a5ab9a4b7e4a3d5a6f1b0e33f4e0e3c1d2\nActive Image : primary\n\n" +
		"Service OS Version : FL.01.10.0002\nBIOS Version       : FL.01.0002\n"
}

func (d *AOSCX) showVLAN() string {
	rule := strings.Repeat("-", 114) + "\n"
	var b strings.Builder
	b.WriteString("\n" + rule)
	fmt.Fprintf(&b, "%-6s%-34s%-8s%-24s%-12s%-30s\n", "VLAN", "Name", "Status", "Reason", "Type", "Interfaces")
	b.WriteString(rule)
	for _, id := range sortedKeys(d.st.VLANs) {
		v := d.st.VLANs[id]
		var members []string
		for _, p := range d.st.Ports {
			if p.Routed {
				continue
			}
			in := (!p.Trunk && (p.Access == id || (p.Access == 0 && id == 1))) ||
				(p.Trunk && (p.AllowedAll || slices.Contains(p.Allowed, id) || p.Native == id || (p.Native == 0 && id == 1)))
			if in {
				members = append(members, p.Name)
			}
		}
		typ, status, reason := "static", "up", "ok"
		if id == 1 {
			typ = "default"
		}
		if len(members) == 0 {
			status, reason = "down", "no_member_port"
		}
		fmt.Fprintf(&b, "%-6d%-34s%-8s%-24s%-12s%s\n", id, v.Name, status, reason, typ, strings.Join(members, ","))
	}
	return b.String()
}

func sortedKeys[V any](m map[int]V) []int {
	ids := make([]int, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func (d *AOSCX) showLLDPDetail() string {
	var b strings.Builder
	n := 0
	for _, p := range d.st.Ports {
		if p.Neighbor != nil {
			n++
		}
	}
	b.WriteString("\nLLDP Neighbor Information\n=========================\n\n")
	fmt.Fprintf(&b, "Total Neighbor Entries          : %d\nTotal Neighbor Entries Deleted  : 0\nTotal Neighbor Entries Dropped  : 0\nTotal Neighbor Entries Aged-Out : 0\n", n)
	for _, p := range d.st.Ports {
		nb := p.Neighbor
		if nb == nil || d.st.LLDPOff || p.LLDPRxOff {
			continue
		}
		b.WriteString("\n" + strings.Repeat("-", 80) + "\n")
		kv := func(k, v string) { fmt.Fprintf(&b, "%-31s: %s\n", k, v) }
		kv("Port", p.Name)
		kv("Neighbor Entries", "1")
		kv("Neighbor Entries Deleted", "0")
		kv("Neighbor Entries Dropped", "0")
		kv("Neighbor Entries Aged-Out", "0")
		kv("Neighbor Chassis-Name", nb.SysName)
		kv("Neighbor Chassis-Description", nb.SysDescr)
		kv("Neighbor Chassis-ID", nb.ChassisID)
		kv("Neighbor Management-Address", "")
		kv("Chassis Capabilities Available", cxCaps(nb.Caps))
		kv("Chassis Capabilities Enabled", cxCaps(nb.Caps))
		kv("Neighbor Port-ID", nb.PortID)
		kv("Neighbor Port-Desc", nb.PortDescr)
		kv("Neighbor Port VLAN ID", "")
		kv("TTL", "120")
	}
	return b.String()
}

// cxCaps writes capability letters ("B,T") as AOS-CX words ("Bridge,
// Telephone").
func cxCaps(letters string) string {
	words := map[string]string{"B": "Bridge", "R": "Router", "T": "Telephone", "W": "WLAN", "S": "Station"}
	var out []string
	for _, l := range strings.Split(letters, ",") {
		if w, ok := words[strings.TrimSpace(l)]; ok {
			out = append(out, w)
		}
	}
	return strings.Join(out, ", ")
}
